package sync

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"frontdesk/data"
)

// A written change file is never written over, even when what is there
// is not what this device wrote (a sync tool's mix-up): the device goes on
// with its next number, and no temporary file is left behind.
func TestExportNeverRewritesAFile(t *testing.T) {
	p := newTestPractice(t)
	a := p.newDevice()
	a.newPatient("One", "Ana")
	a.export()
	path := p.changeFiles(a.id())[0]
	os.WriteFile(path, []byte("someone else's bytes"), 0o600)
	a.newPatient("Two", "Bea")
	if n := a.export(); n != 1 {
		t.Fatalf("wrote %d files, want only file 2", n)
	}
	if b := readBytes(t, path); !bytes.Equal(b, []byte("someone else's bytes")) {
		t.Fatal("file 1 was rewritten")
	}
	if got := p.changeFiles(a.id()); len(got) != 2 || filepath.Base(got[1]) != "2.chg.age" {
		t.Fatalf("files %v", got)
	}
	left, _ := filepath.Glob(filepath.Join(p.folder().changeDir(a.id()), "*.tmp"))
	if len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	// The file decodes as this device's file 2, signed and encrypted.
	file, err := p.folder().read(readBytes(t, p.folder().changePath(a.id(), 2)), a.id(), 2)
	if err != nil || file.Count != len(file.Changes) || file.Count == 0 || file.Practice != "practice-1" {
		t.Fatalf("file 2: %+v, %v", file.Header, err)
	}
	if _, err := a.st.SealedSet(context.Background(), 3); err == nil {
		t.Fatal("a third set was sealed without changes")
	}
}

// A database restored from an old backup seals its new changes under
// numbers the folder already holds: the export stops with a conflict
// instead of leaving those changes unsent behind the old files.
func TestExportStopsWhenTheFolderHoldsAnotherHistory(t *testing.T) {
	p := newTestPractice(t)
	a := p.newDevice()
	a.newPatient("One", "Ana")
	a.export()
	backup := t.TempDir()
	copyDir(t, a.st.Dir(), backup) // the database as it was after file 1
	a.newPatient("Two", "Bea")
	a.export() // file 2
	a.st.Close()
	restored, err := data.Open(backup)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	a.st = restored
	a.newPatient("Three", "Cleo") // sealed as set 2 again, with other changes
	_, err = Export(context.Background(), restored, p.folder())
	if data.ErrorCode(err) != data.EConflict {
		t.Fatalf("export over another history: %v", err)
	}
}

// copyDir copies a closed-or-checkpointed data folder's files.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			os.WriteFile(filepath.Join(to, e.Name()), readBytes(t, filepath.Join(from, e.Name())), 0o600)
		}
	}
}

// The practice key wrapped with the passphrase opens with it, not with
// another one.
func TestWrappedPracticeKey(t *testing.T) {
	defer func(w int) { wrapWorkFactor = w }(wrapWorkFactor)
	wrapWorkFactor = 10 // the default costs seconds on a busy machine; the check is the same
	k, err := NewPracticeKey()
	if err != nil {
		t.Fatal(err)
	}
	w, err := WrapKey(k, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := UnwrapKey(w, "wrong passphrase"); err == nil {
		t.Fatal("a wrong passphrase opened the key")
	}
	k2, err := UnwrapKey(w, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := k.Encrypt([]byte("hello"))
	if plain, err := k2.Decrypt(c); err != nil || string(plain) != "hello" {
		t.Fatalf("unwrapped key decrypts %q, %v", plain, err)
	}
}
