package data

import (
	"database/sql"
	"fmt"
	"strings"
)

// createBatch is how many patients CreatePatients writes at a time:
// the statements' arguments are built for a batch at once, and between
// two batches it notices a cancel and reports its progress.
const createBatch = 500

// CreatePatients creates new patients exactly as CreatePatient would,
// one after the other in this transaction: each is validated, given this
// device's next chart number (unless it has one), written, its creation
// recorded for sync (one change, CreatedField) and audited. It writes
// them in multi-row statements, a batch at a time: an import of 100 000
// patients one INSERT at a time spends most of its time in SQLite's work
// per statement, and appending the audit rows one by one reads the
// chain's head each time. It indexes them for search once they are all
// written (indexPatientsAfter).
//
// Every patient must be new (no ID). When one does not validate, or the
// transaction's context is cancelled, it returns the error (the problems
// of the patient) and the caller's transaction must be rolled back.
// progress, if not nil, is called after each batch with the number of
// patients written so far; it runs inside the transaction.
func (tx *Tx) CreatePatients(pts []*Patient, progress func(done int)) error {
	if len(pts) == 0 {
		return nil
	}
	need := 0
	for _, pt := range pts {
		if pt.ID != "" {
			return Errorf(EInternal, "A patient to create already has an ID.")
		}
		if pt.ChartNumber == "" {
			need++
		}
	}
	if need > 0 {
		first, err := tx.NextNumbers("chart", need)
		if err != nil {
			return err
		}
		for _, pt := range pts {
			if pt.ChartNumber == "" {
				pt.ChartNumber = ChartNumber(tx.s.device().Series, first)
				first++
			}
		}
	}
	return tx.indexPatientsAfter(func() error {
		recs := make([]Record, 0, createBatch)
		for start := 0; start < len(pts); start += createBatch {
			if err := tx.ctx.Err(); err != nil {
				return err
			}
			recs = recs[:0]
			for _, pt := range pts[start:min(start+createBatch, len(pts))] {
				recs = append(recs, pt)
			}
			if err := tx.createAll(recs); err != nil {
				return err
			}
			if progress != nil {
				progress(start + len(recs))
			}
		}
		return nil
	})
}

// NextNumbers takes the next n numbers of this device's series name at
// once and returns the first of them.
func (tx *Tx) NextNumbers(name string, n int) (int64, error) {
	if err := tx.refuseHeldNumbers(); err != nil {
		return 0, err
	}
	var last int64
	err := tx.tx.QueryRowContext(tx.ctx, `INSERT INTO counters (device_id, name, value) VALUES (?, ?, ?)
		ON CONFLICT (device_id, name) DO UPDATE SET value = value + excluded.value RETURNING value`, tx.s.device().ID, name, n).Scan(&last)
	return last - int64(n) + 1, sqlErr("taking the next numbers of the series "+name, err)
}

// createAll is Tx.insert for many new records of one table: the rows,
// then their creations (one change record each), then one audit entry
// each, in the order a loop of Save would have stamped and chained them.
func (tx *Tx) createAll(recs []Record) error {
	var table string
	var cols []string
	ids := make([]string, len(recs))
	rowArgs := make([]any, 0, len(recs)*(1+len(recs[0].row().cols)))
	for i, rec := range recs {
		r, vals, err := validRow(rec)
		if err != nil {
			return err
		}
		if i == 0 {
			table, cols = r.table, r.cols
			if err := tx.mayWrite(table); err != nil { // as Save checks each record
				return err
			}
		} else if r.table != table {
			return Errorf(EInternal, "Records of %s and %s cannot be created together.", table, r.table)
		}
		*r.id = NewID()
		ids[i] = *r.id
		rowArgs = append(append(rowArgs, *r.id), vals...)
	}
	head := fmt.Sprintf("INSERT INTO %s (id, %s) VALUES ", table, strings.Join(cols, ", "))
	if err := tx.insertRows("adding rows to "+table, head, 1+len(cols), 64, rowArgs); err != nil {
		return err
	}
	width := 1 + len(cols)
	changeArgs := make([]any, 0, len(recs)*8)
	for i, id := range ids {
		vals := rowArgs[i*width+1 : (i+1)*width]
		changeArgs = tx.appendChangeArgs(changeArgs, table, id, creation(table, cols, vals))
	}
	if err := tx.insertRows("recording the changes of "+table+" for sync",
		"INSERT INTO changes (op_id, hlc, device_id, tbl, row_id, field, old, new) VALUES ", 8, 256, changeArgs); err != nil {
		return err
	}
	return tx.auditAll("create", table, ids)
}

// auditAll appends one entry per entity ID to this device's audit chain,
// as Audit would one after the other.
func (tx *Tx) auditAll(action, entity string, ids []string) error {
	var prev AuditEntry
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT seq, hash FROM audit_log WHERE device_id = ? ORDER BY seq DESC LIMIT 1`,
		tx.s.device().ID).Scan(&prev.Seq, &prev.Hash)
	if err != nil && err != sql.ErrNoRows {
		return sqlErr("reading the head of the audit chain", err)
	}
	args := make([]any, 0, 11*len(ids))
	entries := make([]AuditEntry, 0, len(ids))
	for _, id := range ids {
		e := newAuditEntry(tx.s.device().ID, tx.s.User(), tx.now, action, entity, id, "")
		e.Seq, e.PrevHash = prev.Seq+1, prev.Hash
		e.Hash = hashAudit(e)
		args = append(args, e.ID, e.DeviceID, e.Seq, e.At, e.User, e.Action, e.Entity, e.EntityID, e.Detail, e.PrevHash, e.Hash)
		tx.audited = append(tx.audited, auditHead{AnchorPoint{e.Seq, e.Hash}, e.At})
		entries = append(entries, e)
		prev = e
	}
	if err := tx.insertRows("appending to the audit log",
		"INSERT INTO audit_log (id, device_id, seq, at, user, action, entity, entity_id, detail, prev_hash, hash) VALUES ", 11, 128, args); err != nil {
		return err
	}
	return tx.recordAudit(entries...)
}

// insertRows runs head ("INSERT INTO t (a, b) VALUES ") over args, width
// values a row, per rows a statement: the statement for a full batch is
// prepared once, the last, shorter batch has its own.
func (tx *Tx) insertRows(op, head string, width, per int, args []any) error {
	n := len(args) / width
	values := func(rows int) string {
		one := "(?" + strings.Repeat(", ?", width-1) + ")"
		return head + strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
	}
	var full *sql.Stmt
	for start := 0; start < n; start += per {
		rows := min(per, n-start)
		batch := args[start*width : (start+rows)*width]
		var err error
		if rows < per {
			_, err = tx.tx.ExecContext(tx.ctx, values(rows), batch...)
		} else {
			if full == nil {
				if full, err = tx.tx.PrepareContext(tx.ctx, values(per)); err != nil {
					return sqlErr(op, err)
				}
				defer full.Close()
			}
			_, err = full.ExecContext(tx.ctx, batch...)
		}
		if err != nil {
			return sqlErr(op, err)
		}
	}
	return nil
}
