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

	"github.com/mattn/go-sqlite3"
)

// CheckReport is what "frontdesk check" found.
type CheckReport struct {
	Path         string
	Schema       int
	AuditEntries int
	Anchors      int // signed anchors the audit chains agreed with
	Problems     []string
	// Code says what the problems mean: EDamaged (the file or its audit
	// log is damaged or was altered), EForeign (it is not a Frontdesk
	// database) or ETooNew (a newer Frontdesk wrote it).
	Code string
}

// OK reports whether nothing is wrong.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// Err is the one-line verdict on a report with problems (nil without):
// restoring a backup is advised for damage only.
func (r CheckReport) Err() error {
	switch {
	case r.OK():
		return nil
	case r.Code == EForeign:
		return Errorf(EForeign, "%s is not a Frontdesk practice database (see above). Nothing was changed. Choose the right data folder with --data, or move that file out of the folder.", r.Path)
	case r.Code == ETooNew:
		return Errorf(ETooNew, "%s was written by a newer Frontdesk (see above). Install the newer version to open it; nothing was changed.", r.Path)
	}
	return Errorf(EDamaged, "%s failed its check (%d problems, listed above). Restore it from a backup.", r.Path, len(r.Problems))
}

func (r *CheckReport) problem(code, format string, args ...any) {
	if r.Code == "" || r.Code == EDamaged {
		r.Code = code
	}
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// Check examines the database in dir without changing it: that it is a
// Frontdesk database, SQLite's quick_check and integrity_check, foreign
// keys, the schema version, the triggers the migrations made, every
// device's audit chain, and the chains against the signed anchors beside
// the database. It opens the file read-only, so a damaged database is
// reported rather than refused. An error means the check could not run
// (the file cannot be read, the disk is full): that is not damage.
func Check(ctx context.Context, dir string) (CheckReport, error) {
	path := filepath.Join(dir, DBFile)
	rep := CheckReport{Path: path}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if err := rep.checkAnchors(ctx, nil, dir); err != nil {
			return rep, err
		}
		if rep.OK() {
			return rep, Errorf(ENotFound, "There is no practice database in %s.", dir)
		}
		rep.Problems = append([]string{"the practice database " + DBFile + " is missing, though audit anchors of a practice are in the folder"}, rep.Problems...)
		return rep, nil
	} else if err != nil {
		return rep, cannotReadError(path, err)
	}
	if _, err := readHeader(path); err != nil {
		return rep, rep.refused(err)
	}
	db, err := sql.Open("sqlite3", readerDSN(path))
	if err != nil {
		return rep, sqlErr("opening the database to check it", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var ex examination
	err = examineSchema(ctx, db, path, &ex)
	if walDeletedUnderAWriter(path, err) {
		// frontdesk.db-wal was deleted while a Frontdesk had the database
		// open: that Frontdesk still writes into the deleted file, which it
		// folds into the database only if it closes normally. Check what the
		// database file alone holds, which is what a crash would leave.
		rep.problem(EDamaged, "%s-wal was deleted or replaced while a Frontdesk has the database open: the changes it held are lost unless that Frontdesk closes normally", DBFile)
		db.Close()
		if db, err = sql.Open("sqlite3", sqliteURI(path)+"?mode=ro&immutable=1"); err != nil {
			return rep, sqlErr("opening the database without its deleted write-ahead log", err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		err = examineSchema(ctx, db, path, &ex)
	}
	if err != nil {
		return rep, rep.refused(explainOpenError(path, err))
	}
	rep.Schema = ex.version
	found := len(rep.Problems)
	for _, pragma := range []string{"quick_check", "integrity_check"} {
		lines, err := pragmaLines(ctx, db, "PRAGMA "+pragma)
		if err != nil {
			return rep, rep.refused(explainOpenError(path, err))
		}
		for _, l := range lines {
			if l != "ok" {
				rep.problem(EDamaged, "%s: %s", pragma, l)
			}
		}
		if len(rep.Problems) > found {
			return rep, nil // integrity_check repeats quick_check's findings
		}
	}
	fk, err := pragmaLines(ctx, db, "PRAGMA foreign_key_check")
	if err != nil {
		return rep, rep.refused(explainOpenError(path, err))
	}
	for _, l := range fk {
		rep.problem(EDamaged, "a row refers to a missing row: %s", l)
	}
	if err := rep.checkTriggers(ctx, db); err != nil {
		return rep, rep.refused(explainOpenError(path, err))
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&rep.AuditEntries); err != nil {
		return rep, rep.refused(explainOpenError(path, err))
	}
	chain, err := verifyAuditChains(ctx, db)
	if err != nil {
		return rep, rep.refused(explainOpenError(path, err))
	}
	for _, p := range chain {
		rep.problem(EDamaged, "%s", p)
	}
	return rep, rep.checkAnchors(ctx, db, dir)
}

// walDeletedUnderAWriter reports whether SQLite could not read the
// database because its -wal file is missing or shorter than the -shm index
// of a running Frontdesk says (it was deleted or replaced under it).
func walDeletedUnderAWriter(path string, err error) bool {
	var se sqlite3.Error
	if !errors.As(err, &se) || (se.ExtendedCode != sqlite3.ErrIoErrShortRead && !errors.Is(se.SystemErrno, fs.ErrNotExist)) {
		return false
	}
	_, serr := os.Stat(path + "-shm")
	return serr == nil
}

// refused turns what stopped the check into the report: a file that is
// not Frontdesk's, a newer one or a damaged one is a finding; anything else
// (permission, a full disk, a read-only folder) is an error that says why
// the check could not run.
func (r *CheckReport) refused(err error) error {
	var ff foreignFile
	switch code := ErrorCode(err); {
	case code == EForeign && errors.As(err, &ff):
		r.problem(EForeign, "%s is not a Frontdesk practice database: %s", DBFile, ff.why)
	case code == ETooNew:
		r.problem(ETooNew, "%s", ErrorMessage(err))
	case code == EDamaged:
		r.problem(EDamaged, "the file is damaged: SQLite cannot read it to check it (%v)", errors.Unwrap(err))
	default:
		return err
	}
	return nil
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
