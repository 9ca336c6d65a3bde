//go:build windows

package data

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// openLockTarget opens what is locked: LockFile in the data folder, since
// Windows locks byte ranges of files, not folders.
func openLockTarget(dir string) (*os.File, error) {
	return os.OpenFile(filepath.Join(dir, LockFile), os.O_CREATE|os.O_RDWR, privateFileMode)
}

// lockFile locks the first byte of f with LockFileEx, which Windows lets
// go when the handle closes or the process ends.
func lockFile(f *os.File, exclusive bool) error {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, new(windows.Overlapped))
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errLocked
	}
	return err
}

func unlockFile(f *os.File) {
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}
