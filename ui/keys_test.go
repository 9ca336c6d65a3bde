package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// Every test here drives the desk with keys only (press, typeKeys), from
// the focus the desk itself gives, except where it says so.

const ctrl = fyne.KeyModifierShortcutDefault

// morningClock fixes the screens' clock at 07:50 in Paris today: Ctrl+N
// then proposes the next quarter hour, 08:00, with Dr Anna Weber, free in
// the fixture.
func morningClock(t *testing.T) {
	t.Helper()
	paris, err := data.LoadZone("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	n := time.Now().In(paris)
	fixed := time.Date(n.Year(), n.Month(), n.Day(), 7, 50, 0, 0, paris)
	t.Cleanup(data.SetClock(func() time.Time { return fixed }))
}

func TestSearchHighlightDownEnterOpensTheFile(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	p := h.desk().patients
	h.press(fyne.KeyF, ctrl)
	if h.focused() != h.desk().search {
		t.Fatalf("Ctrl+F focused %T", h.focused())
	}
	h.typeKeys("dup")
	h.until("Dupont and Dupuis are listed", func() bool { return p.shownQuery == "dup" && len(p.hits) == 2 })
	if p.list.current != 0 {
		t.Fatalf("the first result is not highlighted: %d", p.list.current)
	}
	if r := renderedRow(t, p.list, 0); r.bg.FillColor != accentSoft {
		t.Errorf("the highlighted row is painted %v", r.bg.FillColor)
	}
	h.press(fyne.KeyDown)
	if p.list.current != 1 || h.focused() != h.desk().search {
		t.Fatalf("Down: highlight %d, focus on %T", p.list.current, h.focused())
	}
	h.press(fyne.KeyReturn)
	h.until("Dupuis's file opens", func() bool { return p.fileShown() && p.file.patient.ID == f.dupuis.ID })

	// Tab goes from the field into the results, not to the rail; there
	// Up and Enter open the other one.
	h.press(fyne.KeyF, ctrl)
	h.typeKeys("du")
	h.until("the list is back", func() bool { return p.shownQuery == "du" && !p.fileShown() })
	h.press(fyne.KeyTab)
	if h.focused() != fyne.Focusable(p.list) {
		t.Fatalf("Tab from the search went to %T", h.focused())
	}
	h.press(fyne.KeyDown)
	h.press(fyne.KeyUp)
	h.press(fyne.KeyReturn)
	h.until("the first result's file opens", func() bool { return p.fileShown() && p.file.patient.ID == p.hits[0].ID })

	// Enter typed before the results show opens the first of them.
	h.press(fyne.KeyF, ctrl)
	h.typeKeys("mart")
	h.press(fyne.KeyReturn)
	h.until("Martin's file opens", func() bool { return p.fileShown() && p.file.patient.ID == f.martin.ID })
}

// renderedRow is row id of a pick list as drawn.
func renderedRow(t *testing.T, l *pickList, id int) *pickRow {
	t.Helper()
	var rows []*pickRow
	visitRendered(l, func(o fyne.CanvasObject) {
		if r, ok := o.(*pickRow); ok {
			rows = append(rows, r)
		}
	})
	if id >= len(rows) {
		t.Fatalf("row %d is not drawn (%d rows)", id, len(rows))
	}
	return rows[id]
}

func TestCtrlNLettersEnterEnterBooks(t *testing.T) {
	morningClock(t)
	h, c, f := calendarHarness(t)
	h.press(fyne.KeyN, ctrl)
	h.until("Ctrl+N opens the booking", func() bool { return c.form != nil })
	form := c.form
	if h.focused() != fyne.Focusable(form.patient.search) {
		t.Fatalf("the booking opened with the focus on %T", h.focused())
	}
	if form.prSel.Selected != "Dr Anna Weber" || form.from.Text != "08:00" {
		t.Fatalf("proposed %q at %s", form.prSel.Selected, form.from.Text)
	}
	h.typeKeys("dupu")
	h.until("Dupuis is listed and highlighted", func() bool { return len(form.patient.hits) == 1 && form.patient.list.current == 0 })
	h.press(fyne.KeyReturn)
	if form.patient.chosen.ID != f.dupuis.ID {
		t.Fatalf("Enter chose %+v", form.patient.chosen)
	}
	if h.focused() != fyne.Focusable(form.from) || form.from.SelectedText() != "08:00" {
		t.Fatalf("after the pick the focus is on %T (selected %q)", h.focused(), form.from.SelectedText())
	}
	h.press(fyne.KeyReturn)
	h.until("the booking is saved and closed", func() bool { return topModal(h.win.Canvas()) == nil })
	a, ok := findAppt(dayOf(t, h.store, f.today), f.dupuis.ID, 8*60)
	if !ok || a.PractitionerID != f.anna.ID || a.End != 8*60+20 || a.Status != data.StatusBooked {
		t.Fatalf("booked %+v (found %v)", a.Appointment, ok)
	}

	// Typed ahead, Enter Enter before the results show picks the first
	// of them and books, on the next free slot the form proposed: Anna's
	// 08:00 is Dupuis's now, Paul's is free.
	h.press(fyne.KeyN, ctrl)
	h.until("a second booking opens", func() bool { return c.form != form })
	form = c.form
	h.wait(form.proposed)
	h.typeKeys("mart")
	h.press(fyne.KeyReturn)
	h.press(fyne.KeyReturn)
	if form.patient.chosen.ID != "" {
		t.Fatal("the results were there before Enter: the test types too slowly")
	}
	h.until("Martin is booked", func() bool { return topModal(h.win.Canvas()) == nil })
	if a, ok := findAppt(dayOf(t, h.store, f.today), f.martin.ID, 8*60); !ok || a.PractitionerID != f.paul.ID {
		t.Fatalf("Martin was not booked with Paul at 08:00: %+v", a.Appointment)
	}

	// A time typed over a booking: the clash is named and one more
	// Enter books anyway.
	h.press(fyne.KeyN, ctrl)
	h.until("a third booking opens", func() bool { return c.form != form })
	form = c.form
	h.wait(form.proposed)
	h.typeKeys("durand")
	h.until("Durand is listed", func() bool { return len(form.patient.hits) == 1 })
	h.press(fyne.KeyReturn)
	busy := map[string]string{"Dr Anna Weber": "09:00", "Dr Paul Roche": "11:00"}[form.prSel.Selected] // Dupont's, Dupuis's
	h.typeKeys(busy)
	h.press(fyne.KeyReturn)
	h.until("the clash is named", func() bool { return form.save.Text == "Book anyway" })
	h.press(fyne.KeyReturn)
	h.until("the booking is saved anyway", func() bool { return topModal(h.win.Canvas()) == nil })
	if _, ok := findAppt(dayOf(t, h.store, f.today), f.durand.ID, data.WallTime(map[string]int{"09:00": 9 * 60, "11:00": 11 * 60}[busy])); !ok {
		t.Fatalf("Durand was not booked at %s", busy)
	}
}

func TestEscapeAsksOnlyWhenSomethingWasTyped(t *testing.T) {
	h, c, _ := calendarHarness(t)
	cv := h.win.Canvas()
	h.press(fyne.KeyN, ctrl)
	h.until("the booking opens", func() bool { return c.form != nil })
	h.press(fyne.KeyEscape)
	if topModal(cv) != nil {
		t.Fatal("Escape did not close an untouched booking at once")
	}

	h.press(fyne.KeyN, ctrl)
	h.until("the booking opens again", func() bool { return c.form != nil && !c.form.m.closed })
	form := c.form
	h.typeKeys("Dup")
	h.press(fyne.KeyEscape)
	q := topModal(cv)
	if q == form.m || q == nil || !hasText(q.pop, "Discard this booking?") {
		t.Fatalf("Escape with a search typed did not ask: %v", q)
	}
	// Any other key goes back, to the field, with what was typed.
	h.press(fyne.KeyDown)
	if topModal(cv) != form.m || h.focused() != fyne.Focusable(form.patient.search) || form.patient.search.Text != "Dup" {
		t.Fatalf("a key other than Escape or Enter: top %v, focus %T, text %q", topModal(cv), h.focused(), form.patient.search.Text)
	}
	h.press(fyne.KeyEscape)
	h.typeKeys("x")
	if topModal(cv) != form.m || form.patient.search.Text != "Dup" {
		t.Fatalf("a letter did not go back without typing: %q", form.patient.search.Text)
	}
	// Enter discards.
	h.press(fyne.KeyEscape)
	h.press(fyne.KeyReturn)
	if topModal(cv) != nil {
		t.Fatal("Enter on the question did not discard the booking")
	}
	// Close asks too once a patient is chosen; Escape on the question
	// discards.
	h.press(fyne.KeyN, ctrl)
	h.until("the booking opens a third time", func() bool { return c.form != form && !c.form.m.closed })
	form = c.form
	h.typeKeys("dupo")
	h.until("Dupont is listed", func() bool { return len(form.patient.hits) == 1 })
	h.press(fyne.KeyReturn)
	closeBtn := findButtons(form.m.pop, "Close")
	if len(closeBtn) != 1 {
		t.Fatalf("%d Close buttons", len(closeBtn))
	}
	test.Tap(closeBtn[0])
	if q := topModal(cv); q == form.m || q == nil {
		t.Fatal("Close with a patient chosen did not ask")
	}
	h.press(fyne.KeyEscape)
	if topModal(cv) != nil {
		t.Error("Escape on the question did not discard the booking")
	}
}

func TestTabLeavesTheNotesFieldAndCtrlEnterAdds(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	file := openFile(h, "Martin")
	h.wait(file.showTab(tabClinical))
	notes := file.clinical.notes.entry
	h.win.Canvas().Focus(notes) // a click in the field
	h.typeKeys("Seen for a cough.")
	h.press(fyne.KeyReturn)
	h.typeKeys("Review in a week.")
	if notes.Text != "Seen for a cough.\nReview in a week." {
		t.Fatalf("Enter in the notes: %q", notes.Text)
	}
	h.press(fyne.KeyTab)
	if h.focused() == fyne.Focusable(notes) || strings.Contains(notes.Text, "\t") {
		t.Fatalf("Tab stayed in the notes: %q", notes.Text)
	}
	h.press(fyne.KeyTab, fyne.KeyModifierShift)
	if h.focused() != fyne.Focusable(notes) {
		t.Fatalf("Shift+Tab went to %T, not back to the notes", h.focused())
	}
	h.press(fyne.KeyReturn, ctrl)
	h.until("the note is added", func() bool { return notes.Text == "" && len(file.clinical.notes.notes) == 1 })
	saved, err := s.Notes(context.Background(), f.martin.ID)
	if err != nil || len(saved) != 1 || saved[0].Text != "Seen for a cough.\nReview in a week." {
		t.Fatalf("notes stored: %+v, %v", saved, err)
	}

	// The booking's notes let Tab go too.
	morningClock(t)
	c := h.desk().calendar
	h.press(fyne.KeyN, ctrl)
	h.until("the booking opens", func() bool { return c.form != nil })
	h.win.Canvas().Focus(c.form.notes)
	h.press(fyne.KeyTab)
	if h.focused() == fyne.Focusable(c.form.notes) {
		t.Error("Tab stayed in the booking's notes")
	}
}

func TestEnterPressesTheDefaultButton(t *testing.T) {
	h, c, f := calendarHarness(t)
	openAppointment(h.desk(), dayOf(t, h.store, f.today)[0].ID, c.saved)
	h.until("the appointment opens", func() bool { return c.form != nil })
	test.Tap(c.form.status.cancelBtn)
	cf := c.cancelForm
	if h.focused() != fyne.Focusable(cf.reason) || !cf.confirm.Disabled() || cf.m.defaultBtn != cf.confirm {
		t.Fatalf("the cancel form: focus on %T, confirm disabled %v", h.focused(), cf.confirm.Disabled())
	}
	h.press(fyne.KeyReturn)
	if cf.m.closed {
		t.Fatal("Enter cancelled without a reason")
	}
	h.typeKeys("Patient is on holiday")
	h.press(fyne.KeyReturn)
	h.until("the cancellation is saved", func() bool { return topModal(h.win.Canvas()) == nil })
	got := dayOf(t, h.store, f.today)[0]
	if got.Status != data.StatusCancelled || got.CancelReason != "Patient is on holiday" {
		t.Fatalf("after Enter: %s (%q)", got.Status, got.CancelReason)
	}

	// A record dialog of the file: Enter saves once the record is valid.
	file := openFile(h, "Dupont")
	ad := showAllergyDialog(file)
	if h.focused() != fyne.Focusable(dialogEntries(ad)[0]) || ad.m.defaultBtn != ad.save || ad.save.Importance != widget.HighImportance {
		t.Fatalf("the allergy dialog opened with the focus on %T", h.focused())
	}
	h.typeKeys("Latex")
	h.press(fyne.KeyReturn)
	h.wait(ad.done)
	al, err := h.store.Allergies(context.Background(), f.dupont.ID)
	if err != nil || len(al) != 1 || al[0].Substance != "Latex" {
		t.Fatalf("allergies after Enter: %+v, %v", al, err)
	}
}

func TestDropDownOpensOnItsValueAndJumpsByLetter(t *testing.T) {
	morningClock(t)
	h, c, _ := calendarHarness(t)
	h.press(fyne.KeyN, ctrl)
	h.until("the booking opens", func() bool { return c.form != nil })
	sel := c.form.prSel
	h.win.Canvas().Focus(sel) // as a click on it would
	h.press(fyne.KeySpace)
	l, ok := h.focused().(*pickList)
	if !ok || sel.popUp == nil || !sel.popUp.Visible() {
		t.Fatalf("Space did not open the drop-down: focus on %T", h.focused())
	}
	if l.current != 0 || sel.Options[0] != "Dr Anna Weber" {
		t.Fatalf("the drop-down opened on row %d, not on its value %q", l.current, sel.Selected)
	}
	h.typeKeys("p") // "Dr Paul Roche": the word that starts with it
	if l.current != 1 {
		t.Fatalf("P highlighted row %d", l.current)
	}
	h.press(fyne.KeyReturn)
	if sel.Selected != "Dr Paul Roche" || sel.popUp != nil || h.focused() != fyne.Focusable(sel) {
		t.Fatalf("Enter chose %q, focus on %T", sel.Selected, h.focused())
	}
	// Opened again, it starts on the value chosen; Escape closes only it.
	h.press(fyne.KeyDown)
	if l = h.focused().(*pickList); l.current != 1 {
		t.Fatalf("reopened on row %d", l.current)
	}
	h.press(fyne.KeyEscape)
	if sel.popUp != nil || topModal(h.win.Canvas()) != c.form.m || h.focused() != fyne.Focusable(sel) {
		t.Fatal("Escape in the open drop-down did more than close it")
	}
	// Closed, a letter changes the value at once.
	h.typeKeys("a")
	if sel.Selected != "Dr Anna Weber" {
		t.Fatalf("A on the closed drop-down: %q", sel.Selected)
	}
}

func TestCalendarKeysAfterTheRailByKeyboardAndArrivedWithA(t *testing.T) {
	h, c, f := calendarHarness(t)
	d := h.desk()
	h.wait(d.show(screenPatients))
	h.press(fyne.KeyF, ctrl)
	// Shift+Tab from the search goes back through the rail, to Calendar.
	for i := 0; i < 20 && h.focused() != fyne.Focusable(d.rail[screenCalendar]); i++ {
		h.press(fyne.KeyTab, fyne.KeyModifierShift)
	}
	if h.focused() != fyne.Focusable(d.rail[screenCalendar]) {
		t.Fatalf("the rail's Calendar was not reached: focus on %T", h.focused())
	}
	h.press(fyne.KeySpace)
	if d.current != screenCalendar || h.focused() != fyne.Focusable(c.grid.body) {
		t.Fatalf("Calendar by keyboard: on %s, focus on %T", d.current, h.focused())
	}
	h.press(fyne.KeyRight)
	h.until("tomorrow", func() bool { return c.day == f.today.AddDays(1) && c.loaded.Booked == 0 })
	h.press(fyne.KeyHome)
	h.until("today again", func() bool { return c.day == f.today && c.loaded.Booked == 2 })
	if h.focused() != fyne.Focusable(c.grid.body) {
		t.Fatalf("after the reload the focus is on %T", h.focused())
	}
	// Tab reaches the first appointment: Dupont at 09:00, booked; A marks
	// him arrived and the focus stays on him.
	h.press(fyne.KeyTab)
	bl, ok := h.focused().(*apptBlock)
	if !ok || bl.a.PatientID != f.dupont.ID {
		t.Fatalf("Tab from the grid went to %T", h.focused())
	}
	h.typeKeys("a")
	h.until("Dupont has arrived", func() bool {
		a, _ := findAppt(c.loaded.Columns[0].Appts, f.dupont.ID, 9*60)
		return a.Status == data.StatusArrived
	})
	if bl, ok := h.focused().(*apptBlock); !ok || bl.a.PatientID != f.dupont.ID {
		t.Errorf("after A the focus is on %T", h.focused())
	}
	if a, _ := findAppt(dayOf(t, h.store, f.today), f.dupont.ID, 9*60); a.Status != data.StatusArrived {
		t.Errorf("stored status %s", a.Status)
	}
}

func TestTodaysBlocksCarryAnArrivedControl(t *testing.T) {
	h, c, f := calendarHarness(t)
	shown := map[string]bool{}
	var dupont *apptBlock
	for _, bl := range c.grid.body.blocks {
		tag := test.WidgetRenderer(bl).(*apptBlockRenderer).arrive
		shown[bl.a.PatientID] = tag.Visible()
		if bl.a.PatientID == f.dupont.ID {
			dupont = bl
		}
	}
	// Booked: yes; cancelled (Martin) and already arrived (Dupuis): no.
	if !shown[f.dupont.ID] || shown[f.martin.ID] || shown[f.dupuis.ID] {
		t.Fatalf("Arrived controls shown: %v", shown)
	}
	test.Tap(test.WidgetRenderer(dupont).(*apptBlockRenderer).arrive)
	h.until("Dupont has arrived", func() bool {
		a, _ := findAppt(dayOf(t, h.store, f.today), f.dupont.ID, 9*60)
		return a.Status == data.StatusArrived
	})
	// Tomorrow nobody can arrive yet.
	h.wait(c.setDay(f.today.AddDays(1)))
	h.wait(c.setDay(f.today))
	for _, bl := range c.grid.body.blocks {
		if test.WidgetRenderer(bl).(*apptBlockRenderer).arrive.Visible() {
			t.Errorf("%s still offers Arrived", bl.a.PatientName)
		}
	}
}

func TestCtrlNInAPatientFileBooksForThatPatient(t *testing.T) {
	morningClock(t)
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	c := h.desk().calendar
	file := openFile(h, "Martin")
	if len(findButtons(file.view(), "Book")) != 1 {
		t.Error("the file has no Book button")
	}
	// From the search field, which keeps the focus after opening.
	h.press(fyne.KeyF, ctrl)
	h.press(fyne.KeyN, ctrl)
	h.until("the booking opens", func() bool { return c.form != nil })
	form := c.form
	if form.patient.chosen.ID != f.martin.ID || h.focused() != fyne.Focusable(form.from) {
		t.Fatalf("booking for %+v, focus on %T", form.patient.chosen, h.focused())
	}
	// Ctrl+N with the dialog open says why nothing more happens.
	h.press(fyne.KeyN, ctrl)
	if h.desk().message.Text != bookBusyText(englishWords) || c.form != form {
		t.Errorf("Ctrl+N over the dialog: %q", h.desk().message.Text)
	}
	h.press(fyne.KeyReturn)
	h.until("the booking is saved", func() bool { return topModal(h.win.Canvas()) == nil })
	if _, ok := findAppt(dayOf(t, s, f.today), f.martin.ID, 8*60); !ok {
		t.Fatal("Martin was not booked at 08:00")
	}
	h.until("the file shows the appointment", func() bool { return file.loaded.HasNext && file.loaded.Next.PatientID == f.martin.ID })
}

func TestF1ListsEveryKey(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	h.press(fyne.KeyF1)
	m := topModal(h.win.Canvas())
	if m == nil || m != h.desk().help {
		t.Fatal("F1 did not open the keyboard shortcuts")
	}
	shortcuts := 0
	for _, k := range keyTable() {
		w := h.desk().w
		if !hasText(m.pop, k.keyText(w)) || !hasText(m.pop, strings.SplitN(hardWrap(w.T(k.what), helpWrap), "\n", 2)[0]) {
			t.Errorf("the help lacks %s: %s", k.keyText(w), w.T(k.what))
		}
		if k.shortcut != nil && k.run != nil {
			shortcuts++
		}
	}
	if shortcuts < 2 {
		t.Errorf("%d shortcuts registered from the table", shortcuts)
	}
	h.press(fyne.KeyEscape)
	if topModal(h.win.Canvas()) != nil {
		t.Fatal("Escape did not close the help")
	}
	// From a field too: the entry passes F1 on.
	h.press(fyne.KeyF, ctrl)
	h.press(fyne.KeyF1)
	if topModal(h.win.Canvas()) == nil {
		t.Error("F1 in the search field did not open the help")
	}
}
