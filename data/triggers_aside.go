package data

// withTriggersAside runs fn with the named triggers dropped, then makes
// them again from their own text. It is for bulk writes whose per-row
// trigger work is redundant or better done once after
// (indexPatientsAfter, createMany). Inside the transaction nobody else
// sees them missing (the writer holds the write lock, readers see the
// last commit), and the schema check finds the text it expects.
//
// When fn fails the transaction must be rolled back, which restores them:
// they are not made again. SQLite may have rolled it back already (a full
// disk or an I/O error while writing the WAL does), and a CREATE TRIGGER
// would then run outside any transaction, or fail and hide fn's error.
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
	if err := fn(); err != nil {
		return err
	}
	for _, text := range texts {
		if _, cerr := tx.tx.ExecContext(tx.ctx, text); cerr != nil {
			return sqlErr(op, cerr)
		}
	}
	return nil
}
