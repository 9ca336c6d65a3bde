package sync

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"frontdesk/data"
)

// A device's audit chain reaches the others as it was written, and
// "frontdesk check" on a receiver verifies it there.
func TestAuditChainsTravelAndVerify(t *testing.T) {
	ctx := context.Background()
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	pt.Phone = "0612345678"
	a.update(func(tx *data.Tx) error { return tx.Save(&pt) })
	if err := a.st.AuditRead(ctx, "print", "patients", pt.ID, "summary"); err != nil {
		t.Fatal(err)
	}
	a.export()
	b.newPatient("Vale", "Ben") // b's own chain goes on beside a's
	b.importAll()
	a.update(func(tx *data.Tx) error { return tx.Delete(&pt) })
	a.export()
	b.importAll()

	chain := `SELECT id || seq || at || user || action || entity || entity_id || detail || prev_hash || hash FROM audit_log WHERE device_id = ? ORDER BY seq`
	sent, got := a.strings(chain, a.id()), b.strings(chain, a.id())
	if len(sent) < 5 || strings.Join(sent, "\n") != strings.Join(got, "\n") {
		t.Fatalf("a's chain of %d entries arrived as %d entries, or altered", len(sent), len(got))
	}
	b.st.Close()
	rep, err := data.Check(ctx, b.st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 0 || rep.AuditEntries <= len(sent) {
		t.Errorf("check on b: %d entries, problems %v", rep.AuditEntries, rep.Problems)
	}
}

// An audit entry altered, taken out or put out of order before its file
// was signed is refused with the file, and nothing of the file applies.
func TestTamperedAuditEntriesAreRefused(t *testing.T) {
	cases := []struct {
		name string
		edit func(t *testing.T, cs []data.Change) []data.Change
	}{
		{"an entry's words changed", func(t *testing.T, cs []data.Change) []data.Change {
			return editAudit(t, cs, 1, func(e *data.AuditEntry) { e.Detail = "nothing to see" })
		}},
		{"an entry rewritten with its hash made again", func(t *testing.T, cs []data.Change) []data.Change {
			return editAudit(t, cs, 1, func(e *data.AuditEntry) { e.User = "intruder"; e.PrevHash = strings.Repeat("0", 64) })
		}},
		{"an entry taken out", func(t *testing.T, cs []data.Change) []data.Change {
			i := auditIndex(cs, 1)
			return append(cs[:i:i], cs[i+1:]...)
		}},
		{"an entry of another device's chain", func(t *testing.T, cs []data.Change) []data.Change {
			return editAudit(t, cs, 0, func(e *data.AuditEntry) { e.DeviceID = data.NewID() })
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPractice(t)
			a, b := p.newDevice(), p.newDevice()
			a.newPatient("Gómez", "Ana")
			a.newPatient("Vale", "Ben")
			a.export()
			set, err := a.st.SealedSet(context.Background(), 1)
			if err != nil {
				t.Fatal(err)
			}
			path := p.changeFiles(a.id())[0]
			writeSigned(t, p, a, path, File{Header: Header{Practice: "practice-1", Device: a.id(), Seq: 1, First: set.First, Last: set.Last},
				Changes: tc.edit(t, set.Changes)})
			rep := b.importAll()
			if len(rep.Refused) != 1 || rep.Refused[0].Reason != ReasonRefused {
				t.Fatalf("report %+v, want the file refused", rep)
			}
			if n := b.queryInt(`SELECT (SELECT COUNT(*) FROM patients) + (SELECT COUNT(*) FROM audit_log WHERE device_id = ?)`, a.id()); n != 0 {
				t.Errorf("%d rows of a refused file were applied", n)
			}
		})
	}
}

// auditIndex is the index in cs of the n-th audit entry (from 0).
func auditIndex(cs []data.Change, n int) int {
	for i, c := range cs {
		if c.Table == "audit_log" {
			if n == 0 {
				return i
			}
			n--
		}
	}
	return -1
}

// editAudit changes the n-th audit entry of cs; a rewrite that sets
// PrevHash also computes the hash again, as a forger would.
func editAudit(t *testing.T, cs []data.Change, n int, edit func(e *data.AuditEntry)) []data.Change {
	t.Helper()
	i := auditIndex(cs, n)
	if i < 0 {
		t.Fatalf("no audit entry %d in the set", n)
	}
	var text string
	if err := json.Unmarshal([]byte(cs[i].New), &text); err != nil {
		t.Fatal(err)
	}
	var e data.AuditEntry
	if err := json.Unmarshal([]byte(text), &e); err != nil {
		t.Fatal(err)
	}
	prev := e.PrevHash
	edit(&e)
	if e.PrevHash != prev {
		e.Hash = data.HashAudit(e)
	}
	b, _ := json.Marshal(e)
	v, _ := json.Marshal(string(b))
	cs[i].New = string(v)
	return cs
}
