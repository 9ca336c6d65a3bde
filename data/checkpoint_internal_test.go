package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"
)

// TestBulkCommitCheckpointsInTheBackground creates more than a batch of
// patients in one transaction while readers read, one of them on a
// snapshot from before it: the commit leaves the WAL to the checkpointer, the writer's automatic checkpoint is back
// after it, the checkpointer copies the import into the database file,
// and a reopened practice holds every patient and passes its check.
func TestBulkCommitCheckpointsInTheBackground(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	before, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	pts := make([]*Patient, 3*createBatch)
	for i := range pts {
		pts[i] = &Patient{FamilyName: fmt.Sprintf("Nguyễn-%d", i), GivenName: "Thị", Address: "1 rue X\n69001 Lyon"}
	}
	// A read transaction that began before the commit holds its snapshot:
	// the first checkpoint cannot copy the import past it.
	held, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var seen int
	if err := held.QueryRowContext(ctx, `SELECT COUNT(*) FROM patients`).Scan(&seen); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 2 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.SearchPatients(ctx, "nguyen", 5); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	err = s.Update(ctx, func(tx *Tx) error { return tx.CreatePatients(pts, nil) })
	close(stop)
	readers.Wait()
	if err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.w.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil || pages != autoCheckpointPages {
		t.Errorf("the writer's automatic checkpoint after a bulk commit: %d pages (%v), want %d", pages, err, autoCheckpointPages)
	}
	s.checkpoints.mu.Lock()
	asked := s.checkpoints.db != nil
	s.checkpoints.mu.Unlock()
	if !asked {
		t.Fatal("the bulk commit did not ask the checkpointer")
	}
	// Once a checkpoint has run, the snapshot moves on; the checkpointer
	// tries again until the import is in the database file.
	for tries := 0; tries == 0; time.Sleep(time.Millisecond) {
		s.checkpoints.mu.Lock()
		tries = s.checkpoints.tries
		s.checkpoints.mu.Unlock()
	}
	if err := held.Rollback(); err != nil {
		t.Fatal(err)
	}
	s.checkpoints.wg.Wait()
	after, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if after.Size() <= before.Size()+int64(len(pts))*256 {
		t.Errorf("the database file grew from %d to %d bytes: the import was not copied out of the WAL", before.Size(), after.Size())
	}
	// A small save after it commits as usual.
	mustCreate := func(name string) {
		if err := s.Update(ctx, func(tx *Tx) error { return tx.CreatePatient(&Patient{FamilyName: name}) }); err != nil {
			t.Fatal(err)
		}
	}
	mustCreate("Après")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM patients`).Scan(&n); err != nil || n != len(pts)+1 {
		t.Errorf("%d patients after reopening (%v), want %d", n, err, len(pts)+1)
	}
	s.Close()
	if rep, err := Check(ctx, dir); err != nil || !rep.OK() {
		t.Errorf("check: %v %v", err, rep.Problems)
	}
}
