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
// Attached files travel beside them, content-addressed (files.go):
// devices/<id>/files/<sha256>.age holds the bytes of one attachment,
// encrypted to the practice's key, not compressed (scans and photos are
// compressed already) and not signed: the signed change file that brings
// the attachment's record names the SHA-256, and the bytes are kept only
// when they hash to it. Each file is written once, by the first device
// that sends it, under its own folder; a receiving device takes any
// device's copy. A file not there yet leaves its attachment "not
// arrived", never removed; a copy that fails to decrypt or to match its
// hash is refused for the run (reported with its reason, nothing stored)
// and tried again the next time, in case a sync tool was still writing it.
//
// Not built yet (issue 15 goes on): creating the folder and joining it
// (the practice ID and wrapped key in the folder, snapshots for a joining
// device, exchanging device rows, public keys and series letters), the
// tables data still lists as not carried (syncNotYet), audit chains,
// pruning, retiring a device, the screens and the command line. Nothing
// here is wired into the desk yet.
package sync
