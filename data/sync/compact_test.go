package sync

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"frontdesk/data"
)

// A device that joins from a snapshot, whose change log keeps only the
// newest stamp of each field, resolves concurrent edits made before and
// after the snapshot as the devices that saw every change do: B edits
// while away, before and after A writes the snapshot C joins from, and C
// edits too. Every device ends with the same rows and the same losing
// values kept, and the joined data folder passes its checks.
func TestAJoinerFromACompactedSnapshotConverges(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	opt := Options{Now: func() time.Time { return now }}
	a := newPracticeStore(t)
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, opt); err != nil {
		t.Fatal(err)
	}
	p1, p2 := mustPatient(t, a, "Durand"), mustPatient(t, a, "Martin")
	syncOnce(t, a, dir, opt)
	join := func() *data.Store {
		d := filepath.Join(t.TempDir(), "joined")
		if _, err := Join(ctx, d, dir, testPassphrase, opt); err != nil {
			t.Fatal(err)
		}
		return openStore(t, d)
	}
	b := join()
	syncOnce(t, b, dir, opt)
	syncOnce(t, a, dir, opt)
	edit := func(st *data.Store, id string, change func(*data.Patient)) {
		t.Helper()
		time.Sleep(3 * time.Millisecond) // stamps in the order of the edits
		pt, err := st.Patient(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		change(&pt)
		if err := st.Update(ctx, func(tx *data.Tx) error { return tx.Save(&pt) }); err != nil {
			t.Fatal(err)
		}
	}
	// B, away, edits before the snapshot; A edits after B, then writes
	// the snapshot a month later.
	edit(b, p1.ID, func(p *data.Patient) { p.Phone = "0100000001" })
	edit(b, p2.ID, func(p *data.Patient) { p.Phone = "0100000002" })
	edit(a, p1.ID, func(p *data.Patient) { p.Phone = "0200000001" })
	edit(a, p1.ID, func(p *data.Patient) { p.GivenName = "Anne" })
	now = now.Add(31 * 24 * time.Hour)
	if res := syncOnce(t, a, dir, opt); !res.Snapshot {
		t.Fatalf("A wrote no snapshot: %+v", res)
	}
	c := join()
	// The snapshot's change log was compacted: p1's creation (one change
	// for the whole row) came along, and A's newest edits did. (Creations
	// of one change a field, which older versions wrote, are compacted to
	// the first: data's TestSnapshotKeepsTheNewestStampOfEachField.)
	q := `SELECT COUNT(*) FROM changes WHERE tbl = 'patients' AND row_id = ? AND old IS NULL`
	if full, joined := countOf(t, a, q, p1.ID), countOf(t, c, q, p1.ID); full != 1 || joined != 1 {
		t.Fatalf("creation changes of a patient: %d on A, %d on the joiner", full, joined)
	}
	q = `SELECT COUNT(*) FROM changes WHERE tbl = 'patients' AND row_id = ? AND field IN ('phone', 'given_name')`
	if full, joined := countOf(t, a, q, p1.ID), countOf(t, c, q, p1.ID); full != 2 || joined != 2 {
		t.Fatalf("edits of a patient: %d on A, %d on the joiner", full, joined)
	}
	// After the snapshot: C edits after B's edit of the same field, B
	// edits after A's edit of another.
	edit(c, p2.ID, func(p *data.Patient) { p.Phone = "0300000002" })
	edit(b, p1.ID, func(p *data.Patient) { p.GivenName = "Béatrice" })
	for range 3 {
		for _, st := range []*data.Store{b, a, c} {
			syncOnce(t, st, dir, opt)
		}
	}
	ra, rb, rc := patientRows(t, a), patientRows(t, b), patientRows(t, c)
	if !equalStrings(ra, rb) || !equalStrings(ra, rc) {
		t.Fatalf("rows differ:\nA %q\nB %q\nC %q", ra, rb, rc)
	}
	for _, want := range []struct{ id, field, value string }{
		{p1.ID, "phone", "0200000001"}, {p2.ID, "phone", "0300000002"}, {p1.ID, "given_name", "Béatrice"},
	} {
		got := stringOf(t, c, `SELECT `+want.field+` FROM patients WHERE id = ?`, want.id)
		if got != want.value {
			t.Errorf("%s on the joiner is %q, want %q", want.field, got, want.value)
		}
	}
	// The losing values of the concurrent edits are kept on the joiner as
	// on A, which saw every change.
	lost := `SELECT group_concat(field || '=' || value, ' ') FROM (SELECT field, value FROM conflicts ORDER BY field, value)`
	if la, lc := stringOf(t, a, lost), stringOf(t, c, lost); la != lc || la == "" {
		t.Errorf("losing values kept: %q on A, %q on the joiner", la, lc)
	}
	c.Close()
	if rep, err := data.Check(ctx, c.Dir()); err != nil || !rep.OK() {
		t.Fatalf("check of the joined data folder: %+v, %v", rep.Problems, err)
	}
}

func countOf(t *testing.T, st *data.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := st.ReadDB().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func stringOf(t *testing.T, st *data.Store, q string, args ...any) string {
	t.Helper()
	var s *string
	if err := st.ReadDB().QueryRowContext(context.Background(), q, args...).Scan(&s); err != nil {
		t.Fatal(err)
	}
	if s == nil {
		return ""
	}
	return *s
}

// An account "marie" made on B while apart, and another made later on A
// and carried by the snapshot C joins from: when B's file reaches C, C
// renames A's account as A and B do, which reads the change that gave it
// its login. The snapshot keeps it: B's file applies on C, and the three
// agree.
func TestALoginMadeTwiceReachesAJoinerFromASnapshot(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	opt := Options{Now: func() time.Time { return now }}
	a := newPracticeStore(t)
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, opt); err != nil {
		t.Fatal(err)
	}
	join := func() *data.Store {
		d := filepath.Join(t.TempDir(), "joined")
		if _, err := Join(ctx, d, dir, testPassphrase, opt); err != nil {
			t.Fatal(err)
		}
		return openStore(t, d)
	}
	b := join()
	for _, st := range []*data.Store{b, a, b} {
		syncOnce(t, st, dir, opt)
	}
	h, err := data.HashPassword("a long enough secret", "marie", "Marie")
	if err != nil {
		t.Fatal(err)
	}
	onB := data.User{Login: "marie", FullName: "Marie Durand", Role: data.RoleSecretary, PasswordHash: h, Active: true}
	if err := b.Update(ctx, func(tx *data.Tx) error { return tx.SaveUser(&onB) }); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Millisecond) // A's account is the later one
	onA := data.User{Login: "marie", FullName: "Marie Dubois", Role: data.RoleAdmin, PasswordHash: h, Active: true}
	if err := a.Update(ctx, func(tx *data.Tx) error { return tx.SaveUser(&onA) }); err != nil {
		t.Fatal(err)
	}
	if onA.ID < onB.ID {
		t.Fatal("precondition: the account made later on A has the higher ID")
	}
	now = now.Add(31 * 24 * time.Hour)
	if res := syncOnce(t, a, dir, opt); !res.Snapshot {
		t.Fatalf("A wrote no snapshot: %+v", res)
	}
	c := join()
	for round := range 2 {
		for _, st := range []*data.Store{b, a, c} {
			if res := syncOnce(t, st, dir, opt); len(res.Import.Refused) > 0 {
				t.Fatalf("round %d, %s refused %+v", round, st.Device().Series, res.Import.Refused)
			}
		}
	}
	q := `SELECT group_concat(id || ' ' || login, ', ') FROM (SELECT id, login FROM users ORDER BY id)`
	ua, ub, uc := stringOf(t, a, q), stringOf(t, b, q), stringOf(t, c, q)
	if ua != ub || ua != uc || stringOf(t, c, `SELECT login FROM users WHERE id = ?`, onA.ID) == "marie" {
		t.Fatalf("the accounts differ or were not renamed:\n A %s\n B %s\n C %s", ua, ub, uc)
	}
}
