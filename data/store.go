package data

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"

	"frontdesk/data/i18n"
)

// DBFile is the name of the database inside the data folder.
const DBFile = "frontdesk.db"

// Store is an open practice database: one writer connection (SQLite
// allows one writer at a time; a single connection makes that explicit)
// and a pool of read-only connections for screens and reports, which
// WAL mode lets read while the writer writes.
type Store struct {
	dir  string
	path string
	w    *sql.DB
	r    *sql.DB
	// dev is this database's own device. Its series letter may change
	// while the desk runs (a background sync that finds another computer
	// holding the same letter), so it is read and replaced whole.
	dev    atomic.Pointer[Device]
	clock  *Clock
	sess   atomic.Pointer[session] // who the store acts for (session.go)
	stmts  stmtCache               // prepared statements of the read pool (stmt_cache.go)
	verify verification            // the check run on opening; writes wait for it (verify.go)
	anchor *anchorWriter           // this device's signed audit head beside the database (anchor.go)
	lock   *folderLock             // shared: no restore swaps the files while open (folder_lock.go)
	// checkpoints copies the WAL of a bulk commit into the database
	// file in the background (checkpoint.go).
	checkpoints checkpointer
	// signInNow is the clock of the delay after failed sign-ins
	// (signin.go); tests turn it by hand.
	signInNow func() time.Time
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

// Open opens the practice database in dir, creating a new practice only
// when there is no database file at all. It refuses, leaving the file as
// it is, a file that is not a Frontdesk database (an empty file, another
// program's database), a damaged one and one from a newer Frontdesk.
//
// The checks that cost little run before Open returns: the file's header,
// its schema, and on a file that needs writing before use (a migration,
// the switch to WAL mode, a missing device key) SQLite's quick_check too.
// On a file that is ready, quick_check (which reads the whole file: half
// a second for 100 000 patients) runs in the background instead, from the
// first write or the first call to Verified; writes wait until it passed.
func Open(dir string) (*Store, error) {
	ctx := context.Background()
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	// The folder's lock first: nothing is created or read while a restore
	// swaps the files.
	lock, err := openLock(dir)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Store, error) {
		lock.release()
		return nil, err
	}
	path := filepath.Join(dir, DBFile)
	if err := createIfAbsent(ctx, dir, path); err != nil {
		return fail(err)
	}
	if err := makeFilesPrivate(dir); err != nil {
		return fail(err)
	}
	ex, err := examine(ctx, path)
	if err != nil {
		return fail(err)
	}
	w, err := sql.Open(driverName, writerDSN(path))
	if err != nil {
		return fail(sqlErr("opening the database", err))
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	s := &Store{dir: dir, path: path, w: w, signInNow: time.Now, lock: lock}
	s.setActor(OSActor("system")) // the program itself, until someone signs in
	if err := s.open(ctx, ex); err != nil {
		s.Close() // lets the lock go too
		return nil, err
	}
	return s, nil
}

func (s *Store) open(ctx context.Context, ex examination) error {
	if err := s.w.PingContext(ctx); err != nil {
		return openError(s.dir, err)
	}
	checked := ex.quickChecked // examine ran it when the file needs writes
	if err := migrate(ctx, s.w); err != nil {
		return err
	}
	r, err := sql.Open("sqlite3", readerDSN(s.path))
	if err != nil {
		return sqlErr("opening the read-only connections", err)
	}
	s.r = r
	s.r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	if err := s.r.PingContext(ctx); err != nil {
		return openError(s.dir, err)
	}
	found, err := s.loadDevice(ctx)
	if err != nil {
		return err
	}
	if !found {
		if !checked {
			if err := quickCheck(ctx, s.r); err != nil {
				return err
			}
			checked = true
		}
		if err := s.createFirstDevice(ctx, ""); err != nil {
			return err
		}
	}
	return s.startVerification(ctx, checked)
}

// prepareDir creates the data folder, and explains when it cannot.
func prepareDir(dir string) error {
	if dir == "" {
		return NewError(EInvalid, "store.error.no_folder")
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return NewError(EStorage, "store.error.folder_is_file", "Folder", dir)
	}
	if err := os.MkdirAll(dir, privateDirMode); err != nil {
		return wrapError(EStorage, err, "store.error.create_folder", "Folder", dir, "Cause", plainOSError(err))
	}
	if err := makePrivate(dir, privateDirMode); err != nil {
		return notPrivateError(dir, err)
	}
	return nil
}

func damagedError(path string, cause error) error {
	return wrapError(EDamaged, cause, "store.error.damaged_file", "Path", path)
}

// quickCheck runs SQLite's quick_check; a damaged file is refused before
// anything is written to it.
func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return sqlErr("checking the database (quick_check)", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return sqlErr("checking the database (quick_check)", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return sqlErr("checking the database (quick_check)", err)
	}
	if len(problems) > 0 {
		return wrapError(EDamaged, errors.New(strings.Join(problems, "; ")), "store.error.integrity")
	}
	return nil
}

// openError explains why the database could not be opened.
func openError(dir string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrReadonly || se.Code == sqlite3.ErrPerm) {
		return wrapError(EStorage, err, "store.error.write_folder", "Folder", dir)
	}
	return sqlErr("opening the database", err)
}

// plainOSError turns an os error into words (a key of the catalogue).
func plainOSError(err error) i18n.Key {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "cause.permission"
	case errors.Is(err, fs.ErrExist):
		return "cause.exists"
	case errors.Is(err, fs.ErrNotExist):
		return "cause.not_exist"
	case errors.Is(err, syscall.ENOSPC):
		return "cause.disk_full"
	case errors.Is(err, syscall.ENOTDIR):
		return "cause.not_folder"
	case errors.Is(err, syscall.EROFS):
		return "cause.read_only"
	}
	return "cause.refused"
}

// mapSQLError turns SQLite's errors into errors a person can act on.
// It is called only through sqlErr, which adds the operation for the log.
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
			return wrapError(EConflict, err, "store.error.cancelled")
		}
		return &Error{Code: EInternal, Message: ErrorMessage(err), Err: err}
	}
	switch se.Code {
	case sqlite3.ErrFull:
		return wrapError(EStorage, err, "store.error.disk_full")
	case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
		return wrapError(EStorage, err, "store.error.read_only")
	case sqlite3.ErrIoErr:
		return wrapError(EStorage, err, "store.error.disk_error")
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return wrapError(EDamaged, err, "store.error.damaged")
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return wrapError(EConflict, err, "store.error.busy")
	case sqlite3.ErrConstraint:
		if se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey {
			return wrapError(EConflict, err, "store.error.exists")
		}
		if se.ExtendedCode == sqlite3.ErrConstraintForeignKey {
			return wrapError(EInvalid, err, "store.error.reference")
		}
		if strings.Contains(se.Error(), "append-only") {
			return wrapError(EForbidden, err, "store.error.append_only")
		}
	}
	return &Error{Code: EInternal, Err: err, Message: ErrorMessage(err)}
}

// Close stops the opening check if it still runs, closes both pools
// (checkpointing the WAL into the database file) and flushes the anchor to
// the disk.
func (s *Store) Close() error {
	s.stopVerification()
	var errs []error
	s.stmts.closeAll()
	errs = append(errs, s.checkpoints.close())
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	if s.anchor != nil {
		errs = append(errs, s.anchor.close())
	}
	s.lock.release() // last: the writer checkpointed the WAL, the anchor is written
	return errors.Join(errs...)
}

// Dir returns the data folder.
func (s *Store) Dir() string { return s.dir }

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// Device returns this database's own device.
func (s *Store) Device() Device { return s.device() }

func (s *Store) device() Device {
	if d := s.dev.Load(); d != nil {
		return *d
	}
	return Device{}
}

func (s *Store) setDevice(d Device) { s.dev.Store(&d) }

// ReadDB is the read-only pool, for benchmarks and diagnostics that
// compare the store's queries with raw SQL.
func (s *Store) ReadDB() *sql.DB { return s.r }

// Analyze refreshes the query planner's statistics, after a bulk import.
func (s *Store) Analyze(ctx context.Context) error {
	if err := s.writable(ctx); err != nil {
		return err
	}
	_, err := s.w.ExecContext(ctx, `ANALYZE`)
	return sqlErr("refreshing the query planner's statistics", err)
}
