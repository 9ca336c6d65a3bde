package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// DBFile is the name of the database inside the data folder.
const DBFile = "frontdesk.db"

// Store is an open practice database: one writer connection (SQLite
// allows one writer at a time; a single connection makes that explicit)
// and a pool of read-only connections for screens and reports, which
// WAL mode lets read while the writer writes.
type Store struct {
	dir    string
	path   string
	w      *sql.DB
	r      *sql.DB
	device Device
	clock  *Clock
	user   atomic.Value // string: who acts in the audit log
	stmts  stmtCache    // prepared statements of the read pool (stmt_cache.go)
}

// sqliteURI turns a file path into the file: URI SQLite expects,
// escaping the characters that URIs reserve.
func sqliteURI(path string) string {
	path = filepath.ToSlash(path)
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(path)
}

func writerDSN(path string) string {
	return sqliteURI(path) + "?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_txlock=immediate&_foreign_keys=on"
}

func readerDSN(path string) string {
	return sqliteURI(path) + "?mode=ro&_busy_timeout=5000&_foreign_keys=on"
}

// Open opens (creating when missing) the practice database in dir. It
// checks the file before writing anything: a damaged database or one from
// a newer Frontdesk is refused with a message and left untouched.
func Open(dir string) (*Store, error) {
	ctx := context.Background()
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, DBFile)
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	checked, err := precheck(ctx, path)
	if err != nil {
		return nil, err
	}
	w, err := sql.Open(driverName, writerDSN(path))
	if err != nil {
		return nil, mapSQLError(err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	s := &Store{dir: dir, path: path, w: w}
	s.user.Store("system")
	if err := s.open(ctx, checked); err != nil {
		w.Close()
		if s.r != nil {
			s.r.Close()
		}
		return nil, err
	}
	return s, nil
}

func (s *Store) open(ctx context.Context, checked bool) error {
	if err := s.w.PingContext(ctx); err != nil {
		return openError(s.dir, err)
	}
	if !checked {
		if err := quickCheck(ctx, s.w); err != nil {
			return err
		}
	}
	if err := migrate(ctx, s.w); err != nil {
		return err
	}
	s.r, _ = sql.Open("sqlite3", readerDSN(s.path))
	s.r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	if err := s.r.PingContext(ctx); err != nil {
		return openError(s.dir, err)
	}
	return s.loadDevice(ctx)
}

// prepareDir creates the data folder, and explains when it cannot.
func prepareDir(dir string) error {
	if dir == "" {
		return Errorf(EInvalid, "No data folder was given.")
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return Errorf(EStorage, "The data folder %s is a file, not a folder. Choose a folder with --data.", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &Error{Code: EStorage, Message: fmt.Sprintf("Frontdesk cannot create its data folder %s: %s.", dir, plainOSError(err)), Err: err}
	}
	return nil
}

// checkHeader refuses a file that is not an SQLite database at all, before
// SQLite gets a chance to touch it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return &Error{Code: EStorage, Message: fmt.Sprintf("Frontdesk cannot read %s: %s.", path, plainOSError(err)), Err: err}
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := f.Read(head)
	if n == 0 {
		return nil // an empty file is what SQLite itself creates
	}
	if n < 16 || string(head) != "SQLite format 3\x00" {
		return damagedError(path, errors.New("bad file header"))
	}
	return nil
}

// precheck examines an existing database through a read-only connection
// before the writer opens it: the writer's DSN switches the file to WAL
// mode, which rewrites the header of a database in rollback-journal mode
// (a restored or copied file), so a damaged database or one from a newer
// Frontdesk must be refused before the writer touches it. It reports
// whether quick_check passed; errors other than damage or a newer version
// (a hot journal a read-only connection cannot roll back, a lock) are left
// for the writer to meet.
func precheck(ctx context.Context, path string) (bool, error) {
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		return false, nil
	}
	db, err := sql.Open("sqlite3", readerDSN(path))
	if err != nil {
		return false, nil
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	err = quickCheck(ctx, db)
	if err == nil {
		err = checkNotNewer(ctx, db)
	}
	if code := ErrorCode(err); code == EDamaged || code == ETooNew {
		return false, err
	}
	return err == nil, nil
}

func damagedError(path string, cause error) error {
	return &Error{Code: EDamaged, Err: cause, Message: fmt.Sprintf(
		"The practice database %s is damaged or is not a Frontdesk database. Nothing was changed. Restore it from a backup, or run \"frontdesk check\" for details.", path)}
}

// quickCheck runs SQLite's quick_check; a damaged file is refused before
// anything is written to it.
func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return mapSQLError(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return mapSQLError(err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return mapSQLError(err)
	}
	if len(problems) > 0 {
		return &Error{Code: EDamaged, Err: errors.New(strings.Join(problems, "; ")), Message: "The practice database is damaged (its integrity check failed). Nothing was changed. Restore it from a backup, or run \"frontdesk check\" for details."}
	}
	return nil
}

// openError explains why the database could not be opened.
func openError(dir string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrReadonly || se.Code == sqlite3.ErrPerm) {
		return &Error{Code: EStorage, Err: err, Message: fmt.Sprintf(
			"Frontdesk cannot write in its data folder %s. Check that the folder exists, is not read-only and is not on a disconnected drive.", dir)}
	}
	return mapSQLError(err)
}

// plainOSError turns an os error into words.
func plainOSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrExist):
		return "something else is already there"
	case errors.Is(err, fs.ErrNotExist):
		return "it does not exist"
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full"
	case errors.Is(err, syscall.ENOTDIR):
		return "part of the path is a file, not a folder"
	}
	return "the system refused"
}

// mapSQLError turns SQLite's errors into errors a person can act on.
func mapSQLError(err error) error {
	if err == nil {
		return nil
	}
	var de *Error
	if errors.As(err, &de) {
		return err
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		if errors.Is(err, context.Canceled) {
			return &Error{Code: EConflict, Message: "The operation was cancelled; nothing was changed.", Err: err}
		}
		return &Error{Code: EInternal, Message: ErrorMessage(err), Err: err}
	}
	switch se.Code {
	case sqlite3.ErrFull:
		return &Error{Code: EStorage, Err: err, Message: "The disk is full: nothing was saved. Free some space and try again."}
	case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
		return &Error{Code: EStorage, Err: err, Message: "The data folder cannot be written (read-only, removed or disconnected): nothing was saved."}
	case sqlite3.ErrIoErr:
		return &Error{Code: EStorage, Err: err, Message: "The disk reported an error: nothing was saved. Check the drive, then try again."}
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return &Error{Code: EDamaged, Err: err, Message: "The practice database is damaged. Nothing was changed. Restore it from a backup, or run \"frontdesk check\" for details."}
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return &Error{Code: EConflict, Err: err, Message: "Another Frontdesk is busy with the database; try again in a moment."}
	case sqlite3.ErrConstraint:
		if se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey {
			return &Error{Code: EConflict, Err: err, Message: "This record already exists."}
		}
		if se.ExtendedCode == sqlite3.ErrConstraintForeignKey {
			return &Error{Code: EInvalid, Err: err, Message: "This record refers to something that does not exist (or is still referred to)."}
		}
		if strings.Contains(se.Error(), "append-only") {
			return &Error{Code: EForbidden, Err: err, Message: "This record cannot be changed or deleted; add a correction instead."}
		}
	}
	return &Error{Code: EInternal, Err: err, Message: ErrorMessage(err)}
}

// Close closes both pools, checkpointing the WAL into the database file.
func (s *Store) Close() error {
	var errs []error
	s.stmts.closeAll()
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// Dir returns the data folder.
func (s *Store) Dir() string { return s.dir }

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// SetUser names who acts in the audit log from now on.
func (s *Store) SetUser(user string) { s.user.Store(user) }

// User returns who acts in the audit log.
func (s *Store) User() string { return s.user.Load().(string) }

// Device returns this database's own device.
func (s *Store) Device() Device { return s.device }

// ReadDB is the read-only pool, for benchmarks and diagnostics that
// compare the store's queries with raw SQL.
func (s *Store) ReadDB() *sql.DB { return s.r }

// Analyze refreshes the query planner's statistics, after a bulk import.
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.w.ExecContext(ctx, `ANALYZE`)
	return mapSQLError(err)
}
