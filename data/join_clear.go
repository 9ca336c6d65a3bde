package data

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ClearUnsetDatabase removes the database of dir when it holds no
// practice yet, with its device key: the first start of a computer that
// joins the practice from its sync folder instead of creating one (a join
// needs a data folder without a database, and the desk opened one to ask
// what to do). The store of dir must be closed. A database holding a
// practice, a user or a patient is refused (EConflict) and left alone.
func ClearUnsetDatabase(ctx context.Context, dir string) error {
	lock, err := openLock(dir)
	if err != nil {
		return err
	}
	defer lock.release()
	path := filepath.Join(dir, DBFile)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	db, err := sql.Open(driverName, readerDSN(path))
	if err != nil {
		return sqlErr("opening the database", err)
	}
	var held int
	var device string
	err = db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM practice) + (SELECT count(*) FROM users) + (SELECT count(*) FROM patients),
		(SELECT device_id FROM this_device)`).Scan(&held, &device)
	db.Close()
	if err != nil {
		return sqlErr("reading whether the data folder is empty", err)
	}
	if held > 0 {
		return NewError(EConflict, "store.error.not_empty", "Folder", dir)
	}
	for _, p := range []string{path + "-wal", path + "-shm", path, keyPath(dir, device)} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return wrapError(EStorage, err, "store.error.clear_folder", "Folder", dir, "Cause", plainOSError(err))
		}
	}
	return nil
}
