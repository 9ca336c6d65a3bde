package sync

import (
	"context"
	"testing"

	"frontdesk/data"
)

// exchange lets every device send and receive everything, twice: the
// moves a device makes on receiving travel in the second round.
func exchange(devs ...*testDevice) {
	for round := 0; round < 2; round++ {
		for _, d := range devs {
			d.export()
		}
		for _, d := range devs {
			d.importAll()
		}
	}
}

// sameRows fails when the devices hold different rows of a table.
func sameRows(t *testing.T, table string, devs ...*testDevice) {
	t.Helper()
	s := &sim{t: t}
	want := s.dump(&simDevice{testDevice: devs[0]}, `SELECT * FROM `+table+` ORDER BY id`)
	for _, d := range devs[1:] {
		if got := s.dump(&simDevice{testDevice: d}, `SELECT * FROM `+table+` ORDER BY id`); got != want {
			t.Fatalf("devices %s and %s differ on %s:\n%s", devs[0].series, d.series, table, firstDiff(want, got))
		}
	}
}

// A merge made on a reaches the rows of the duplicate b made meanwhile:
// on both devices they end on the survivor, and undoing the merge on a
// takes them back to the duplicate everywhere.
func TestMergeMovesRowsMadeOnAnotherDevice(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	surv, dup := a.newPatient("Lefèvre", "Anne"), a.newPatient("Lefevre", "Anne")
	pr := a.newPractitioner("Dr Keep")
	a.export()
	b.importAll()
	day, _ := data.ParseISODate("2026-12-07")
	book := func(d *testDevice, start data.WallTime) data.Appointment {
		ap := data.Appointment{PractitionerID: pr.ID, PatientID: dup.ID, Day: day, Start: start, End: start + 15, TimeZone: "Europe/Paris"}
		d.update(func(tx *data.Tx) error { return tx.Save(&ap) })
		return ap
	}
	onA := book(a, 9*60)
	onB := book(b, 10*60)
	allergy := data.Allergy{PatientID: dup.ID, Substance: "Latex"}
	b.update(func(tx *data.Tx) error { return tx.AddAllergy(&allergy) })
	var m data.Merge
	a.update(func(tx *data.Tx) (err error) { m, err = tx.MergePatients(surv.ID, dup.ID); return err })

	exchange(a, b)
	owner := func(d *testDevice, table, id string) string {
		return d.queryString(`SELECT patient_id FROM `+table+` WHERE id = ?`, id)
	}
	for _, d := range []*testDevice{a, b} {
		for _, r := range [][2]string{{"appointments", onA.ID}, {"appointments", onB.ID}, {"allergies", allergy.ID}} {
			if got := owner(d, r[0], r[1]); got != surv.ID {
				t.Errorf("device %s: a row of %s is on %s, want the survivor", d.series, r[0], got)
			}
		}
		if got := d.queryString(`SELECT COALESCE(merged_into, '') FROM patients WHERE id = ?`, dup.ID); got != surv.ID {
			t.Errorf("device %s: the duplicate is merged into %q", d.series, got)
		}
	}
	sameRows(t, "appointments", a, b)
	sameRows(t, "allergies", a, b)

	a.update(func(tx *data.Tx) error { return tx.UndoMerge(m.ID) })
	exchange(a, b)
	for _, d := range []*testDevice{a, b} {
		for _, r := range [][2]string{{"appointments", onA.ID}, {"appointments", onB.ID}, {"allergies", allergy.ID}} {
			if got := owner(d, r[0], r[1]); got != dup.ID {
				t.Errorf("device %s, after the undo: a row of %s is on %s, want the duplicate again", d.series, r[0], got)
			}
		}
	}
	sameRows(t, "appointments", a, b)
	sameRows(t, "allergies", a, b)
	sameRows(t, "patients", a, b)
	sameRows(t, "patient_merges", a, b)
}

// Two devices that merge two files into each other while apart would
// hide both: the later merge is undone on both, and every row ends on
// the file that stays.
func TestCrossedMergesLeaveOneFile(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	one, two := a.newPatient("Martin", "Paul"), a.newPatient("Martin", "Paul")
	a.export()
	b.importAll()
	a.update(func(tx *data.Tx) error {
		return tx.AddAllergy(&data.Allergy{PatientID: two.ID, Substance: "Aspirin"})
	})
	b.update(func(tx *data.Tx) error {
		return tx.AddAllergy(&data.Allergy{PatientID: one.ID, Substance: "Iodine"})
	})
	a.update(func(tx *data.Tx) error { _, err := tx.MergePatients(one.ID, two.ID); return err })
	b.update(func(tx *data.Tx) error { _, err := tx.MergePatients(two.ID, one.ID); return err })

	exchange(a, b)
	sameRows(t, "patients", a, b)
	sameRows(t, "patient_merges", a, b)
	sameRows(t, "allergies", a, b)
	for _, d := range []*testDevice{a, b} {
		if n := d.queryInt(`SELECT COUNT(*) FROM patients WHERE merged_into IS NULL AND id IN (?, ?)`, one.ID, two.ID); n != 1 {
			t.Fatalf("device %s: %d of the two files stand, want one", d.series, n)
		}
		kept := d.queryString(`SELECT id FROM patients WHERE merged_into IS NULL AND id IN (?, ?)`, one.ID, two.ID)
		if n := d.queryInt(`SELECT COUNT(*) FROM allergies WHERE deleted = 0 AND patient_id <> ?`, kept); n != 0 {
			t.Errorf("device %s: %d allergies are on the merged file", d.series, n)
		}
		list, err := d.st.Allergies(context.Background(), kept)
		if err != nil || len(list) != 2 {
			t.Errorf("device %s: the file that stays lists %d allergies (%v), want both", d.series, len(list), err)
		}
		if n := d.queryInt(`SELECT COUNT(*) FROM patient_merges WHERE state = 'undone'`); n != 1 {
			t.Errorf("device %s: %d merges undone, want the later one", d.series, n)
		}
	}
}

// A file merged into two different files on two devices while apart
// stays merged into one of them, the same on both: the earlier merge
// stands, the later is undone, and every row of the file ends there.
func TestAFileMergedTwiceApartStaysMergedOnce(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	dup, s1, s2 := a.newPatient("Roux", "Léa"), a.newPatient("Roux", "Lea"), a.newPatient("Roux", "L.")
	allergy := data.Allergy{PatientID: dup.ID, Substance: "Latex"}
	a.update(func(tx *data.Tx) error { return tx.AddAllergy(&allergy) })
	a.export()
	b.importAll()
	var first data.Merge
	a.update(func(tx *data.Tx) (err error) { first, err = tx.MergePatients(s1.ID, dup.ID); return err })
	b.update(func(tx *data.Tx) error { _, err := tx.MergePatients(s2.ID, dup.ID); return err })

	exchange(a, b)
	sameRows(t, "patients", a, b)
	sameRows(t, "patient_merges", a, b)
	sameRows(t, "allergies", a, b)
	for _, d := range []*testDevice{a, b} {
		if got := d.queryString(`SELECT COALESCE(merged_into, '') FROM patients WHERE id = ?`, dup.ID); got != s1.ID {
			t.Errorf("device %s: the file is merged into %q, want the first merge's survivor", d.series, got)
		}
		if got := d.queryString(`SELECT state FROM patient_merges WHERE id = ?`, first.ID); got != data.MergePending {
			t.Errorf("device %s: the first merge is %s", d.series, got)
		}
		if n := d.queryInt(`SELECT COUNT(*) FROM patient_merges WHERE state = 'undone'`); n != 1 {
			t.Errorf("device %s: %d merges undone, want the later one", d.series, n)
		}
		if got := d.queryString(`SELECT patient_id FROM allergies WHERE id = ?`, allergy.ID); got != s1.ID {
			t.Errorf("device %s: the allergy is on %s, want the survivor of the merge that stands", d.series, got)
		}
	}
}
