package data

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// Frontdesks opening an old database at once upgrade it once: each
// migration checks the version again under the write lock, the first
// device is made once, and its key once.
func TestConcurrentOpensUpgradeOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sql.Open(driverName, writerDSN(filepath.Join(dir, DBFile)))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if err := migrateTo(ctx, db, 3); err != nil { // a database of version 3, before anchors
		t.Fatal(err)
	}
	db.Close()
	// Check reads a database from before anchors as it is.
	if rep, err := Check(ctx, dir); err != nil || !rep.OK() || rep.Schema != 3 {
		t.Fatalf("Check of version 3: %+v, %v", rep, err)
	}

	const n = 6
	stores := make([]*Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = Open(dir)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Open %d: %v", i, err)
		}
	}
	for i, s := range stores {
		if s.Device().ID != stores[0].Device().ID {
			t.Errorf("store %d has device %s, store 0 %s", i, s.Device().ID, stores[0].Device().ID)
		}
		p := Patient{FamilyName: "Upgrade", GivenName: fmt.Sprint(i)}
		if err := s.Update(ctx, func(tx *Tx) error { return tx.CreatePatient(&p) }); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range stores {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Check(ctx, dir)
	if err != nil || !rep.OK() || rep.Schema != SchemaVersion() || rep.Anchors != 1 {
		t.Fatalf("Check: %+v, %v", rep, err)
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var devices, migrations int
	s.r.QueryRow(`SELECT COUNT(*) FROM devices`).Scan(&devices)
	s.r.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&migrations)
	if devices != 1 || migrations != SchemaVersion() {
		t.Errorf("%d devices, %d migrations recorded", devices, migrations)
	}
}
