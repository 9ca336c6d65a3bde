package sync

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"frontdesk/data"
)

// Export seals this device's changes made since its last file into the
// next one and writes every sealed file the folder lacks (a crash between
// sealing and writing, a folder replaced by an empty one). It returns how
// many change files it wrote; then it writes the attached files no
// device has sent yet (files.go). A folder that is not there (a USB stick pulled
// out) is an error and nothing is written anywhere else.
func Export(ctx context.Context, st *data.Store, f Folder) (written int, err error) {
	if err := folderPresent(f.Dir); err != nil {
		return 0, err
	}
	if _, _, err := st.SealChanges(ctx); err != nil {
		return 0, err
	}
	sets, err := st.SealedSets(ctx)
	if err != nil {
		return 0, err
	}
	device := st.Device().ID
	if len(sets) > 0 {
		if err := os.MkdirAll(f.changeDir(device), 0o700); err != nil {
			return 0, folderError(f.Dir, err)
		}
	}
	for _, set := range sets {
		if set.Seq < f.keptFrom {
			continue // pruned from the folder: every device has it
		}
		path := f.changePath(device, set.Seq)
		b, err := os.ReadFile(path)
		switch {
		case err == nil && set.Written:
			continue
		case err == nil:
			// There before this device wrote it: only the very file may be.
			if err := f.checkOwnFile(ctx, st, set.Seq, b); err != nil {
				return written, err
			}
		case errors.Is(err, fs.ErrNotExist):
			if err := writeChangeFile(ctx, st, f, set.Seq, path); err != nil {
				return written, err
			}
			written++
		default:
			return written, folderError(f.Dir, err)
		}
		if err := st.MarkSetWritten(ctx, set.Seq); err != nil {
			return written, err
		}
	}
	// The attached files go after the records that name them: a device
	// that finds a record before its file shows it as not arrived.
	_, err = ExportFiles(ctx, st, f)
	return written, err
}

// checkOwnFile makes sure a file found under the number of a set this
// device has not written yet is that set's file (written before a crash
// kept the mark from being recorded). Any other file means two histories
// under one number, most likely this database restored from an old
// backup: its changes would never reach the others, so export stops.
func (f Folder) checkOwnFile(ctx context.Context, st *data.Store, seq int64, b []byte) error {
	want, err := st.SealedSet(ctx, seq)
	if err != nil {
		return err
	}
	got, err := f.read(b, want.Device, seq)
	if err == nil && sameChanges(got.Changes, want.Changes) {
		return nil
	}
	return &data.Error{Code: data.EConflict, Err: err, Message: fmt.Sprintf(
		"The sync folder already holds a different change file %d of this computer. This computer's database may have been restored from an older backup; its new changes are not sent until this is sorted out.", seq)}
}

func writeChangeFile(ctx context.Context, st *data.Store, f Folder, seq int64, path string) error {
	set, err := st.SealedSet(ctx, seq)
	if err != nil {
		return err
	}
	file := File{Header: Header{Practice: f.Practice, Device: set.Device, Seq: set.Seq, First: set.First, Last: set.Last}, Changes: set.Changes}
	plain, err := Encode(file, func(b []byte) ([]byte, error) { return st.SignForSync(ctx, b) })
	if err != nil {
		return err
	}
	cipher, err := f.seal(plain)
	if err != nil {
		return err
	}
	if err := writeOnce(path, cipher); err != nil {
		return folderError(f.Dir, err)
	}
	return nil
}

// sameChanges compares two lists of changes by op ID: the IDs are
// random, so two histories never share them.
func sameChanges(a, b []data.Change) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].OpID != b[i].OpID {
			return false
		}
	}
	return true
}

// writeOnce writes b to path through a temporary name in the same folder,
// flushed to the disk before it is renamed, and never over an existing
// file: a reader sees no file or the whole file.
func writeOnce(path string, b []byte) error {
	return writeOnceWith(path, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// writeStreamOnce is writeOnce for content written by fill (a snapshot),
// buffered.
func writeStreamOnce(path string, fill func(w io.Writer) error) error {
	return writeOnceWith(path, func(f *os.File) error {
		bw := bufio.NewWriterSize(f, 1<<20)
		if err := fill(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// writeOnceWith is what writeOnce and writeStreamOnce share: fill writes
// the temporary file, which is flushed, renamed when path is still free,
// and the rename itself flushed where the system allows it.
func writeOnceWith(path string, fill func(f *os.File) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = fill(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil {
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// folderPresent checks the folder is there before anything is written or read.
func folderPresent(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return folderError(dir, err)
	}
	if !fi.IsDir() {
		return &data.Error{Code: data.EStorage, Key: "sync.error.not_a_folder", Args: []any{"Folder", dir}, Message: fmt.Sprintf("The sync folder %s is not a folder.", dir)}
	}
	return nil
}

// folderError is a folder that refused: missing, read-only, full.
func folderError(dir string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &data.Error{Code: data.EStorage, Err: err, Key: "sync.error.folder_missing", Args: []any{"Folder", dir}, Message: fmt.Sprintf(
			"The sync folder %s is not there; if it is on a USB stick or a network drive, connect it and try again.", dir)}
	}
	return &data.Error{Code: data.EStorage, Err: err, Key: "sync.error.folder_refused", Args: []any{"Folder", dir}, Message: fmt.Sprintf(
		"The sync folder %s cannot be used: %v.", dir, err)}
}
