package data

import (
	"context"
	"database/sql"
)

// readTx runs fn in one read transaction on the read pool. The pool's
// transactions are deferred: the first query takes a snapshot of the
// database (WAL mode) and every later query of fn reads that snapshot, so
// a screen that needs several queries never shows half of a merge or of
// any other write committed in between.
func (s *Store) readTx(ctx context.Context, fn func(q querier) error) error {
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return sqlErr("starting a read transaction", err)
	}
	defer tx.Rollback()
	return fn(txCached{s: s, tx: tx})
}

// txCached runs queries inside a read transaction, reusing the read pool's
// cached statements (stmt_cache.go) so that a transaction costs no
// preparing.
type txCached struct {
	s  *Store
	tx *sql.Tx
}

func (c txCached) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := cached{c.s}.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return c.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

func (c txCached) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := cached{c.s}.stmt(ctx, query)
	if err != nil {
		// A failed prepare reaches the caller through Scan.
		return c.tx.QueryRowContext(ctx, query, args...)
	}
	return c.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}
