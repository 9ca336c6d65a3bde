package data_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// auditHash is the chain's hash as DESIGN.md §2 describes it: SHA-256
// over every field and the previous hash. It is written out here so that
// a change of the scheme (which would break every stored chain) fails a test.
func auditHash(e data.AuditEntry) string {
	h := sha256.New()
	for _, f := range []string{e.ID, e.DeviceID, fmt.Sprint(e.Seq), e.At, e.User, e.Action, e.Entity, e.EntityID, e.Detail, e.PrevHash} {
		h.Write([]byte(f))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// auditedStore returns a closed store's folder with a few audited actions.
func auditedStore(t *testing.T) (dir string, patientID string) {
	t.Helper()
	s := openStore(t)
	ctx := context.Background()
	s.SetUser("marie")
	p := newPatient(t, s, "Dupont", "Jean")
	if err := s.AuditRead(ctx, "read", "patients", p.ID, "opened the file"); err != nil {
		t.Fatal(err)
	}
	p.Phone = "01 23 45 67 89"
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&p) })
	if err := s.AuditRead(ctx, "print", "patients", p.ID, "summary"); err != nil {
		t.Fatal(err)
	}
	dir = s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, p.ID
}

func TestAuditChainOK(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	s.SetUser("marie")
	p := newPatient(t, s, "Dupont", "Jean")
	if err := s.AuditRead(ctx, "read", "patients", p.ID, "opened the file"); err != nil {
		t.Fatal(err)
	}
	trail, err := s.AuditTrail(ctx, "patients", p.ID)
	if err != nil || len(trail) != 2 {
		t.Fatalf("AuditTrail = %+v, %v", trail, err)
	}
	if trail[0].Action != "read" || trail[0].Detail != "opened the file" || trail[1].Action != "create" {
		t.Errorf("trail (newest first) = %+v", trail)
	}
	for _, e := range trail {
		if e.User != "marie" || e.DeviceID != s.Device().ID || e.Hash != auditHash(e) {
			t.Errorf("entry %+v: wrong user, device or hash", e)
		}
	}
	if trail[0].Seq != trail[1].Seq+1 || trail[0].PrevHash != trail[1].Hash {
		t.Errorf("the read does not follow the create: %+v", trail)
	}
	rep := checkOK(t, s.Dir())
	if n := countRows(t, s, `SELECT COUNT(*) FROM audit_log`); rep.AuditEntries != n || n < 4 {
		t.Errorf("Check counted %d audit entries, the table has %d", rep.AuditEntries, n)
	}
	// The very first entry of the device starts the chain.
	var first data.AuditEntry
	if err := s.ReadDB().QueryRow(`SELECT seq, prev_hash FROM audit_log WHERE device_id = ? ORDER BY seq LIMIT 1`, s.Device().ID).
		Scan(&first.Seq, &first.PrevHash); err != nil || first.Seq != 1 || first.PrevHash != "" {
		t.Errorf("first entry seq %d prev %q, %v", first.Seq, first.PrevHash, err)
	}
}

func TestAuditTamperingIsReported(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(t *testing.T, db *sql.DB, seq int)
		want   string
	}{
		{"detail changed", func(t *testing.T, db *sql.DB, seq int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_update`)
			mustExec(t, db, `UPDATE audit_log SET detail = 'nothing to see' WHERE seq = ?`, seq)
		}, "entry {seq} was altered"},
		{"user changed", func(t *testing.T, db *sql.DB, seq int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_update`)
			mustExec(t, db, `UPDATE audit_log SET user = 'someone else' WHERE seq = ?`, seq)
		}, "entry {seq} was altered"},
		{"detail changed and hash recomputed", func(t *testing.T, db *sql.DB, seq int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_update`)
			var e data.AuditEntry
			if err := db.QueryRow(`SELECT id, device_id, seq, at, user, action, entity, entity_id, detail, prev_hash FROM audit_log WHERE seq = ?`, seq).
				Scan(&e.ID, &e.DeviceID, &e.Seq, &e.At, &e.User, &e.Action, &e.Entity, &e.EntityID, &e.Detail, &e.PrevHash); err != nil {
				t.Fatal(err)
			}
			e.Detail = "forged"
			mustExec(t, db, `UPDATE audit_log SET detail = ?, hash = ? WHERE seq = ?`, e.Detail, auditHash(e), seq)
		}, "entry {next} does not follow entry {seq}"},
		{"entry removed", func(t *testing.T, db *sql.DB, seq int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_delete`)
			mustExec(t, db, `DELETE FROM audit_log WHERE seq = ?`, seq)
		}, "jumps from entry {prev} to {next}"},
		{"first entry removed", func(t *testing.T, db *sql.DB, seq int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_delete`)
			mustExec(t, db, `DELETE FROM audit_log WHERE seq = 1`)
		}, "starts at entry 2"},
		{"entries swapped", func(t *testing.T, db *sql.DB, seq int) {
			mustExec(t, db, `DROP TRIGGER audit_log_no_update`)
			mustExec(t, db, `UPDATE audit_log SET seq = -1 WHERE seq = ?`, seq)
			mustExec(t, db, `UPDATE audit_log SET seq = ? WHERE seq = ?`, seq, seq+1)
			mustExec(t, db, `UPDATE audit_log SET seq = ? WHERE seq = -1`, seq+1)
		}, "entry {seq} was altered"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, _ := auditedStore(t)
			checkOK(t, dir)
			db := rawDB(t, dir)
			seq := queryInt(t, db, `SELECT MAX(seq) FROM audit_log`) - 2 // an entry in the middle
			c.tamper(t, db, seq)
			db.Close()
			rep, err := data.Check(context.Background(), dir)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			want := strings.NewReplacer("{seq}", fmt.Sprint(seq), "{next}", fmt.Sprint(seq+1), "{prev}", fmt.Sprint(seq-1)).Replace(c.want)
			if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), want) {
				t.Errorf("Check problems = %q, want one containing %q", rep.Problems, want)
			}
		})
	}
}

func TestAuditAndChangesAreAppendOnly(t *testing.T) {
	dir, _ := auditedStore(t)
	db := rawDB(t, dir)
	audits := queryInt(t, db, `SELECT COUNT(*) FROM audit_log`)
	changes := queryInt(t, db, `SELECT COUNT(*) FROM changes`)
	// An entry with a detail to change (a create has none).
	var seq int
	var detail string
	if err := db.QueryRow(`SELECT seq, detail FROM audit_log WHERE detail != '' ORDER BY seq LIMIT 1`).Scan(&seq, &detail); err != nil {
		t.Fatalf("no audit entry with a detail: %v", err)
	}
	for _, q := range []string{
		fmt.Sprintf(`UPDATE audit_log SET detail = 'x' WHERE seq = %d`, seq),
		`UPDATE audit_log SET hash = ''`,
		fmt.Sprintf(`DELETE FROM audit_log WHERE seq = %d`, seq),
		`DELETE FROM audit_log`,
		`UPDATE changes SET new = '"x"'`,
		`DELETE FROM changes`,
	} {
		_, err := db.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v; want the append-only trigger to refuse", q, err)
		}
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM audit_log`); n != audits {
		t.Errorf("audit rows %d → %d", audits, n)
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM changes`); n != changes {
		t.Errorf("change rows %d → %d", changes, n)
	}
	var after string
	if err := db.QueryRow(`SELECT detail FROM audit_log WHERE seq = ?`, seq).Scan(&after); err != nil || after != detail {
		t.Errorf("detail %q → %q, %v", detail, after, err)
	}
	db.Close()
	checkOK(t, dir)
}

func mustExec(t testing.TB, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// A change made through SQL behind the store's back, with the triggers
// still in place, cannot hide as a foreign-key break either.
func TestCheckReportsBrokenReferences(t *testing.T) {
	dir, patientID := auditedStore(t)
	db := rawDB(t, dir)
	mustExec(t, db, `INSERT INTO appointments (id, practitioner_id, patient_id, start_local, end_local, time_zone, start_utc, end_utc, status)
		VALUES ('x', 'no-such-practitioner', ?, '2026-06-01T10:00', '2026-06-01T10:30', 'Europe/Paris', 0, 0, 'booked')`, patientID)
	db.Close()
	rep, err := data.Check(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), "refers to a missing row") {
		t.Errorf("Check problems = %q", rep.Problems)
	}
}

// INSERT OR REPLACE deletes the row it replaces without firing DELETE
// triggers, so the schema itself refuses an insert whose key is taken. The
// test uses a bare connection, as the sqlite3 tool would, with none of the
// store's pragmas.
func TestAppendOnlyTablesRefuseReplace(t *testing.T) {
	dir, patientID := auditedStore(t)
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, func(tx *data.Tx) error {
		return tx.AddNote(&data.Note{PatientID: patientID, Text: "Seen for a cough."})
	})
	s.Close()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	dump := func(q string) string {
		lines, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer lines.Close()
		cols, _ := lines.Columns()
		var out strings.Builder
		for lines.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := lines.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "%q\n", vals)
		}
		return out.String()
	}
	const audits = `SELECT * FROM audit_log ORDER BY device_id, seq`
	const changes = `SELECT * FROM changes ORDER BY op_id`
	const notes = `SELECT * FROM clinical_notes ORDER BY id`
	before := dump(audits) + dump(changes) + dump(notes)
	for _, q := range []string{
		// The same key, forged content.
		`INSERT OR REPLACE INTO audit_log SELECT id, device_id, seq, at, user, action, entity, entity_id, 'forged', prev_hash, hash FROM audit_log WHERE seq = 2`,
		`REPLACE INTO audit_log SELECT id, device_id, seq, at, user, action, entity, entity_id, 'forged', prev_hash, hash FROM audit_log WHERE seq = 2`,
		// A new id that takes the place of entry 2 in the chain.
		`INSERT OR REPLACE INTO audit_log SELECT 'forged', device_id, seq, at, user, action, entity, entity_id, detail, prev_hash, hash FROM audit_log WHERE seq = 2`,
		`INSERT OR REPLACE INTO changes SELECT op_id, hlc, device_id, tbl, row_id, field, old, '"forged"' FROM changes LIMIT 1`,
		`REPLACE INTO changes SELECT op_id, hlc, device_id, tbl, row_id, field, old, '"forged"' FROM changes LIMIT 1`,
		`INSERT OR REPLACE INTO clinical_notes SELECT id, patient_id, author, written_utc, 'forged', amends, deleted FROM clinical_notes LIMIT 1`,
	} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v; want the schema to refuse it", q, err)
		}
	}
	if after := dump(audits) + dump(changes) + dump(notes); after != before {
		t.Errorf("the append-only tables changed:\nbefore\n%s\nafter\n%s", before, after)
	}
	db.Close()
	checkOK(t, dir)
}
