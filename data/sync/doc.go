// Package sync carries the practice's changes between its devices through
// a shared folder (a USB stick, Syncthing, a network or cloud drive),
// which it treats as a transport, never as a database: files there may
// be late, duplicated, reordered, half-written, damaged or conflict
// copies made by a sync tool.
//
// # The folder
//
//	frontdesk-practice.json          the practice's ID and its key wrapped with the passphrase
//	devices/<id>/device.age          the device's record: series letter, name, public key,
//	                                 how far it applied every other device, retirements
//	devices/<id>/chg/<seq>.chg.age   its change files
//	devices/<id>/snap/<ms>.snap.age  its snapshots: copies of the practice, change
//	                                 log compacted to each field's newest stamp
//	devices/<id>/files/<sha256>.age  attached files, content-addressed
//
// Each device writes only under devices/<its ID>/: change files numbered
// from 1 without gaps, each written once under a temporary name, flushed
// and renamed, never rewritten. A change file holds a header and the
// device's field changes, signed with the device's Ed25519 key,
// compressed, and encrypted with age to the practice's key (format.go,
// pack.go, crypt.go). Export seals this device's new changes and writes
// their file; Import applies the other devices' files in order, each in
// one transaction, through data's ApplyChangeSet, and sets aside with a
// reason every file it cannot trust. Records and snapshots are described
// in records.go and snapshot.go; pruning in prune.go.
//
// Each device's audit chain travels with the changes it audits, one
// change per entry; a receiver appends it as written after checking
// every link, so that "frontdesk check" verifies every device's chain
// anywhere. Invoices and letters travel once finalized or sent, whole;
// their drafts stay on their device (data/sync_tables_billing.go).
//
// # Changes
//
// A change is {op, hlc, dev, tbl, row, f, old, new} (data.Change): one
// field of one row, old and new as JSON values, stamped with the device's
// hybrid logical clock. A row's creation is one change of the field "*"
// (data.CreatedField) whose new value is a JSON object of the row's
// travelling fields ({"family_name":"Gómez",…}; never its derived
// columns: search words, phone digits, name keys, an appointment's
// instants, which every device computes) and whose old value is absent.
// Later edits are one change per field, since the highest clock stamp
// wins per field; a deletion is the change of its tombstone field. The
// receiver applies a creation as the per-field creations it replaces:
// every field stamped with the creation's stamp, a row already there (a
// replayed creation, a row two devices made under one ID) resolved field
// by field, a losing concurrent value kept as a conflict. Change files
// written before hold per-field creations (one change a field, no old
// value); both forms are read for good. The format version did not
// change: a version that predates "*" refuses such a file as too new
// (ReasonTooNew, "*" being a field it does not know) instead of
// misreading it. (An audit entry stays what it was, one change of the
// field "entry" holding the whole entry.)
//
// Attached files travel beside the change files, content-addressed (files.go):
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
// Snapshots do not carry attached files: each is in the folder once for
// the practice and is never pruned (a retired device's files stay), so a
// device that joins receives them like any other; a copy removed by hand
// is sent again by the next device that holds the bytes.
//
// # The API the desk uses
//
//   - Create(ctx, store, dir, passphrase, opt): the first computer makes
//     the folder (refused when dir already holds a practice).
//   - OpenFolder(ctx, store, dir, passphrase): one scrypt; a wrong
//     passphrase is data.EForbidden and nothing is written; a folder of
//     another practice is data.EConflict.
//   - Sync(ctx, store, folder, opt) (Result, error): one run, safe to
//     repeat at any time (every few minutes, on close). Result says what
//     was sent, applied and refused, and whether this computer still
//     holds its numbers (Result.Held) while its series letter waits to be
//     acknowledged. An error wrapping ErrRejoin means this computer can
//     no longer catch up (retired, or away longer than Options.Retention):
//     its own changes were sent; it must join again with an empty data
//     folder.
//   - Join(ctx, dataDir, dir, passphrase, opt): an empty data folder
//     becomes a new computer of the practice from the newest snapshot.
//   - Retire(ctx, store, folder, letterOrID, opt).
//   - ChangePassphrase(ctx, store, folder, old, new, opt): rewraps the
//     practice's key; the computers that hold it go on syncing, and a
//     join needs the new passphrase (passphrase.go, which also says what
//     happens when two computers change it while apart).
//   - Remember(ctx, store, folder) and Remembered(ctx, store): the folder
//     and key a computer keeps for the desk's own syncs (the status line,
//     Sync now, every few minutes, at close: ui/sync_center.go).
//   - data.Store: NumbersHeld, Devices, QuarantinedFiles, SyncConflicts
//     and ResolveSyncConflict for the conflicts screen.
package sync
