// Package sync carries the practice's changes between its devices through
// a shared folder (a USB stick, Syncthing, a network or cloud drive),
// which it treats as a transport, never as a database: files there may
// be late, duplicated, reordered, half-written, damaged or conflict
// copies made by a sync tool.
//
// Each device writes only under devices/<its ID>/: change files
// chg/<seq>.chg.age, numbered from 1 without gaps, each written once
// under a temporary name, flushed and renamed, never rewritten. A change
// file holds a header and the device's field changes, signed with the
// device's Ed25519 key, compressed, and encrypted with age to the
// practice's key (format.go, pack.go, crypt.go). Export seals this device's new changes and writes their
// file; Import applies the other devices' files in order, each in one
// transaction, through data's ApplyChangeSet, and sets aside with a
// reason every file it cannot trust.
//
// Each device's audit chain travels with the changes it audits, one
// change per entry; a receiver appends it as written after checking
// every link, so that "frontdesk check" verifies every device's chain
// anywhere. Invoices and letters travel once finalized or sent, whole;
// their drafts stay on their device (data/sync_tables_billing.go).
//
// Not built yet (issue 15 goes on): creating the folder and joining it
// (the practice ID and wrapped key in the folder, snapshots for a joining
// device, exchanging device rows, public keys and series letters), the
// tables data still lists as not carried (syncNotYet), pruning, retiring
// a device, the screens and the command line. Nothing here is wired into
// the desk yet.
package sync
