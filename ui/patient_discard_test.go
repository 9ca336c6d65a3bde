package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// modalButton finds a button of the top modal by its text.
func modalButton(h *harness, text string) *widget.Button {
	h.t.Helper()
	m := topModal(h.win.Canvas())
	if m == nil {
		h.t.Fatalf("no dialog is shown (looking for %q)", text)
	}
	b := findButton(m.pop.Content, text)
	if b == nil {
		h.t.Fatalf("the dialog has no %q button: %q", text, texts(m.pop.Content))
	}
	return b
}

// pickFromSearch types q in the top bar and clicks the first result, as
// the secretary does.
func pickFromSearch(h *harness, q string) {
	h.t.Helper()
	typeSearch(h, q)
	p := h.desk().patients
	if len(p.hits) == 0 {
		h.t.Fatalf("%q finds nobody", q)
	}
	p.list.Select(0)
}

func TestOpeningAnotherFileAsksBeforeDroppingUnsavedDetails(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	p := d.patients
	cv := h.win.Canvas()
	fileOf := func(id string) func() bool {
		return func() bool { return p.fileShown() && p.file.patient.ID == id && p.file.form == nil }
	}

	// An edit form with nothing changed is left without a question.
	file := openFile(h, "dupont")
	test.Tap(file.editBtn)
	if file.form == nil {
		t.Fatal("Edit did not open the form")
	}
	pickFromSearch(h, "martin")
	if topModal(cv) != nil {
		t.Fatal("leaving an untouched form asked a question")
	}
	h.until("Martin's file opens", fileOf(f.martin.ID))

	// Changed details: opening another file from the search asks, naming
	// the patient, and nothing is lost while the question is open.
	openFile(h, "dupont")
	test.Tap(file.editBtn)
	form := file.form
	email := form.entries[data.FieldEmail]
	test.Type(email, "jean.dupont@example.org")
	pickFromSearch(h, "martin")
	m := topModal(cv)
	if m == nil {
		t.Fatal("the typed changes were dropped without asking")
	}
	if !hasText(m.pop.Content, "Discard the changes to Dupont's details?") {
		t.Errorf("the question reads %q", texts(m.pop.Content))
	}
	h.drain()
	if file.patient.ID != f.dupont.ID || file.form != form {
		t.Fatalf("the file changed before the answer: %s, form kept %v", file.patient.FamilyName, file.form == form)
	}

	// Keep editing brings the form back with what was typed.
	test.Tap(modalButton(h, "Keep editing"))
	if topModal(cv) != nil || !p.fileShown() || file.form != form || email.Text != "jean.dupont@example.org" ||
		!hasText(file.view(), "Edit DUPONT, Jean") {
		t.Fatalf("Keep editing: dialog open %v, file shown %v, form kept %v, email %q", topModal(cv) != nil, p.fileShown(),
			file.form == form, email.Text)
	}

	// Any other key goes back too, with the form in front.
	pickFromSearch(h, "martin")
	if topModal(cv) == nil {
		t.Fatal("the second try did not ask")
	}
	h.press(fyne.KeyDown)
	if topModal(cv) != nil || !p.fileShown() || file.form != form || email.Text != "jean.dupont@example.org" {
		t.Fatalf("another key: dialog open %v, form shown %v, email %q", topModal(cv) != nil, p.fileShown() && file.form == form, email.Text)
	}

	// Escape, as in every discard question of the desk, discards and
	// opens the other file.
	pickFromSearch(h, "martin")
	h.press(fyne.KeyEscape)
	h.until("Martin's file opens after Escape", fileOf(f.martin.ID))
	if stored, _ := s.Patient(context.Background(), f.dupont.ID); stored.Email != "" {
		t.Errorf("discarded changes were saved: %q", stored.Email)
	}

	// So does Discard.
	openFile(h, "dupont")
	test.Tap(file.editBtn)
	test.Type(file.form.entries[data.FieldPhone2], "04 78 00 00 00")
	pickFromSearch(h, "martin")
	test.Tap(modalButton(h, "Discard"))
	h.until("Martin's file opens after Discard", fileOf(f.martin.ID))

	// A new patient's form asks too, before an existing file replaces it.
	form = p.newPatient()
	test.Type(form.entries[data.FieldFamilyName], "Lefèvre")
	pickFromSearch(h, "dupuis")
	if m := topModal(cv); m == nil || !hasText(m.pop.Content, "Discard the new patient?") {
		t.Fatal("a typed new patient was dropped without asking")
	}
	test.Tap(modalButton(h, "Discard"))
	h.until("Dupuis's file opens", fileOf(f.dupuis.ID))
}
