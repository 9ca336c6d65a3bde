package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// The names a French desk gives the days, written here apart from the
// catalogue so that the tests check the catalogue, not themselves.
var (
	frenchDays      = [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	frenchShortDays = [7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}
	frenchMonths    = [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre"}
)

// frenchHarness is calendarHarness with the desk in French.
func frenchHarness(t *testing.T) (*harness, *calendarScreen, fixture) {
	t.Helper()
	s, f := fixtureStore(t)
	h := newHarnessWith(t, s, Options{Logf: t.Logf, Lang: "fr"})
	c := h.desk().calendar
	h.until("today is on the calendar", func() bool { return len(c.loaded.Columns) == 2 })
	return h, c, f
}

func dmy(d data.Date) string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year) }

// noEnglish fails on any of the English words left in o.
func noEnglish(t *testing.T, what string, o fyne.CanvasObject, english ...string) {
	t.Helper()
	for _, en := range english {
		if hasText(o, en) {
			t.Errorf("%s still says %q in English: %q", what, en, texts(o))
		}
	}
}

// The day view in French: its heading names the day in French, the
// toolbar, the summary and the appointments' statuses are French; the
// week view's columns and the date picker name days and months in
// French, weeks starting on Monday.
func TestCalendarSpeaksFrench(t *testing.T) {
	h, c, f := frenchHarness(t)
	want := strings.ToUpper(frenchDays[f.today.Weekday()][:1]) + frenchDays[f.today.Weekday()][1:] + " " + dmy(f.today)
	if c.title.Text != want {
		t.Errorf("the day's heading is %q, want %q", c.title.Text, want)
	}
	if c.summary.Text != "2 rendez-vous · 1 annulé" {
		t.Errorf("the summary says %q", c.summary.Text)
	}
	for _, w := range []string{"Aujourd'hui", "Jour", "Semaine", "Tous les praticiens", "Voir les annulés", "Absence", "Imprimer",
		"Rendez-vous", "Dr Anna Weber", "08:00–12:00", "réservé", "annulé", "arrivé"} {
		if !hasText(c.view(), w) {
			t.Errorf("the day view does not say %q: %q", w, texts(c.view()))
		}
	}
	noEnglish(t, "the day view", c.view(), "Today", "Week", "All practitioners", "Show cancelled", "Day off", "Print", "Book",
		"booked", "arrived", "cancelled:")

	h.wait(c.setMode(modeWeek))
	first := c.loaded.Columns[0]
	if want := frenchShortDays[first.Day.Weekday()] + " " + dmy(first.Day); first.Title != want || first.Day.Weekday() != 1 {
		t.Errorf("the week's first column is %q on a %s, want %q on a Monday", first.Title, first.Day.Weekday(), want)
	}
	if want := "Semaine du " + dmy(first.Day); c.title.Text != want {
		t.Errorf("the week's heading is %q, want %q", c.title.Text, want)
	}

	p := c.pickDate()
	cells := p.month.days.Objects
	for i, want := range []string{"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."} {
		if got := texts(cells[i]); len(got) != 1 || got[0] != want {
			t.Errorf("the date picker's column %d is %q, want %q", i, got, want)
		}
	}
	month := frenchMonths[c.day.Month-1]
	if want := strings.ToUpper(month[:1]) + month[1:] + fmt.Sprintf(" %d", c.day.Year); p.month.title.Text != want {
		t.Errorf("the date picker's month is %q, want %q", p.month.title.Text, want)
	}
	p.entry.SetText("31/02/2026")
	if want := "Date" + nb + ": «" + nb + "31/02/2026" + nb + "» n'est pas une date" + nb + ": il n'y a pas de 31 février 2026."; p.err.Text != want {
		t.Errorf("the date picker says %q, want %q", p.err.Text, want)
	}
}

// Booking over Jean Dupont's appointment on a French desk: the clash is
// named in French while typing and again on saving; the default button
// becomes "Réserver quand même" by the clash's code (the French words say
// nothing of "anyway"), and books.
func TestBookingInFrenchBooksAnywayByTheCode(t *testing.T) {
	h, c, f := frenchHarness(t)
	tapSlot(c, 0, 9*60) // over Jean Dupont's 09:00–09:20
	h.until("the form opens", func() bool { return c.form != nil })
	form := c.form
	body := form.m.pop.Content
	for _, w := range []string{"Nouveau rendez-vous", "Patient", "Praticien", "Date", "De", "À", "Premier créneau libre", "Notes",
		"Répétition", "Pas de répétition", "Sans patient" + nb + ": bloquer la plage", "Fermer", "Réserver"} {
		if !hasText(body, w) {
			t.Errorf("the booking dialog does not say %q: %q", w, texts(body))
		}
	}
	if want := "Patient" + nb + ": choisissez le patient, créez-en un nouveau, ou bloquez la plage horaire."; form.problems.Text != "" &&
		form.problems.Text != want {
		t.Errorf("the dialog's problem reads %q", form.problems.Text)
	}
	test.Type(form.patient.search, "mart")
	h.until("the search finds Martin", func() bool { return len(form.patient.hits) == 1 })
	if want := "1 patient — Entrée choisit celui en surbrillance, ou cliquez sur l'un d'eux."; form.patient.info.Text != want {
		t.Errorf("the picker says %q", form.patient.info.Text)
	}
	form.patient.list.Select(0)
	h.wait(form.patient.bannerDone)
	if want := "Allergies non renseignées" + nb + ": demandez au patient"; form.patient.banner.Text() != want {
		t.Errorf("the allergy banner says %q, want %q", form.patient.banner.Text(), want)
	}
	clash := "Dr Anna Weber a déjà Jean Dupont de 09:00 à 09:20 (Consultation)."
	h.until("the clash is warned of in French", func() bool { return strings.Contains(form.clashes.Text, clash) })

	form.m.escape()
	q := topModal(h.win.Canvas())
	if q == form.m || !hasText(q.pop.Content, "Abandonner ce rendez-vous"+nb+"?") || findButton(q.pop.Content, "Revenir") == nil {
		t.Fatalf("Escape asks %q", texts(q.pop.Content))
	}
	test.Tap(findButton(q.pop.Content, "Revenir"))

	test.Tap(form.save)
	h.until("the save is refused with the clash named", func() bool { return form.save.Text == "Réserver quand même" })
	if !strings.Contains(form.result.Text, clash) || !strings.Contains(form.result.Text, "Réservez quand même, ou choisissez un autre horaire.") ||
		strings.Contains(form.result.Text, "anyway") {
		t.Errorf("the refusal reads %q", form.result.Text)
	}
	test.Tap(form.save)
	h.until("booked anyway", func() bool { return topModal(h.win.Canvas()) == nil })
	if _, ok := findAppt(dayOf(t, h.store, f.today), f.martin.ID, 9*60); !ok {
		t.Fatal("the double booking was not saved")
	}
	if want := "Rendez-vous pris le " + dmy(f.today) + " à 09:00."; h.desk().message.Text != want {
		t.Errorf("the status line says %q, want %q", h.desk().message.Text, want)
	}
}

// The waiting room and the call lists on a French desk: headings,
// counts, the lines under each patient and the buttons are French, and a
// patient moved on is said in French.
func TestWaitingRoomAndCallListsSpeakFrench(t *testing.T) {
	h, _, f := frenchHarness(t)
	d := h.desk()
	w := d.screens[screenWaiting].(*waitingScreen)
	h.wait(d.show(screenWaiting))
	day := frenchDays[f.today.Weekday()]
	if want := "Salle d'attente — " + strings.ToUpper(day[:1]) + day[1:] + " " + dmy(f.today); w.title.Text != want {
		t.Errorf("the heading is %q, want %q", w.title.Text, want)
	}
	if want := "En attente" + nb + ": 1 · En consultation" + nb + ": 0 · Attendus" + nb + ": 1 · Vus" + nb + ": 0"; w.summary.Text != want {
		t.Errorf("the summary is %q, want %q", w.summary.Text, want)
	}
	for _, want := range []string{"En attente (1)", "En consultation (0)", "Encore attendus aujourd'hui (1)", "Personne en consultation.",
		"en attente (heure d'arrivée non notée)", "En consultation", "Arrivé", "Actualiser"} {
		if !hasText(w.view(), want) {
			t.Errorf("the waiting room does not say %q: %q", want, texts(w.view()))
		}
	}
	noEnglish(t, "the waiting room", w.view(), "Waiting", "In the room", "expected", "Nobody", "To the room", "Arrived", "Refresh")
	jean, _ := findAppt(dayOf(t, h.store, f.today), f.dupont.ID, 9*60)
	test.Tap(w.buttons[jean.ID])
	h.until("Jean is waiting", func() bool { return len(w.loaded.Waiting) == 2 })
	if want := "Jean Dupont" + nb + ": arrivé."; d.message.Text != want {
		t.Errorf("the status line says %q, want %q", d.message.Text, want)
	}
	if !hasText(w.view(), "attend depuis 0 min (arrivé à ") {
		t.Errorf("the board does not say how long Jean has waited: %q", texts(w.view()))
	}

	r := d.screens[screenCalls].(*remindersScreen)
	h.wait(d.show(screenCalls))
	tomorrow := f.today.AddDays(1)
	if want := "Appels pour le " + frenchDays[tomorrow.Weekday()] + " " + dmy(tomorrow); r.title.Text != want {
		t.Errorf("the call list's heading is %q, want %q", r.title.Text, want)
	}
	for _, want := range []string{"Appels de rappel", "Liste d'attente", "Rappels", "Enregistrer en PDF…", "Heure", "Téléphone", "Praticien",
		"0 rendez-vous à rappeler, 0 déjà confirmé. Marquez chacun comme confirmé dès que le patient l'a confirmé."} {
		if !hasText(r.view(), want) {
			t.Errorf("the call lists do not say %q: %q", want, texts(r.view()))
		}
	}
	noEnglish(t, "the call lists", r.view(), "Reminder calls", "Waitlist", "Recalls", "Save PDF", "to remind")
}

// F1 lists the keys as the keyboards of the desk's language print them,
// with the descriptions in that language.
func TestHelpSpeaksTheDeskLanguage(t *testing.T) {
	for lang, want := range map[string][]string{
		"fr": {"Raccourcis clavier", "Partout", "Ctrl+F", "Tab, Maj+Tab", "Entrée", "Échap", "Espace, Bas", "Gauche, Haut",
			"Page préc.", "Début", "Cette liste de touches.", "Fermer"},
		"es": {"Atajos de teclado", "En cualquier lugar", "Tab, Mayús+Tab", "Intro", "Esc", "Izquierda, Arriba", "Re Pág", "Inicio",
			"Esta lista de teclas.", "Cerrar"},
	} {
		s, _ := fixtureStore(t)
		h := newHarnessWith(t, s, Options{Logf: t.Logf, Lang: lang})
		h.press(fyne.KeyF1)
		m := topModal(h.win.Canvas())
		if m == nil {
			t.Fatalf("%s: F1 did not open the help", lang)
		}
		for _, w := range want {
			if !hasText(m.pop, w) {
				t.Errorf("%s: the help does not say %q", lang, w)
			}
		}
		noEnglish(t, lang+": the help", m.pop, "Keyboard shortcuts", "Anywhere", "Shift", "Escape", "Page Up", "Home", "Close")
	}
}
