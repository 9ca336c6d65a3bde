package sync

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// createdFields reads the fields of a creation in their order, with the
// JSON text of each value.
func createdFields(t testing.TB, obj string) (names []string, texts map[string]string) {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(obj))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("creation %q is not an object", obj)
	}
	texts = map[string]string{}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			t.Fatal(err)
		}
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			t.Fatal(err)
		}
		names = append(names, tok.(string))
		texts[tok.(string)] = string(raw)
	}
	return names, texts
}

// setCreated returns the creation obj with field set to value (JSON),
// or added when add is set and obj has no such field.
func setCreated(obj, field, value string, add bool) string {
	var b bytes.Buffer
	d := json.NewDecoder(strings.NewReader(obj))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return obj
	}
	b.WriteByte('{')
	found := false
	for d.More() {
		tok, _ := d.Token()
		var raw json.RawMessage
		d.Decode(&raw)
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(tok)
		b.Write(name)
		b.WriteByte(':')
		if tok == field {
			raw, found = json.RawMessage(value), true
		}
		b.Write(raw)
	}
	if add && !found {
		fmt.Fprintf(&b, `,%q:%s`, field, value)
	}
	b.WriteByte('}')
	return b.String()
}

// splitCreations rewrites the creations of cs that pick selects (all
// when pick is nil) as older versions wrote them: one change a field,
// each with its own op ID, no old value, the creation's clock stamp.
func splitCreations(t testing.TB, cs []data.Change, pick ...func(data.Change) bool) []data.Change {
	t.Helper()
	var out []data.Change
	for _, c := range cs {
		if c.Field != data.CreatedField || (len(pick) > 0 && !pick[0](c)) {
			out = append(out, c)
			continue
		}
		names, texts := createdFields(t, c.New)
		for _, f := range names {
			one := c
			one.OpID, one.Field, one.New = data.NewID(), f, texts[f]
			out = append(out, one)
		}
	}
	return out
}

func countCreations(cs []data.Change) int {
	n := 0
	for _, c := range cs {
		if c.Field == data.CreatedField {
			n++
		}
	}
	return n
}

// dumpRows returns every column of the rows of q as text.
func dumpRows(t testing.TB, d *testDevice, q string, args ...any) string {
	t.Helper()
	rows, err := d.st.ReadDB().QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			fmt.Fprintf(&b, "%s=%q(%v) ", cols[i], v.String, v.Valid)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// A file that mixes creations as older versions wrote them (one change a
// field) with creations as one change applies whole: the rows arrive as
// they are on the sender, derived columns computed here; the edits made
// after win over both forms; the change log keeps each form as it came;
// a later file that replays creations already here (known by their op
// IDs) is no duplicate, and applying everything again changes nothing.
func TestCreationsOfBothFormsApply(t *testing.T) {
	ctx := context.Background()
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pr := a.newPractitioner("Dr Keep")
	old := a.newPatient("Gómez", "Ana")
	now := a.newPatient("Lefèvre", "Zoé")
	appt := data.Appointment{PractitionerID: pr.ID, PatientID: old.ID, Day: data.Date{Year: 2026, Month: 12, Day: 7},
		Start: 9 * 60, End: 9*60 + 15, TimeZone: "Europe/Paris", Notes: "First visit"}
	a.update(func(tx *data.Tx) error { return tx.Save(&appt) })
	a.export()
	set1, err := a.st.SealedSet(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	audits := 0
	for _, c := range set1.Changes {
		if c.Table == "audit_log" {
			audits++
		}
	}
	if n := countCreations(set1.Changes); n != 4 || len(set1.Changes) != 4+audits {
		t.Fatalf("set 1: %d changes, %d creations, %d audit entries; want the four rows' creations and their audit entries only", len(set1.Changes), n, audits)
	}
	mixed := splitCreations(t, set1.Changes, func(c data.Change) bool { return c.RowID == old.ID || c.Table == "appointments" })
	if len(mixed) < 20 || countCreations(mixed) != 2 {
		t.Fatalf("the mixed file has %d changes, %d creations", len(mixed), countCreations(mixed))
	}
	// The split creations outnumber the sender's change numbers: the
	// files are numbered anew, each after the one before.
	next := set1.First
	rewrite := func(seq int64, changes []data.Change) data.ChangeSet {
		set := data.ChangeSet{Device: a.id(), Seq: seq, First: next, Last: next + int64(len(changes)) - 1, Changes: changes}
		next = set.Last + 1
		return set
	}
	write := func(set data.ChangeSet) {
		writeSigned(t, p, a, p.changeFiles(a.id())[set.Seq-1], File{Header: Header{Practice: "practice-1", Device: a.id(), Seq: set.Seq,
			First: set.First, Last: set.Last}, Changes: set.Changes})
	}
	write(rewrite(1, mixed))

	// Edits after the creations, one of each form's row.
	for _, id := range []string{old.ID, now.ID} {
		a.update(func(tx *data.Tx) error {
			pt, err := a.patient(id)
			if err != nil {
				return err
			}
			pt.Phone, pt.Notes = "06 11 22 33 44", "edited after"
			return tx.Save(&pt)
		})
	}
	a.export()
	set2, err := a.st.SealedSet(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	write(rewrite(2, set2.Changes))
	if rep := b.importAll(); rep.Applied != 2 || len(rep.Refused) != 0 || rep.Changes.Conflicts != 0 || rep.Changes.Lost != 0 {
		t.Fatalf("import: %+v", rep)
	}
	for _, q := range []string{`SELECT * FROM patients ORDER BY id`, `SELECT * FROM appointments ORDER BY id`, `SELECT * FROM practitioners ORDER BY id`} {
		if x, y := dumpRows(t, a, q), dumpRows(t, b, q); x != y {
			t.Errorf("%s\non the sender: %s\nhere:          %s", q, x, y)
		}
	}
	if got, _ := b.patient(old.ID); got.Phone != "06 11 22 33 44" || got.Notes != "edited after" {
		t.Errorf("the per-field creation's patient: %+v", got)
	}
	if got, _ := b.patient(now.ID); got.Phone != "06 11 22 33 44" || got.Notes != "edited after" {
		t.Errorf("the creation's patient: %+v", got)
	}
	if n := b.queryInt(`SELECT COUNT(*) FROM changes WHERE row_id = ? AND field = '*'`, old.ID); n != 0 {
		t.Errorf("the per-field creation was recorded as %d creations", n)
	}
	if n := b.queryInt(`SELECT COUNT(*) FROM changes WHERE row_id = ? AND field = '*'`, now.ID); n != 1 {
		t.Errorf("the creation was recorded %d times", n)
	}

	// A replay: set 3 brings set 1 again as it came (its op IDs and audit
	// entries are here: known), set 1 as written (its audit entries known,
	// two creations under op IDs not seen here, for rows here: they lose,
	// field by field, to what is here, with no conflict: same device) and
	// one new row with its audit entry.
	a.newPatient("Nguyễn", "Lan")
	if _, _, err := a.st.SealChanges(ctx); err != nil {
		t.Fatal(err)
	}
	sealed3, err := a.st.SealedSet(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	before := dumpRows(t, b, `SELECT * FROM patients ORDER BY id`)
	set3 := rewrite(3, append(append(append([]data.Change(nil), mixed...), set1.Changes...), sealed3.Changes...))
	res, err := b.st.ApplyChangeSet(ctx, set3)
	if err != nil || res.Applied != len(sealed3.Changes) || res.Known != len(mixed)+len(set1.Changes)-2 || res.Lost != 2 || res.Conflicts != 0 {
		t.Fatalf("replay: %+v, %v", res, err)
	}
	if after := dumpRows(t, b, `SELECT * FROM patients ORDER BY id`); b.queryInt(`SELECT COUNT(*) FROM patients`) != 3 || !containsAll(after, before) {
		t.Errorf("the replay changed the rows here:\nbefore %s\nafter  %s", before, after)
	}
	if res, err := b.st.ApplyChangeSet(ctx, set3); err != nil || res.Applied != 0 || res.Known != len(set3.Changes) {
		t.Errorf("set 3 again: %+v, %v", res, err)
	}
}

// containsAll says whether every line of part is a line of whole.
func containsAll(whole, part string) bool {
	lines := map[string]bool{}
	for _, l := range strings.Split(whole, "\n") {
		lines[l] = true
	}
	for _, l := range strings.Split(part, "\n") {
		if !lines[l] {
			return false
		}
	}
	return true
}

// Two devices create one row under one ID while apart (as two devices
// making a practice's settings row would): the later creation wins field
// by field, the earlier one's differing values and an edit it overwrote
// unseen are kept as conflicts, every device converges, and an edit made
// after seeing both wins without a conflict.
func TestARowCreatedTwiceResolvesFieldByField(t *testing.T) {
	p := newTestPractice(t)
	a, b, d := p.newDevice(), p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	a.update(func(tx *data.Tx) error {
		cur, _ := a.patient(pt.ID)
		cur.Phone, cur.Notes = "01 11 11 11 11", "from a"
		return tx.Save(&cur)
	})
	// d's clock runs an hour ahead: its creation is the later one.
	d.st.SetSyncClock(func() time.Time { return time.Now().Add(time.Hour) })
	twin := data.Patient{ID: pt.ID, ChartNumber: pt.ChartNumber, FamilyName: "Gómez", GivenName: "Ana", Phone: "02 22 22 22 22"}
	d.update(func(tx *data.Tx) error { return tx.Save(&twin) })
	if n := d.queryInt(`SELECT COUNT(*) FROM changes WHERE row_id = ? AND field = '*'`, pt.ID); n != 1 {
		t.Fatalf("d recorded %d creations of its row", n)
	}
	a.export()
	d.export()
	b.importAll()
	a.importAll()
	d.importAll()
	want := dumpRows(t, d, `SELECT * FROM patients`)
	for name, dev := range map[string]*testDevice{"a": a, "b": b} {
		if got := dumpRows(t, dev, `SELECT * FROM patients`); got != want {
			t.Errorf("%s: %s\nd: %s", name, got, want)
		}
	}
	if got, _ := b.patient(pt.ID); got.Phone != "02 22 22 22 22" || got.Notes != "" {
		t.Errorf("the row: phone %q, notes %q; want the later creation's", got.Phone, got.Notes)
	}
	// a's edit, made unseen by d and overwritten by d's later creation,
	// is kept as a conflict everywhere. (Where a's file arrives after d's,
	// the phone of a's own creation is kept too: it lost to d's value
	// before a's edit arrived, as a per-field creation did.)
	for name, dev := range map[string]*testDevice{"a": a, "b": b, "d": d} {
		kept := dumpRows(t, dev, `SELECT field, value FROM conflicts WHERE row_id = ? AND device_id = ?`, pt.ID, a.id())
		for _, v := range []string{`field="notes"(true) value="\"from a\""(true)`, `field="phone"(true) value="\"01 11 11 11 11\""(true)`} {
			if !strings.Contains(kept, v) {
				t.Errorf("%s keeps the conflicts\n%s\nwithout %s", name, kept, v)
			}
		}
		if n := dev.queryInt(`SELECT COUNT(*) FROM conflicts WHERE device_id <> ?`, a.id()); n != 0 {
			t.Errorf("%s keeps %d losing values of d, whose creation won", name, n)
		}
		// The conflicts screen lists them all, those a creation lost too.
		listed, err := dev.st.SyncConflicts(context.Background())
		if n := dev.queryInt(`SELECT COUNT(*) FROM conflicts`); err != nil || len(listed) != n {
			t.Errorf("%s lists %d of its %d conflicts: %v", name, len(listed), n, err)
		}
	}
	// An edit after both, on a: it wins everywhere, no new conflict.
	a.update(func(tx *data.Tx) error {
		cur, _ := a.patient(pt.ID)
		cur.Phone = "03 33 33 33 33"
		return tx.Save(&cur)
	})
	a.export()
	for _, dev := range []*testDevice{b, d} {
		// The edit and its audit entry.
		if rep := dev.importAll(); rep.Changes.Applied != 2 || rep.Changes.Lost != 0 || rep.Changes.Conflicts != 0 {
			t.Errorf("the later edit: %+v", rep)
		}
		if got, _ := dev.patient(pt.ID); got.Phone != "03 33 33 33 33" {
			t.Errorf("phone %q after the later edit", got.Phone)
		}
	}
}
