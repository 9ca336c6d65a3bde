package data

import (
	"context"
	"database/sql"
	"os"
	"slices"
	"sort"
	"strings"
)

// A snapshot carries the practice's rows whole, but not the whole change
// log: measured on a simulated busy practice, the log was 87% of the
// database (two months: 126,000 changes, 49 of 56 MB with its indexes),
// and nearly all of it was the creation of rows, one change per field,
// which a joiner never needs. What a joiner needs of the log is what
// applying reads (sync_apply.go resolve): for each field, its newest
// change, to compare an incoming change's stamp with and to keep the
// losing value of a concurrent edit. compactChangeLog keeps that and
// drops the rest:
//
//   - a change that a newer change of the same field replaced, or a newer
//     change of the whole row ("*", one change for a whole row);
//   - the creation of a field (old is NULL) even when it is the field's
//     newest change. No other device can have changed a row before it had
//     the row, and applying the row's creation moved its clock past every
//     stamp of it: every change that can still arrive for the field is
//     newer and wins, as it would against the creation. Without the
//     creation there, applying skips only the test that files the
//     creation value as the loser of a concurrent edit, and a device that
//     wrote over a value it had seen is no concurrent edit. This holds
//     because a row's ID is made by the device that creates it; should
//     two devices ever have created one row, its creations are kept;
//   - changes of derived columns (never read when applying: the receiver
//     recomputes them);
//   - the entries of the audit log, when they are recorded as changes to
//     travel: the snapshot carries the audit log itself, whole, and
//     applying checks an incoming entry against that chain, never against
//     the change log.
//
// It keeps, besides, the newest change of each field of the tables in
// creationsRead, creations included; the first creation change of each
// row (who created a row and when: an attachment not arrived yet, the
// device that placed an appointment, the calendars' revision stamps read
// it); and every change of the maker made after its last sealed set:
// those travel again in its next file, and the joiner knows them by
// their op IDs.
//
// A "*" change is kept while no newer "*" change of its row exists:
// kept whole when only some of its fields were changed since.
func compactChangeLog(ctx context.Context, db *sql.DB, maker, sealedUpTo string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return sqlErr("compacting the snapshot's change log", err)
	}
	defer tx.Rollback()
	// The change log is append-only in a practice's database; the copy
	// is not a practice's database until a joiner opens it, and gets its
	// triggers back as they were.
	triggers, err := tableTriggers(ctx, tx, "changes")
	if err != nil {
		return err
	}
	for name := range triggers {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+name); err != nil {
			return sqlErr("compacting the snapshot's change log", err)
		}
	}
	// The set kept is worked out in parts that each read few changes or
	// follow an index (a window over the whole log took 4.7 s of CPU for
	// a busy year's 480,000 changes; this takes 1.5 s), then the log is
	// emptied at once and refilled with it.
	steps := []struct {
		q    string
		args []any
	}{
		{`CREATE TEMP TABLE keep (rid INTEGER PRIMARY KEY)`, nil},
		// The maker's changes not sealed yet.
		{`INSERT OR IGNORE INTO keep SELECT rowid FROM changes WHERE device_id = ? AND hlc > ?`, []any{maker, sealedUpTo}},
		// Each row's first creation change.
		{`INSERT OR IGNORE INTO keep SELECT MIN(rowid) FROM changes WHERE old IS NULL AND tbl <> '` + auditTable + `' GROUP BY tbl, row_id`, nil},
		// The newest change of each field, among the edits, the "*"
		// changes and the creations of rows two devices created: a
		// creation of a row one device made is older than every edit of
		// it. Derived columns left out, and what a newer "*" replaced.
		{`CREATE TEMP TABLE shared AS SELECT tbl, row_id FROM changes WHERE old IS NULL
			GROUP BY tbl, row_id HAVING MIN(device_id) <> MAX(device_id)`, nil},
		{`INSERT OR IGNORE INTO keep SELECT rid FROM (
			SELECT rowid AS rid, tbl, field, hlc,
				ROW_NUMBER() OVER (PARTITION BY tbl, row_id, field ORDER BY hlc DESC) AS newest,
				MAX(CASE WHEN field = '*' THEN hlc END) OVER (PARTITION BY tbl, row_id) AS whole
			FROM changes WHERE tbl <> '` + auditTable + `'
				AND (old IS NOT NULL OR field = '*' OR (tbl, row_id) IN (SELECT tbl, row_id FROM temp.shared)
					OR tbl IN ('` + strings.Join(creationsRead, "', '") + `')))
			WHERE newest = 1 AND (field = '*' OR whole IS NULL OR whole < hlc) AND NOT ` + derivedFieldsSQL(), nil},
		{`CREATE TEMP TABLE kept AS SELECT rowid AS rid, * FROM changes WHERE rowid IN (SELECT rid FROM temp.keep)`, nil},
		{`DELETE FROM changes`, nil}, // no trigger left: emptied at once
		{`INSERT INTO changes (rowid, op_id, hlc, device_id, tbl, row_id, field, old, new)
			SELECT rid, op_id, hlc, device_id, tbl, row_id, field, old, new FROM temp.kept ORDER BY rid`, nil},
		{`DROP TABLE temp.kept`, nil},
		{`DROP TABLE temp.shared`, nil},
		{`DROP TABLE temp.keep`, nil},
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
			return sqlErr("compacting the snapshot's change log", err)
		}
	}
	for _, name := range sortedNames(triggers) {
		if _, err := tx.ExecContext(ctx, triggers[name]); err != nil {
			return sqlErr("compacting the snapshot's change log", err)
		}
	}
	return sqlErr("compacting the snapshot's change log", tx.Commit())
}

// creationsRead are the tables whose rows' creation changes are read
// after the row is made, so a snapshot keeps each field's newest change
// even when it is the creation: admitUserLogin reads the change that gave
// an account its login (accounts are few).
var creationsRead = []string{"users"}

// tableTriggers returns the triggers of table by name, with their SQL.
func tableTriggers(ctx context.Context, tx *sql.Tx, table string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`, table)
	if err != nil {
		return nil, sqlErr("reading the triggers of "+table, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			return nil, sqlErr("reading the triggers of "+table, err)
		}
		out[name] = q
	}
	return out, sqlErr("reading the triggers of "+table, rows.Err())
}

func sortedNames(m map[string]string) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// derivedFieldsSQL is a condition on a change's tbl and field that holds
// for the derived columns of the tables sync carries. Table and column
// names come from the code, never from data.
func derivedFieldsSQL() string {
	var terms []string
	for _, name := range sortedKeysOf(syncTables) {
		t := syncTables[name]
		if len(t.derived) == 0 {
			continue
		}
		fields := slices.Clone(t.derived)
		sort.Strings(fields)
		terms = append(terms, "(tbl = '"+name+"' AND field IN ('"+strings.Join(fields, "', '")+"'))")
	}
	if len(terms) == 0 {
		return "0"
	}
	return "(" + strings.Join(terms, " OR ") + ")"
}

func sortedKeysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// lastSealedStamp returns the clock stamp of this device's last sealed
// change, "" when it sealed none: its changes stamped after it are not
// in any change file yet.
func lastSealedStamp(ctx context.Context, q querier) (string, error) {
	var hlc sql.NullString
	err := q.QueryRowContext(ctx, `SELECT hlc FROM changes WHERE rowid = (SELECT MAX(to_change) FROM sync_out)`).Scan(&hlc)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return hlc.String, sqlErr("reading this computer's last sealed change", err)
}

// compactCopy writes to dst a copy of the database file src with its
// change log compacted (compactChangeLog), and removes src. src is a
// scratch copy no one else has open: it is written without a journal.
func compactCopy(ctx context.Context, src, dst, maker, sealedUpTo string) error {
	defer os.Remove(src)
	db, err := sql.Open(driverName, sqliteURI(src)+"?_journal_mode=OFF&_synchronous=OFF")
	if err != nil {
		return sqlErr("opening the snapshot", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := compactChangeLog(ctx, db, maker, sealedUpTo); err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, privateFileMode)
	if err != nil {
		return wrapError(EStorage, err, "backup.error.copy", "Cause", plainOSError(err))
	}
	f.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		os.Remove(dst)
		return sqlErr("copying the snapshot", err)
	}
	return nil
}
