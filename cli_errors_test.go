package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// The command line keeps no log: an error nobody wrote words for is said
// with the operation that failed and its cause, on one line; an error
// with words for people is said in those words alone.
func TestCommandLineSaysWhichOperationFailed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "practice")
	if code, out, errOut := frontdesk(t, "demo", "--data", dir, "--patients", "10", "--days", "3", "--practitioners", "1"); code != 0 {
		t.Fatalf("demo: exit %d\n%s%s", code, out, errOut)
	}
	out := filepath.Join(t.TempDir(), "day.pdf")

	// Words for people: the operation stays out of them.
	args := []string{"daylist", "pdf", "2026-11-25", "--data", dir, "-o", out, "--practitioner", "Dr Who"}
	code, _, stderr := frontdesk(t, args...)
	oneFailureLine(t, args, code, stderr)
	if want := "frontdesk: No practitioner is called \"Dr Who\""; !strings.HasPrefix(stderr, want) || strings.Contains(stderr, "loading") {
		t.Errorf("%q: %q, want the plain sentence %q", args, stderr, want)
	}

	// Nobody wrote words for a missing table: the line names the operation.
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`ALTER TABLE days_off RENAME TO days_off_moved`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	args = []string{"daylist", "pdf", "2026-11-25", "--data", dir, "-o", out}
	code, _, stderr = frontdesk(t, args...)
	oneFailureLine(t, args, code, stderr)
	want := "frontdesk: an unexpected error stopped the command while loading the day list of 2026-11-25: reading days off: no such table: days_off\n"
	if stderr != want {
		t.Errorf("%q: %q, want %q", args, stderr, want)
	}
}
