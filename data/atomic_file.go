package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFileAtomic writes b to path (mode 0600) through a temporary file in
// the same folder, so that a reader finds the old file or the whole new
// one, never a part. durable flushes the file and the folder to the disk
// before returning; without it the new file is in place for every other
// process at once but may not survive a power cut. noReplace leaves an
// existing path alone and returns an error wrapping fs.ErrExist.
func writeFileAtomic(path string, b []byte, durable, noReplace bool) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*.tmp") // CreateTemp makes it 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	_, err = f.Write(b)
	if err == nil && durable {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if noReplace {
		err = placeNew(tmp, path)
	} else {
		err = os.Rename(tmp, path)
	}
	if err == nil && durable {
		syncDir(dir)
	}
	return err
}

// placeNew moves tmp to path unless path exists (an error wrapping
// fs.ErrExist). A hard link makes the check and the move one step, so two
// processes cannot both succeed; where the file system has no hard links
// (FAT, some network shares) it falls back to a check then a rename.
func placeNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		os.Remove(tmp)
		return err
	}
	if _, serr := os.Lstat(path); serr == nil {
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	return os.Rename(tmp, path)
}
