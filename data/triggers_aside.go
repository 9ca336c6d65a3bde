package data

// withTriggersAside runs fn with the named triggers dropped, then makes
// them again from their own text, whatever fn returned (for a caller that
// goes on). It is for bulk writes whose per-row trigger work is redundant
// or better done once after (indexPatientsAfter, createMany). Inside the
// transaction nobody else sees them missing (the writer holds the write
// lock, readers see the last commit), a rollback restores them, and the
// schema check finds the text it expects.
func (tx *Tx) withTriggersAside(fn func() error, names ...string) error {
	const op = "setting triggers aside for a bulk write"
	texts := make([]string, len(names))
	for i, name := range names {
		if err := tx.tx.QueryRowContext(tx.ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, name).Scan(&texts[i]); err != nil {
			return sqlErr(op+": "+name, err)
		}
	}
	for _, name := range names {
		if _, err := tx.tx.ExecContext(tx.ctx, `DROP TRIGGER `+name); err != nil {
			return sqlErr(op, err)
		}
	}
	err := fn()
	for _, text := range texts {
		if _, cerr := tx.tx.ExecContext(tx.ctx, text); cerr != nil {
			return sqlErr(op, cerr)
		}
	}
	return err
}
