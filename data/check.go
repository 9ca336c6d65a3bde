package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// CheckReport is what "frontdesk check" found.
type CheckReport struct {
	Path         string
	Schema       int
	AuditEntries int
	Problems     []string
}

// OK reports whether nothing is wrong.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// Check examines the database in dir without changing it: SQLite's
// quick_check and integrity_check, foreign keys, the schema version and
// every device's audit chain. It opens the file read-only, so a damaged
// database is reported rather than refused.
func Check(ctx context.Context, dir string) (CheckReport, error) {
	path := filepath.Join(dir, DBFile)
	rep := CheckReport{Path: path}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return rep, Errorf(ENotFound, "There is no practice database in %s.", dir)
	}
	if err := checkHeader(path); err != nil {
		rep.Problems = append(rep.Problems, "the file is not an SQLite database (its header is wrong)")
		return rep, nil
	}
	db, err := sql.Open("sqlite3", readerDSN(path))
	if err != nil {
		return rep, mapSQLError(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, pragma := range []string{"quick_check", "integrity_check"} {
		lines, err := pragmaLines(ctx, db, "PRAGMA "+pragma)
		if err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s could not run: %v", pragma, err))
			return rep, nil
		}
		for _, l := range lines {
			if l != "ok" {
				rep.Problems = append(rep.Problems, pragma+": "+l)
			}
		}
		if len(rep.Problems) > 0 {
			return rep, nil // integrity_check repeats quick_check's findings
		}
	}
	fk, err := pragmaLines(ctx, db, "PRAGMA foreign_key_check")
	if err != nil {
		rep.Problems = append(rep.Problems, fmt.Sprintf("foreign_key_check could not run: %v", err))
	}
	for _, l := range fk {
		rep.Problems = append(rep.Problems, "a row refers to a missing row: "+l)
	}
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&rep.Schema); err != nil {
		rep.Problems = append(rep.Problems, "the schema version cannot be read: this is not a Frontdesk database")
		return rep, nil
	}
	if rep.Schema > SchemaVersion() {
		rep.Problems = append(rep.Problems, fmt.Sprintf("written by a newer Frontdesk (database version %d; this program knows up to %d)", rep.Schema, SchemaVersion()))
		return rep, nil
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&rep.AuditEntries); err != nil {
		rep.Problems = append(rep.Problems, fmt.Sprintf("the audit log cannot be read: %v", err))
		return rep, nil
	}
	chain, err := verifyAuditChains(ctx, db)
	if err != nil {
		rep.Problems = append(rep.Problems, fmt.Sprintf("the audit log cannot be read: %v", err))
	}
	rep.Problems = append(rep.Problems, chain...)
	return rep, nil
}

// pragmaLines returns the rows of a PRAGMA that reports text lines, each
// row's columns joined.
func pragmaLines(ctx context.Context, db *sql.DB, q string) ([]string, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		line := ""
		for i, v := range vals {
			if i > 0 {
				line += " "
			}
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			line += fmt.Sprint(v)
		}
		out = append(out, line)
	}
	return out, rows.Err()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
