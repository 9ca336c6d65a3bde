package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"slices"
)

// Applying a creation (a change of CreatedField, write_created.go): one
// change that carries every travelling field of a new row. It is applied
// as the per-field creations older devices sent would be, field by field,
// each stamped with the creation's clock stamp: a row new here is created
// with all of them; on a row already here (a creation replayed, a row two
// devices made under one ID) each field wins or loses against the newest
// change of that field by clock stamp, and a concurrent value that loses
// is kept in the conflicts table. The creation is recorded once in the
// change log, and known by its op ID when it comes again. Both forms are
// read for good: change logs and change files written before hold
// per-field creations.

// createdField is one field of a creation: its JSON text and its value.
type createdField struct {
	name, text string
	val        any
}

// readCreation reads the fields of a creation, in the order it lists
// them, checking each as a per-field change is checked. The derived
// columns a sender may list are left out: they are computed here.
func (a *applier) readCreation(c *Change) ([]createdField, error) {
	unreadable := func() error {
		return Errorf(EInvalid, "Change %s creates a row of %s with an unreadable list of fields.", c.OpID, c.Table)
	}
	if c.Old != nil {
		return nil, Errorf(EInvalid, "Change %s creates a row of %s but carries an old value.", c.OpID, c.Table)
	}
	t := syncTables[c.Table]
	d := json.NewDecoder(bytes.NewReader([]byte(c.New)))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, unreadable()
	}
	var out []createdField
	seen := map[string]bool{}
	for d.More() {
		tok, err := d.Token()
		name, ok := tok.(string)
		if err != nil || !ok || seen[name] {
			return nil, unreadable()
		}
		seen[name] = true
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return nil, unreadable()
		}
		if slices.Contains(t.derived, name) {
			continue
		}
		if !t.syncColumns()[name] {
			return nil, Errorf(ETooNew, "Change %s is about the field %q of %s, which this version of Frontdesk does not know: it may come from a newer version.", c.OpID, name, c.Table)
		}
		v, err := decodeValue(string(raw))
		if err != nil {
			return nil, Errorf(EInvalid, "Change %s carries an unreadable value for %s.%s.", c.OpID, c.Table, name)
		} else if name == "deleted" && v != int64(0) && v != int64(1) {
			return nil, Errorf(EInvalid, "Change %s marks a row of %s deleted with %s, which is neither 0 nor 1.", c.OpID, c.Table, raw)
		}
		out = append(out, createdField{name, string(raw), v})
	}
	if tok, err := d.Token(); err != nil || tok != json.Delim('}') {
		return nil, unreadable()
	}
	if _, err := d.Token(); err == nil {
		return nil, unreadable() // something after the object
	}
	return out, nil
}

// applyCreation reads creation c of row rc and keeps the values that win
// their field.
func (a *applier) applyCreation(c *Change, rc *rowChanges) error {
	fields, err := a.readCreation(c)
	if err != nil {
		return err
	}
	won, err := a.resolveCreation(c, rc, fields)
	if err != nil {
		return err
	}
	rc.created = true
	for i, f := range fields {
		if !won[i] {
			continue
		}
		if _, seen := rc.vals[f.name]; !seen {
			rc.order = append(rc.order, f.name)
		}
		rc.vals[f.name] = f.val
	}
	return nil
}

// resolveCreation is resolve for a creation: it records c in the change
// log, unless it is known, and says which of its fields win.
func (a *applier) resolveCreation(c *Change, rc *rowChanges, fields []createdField) ([]bool, error) {
	won := make([]bool, len(fields))
	if !rc.exists {
		// A row new here: every field wins (as in resolve).
		a.fresh = append(a.fresh, c)
		a.res.Applied++
		for i := range won {
			won[i] = true
		}
		return won, nil
	}
	var known int
	if err := a.queryRow(`SELECT COUNT(*) FROM changes WHERE op_id = ?`, c.OpID).Scan(&known); err != nil {
		return nil, sqlErr("looking for a change applied before", err)
	} else if known > 0 {
		a.res.Known++
		return won, nil
	}
	t := syncTables[c.Table]
	if t.appendOnly {
		return nil, Errorf(EForbidden, "Change %s writes again a row of %s, whose rows are never changed once written.", c.OpID, c.Table)
	}
	for _, f := range fields {
		if rc.frozen && !slices.Contains(t.thawed, f.name) {
			return nil, Errorf(EForbidden, "Change %s edits %s of a row of %s that is final here and never changes.", c.OpID, f.name, c.Table)
		}
	}
	// Every field is compared with what was here before the creation,
	// so it is recorded after.
	priors := make([]priorChange, len(fields))
	has := make([]bool, len(fields))
	for i, f := range fields {
		var err error
		if priors[i], has[i], err = a.prior(c.Table, c.RowID, f.name); err != nil {
			return nil, err
		}
	}
	if err := a.exec(`INSERT INTO changes (op_id, hlc, device_id, tbl, row_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		c.OpID, c.HLC, c.Device, c.Table, c.RowID, c.Field, c.Old, c.New); err != nil {
		return nil, sqlErr("recording an incoming change", err)
	}
	took := false
	for i, f := range fields {
		p := priors[i]
		if !has[i] || c.HLC > p.hlc {
			won[i], took = true, true
			if has[i] && concurrent(p.device, p.new, c.Device, f.text, nil) {
				if err := a.conflict(p.loserKey(f.name), c.Table, c.RowID, f.name, p.new, p.device, c.OpID); err != nil {
					return nil, err
				}
			}
			continue
		}
		if concurrent(c.Device, f.text, p.device, p.new, nullablePtr(p.old)) {
			if err := a.conflict(creationLoserKey(c.OpID, f.name), c.Table, c.RowID, f.name, f.text, c.Device, p.opID); err != nil {
				return nil, err
			}
		}
	}
	if took {
		a.res.Applied++
	} else {
		a.res.Lost++
	}
	return won, nil
}

// prior returns the newest change recorded for a field of a row (see
// fieldHistory); found is false when there is none.
func (a *applier) prior(table, rowID, field string) (p priorChange, found bool, err error) {
	ps, err := fieldHistory(a.tx.ctx, prepared{a}, table, rowID, field, 1, a.createdValues)
	if err != nil || len(ps) == 0 {
		return p, false, err
	}
	return ps[0], true, nil
}

// fieldHistory returns the n newest changes recorded for a field of a
// row, newest first: changes of that field, and creations that carry it
// (as the field's value, with no old value). Whatever asks which change
// gave a field its value asks here, so that it sees both forms of a
// creation. values reads the fields of a stored creation (nil: read each
// time).
func fieldHistory(ctx context.Context, q querier, table, rowID, field string, n int, values func(opID, obj string) map[string]string) ([]priorChange, error) {
	if values == nil {
		values = func(_, obj string) map[string]string { return createdTexts(obj) }
	}
	rows, err := q.QueryContext(ctx, `SELECT op_id, hlc, device_id, field, new, old FROM changes
		WHERE tbl = ? AND row_id = ? AND field IN (?, '`+CreatedField+`') ORDER BY hlc DESC`, table, rowID, field)
	if err != nil {
		return nil, sqlErr("reading the newest change of a field", err)
	}
	defer rows.Close()
	var out []priorChange
	for len(out) < n && rows.Next() {
		var p priorChange
		var f string
		if err := rows.Scan(&p.opID, &p.hlc, &p.device, &f, &p.new, &p.old); err != nil {
			return nil, sqlErr("reading the newest change of a field", err)
		}
		if f == CreatedField {
			// Its value of the field, if it lists the field (a creation
			// written before the column existed does not).
			text, ok := values(p.opID, p.new)[field]
			if !ok {
				continue
			}
			p.new, p.old, p.created = text, sql.NullString{}, true
		}
		out = append(out, p)
	}
	return out, sqlErr("reading the newest change of a field", rows.Err())
}

// createdValues returns the fields of a stored creation with the JSON
// text of their values, read once per set: an edit of several fields of
// one row asks for each.
func (a *applier) createdValues(opID, obj string) map[string]string {
	fields, ok := a.created[opID]
	if !ok {
		fields = createdTexts(obj)
		if a.created == nil {
			a.created = map[string]map[string]string{}
		}
		a.created[opID] = fields
	}
	return fields
}

// createdTexts reads the fields of a stored creation, with the JSON text
// of their values; nothing when it cannot be read (it was checked when
// it was recorded).
func createdTexts(obj string) map[string]string {
	fields := map[string]string{}
	var raw map[string]json.RawMessage
	if json.Unmarshal([]byte(obj), &raw) == nil {
		for k, v := range raw {
			fields[k] = string(v)
		}
	}
	return fields
}

// loserKey names the losing value of p in the conflicts table: its op
// ID, or for a creation, which loses field by field, the op ID and the
// field.
func (p priorChange) loserKey(field string) string {
	if p.created {
		return creationLoserKey(p.opID, field)
	}
	return p.opID
}

func creationLoserKey(opID, field string) string { return opID + "/" + field }

// loserOpSQL is the op ID of the losing change a conflict names, in SQL
// over the conflicts table c: its key, or for a creation's field the key
// up to "/" (creationLoserKey; op IDs hold no "/").
const loserOpSQL = `CASE WHEN instr(c.op_id, '/') > 0 THEN substr(c.op_id, 1, instr(c.op_id, '/') - 1) ELSE c.op_id END`
