package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// nb is the no-break space French puts before ":" and inside « ».
const nb = "\u00a0"

// TestPatientsScreenAndFileSpeakFrench drives the Patients screen, a
// patient's file and its demographics form through the real widgets with
// the desk in French: the words are French, numbers, dates and plurals
// follow French rules, the problems of the form sit under their fields in
// French, and no English is left on those screens.
func TestPatientsScreenAndFileSpeakFrench(t *testing.T) {
	s, f := fixtureStore(t)
	tomorrow := data.Appointment{PractitionerID: f.anna.ID, PatientID: f.dupont.ID, TypeID: f.consult.ID,
		Day: f.today.AddDays(1), Start: 10 * 60, End: 10*60 + 20, TimeZone: "Europe/Paris", Status: data.StatusBooked}
	temperature := data.Vital{PatientID: f.dupont.ID, Kind: data.VitalTemperature, Taken: time.Now().Add(-time.Hour), Value: 372}
	allergy := data.Allergy{PatientID: f.dupont.ID, Substance: "Pénicilline", Reaction: "urticaire", Severity: data.SeveritySevere}
	mustUpdate(t, s, func(tx *data.Tx) error {
		for _, r := range []data.Record{&tomorrow, &temperature, &allergy} {
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		return nil
	})
	h := newHarnessWith(t, s, Options{Logf: t.Logf, Lang: "fr"})
	d := h.desk()
	h.wait(d.show(screenPatients))
	list := d.patients.view()
	for _, want := range []string{"Patients", "Nouveau patient", "Nom", "Date de naissance", "Âge", "Téléphone",
		"Prochain rendez-vous", "Dossier", "4 patients par nom."} {
		if !hasText(list, want) {
			t.Errorf("the list does not say %q: %q", want, texts(list))
		}
	}
	for _, want := range []string{"Agenda", "Salle d'attente", "Réglages"} {
		if !hasText(d.root, want) {
			t.Errorf("the rail does not say %q", want)
		}
	}
	for q, want := range map[string]string{
		"dup":        "2 patients dont le nom correspond à «" + nb + "dup" + nb + "».",
		"durand":     "1 patient dont le nom correspond à «" + nb + "durand" + nb + "».",
		"zzz":        "Aucun nom de patient n'a de mot commençant par «" + nb + "zzz" + nb + "».",
		"15/03/1980": "1 patient né le 15/03/1980.",
		"31/02/1980": "«" + nb + "31/02/1980" + nb + "» n'est pas une date" + nb + ": il n'y a pas de 31 février 1980.",
		"06":         "Tapez au moins trois chiffres du numéro de téléphone.",
	} {
		typeSearch(h, q)
		if got := d.patients.info.Text; got != want {
			t.Errorf("search %q says %q, want %q", q, got, want)
		}
	}
	typeSearch(h, "dupont")
	row := texts(list)
	if !contains(row, "demain 10:00") || !containsSuffix(row, " ans") {
		t.Errorf("the row of Dupont is not in French: %q", row)
	}

	file := openFile(h, "dupont")
	view := file.view()
	for _, want := range []string{"DUPONT, Jean", "Dossier " + f.dupont.ChartNumber, "Inconnu", "né(e) le 15/03/1980 (",
		"Résumé", "Rendez-vous", "Pièces jointes", "État civil", "Nom de famille", "Date de naissance", "Accepte de recevoir",
		"rien de renseigné", "ALLERGIES" + nb + ": Pénicilline (grave" + nb + ": urticaire)", "Prochain rendez-vous",
		"Température" + nb + ": 37,2 °C · ", "grave · renseignée le ",
		"demain 10:00 avec Dr Anna Weber · Consultation · réservé", "Rien de renseigné.", "Ajouter une allergie", "Modifier"} {
		if !hasText(view, want) {
			t.Errorf("the file does not say %q", want)
		}
	}
	if msg := d.message.Text; !strings.HasPrefix(msg, "Dossier de Jean Dupont ("+f.dupont.ChartNumber+") ouvert.") {
		t.Errorf("the status line says %q", msg)
	}
	english := []string{"Summary", "Demographics", "Family name", "Date of birth", "None recorded.", "born ", "Chart ",
		"Next appointment", "ALLERGIES:", "tomorrow", "Edit", "Unknown", "37.2", "severe"}
	for _, en := range english {
		if hasText(view, en) {
			t.Errorf("the file still says %q in English", en)
		}
	}

	form := file.startEdit()
	e := form.entries
	for field, c := range map[string]struct{ typed, want string }{
		data.FieldEmail: {"jean.example.org",
			"E-mail" + nb + ": «" + nb + "jean.example.org" + nb + "» n'est pas une adresse e-mail (comme nom@exemple.fr)."},
		data.FieldBirthDate: {"31/02/1980",
			"Date de naissance" + nb + ": «" + nb + "31/02/1980" + nb + "» n'est pas une date" + nb + ": il n'y a pas de 31 février 1980."},
		data.FieldDeceasedDate: {"01/01/2999", "Date de décès" + nb + ": 01/01/2999 est dans le futur."},
		data.FieldFamilyName:   {"", "Nom de famille" + nb + ": champ obligatoire."},
		data.FieldPhone:        {"06 12 AB", "Téléphone" + nb + ": «" + nb + "06 12 AB" + nb + "» ne peut contenir que des chiffres"},
	} {
		old := e[field].Text
		e[field].SetText(c.typed)
		if got := form.problem(field); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s %q: the form says %q under the field, want %q", field, c.typed, got, c.want)
		}
		if !form.save.Disabled() {
			t.Errorf("%s %q: Save is enabled", field, c.typed)
		}
		e[field].SetText(old)
	}
	for _, want := range []string{"Modifier DUPONT, Jean (" + f.dupont.ChartNumber + ")", "Nom de famille (obligatoire)",
		"Enregistrer", "Annuler", "Courriers", "SMS", "Personne à prévenir"} {
		if !hasText(form.view(), want) {
			t.Errorf("the form does not say %q", want)
		}
	}
	test := e[data.FieldGivenName]
	test.SetText("Jean-Pierre")
	test.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	m := topModal(h.win.Canvas())
	if m == nil {
		t.Fatal("Escape dropped the changes without asking")
	}
	for _, want := range []string{"Abandonner les modifications de ce dossier" + nb + "?", "Revenir", "Abandonner"} {
		if !hasText(m.pop.Content, want) {
			t.Errorf("the question does not say %q: %q", want, texts(m.pop.Content))
		}
	}
}

func contains(list []string, want string) bool {
	for _, s := range list {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

func containsSuffix(list []string, suffix string) bool {
	for _, s := range list {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

// TestTextFitsInEveryLanguage lays the translated screens out at the
// design size (1366×768) in each language and checks that no text is
// cut: every label that is not meant to shorten with an ellipsis is as
// wide as its text, every button shows its whole label, and the search
// field's hint fits in it. French and Spanish run a quarter longer than
// English.
func TestTextFitsInEveryLanguage(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es"} {
		t.Run(lang, func(t *testing.T) {
			s, f := fixtureStore(t)
			h := newHarnessWith(t, s, Options{Logf: t.Logf, Lang: lang})
			d := h.desk()
			check := func(screen string, root fyne.CanvasObject) {
				t.Helper()
				visitRendered(root, func(o fyne.CanvasObject) {
					switch x := o.(type) {
					case *widget.Label:
						if x.Truncation == fyne.TextTruncateOff && x.Wrapping == fyne.TextWrapOff && x.Text != "" &&
							x.MinSize().Width > x.Size().Width+1 {
							t.Errorf("%s: %q needs %.0f px, has %.0f", screen, x.Text, x.MinSize().Width, x.Size().Width)
						}
					case *widget.Button:
						if x.Text != "" && x.MinSize().Width > x.Size().Width+1 {
							t.Errorf("%s: the button %q needs %.0f px, has %.0f", screen, x.Text, x.MinSize().Width, x.Size().Width)
						}
					case *deskSelect:
						room := x.Size().Width - theme.IconInlineSize() - 4*theme.InnerPadding()
						for _, opt := range x.Options {
							if w := fyne.MeasureText(opt, theme.TextSize(), fyne.TextStyle{}).Width; w > room+1 {
								t.Errorf("%s: the choice %q needs %.0f px, the drop-down has %.0f", screen, opt, w, room)
							}
						}
					case *deskEntry:
						hint := fyne.MeasureText(x.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width
						room := x.Size().Width - 2*theme.InnerPadding()
						if x.ActionItem != nil {
							room -= theme.IconInlineSize() + 2*theme.InnerPadding()
						}
						if !x.MultiLine && hint > room {
							t.Errorf("%s: the hint %q needs %.0f px, the field has %.0f", screen, x.PlaceHolder, hint, room)
						}
					}
				})
			}
			h.wait(d.show(screenPatients))
			check("patients", d.root) // with the rail, the top bar and the status line
			file := openFile(h, "dupont")
			check("patient file", d.root)
			for _, tab := range []struct {
				name string
				i    int
			}{{"clinical tab", tabClinical}, {"appointments tab", tabAppointments}, {"attachments tab", tabAttachments}} {
				h.wait(file.showTab(tab.i))
				check(tab.name, d.root)
			}
			h.wait(file.showTab(tabSummary))
			dialog := func(name string, open func()) {
				t.Helper()
				open()
				m := topModal(h.win.Canvas())
				if m == nil {
					t.Fatalf("%s: no dialog", name)
				}
				check(name, m.pop.Content)
				m.close()
			}
			dialog("allergy dialog", func() { showAllergyDialog(file) })
			dialog("problem dialog", func() { showProblemDialog(file) })
			dialog("medication dialog", func() { showMedicationDialog(file) })
			dialog("recall dialog", func() {
				var rf *recallForm
				showRecallDialog(file, func(f *recallForm) { rf = f })
				h.until("the recall dialog opens", func() bool { return rf != nil })
			})
			dialog("merge dialog", func() { h.wait(file.startMerge().searched) })
			file.startEdit()
			check("demographics form", d.root)
			h.wait(d.show(screenSettings))
			h.until("the settings lists are loaded", func() bool { return !d.settings.addPr.Disabled() })
			check("settings", d.root)
			dialog("practitioner editor", func() { d.settings.editPractitioner(&d.settings.refs.Practitioners[0]) })
			dialog("new practitioner", func() { d.settings.editPractitioner(nil) })
			dialog("type editor", func() { d.settings.editType(&d.settings.refs.Types[0]) })

			calendarScreensFit(t, h, f, check)
		})
	}
}

// calendarScreensFit is TestTextFitsInEveryLanguage for the calendar
// side: the day and the week with the toolbar whole, the booking dialog
// (a repetition chosen), an opened appointment with its status buttons,
// its cancellation, a day off, the date picker, the practitioners'
// chooser, the waiting room, the three call lists with rows, and the
// help. No two buttons of a screen or dialog overlap.
func calendarScreensFit(t *testing.T, h *harness, f fixture, check func(string, fyne.CanvasObject)) {
	t.Helper()
	d := h.desk()
	mustUpdate(t, h.store, func(tx *data.Tx) error {
		tomorrow := data.Appointment{PractitionerID: f.anna.ID, PatientID: f.dupont.ID, TypeID: f.consult.ID,
			Day: f.today.AddDays(1), Start: 10 * 60, End: 10*60 + 20, TimeZone: "Europe/Paris"}
		if err := tx.Save(&tomorrow); err != nil {
			return err
		}
		return tx.Save(&data.WaitlistEntry{PatientID: f.durand.ID, Before: f.today.AddDays(20), Notes: "Mornings only"})
	})
	fits := func(what string, o fyne.CanvasObject) {
		t.Helper()
		// Lay the tree out again as the window does on its next frame
		// (texts set since have grown): the test driver does not.
		o.Refresh()
		check(what, o)
		noButtonsOverlap(t, what, o)
	}
	c := d.calendar
	h.wait(d.show(screenCalendar))
	for _, mode := range []string{modeDay, modeWeek} {
		h.wait(c.setMode(mode))
		fits("calendar ("+mode+")", d.root)
		left, right := c.toolbar[0], c.toolbar[1]
		if left.Position().X+left.MinSize().Width > right.Position().X {
			t.Errorf("calendar (%s): the toolbar's ends meet: %.0f px on the left, %.0f on the right, in %.0f", mode,
				left.MinSize().Width, right.MinSize().Width, left.Size().Width+right.Size().Width)
		}
	}
	h.wait(c.setMode(modeDay))
	modal := func(what string, open func()) {
		t.Helper()
		open()
		m := topModal(h.win.Canvas())
		if m == nil {
			t.Fatalf("%s did not open", what)
		}
		fits(what, m.pop.Content)
	}
	closeAll := func() {
		for closeTopModal(h.win.Canvas()) {
		}
	}
	tapSlot(c, 0, 10*60+30)
	h.until("the booking form opens", func() bool { return c.form != nil && topModal(h.win.Canvas()) != nil })
	for i := range c.form.repeat.freq.Options {
		c.form.repeat.freq.SetSelectedIndex(i)
		modal("booking dialog", func() {})
	}
	closeAll()
	jean, _ := findAppt(dayOf(t, h.store, f.today), f.dupont.ID, 9*60)
	c.form = nil
	openAppointment(d, jean.ID, nil)
	h.until("Jean's appointment opens", func() bool { return c.form != nil && c.form.orig != nil })
	modal("opened appointment", func() {})
	modal("cancellation", func() { openCancel(c.form) })
	closeAll()
	modal("day off", func() { c.newDayOff() })
	closeAll()
	modal("date picker", func() { c.pickDate() })
	closeAll()
	modal("practitioners of the day view", func() { c.choosePractitioners() })
	closeAll()

	h.wait(d.show(screenWaiting))
	fits("waiting room", d.root)
	r := d.screens[screenCalls].(*remindersScreen)
	h.wait(d.show(screenCalls))
	if len(r.loaded.Reminders) == 0 || len(r.loaded.Waitlist) == 0 {
		t.Fatalf("the call lists have %d reminders and %d on the waitlist", len(r.loaded.Reminders), len(r.loaded.Waitlist))
	}
	for i, tab := range r.tabs.Items {
		r.tabs.SelectIndex(i)
		fits("call lists: "+tab.Text, d.root)
	}
	modal("help", func() { d.showHelp() })
	closeAll()
}

// noButtonsOverlap fails when two visible buttons under o cover each
// other: a toolbar or a row of buttons that a longer language made
// wider than its room.
func noButtonsOverlap(t *testing.T, what string, o fyne.CanvasObject) {
	t.Helper()
	type box struct {
		b    *widget.Button
		p, q fyne.Position
	}
	drv := fyne.CurrentApp().Driver()
	var boxes []box
	visitRendered(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Size().Width > 0 {
			p := drv.AbsolutePositionForObject(b)
			boxes = append(boxes, box{b, p, p.Add(fyne.NewPos(b.Size().Width, b.Size().Height))})
		}
	})
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			if a.p.X+1 < b.q.X && b.p.X+1 < a.q.X && a.p.Y+1 < b.q.Y && b.p.Y+1 < a.q.Y {
				t.Errorf("%s: the buttons %q and %q overlap", what, a.b.Text, b.b.Text)
			}
		}
	}
}

// Settings → Practice chooses the practice's document language, saved
// through the write path like every practice setting, and this
// computer's desk language, kept in its preferences at once and said to
// take effect at the next start (in the language chosen); the next desk
// built speaks it.
func TestSettingsChooseTheDocumentAndTheDeskLanguage(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.show(screenSettings))
	st := d.settings
	if st.form.docLang.Selected != "English" || !hasText(st.view(), "Language of letters and invoices") {
		t.Fatalf("the document language shows %q", st.form.docLang.Selected)
	}
	st.form.docLang.SetSelected("Español")
	if st.save.Disabled() {
		t.Fatal("choosing a document language does not enable Save")
	}
	h.wait(st.doSave())
	if pr, err := s.Practice(context.Background()); err != nil || pr.DocumentLanguage != "es" {
		t.Fatalf("the store holds the document language %q (%v), want es", pr.DocumentLanguage, err)
	}

	prefs := fyne.CurrentApp().Preferences()
	if st.lang.choice.SelectedIndex() != 0 || prefs.String(langPreference) != "" {
		t.Fatalf("a new computer's desk language is %q, stored %q", st.lang.choice.Selected, prefs.String(langPreference))
	}
	st.lang.choice.SetSelected("Français")
	if got := prefs.String(langPreference); got != "fr" {
		t.Fatalf("the preference holds %q, want fr", got)
	}
	if got := st.lang.note.Text; got != "Frontdesk la parlera à son prochain démarrage." {
		t.Errorf("the note says %q", got)
	}
	if got := deskLanguage(fyne.CurrentApp(), ""); got != "fr" {
		t.Errorf("the next start speaks %q, want fr", got)
	}
	if got := deskLanguage(fyne.CurrentApp(), "es"); got != "es" {
		t.Errorf("--lang es speaks %q", got)
	}
	st.lang.choice.SetSelectedIndex(0) // the system's again
	if prefs.String(langPreference) != "" {
		t.Errorf("the system's language is stored as %q, want empty", prefs.String(langPreference))
	}
}

// The demographics' label column grows to its longest label, so that a
// longer language's label never runs under its value.
func TestFormGridMakesRoomForTheLongestLabel(t *testing.T) {
	long, short := widget.NewLabel("Contacto de emergencia"), widget.NewLabel("Nombre")
	v1, v2 := widget.NewLabel("Karim"), widget.NewLabel("Ana")
	g := container.New(&formGrid{labelWidth: 80}, short, v1, long, v2)
	g.Resize(fyne.NewSize(600, 200))
	if v2.Position().X < long.MinSize().Width || v1.Position().X != v2.Position().X {
		t.Errorf("values start at %.0f and %.0f; the longest label needs %.0f", v1.Position().X, v2.Position().X, long.MinSize().Width)
	}
}
