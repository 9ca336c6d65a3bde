package data

import (
	"context"
	"database/sql"
)

// checkTriggers compares the triggers of the database with those its
// migrations made: the append-only triggers of the audit log, the change
// records and the clinical notes can be dropped (or a trigger added) with
// the sqlite3 tool, and the chain alone would not show it until someone
// edits a row.
func (r *CheckReport) checkTriggers(ctx context.Context, db *sql.DB) error {
	want, err := expectedTriggers(ctx, r.Schema)
	if err != nil {
		return err
	}
	got, err := triggersOf(ctx, db)
	if err != nil {
		return err
	}
	for _, name := range sortedKeys(want) {
		switch sql, ok := got[name]; {
		case !ok:
			r.problem(EDamaged, "the trigger %s is missing: what it protects could have been changed behind Frontdesk's back", name)
		case sql != want[name]:
			r.problem(EDamaged, "the trigger %s is not the one Frontdesk made: it was replaced", name)
		}
	}
	for _, name := range sortedKeys(got) {
		if _, ok := want[name]; !ok {
			r.problem(EDamaged, "the trigger %s was added by something other than Frontdesk", name)
		}
	}
	return nil
}

// expectedTriggers applies the first version migrations to an empty
// database in memory and returns the triggers they make.
func expectedTriggers(ctx context.Context, version int) (map[string]string, error) {
	db, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	if err := migrateTo(ctx, db, version); err != nil {
		return nil, err
	}
	return triggersOf(ctx, db)
}

func triggersOf(ctx context.Context, db *sql.DB) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			return nil, err
		}
		out[name] = sql
	}
	return out, rows.Err()
}
