package sync

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"frontdesk/data"
)

// A remembered folder syncs without the passphrase: the device that
// created it and the one that joined both send and receive through
// Remembered's Folder, and a joiner does not inherit the snapshot
// maker's remembered folder or key.
func TestRememberedFolderSyncsWithoutThePassphrase(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	a := newPracticeStore(t)
	dir := t.TempDir()
	f, err := Create(ctx, a, dir, testPassphrase, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok, err := Remembered(ctx, a); ok || err != nil {
		t.Fatalf("remembered before Remember: ok=%v err=%v", ok, err)
	}
	if err := Remember(ctx, a, f); err != nil {
		t.Fatal(err)
	}
	bDir := filepath.Join(t.TempDir(), "joined")
	if _, err := Join(ctx, bDir, dir, testPassphrase, Options{Name: "laptop"}); err != nil {
		t.Fatal(err)
	}
	b := openStore(t, bDir)
	if _, _, ok, err := Remembered(ctx, b); ok || err != nil {
		t.Fatalf("the joiner inherited the maker's sync folder: ok=%v err=%v", ok, err)
	}
	fb, err := OpenFolder(ctx, b, dir, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if err := Remember(ctx, b, fb); err != nil {
		t.Fatal(err)
	}

	pt := mustPatient(t, a, "Souvenir")
	for _, st := range []*data.Store{a, b, a} {
		rf, set, ok, err := Remembered(ctx, st)
		if err != nil || !ok || set.Folder != dir {
			t.Fatalf("remembered: %+v ok=%v err=%v", set, ok, err)
		}
		if err := rf.Check(); err != nil {
			t.Fatal(err)
		}
		if _, err := Sync(ctx, st, rf, Options{}); err != nil {
			t.Fatalf("sync through the remembered folder: %v", err)
		}
	}
	for _, st := range []*data.Store{a, b} {
		if set, _, _ := st.SyncSettings(ctx); set.LastSync.IsZero() {
			t.Errorf("a sync with the remembered folder was not noted for the status line")
		}
	}
	if got, err := b.Patient(ctx, pt.ID); err != nil || got.FamilyName != "Souvenir" {
		t.Fatalf("the joiner did not receive the patient: %+v %v", got, err)
	}
}

// A remembered folder that is gone (a USB stick pulled) says so with
// fs.ErrNotExist, for the status line; one that now holds another
// practice is refused by Check; forgetting it is audited and final.
func TestRememberedFolderMissingOrForeign(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	a := newPracticeStore(t)
	stick := filepath.Join(t.TempDir(), "stick")
	if err := os.Mkdir(stick, 0o700); err != nil {
		t.Fatal(err)
	}
	f, err := Create(ctx, a, stick, testPassphrase, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Remember(ctx, a, f); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(stick, stick+".away"); err != nil {
		t.Fatal(err)
	}
	rf, _, _, err := Remembered(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if err := rf.Check(); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("check of a missing folder: %v", err)
	}
	if _, err := Sync(ctx, a, rf, Options{}); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("sync with a missing folder: %v", err)
	}

	other := newPracticeStore(t)
	if err := os.Mkdir(stick, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(ctx, other, stick, testPassphrase, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := rf.Check(); data.ErrorCode(err) != data.EConflict {
		t.Fatalf("check of another practice's folder: %v", err)
	}

	if err := a.ForgetSyncFolder(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, err := Remembered(ctx, a); ok || err != nil {
		t.Fatalf("remembered after forgetting: ok=%v err=%v", ok, err)
	}
	var n int
	if err := a.ReadDB().QueryRow(`SELECT count(*) FROM audit_log WHERE action IN ('sync_folder', 'sync_folder_forgotten')`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("audit entries for remembering and forgetting: %d %v", n, err)
	}
}
