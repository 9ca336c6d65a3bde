package data

// indexPatientsAfter runs write, which adds many patients to the
// transaction, with the search-index trigger of new patients set aside,
// then indexes every patient it added in two statements over the views
// the trigger reads (migration 0014). The trigger indexes a row at a time
// and costs three times as much for an import of thousands.
//
// write must only add patients (an update of one would go unindexed
// while the trigger is away; the update trigger stays).
func (tx *Tx) indexPatientsAfter(write func() error) error {
	const op = "indexing the new patients for search"
	var before int64
	if err := tx.tx.QueryRowContext(tx.ctx, `SELECT coalesce(max(rowid), 0) FROM patients`).Scan(&before); err != nil {
		return sqlErr(op, err)
	}
	if err := tx.withTriggersAside(write, "patients_search_insert"); err != nil {
		return err
	}
	// A new row's rowid is above every rowid before it: SQLite picks the
	// largest plus one.
	for _, q := range []string{
		`INSERT OR IGNORE INTO patient_search (kind, token, patient_id, name_key, family_key)
			SELECT kind, token, patient_id, name_key, family_key FROM patient_search_words WHERE patient_rowid > ?`,
		`INSERT OR IGNORE INTO patient_pairs (pfx, b, a, patient_id, name_key, family_key)
			SELECT pfx, b, a, patient_id, name_key, family_key FROM patient_search_pairs WHERE patient_rowid > ?`,
	} {
		if _, err := tx.tx.ExecContext(tx.ctx, q, before); err != nil {
			return sqlErr(op, err)
		}
	}
	return nil
}
