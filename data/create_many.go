package data

import (
	"database/sql"
	"fmt"
	"strings"
	"sync"
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
	recs := make([]Record, len(pts))
	for i, pt := range pts {
		recs[i] = pt
	}
	tx.bulk = tx.bulk || len(pts) > createBatch
	return tx.indexPatientsAfter(func() error { return tx.createMany(recs, progress) })
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

// createMany is Tx.insert for many new records of one table, a batch at
// a time: the rows, then their creations (one change record each), then
// one audit entry each, in the order a loop of Save would have stamped
// and chained them. While SQLite writes one batch, the next is validated
// and made ready (IDs, change records, chained audit entries) on another
// goroutine, so that on two cores Go's work and SQLite's overlap; the
// goroutine touches no statement and is gone when createMany returns.
func (tx *Tx) createMany(recs []Record, progress func(done int)) error {
	if len(recs) == 0 {
		return nil
	}
	if err := tx.mayWrite(recs[0].row().table); err != nil { // as Save checks each record
		return err
	}
	head, err := auditChainHead(tx.ctx, tx.tx, tx.s.device().ID)
	if err != nil {
		return err
	}
	ready := make(chan *creationBatch, 1)
	stop := make(chan struct{})
	var prepared error // set before ready is closed
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(ready)
		for start := 0; start < len(recs); start += createBatch {
			b, err := tx.prepareCreations(recs[start:min(start+createBatch, len(recs))], &head)
			if err != nil {
				prepared = err
				return
			}
			select {
			case ready <- b:
			case <-stop:
				return
			}
		}
	}()
	defer wg.Wait()
	defer close(stop)
	// The guards against INSERT OR REPLACE of the change and audit logs
	// look up each new row's keys; these plain INSERTs of new keys are
	// refused by the keys' own UNIQUE constraints if ever they repeat, so
	// the lookups (a sixth of an import's time) are set aside.
	return tx.withTriggersAside(func() error {
		done := 0
		for b := range ready {
			if err := tx.ctx.Err(); err != nil {
				return err
			}
			if err := tx.writeCreations(b); err != nil {
				return err
			}
			done += b.n
			if progress != nil {
				progress(done)
			}
		}
		return prepared
	}, "changes_no_replace", "audit_log_no_replace")
}

// creationBatch is a batch of new records of one table made ready: the
// arguments of its multi-row statements.
type creationBatch struct {
	n                               int
	table                           string
	cols                            []string
	rows, changes, audit, auditSync []any
}

// prepareCreations validates recs (all of one table), gives them IDs and
// makes their statements' arguments: their creations stamped by the
// clock, then their audit entries chained after *head, which it moves on.
// It runs no SQL.
func (tx *Tx) prepareCreations(recs []Record, head *AuditEntry) (*creationBatch, error) {
	b := &creationBatch{n: len(recs)}
	ids := make([]string, len(recs))
	for i, rec := range recs {
		r, vals, err := validRow(rec)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			b.table, b.cols = r.table, r.cols
			b.rows = make([]any, 0, len(recs)*(1+len(r.cols)))
		} else if r.table != b.table {
			return nil, Errorf(EInternal, "Records of %s and %s cannot be created together.", b.table, r.table)
		}
		*r.id = NewID()
		ids[i] = *r.id
		b.rows = append(append(b.rows, *r.id), vals...)
	}
	width := 1 + len(b.cols)
	b.changes = make([]any, 0, len(recs)*8)
	for i, id := range ids {
		vals := b.rows[i*width+1 : (i+1)*width]
		b.changes = tx.appendChangeArgs(b.changes, b.table, id, creation(b.table, b.cols, vals))
	}
	b.audit = make([]any, 0, 11*len(ids))
	entries := make([]AuditEntry, 0, len(ids))
	for _, id := range ids {
		e := newAuditEntry(tx.s.device().ID, tx.s.User(), tx.now, "create", b.table, id, "")
		e.Seq, e.PrevHash = head.Seq+1, head.Hash
		e.Hash = hashAudit(e)
		b.audit = append(b.audit, e.ID, e.DeviceID, e.Seq, e.At, e.User, e.Action, e.Entity, e.EntityID, e.Detail, e.PrevHash, e.Hash)
		tx.audited = append(tx.audited, auditHead{AnchorPoint{e.Seq, e.Hash}, e.At})
		entries = append(entries, e)
		*head = e
	}
	b.auditSync = tx.appendAuditChanges(make([]any, 0, 8*len(entries)), entries)
	return b, nil
}

// writeCreations runs a prepared batch's statements.
func (tx *Tx) writeCreations(b *creationBatch) error {
	head := fmt.Sprintf("INSERT INTO %s (id, %s) VALUES ", b.table, strings.Join(b.cols, ", "))
	if err := tx.insertRows("adding rows to "+b.table, head, 1+len(b.cols), 64, b.rows); err != nil {
		return err
	}
	if err := tx.insertRows("recording the changes of "+b.table+" for sync", changesInsert, 8, 256, b.changes); err != nil {
		return err
	}
	if err := tx.insertRows("appending to the audit log",
		"INSERT INTO audit_log (id, device_id, seq, at, user, action, entity, entity_id, detail, prev_hash, hash) VALUES ", 11, 128, b.audit); err != nil {
		return err
	}
	return tx.insertRows("recording the audit log for sync", changesInsert, 8, 256, b.auditSync)
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
