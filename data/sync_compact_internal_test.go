package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

// A snapshot's change log keeps, of a row's history, the newest edit of
// each field, the row's first creation change and the maker's changes not
// sealed yet; superseded edits, creations replaced or still standing,
// derived columns, audit entries (the audit log travels in its own table)
// and changes a newer whole-row ("*") change replaced are
// left out. Both forms of creation are covered: one change per field and
// one "*" change for the whole row. The rows are made by hand (sealed
// first, as a snapshot's maker does) so that the rule is tested, not the
// write path.
func TestSnapshotKeepsTheNewestStampOfEachField(t *testing.T) {
	ctx := context.Background()
	s := openInternal(t)
	other := "01000000-0000-7000-8000-0000000000bb"
	me := s.device().ID
	type ch struct{ op, hlc, dev, tbl, row, field, old string }
	add := func(cs ...ch) {
		t.Helper()
		for _, c := range cs {
			var old any
			if c.old != "" {
				old = c.old
			}
			if _, err := s.w.ExecContext(ctx, `INSERT INTO changes (op_id, hlc, device_id, tbl, row_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, '"v"')`,
				c.op, c.hlc, c.dev, c.tbl, c.row, c.field, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Stamps after the clock of the device Open made (its own changes are
	// sealed too).
	stamp := func(ms, dev string) string { return ms + ".00000." + dev }
	// Row 1, per-field form: created by the other device, then edited.
	add(
		ch{"r1-born", stamp("1900000000001", other), other, "patients", "row1", "family_name", ""},
		ch{"r1-given", stamp("1900000000002", other), other, "patients", "row1", "given_name", ""},
		ch{"r1-phone", stamp("1900000000003", other), other, "patients", "row1", "phone", ""},
		ch{"r1-keys", stamp("1900000000004", other), other, "patients", "row1", "search_tokens", ""},
		ch{"r1-phone-2", stamp("1900000000010", other), other, "patients", "row1", "phone", `"v"`},
		ch{"r1-phone-3", stamp("1900000000020", me), me, "patients", "row1", "phone", `"v"`},
		ch{"r1-keys-2", stamp("1900000000020", me), me, "patients", "row1", "search_tokens", `"v"`},
	)
	// Row 2, whole-row form: created as one "*" change, one field edited,
	// then written whole again.
	add(
		ch{"r2-born", stamp("1900000000001", other), other, "patients", "row2", "*", ""},
		ch{"r2-phone", stamp("1900000000005", other), other, "patients", "row2", "phone", `"v"`},
		ch{"r2-whole", stamp("1900000000006", other), other, "patients", "row2", "*", `{}`},
		ch{"r2-given", stamp("1900000000007", other), other, "patients", "row2", "given_name", `"v"`},
	)
	// Row 3, whole-row form, only edited since.
	add(
		ch{"r3-born", stamp("1900000000001", other), other, "patients", "row3", "*", ""},
		ch{"r3-phone", stamp("1900000000008", other), other, "patients", "row3", "phone", `"v"`},
	)
	// Row 5, created by two devices (the same ID): the creations are all
	// that says which value wins, so the newest of each field stays.
	add(
		ch{"r5-other", stamp("1900000000001", other), other, "patients", "row5", "phone", ""},
		ch{"r5-me", stamp("1900000000002", me), me, "patients", "row5", "phone", ""},
		ch{"r5-other-name", stamp("1900000000003", other), other, "patients", "row5", "family_name", ""},
	)
	// An audit entry recorded as a change (the snapshot carries the audit
	// log itself).
	add(ch{"audit-1", stamp("1900000000009", other), other, "audit_log", "row4", "entry", ""})
	// Two more changes of the maker's, which WriteSnapshot seals: only
	// the newer is kept.
	add(
		ch{"r1-late-1", stamp("1900000000030", me), me, "patients", "row1", "phone", `"v"`},
		ch{"r1-late-2", stamp("1900000000031", me), me, "patients", "row1", "phone", `"v"`},
	)
	dst := filepath.Join(t.TempDir(), "snapshot.db")
	if _, err := s.WriteSnapshot(ctx, dst); err != nil {
		t.Fatal(err)
	}
	kept := keptChanges(t, dst)
	want := []string{"r1-born", "r1-late-2", "r2-born", "r2-given", "r2-whole", "r3-born", "r3-phone", "r5-me", "r5-other", "r5-other-name"}
	if !slices.Equal(kept, want) {
		t.Fatalf("the snapshot keeps %q, want %q", kept, want)
	}
	// Changes of the maker stamped after its last sealed one (made
	// between the sealing and the copy) travel again: all kept.
	full, dst2 := filepath.Join(t.TempDir(), "full.db"), filepath.Join(t.TempDir(), "snapshot.db")
	if err := s.CopyDatabase(ctx, full, nil); err != nil {
		t.Fatal(err)
	}
	if err := compactCopy(ctx, full, dst2, me, stamp("1900000000025", me)); err != nil {
		t.Fatal(err)
	}
	if kept := keptChanges(t, dst2); !slices.Contains(kept, "r1-late-1") || !slices.Contains(kept, "r1-late-2") {
		t.Fatalf("changes not sealed yet were left out: %q", kept)
	}
	// The change log of the snapshot is append-only again.
	rw, err := sql.Open(driverName, "file:"+dst)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if _, err := rw.ExecContext(ctx, `DELETE FROM changes WHERE op_id = 'r1-born'`); err == nil {
		t.Fatal("the snapshot's change log lost its append-only trigger")
	}
	// The live database keeps its whole history.
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM changes WHERE row_id LIKE 'row%'`).Scan(&n); err != nil || n != 19 {
		t.Fatalf("the live change log holds %d of 19 changes: %v", n, err)
	}
}

// keptChanges lists the op IDs of the test rows' changes in a snapshot.
func keptChanges(t *testing.T, path string) []string {
	t.Helper()
	snap, err := sql.Open(driverName, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	rows, err := snap.Query(`SELECT op_id FROM changes WHERE row_id LIKE 'row%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var kept []string
	for rows.Next() {
		var op string
		rows.Scan(&op)
		kept = append(kept, op)
	}
	sort.Strings(kept)
	return kept
}
