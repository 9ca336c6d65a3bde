package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// A Record is a row of practice data. It changes only through Tx.Save,
// the one write path: validate, write, audit, record changes for sync,
// all in one transaction.
type Record interface {
	Validate() error
	row() row
}

// row describes a record for the write path: its table, a pointer to its
// ID (filled in on create) and its columns with their values.
type row struct {
	table string
	id    *string
	cols  []string
	vals  []any
}

// querier is satisfied by *sql.DB, *sql.Tx and *sql.Conn, so read
// functions serve both the screens (read pool) and the write path.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a write transaction on the writer connection.
type Tx struct {
	s       *Store
	tx      *sql.Tx
	ctx     context.Context
	now     time.Time
	audited []auditHead // this device's audit entries appended, for the anchor
	// trusted is set while an operation that checked its own right
	// (a merge of duplicates) moves rows whose tables need another.
	trusted bool
	// bulk is set by a write of thousands of rows: its commit leaves the
	// copy of the WAL into the database file to a background
	// checkpoint (checkpoint.go).
	bulk bool
}

// Update runs fn in one write transaction; it commits when fn returns nil
// and rolls everything back (data, audit and change rows) otherwise. While
// the check the store runs when it opens is still going, it waits; when
// that check found damage, it fails with what was found.
func (s *Store) Update(ctx context.Context, fn func(tx *Tx) error) error {
	if err := s.writable(ctx); err != nil {
		return err
	}
	return s.update(ctx, fn)
}

// update is Update without waiting for the opening check: for the writes
// that are part of opening (a first device, its key).
func (s *Store) update(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return sqlErr("starting a write transaction", err)
	}
	defer sqlTx.Rollback()
	tx := &Tx{s: s, tx: sqlTx, ctx: ctx, now: Now().UTC()}
	if err := fn(tx); err != nil {
		return sqlErr("saving changes", err)
	}
	commit := sqlTx.Commit
	if tx.bulk {
		commit = func() error { return s.commitBulk(ctx, sqlTx) }
	}
	if err := commit(); err != nil {
		return sqlErr("committing changes", err)
	}
	if s.anchor != nil && len(tx.audited) > 0 {
		s.anchor.advance(tx.audited)
	}
	return nil
}

// Context returns the transaction's context.
func (tx *Tx) Context() context.Context { return tx.ctx }

// Save validates rec and writes it: an INSERT when its ID is empty or
// unknown, else an UPDATE of the fields that changed. A created row
// becomes one change record (CreatedField), each field an update changed
// one change record of its own, and the save one audit row. Saving an
// unchanged record writes nothing.
func (tx *Tx) Save(rec Record) error {
	if err := tx.mayWrite(rec.row().table); err != nil {
		return err
	}
	r, vals, err := validRow(rec)
	if err != nil {
		return err
	}
	var old []any
	if *r.id != "" {
		old, err = tx.loadRow(r.table, *r.id, r.cols)
		if err != nil {
			return err
		}
	} else {
		*r.id = NewID()
	}
	if old == nil {
		return tx.insert(r, vals)
	}
	return tx.update(r, old, vals)
}

func (tx *Tx) insert(r row, vals []any) error {
	q := fmt.Sprintf("INSERT INTO %s (id, %s) VALUES (?%s)", r.table,
		strings.Join(r.cols, ", "), strings.Repeat(", ?", len(r.cols)))
	if _, err := tx.tx.ExecContext(tx.ctx, q, append([]any{*r.id}, vals...)...); err != nil {
		return sqlErr("adding a row to "+r.table, err)
	}
	if !localDraft(r.table, r.cols, vals) {
		if err := tx.publish(r, vals); err != nil {
			return err
		}
	}
	return tx.Audit("create", r.table, *r.id, "")
}

func (tx *Tx) update(r row, old, vals []any) error {
	var set []string
	var args []any
	var changed []int
	for i := range r.cols {
		if !sameValue(old[i], vals[i]) {
			set = append(set, r.cols[i]+" = ?")
			args = append(args, vals[i])
			changed = append(changed, i)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	q := fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", r.table, strings.Join(set, ", "))
	if _, err := tx.tx.ExecContext(tx.ctx, q, append(args, *r.id)...); err != nil {
		return sqlErr("updating a row of "+r.table, err)
	}
	names := make([]string, len(changed))
	changes := make([]fieldChange, len(changed))
	for k, i := range changed {
		names[k] = r.cols[i]
		changes[k] = fieldChange{field: r.cols[i], old: old[i], new: vals[i]}
	}
	var err error
	switch {
	case !localDraft(r.table, r.cols, old):
		err = tx.recordChanges(r.table, *r.id, changes)
	case !localDraft(r.table, r.cols, vals):
		// A draft finalized or sent: the others receive it whole.
		err = tx.publish(r, vals)
	}
	if err != nil {
		return err
	}
	return tx.Audit("update", r.table, *r.id, "changed: "+strings.Join(names, ", "))
}

// Delete marks rec as deleted: a tombstone, so that sync carries the
// deletion to the other devices instead of mistaking it for a missing row.
func (tx *Tx) Delete(rec Record) error {
	r := rec.row()
	if *r.id == "" {
		return NewError(ENotFound, "store.error.never_saved")
	}
	if err := tx.mayWrite(r.table); err != nil {
		return err
	}
	var deleted int64
	err := tx.tx.QueryRowContext(tx.ctx, "SELECT deleted FROM "+r.table+" WHERE id = ?", *r.id).Scan(&deleted)
	if err == sql.ErrNoRows {
		return NewError(ENotFound, "store.error.gone")
	} else if err != nil {
		return sqlErr("reading a row of "+r.table+" to delete it", err)
	} else if deleted == 1 {
		return nil
	}
	local, err := tx.storedLocalDraft(r.table, *r.id)
	if err != nil {
		return err
	}
	if _, err := tx.tx.ExecContext(tx.ctx, "UPDATE "+r.table+" SET deleted = 1 WHERE id = ?", *r.id); err != nil {
		return sqlErr("marking a row of "+r.table+" deleted", err)
	}
	if !local {
		if err := tx.recordChanges(r.table, *r.id, []fieldChange{{field: "deleted", old: int64(0), new: int64(1)}}); err != nil {
			return err
		}
	}
	return tx.Audit("delete", r.table, *r.id, "")
}

// mayWrite refuses a write the actor's rights do not allow (tableRights).
func (tx *Tx) mayWrite(table string) error {
	a := tx.s.Actor()
	if tx.trusted || mayWrite(a, table) {
		return nil
	}
	r, ok := tableRights[table]
	if !ok {
		r = RightSettings
	}
	return forbidden(r)
}

// loadRow returns the stored values of cols, or nil when the row does not exist.
func (tx *Tx) loadRow(table, id string, cols []string) ([]any, error) {
	old := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range old {
		ptrs[i] = &old[i]
	}
	err := tx.tx.QueryRowContext(tx.ctx, fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", strings.Join(cols, ", "), table), id).Scan(ptrs...)
	if err == sql.ErrNoRows {
		return nil, nil
	} else if err != nil {
		return nil, sqlErr("reading the stored row of "+table, err)
	}
	for i, v := range old {
		if b, ok := v.([]byte); ok {
			old[i] = string(b)
		}
	}
	return old, nil
}

// validRow validates rec and returns its row with the values normalised:
// the first steps of every insert or update, snapshots included.
func validRow(rec Record) (row, []any, error) {
	if err := rec.Validate(); err != nil {
		return row{}, nil, err
	}
	r := rec.row()
	vals, err := normalizeValues(r.vals)
	return r, vals, err
}

// normalizeValues reduces values to the three kinds the schema stores:
// nil, int64 and string.
func normalizeValues(vals []any) ([]any, error) {
	out := make([]any, len(vals))
	for i, v := range vals {
		if vr, ok := v.(driver.Valuer); ok {
			var err error
			if v, err = vr.Value(); err != nil {
				return nil, err
			}
		}
		switch x := v.(type) {
		case nil, int64, string:
			out[i] = x
		case int:
			out[i] = int64(x)
		case bool:
			out[i] = int64(0)
			if x {
				out[i] = int64(1)
			}
		default:
			return nil, fmt.Errorf("value of type %T cannot be stored", v)
		}
	}
	return out, nil
}

func sameValue(a, b any) bool { return a == b }

// fieldChange is one field's change of a row, for sync, or the row's
// creation (CreatedField).
type fieldChange struct {
	field    string
	old, new any
	created  bool // the row is new: there is no old value, not even NULL
}

// recordChanges appends the changes of one row for sync, in one
// statement: an edit changes a few fields, and one multi-row INSERT
// costs about what a single row does.
func (tx *Tx) recordChanges(table, rowID string, changes []fieldChange) error {
	if len(changes) == 0 {
		return nil
	}
	args := make([]any, 0, 8*len(changes))
	for _, c := range changes {
		args = tx.appendChangeArgs(args, table, rowID, c)
	}
	q := changesInsert + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", len(changes)), ", ")
	_, err := tx.tx.ExecContext(tx.ctx, q, args...)
	return sqlErr("recording the changes of "+table+" for sync", err)
}

// changesInsert is the head of a multi-row insert of change records.
const changesInsert = "INSERT INTO changes (op_id, hlc, device_id, tbl, row_id, field, old, new) VALUES "

// appendChangeArgs appends the values of one row of the changes table,
// stamped with the next tick of this device's clock.
func (tx *Tx) appendChangeArgs(args []any, table, rowID string, c fieldChange) []any {
	var oldJSON any
	if !c.created {
		b, _ := json.Marshal(c.old)
		oldJSON = string(b)
	}
	var newJSON []byte
	if raw, ok := c.new.(json.RawMessage); ok {
		newJSON = raw // a creation's object, written as JSON already
	} else {
		newJSON, _ = json.Marshal(c.new)
	}
	return append(args, NewID(), tx.s.clock.Now().String(), tx.s.device().ID, table, rowID, c.field, oldJSON, string(newJSON))
}

// NextNumber returns the next number of this device's series name
// ("chart", "invoice-2026"), starting at 1.
func (tx *Tx) NextNumber(name string) (int64, error) {
	if err := tx.refuseHeldNumbers(); err != nil {
		return 0, err
	}
	var n int64
	err := tx.tx.QueryRowContext(tx.ctx, `INSERT INTO counters (device_id, name, value) VALUES (?, ?, 1)
		ON CONFLICT (device_id, name) DO UPDATE SET value = value + 1 RETURNING value`, tx.s.device().ID, name).Scan(&n)
	return n, sqlErr("taking the next number of the series "+name, err)
}
