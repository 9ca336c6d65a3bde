package sync

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"frontdesk/data"
)

// A snapshot older than the newest goes once the change files after it
// are pruned (no one could join from it): two devices syncing every day
// leave one snapshot in the folder, not two, and a newcomer still joins
// from it and converges.
func TestAnOutrunSnapshotIsRemoved(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	opt := Options{Now: func() time.Time { return now }, SnapshotEvery: 3 * 24 * time.Hour}
	a := newPracticeStore(t)
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, opt); err != nil {
		t.Fatal(err)
	}
	join := func() *data.Store {
		d := filepath.Join(t.TempDir(), "d")
		if _, err := Join(ctx, d, dir, testPassphrase, opt); err != nil {
			t.Fatal(err)
		}
		return openStore(t, d)
	}
	b := join()
	for _, st := range []*data.Store{b, a, b} { // A acknowledges B's letter
		syncOnce(t, st, dir, opt)
	}
	snapshots := func() int {
		snaps, err := Folder{Dir: dir}.snapshots()
		if err != nil {
			t.Fatal(err)
		}
		return len(snaps)
	}
	written := 0
	for range 10 {
		now = now.Add(24 * time.Hour)
		mustPatient(t, a, "Jour")
		mustPatient(t, b, "Visite")
		for _, st := range []*data.Store{a, b, a} {
			if syncOnce(t, st, dir, opt).Snapshot {
				written++
			}
		}
	}
	if written < 2 || snapshots() != 1 {
		t.Fatalf("%d snapshots written, %d in the folder", written, snapshots())
	}
	c := join()
	for range 2 {
		for _, st := range []*data.Store{a, b, c} {
			syncOnce(t, st, dir, opt)
		}
	}
	if ra, rc := patientRows(t, a), patientRows(t, c); len(ra) < 10 || !equalStrings(ra, rc) {
		t.Fatalf("the newcomer differs: %d rows on A, %d on C", len(ra), len(rc))
	}
}

// Attached files are not in snapshots: each is in the folder once,
// content-addressed, and never pruned, so a device joining after the
// change file that brought its record was pruned, and after the device
// that sent it retired, still receives it. Should the sender's folder be
// removed by hand, a device that holds the bytes sends them again.
func TestAttachedFilesReachAJoinerAfterTheirSenderRetired(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	opt := Options{Now: func() time.Time { return now }, SnapshotEvery: 3 * 24 * time.Hour}
	a := newPracticeStore(t)
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, opt); err != nil {
		t.Fatal(err)
	}
	pt := mustPatient(t, a, "Gómez")
	content := pngBytes("x-ray")
	att, err := a.AddAttachment(ctx, pt.ID, "chest.png", int64(len(content)), bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	syncOnce(t, a, dir, opt)
	join := func() *data.Store {
		d := filepath.Join(t.TempDir(), "d")
		if _, err := Join(ctx, d, dir, testPassphrase, opt); err != nil {
			t.Fatal(err)
		}
		return openStore(t, d)
	}
	b := join()
	opens := func(st *data.Store) {
		t.Helper()
		path, err := st.OpenAttachment(ctx, att.ID)
		if err != nil {
			t.Fatalf("computer %s opens the attachment: %v", st.Device().Series, err)
		}
		if !bytes.Equal(readBytes(t, path), content) {
			t.Fatalf("computer %s opens other bytes", st.Device().Series)
		}
	}
	for range 8 {
		now = now.Add(24 * time.Hour)
		mustPatient(t, a, "Jour")
		for _, st := range []*data.Store{a, b, a} {
			syncOnce(t, st, dir, opt)
		}
	}
	opens(b)
	if _, err := os.Stat(Folder{Dir: dir}.changePath(a.Device().ID, 1)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the change file that brought the attachment is still in the folder (%v)", err)
	}
	fb, err := OpenFolder(ctx, b, dir, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Retire(ctx, b, fb, a.Device().Series, opt); err != nil {
		t.Fatal(err)
	}
	a.Close()
	syncOnce(t, b, dir, opt)
	opens(join())

	// The retired computer's folder removed by hand: B sends the bytes
	// again, from its own copy, and writes the snapshot the next joiner
	// needs.
	if err := os.RemoveAll(filepath.Join(dir, "devices", a.Device().ID)); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, b, dir, opt)
	if _, err := os.Stat(Folder{Dir: dir}.filePath(b.Device().ID, att.SHA256)); err != nil {
		t.Fatalf("B did not send the attached file again: %v", err)
	}
	opens(join())
}
