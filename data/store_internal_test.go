package data

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// openInternal opens a store in a temporary folder for tests that need
// the writer connection itself.
func openInternal(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func writerInt(t *testing.T, s *Store, q string) int {
	t.Helper()
	var n int
	if err := s.w.QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// The writer runs with the settings DESIGN.md §2 requires; the driver
// lowers synchronous to NORMAL for WAL unless told otherwise.
func TestWriterConnectionSettings(t *testing.T) {
	s := openInternal(t)
	ctx := context.Background()
	var mode string
	if err := s.w.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	if n := writerInt(t, s, `PRAGMA synchronous`); n != 2 {
		t.Errorf("synchronous = %d, want 2 (FULL)", n)
	}
	if n := writerInt(t, s, `PRAGMA foreign_keys`); n != 1 {
		t.Errorf("foreign_keys = %d, want 1", n)
	}
	if n := writerInt(t, s, `PRAGMA busy_timeout`); n != 5000 {
		t.Errorf("busy_timeout = %d, want 5000", n)
	}
	if st := s.w.Stats(); st.MaxOpenConnections != 1 {
		t.Errorf("writer pool allows %d connections, want 1", st.MaxOpenConnections)
	}
	// The read pool cannot write.
	if _, err := s.r.ExecContext(ctx, `INSERT INTO counters (device_id, name, value) VALUES ('x', 'y', 1)`); err == nil {
		t.Error("the read-only pool accepted a write")
	} else if code := ErrorCode(mapSQLError(err)); code != EStorage {
		t.Errorf("a write on the read pool maps to %q", code)
	}
}

// A full disk is simulated by capping the database at its current size on
// the writer connection: SQLite then fails with SQLITE_FULL exactly as
// when the disk has no room left.
func TestFullDisk(t *testing.T) {
	s := openInternal(t)
	ctx := context.Background()
	var kept []Patient
	for i := range 20 {
		p := Patient{FamilyName: fmt.Sprintf("Kept%02d", i), Notes: strings.Repeat("k", 500)}
		if err := s.Update(ctx, func(tx *Tx) error { return tx.CreatePatient(&p) }); err != nil {
			t.Fatal(err)
		}
		kept = append(kept, p)
	}
	pages := writerInt(t, s, `PRAGMA page_count`)
	if got := writerInt(t, s, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); got != pages {
		t.Fatalf("max_page_count = %d, want %d", got, pages)
	}
	var fullErr error
	saved := 0
	for i := range 5000 {
		p := Patient{FamilyName: fmt.Sprintf("Overflow%04d", i), Notes: strings.Repeat("o", 500)}
		fullErr = s.Update(ctx, func(tx *Tx) error { return tx.CreatePatient(&p) })
		if fullErr != nil {
			break
		}
		saved++
	}
	if fullErr == nil {
		t.Fatal("5000 patients fitted in a database that cannot grow")
	}
	t.Logf("%d more patients fitted before the disk was full", saved)
	if code := ErrorCode(fullErr); code != EStorage {
		t.Fatalf("error code %q (%v), want storage", code, fullErr)
	}
	if msg := ErrorMessage(fullErr); !strings.Contains(msg, "disk is full") || !strings.Contains(msg, "nothing was saved") {
		t.Errorf("message %q does not say the disk is full", msg)
	}
	// Everything committed before is intact, and the failed save left nothing.
	n, err := s.CountPatients(ctx)
	if err != nil || n != len(kept)+saved {
		t.Errorf("CountPatients = %d, %v; want %d", n, err, len(kept)+saved)
	}
	for _, p := range kept {
		got, err := s.Patient(ctx, p.ID)
		if err != nil || got != p {
			t.Errorf("patient %s after the full disk: %+v, %v", p.ChartNumber, got, err)
		}
	}
	var audits, creates int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'patients'`).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(DISTINCT row_id) FROM changes WHERE tbl = 'patients'`).Scan(&creates); err != nil {
		t.Fatal(err)
	}
	if audits != n || creates != n {
		t.Errorf("%d patients, %d create audit rows, %d patients with changes", n, audits, creates)
	}
	// Reads keep working while the disk is full.
	if hits, err := s.SearchPatients(ctx, "kept", 100); err != nil || len(hits) != len(kept) {
		t.Errorf("search while full: %d hits, %v", len(hits), err)
	}
	// Once there is room again, saving works and numbering continues.
	if got := writerInt(t, s, `PRAGMA max_page_count = 1073741823`); got < pages {
		t.Fatalf("max_page_count = %d", got)
	}
	p := Patient{FamilyName: "Afterwards"}
	if err := s.Update(ctx, func(tx *Tx) error { return tx.CreatePatient(&p) }); err != nil {
		t.Fatalf("save after freeing space: %v", err)
	}
	if want := ChartNumber("A", int64(n+1)); p.ChartNumber != want {
		t.Errorf("chart number %s, want %s", p.ChartNumber, want)
	}
	dir := s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err := Check(ctx, dir)
	if err != nil || !rep.OK() {
		t.Fatalf("Check after the full disk: %+v, %v", rep, err)
	}
}

// The append-only triggers reach the user as "forbidden", in words.
func TestAppendOnlyThroughTheWriter(t *testing.T) {
	s := openInternal(t)
	ctx := context.Background()
	p := Patient{FamilyName: "Dupont"}
	if err := s.Update(ctx, func(tx *Tx) error { return tx.CreatePatient(&p) }); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE audit_log SET detail = 'x'`,
		`DELETE FROM audit_log WHERE entity = 'patients'`,
		`UPDATE changes SET new = 'null'`,
		`DELETE FROM changes`,
	} {
		err := s.Update(ctx, func(tx *Tx) error {
			_, err := tx.tx.ExecContext(ctx, q)
			return err
		})
		if code := ErrorCode(err); code != EForbidden {
			t.Errorf("%s: code %q (%v), want forbidden", q, code, err)
		}
		if msg := ErrorMessage(err); strings.Contains(msg, "audit_log") || strings.Contains(msg, "trigger") {
			t.Errorf("%s: message %q shows internals", q, msg)
		}
	}
	rep, err := Check(ctx, s.Dir())
	if err != nil || !rep.OK() {
		t.Fatalf("Check: %+v, %v", rep, err)
	}
}

// An audit row is written in the transaction of its change: the hash
// chain continues across transactions and a rolled-back append leaves no
// gap.
func TestAuditAppendRollback(t *testing.T) {
	s := openInternal(t)
	ctx := context.Background()
	err := s.Update(ctx, func(tx *Tx) error {
		if err := tx.Audit("read", "patients", "x", ""); err != nil {
			return err
		}
		return Errorf(EInvalid, "stop")
	})
	if ErrorCode(err) != EInvalid {
		t.Fatal(err)
	}
	if err := s.AuditRead(ctx, "read", "patients", "y", ""); err != nil {
		t.Fatal(err)
	}
	problems, err := verifyAuditChains(ctx, s.r)
	if err != nil || len(problems) != 0 {
		t.Errorf("chain problems %q, %v", problems, err)
	}
	if n := writerInt(t, s, `SELECT COUNT(*) FROM audit_log WHERE entity_id = 'x'`); n != 0 {
		t.Errorf("%d rolled-back audit rows", n)
	}
}
