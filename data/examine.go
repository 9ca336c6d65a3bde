package data

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/mattn/go-sqlite3"

	"frontdesk/data/i18n"
)

// examination is what Open learns about an existing database file before
// the writer touches it. The writer's DSN switches the file to WAL mode,
// which rewrites the header of a database in rollback-journal mode (a
// restored or copied file), so everything that refuses a file runs first,
// on a connection that cannot write.
type examination struct {
	wal          bool // the file is in WAL mode: the writer's DSN changes nothing
	version      int  // its schema version
	quickChecked bool // quick_check ran and passed
}

// needsWrites reports whether the writer must change the file before the
// store can use it.
func (ex examination) needsWrites() bool { return !ex.wal || ex.version < SchemaVersion() }

const sqliteMagic = "SQLite format 3\x00"

// SQLite's extended codes for a read-only database whose -shm cannot be
// made (SQLITE_READONLY_CANTINIT, SQLITE_READONLY_DIRECTORY), which the
// driver does not name.
var (
	errReadonlyCantInit  = sqlite3.ErrReadonly.Extend(5)
	errReadonlyDirectory = sqlite3.ErrReadonly.Extend(6)
)

// examine refuses a file that is not a Frontdesk database, one written by
// a newer Frontdesk, and (when the file needs writes before use) a damaged
// one, without changing it.
func examine(ctx context.Context, path string) (examination, error) {
	var ex examination
	head, err := readHeader(path)
	if err != nil {
		return ex, err
	}
	ex.wal = head[18] == 2 && head[19] == 2
	db, err := sql.Open("sqlite3", readerDSN(path))
	if err != nil {
		return ex, sqlErr("opening the database to examine it", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	err = examineSchema(ctx, db, path, &ex)
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrReadonlyRollback {
		// A hot journal: only a connection that may write can roll it back
		// (SQLite would on any open). This one changes nothing else: it
		// leaves the journal mode alone and only reads.
		db.Close()
		if db, err = sql.Open("sqlite3", sqliteURI(path)+"?_busy_timeout=5000"); err != nil {
			return ex, sqlErr("opening the database to roll back its journal", err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		err = examineSchema(ctx, db, path, &ex)
	}
	if err != nil {
		return ex, explainOpenError(path, err)
	}
	if ex.needsWrites() {
		if err := quickCheck(ctx, db); err != nil {
			return ex, explainOpenError(path, err)
		}
		ex.quickChecked = true
	}
	return ex, nil
}

// readHeader returns the first 100 bytes of the database file, refusing a
// file that is empty or is not an SQLite database at all.
func readHeader(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, cannotReadError(path, err)
	}
	defer f.Close()
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0 && (err == io.EOF || err == nil):
		return nil, foreignError(path, "store.foreign.empty_file")
	case err != nil && err != io.ErrUnexpectedEOF:
		return nil, cannotReadError(path, err)
	case n < len(head) || string(head[:16]) != sqliteMagic:
		return nil, foreignError(path, "store.foreign.not_database")
	}
	return head, nil
}

// examineSchema reads the schema version, refusing a database that is not
// Frontdesk's: every migration it records must be one of ours, by number
// and name.
func examineSchema(ctx context.Context, db *sql.DB, path string, ex *examination) error {
	var tables, ours int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE name = 'schema_migrations') FROM sqlite_master WHERE type = 'table'`).
		Scan(&tables, &ours); err != nil {
		return err
	}
	if ours == 0 {
		if tables == 0 {
			return foreignError(path, "store.foreign.no_tables")
		}
		return foreignError(path, "store.foreign.other_program")
	}
	rows, err := db.QueryContext(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.Code == sqlite3.ErrError {
			return foreignError(path, "store.foreign.other_program")
		}
		return err
	}
	defer rows.Close()
	ms, err := migrations()
	if err != nil {
		return err
	}
	for rows.Next() {
		var version int
		var name string
		if err := rows.Scan(&version, &name); err != nil {
			return foreignError(path, "store.foreign.other_program")
		}
		if version > len(ms) {
			return tooNewError(version, len(ms))
		}
		if version != ex.version+1 || name != ms[version-1].name {
			return foreignError(path, "store.foreign.other_program")
		}
		ex.version = version
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if ex.version == 0 && tables > 1 {
		return foreignError(path, "store.foreign.other_program")
	}
	return nil
}

// foreignError refuses a file that is not a Frontdesk database. It is not
// damage, and restoring a backup over it is not the cure: it may be
// another program's file, or the wrong folder. why says what it is.
func foreignError(path string, why i18n.Key) error {
	return wrapError(EForeign, foreignFile{i18n.EnglishText.T(why)}, "store.error.foreign", "Path", path, "Why", why)
}

// foreignFile is why a file is not a Frontdesk database, in English, for
// the check report.
type foreignFile struct{ why string }

func (f foreignFile) Error() string { return f.why }

func cannotReadError(path string, err error) error {
	return wrapError(EStorage, err, "store.error.read_file", "Path", path, "Cause", plainOSError(err))
}

// explainOpenError turns a failure to open or read the database into
// the real cause: damage only when SQLite says the file is damaged.
func explainOpenError(path string, err error) error {
	var de *Error
	if errors.As(err, &de) {
		return err
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return sqlErr("opening the database", err)
	}
	switch se.Code {
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return damagedError(path, err)
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return wrapError(EConflict, err, "store.error.busy_file", "Path", path)
	}
	cause := sqliteCause(se)
	if (se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrReadonly) && folderWritable(filepath.Dir(path)) != nil {
		// SQLite names the file it last failed to open, not why: a
		// WAL database is read through frontdesk.db-shm, which a
		// read-only folder (or disk) cannot hold.
		cause = readOnlyFolderCause
	}
	return wrapError(EStorage, err, "store.error.open_file", "Path", path, "Cause", cause)
}

const readOnlyFolderCause i18n.Key = "cause.read_only_folder"

// sqliteCause says in words (a key of the catalogue) why SQLite could not
// open or read a file, from the system's error where SQLite passes it on.
func sqliteCause(se sqlite3.Error) i18n.Key {
	switch {
	case se.ExtendedCode == sqlite3.ErrReadonlyRollback:
		return "cause.journal"
	case se.ExtendedCode == errReadonlyCantInit || se.ExtendedCode == errReadonlyDirectory:
		return readOnlyFolderCause
	case se.SystemErrno != 0:
		return plainOSError(se.SystemErrno)
	case se.Code == sqlite3.ErrReadonly:
		return "cause.read_only_file"
	case se.Code == sqlite3.ErrFull:
		return "cause.disk_full"
	case se.Code == sqlite3.ErrCantOpen, se.Code == sqlite3.ErrPerm:
		return "cause.permission_or_disconnected"
	}
	return "cause.disk_error"
}
