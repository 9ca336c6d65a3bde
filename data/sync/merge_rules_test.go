package sync

import (
	"context"
	"strings"
	"testing"

	"frontdesk/data"
)

// One computer moves an appointment (9:00–9:15 to 10:00–10:15) while the
// other lengthens it to 9:45: each edit is valid, the two merged field by
// field (start from one, end from the other) are not. Both computers keep
// the same merged row, nothing is refused (before, each refused the
// other's file for good and stopped syncing), and the values the merge
// replaced are in the conflicts list; taking one back through the write
// path makes the appointment whole again and travels.
func TestEditsValidApartButNotTogetherDoNotStopSync(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pr := a.newPractitioner("Dr Keep")
	pt := a.newPatient("Gómez", "Ana")
	day, _ := data.ParseISODate("2026-12-07")
	ap := data.Appointment{PractitionerID: pr.ID, PatientID: pt.ID, Day: day, Start: 9 * 60, End: 9*60 + 15, TimeZone: "Europe/Paris"}
	a.update(func(tx *data.Tx) error { _, err := tx.Book(&ap, true); return err })
	a.export()
	b.importAll()
	moved := ap
	moved.Start, moved.End = 10*60, 10*60+15
	a.update(func(tx *data.Tx) error { return tx.Save(&moved) })
	longer := ap
	longer.End = 9*60 + 45
	b.update(func(tx *data.Tx) error { return tx.Save(&longer) })
	exchangeWhole(t, a, b)
	q := `SELECT start_local || ' ' || end_local || ' ' || start_utc || ' ' || end_utc FROM appointments WHERE id = ?`
	if ra, rb := a.queryString(q, ap.ID), b.queryString(q, ap.ID); ra != rb {
		t.Fatalf("the merged appointments differ: %s / %s", ra, rb)
	}
	for _, d := range []*testDevice{a, b} {
		if n := d.queryInt(`SELECT COUNT(*) FROM conflicts WHERE tbl = 'appointments' AND row_id = ? AND resolved = 0`, ap.ID); n == 0 {
			t.Errorf("%s lists nothing to look at for the broken appointment", d.series)
		}
	}

	// Someone puts it right on b: the start back to 9:00 (or the end to
	// 10:15, whichever the merge left out), through the write path.
	fixed, err := b.st.Appointment(t.Context(), ap.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fixed.End < fixed.Start {
		fixed.Start = 9 * 60
	}
	b.update(func(tx *data.Tx) error { return tx.Save(&fixed.Appointment) })
	b.export()
	if rep := a.importAll(); len(rep.Refused) > 0 {
		t.Fatalf("the fix was refused: %+v", rep)
	}
	if ra, rb := a.queryString(q, ap.ID), b.queryString(q, ap.ID); ra != rb {
		t.Fatalf("after the fix the appointments differ: %s / %s", ra, rb)
	}
}

// A value that fails a check of its own is still refused, file and all:
// only rules that tie two fields together can be broken by a merge.
func TestBrokenMergeIsNotALoopholeForBadValues(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	a.export()
	b.importAll()
	a.update(func(tx *data.Tx) error {
		x, _ := a.patient(pt.ID)
		x.Phone = "0612345678"
		return tx.Save(&x)
	})
	a.export()
	// The edit's file is rewritten to carry values that fail checks of
	// their own (as a damaged or hostile sender might): an over-long
	// name, a sex the desk does not know.
	set, err := a.st.SealedSet(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ field, value string }{
		{"family_name", `"` + strings.Repeat("x", 5000) + `"`},
		{"sex", `"robot"`},
	} {
		cs := append([]data.Change(nil), set.Changes...)
		for i := range cs {
			if cs[i].Table == "patients" && cs[i].Field == "phone" {
				cs[i].Field, cs[i].New = bad.field, bad.value
			}
		}
		writeSigned(t, p, a, p.changeFiles(a.id())[1], File{Header: Header{Practice: "practice-1", Device: a.id(), Seq: 2, First: set.First, Last: set.Last},
			Changes: cs})
		if rep := b.importAll(); len(rep.Refused) != 1 || rep.Refused[0].Reason != ReasonRefused {
			t.Fatalf("%s: a bad value of an existing row was taken: %+v", bad.field, rep)
		}
	}
}

// A birth date set on one computer and a date of death on the other that
// together put the death first: the same rule, for a patient's file, whose
// search words stay the same on both computers.
func TestDeathBeforeBirthMergedApartIsListed(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	a.export()
	b.importAll()
	a.update(func(tx *data.Tx) error {
		x, _ := a.patient(pt.ID)
		x.BirthDate, _ = data.ParseISODate("2001-05-04")
		x.GivenName = "Anabel"
		return tx.Save(&x)
	})
	b.update(func(tx *data.Tx) error {
		x, _ := b.patient(pt.ID)
		x.DeceasedDate, _ = data.ParseISODate("2000-01-02")
		return tx.Save(&x)
	})
	exchangeWhole(t, a, b)
	q := `SELECT given_name || birth_date || deceased_date || name_key || search_tokens FROM patients WHERE id = ?`
	if ra, rb := a.queryString(q, pt.ID), b.queryString(q, pt.ID); ra != rb || !strings.Contains(ra, "anabel") {
		t.Fatalf("the merged files differ or lost their search words: %s / %s", ra, rb)
	}
	for _, d := range []*testDevice{a, b} {
		if n := d.queryInt(`SELECT COUNT(*) FROM conflicts WHERE tbl = 'patients' AND row_id = ?`, pt.ID); n == 0 {
			t.Errorf("%s lists nothing to look at for the file", d.series)
		}
	}
}

// exchangeWhole is exchange, failing when a device refuses a file or
// leaves one waiting.
func exchangeWhole(t *testing.T, devs ...*testDevice) {
	t.Helper()
	for round := 0; round < 2; round++ {
		for _, d := range devs {
			d.export()
		}
		for _, d := range devs {
			if rep := d.importAll(); len(rep.Refused) > 0 || rep.Remaining > 0 {
				t.Fatalf("round %d, %s: %+v", round, d.series, rep)
			}
		}
	}
}
