//go:build !windows

package data

import (
	"errors"
	"os"
	"syscall"
)

// openLockTarget opens what is locked: the data folder itself, read-only.
func openLockTarget(dir string) (*os.File, error) { return os.Open(dir) }

// lockFile takes an flock on f: whole-file, tied to this open file, let
// go by the system when the process ends.
func lockFile(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return errLocked
		}
		return err
	}
}

func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
