-- Sync through a shared folder (data/sync): what this device has sealed
-- into change files, how far it has applied every other device's files,
-- the files it refused, and the losing values of concurrent edits. All
-- of it is this device's own bookkeeping: none of these tables travel.

-- This device's change files, by sequence number. A file covers this
-- device's own changes with rowid in (from_change, to_change]. The row is
-- committed before the file is written, so a file lost in a crash (or a
-- sync folder replaced by an empty one) is written again from the same
-- changes, and a written file is never rewritten with other content.
-- written is set once the file is known to be in the folder with this
-- content: a file found there under the number of a set not yet written
-- is another one (this database restored from an old backup) and stops
-- the export instead of hiding the set's changes.
CREATE TABLE sync_out (
	seq         INTEGER PRIMARY KEY,
	from_change INTEGER NOT NULL,
	to_change   INTEGER NOT NULL,
	sealed_at   TEXT NOT NULL,
	written     INTEGER NOT NULL DEFAULT 0
);

-- How far each other device's files are applied: every file up to seq,
-- whose last change had the sender's change number last_change.
CREATE TABLE sync_in (
	device_id   TEXT PRIMARY KEY,
	seq         INTEGER NOT NULL,
	last_change INTEGER NOT NULL
);

-- Files refused with a reason (damaged, wrongly signed, from a newer
-- version…). fingerprint is the SHA-256 of the bytes refused, so that a
-- file a sync tool was still writing is tried again once it changes.
CREATE TABLE sync_quarantine (
	device_id   TEXT NOT NULL,
	seq         INTEGER NOT NULL,
	fingerprint TEXT NOT NULL,
	reason      TEXT NOT NULL, -- a code: undecryptable, bad_signature, malformed, too_new, invalid, …
	detail      TEXT NOT NULL, -- for the log, in English
	at          TEXT NOT NULL,
	PRIMARY KEY (device_id, seq)
);

-- The value a concurrent edit lost: never silently dropped, kept here for
-- a person to look at. op_id is the losing change (in changes).
CREATE TABLE conflicts (
	op_id     TEXT PRIMARY KEY,
	tbl       TEXT NOT NULL,
	row_id    TEXT NOT NULL,
	field     TEXT NOT NULL,
	value     TEXT,          -- JSON: the losing value
	device_id TEXT NOT NULL, -- who wrote the losing value
	winner_op TEXT NOT NULL,
	found_at  TEXT NOT NULL,
	resolved  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conflicts_row ON conflicts(tbl, row_id);
