-- Where this computer's sync folder is and the practice's key, so the
-- desk syncs on its own (every few minutes, on closing) without asking
-- for the passphrase each time. Local bookkeeping like 0011 and 0012:
-- it never travels, and a joiner clears the copy a snapshot brings.
-- The key is as safe as the database that holds it (which holds every
-- patient's file already); backups are encrypted.
CREATE TABLE sync_settings (
	singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
	folder        TEXT NOT NULL,
	practice_key  TEXT NOT NULL, -- the practice's age identity
	remembered_at TEXT NOT NULL,
	last_sync_at  TEXT           -- the last sync that finished (RFC 3339, UTC)
);
