-- Users, roles and sign-in (DESIGN §4); indexes for the audit screen.

-- The people who sign in at the desk. Practice data: changed through the
-- write path, carried to every device by sync. login names the user in
-- the audit log and never changes; password_hash is argon2id, never the
-- password.
CREATE TABLE users (
	id              TEXT PRIMARY KEY,
	login           TEXT NOT NULL,
	full_name       TEXT NOT NULL,
	role            TEXT NOT NULL,                      -- practitioner, secretary, billing, admin
	practitioner_id TEXT REFERENCES practitioners(id),  -- their calendar column, or NULL
	grants          TEXT NOT NULL DEFAULT '',           -- rights beyond the role, comma-separated
	password_hash   TEXT NOT NULL,
	active          INTEGER NOT NULL DEFAULT 1,
	deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_login ON users(login) WHERE deleted = 0;

-- Minutes without input after which the desk locks itself.
ALTER TABLE practice ADD COLUMN lock_minutes INTEGER NOT NULL DEFAULT 5;

-- Failed sign-ins on this computer, per name typed, for the growing
-- delay before the next attempt. Local, never synced.
CREATE TABLE sign_in_failures (
	login    TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	last_utc INTEGER NOT NULL
);

-- The audit screen pages through the log newest first, filtered by
-- user, action, date or the rows of one patient.
CREATE INDEX audit_log_at ON audit_log(at, id);
CREATE INDEX audit_log_user ON audit_log(user, at);
CREATE INDEX audit_log_action ON audit_log(action, at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
