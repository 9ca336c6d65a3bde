package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"frontdesk/data/i18n"
)

// A practice set up before the document language existed keeps printing
// in English once the migration that adds it is applied.
func TestMigrationGivesAnOldPracticeEnglishDocuments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sql.Open(driverName, writerDSN(filepath.Join(dir, DBFile)))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	applied := 0
	for _, m := range ms {
		if m.name == "document_language" {
			break
		}
		if err := applyMigration(ctx, db, m); err != nil {
			t.Fatal(err)
		}
		applied++
	}
	if applied == len(ms) {
		t.Fatal("no migration adds the document language")
	}
	if _, err := db.Exec(`INSERT INTO practice (id, name, currency, time_zone) VALUES ('pr', 'Cabinet', 'EUR', 'Europe/Paris')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pr, err := s.Practice(ctx)
	if err != nil || pr.DocumentLanguage != i18n.English {
		t.Fatalf("after the migration the practice prints in %q (%v), want en", pr.DocumentLanguage, err)
	}
}
