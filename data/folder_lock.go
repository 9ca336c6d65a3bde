package data

import (
	"errors"
	"os"
)

// A data folder is locked by every open store of it, shared, and by a
// restore, alone: a restore must never swap the database under a desk
// (or a command) that has it open, and nothing may open the practice
// while a restore is swapping its files. SQLite's own locks cannot say
// this: they are taken per transaction, and a desk sitting idle holds
// none a restore could meet. On Unix the lock is an flock on the folder
// itself, so that it adds no file: a folder Open refuses is left exactly
// as it was. Windows cannot lock a folder; there the lock is LockFile.
const LockFile = "frontdesk.lock"

// errLocked is what lockFolder returns when the other kind of lock is held.
var errLocked = errors.New("the data folder is locked")

// folderLock is a held lock on a data folder.
type folderLock struct{ f *os.File }

// lockFolder takes the data folder's lock, shared or exclusive, without
// waiting: it returns errLocked at once when it is held the other way.
func lockFolder(dir string, exclusive bool) (*folderLock, error) {
	f, err := openLockTarget(dir)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f, exclusive); err != nil {
		f.Close()
		return nil, err
	}
	return &folderLock{f: f}, nil
}

// release lets the lock go; closing the file would too, and the
// operating system does when the process ends, however it ends.
func (l *folderLock) release() {
	if l != nil && l.f != nil {
		unlockFile(l.f)
		l.f.Close()
		l.f = nil
	}
}

// openLock is Open's shared lock, in words when a restore holds it.
func openLock(dir string) (*folderLock, error) {
	l, err := lockFolder(dir, false)
	if errors.Is(err, errLocked) {
		return nil, NewError(EConflict, "store.error.restoring", "Folder", dir)
	} else if err != nil {
		return nil, lockError(dir, err)
	}
	return l, nil
}

// LockForRestore takes the data folder for a restore: it fails at once,
// with words, when a desk or a command has the practice open; while it
// is held, nothing can open it. unlock lets it go.
func LockForRestore(dir string) (unlock func(), err error) {
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	l, err := lockFolder(dir, true)
	if errors.Is(err, errLocked) {
		return nil, NewError(EConflict, "backup.error.in_use", "Folder", dir)
	} else if err != nil {
		return nil, lockError(dir, err)
	}
	return l.release, nil
}

func lockError(dir string, err error) error {
	e := NewError(EStorage, "store.error.lock", "Folder", dir)
	e.Err = err
	return e
}
