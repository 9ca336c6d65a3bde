package main

import (
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// A zero-byte frontdesk.db (or another program's database) is never
// turned into a practice, by any command, and check reports it without
// advising a restore over it.
func TestCommandsRefuseAFileThatIsNotAPractice(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "frontdesk.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	before := sha256.Sum256(nil)
	for _, args := range [][]string{
		{"export", "patients", "-o", filepath.Join(t.TempDir(), "p.csv")},
		{"demo", "--patients", "10"},
		{"daylist", "pdf", "2026-11-25", "-o", filepath.Join(t.TempDir(), "d.pdf")},
		{"check"},
	} {
		code, _, stderr := frontdesk(t, append(args, "--data", dir)...)
		if code != 1 || !strings.Contains(stderr, "not a Frontdesk practice database") || strings.Contains(stderr, "backup") {
			t.Errorf("frontdesk %q: exit %d, stderr %q", args, code, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil || sha256.Sum256(b) != before {
			t.Fatalf("frontdesk %q changed the file (%d bytes, %v)", args, len(b), err)
		}
	}
}

// Check advises a restore for damage, here an audit log cut short behind
// its signed anchor.
func TestCheckAdvisesRestoreForDamage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "practice")
	if code, _, stderr := frontdesk(t, "demo", "--data", dir, "--patients", "20", "--days", "5", "--practitioners", "1"); code != 0 {
		t.Fatalf("demo: exit %d, %s", code, stderr)
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "frontdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_delete`, `DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	code, stdout, stderr := frontdesk(t, "check", "--data", dir)
	if code != 1 || !strings.Contains(stdout, "problem: audit log of device") || !strings.Contains(stdout, "problem: the trigger audit_log_no_delete is missing") ||
		!strings.Contains(stderr, "Restore it from a backup") {
		t.Fatalf("check: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
}
