package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"frontdesk/data"
)

// rawDB opens the database file of dir with database/sql directly,
// bypassing the store, for tests that inspect or tamper with the file.
func rawDB(t testing.TB, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile)+"?_foreign_keys=off")
	if err != nil {
		t.Fatalf("opening the raw database: %v", err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// queryInt runs a query that returns one integer.
func queryInt(t testing.TB, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// mustUpdate runs fn in one write transaction and fails the test on error.
func mustUpdate(t testing.TB, s *data.Store, fn func(tx *data.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

// newPatient creates a patient through the write path.
func newPatient(t testing.TB, s *data.Store, family, given string) data.Patient {
	t.Helper()
	p := data.Patient{FamilyName: family, GivenName: given}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	return p
}

// readFile returns the bytes of a file, failing the test when it cannot.
func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return b
}

// assertUnchanged fails when the file no longer holds want.
func assertUnchanged(t testing.TB, path string, want []byte) {
	t.Helper()
	if got := readFile(t, path); !bytes.Equal(got, want) {
		t.Errorf("%s changed: %d bytes before, %d after", path, len(want), len(got))
	}
}

// wantCode fails unless err carries the data error code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := data.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// assertPlainMessage fails when a message meant for people looks like
// SQL, a Go error or a stack trace.
func assertPlainMessage(t testing.TB, msg string) {
	t.Helper()
	if msg == "" {
		t.Fatal("the error has no message for the user")
	}
	for _, bad := range []string{"sqlite", "SQL", "SELECT", "PRAGMA", "goroutine", "panic", ".go:", "errno", "0x"} {
		if strings.Contains(msg, bad) {
			t.Errorf("message %q contains %q: not plain words", msg, bad)
		}
	}
}

// checkOK runs data.Check and fails on any problem.
func checkOK(t testing.TB, dir string) data.CheckReport {
	t.Helper()
	rep, err := data.Check(context.Background(), dir)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if !rep.OK() {
		t.Fatalf("Check found problems: %q", rep.Problems)
	}
	return rep
}

// timeNow is the wall clock, for tests that need today.
var timeNow = time.Now
