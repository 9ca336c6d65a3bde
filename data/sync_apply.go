package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"frontdesk/data/i18n"
)

// EWaiting says a change set cannot be applied yet: it needs rows another
// device's files bring (a booking of a practitioner created elsewhere), or
// an earlier set of its own device. Nothing was written; try it again
// after the others.
const EWaiting = "waiting"

// ApplyResult counts what applying a change set did.
type ApplyResult struct {
	Applied   int // changes that took effect (won their field)
	Lost      int // changes older than the stored value of their field
	Known     int // changes applied before (same op ID): skipped
	Conflicts int // concurrent edits whose losing value was kept in conflicts
}

// ApplyChangeSet applies another device's change set in one transaction:
// all of it or, when refused, nothing. Sets of one device apply in
// sequence: a set applied before is skipped (applying twice changes
// nothing), a set after a gap waits (EWaiting).
//
// Per field, the change with the highest clock stamp wins, whatever the
// order of arrival; the losing value of a concurrent edit is kept in the
// conflicts table. The rows it writes pass their record's Validate (text
// caps included) and get their derived columns computed here. A table or
// field this version does not know is refused (ETooNew), a change to an
// append-only row too (EForbidden).
func (s *Store) ApplyChangeSet(ctx context.Context, set ChangeSet) (ApplyResult, error) {
	var res ApplyResult
	if set.Device == s.device().ID {
		return res, Errorf(EConflict, "Change set %d is this computer's own.", set.Seq)
	}
	err := s.Update(ctx, func(tx *Tx) error {
		var done, lastChange int64
		err := tx.tx.QueryRowContext(ctx, `SELECT seq, last_change FROM sync_in WHERE device_id = ?`, set.Device).Scan(&done, &lastChange)
		if err != nil && err != sql.ErrNoRows {
			return sqlErr("reading how far this device's changes are applied", err)
		}
		switch {
		case set.Seq <= done:
			res.Known = len(set.Changes)
			return nil
		case set.Seq > done+1:
			return Errorf(EWaiting, "Change set %d of device %s waits for set %d.", set.Seq, set.Device, done+1)
		case set.First <= lastChange || set.Last < set.First-1:
			return Errorf(EConflict, "Change set %d of device %s numbers its changes %d to %d, but changes up to %d were applied already: the device may have been restored from an old backup.",
				set.Seq, set.Device, set.First, set.Last, lastChange)
		}
		a := &applier{tx: tx, set: set, res: &res}
		defer a.close()
		if err := a.apply(); err != nil {
			return err
		}
		_, err = tx.tx.ExecContext(ctx, `INSERT INTO sync_in (device_id, seq, last_change) VALUES (?, ?, ?)
			ON CONFLICT (device_id) DO UPDATE SET seq = excluded.seq, last_change = excluded.last_change`, set.Device, set.Seq, set.Last)
		return sqlErr("recording how far this device's changes are applied", err)
	})
	return res, WithOp(fmt.Sprintf("applying change set %d of device %s", set.Seq, set.Device), err)
}

// applier applies one change set inside its transaction.
type applier struct {
	tx    *Tx
	set   ChangeSet
	res   *ApplyResult
	stmts map[string]*sql.Stmt     // prepared once per set
	fills map[string][]placeholder // per table
	refs  map[string][]reference   // per table
	cols  map[string][]column      // per table, for rows new here
	// ownWith is set when a loader's query could not read an incoming
	// row in place of the stored one (insertFresh).
	ownWith bool
	fresh   []*Change // changes of rows new here, recorded in batches
	// created holds the fields of stored creations read for their
	// values, by op ID (prior).
	created map[string]map[string]string
}

// rowChanges are the winning values of one row's fields in a set.
type rowChanges struct {
	table, id string
	created   bool // the set holds the row's creation
	exists    bool // the row was here before the set
	frozen    bool // the row is final here (syncTable.frozen)
	settled   bool // inserted checked, derived columns and all (insertFresh)
	vals      map[string]any
	order     []string
}

func (a *applier) apply() error {
	ctx := a.tx.ctx
	// A set may book a practitioner whose creation comes later in the
	// same set or not at all yet: the references are checked once, at
	// the end, with a clear answer instead of a failed commit.
	if _, err := a.tx.tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return sqlErr("deferring reference checks", err)
	}
	var rows []*rowChanges
	var audits []auditChange
	byRow := map[string]*rowChanges{}
	for i := range a.set.Changes {
		c := &a.set.Changes[i]
		if c.Table == auditTable {
			ac, err := a.readAudit(c)
			if err != nil {
				return err
			}
			audits = append(audits, ac)
			continue
		}
		if err := a.check(c); err != nil {
			return err
		}
		rc := byRow[c.Table+"\x00"+c.RowID]
		if rc == nil {
			rc = &rowChanges{table: c.Table, id: c.RowID, vals: map[string]any{}}
			var n int
			if err := a.queryRow(`SELECT COUNT(*) FROM `+c.Table+` WHERE id = ?`, c.RowID).Scan(&n); err != nil {
				return sqlErr("looking for a row of "+c.Table, err)
			}
			rc.exists = n > 0
			if frozen := syncTables[c.Table].frozen; rc.exists && frozen != nil {
				var err error
				if rc.frozen, err = frozen(ctx, prepared{a}, c.RowID); err != nil {
					return sqlErr("reading whether a row of "+c.Table+" is final", err)
				}
			}
			byRow[c.Table+"\x00"+c.RowID] = rc
			rows = append(rows, rc)
		}
		if c.Field == CreatedField {
			if err := a.applyCreation(c, rc); err != nil {
				return err
			}
			continue
		}
		// Every value is checked, losing ones too: they are kept.
		v, err := decodeValue(c.New)
		if err != nil {
			return Errorf(EInvalid, "Change %s carries an unreadable value for %s.%s.", c.OpID, c.Table, c.Field)
		} else if c.Field == "deleted" && v != int64(0) && v != int64(1) {
			return Errorf(EInvalid, "Change %s marks a row of %s deleted with %s, which is neither 0 nor 1.", c.OpID, c.Table, c.New)
		}
		won, err := a.resolve(c, rc)
		if err != nil {
			return err
		}
		if c.Old == nil {
			rc.created = true
		}
		if won {
			if _, seen := rc.vals[c.Field]; !seen {
				rc.order = append(rc.order, c.Field)
			}
			rc.vals[c.Field] = v
		}
	}
	if err := a.recordFresh(); err != nil {
		return err
	}
	for _, rc := range rows {
		if admit := syncTables[rc.table].admit; admit != nil {
			if err := admit(ctx, a.tx, prepared{a}, rc.id, rc.vals); err != nil {
				return err
			}
		}
		if !rc.exists && rc.created && len(rc.order) > 0 {
			done, err := a.insertFresh(rc)
			if err != nil {
				return err
			} else if done {
				rc.settled = true
				continue
			}
		}
		if err := a.write(rc); err != nil {
			return err
		}
	}
	if err := a.appendAudits(audits); err != nil {
		return err
	}
	for _, rc := range rows {
		if err := a.checkReferences(rc); err != nil {
			return err
		}
		if rc.settled {
			continue
		}
		if err := a.settle(rc); err != nil {
			return err
		}
	}
	if followsMerges(rows) {
		return a.tx.followMerges()
	}
	return nil
}

// check refuses a change this version cannot apply.
func (a *applier) check(c *Change) error {
	if c.Device != a.set.Device {
		return Errorf(EInvalid, "Change %s names device %s inside a change set of device %s.", c.OpID, c.Device, a.set.Device)
	}
	h, err := ParseHLC(c.HLC)
	if err != nil || h.Device != c.Device {
		return Errorf(EInvalid, "Change %s has an unreadable clock stamp %q.", c.OpID, c.HLC)
	}
	t, ok := syncTables[c.Table]
	if !ok {
		return Errorf(ETooNew, "Change %s is about the table %q, which this version of Frontdesk does not know: it may come from a newer version.", c.OpID, c.Table)
	}
	if c.Field == CreatedField {
		a.tx.s.clock.Observe(h)
		return nil // its fields are checked as it is read (readCreation)
	}
	if slices.Contains(t.derived, c.Field) {
		return nil // recomputed here whatever the sender thought
	}
	if !t.syncColumns()[c.Field] {
		return Errorf(ETooNew, "Change %s is about the field %q of %s, which this version of Frontdesk does not know: it may come from a newer version.", c.OpID, c.Field, c.Table)
	}
	if t.appendOnly && c.Old != nil {
		return Errorf(EForbidden, "Change %s edits a row of %s, whose rows are never changed once written.", c.OpID, c.Table)
	}
	a.tx.s.clock.Observe(h)
	return nil
}

// priorChange is the newest change recorded for a field (prior).
type priorChange struct {
	opID, hlc, device, new string
	old                    sql.NullString
	created                bool // the row's creation (CreatedField); new is the field's value in it
}

// resolve records c in the change log, unless it is known, and says
// whether it wins its field: the highest clock stamp wins. The value that
// loses a concurrent edit goes to the conflicts table.
func (a *applier) resolve(c *Change, rc *rowChanges) (won bool, err error) {
	t := syncTables[c.Table]
	if slices.Contains(t.derived, c.Field) {
		return false, nil
	}
	if !rc.exists {
		// A row new here has no history here: nothing to compare, and
		// nothing known (its changes would have brought the row). Later
		// changes of the set follow earlier ones in clock order.
		a.fresh = append(a.fresh, c)
		a.res.Applied++
		return true, nil
	}
	var known int
	if err := a.queryRow(`SELECT COUNT(*) FROM changes WHERE op_id = ?`, c.OpID).Scan(&known); err != nil {
		return false, sqlErr("looking for a change applied before", err)
	} else if known > 0 {
		a.res.Known++
		return false, nil
	}
	if t.appendOnly {
		return false, Errorf(EForbidden, "Change %s writes again a row of %s, whose rows are never changed once written.", c.OpID, c.Table)
	}
	if rc.frozen && !slices.Contains(t.thawed, c.Field) {
		return false, Errorf(EForbidden, "Change %s edits %s of a row of %s that is final here and never changes.", c.OpID, c.Field, c.Table)
	}
	p, hasPrior, err := a.prior(c.Table, c.RowID, c.Field)
	if err != nil {
		return false, err
	}
	if err := a.exec(`INSERT INTO changes (op_id, hlc, device_id, tbl, row_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		c.OpID, c.HLC, c.Device, c.Table, c.RowID, c.Field, c.Old, c.New); err != nil {
		return false, sqlErr("recording an incoming change", err)
	}
	if !hasPrior || c.HLC > p.hlc {
		a.res.Applied++
		if hasPrior && concurrent(p.device, p.new, c.Device, c.New, c.Old) {
			return true, a.conflict(p.loserKey(c.Field), c.Table, c.RowID, c.Field, p.new, p.device, c.OpID)
		}
		return true, nil
	}
	a.res.Lost++
	if concurrent(c.Device, c.New, p.device, p.new, nullablePtr(p.old)) {
		return false, a.conflict(c.OpID, c.Table, c.RowID, c.Field, c.New, c.Device, p.opID)
	}
	return false, nil
}

// recordFresh records the changes of new rows in the change log, many
// to a statement.
func (a *applier) recordFresh() error {
	const batch = 100
	for len(a.fresh) > 0 {
		n := min(batch, len(a.fresh))
		args := make([]any, 0, 8*n)
		for _, c := range a.fresh[:n] {
			args = append(args, c.OpID, c.HLC, c.Device, c.Table, c.RowID, c.Field, c.Old, c.New)
		}
		q := changesInsert + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
		if err := a.exec(q, args...); err != nil {
			return sqlErr("recording incoming changes", err)
		}
		a.fresh = a.fresh[n:]
	}
	return nil
}

// stmt prepares a query once per set.
func (a *applier) stmt(q string) (*sql.Stmt, error) {
	if st := a.stmts[q]; st != nil {
		return st, nil
	}
	st, err := a.tx.tx.PrepareContext(a.tx.ctx, q)
	if err != nil {
		return nil, err
	}
	if a.stmts == nil {
		a.stmts = map[string]*sql.Stmt{}
	}
	a.stmts[q] = st
	return st, nil
}

func (a *applier) close() {
	for _, st := range a.stmts {
		st.Close()
	}
}

// queryRow runs a prepared query for one row; a failed preparation
// comes back from Scan.
func (a *applier) queryRow(q string, args ...any) rowScanner {
	st, err := a.stmt(q)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(a.tx.ctx, args...)
}

func (a *applier) exec(q string, args ...any) error {
	st, err := a.stmt(q)
	if err == nil {
		_, err = st.ExecContext(a.tx.ctx, args...)
	}
	return err
}

// prepared is a querier that prepares each query once per set: the
// loaders and checks of the tables run for every incoming row, and a
// query prepared again each time costs about what running it does.
type prepared struct{ a *applier }

func (p prepared) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := p.a.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (p prepared) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := p.a.stmt(q)
	if err != nil {
		return p.a.tx.tx.QueryRowContext(ctx, q, args...) // fails the same way, from Scan
	}
	return st.QueryRowContext(ctx, args...)
}

type rowScanner interface{ Scan(...any) error }

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// concurrent says whether a losing value was overwritten without its
// writer's knowledge: it came from another device, differs from the
// winner, and the winner was not written over it (its old value is not
// the loser's).
func concurrent(loserDevice, loserNew, winnerDevice, winnerNew string, winnerOld *string) bool {
	if loserDevice == winnerDevice || loserNew == winnerNew {
		return false
	}
	return winnerOld == nil || *winnerOld != loserNew
}

func nullablePtr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// conflictInsert keeps a losing value, once per losing change (op_id):
// loser op, table, row, field, value, device, winner op, found at.
const conflictInsert = `INSERT INTO conflicts (op_id, tbl, row_id, field, value, device_id, winner_op, found_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (op_id) DO NOTHING`

// conflict keeps the losing value of a concurrent edit and counts it.
func (a *applier) conflict(loserOp, table, rowID, field, value, device, winnerOp string) error {
	err := a.exec(conflictInsert, loserOp, table, rowID, field, value, device, winnerOp, a.tx.now.Format(time.RFC3339))
	if err == nil {
		a.res.Conflicts++
	}
	return sqlErr("keeping the losing value of a concurrent edit", err)
}

// write puts a row's winning values in place: an UPDATE of an existing
// row, or an INSERT of a row the set creates. Columns nobody sent yet
// (the derived ones) get placeholders that settle replaces.
func (a *applier) write(rc *rowChanges) error {
	if !rc.exists && !rc.created {
		return Errorf(EWaiting, "Change set %d of device %s changes a row of %s that another device created and this one has not received yet.",
			a.set.Seq, a.set.Device, rc.table)
	}
	if len(rc.order) == 0 {
		return nil
	}
	args := make([]any, 0, len(rc.order)+1)
	for _, f := range rc.order {
		args = append(args, rc.vals[f])
	}
	if rc.exists {
		set := strings.Join(rc.order, " = ?, ") + " = ?"
		err := a.exec(`UPDATE `+rc.table+` SET `+set+` WHERE id = ?`, append(args, rc.id)...)
		return sqlErr("applying incoming changes to a row of "+rc.table, err)
	}
	cols := append([]string{"id"}, rc.order...)
	args = append([]any{rc.id}, args...)
	fill, err := a.placeholders(rc.table)
	if err != nil {
		return err
	}
	for _, f := range fill {
		if _, ok := rc.vals[f.name]; !ok {
			cols = append(cols, f.name)
			args = append(args, f.zero)
		}
	}
	q := fmt.Sprintf(`INSERT INTO %s (%s) VALUES (?%s)`, rc.table, strings.Join(cols, ", "), strings.Repeat(", ?", len(cols)-1))
	return sqlErr("inserting an incoming row into "+rc.table, a.exec(q, args...))
}

type placeholder struct {
	name string
	zero any
}

// placeholders are the columns of table that must have a value and have
// no default: a row inserted before its derived columns are computed
// gets an empty value there.
func (a *applier) placeholders(table string) ([]placeholder, error) {
	if f, ok := a.fills[table]; ok {
		return f, nil
	}
	rows, err := a.tx.tx.QueryContext(a.tx.ctx, `SELECT name, type FROM pragma_table_info(?) WHERE "notnull" = 1 AND dflt_value IS NULL AND pk = 0`, table)
	if err != nil {
		return nil, sqlErr("reading the columns of "+table, err)
	}
	defer rows.Close()
	var out []placeholder
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, sqlErr("reading the columns of "+table, err)
		}
		var zero any = ""
		if strings.EqualFold(typ, "INTEGER") {
			zero = int64(0)
		}
		out = append(out, placeholder{name, zero})
	}
	if err := rows.Err(); err != nil {
		return nil, sqlErr("reading the columns of "+table, err)
	}
	if a.fills == nil {
		a.fills = map[string][]placeholder{}
	}
	a.fills[table] = out
	return out, nil
}

// reference is a foreign key: column from refers to table's column to.
type reference struct{ from, table, to string }

// references returns the foreign keys of a table, read once per set.
func (a *applier) references(table string) ([]reference, error) {
	if r, ok := a.refs[table]; ok {
		return r, nil
	}
	rows, err := a.tx.tx.QueryContext(a.tx.ctx, `SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)`, table)
	if err != nil {
		return nil, sqlErr("reading the references of "+table, err)
	}
	defer rows.Close()
	var out []reference
	for rows.Next() {
		var r reference
		if err := rows.Scan(&r.from, &r.table, &r.to); err != nil {
			return nil, sqlErr("reading the references of "+table, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, sqlErr("reading the references of "+table, err)
	}
	if a.refs == nil {
		a.refs = map[string][]reference{}
	}
	a.refs[table] = out
	return out, nil
}

// checkReferences makes a set wait, rather than fail, when a row it wrote
// refers to a row this device does not have yet.
func (a *applier) checkReferences(rc *rowChanges) error {
	refs, err := a.references(rc.table)
	if err != nil {
		return err
	}
	for _, r := range refs {
		var n int
		err := a.queryRow(`SELECT COUNT(*) FROM `+rc.table+` c WHERE c.id = ? AND c.`+r.from+` IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM `+r.table+` p WHERE p.`+r.to+` = c.`+r.from+`)`, rc.id).Scan(&n)
		if err != nil {
			return sqlErr("checking the references of "+rc.table, err)
		}
		if n > 0 {
			return Errorf(EWaiting, "Change set %d of device %s refers to a row of %s this computer has not received yet.", a.set.Seq, a.set.Device, r.table)
		}
	}
	return nil
}

// settle reads a written row back as its record, validates it as the
// write path does (cleaning text, enforcing caps, deriving columns) and
// stores what Validate made of it, derived columns included.
func (a *applier) settle(rc *rowChanges) error {
	ctx := a.tx.ctx
	rec, err := syncTables[rc.table].load(ctx, prepared{a}, rc.id)
	if err != nil {
		return sqlErr("reading an incoming row of "+rc.table+" back", err)
	}
	r, vals, err := validRow(rec)
	if err != nil {
		if !rc.exists || !brokenByMerge(err) {
			return a.invalid(rc, err)
		}
		// Two computers each made a valid edit of the row while apart
		// (one moved an appointment, the other lengthened it) and the
		// fields they won together fail a rule that ties them. Every
		// computer merges the same fields the same way, so all hold the
		// same row: it is kept as merged, and the values it replaced are
		// listed for a person to choose (markBrokenMerge). Refusing the
		// file instead would stop that computer's sync for good.
		r = rec.row()
		if vals, err = normalizeValues(r.vals); err != nil {
			return a.invalid(rc, err)
		}
		if err := a.markBrokenMerge(rc); err != nil {
			return err
		}
	}
	stored, err := a.stored(rc, r)
	if err != nil {
		return err
	}
	var set []string
	var args []any
	for i, col := range r.cols {
		if !sameValue(stored[i], vals[i]) {
			set = append(set, col+" = ?")
			args = append(args, vals[i])
		}
	}
	if len(set) == 0 {
		return nil
	}
	err = a.exec(`UPDATE `+r.table+` SET `+strings.Join(set, ", ")+` WHERE id = ?`, append(args, rc.id)...)
	return sqlErr("storing the checked values of an incoming row of "+rc.table, err)
}

// stored returns the stored values of r's columns: read back for a row
// that was here, known without reading for a row this set inserted.
func (a *applier) stored(rc *rowChanges, r row) ([]any, error) {
	if rc.exists {
		return a.tx.loadRow(r.table, rc.id, r.cols)
	}
	fill, err := a.placeholders(rc.table)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(r.cols))
	for i, col := range r.cols {
		if v, ok := rc.vals[col]; ok {
			out[i] = v
		} else if k := slices.IndexFunc(fill, func(p placeholder) bool { return p.name == col }); k >= 0 {
			out[i] = fill[k].zero
		} else {
			out[i] = columnDefault // unknown: rewritten to be sure
		}
	}
	return out, nil
}

// columnDefault stands for a value left to the column's default, which
// equals no value a record has, so that settle writes the record's.
var columnDefault = &struct{}{}

// decodeValue reads a JSON value of a change: null, an integer or text,
// the three kinds the schema stores.
func decodeValue(s string) (any, error) {
	// Most values are plain text or a small integer: read them without a
	// decoder (a tenth of applying's time went there).
	if n := len(s); n >= 2 && s[0] == '"' && s[n-1] == '"' && plainJSONText(s[1:n-1]) {
		return s[1 : n-1], nil
	}
	if s == "null" {
		return nil, nil
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil && (s == "0" || (s[0] != '0' && s[0] != '+' && (s[0] != '-' || (len(s) > 1 && s[1] != '0')))) {
		return i, nil
	}
	d := json.NewDecoder(bytes.NewReader([]byte(s)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, fmt.Errorf("trailing data after the value")
	}
	switch x := v.(type) {
	case nil, string:
		return x, nil
	case json.Number:
		return x.Int64()
	}
	return nil, fmt.Errorf("a value of type %T cannot be stored", v)
}

// plainJSONText says whether s is the inside of a JSON string that means
// itself: no escapes, no control characters, valid UTF-8.
func plainJSONText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '"' || c < 0x20 {
			return false
		}
	}
	return utf8.ValidString(s)
}

// mergeRules are the checks that tie two fields of a row together: each
// field valid alone, the pair not (an end before its start, a death
// before the birth). Two computers that each change one side while apart
// can break them with no fault of either. A value that fails a check of
// its own (too long, malformed) is never of this kind: its file is
// refused.
var mergeRules = map[i18n.Key]bool{
	"appointment.problem.period":         true,
	"problem.date.before_start":          true,
	"patient.problem.death_before_birth": true,
	"series.problem.until_before":        true,
}

// brokenByMerge says whether err is only the breach of rules that tie
// fields together.
func brokenByMerge(err error) bool {
	ps := ProblemsOf(err)
	if len(ps) == 0 {
		return false
	}
	for _, is := range ps {
		if !mergeRules[is.Key] {
			return false
		}
	}
	return true
}

// markBrokenMerge lists, for each field the set won on a row whose merge
// breaks a rule, the value it replaced, in the conflicts table: the
// conflicts screen offers to take it back, which the write path checks
// like any edit.
func (a *applier) markBrokenMerge(rc *rowChanges) error {
	for _, field := range rc.order {
		// The winner and the value it replaced, which may be the row's
		// creation's.
		ps, err := fieldHistory(a.tx.ctx, prepared{a}, rc.table, rc.id, field, 2, a.createdValues)
		if err != nil {
			return err
		} else if len(ps) < 2 {
			continue
		}
		winner, p := ps[0], ps[1]
		if err := a.conflict(p.loserKey(field), rc.table, rc.id, field, p.new, p.device, winner.opID); err != nil {
			return err
		}
	}
	return nil
}
