package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// A database of version 2 with patients gains the search columns and
// index when 0003 is applied, computed by the same Go code as a save.
func TestMigration3BackfillsTheSearchIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, DBFile)
	db, err := sql.Open(driverName, writerDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil || len(ms) < 3 || ms[2].version != 3 {
		t.Fatalf("migrations: %v", err)
	}
	for _, m := range ms[:2] {
		if err := applyMigration(ctx, db, m); err != nil {
			t.Fatal(err)
		}
	}
	old := []struct{ id, chart, family, given, phone string }{
		{"p1", "A-000001", "Gómez", "José", "06 12 34 56 78"},
		{"p2", "A-000002", "Da Silva", "Zoé", ""},
	}
	for _, p := range old {
		if _, err := db.Exec(`INSERT INTO patients (id, chart_number, family_name, given_name, phone, name_key, phone_digits)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, p.id, p.chart, p.family, p.given, p.phone, Fold(p.family+" "+p.given), Digits(p.phone)); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for q, want := range map[string]string{"jose": "p1", "jose gomez": "p1", "0612": "p1", "silva": "p2", "zoe da": "p2", "da": "p2"} {
		hits, err := s.SearchPatients(ctx, q, 10)
		if err != nil || len(hits) != 1 || hits[0].ID != want {
			t.Errorf("after the migration %q finds %+v (%v), want %s", q, hits, err, want)
		}
	}
	// The backfilled columns equal what a save writes.
	for _, p := range old {
		pt, err := s.Patient(ctx, p.id)
		if err != nil {
			t.Fatal(err)
		}
		r := pt.row()
		var family, tokens string
		if err := s.r.QueryRow(`SELECT family_key, search_tokens FROM patients WHERE id = ?`, p.id).Scan(&family, &tokens); err != nil {
			t.Fatal(err)
		}
		if family != r.vals[len(r.vals)-2] || tokens != r.vals[len(r.vals)-1] {
			t.Errorf("%s backfilled %q %q, a save writes %q %q", p.id, family, tokens, r.vals[len(r.vals)-2], r.vals[len(r.vals)-1])
		}
	}
}
