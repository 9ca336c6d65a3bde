package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Snapshot bulk-inserts a starting state in one transaction: the demo
// generator's practice, or (with sync) the state a joining device starts
// from. Rows pass the same Validate as the write path but get no change
// records: a snapshot is shipped whole, not as a history of edits. One
// audit row records the import.
type Snapshot struct {
	tx    *Tx
	stmts map[string]*sql.Stmt
	count map[string]int
}

// ImportSnapshot runs fn with a Snapshot inside one write transaction.
func (s *Store) ImportSnapshot(ctx context.Context, what string, fn func(sn *Snapshot) error) error {
	return s.Update(ctx, func(tx *Tx) error {
		sn := &Snapshot{tx: tx, stmts: map[string]*sql.Stmt{}, count: map[string]int{}}
		defer func() {
			for _, st := range sn.stmts {
				st.Close()
			}
		}()
		if err := fn(sn); err != nil {
			return err
		}
		var parts []string
		for _, t := range sortedKeys(sn.count) {
			parts = append(parts, fmt.Sprintf("%s: %d", t, sn.count[t]))
		}
		return tx.Audit("import", "snapshot", "", what+" ("+strings.Join(parts, ", ")+")")
	})
}

// Insert validates rec and inserts it, giving it an ID when it has none.
func (sn *Snapshot) Insert(rec Record) error {
	if err := sn.tx.mayWrite(rec.row().table); err != nil {
		return err
	}
	r, vals, err := validRow(rec)
	if err != nil {
		return err
	}
	if *r.id == "" {
		*r.id = NewID()
	}
	st := sn.stmts[r.table]
	if st == nil {
		q := fmt.Sprintf("INSERT INTO %s (id, %s) VALUES (?%s)", r.table,
			strings.Join(r.cols, ", "), strings.Repeat(", ?", len(r.cols)))
		if st, err = sn.tx.tx.PrepareContext(sn.tx.ctx, q); err != nil {
			return sqlErr("preparing the snapshot's insert into "+r.table, err)
		}
		sn.stmts[r.table] = st
	}
	if _, err := st.ExecContext(sn.tx.ctx, append([]any{*r.id}, vals...)...); err != nil {
		return sqlErr("inserting a snapshot row into "+r.table, err)
	}
	sn.count[r.table]++
	return nil
}

// CreatePatient gives the patient this device's next chart number and inserts it.
func (sn *Snapshot) CreatePatient(pt *Patient) error {
	if pt.ChartNumber == "" {
		n, err := sn.tx.NextNumber("chart")
		if err != nil {
			return err
		}
		pt.ChartNumber = ChartNumber(sn.tx.s.device().Series, n)
	}
	return sn.Insert(pt)
}

// Tx gives access to the write path inside the snapshot, for the few rows
// (the practice settings) that should carry change records anyway.
func (sn *Snapshot) Tx() *Tx { return sn.tx }
