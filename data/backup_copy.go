package data

import (
	"context"
	"database/sql"
	"os"
	"time"
)

// AttachmentsFolder is the folder, inside the data folder, of the
// attached files (each stored under its SHA-256, in a folder named by
// its first two hex digits): backups carry it whole.
const AttachmentsFolder = attachmentDir

// BackupSettingsFile is this computer's backup settings beside the
// database (data/backup keeps it; outputs must never replace it).
const BackupSettingsFile = "backup-settings.json"

// CopyDatabase writes a consistent copy of the practice database to dst,
// which must not exist, with SQLite's VACUUM INTO on a read-only
// connection of its own: one read transaction, so writers go on while it
// copies, and the copy is rebuilt row by row (its indexes are made anew
// from the tables, never copied). A damaged database fails here rather
// than giving a damaged copy. progress, when not nil, is called from
// another goroutine with the bytes written so far and an estimate of the
// total. Cancelling ctx stops the copy; nothing is left at dst on failure.
//
// The copy is a working file, read back at once and removed: it is not
// forced to disk (VACUUM INTO syncs its output as the connection's
// synchronous setting says, here off), which would cost a backup a
// second write of the whole database. A caller keeping it must sync it.
func (s *Store) CopyDatabase(ctx context.Context, dst string, progress func(done, total int64)) error {
	db, err := sql.Open("sqlite3", readerDSN(s.path)+"&_synchronous=OFF")
	if err != nil {
		return sqlErr("opening the database to copy it", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var pages, free, size int64
	for q, v := range map[string]*int64{"PRAGMA page_count": &pages, "PRAGMA freelist_count": &free, "PRAGMA page_size": &size} {
		if err := db.QueryRowContext(ctx, q).Scan(v); err != nil {
			return sqlErr("measuring the database to copy", err)
		}
	}
	total := max(pages-free, 1) * size
	// VACUUM INTO fills an empty file: made here, it is the owner's only.
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, privateFileMode)
	if err != nil {
		return wrapError(EStorage, err, "backup.error.copy", "Cause", plainOSError(err))
	}
	f.Close()
	done := make(chan struct{})
	if progress != nil {
		go watchSize(dst, total, progress, done)
	}
	_, err = db.ExecContext(ctx, `VACUUM INTO ?`, dst)
	close(done)
	if err != nil {
		os.Remove(dst)
		if ctx.Err() != nil {
			return sqlErr("copying the database", ctx.Err()) // context.Canceled stays in the chain
		}
		return sqlErr("copying the database", err)
	}
	if progress != nil {
		if fi, err := os.Stat(dst); err == nil {
			progress(fi.Size(), fi.Size())
		}
	}
	return nil
}

// watchSize reports a growing file's size until done is closed: VACUUM
// INTO gives no progress of its own, and the copy grows to about the
// database's used pages.
func watchSize(path string, total int64, progress func(done, total int64), done <-chan struct{}) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			if fi, err := os.Stat(path); err == nil {
				progress(min(fi.Size(), total), total)
			}
		}
	}
}

// VerifyDatabaseFile examines a database file that is not open: that it
// is a Frontdesk database no newer than this program (by the same rules
// as Open) and passes quick_check. It reads without changing the file.
// It returns the file's schema version. Restoring a backup calls it
// before anything is replaced.
func VerifyDatabaseFile(ctx context.Context, path string) (int, error) {
	if _, err := readHeader(path); err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite3", readerDSN(path))
	if err != nil {
		return 0, sqlErr("opening a database to verify it", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var ex examination
	if err := examineSchema(ctx, db, path, &ex); err != nil {
		return 0, explainOpenError(path, err)
	}
	if ex.version < 1 {
		return 0, foreignError(path, "it has no schema")
	}
	if err := quickCheck(ctx, db); err != nil {
		return 0, explainOpenError(path, err)
	}
	return ex.version, nil
}

// UseWAL switches a database file that is not open to WAL mode, as the
// store keeps it: a restored copy (VACUUM INTO writes rollback-journal
// files) then opens at once, its check in the background, instead of
// being read whole a second time before the desk shows.
func UseWAL(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", sqliteURI(path)+"?_busy_timeout=5000")
	if err != nil {
		return sqlErr("opening a restored database", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var mode string
	if err := db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return sqlErr("switching a restored database to WAL mode", err)
	}
	return nil
}

// AuditMark is a mark of how far the audit log has grown: every change
// and every reading of patient data appends to it, so the practice is
// unchanged since a mark while ChangedSince says so.
func (s *Store) AuditMark(ctx context.Context) (int64, error) {
	var mark int64
	err := s.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(rowid), 0) FROM audit_log`).Scan(&mark)
	return mark, sqlErr("reading how far the audit log has grown", err)
}

// ChangedSince reports whether anything but backups was audited after
// mark: the automatic backup at close skips a practice nobody touched.
func (s *Store) ChangedSince(ctx context.Context, mark int64) (bool, error) {
	var changed bool
	err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit_log WHERE rowid > ? AND action != 'backup')`, mark).Scan(&changed)
	return changed, sqlErr("reading whether the practice changed since the last backup", err)
}
