-- The rows of the patient search index (0003) as two views of the
-- patients table, so that its triggers, which index one patient at each
-- save, and an import, which indexes its thousands of new patients in two
-- statements after writing them (data/patient_search_bulk.go), read one
-- definition. Indexing 100 000 patients by the trigger, a row at a time,
-- took three times as long as the same rows indexed at once.
--
-- patient_rowid lets a caller pick the rows written since a point; a
-- patient deleted or merged away has no rows, as before.
CREATE VIEW patient_search_words AS
	SELECT p.rowid AS patient_rowid, p.id AS patient_id,
		substr(t.value, 1, 1) AS kind, substr(t.value, 3) AS token, p.name_key, p.family_key
	FROM patients p, json_each(p.search_tokens) t
	WHERE p.deleted = 0 AND p.merged_into IS NULL AND substr(t.value, 1, 2) <> 'q:';

-- A pair token is "q:a b".
CREATE VIEW patient_search_pairs AS
	SELECT patient_rowid, patient_id, substr(a, 1, 2) AS pfx, b, a, name_key, family_key FROM (
		SELECT p.rowid AS patient_rowid, p.id AS patient_id, p.name_key, p.family_key,
			substr(t.value, 3, instr(t.value, ' ') - 3) AS a, substr(t.value, instr(t.value, ' ') + 1) AS b
		FROM patients p, json_each(p.search_tokens) t
		WHERE p.deleted = 0 AND p.merged_into IS NULL AND substr(t.value, 1, 2) = 'q:');

DROP TRIGGER patients_search_insert;
CREATE TRIGGER patients_search_insert AFTER INSERT ON patients
WHEN NEW.deleted = 0 AND NEW.merged_into IS NULL
BEGIN
	INSERT OR IGNORE INTO patient_search (kind, token, patient_id, name_key, family_key)
		SELECT kind, token, patient_id, name_key, family_key FROM patient_search_words WHERE patient_rowid = NEW.rowid;
	INSERT OR IGNORE INTO patient_pairs (pfx, b, a, patient_id, name_key, family_key)
		SELECT pfx, b, a, patient_id, name_key, family_key FROM patient_search_pairs WHERE patient_rowid = NEW.rowid;
END;

DROP TRIGGER patients_search_update;
CREATE TRIGGER patients_search_update AFTER UPDATE OF search_tokens, name_key, family_key, deleted, merged_into ON patients
BEGIN
	DELETE FROM patient_search WHERE patient_id = OLD.id;
	DELETE FROM patient_pairs WHERE patient_id = OLD.id;
	INSERT OR IGNORE INTO patient_search (kind, token, patient_id, name_key, family_key)
		SELECT kind, token, patient_id, name_key, family_key FROM patient_search_words WHERE patient_rowid = NEW.rowid;
	INSERT OR IGNORE INTO patient_pairs (pfx, b, a, patient_id, name_key, family_key)
		SELECT pfx, b, a, patient_id, name_key, family_key FROM patient_search_pairs WHERE patient_rowid = NEW.rowid;
END;
