package data

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
)

// createIfAbsent makes a new practice database at path when there is no
// file there at all. Anything else that is there is examined, never
// overwritten: an empty file or another program's database is refused.
func createIfAbsent(ctx context.Context, dir, path string) error {
	_, err := os.Lstat(path)
	if err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return cannotReadError(path, err)
	}
	return createPractice(ctx, dir, path)
}

// createPractice builds a complete new database (schema, first device, its
// key and its first anchor) under a temporary name, created 0600 by us
// before SQLite opens it, then puts it in place only if path is still
// free. The database at path is therefore always a whole Frontdesk
// database, never the zero-byte or half-migrated file of a creation that
// was interrupted; and when two Frontdesks create one new folder at once,
// the second finds the first one's practice and opens it.
func createPractice(ctx context.Context, dir, path string) error {
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		// SQLite would replay it into the new database.
		return NewError(EForeign, "store.error.wal_without_database", "Folder", dir, "Database", DBFile)
	}
	f, err := os.CreateTemp(dir, ".frontdesk-new-*.db")
	if err != nil {
		return wrapError(EStorage, err, "store.error.create_database", "Folder", dir, "Cause", plainOSError(err))
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(tmp + suffix) // no-ops once the database is in place
		}
	}()
	key, err := buildPractice(ctx, dir, tmp)
	if err != nil {
		return err
	}
	err = placeNew(tmp, path)
	if errors.Is(err, fs.ErrExist) {
		// Another Frontdesk created the practice first: open that one.
		os.Remove(keyPath(dir, key.device))
		os.Remove(anchorPath(dir, key.device))
		return nil
	} else if err != nil {
		os.Remove(keyPath(dir, key.device))
		os.Remove(anchorPath(dir, key.device))
		return wrapError(EStorage, err, "store.error.create_database", "Folder", dir, "Cause", plainOSError(err))
	}
	syncDir(dir)
	return nil
}

// buildPractice migrates the empty database at tmp, gives it its first
// device, writes the device's key and first anchor beside it, and closes
// it (which folds its WAL into the file).
func buildPractice(ctx context.Context, dir, tmp string) (deviceKey, error) {
	db, err := sql.Open(driverName, writerDSN(tmp))
	if err != nil {
		return deviceKey{}, sqlErr("opening the new database", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	s := &Store{dir: dir, path: tmp, w: db}
	s.setActor(OSActor("system"))
	if err := db.PingContext(ctx); err != nil {
		return deviceKey{}, openError(dir, err)
	}
	if err := migrate(ctx, db); err != nil {
		return deviceKey{}, err
	}
	id := NewID()
	key, err := newDeviceKey(id)
	if err != nil {
		return key, wrapError(EInternal, err, "store.error.make_key")
	}
	s.setDevice(Device{ID: id, Series: "A", Name: "first computer", PublicKey: key.publicText()})
	s.clock = NewClock(id, HLC{})
	var first []auditHead
	err = s.update(ctx, func(tx *Tx) error {
		d := s.device()
		if err := tx.Save(&d); err != nil {
			return err
		}
		first = tx.audited
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO this_device (singleton, device_id) VALUES (1, ?)`, id)
		return err
	})
	if err != nil {
		return key, err
	}
	if err := db.Close(); err != nil {
		return key, sqlErr("closing the new database", err)
	}
	if err := saveDeviceKey(dir, key); err != nil {
		return key, keyFileError(dir, err)
	}
	w := newAnchorWriter(dir, key)
	w.head, w.at = first[len(first)-1].AnchorPoint, first[len(first)-1].at
	w.write(true)
	if w.err != nil {
		os.Remove(keyPath(dir, id))
		return key, wrapError(EStorage, w.err, "store.error.write_anchor", "Folder", dir, "Cause", plainOSError(w.err))
	}
	return key, nil
}
