package sync

import (
	"context"
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
