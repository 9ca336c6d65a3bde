package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Rows new here are checked before they are written, so that each is
// inserted once with its derived columns, instead of inserted with
// placeholders, read back, checked and updated (which maintained the
// search index twice, and took half of applying's time).
//
// The table's loader reads the row from a common table expression of the
// table's name holding the incoming values: within that one statement it
// stands in for the table, so the loader, written for stored rows, reads
// the row as it would be stored. A loader whose query has its own WITH
// cannot be read so; such rows take the stored way (write, then settle).

// column is one column of a table as the schema declares it.
type column struct {
	name     string
	expr     string // the SQL of its value when a set does not send it: the default, or the placeholder
	required bool
}

// columnsOf returns the columns of table, read once per set.
func (a *applier) columnsOf(table string) ([]column, error) {
	if c, ok := a.cols[table]; ok {
		return c, nil
	}
	rows, err := a.tx.tx.QueryContext(a.tx.ctx, `SELECT name, type, "notnull", dflt_value FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, sqlErr("reading the columns of "+table, err)
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		var typ string
		var dflt sql.NullString
		if err := rows.Scan(&c.name, &typ, &c.required, &dflt); err != nil {
			return nil, sqlErr("reading the columns of "+table, err)
		}
		switch {
		case dflt.Valid:
			c.expr = dflt.String
		case c.required && strings.EqualFold(typ, "INTEGER"):
			c.expr = "0"
		case c.required:
			c.expr = "''"
		default:
			c.expr = "NULL"
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, sqlErr("reading the columns of "+table, err)
	}
	if a.cols == nil {
		a.cols = map[string][]column{}
	}
	a.cols[table] = out
	return out, nil
}

// insertFresh checks a row the set creates and inserts it, derived
// columns included; done is false when the row must take the stored way.
func (a *applier) insertFresh(rc *rowChanges) (done bool, err error) {
	cols, err := a.columnsOf(rc.table)
	if err != nil {
		return false, err
	}
	names := make([]string, len(cols))
	exprs := make([]string, len(cols))
	var args []any
	for i, c := range cols {
		names[i] = c.name
		exprs[i] = c.expr
		if c.name == "id" {
			exprs[i] = "?"
			args = append(args, rc.id)
		} else if v, ok := rc.vals[c.name]; ok {
			exprs[i] = "?"
			args = append(args, v)
		}
	}
	with := fmt.Sprintf("WITH %s(%s) AS (VALUES (%s)) ", rc.table, strings.Join(names, ", "), strings.Join(exprs, ", "))
	q := incoming{prepared{a}, with, args}
	rec, err := syncTables[rc.table].load(a.tx.ctx, q, rc.id)
	if a.ownWith || errors.Is(err, sql.ErrNoRows) {
		// The loader could not read it so, or reads it with rows this
		// device lacks (a booking's practitioner): the stored way says
		// what waits for what.
		a.ownWith = false
		return false, nil
	} else if err != nil {
		return false, sqlErr("reading an incoming row of "+rc.table, err)
	}
	r, vals, err := validRow(rec)
	if err != nil {
		return false, a.invalid(rc, err)
	}
	insCols := append([]string{"id"}, r.cols...)
	insArgs := append([]any{rc.id}, vals...)
	if v, ok := rc.vals["deleted"]; ok {
		insCols = append(insCols, "deleted")
		insArgs = append(insArgs, v)
	}
	ins := fmt.Sprintf(`INSERT INTO %s (%s) VALUES (?%s)`, rc.table, strings.Join(insCols, ", "), strings.Repeat(", ?", len(insCols)-1))
	return true, sqlErr("inserting an incoming row into "+rc.table, a.exec(ins, insArgs...))
}

// invalid is the refusal of a set whose row fails its record's checks.
func (a *applier) invalid(rc *rowChanges, err error) error {
	e := Errorf(EInvalid, "Change set %d of device %s makes a row of %s that fails its checks: %s", a.set.Seq, a.set.Device, rc.table, ErrorMessage(err))
	e.Err = err
	return e
}

// incoming is a querier whose queries read the incoming row from the
// common table expression with, in place of the stored table.
type incoming struct {
	p    prepared
	with string
	args []any
}

// query puts the expression before s, or, when s has a WITH of its own,
// flags the row for the stored way and returns a query that fails.
func (q incoming) query(s string, args []any) (string, []any) {
	if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s)), "WITH") {
		q.p.a.ownWith = true
		return "SELECT no_such_column FROM (SELECT 1) WHERE 0", nil
	}
	return q.with + s, append(append([]any(nil), q.args...), args...)
}

func (q incoming) QueryContext(ctx context.Context, s string, args ...any) (*sql.Rows, error) {
	s, all := q.query(s, args)
	return q.p.QueryContext(ctx, s, all...)
}

func (q incoming) QueryRowContext(ctx context.Context, s string, args ...any) *sql.Row {
	s, all := q.query(s, args)
	return q.p.QueryRowContext(ctx, s, all...)
}
