package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// changeElsewhere saves a change of a patient as another screen (or
// device) would, from the patient as stored now.
func changeElsewhere(t *testing.T, s *data.Store, id string, change func(p *data.Patient)) {
	t.Helper()
	loaded, err := s.Patient(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	p := loaded
	change(&p)
	if err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.SaveDemographics(loaded, &p) }); err != nil {
		t.Fatal(err)
	}
}

func TestTheDemographicsFormSavesOnlyWhatItChanged(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	file := openFile(h, "dupont")

	// An e-mail-only save keeps the phone number changed elsewhere while
	// the form was open.
	test.Tap(file.editBtn)
	form := file.form
	retype(form.entries[data.FieldEmail], "jean.dupont@example.org")
	changeElsewhere(t, s, f.dupont.ID, func(p *data.Patient) { p.Phone = "07 00 00 00 01" })
	test.Tap(form.save)
	h.until("the form is saved and closed", func() bool { return file.form == nil && file.patient.Email != "" })
	got, _ := s.Patient(context.Background(), f.dupont.ID)
	if got.Phone != "07 00 00 00 01" || got.Email != "jean.dupont@example.org" {
		t.Fatalf("stored phone %q, email %q: the e-mail save put back the old phone", got.Phone, got.Email)
	}

	// The same field changed here and elsewhere: the secretary is told,
	// nothing is overwritten, and the form keeps what was typed while it
	// takes in the other changes.
	test.Tap(file.editBtn)
	form = file.form
	retype(form.entries[data.FieldPhone], "06 99 99 99 99")
	changeElsewhere(t, s, f.dupont.ID, func(p *data.Patient) { p.Phone, p.Phone2 = "07 00 00 00 02", "04 78 00 00 00" })
	test.Tap(form.save)
	h.until("the save is refused", func() bool { return !form.saving && form.result.Text != "Saving…" })
	if file.form != form || !strings.Contains(form.result.Text, "Phone (now “07 00 00 00 02”)") ||
		!strings.Contains(form.result.Text, "save again to keep yours") {
		t.Fatalf("after the conflict: form kept %v, result %q", file.form == form, form.result.Text)
	}
	if phone, other := form.entries[data.FieldPhone].Text, form.entries[data.FieldPhone2].Text; phone != "06 99 99 99 99" || other != "04 78 00 00 00" {
		t.Errorf("the form shows phone %q (want what was typed) and other phone %q (want what is stored)", phone, other)
	}
	if got, _ := s.Patient(context.Background(), f.dupont.ID); got.Phone != "07 00 00 00 02" {
		t.Fatalf("the refused save changed the phone to %q", got.Phone)
	}

	// Saving again, knowingly, keeps the typed phone and the other number.
	test.Tap(form.save)
	h.until("saved", func() bool { return file.form == nil })
	got, _ = s.Patient(context.Background(), f.dupont.ID)
	if got.Phone != "06 99 99 99 99" || got.Phone2 != "04 78 00 00 00" || got.Email != "jean.dupont@example.org" {
		t.Fatalf("stored phone %q, other phone %q, email %q", got.Phone, got.Phone2, got.Email)
	}
}
