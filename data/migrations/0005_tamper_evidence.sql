-- The append-only tables also refuse INSERT OR REPLACE (and REPLACE INTO):
-- a replace deletes the old row without firing DELETE triggers (unless
-- recursive_triggers is on, which no pragma of ours can impose on the
-- sqlite3 tool), so the schema itself refuses any insert whose key is
-- already taken.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id OR (device_id = NEW.device_id AND seq = NEW.seq))
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER changes_no_replace BEFORE INSERT ON changes
WHEN EXISTS (SELECT 1 FROM changes WHERE op_id = NEW.op_id)
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER clinical_notes_no_replace BEFORE INSERT ON clinical_notes
WHEN EXISTS (SELECT 1 FROM clinical_notes WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'clinical notes are append-only'); END;

-- Each device signs the head of its audit chain with an Ed25519 key whose
-- private half stays in a file beside its database (data/anchor.go); the
-- public half is recorded here so that every device of the practice can
-- verify the anchors another device ships in its backups and sync files.
ALTER TABLE devices ADD COLUMN public_key TEXT NOT NULL DEFAULT '';
