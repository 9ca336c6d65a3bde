//go:build unix

package data_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"frontdesk/data"
)

// The practice's files are the user's alone, even in a folder that
// already existed world-readable and under the usual umask of 022: the
// database is made 0600 before SQLite writes a byte, -wal and -shm inherit
// its mode, and files and folders an earlier version left open are closed.
func TestDataFolderIsPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "practice")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := newPatient(t, s, "Dupont", "Jean") // a write: -wal and -shm exist now
	if _, err := s.AddAttachment(context.Background(), p.ID, "scan.pdf", -1, bytes.NewReader(pdfBytes("scan"))); err != nil {
		t.Fatal(err)
	}
	assertPrivate(t, dir)
	s.Close()

	// A folder left open by hand or by an earlier version is closed on the next open.
	for _, name := range []string{"", data.DBFile, "attachments"} {
		mode := fs.FileMode(0o755)
		if name == data.DBFile {
			mode = 0o644
		}
		if err := os.Chmod(filepath.Join(dir, name), mode); err != nil {
			t.Fatal(err)
		}
	}
	s, err = data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	newPatient(t, s, "Martin", "Zoé")
	assertPrivate(t, dir)
}

// assertPrivate fails when anything in dir (the folder itself included)
// can be read by anyone but its owner.
func assertPrivate(t *testing.T, dir string) {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		seen[rel] = true
		want := fs.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s is %v, want %v", rel, fi.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".", data.DBFile, data.DBFile + "-wal", data.DBFile + "-shm", "attachments"} {
		if !seen[name] {
			t.Errorf("%s is not in the data folder (found %v)", name, seen)
		}
	}
}
