package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// TestImportWizardThroughItsSteps imports a file through the wizard's
// real widgets: the path typed, a column the file names oddly set by
// hand, the date order the file cannot settle chosen, the report read,
// then the import; the patients are in the practice with what the
// columns said.
func TestImportWizardThroughItsSteps(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	path := filepath.Join(t.TempDir(), "ancien.csv")
	file := "Nom;Prénom;Né le;Portable perso\r\n" +
		"Lemoine;Claire;03/04/1985;06 11 22 33 44\r\n" +
		"Garnier;Hugo;05/06/1990;06 55 66 77 88\r\n" +
		"Faure;Nina;31/31/1999;\r\n"
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	wz := d.patients.startImport()
	test.Type(wz.path, path)
	test.Tap(wz.next)
	h.until("the columns step", func() bool { return wz.selects != nil })
	if len(wz.selects) != 4 || wz.selects[0].Selected != d.w.T(data.PatientLabel(data.FieldFamilyName)) ||
		wz.selects[3].Selected != d.w.T("import.target.skip") {
		t.Fatalf("columns guessed: %v", []string{wz.selects[0].Selected, wz.selects[3].Selected})
	}
	if !wz.orderSel.Visible() {
		t.Fatal("the date order is not asked for")
	}
	wz.selects[3].SetSelected(d.w.T(data.PatientLabel(data.FieldPhone)))
	// Checking before the order is chosen says what is missing.
	test.Tap(wz.next)
	h.until("the date order asked for", func() bool { return wz.problem.Visible() })
	wz.orderSel.SetSelected(d.w.T("import.wizard.order_dmy"))
	test.Tap(wz.next)
	h.until("the report", func() bool { return wz.plan != nil })
	if wz.plan.ToImport != 2 || wz.plan.Refused != 1 || !hasText(wz.step.body, "Line 4, refused") {
		t.Fatalf("report: %+v", wz.plan.Report)
	}
	test.Tap(wz.next)
	h.until("the import", func() bool { return wz.step.closed && wz.progress != nil })
	h.until("the status line", func() bool { return d.message.Text == "2 patients imported." })
	hits, err := s.SearchPatients(context.Background(), "lemoine", 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("imported patient: %v %+v", err, hits)
	}
	p, _ := s.Patient(context.Background(), hits[0].ID)
	if p.BirthDate != (data.Date{Year: 1985, Month: 4, Day: 3}) || p.Phone != "06 11 22 33 44" {
		t.Errorf("imported as %+v", p)
	}
}

// TestImportWizardClosedWhileReadingStaysClosed: Cancel while the file is
// read; the result, when it comes, opens no further step.
func TestImportWizardClosedWhileReadingStaysClosed(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	path := filepath.Join(t.TempDir(), "a.csv")
	if err := os.WriteFile(path, []byte("nom;prénom\nA;B\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wz := d.patients.startImport()
	wz.path.SetText(path)
	done := wz.read()
	wz.step.close()
	h.wait(done)
	if wz.selects != nil || topModal(d.win.Canvas()) != nil {
		t.Fatal("the columns step opened after the wizard was closed")
	}
}
