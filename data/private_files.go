package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// The practice's files are the user's alone: on Unix the data folder and
// the folders the store makes in it are 0700, the database, its -wal and
// -shm, the device key and the anchors 0600, whatever the umask and
// however the folder was made. On Windows, %LOCALAPPDATA% is already the
// user's own (its ACLs); Frontdesk does not change ACLs there.
const (
	privateDirMode  fs.FileMode = 0o700
	privateFileMode fs.FileMode = 0o600
)

// makePrivate narrows the permissions of an existing file or folder to
// mode when it allows more (group or others). A missing path is fine.
func makePrivate(path string, mode fs.FileMode) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if fi.Mode()&fs.ModeSymlink != 0 || fi.Mode().Perm()&^mode == 0 {
		return nil
	}
	return os.Chmod(path, fi.Mode().Perm()&mode)
}

type privatePath struct {
	path string
	mode fs.FileMode
}

// makeFilesPrivate narrows what a data folder holds that Frontdesk wrote:
// files left 0644 by an earlier version, or a folder made 0755 by hand.
func makeFilesPrivate(dir string) error {
	paths := []privatePath{
		{filepath.Join(dir, DBFile), privateFileMode},
		{filepath.Join(dir, DBFile+"-wal"), privateFileMode},
		{filepath.Join(dir, DBFile+"-shm"), privateFileMode},
		{filepath.Join(dir, DBFile+"-journal"), privateFileMode},
		{filepath.Join(dir, attachmentDir), privateDirMode},
	}
	// The attachments' fan-out folders (attachments/ab/) and the viewing copies.
	if subs, err := os.ReadDir(filepath.Join(dir, attachmentDir)); err == nil {
		for _, e := range subs {
			if e.IsDir() {
				paths = append(paths, privatePath{filepath.Join(dir, attachmentDir, e.Name()), privateDirMode})
			}
		}
	}
	for _, p := range paths {
		if err := makePrivate(p.path, p.mode); err != nil {
			return notPrivateError(p.path, err)
		}
	}
	return nil
}

func notPrivateError(path string, err error) error {
	return wrapError(EStorage, err, "store.error.not_private", "Path", path, "Cause", plainOSError(err))
}
