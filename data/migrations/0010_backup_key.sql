-- The practice's backup key, an age X25519 key pair. Backups are
-- encrypted to its public half (the recipient), so the desk makes them
-- at close and every day without knowing the passphrase; the private
-- half is kept only wrapped with the practice's backup passphrase (age's
-- scrypt), here and at the head of every backup file. One row: a new
-- passphrase brings a new key pair, which replaces the old one.
CREATE TABLE backup_keys (
	id        TEXT PRIMARY KEY,
	recipient TEXT NOT NULL,
	wrapped   TEXT NOT NULL,
	created   INTEGER NOT NULL,       -- Unix seconds, UTC
	deleted   INTEGER NOT NULL DEFAULT 0
);
