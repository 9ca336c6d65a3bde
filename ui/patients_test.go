package ui

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

func TestResultText(t *testing.T) {
	en, fr := newWords(i18n.English, data.DMY), newWords(i18n.French, data.DMY)
	notADate := i18n.Msg("patients.search.hint.date", "Problem", i18n.Msg("date.parse.not_a_date", "Text", "31/02/1980"))
	for _, c := range []struct {
		w        words
		q        string
		res      data.PatientSearch
		n, total int
		want     string
	}{
		{en, "", data.PatientSearch{Kind: data.SearchAll}, 0, 0, "No patients yet."},
		{en, "", data.PatientSearch{Kind: data.SearchAll}, 50, 3000, "The first 50 of 3,000 patients by name."},
		{fr, "", data.PatientSearch{Kind: data.SearchAll}, 50, 3000, "Les 50 premiers des 3\u00a0000 patients par nom."},
		{fr, "dup", data.PatientSearch{Kind: data.SearchName}, 1, 0, "1 patient dont le nom correspond à «\u00a0dup\u00a0»."},
		{fr, "d", data.PatientSearch{Kind: data.SearchName}, 50, 0, "50 patients dont le nom correspond à «\u00a0d\u00a0»\u00a0; tapez davantage"},
		{fr, "15/03/1980", data.PatientSearch{Kind: data.SearchBirthDate, Date: data.Date{Year: 1980, Month: 3, Day: 15}}, 2, 0,
			"2 patients nés le 15/03/1980."},
		{newWords(i18n.Spanish, data.MDY), "15/03/1980", data.PatientSearch{Kind: data.SearchBirthDate, Date: data.Date{Year: 1980, Month: 3, Day: 15}}, 0, 0,
			"Nadie nació el 03/15/1980."},
		{fr, "31/02/1980", data.PatientSearch{Kind: data.SearchUnfinished, Why: notADate}, 0, 0, "«\u00a031/02/1980\u00a0» n'est pas une date."},
		{en, "dup", data.PatientSearch{Kind: data.SearchName}, 0, 0, "No patient's name has words starting with “dup”."},
		{en, "dup", data.PatientSearch{Kind: data.SearchName}, 2, 0, "2 patients whose names match “dup”."},
		{en, "d", data.PatientSearch{Kind: data.SearchName}, 50, 0, "50 patients whose names match “d”; type more"},
		{en, "15/03/1980", data.PatientSearch{Kind: data.SearchBirthDate, Date: data.Date{Year: 1980, Month: 3, Day: 15}}, 1, 0, "1 patient born on 15/03/1980."},
		{en, "0612", data.PatientSearch{Kind: data.SearchPhone}, 0, 0, "No phone number starts with “0612”."},
		{en, "31/02/1980", data.PatientSearch{Kind: data.SearchUnfinished, Why: notADate}, 0, 0, "\"31/02/1980\" is not a date."},
	} {
		if got := resultText(c.w, c.q, c.res, c.n, c.total); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s resultText(%q, %s, %d) = %q, want %q…", c.w.Lang(), c.q, c.res.Kind, c.n, got, c.want)
		}
	}
}

// typeSearch types q in the top bar and waits for its results.
func typeSearch(h *harness, q string) {
	h.t.Helper()
	d := h.desk()
	d.search.SetText("")
	test.Type(d.search, q)
	h.wait(d.patients.search(0)) // overtakes the debounced search
}

func TestSearchListShowsEveryReadingOfTheQuery(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	p := d.patients
	arabic := data.Patient{FamilyName: "حداد", GivenName: "Zoé 🌸", Phone: "07 11 22 33 44"}
	if err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&arabic) }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    string
		want []string // IDs in order
		info string
	}{
		{"dup", []string{f.dupont.ID, f.dupuis.ID}, "2 patients whose names match “dup”"},
		{"jean dup", []string{f.dupont.ID}, "1 patient whose names match"},
		{"MARIE", []string{f.dupuis.ID}, ""},
		{"lea", []string{f.durand.ID}, ""}, // Léa, folded
		{"15/03/1980", []string{f.dupont.ID}, "born on 15/03/1980"},
		{"06 98 76", []string{f.dupuis.ID}, "phone number starts with"},
		{f.martin.ChartNumber, []string{f.martin.ID}, "chart number"},
		{"حد", []string{arabic.ID}, ""},
		{"zoe", []string{arabic.ID}, ""},
		{"31/02/1980", nil, "is not a date"},
		{"15/03/80", nil, "four-digit year"},
	} {
		typeSearch(h, c.q)
		if d.current != screenPatients {
			t.Fatalf("typing %q did not show the Patients screen", c.q)
		}
		var got []string
		for _, hit := range p.hits {
			got = append(got, hit.ID)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%q found %v, want %v", c.q, got, c.want)
		}
		if !strings.Contains(p.info.Text, c.info) {
			t.Errorf("%q: the list says %q, want %q", c.q, p.info.Text, c.info)
		}
	}
	typeSearch(h, "dup")
	view := p.view()
	for _, want := range []string{"DUPONT, Jean", "15/03/1980", ageText(f.dupont.BirthDate, d.today()), "06 12 34 56 78", f.dupont.ChartNumber} {
		if !hasText(view, want) {
			t.Errorf("the row does not show %q: %q", want, texts(view))
		}
	}
	// A search list is not audited per keystroke.
	if n := countAudit(t, s, "read"); n != 0 {
		t.Errorf("searching wrote %d read rows to the audit log", n)
	}
}

func countAudit(t *testing.T, s *data.Store, action string) int {
	t.Helper()
	var n int
	if err := s.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// openFile searches for q and opens the first result.
func openFile(h *harness, q string) *patientFile {
	h.t.Helper()
	typeSearch(h, q)
	p := h.desk().patients
	if len(p.hits) == 0 {
		h.t.Fatalf("%q finds nobody", q)
	}
	h.wait(p.openRow(0))
	return p.file
}

func TestOpeningAFileIsAuditedAndEveryTabLoads(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	if file.patient.ID != f.dupont.ID || !h.desk().patients.fileShown() {
		t.Fatalf("the file of %s is not shown", f.dupont.ID)
	}
	trail, _ := s.AuditTrail(context.Background(), "patients", f.dupont.ID)
	if len(trail) == 0 || trail[0].Action != "read" || trail[0].Detail != "opened the file" {
		t.Fatalf("opening was not audited: %+v", trail)
	}
	view := file.view()
	for _, want := range []string{"DUPONT, Jean", "Chart " + f.dupont.ChartNumber, "born 15/03/1980", "Allergies not recorded: ask the patient",
		"Demographics", "06 12 34 56 78", "None recorded.", "Summary", "Attachments"} {
		if !hasText(view, want) {
			t.Errorf("the Summary does not show %q", want)
		}
	}
	h.wait(file.showTab(tabAppointments))
	if len(file.appts.rows) != 1 || !hasText(view, "Dr Anna Weber") || !hasText(view, "09:00–09:20") {
		t.Errorf("the Appointments tab: %+v", file.appts.rows)
	}
	h.wait(file.showTab(tabClinical))
	if !hasText(view, "No clinical notes yet.") || !hasText(view, "Record vital signs") {
		t.Errorf("the Clinical tab: %q", texts(view))
	}
	h.wait(file.showTab(tabAttachments))
	if !hasText(view, "No attachments yet.") {
		t.Errorf("the Attachments tab: %q", texts(view))
	}
	h.wait(file.showTab(tabLetters))
	if !hasText(view, "0 letters, 0 calls.") || !hasText(view, "Write letter") || !hasText(view, "Log call") {
		t.Errorf("the Letters and calls tab: %q", texts(view))
	}
	// Back to the results.
	test.Tap(file.backBtn)
	if h.desk().patients.fileShown() {
		t.Error("Results did not bring the list back")
	}
}

func TestClinicalListsAndTheAllergyBanner(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	if file.banner.Text() != "Allergies not recorded: ask the patient" {
		t.Fatalf("banner %q", file.banner.Text())
	}
	// "No known allergies", then an allergy replaces it.
	test.Tap(file.summary.noAllergy)
	h.until("no known allergies is shown", func() bool { return file.banner.Text() == "No known allergies" })
	r := showAllergyDialog(file)
	if !r.save.Disabled() {
		t.Fatal("an allergy without a substance can be saved")
	}
	entries := dialogEntries(r)
	test.Type(entries[0], "Pénicilline")
	test.Type(entries[1], "Anaphylaxis")
	if r.save.Disabled() {
		t.Fatalf("a valid allergy cannot be saved: %q", r.msg.Text)
	}
	test.Tap(r.save)
	h.wait(r.done)
	if got := file.banner.Text(); got != "ALLERGIES: Pénicilline (Anaphylaxis)" {
		t.Errorf("banner after adding = %q", got)
	}
	// The booking dialog's helper shows the same.
	b, ch := allergyBanner(h.desk(), f.dupont.ID)
	h.wait(ch)
	if b.Text() != file.banner.Text() {
		t.Errorf("allergyBanner says %q, the file %q", b.Text(), file.banner.Text())
	}
	// A problem with a malformed date is refused, named, then fixed.
	pd := showProblemDialog(file)
	pe := dialogEntries(pd)
	test.Type(pe[0], "Hypertension")
	test.Type(pe[1], "31/02/2020")
	if !pd.save.Disabled() || !strings.Contains(pd.msg.Text, "Since: \"31/02/2020\" is not a date") {
		t.Fatalf("a malformed date: %q", pd.msg.Text)
	}
	pe[1].SetText("")
	test.Type(pe[1], "01/02/2020")
	test.Tap(pd.save)
	h.wait(pd.done)
	md := showMedicationDialog(file)
	me := dialogEntries(md)
	test.Type(me[0], "Amlodipine")
	test.Type(me[1], "5 mg once a day")
	test.Tap(md.save)
	h.wait(md.done)
	view := file.view()
	for _, want := range []string{"Hypertension · since 01/02/2020", "Amlodipine · 5 mg once a day", "Pénicilline — Anaphylaxis"} {
		if !hasText(view, want) {
			t.Errorf("the Summary does not show %q: %q", want, texts(view))
		}
	}
	// Escape in a field of a dialog with something typed asks first;
	// Escape again closes it without saving.
	ad := showAllergyDialog(file)
	test.Type(dialogEntries(ad)[0], "Latex")
	dialogEntries(ad)[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if q := topModal(h.win.Canvas()); q == nil || q == ad.m || !hasText(q.pop, "Discard this allergy?") {
		t.Fatal("Escape with an allergy typed did not ask")
	}
	h.press(fyne.KeyEscape)
	if topModal(h.win.Canvas()) != nil {
		t.Error("Escape twice did not close the dialog")
	}
	if al, _ := s.Allergies(context.Background(), f.dupont.ID); len(al) != 1 {
		t.Errorf("after Escape the store holds %d allergies", len(al))
	}
}

// dialogEntries lists the entries of the top modal, in order.
func dialogEntries(r *recordDialog) []*deskEntry {
	var out []*deskEntry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *deskEntry:
			out = append(out, x)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(r.m.pop.Content)
	return out
}

func TestVitalSignsAreCheckedAsTypedAndPlotted(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	h.wait(file.showTab(tabClinical))
	v := file.clinical.vitals
	bp, temp, weight, height := v.entries[data.VitalBP], v.entries[data.VitalTemperature], v.entries[data.VitalWeight], v.entries[data.VitalHeight]
	test.Type(bp, "400/80")
	if msg := v.msgs[data.VitalBP]; !msg.Visible() || !strings.Contains(msg.Text, "400 mmHg is not possible (40–300 mmHg)") || !v.save.Disabled() {
		t.Fatalf("an impossible pressure: %q, save disabled %v", msg.Text, v.save.Disabled())
	}
	bp.SetText("")
	test.Type(bp, "185/95")
	test.Type(temp, "37,2")
	test.Type(weight, "80")
	test.Type(height, "180")
	if msg := v.msgs[data.VitalBP]; !strings.Contains(msg.Text, "is unusual") || v.save.Disabled() {
		t.Fatalf("an unusual pressure: %q, save disabled %v", msg.Text, v.save.Disabled())
	}
	h.wait(v.doSave())
	if !strings.Contains(v.result.Text, "Saved 4 readings") || !strings.Contains(v.result.Text, "1 is flagged as unusual") {
		t.Errorf("after saving: %q", v.result.Text)
	}
	if bp.Text != "" {
		t.Error("the form was not cleared after saving")
	}
	latest, _ := s.LatestVitals(context.Background(), f.dupont.ID)
	if len(latest) != 4 || latest[0].Value != 185 || latest[0].Flag != data.VitalFlagUnusual {
		t.Fatalf("stored %+v", latest)
	}
	file.clinical.selectKind(data.VitalBP)
	if len(file.clinical.plot.points) != 1 || !strings.Contains(file.clinical.caption.Text, "1 reading") {
		t.Errorf("the plot shows %d points; caption %q", len(file.clinical.plot.points), file.clinical.caption.Text)
	}
	// The plot draws lines between readings and a dot per reading.
	mustUpdate(t, s, func(tx *data.Tx) error {
		r := data.Vital{PatientID: f.dupont.ID, Kind: data.VitalBP, Taken: time.Now().Add(-72 * time.Hour), Value: 130, Value2: 85}
		return tx.Save(&r)
	})
	file.tabLoaded[tabClinical] = ""
	h.wait(file.loadTab(tabClinical))
	file.clinical.selectKind(data.VitalBP)
	plot := file.clinical.plot
	plot.Resize(fyne.NewSize(500, 260))
	lines, dots := 0, 0
	for _, o := range test.WidgetRenderer(plot).Objects() {
		switch o.(type) {
		case *canvas.Line:
			lines++
		case *canvas.Circle:
			dots++
		}
	}
	if dots != 4 || lines < 2 {
		t.Errorf("the plot of 2 pressures has %d dots and %d lines", dots, lines)
	}
	// The Summary shows the latest readings and the BMI.
	test.Tap(file.backBtn)
	file = openFile(h, "dupont")
	for _, want := range []string{"Blood pressure: 185/95 mmHg", "unusual", "BMI: 24.7 kg/m²"} {
		if !hasText(file.view(), want) {
			t.Errorf("the Summary does not show %q", want)
		}
	}
}

func mustUpdate(t *testing.T, s *data.Store, fn func(tx *data.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func TestNotesCanOnlyBeAmended(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	h.wait(file.showTab(tabClinical))
	n := file.clinical.notes
	if !n.add.Disabled() {
		t.Fatal("an empty note can be added")
	}
	test.Type(n.entry, "Cough for five days.")
	h.wait(n.doAdd())
	if len(n.notes) != 1 || !hasText(file.view(), "Cough for five days.") {
		t.Fatalf("notes %+v", n.notes)
	}
	n.setAmends(n.notes[0])
	test.Type(n.entry, "Correction: two days.")
	h.wait(n.doAdd())
	notes, _ := s.Notes(context.Background(), f.dupont.ID)
	if len(notes) != 2 || notes[0].Amends != notes[1].ID || notes[1].Text != "Cough for five days." {
		t.Fatalf("stored notes %+v", notes)
	}
	for _, want := range []string{"Amends the note of", "Amended on", "Cough for five days.", "Correction: two days."} {
		if !hasText(file.view(), want) {
			t.Errorf("the notes do not show %q", want)
		}
	}
}

func TestEditFormValidatesAsYouTypeAndSaves(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	form := file.startEdit()
	e := form.entries
	if form.save.Disabled() {
		t.Fatal("Save is disabled on the stored, valid patient")
	}
	for _, c := range []struct {
		field, typed, want string
	}{
		{data.FieldEmail, "jean.example.org", `Email: "jean.example.org" is not an email address (like name@example.org).`},
		{data.FieldPhone, "06 12 AB", `Phone: "06 12 AB" may only hold digits`},
		{data.FieldBirthDate, "31/02/1980", `Date of birth: "31/02/1980" is not a date: February 1980 has no day 31.`},
		{data.FieldBirthDate, "15/03/80", `Date of birth: "15/03/80": write the year with four digits.`},
		// Echoed as it was typed (day first), not in ISO.
		{data.FieldBirthDate, "01/02/2999", "Date of birth: 01/02/2999 is in the future."},
		{data.FieldFamilyName, strings.Repeat("x", 100_000), "Family name is too long (100,000 characters; at most 100)."},
		{data.FieldFamilyName, "🌸", `Family name: "🌸" has no letters; type the family name.`},
		{data.FieldPayerNumber, strings.Repeat("9", 70), "Payer number is too long"},
	} {
		old := e[c.field].Text
		e[c.field].SetText(c.typed)
		if got := form.problem(c.field); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s %.20q: the form says %q, want %q", c.field, c.typed, got, c.want)
		}
		if !hasText(form.view(), form.problem(c.field)) {
			t.Errorf("%s: the message is not on screen", c.field)
		}
		if !form.save.Disabled() {
			t.Errorf("%s %.20q: Save is enabled", c.field, c.typed)
		}
		e[c.field].SetText(old)
	}
	if form.save.Disabled() {
		t.Fatalf("the form stays invalid after the fixes: %v", texts(form.view()))
	}
	// Escape asks before it drops what was typed; Escape again cancels:
	// nothing is saved, the file comes back.
	test.Type(e[data.FieldGivenName], "-Pierre")
	e[data.FieldGivenName].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if file.form == nil || topModal(h.win.Canvas()) == nil {
		t.Fatal("Escape dropped the changes without asking")
	}
	h.press(fyne.KeyEscape)
	if file.form != nil || !hasText(file.view(), "Summary") {
		t.Fatal("Escape twice did not close the form")
	}
	if p, _ := s.Patient(context.Background(), f.dupont.ID); p.GivenName != "Jean" {
		t.Fatalf("Escape saved %q", p.GivenName)
	}
	// Edit every kind of field, with emoji and right-to-left text, and save.
	form = file.startEdit()
	e = form.entries
	e[data.FieldGivenName].SetText("Jean-Pierre 🌞")
	e[data.FieldPreferredName].SetText("יוסי")
	e[data.FieldEmail].SetText("jp@example.org")
	e[data.FieldPayerName].SetText("CPAM du Rhône")
	e[data.FieldDeceasedDate].SetText("")
	form.sex.SetSelected("Other")
	test.Tap(form.sms)
	h.wait(form.doSave())
	h.until("the file shows the saved patient", func() bool { return file.patient.GivenName == "Jean-Pierre 🌞" })
	p, _ := s.Patient(context.Background(), f.dupont.ID)
	if p.GivenName != "Jean-Pierre 🌞" || p.PreferredName != "יוסי" || p.Email != "jp@example.org" || p.Sex != data.SexOther ||
		!p.ConsentSMS || p.PayerName != "CPAM du Rhône" || p.ChartNumber != f.dupont.ChartNumber || p.BirthDate != f.dupont.BirthDate {
		t.Fatalf("stored %+v", p)
	}
	if trail, _ := s.AuditTrail(context.Background(), "patients", p.ID); trail[0].Action != "update" {
		t.Errorf("the edit was not audited: %+v", trail[0])
	}
	if !hasText(file.view(), "JP") && !hasText(file.view(), "Jean-Pierre 🌞") {
		t.Errorf("the file does not show the new given name: %q", texts(file.view()))
	}
}

func TestEditFormKeepsWhatWasTypedWhenSavingFails(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	form := file.startEdit()
	form.entries[data.FieldPhone].SetText("01 23 45 67 89")
	s.Close() // the disk is gone
	h.wait(form.doSave())
	if !strings.HasPrefix(form.result.Text, "Not saved: ") || strings.Contains(strings.ToLower(form.result.Text), "sql") {
		t.Fatalf("the failure reads %q", form.result.Text)
	}
	if form.entries[data.FieldPhone].Text != "01 23 45 67 89" || file.form != form {
		t.Fatal("the typed phone was lost")
	}
	if form.save.Disabled() {
		t.Error("Save cannot be tried again")
	}
}

func TestNewPatientWarnsOfADuplicateThenCreates(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.show(screenPatients))
	test.Tap(d.patients.newBtn)
	form := d.patients.file.form
	if form == nil || !form.save.Disabled() {
		t.Fatal("the new-patient form is not shown, or can be saved empty")
	}
	if form.problem(data.FieldFamilyName) != "" {
		t.Error("an untouched empty form already shows problems")
	}
	test.Type(form.entries[data.FieldFamilyName], "DUPONT")
	test.Type(form.entries[data.FieldGivenName], "jean")
	test.Type(form.entries[data.FieldBirthDate], "15/03/1980")
	h.wait(form.dupChecked)
	if len(form.dups) != 1 || form.dups[0].ID != f.dupont.ID || !hasText(form.view(), "Possible duplicate: DUPONT, Jean") {
		t.Fatalf("no duplicate warning: %+v", form.dups)
	}
	if form.save.Text != "Create anyway" || form.save.Disabled() {
		t.Errorf("the save button reads %q (disabled %v)", form.save.Text, form.save.Disabled())
	}
	// A different date of birth is not a duplicate.
	form.entries[data.FieldBirthDate].SetText("16/03/1980")
	h.wait(form.dupChecked)
	if len(form.dups) != 0 || form.save.Text != "Create" {
		t.Errorf("a different date still warns: %+v %q", form.dups, form.save.Text)
	}
	form.entries[data.FieldPhone].SetText("07 00 00 00 01")
	h.wait(form.doSave())
	h.until("the new file opens", func() bool { return d.patients.file.patient.Phone == "07 00 00 00 01" })
	created := d.patients.file.patient
	if created.ChartNumber == "" || created.ID == f.dupont.ID || created.FamilyName != "DUPONT" {
		t.Fatalf("created %+v", created)
	}
	if n, _ := s.CountPatients(context.Background()); n != 5 {
		t.Errorf("%d patients after creating one", n)
	}
}

func TestMergeFromTheFileAndUndo(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	dup := data.Patient{FamilyName: "Dupont", GivenName: "Jean", Email: "jd@example.org"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&dup) })
	file := openFile(h, f.dupont.ChartNumber)
	md := file.startMerge()
	h.wait(md.searched)
	idx := -1
	for i, hit := range md.hits {
		if hit.ID == f.dupont.ID {
			t.Fatal("the open file is offered as its own duplicate")
		}
		if hit.ID == dup.ID {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatalf("the duplicate is not offered: %+v", md.hits)
	}
	md.list.Select(idx)
	if md.merge.Disabled() || !strings.Contains(md.what.Text, "Merge DUPONT, Jean") {
		t.Fatalf("after choosing: %q", md.what.Text)
	}
	test.Tap(md.merge)
	h.wait(md.merged)
	if merged, _ := s.Patient(context.Background(), dup.ID); merged.MergedInto != f.dupont.ID {
		t.Fatalf("not merged: %+v", merged)
	}
	if !hasText(file.view(), "Undo merge") || !hasText(file.view(), "can be undone until it is confirmed") {
		t.Fatalf("the merge cannot be undone from the file: %q", texts(file.view()))
	}
	file.undoMerge(file.loaded.Merges[0])
	m := topModal(h.win.Canvas())
	if m == nil {
		t.Fatal("undo does not ask first")
	}
	var verb *widget.Button
	for _, o := range m.pop.Content.(*fyne.Container).Objects {
		verb = findButton(o, "Undo merge")
		if verb != nil {
			break
		}
	}
	if verb == nil {
		t.Fatal("the question has no Undo merge button")
	}
	test.Tap(verb)
	h.until("the merge is undone", func() bool {
		p, _ := s.Patient(context.Background(), dup.ID)
		return p.MergedInto == "" && len(file.loaded.Merges) == 0
	})
	trail, _ := s.AuditTrail(context.Background(), "patients", f.dupont.ID)
	if trail[0].Action != "unmerge" {
		t.Errorf("undo not audited: %+v", trail[0])
	}
}

func TestAttachmentsByDropAndTheirLimits(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	var opened []string
	oldOpen := openURL
	openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	t.Cleanup(func() { openURL = oldOpen })
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pdf := write("scan.pdf", []byte("%PDF-1.4\nreferral letter\n%%EOF\n"))
	passwd := write("passwd", []byte("%PDF-1.4\nsneaky\n%%EOF\n"))
	big := write("huge.pdf", append([]byte("%PDF-1.4\n"), make([]byte, data.MaxAttachmentSize+10)...))
	text := write("notes.txt", []byte("plain text"))
	d := h.desk()

	// Dropped with no file open: refused with a sentence.
	h.wait(d.show(screenPatients))
	h.wait(d.patients.dropped([]fyne.URI{storage.NewFileURI(pdf)}))
	if !strings.Contains(d.message.Text, "open a patient's file first") {
		t.Errorf("a drop without a file: %q", d.message.Text)
	}
	file := openFile(h, "dupont")
	uris := []fyne.URI{storage.NewFileURI(pdf), storage.NewFileURI(passwd), storage.NewFileURI(big), storage.NewFileURI(text)}
	h.wait(d.patients.dropped(uris))
	if file.tabs.SelectedIndex() != tabAttachments {
		t.Error("a drop did not bring the Attachments tab forward")
	}
	res := file.attach.result.Text
	for _, want := range []string{"Attached scan.pdf, passwd.", "huge.pdf is 25.0 MB; attachments can be at most 25.0 MB", "notes.txt is not a PDF, a scan or a photo"} {
		if !strings.Contains(res, want) {
			t.Errorf("the drop reports %q, want %q", res, want)
		}
	}
	h.until("the list shows both files", func() bool { return len(file.attach.rows) == 2 })
	if !hasText(file.view(), "scan.pdf") || !hasText(file.view(), "PDF") {
		t.Errorf("the list: %q", texts(file.view()))
	}
	h.wait(file.attach.openAttachment(file.attach.rows[0]))
	if len(opened) != 1 || !strings.HasPrefix(opened[0], "file://") || !strings.HasSuffix(opened[0], ".pdf") || strings.Contains(opened[0], "passwd") {
		t.Errorf("the viewer was given %v", opened)
	}
	stored, _ := s.Attachments(context.Background(), f.dupont.ID)
	if len(stored) != 2 {
		t.Fatalf("%d attachments stored", len(stored))
	}
	// Nothing was written at the path the name suggested.
	if _, err := os.Stat(filepath.Join(s.Dir(), "passwd")); err == nil {
		t.Error("a file named passwd appeared in the data folder")
	}
}

func TestPrintSummaryWritesAnAuditedPDF(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	var printed string
	old := openDocument
	openDocument = func(path string) error { printed = path; return nil }
	t.Cleanup(func() { openDocument = old })
	file := openFile(h, "dupont")
	h.wait(file.printSummary())
	if !strings.HasSuffix(printed, "patient-summary-"+f.dupont.ChartNumber+".pdf") {
		t.Fatalf("printed %q", printed)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: `make test` installs poppler-utils")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", printed, "-").Output()
	if err != nil || !strings.Contains(string(out), "DUPONT, Jean") || !strings.Contains(string(out), "Allergies not recorded") {
		t.Fatalf("the summary reads %q (%v)", out, err)
	}
	trail, _ := s.AuditTrail(context.Background(), "patients", f.dupont.ID)
	if trail[0].Action != "print" {
		t.Errorf("printing was not audited: %+v", trail[0])
	}
}

// findButton finds the button labelled text in o's tree.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestLongAndOddInputThroughTheScreens(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	long := f.dupont
	long.Notes = strings.Repeat("Allergic to cats, not to dogs. ", 700)[:data.MaxNote-1] + "."
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&long) })
	// 100 kB pasted into the search field: cut, searched, no error.
	d.search.SetText(strings.Repeat("dupont ", 15000))
	d.patients.query = d.search.Text
	h.wait(d.patients.search(0))
	if strings.Contains(d.message.Text, "wrong") || d.patients.info.Importance == widget.DangerImportance {
		t.Errorf("a 100 kB query: %q / %q", d.message.Text, d.patients.info.Text)
	}
	// Punctuation and emoji only: a sentence, not an empty mystery.
	typeSearch(h, "🌸?!")
	if !strings.Contains(d.patients.info.Text, "Type letters of the name") {
		t.Errorf("an emoji query says %q", d.patients.info.Text)
	}
	// A file with 20 000 characters of notes opens with them clipped.
	file := openFile(h, "dupont jean")
	if !hasText(file.view(), "(the whole text is in Edit)") {
		t.Error("the long notes are not clipped on the Summary")
	}
	form := file.startEdit()
	if form.entries[data.FieldNotes].Text != long.Notes {
		t.Error("the form does not hold the whole notes")
	}
}

// The date-of-birth fields hint at a date of birth in the practice's
// order, not at today's date.
func TestDateOfBirthHintIsABirthDate(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.show(screenPatients))
	form := d.patients.newPatient()
	hint := form.entries[data.FieldBirthDate].PlaceHolder
	born, err := d.pr.DateFormat.Parse(hint)
	if err != nil {
		t.Fatalf("the hint %q is not a date in the practice's format: %v", hint, err)
	}
	if age := born.AgeOn(d.today()); age < 18 {
		t.Errorf("the date-of-birth hint %q is the birth date of someone aged %d", hint, age)
	}
	picker := newPatientPicker(d, func() {}, func() {})
	if picker.born.PlaceHolder != hint {
		t.Errorf("the booking's date-of-birth hint %q differs from the file's %q", picker.born.PlaceHolder, hint)
	}
}

// The Patients item of the rail always leads to the list; the file that
// was open (and a form with what was typed in it) is one click away.
func TestPatientsRailLeadsToTheListWithAWayBack(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	p := d.patients
	file := openFile(h, "dupont")
	test.Tap(d.rail[screenPatients])
	h.drain()
	if p.fileShown() {
		t.Fatal("the Patients rail item left the file in front of the list")
	}
	if !p.backBtn.Visible() || p.backBtn.Text != "Back to DUPONT, Jean" {
		t.Fatalf("the way back to the file: visible %v, %q", p.backBtn.Visible(), p.backBtn.Text)
	}
	test.Tap(p.backBtn)
	if !p.fileShown() || file.patient.ID != f.dupont.ID {
		t.Fatal("the way back did not bring Jean Dupont's file back")
	}
	// A form being filled in survives the trip to the list and back.
	form := file.startEdit()
	test.Type(form.entries[data.FieldGivenName], "Pierre-")
	test.Tap(d.rail[screenCalendar])
	test.Tap(d.rail[screenPatients])
	h.drain()
	if p.fileShown() {
		t.Fatal("coming back to Patients from the calendar showed the file, not the list")
	}
	test.Tap(p.backBtn)
	if file.form != form || !p.fileShown() || form.entries[data.FieldGivenName].Text != "Pierre-Jean" {
		t.Fatalf("the edit form lost what was typed: %q", form.entries[data.FieldGivenName].Text)
	}
	// With no file opened yet, there is no way back to offer.
	h2 := newHarness(t, s)
	h2.wait(h2.desk().show(screenPatients))
	if h2.desk().patients.backBtn.Visible() {
		t.Error("a way back is offered when no file was opened")
	}
}

// The file's Merge button is not where the list's New patient button
// was: a second quick click there must not start a merge.
func TestMergeIsNotWhereNewPatientWas(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.show(screenPatients))
	drv := fyne.CurrentApp().Driver()
	newAt, newSize := drv.AbsolutePositionForObject(d.patients.newBtn), d.patients.newBtn.Size()
	if newSize.Width == 0 {
		t.Fatal("the New patient button is not laid out")
	}
	file := openFile(h, "dupont")
	mergeAt, mergeSize := drv.AbsolutePositionForObject(file.mergeBtn), file.mergeBtn.Size()
	overlapX := mergeAt.X < newAt.X+newSize.Width && newAt.X < mergeAt.X+mergeSize.Width
	overlapY := mergeAt.Y < newAt.Y+newSize.Height && newAt.Y < mergeAt.Y+mergeSize.Height
	if overlapX && overlapY {
		t.Errorf("Merge a duplicate… at %v %v covers where New patient was, %v %v", mergeAt, mergeSize, newAt, newSize)
	}
}

// A cancelled appointment on a later day is not "to come": the tab
// counts and lists it apart, after the ones that are.
func TestCancelledAppointmentsAreNotToCome(t *testing.T) {
	s, f := fixtureStore(t)
	ctx := context.Background()
	appt := func(day data.Date, start data.WallTime) data.Appointment {
		return data.Appointment{PractitionerID: f.anna.ID, PatientID: f.durand.ID, TypeID: f.consult.ID, Day: day,
			Start: start, End: start + 20, TimeZone: "Europe/Paris"}
	}
	later, cancelled, past := appt(f.today.AddDays(3), 9*60), appt(f.today.AddDays(2), 9*60), appt(f.today.AddDays(-2), 9*60)
	err := s.Update(ctx, func(tx *data.Tx) error {
		for _, a := range []*data.Appointment{&later, &cancelled, &past} {
			if _, err := tx.Book(a, true); err != nil {
				return err
			}
		}
		if _, err := tx.CancelSeries(cancelled.ID, data.ScopeOne, "Patient cancelled"); err != nil {
			return err
		}
		_, err := tx.SetStatus(past.ID, data.StatusDone, "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	file := openFile(h, "durand")
	h.wait(file.showTab(tabAppointments))
	if !strings.HasPrefix(file.appts.info.Text, "1 appointment to come · 1 past appointment · 1 cancelled") {
		t.Errorf("the tab says %q", file.appts.info.Text)
	}
	var order []string
	for _, a := range file.appts.rows {
		order = append(order, a.ID)
	}
	if want := []string{later.ID, cancelled.ID, past.ID}; strings.Join(order, ",") != strings.Join(want, ",") {
		t.Errorf("rows %v, want the one to come, then the cancelled one, then the past one %v", order, want)
	}
}
