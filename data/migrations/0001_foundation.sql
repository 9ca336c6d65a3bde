-- The schema the desk needs from day one. Every table of practice data
-- has a text UUIDv7 key and a "deleted" tombstone flag, and changes only
-- through the write path (data/write.go), which records field-level
-- changes for sync and an audit row.

CREATE TABLE devices (
	id      TEXT PRIMARY KEY,
	series  TEXT NOT NULL UNIQUE,         -- letter of this device's number series (A, B, …)
	name    TEXT NOT NULL DEFAULT '',
	deleted INTEGER NOT NULL DEFAULT 0
);

-- Which device this database file belongs to. Local, never synced.
CREATE TABLE this_device (
	singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
	device_id TEXT NOT NULL REFERENCES devices(id)
);

-- Per-device number series (chart numbers, invoice numbers). Each device
-- only increments its own rows, so numbers never collide across devices.
CREATE TABLE counters (
	device_id TEXT NOT NULL,
	name      TEXT NOT NULL,
	value     INTEGER NOT NULL,
	PRIMARY KEY (device_id, name)
);

CREATE TABLE practice (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	address     TEXT NOT NULL DEFAULT '',
	phone       TEXT NOT NULL DEFAULT '',
	email       TEXT NOT NULL DEFAULT '',
	currency    TEXT NOT NULL,
	time_zone   TEXT NOT NULL,
	date_format TEXT NOT NULL DEFAULT 'DMY',
	deleted     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE practitioners (
	id           TEXT PRIMARY KEY,
	display_name TEXT NOT NULL,
	title        TEXT NOT NULL DEFAULT '',
	speciality   TEXT NOT NULL DEFAULT '',
	colour       TEXT NOT NULL DEFAULT '',
	active       INTEGER NOT NULL DEFAULT 1,
	deleted      INTEGER NOT NULL DEFAULT 0
);

-- One row per block of working time; two rows on one weekday leave a break.
CREATE TABLE working_hours (
	id              TEXT PRIMARY KEY,
	practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
	weekday         INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 = Sunday
	start_min       INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
	end_min         INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
	deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX working_hours_practitioner ON working_hours(practitioner_id);

CREATE TABLE appointment_types (
	id           TEXT PRIMARY KEY,
	name         TEXT NOT NULL,
	duration_min INTEGER NOT NULL,
	colour       TEXT NOT NULL DEFAULT '',
	default_fee  INTEGER NOT NULL DEFAULT 0, -- minor units of the practice currency
	active       INTEGER NOT NULL DEFAULT 1,
	deleted      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE patients (
	id             TEXT PRIMARY KEY,
	chart_number   TEXT NOT NULL UNIQUE,
	family_name    TEXT NOT NULL,
	given_name     TEXT NOT NULL DEFAULT '',
	preferred_name TEXT NOT NULL DEFAULT '',
	sex            TEXT NOT NULL DEFAULT 'unknown',
	birth_date     TEXT,                      -- YYYY-MM-DD
	phone          TEXT NOT NULL DEFAULT '',
	email          TEXT NOT NULL DEFAULT '',
	address        TEXT NOT NULL DEFAULT '',
	notes          TEXT NOT NULL DEFAULT '',
	deceased_date  TEXT,
	merged_into    TEXT REFERENCES patients(id),
	name_key       TEXT NOT NULL,             -- Fold(family + " " + given), for prefix search
	phone_digits   TEXT NOT NULL DEFAULT '',
	deleted        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX patients_name_key ON patients(name_key);
CREATE INDEX patients_birth_date ON patients(birth_date);

CREATE TABLE appointments (
	id              TEXT PRIMARY KEY,
	practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
	patient_id      TEXT REFERENCES patients(id),
	type_id         TEXT REFERENCES appointment_types(id),
	start_local     TEXT NOT NULL,   -- wall time on the practice clock, YYYY-MM-DDTHH:MM
	end_local       TEXT NOT NULL,
	time_zone       TEXT NOT NULL,   -- IANA zone the wall time is read in
	start_utc       INTEGER NOT NULL, -- Unix seconds of the instant
	end_utc         INTEGER NOT NULL,
	status          TEXT NOT NULL,
	notes           TEXT NOT NULL DEFAULT '',
	cancel_reason   TEXT NOT NULL DEFAULT '',
	time_flag       TEXT NOT NULL DEFAULT '', -- 'overlap' or 'gap' when a DST rule chose the instant
	deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX appointments_practitioner_start ON appointments(practitioner_id, start_utc);
CREATE INDEX appointments_patient_start ON appointments(patient_id, start_utc);
CREATE INDEX appointments_start ON appointments(start_utc);

-- Append-only audit log, one SHA-256 chain per device.
CREATE TABLE audit_log (
	id        TEXT PRIMARY KEY,
	device_id TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	at        TEXT NOT NULL,   -- UTC, RFC 3339 with milliseconds
	user      TEXT NOT NULL,
	action    TEXT NOT NULL,   -- create, read, update, delete, export, print, backup, login, import
	entity    TEXT NOT NULL,
	entity_id TEXT NOT NULL DEFAULT '',
	detail    TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL,
	UNIQUE (device_id, seq)
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Field-level changes, shipped between devices by sync. Append-only.
CREATE TABLE changes (
	op_id     TEXT PRIMARY KEY,
	hlc       TEXT NOT NULL,
	device_id TEXT NOT NULL,
	tbl       TEXT NOT NULL,
	row_id    TEXT NOT NULL,
	field     TEXT NOT NULL,
	old       TEXT,            -- JSON value, NULL when the row was created
	new       TEXT             -- JSON value
);
CREATE INDEX changes_hlc ON changes(hlc);
CREATE INDEX changes_row ON changes(tbl, row_id);
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
