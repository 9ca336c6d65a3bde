package sync

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// Two devices change the same field while apart: both end with the value
// of the later clock stamp, whichever file arrives first, and the losing
// value is kept in the conflicts table on both. A field only one of them
// changed keeps that change.
func TestConcurrentEditsConvergeAndKeepTheLoser(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	a.export()
	b.importAll()

	edit := func(d *testDevice, fn func(*data.Patient)) {
		d.update(func(tx *data.Tx) error {
			cur, err := d.patient(pt.ID)
			if err != nil {
				return err
			}
			fn(&cur)
			return tx.Save(&cur)
		})
	}
	edit(a, func(x *data.Patient) { x.Phone = "0611111111" })
	edit(b, func(x *data.Patient) { x.Phone = "0622222222"; x.Email = "ana@example.org" }) // b's phone is later
	a.export()
	b.export()
	a.importAll()
	b.importAll()
	for _, d := range []*testDevice{a, b} {
		got, err := d.patient(pt.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Phone != "0622222222" || got.Email != "ana@example.org" {
			t.Errorf("device %s: phone %q email %q, want b's later phone and b's email", d.series, got.Phone, got.Email)
		}
		if v := d.queryString(`SELECT value FROM conflicts WHERE tbl = 'patients' AND row_id = ? AND field = 'phone'`, pt.ID); v != `"0611111111"` {
			t.Errorf("device %s kept %s as the losing phone", d.series, v)
		}
		if n := d.queryInt(`SELECT COUNT(*) FROM conflicts`); n != 1 {
			t.Errorf("device %s has %d conflicts, want 1 (the email was no conflict)", d.series, n)
		}
		// The derived digits follow the winning phone.
		if dg := d.queryString(`SELECT phone_digits FROM patients WHERE id = ?`, pt.ID); dg != "0622222222" {
			t.Errorf("device %s: phone_digits %q", d.series, dg)
		}
	}
	// An edit made after seeing the other's value is no conflict.
	edit(a, func(x *data.Patient) { x.Phone = "0633333333" })
	a.export()
	b.importAll()
	if n := b.queryInt(`SELECT COUNT(*) FROM conflicts`); n != 1 {
		t.Errorf("a sequential edit was taken for a conflict: %d conflicts", n)
	}
	if got, _ := b.patient(pt.ID); got.Phone != "0633333333" {
		t.Errorf("sequential edit not applied: %q", got.Phone)
	}
}

// An older change arriving after a newer one for the same field does not
// overwrite it.
func TestLateOlderChangeLoses(t *testing.T) {
	p := newTestPractice(t)
	a, b, c := p.newDevice(), p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	a.export()
	b.importAll()
	b.update(func(tx *data.Tx) error {
		x, _ := b.patient(pt.ID)
		x.Notes = "from b, earlier"
		return tx.Save(&x)
	})
	// Two edits within one millisecond tie on the clock, and the device
	// IDs decide: this test is about an edit made later.
	time.Sleep(3 * time.Millisecond)
	a.update(func(tx *data.Tx) error {
		x, _ := a.patient(pt.ID)
		x.Notes = "from a, later"
		return tx.Save(&x)
	})
	a.export()
	b.export()
	// c gets a's files first, b's later.
	bFiles := p.changeFiles(b.id())
	hidden := bFiles[0] + ".hidden.tmp"
	os.Rename(bFiles[0], hidden)
	c.importAll()
	os.Rename(hidden, bFiles[0])
	rep := c.importAll()
	if rep.Applied != 1 || rep.Changes.Lost != 1 {
		t.Fatalf("late file: %+v", rep)
	}
	if got, _ := c.patient(pt.ID); got.Notes != "from a, later" {
		t.Errorf("notes %q, want the later change", got.Notes)
	}
}

// Changes that this version cannot trust or place are refused, file and all.
func TestIncomingChangesAreCheckedLikeTypedOnes(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		edit   func(cs []data.Change) []data.Change
	}{
		{"over-long name", ReasonRefused, func(cs []data.Change) []data.Change {
			return setField(cs, "family_name", `"`+strings.Repeat("x", 5000)+`"`)
		}},
		{"unknown sex", ReasonRefused, func(cs []data.Change) []data.Change {
			return setField(cs, "sex", `"robot"`)
		}},
		{"a table from a newer version", ReasonTooNew, func(cs []data.Change) []data.Change {
			cs[0].Table = "telepathy"
			return cs
		}},
		{"a field from a newer version", ReasonTooNew, func(cs []data.Change) []data.Change {
			cs[0].Field = "aura"
			return cs
		}},
		{"a field from a newer version in a creation", ReasonTooNew, func(cs []data.Change) []data.Change {
			for i := range cs {
				if cs[i].Field == data.CreatedField && cs[i].Table == "patients" {
					cs[i].New = setCreated(cs[i].New, "aura", `"blue"`, true)
				}
			}
			return cs
		}},
		{"a creation that is not an object of fields", ReasonRefused, func(cs []data.Change) []data.Change {
			for i := range cs {
				if cs[i].Field == data.CreatedField {
					cs[i].New = `["family_name","x"]`
				}
			}
			return cs
		}},
		{"a value of the wrong kind", ReasonRefused, func(cs []data.Change) []data.Change {
			return setField(cs, "given_name", `[1,2]`)
		}},
		{"a tombstone that is not 0 or 1", ReasonRefused, func(cs []data.Change) []data.Change {
			last := cs[len(cs)-1]
			for i := len(cs) - 1; last.Table == "audit_log"; i-- { // the entries of the audit chain come after the rows
				last = cs[i]
			}
			zero := "0"
			last.OpID, last.HLC, last.Field, last.Old, last.New = data.NewID(), "9"+last.HLC[1:], "deleted", &zero, `"yes"`
			return append(cs, last)
		}},
	}
	// Each case in the file's creations as written now, one change a row,
	// and as older versions wrote them, one change a field.
	for _, tc := range cases {
		for _, split := range []bool{false, true} {
			if split && strings.Contains(tc.name, "creation") {
				continue // about the form of creations written now
			}
			name := tc.name
			if split {
				name += ", per-field creations"
			}
			t.Run(name, func(t *testing.T) {
				p := newTestPractice(t)
				a, b := p.newDevice(), p.newDevice()
				a.newPractitioner("Dr Keep")
				a.newPatient("Gómez", "Ana")
				a.export()
				set, err := a.st.SealedSet(context.Background(), 1)
				if err != nil {
					t.Fatal(err)
				}
				changes := set.Changes
				if split {
					changes = splitCreations(t, changes)
				} else if n := countCreations(changes); n != 2 {
					t.Fatalf("%d creations in the file, want the practitioner's and the patient's", n)
				}
				path := p.changeFiles(a.id())[0]
				edited := tc.edit(changes)
				// Split creations outnumber the sender's change numbers.
				last := max(set.Last, set.First+int64(len(edited))-1)
				writeSigned(t, p, a, path, File{Header: Header{Practice: "practice-1", Device: a.id(), Seq: 1, First: set.First, Last: last},
					Changes: edited})
				rep := b.importAll()
				if len(rep.Refused) != 1 || rep.Refused[0].Reason != tc.reason {
					t.Fatalf("report %+v, want refused as %s", rep, tc.reason)
				}
				// Nothing of the file: not even the practitioner it also created.
				if n := b.queryInt(`SELECT (SELECT COUNT(*) FROM patients) + (SELECT COUNT(*) FROM practitioners) + (SELECT COUNT(*) FROM changes WHERE device_id = ?)`, a.id()); n != 0 {
					t.Errorf("%d rows of a refused file were applied", n)
				}
			})
		}
	}
}

// setField sets the value of field in every change of it and in every
// creation that carries it.
func setField(cs []data.Change, field, value string) []data.Change {
	for i := range cs {
		if cs[i].Field == field {
			cs[i].New = value
		} else if cs[i].Field == data.CreatedField {
			cs[i].New = setCreated(cs[i].New, field, value, false)
		}
	}
	return cs
}

// Clinical notes are append-only: an incoming edit of one is refused.
func TestAppendOnlyRowsRefuseEdits(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	n := data.Note{PatientID: pt.ID, Text: "Seen for a cough."}
	a.update(func(tx *data.Tx) error { return tx.AddNote(&n) })
	a.export()
	if rep := b.importAll(); rep.Applied != 1 {
		t.Fatalf("note file: %+v", rep)
	}
	if got := b.queryString(`SELECT text FROM clinical_notes WHERE id = ?`, n.ID); got != "Seen for a cough." {
		t.Fatalf("note %q", got)
	}
	// A forged edit of the note, signed by a: file 2.
	old := `"Seen for a cough."`
	writeSigned(t, p, a, p.folder().changePath(a.id(), 2), File{Header: Header{Practice: "practice-1", Device: a.id(), Seq: 2, First: 1000, Last: 1000},
		Changes: []data.Change{{OpID: data.NewID(), HLC: "9999999999999.00000." + a.id(), Device: a.id(), Table: "clinical_notes", RowID: n.ID, Field: "text", Old: &old, New: `"rewritten"`}}})
	rep := b.importAll()
	if len(rep.Refused) != 1 || rep.Refused[0].Reason != ReasonRefused {
		t.Fatalf("edit of a note: %+v", rep)
	}
	if got := b.queryString(`SELECT text FROM clinical_notes WHERE id = ?`, n.ID); got != "Seen for a cough." {
		t.Fatalf("note rewritten to %q", got)
	}
}

// A booking made on b with a practitioner a created waits on c until a's
// file is there, then both apply; a missing file is a gap, not a deletion.
func TestFilesWaitForRowsOfAnotherDevice(t *testing.T) {
	p := newTestPractice(t)
	a, b, c := p.newDevice(), p.newDevice(), p.newDevice()
	pr := a.newPractitioner("Dr Keep")
	a.export()
	b.importAll()
	day, _ := data.ParseISODate("2026-12-01")
	appt := data.Appointment{PractitionerID: pr.ID, Day: day, Start: 9 * 60, End: 9*60 + 20, TimeZone: "Europe/Paris"}
	b.update(func(tx *data.Tx) error { return tx.Save(&appt) })
	b.export()

	aFile := p.changeFiles(a.id())[0]
	os.Rename(aFile, aFile+".away.tmp")
	rep := c.importAll()
	if rep.Applied != 0 || rep.Waiting[b.id()] != 1 || len(rep.Refused) != 0 {
		t.Fatalf("without a's file: %+v", rep)
	}
	os.Rename(aFile+".away.tmp", aFile)
	rep = c.importAll()
	if rep.Applied != 2 || len(rep.Waiting) != 0 {
		t.Fatalf("with a's file: %+v", rep)
	}
	got, err := c.st.Appointment(context.Background(), appt.ID)
	if err != nil || got.PractitionerName != "Dr Keep" || got.StartUTC.IsZero() || !got.StartUTC.Equal(appt.StartUTC) {
		t.Fatalf("appointment on c: %+v, %v (want start %v)", got, err, appt.StartUTC)
	}
}

// Sync-tool debris and stray names are ignored; a device's files after a
// missing one wait for it.
func TestDebrisIsIgnoredAndGapsWait(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	first := a.newPatient("One", "Ana")
	a.export()
	second := a.newPatient("Two", "Bea")
	a.export()
	third := a.newPatient("Three", "Cleo")
	a.export()
	files := p.changeFiles(a.id())
	dir := p.folder().changeDir(a.id())
	junk := []string{"1.sync-conflict-20261130-120000-ABCDEFG.chg.age", "1 (conflicted copy 2026-11-30).chg.age",
		".syncthing.2.chg.age.tmp", "~1.chg.age", "2.chg.age.tmp", "01.chg.age", "notes.txt", "4.chg.age~"}
	for _, j := range junk {
		os.WriteFile(dir+"/"+j, []byte("garbage"), 0o600)
	}
	os.WriteFile(p.dir+"/devices/desktop.ini", []byte("junk"), 0o600)
	// File 2 has not arrived yet.
	os.Rename(files[1], files[1]+".later.tmp")
	rep := b.importAll()
	if rep.Applied != 1 || len(rep.Refused) != 0 || rep.Waiting[a.id()] != 2 || rep.Remaining != 1 || rep.Debris != len(junk)+2 {
		t.Fatalf("report %+v", rep)
	}
	if _, err := b.patient(third.ID); err == nil {
		t.Fatal("file 3 applied before file 2")
	}
	os.Rename(files[1]+".later.tmp", files[1])
	if rep := b.importAll(); rep.Applied != 2 {
		t.Fatalf("after the gap filled: %+v", rep)
	}
	for _, pt := range []data.Patient{first, second, third} {
		if _, err := b.patient(pt.ID); err != nil {
			t.Errorf("patient %s: %v", pt.FamilyName, err)
		}
	}
}

// A folder that is not there is an error on both sides, and nothing is
// written outside it; the database stays as it was.
func TestMissingFolderWritesNothing(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	a.newPatient("One", "Ana")
	a.export()
	os.RemoveAll(p.dir)
	if _, err := Export(context.Background(), a.st, p.folder()); data.ErrorCode(err) != data.EStorage {
		t.Fatalf("export to a missing folder: %v", err)
	}
	if _, err := os.Stat(p.dir); err == nil {
		t.Fatal("export created the missing folder")
	}
	if _, err := Import(context.Background(), b.st, p.folder()); data.ErrorCode(err) != data.EStorage {
		t.Fatalf("import from a missing folder: %v", err)
	}
	if n := b.queryInt(`SELECT COUNT(*) FROM patients`); n != 0 {
		t.Fatal("rows appeared from a missing folder")
	}
	// The folder comes back empty (another stick): a's files are written again.
	os.MkdirAll(p.dir, 0o700)
	if n := a.export(); n != 1 {
		t.Fatalf("rewrote %d files into the empty folder, want 1", n)
	}
	if rep := b.importAll(); rep.Applied != 1 {
		t.Fatalf("import: %+v", rep)
	}
}

// A folder pulled away in the middle of an import stops it with the files
// applied so far committed whole and nothing of the next; the rest
// applies once the folder is back.
func TestFolderVanishingMidImport(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	first := a.newPatient("One", "Ana")
	a.export()
	second := a.newPatient("Two", "Bea")
	a.export()
	aside := t.TempDir() + "/stick"
	reads := 0
	readFile = func(path string) ([]byte, error) {
		if reads++; reads == 2 {
			os.Rename(p.dir, aside) // the stick is pulled out
		}
		return os.ReadFile(path)
	}
	defer func() { readFile = os.ReadFile }()
	rep, err := Import(context.Background(), b.st, p.folder())
	if data.ErrorCode(err) != data.EStorage || rep.Applied != 1 {
		t.Fatalf("import with the folder pulled: %+v, %v", rep, err)
	}
	if _, err := b.patient(first.ID); err != nil {
		t.Fatalf("file 1 should be applied whole: %v", err)
	}
	if n := b.queryInt(`SELECT COUNT(*) FROM patients WHERE id = ?`, second.ID); n != 0 {
		t.Fatal("a row of file 2 is there")
	}
	if q, _ := b.st.QuarantinedFiles(context.Background()); len(q) != 0 {
		t.Fatalf("a missing folder set files aside: %+v", q)
	}
	os.Rename(aside, p.dir)
	if rep := b.importAll(); rep.Applied != 1 {
		t.Fatalf("after the folder came back: %+v", rep)
	}
	if _, err := b.patient(second.ID); err != nil {
		t.Fatal(err)
	}
}

// Sets of one device apply in order: again is nothing, ahead waits, and a
// set whose change numbers go back (a device restored from an old backup)
// is refused.
func TestChangeSetsApplyInSequence(t *testing.T) {
	ctx := context.Background()
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	a.newPatient("One", "Ana")
	a.st.SealChanges(ctx)
	a.newPatient("Two", "Bea")
	a.st.SealChanges(ctx)
	s1, _ := a.st.SealedSet(ctx, 1)
	s2, _ := a.st.SealedSet(ctx, 2)
	if _, err := b.st.ApplyChangeSet(ctx, s2); data.ErrorCode(err) != data.EWaiting {
		t.Fatalf("set 2 before set 1: %v", err)
	}
	if res, err := b.st.ApplyChangeSet(ctx, s1); err != nil || res.Applied == 0 {
		t.Fatalf("set 1: %+v, %v", res, err)
	}
	if res, err := b.st.ApplyChangeSet(ctx, s1); err != nil || res.Applied != 0 || res.Known != len(s1.Changes) {
		t.Fatalf("set 1 again: %+v, %v", res, err)
	}
	back := s2
	back.First = s1.First // numbers already applied
	if _, err := b.st.ApplyChangeSet(ctx, back); data.ErrorCode(err) != data.EConflict {
		t.Fatalf("set 2 numbered from set 1's changes: %v", err)
	}
	if _, err := a.st.ApplyChangeSet(ctx, s1); data.ErrorCode(err) != data.EConflict {
		t.Fatalf("a device applying its own set: %v", err)
	}
}
