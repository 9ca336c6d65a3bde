// Package backup makes and restores the practice's encrypted backups.
//
// A backup is one file: a short text header, the practice's backup key
// wrapped with the backup passphrase (an age file, scrypt), then an age
// file encrypted to that key holding a tar of a manifest, a copy of the
// database made with VACUUM INTO, the audit anchors beside it and the
// attached files.
//
// # Why a key pair and not the passphrase alone
//
// The desk backs up at close and every day, unattended. Encrypting to
// the passphrase itself would mean keeping the passphrase somewhere the
// desk can read it at close: in a file beside the database (no better
// than no encryption to whoever takes the laptop) or in the operating
// system's keyring (which a Linux desk without a session bus does not
// have). So the practice has an age X25519 key pair: the desk encrypts
// to its public half, which is not secret, and never needs the
// passphrase to back up. The private half is stored only wrapped with
// the passphrase (age's scrypt, work factor 2^18, about a second), in the
// database and at the head of every backup, so a backup opens on a new
// computer with the passphrase alone, and whoever finds a backup (or the
// database) must still guess the passphrase, exactly as with a file
// encrypted to the passphrase. A new passphrase brings a new key pair:
// the old passphrase keeps opening the backups made before, never the
// ones after.
//
// Anyone who can read the database can make a file that the practice's
// passphrase opens (the public key is in it): a backup is trusted as the
// data folder it came from is, no more.
//
// With standard tools: the header is three text lines
// ("Frontdesk backup 1", "payload: tar", "key-length: N"), then N bytes of
// the wrapped key (age -d with the passphrase gives an AGE-SECRET-KEY),
// then the payload (age -d -i that key, then tar x).
package backup
