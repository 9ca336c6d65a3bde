package sync

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"frontdesk/data"
)

// A new passphrase: the old one no longer joins, the new one does, and
// the computers that hold the key go on syncing. A wrong old passphrase
// changes nothing. The change is audited.
func TestChangePassphrase(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	a := newPracticeStore(t)
	dir := t.TempDir()
	f, err := Create(ctx, a, dir, testPassphrase, Options{})
	if err != nil {
		t.Fatal(err)
	}
	bDir := filepath.Join(t.TempDir(), "b")
	if _, err := Join(ctx, bDir, dir, testPassphrase, Options{Name: "laptop"}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(dir, practiceFileName))
	if err != nil {
		t.Fatal(err)
	}
	const newPass = "seven blue herons at dawn"
	if err := ChangePassphrase(ctx, a, f, "not the passphrase", newPass, Options{}); !errors.Is(err, ErrWrongPassphrase) || data.ErrorCode(err) != data.EForbidden {
		t.Fatalf("change with a wrong old passphrase: %v", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, practiceFileName)); !bytes.Equal(before, after) {
		t.Fatal("a refused change rewrote the practice file")
	}
	if err := ChangePassphrase(ctx, a, f, testPassphrase, testPassphrase, Options{}); data.ErrorCode(err) != data.EInvalid {
		t.Fatalf("the same passphrase again: %v", err)
	}
	if err := ChangePassphrase(ctx, a, f, testPassphrase, newPass, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Join(ctx, filepath.Join(t.TempDir(), "c"), dir, testPassphrase, Options{}); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("a join with the old passphrase: %v", err)
	}
	cDir := filepath.Join(t.TempDir(), "c")
	if _, err := Join(ctx, cDir, dir, newPass, Options{Name: "home"}); err != nil {
		t.Fatalf("a join with the new passphrase: %v", err)
	}
	// b joined before the change and still holds the key: what a makes
	// reaches it.
	pt := mustPatient(t, a, "Heron")
	if _, err := Sync(ctx, a, f, Options{}); err != nil {
		t.Fatal(err)
	}
	b := openStore(t, bDir)
	fb := f
	fb.Keys = storeKeys(ctx, b)
	if _, err := Sync(ctx, b, fb, Options{}); err != nil {
		t.Fatalf("a computer that joined before the change: %v", err)
	}
	if got, err := b.Patient(ctx, pt.ID); err != nil || got.FamilyName != "Heron" {
		t.Fatalf("after the change, b did not receive the patient: %+v %v", got, err)
	}
	var n int
	if err := a.ReadDB().QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'sync_passphrase'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("audit entries for the change: %d %v", n, err)
	}
}

// Two computers change the passphrase while apart: the sync tool keeps
// one practice file under its name and the other as a conflict copy. The
// kept one is in effect; PassphraseChanges names both, so each holder can
// be told; changing it again settles it.
func TestPassphraseChangedOnTwoComputersWhileApart(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	a := newPracticeStore(t)
	dir := t.TempDir()
	f, err := Create(ctx, a, dir, testPassphrase, Options{})
	if err != nil {
		t.Fatal(err)
	}
	bDir := filepath.Join(t.TempDir(), "b")
	if _, err := Join(ctx, bDir, dir, testPassphrase, Options{Name: "laptop"}); err != nil {
		t.Fatal(err)
	}
	b := openStore(t, bDir)
	// b is away with its own copy of the folder: it changes the
	// passphrase there.
	away := t.TempDir()
	orig, err := os.ReadFile(filepath.Join(dir, practiceFileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(away, practiceFileName), orig, 0o600); err != nil {
		t.Fatal(err)
	}
	fAway := f
	fAway.Dir = away
	noon := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	if err := ChangePassphrase(ctx, b, fAway, testPassphrase, "laptop passphrase chosen away", Options{Now: func() time.Time { return noon }}); err != nil {
		t.Fatal(err)
	}
	if err := ChangePassphrase(ctx, a, f, testPassphrase, "desk passphrase chosen here", Options{Now: func() time.Time { return noon.Add(time.Hour) }}); err != nil {
		t.Fatal(err)
	}
	// The sync tool keeps the desk's and sets the laptop's aside.
	away1, _ := os.ReadFile(filepath.Join(away, practiceFileName))
	if err := os.WriteFile(filepath.Join(dir, "frontdesk-practice.sync-conflict-20261130-120000-LAPTOP1.json"), away1, 0o600); err != nil {
		t.Fatal(err)
	}
	cur, lost, err := PassphraseChanges(dir)
	if err != nil {
		t.Fatal(err)
	}
	if cur.Device != a.Device().ID || !cur.At.Equal(noon.Add(time.Hour)) || len(lost) != 1 || lost[0].Device != b.Device().ID || lost[0].Series != b.Device().Series {
		t.Fatalf("passphrase changes: current %+v, lost %+v", cur, lost)
	}
	if _, err := Join(ctx, filepath.Join(t.TempDir(), "c"), dir, "laptop passphrase chosen away", Options{}); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("a join with the passphrase set aside: %v", err)
	}
	if _, err := OpenFolder(ctx, a, dir, "desk passphrase chosen here"); err != nil {
		t.Fatalf("the passphrase in effect: %v", err)
	}
	// Changing it again settles it.
	if err := ChangePassphrase(ctx, a, f, "desk passphrase chosen here", "one passphrase for all", Options{}); err != nil {
		t.Fatal(err)
	}
	if _, lost, err := PassphraseChanges(dir); err != nil || len(lost) != 0 {
		t.Fatalf("after settling: lost %+v, %v", lost, err)
	}
}

// What a join checks before writing anything: the passphrase, and that
// the folder holds a copy of the practice to join from.
func TestCheckJoin(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	a := newPracticeStore(t)
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := CheckJoin(dir, testPassphrase); err != nil {
		t.Fatal(err)
	}
	if err := CheckJoin(dir, "another passphrase"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("a wrong passphrase: %v", err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "devices", a.Device().ID, "snap")); err != nil {
		t.Fatal(err)
	}
	if err := CheckJoin(dir, testPassphrase); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("no snapshot: %v", err)
	}
	if _, err := Join(ctx, filepath.Join(t.TempDir(), "b"), dir, testPassphrase, Options{}); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("a join with no snapshot: %v", err)
	}
}
