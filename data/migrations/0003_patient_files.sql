-- Patient files: demographics, clinical lists, vitals, notes, attachments,
-- merging duplicates, and the search index.
--
-- This migration calls two functions the store registers on its writer
-- connection (data/sqlfuncs.go): fd_fold and fd_search_tokens, the very
-- Go functions the write path uses, so the backfill of existing rows
-- produces exactly what a save would.

-- Demographics. Consents default to "not given": nobody is written to,
-- texted or emailed until someone records that they agreed.
ALTER TABLE patients ADD COLUMN gender_identity   TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN phone2            TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN emergency_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN emergency_phone   TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN payer_name        TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN payer_number      TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN referring_doctor  TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN consent_letters   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE patients ADD COLUMN consent_sms       INTEGER NOT NULL DEFAULT 0;
ALTER TABLE patients ADD COLUMN consent_email     INTEGER NOT NULL DEFAULT 0;
ALTER TABLE patients ADD COLUMN language          TEXT NOT NULL DEFAULT '';
-- Search columns, derived from the names and phones by the write path.
ALTER TABLE patients ADD COLUMN family_key        TEXT NOT NULL DEFAULT '';   -- Fold(family_name)
ALTER TABLE patients ADD COLUMN search_tokens     TEXT NOT NULL DEFAULT '[]'; -- JSON ["n:gomez", "p:0612345678", …]

CREATE INDEX patients_family_key ON patients(family_key, name_key);
CREATE INDEX patients_merged_into ON patients(merged_into) WHERE merged_into IS NOT NULL;

-- The search index: one row per folded name word ('n') and per phone's
-- digits ('p') of every patient who can be found (not deleted, not
-- merged away), with the patient's name keys, so that ranking the
-- candidates of a word needs no other table. It is local (never synced:
-- each device derives it) and kept by triggers from the patient row, so
-- every path that writes a patient (the write path, a snapshot, sync)
-- keeps it right.
CREATE TABLE patient_search (
	kind       TEXT NOT NULL,
	token      TEXT NOT NULL,
	patient_id TEXT NOT NULL,
	name_key   TEXT NOT NULL,
	family_key TEXT NOT NULL,
	PRIMARY KEY (kind, token, patient_id)
) WITHOUT ROWID;
CREATE INDEX patient_search_patient ON patient_search(patient_id, kind, token);

-- Pairs of a patient's name words, for queries of several words: every
-- ordered pair (a, b) of two different words, keyed by a's first two
-- letters and b, so that "jean dup" (a word starting "jean", another
-- starting "dup") is one contiguous range: pfx = 'je', b from 'dup'.
CREATE TABLE patient_pairs (
	pfx        TEXT NOT NULL,
	b          TEXT NOT NULL,
	a          TEXT NOT NULL,
	patient_id TEXT NOT NULL,
	name_key   TEXT NOT NULL,
	family_key TEXT NOT NULL,
	PRIMARY KEY (pfx, b, a, patient_id)
) WITHOUT ROWID;
CREATE INDEX patient_pairs_patient ON patient_pairs(patient_id);

-- search_tokens holds "n:word", "p:digits" and "q:a b" (a pair).
CREATE TRIGGER patients_search_insert AFTER INSERT ON patients
WHEN NEW.deleted = 0 AND NEW.merged_into IS NULL
BEGIN
	INSERT OR IGNORE INTO patient_search (kind, token, patient_id, name_key, family_key)
		SELECT substr(value, 1, 1), substr(value, 3), NEW.id, NEW.name_key, NEW.family_key
		FROM json_each(NEW.search_tokens) WHERE substr(value, 1, 2) <> 'q:';
	INSERT OR IGNORE INTO patient_pairs (pfx, b, a, patient_id, name_key, family_key)
		SELECT substr(a, 1, 2), b, a, NEW.id, NEW.name_key, NEW.family_key FROM (
			SELECT substr(value, 3, instr(value, ' ') - 3) AS a, substr(value, instr(value, ' ') + 1) AS b
			FROM json_each(NEW.search_tokens) WHERE substr(value, 1, 2) = 'q:');
END;
CREATE TRIGGER patients_search_update AFTER UPDATE OF search_tokens, name_key, family_key, deleted, merged_into ON patients
BEGIN
	DELETE FROM patient_search WHERE patient_id = OLD.id;
	DELETE FROM patient_pairs WHERE patient_id = OLD.id;
	INSERT OR IGNORE INTO patient_search (kind, token, patient_id, name_key, family_key)
		SELECT substr(value, 1, 1), substr(value, 3), NEW.id, NEW.name_key, NEW.family_key
		FROM json_each(NEW.search_tokens)
		WHERE substr(value, 1, 2) <> 'q:' AND NEW.deleted = 0 AND NEW.merged_into IS NULL;
	INSERT OR IGNORE INTO patient_pairs (pfx, b, a, patient_id, name_key, family_key)
		SELECT substr(a, 1, 2), b, a, NEW.id, NEW.name_key, NEW.family_key FROM (
			SELECT substr(value, 3, instr(value, ' ') - 3) AS a, substr(value, instr(value, ' ') + 1) AS b
			FROM json_each(NEW.search_tokens) WHERE substr(value, 1, 2) = 'q:')
		WHERE NEW.deleted = 0 AND NEW.merged_into IS NULL;
END;

-- Backfill the patients that exist already.
UPDATE patients SET family_key = fd_fold(family_name),
	search_tokens = fd_search_tokens(family_name, given_name, phone, phone2);

-- Allergies. "No known allergies" is an explicit row (none_known = 1,
-- no substance), as FHIR records it, so that "nobody asked" and "asked,
-- none" read differently.
CREATE TABLE allergies (
	id          TEXT PRIMARY KEY,
	patient_id  TEXT NOT NULL REFERENCES patients(id),
	none_known  INTEGER NOT NULL DEFAULT 0,
	substance   TEXT NOT NULL DEFAULT '',
	reaction    TEXT NOT NULL DEFAULT '',
	severity    TEXT NOT NULL DEFAULT 'unknown', -- mild, moderate, severe, unknown
	recorded_on TEXT NOT NULL,                   -- YYYY-MM-DD
	deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX allergies_patient ON allergies(patient_id);

CREATE TABLE medications (
	id         TEXT PRIMARY KEY,
	patient_id TEXT NOT NULL REFERENCES patients(id),
	name       TEXT NOT NULL,
	dose       TEXT NOT NULL DEFAULT '',
	from_date  TEXT,
	to_date    TEXT,
	deleted    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX medications_patient ON medications(patient_id);

CREATE TABLE problems (
	id          TEXT PRIMARY KEY,
	patient_id  TEXT NOT NULL REFERENCES patients(id),
	text        TEXT NOT NULL,
	since       TEXT,
	status      TEXT NOT NULL DEFAULT 'active', -- active, resolved
	resolved_on TEXT,
	deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX problems_patient ON problems(patient_id);

-- One measured sign at one time. Values are integers in the sign's
-- fixed scale (tenths of a degree, of a kilogram…), never floats, so
-- that sync and exports carry them exactly. value2 is the diastolic
-- pressure of a blood pressure.
CREATE TABLE vital_signs (
	id         TEXT PRIMARY KEY,
	patient_id TEXT NOT NULL REFERENCES patients(id),
	kind       TEXT NOT NULL,
	taken_utc  INTEGER NOT NULL,           -- Unix seconds
	value      INTEGER NOT NULL,
	value2     INTEGER NOT NULL DEFAULT 0,
	flag       TEXT NOT NULL DEFAULT '',   -- 'unusual' when outside the usual range
	deleted    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX vital_signs_patient ON vital_signs(patient_id, kind, taken_utc);

-- Clinical notes are append-only: a correction is a new note that
-- amends an earlier one. The triggers refuse every change and deletion.
CREATE TABLE clinical_notes (
	id          TEXT PRIMARY KEY,
	patient_id  TEXT NOT NULL REFERENCES patients(id),
	author      TEXT NOT NULL,
	written_utc INTEGER NOT NULL,
	text        TEXT NOT NULL,
	amends      TEXT REFERENCES clinical_notes(id),
	deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted = 0)
);
CREATE INDEX clinical_notes_patient ON clinical_notes(patient_id, written_utc);
CREATE TRIGGER clinical_notes_no_update BEFORE UPDATE ON clinical_notes
BEGIN SELECT RAISE(ABORT, 'clinical notes are append-only'); END;
CREATE TRIGGER clinical_notes_no_delete BEFORE DELETE ON clinical_notes
BEGIN SELECT RAISE(ABORT, 'clinical notes are append-only'); END;

-- Attachments: the bytes live in the data folder under their SHA-256
-- (attachments/<first two hex digits>/<hash>); the row holds what people
-- read. file_name is text for display only, never part of a path.
CREATE TABLE attachments (
	id         TEXT PRIMARY KEY,
	patient_id TEXT NOT NULL REFERENCES patients(id),
	sha256     TEXT NOT NULL,
	size       INTEGER NOT NULL,
	media_type TEXT NOT NULL,
	file_name  TEXT NOT NULL,
	title      TEXT NOT NULL DEFAULT '',
	added_utc  INTEGER NOT NULL,
	added_by   TEXT NOT NULL,
	deleted    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_patient ON attachments(patient_id);
CREATE INDEX attachments_sha256 ON attachments(sha256);

-- A merge of a duplicate patient into a survivor. moved lists the rows
-- re-linked to the survivor ("appointments:ID", …) so that the merge can
-- be undone exactly while it is pending.
CREATE TABLE patient_merges (
	id           TEXT PRIMARY KEY,
	survivor_id  TEXT NOT NULL REFERENCES patients(id),
	duplicate_id TEXT NOT NULL REFERENCES patients(id),
	merged_utc   INTEGER NOT NULL,
	merged_by    TEXT NOT NULL,
	state        TEXT NOT NULL,          -- pending, confirmed, undone
	moved        TEXT NOT NULL DEFAULT '[]',
	deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX patient_merges_survivor ON patient_merges(survivor_id);
CREATE INDEX patient_merges_duplicate ON patient_merges(duplicate_id);
