package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// calendarHarness opens the desk on the fixture and waits for today.
func calendarHarness(t *testing.T) (*harness, *calendarScreen, fixture) {
	t.Helper()
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	c := h.desk().calendar
	h.until("today is on the calendar", func() bool { return len(c.loaded.Columns) == 2 })
	return h, c, f
}

// tapSlot taps free time in a column of the grid, as the secretary does.
func tapSlot(c *calendarScreen, col int, at data.WallTime) {
	b := c.grid.body
	sp := b.spans()[col]
	test.TapAt(b, fyne.NewPos(sp.x+sp.w*0.8, b.yOf(at)+3))
}

// blockOf finds the drawn block of an appointment.
func blockOf(t *testing.T, c *calendarScreen, id string) *apptBlock {
	t.Helper()
	for _, bl := range c.grid.body.blocks {
		if bl.a.ID == id {
			return bl
		}
	}
	t.Fatalf("appointment %s is not drawn", id)
	return nil
}

// retype replaces an entry's text by typing, as a person would.
func retype(e *deskEntry, text string) {
	e.SetText("")
	test.Type(e, text)
}

func dayOf(t *testing.T, s *data.Store, day data.Date) []data.AppointmentView {
	t.Helper()
	paris, _ := data.LoadZone("Europe/Paris")
	appts, err := s.AppointmentsOn(context.Background(), day, paris)
	if err != nil {
		t.Fatal(err)
	}
	return appts
}

func findAppt(appts []data.AppointmentView, patientID string, start data.WallTime) (data.AppointmentView, bool) {
	for _, a := range appts {
		if a.PatientID == patientID && a.Start == start {
			return a, true
		}
	}
	return data.AppointmentView{}, false
}

func TestBookThroughTheCalendar(t *testing.T) {
	h, c, f := calendarHarness(t)
	tapSlot(c, 0, 10*60+30) // Dr Anna Weber, 10:30
	h.until("the booking form opens", func() bool { return c.form != nil })
	form := c.form
	if form.prSel.Selected != "Dr Anna Weber" || form.from.Text != "10:30" || form.to.Text != "10:50" {
		t.Fatalf("the form opened on %q %s–%s", form.prSel.Selected, form.from.Text, form.to.Text)
	}
	if !form.save.Disabled() {
		t.Error("Book is enabled before a patient is chosen")
	}
	test.Type(form.patient.search, "dupu")
	h.until("the search finds Dupuis", func() bool { return len(form.patient.hits) == 1 })
	form.patient.list.Select(0)
	if form.patient.chosen.ID != f.dupuis.ID {
		t.Fatalf("chosen %+v", form.patient.chosen)
	}
	test.Type(form.notes, "Bring the X-ray")
	if form.save.Disabled() {
		t.Fatalf("Book stays disabled: %q", form.problems.Text)
	}
	test.Tap(form.save)
	h.until("the booking is saved and the form closed", func() bool { return topModal(h.win.Canvas()) == nil })
	h.until("the calendar shows it", func() bool { return c.loaded.Booked == 3 })
	a, ok := findAppt(dayOf(t, h.store, f.today), f.dupuis.ID, 10*60+30)
	if !ok || a.End != 10*60+50 || a.PractitionerID != f.anna.ID || a.TypeID != f.consult.ID || a.Notes != "Bring the X-ray" || a.Status != data.StatusBooked {
		t.Fatalf("booked %+v", a.Appointment)
	}
	if !hasText(c.view(), "10:30 Marie Dupuis") {
		t.Errorf("the new appointment is not drawn: %q", texts(c.view()))
	}
}

func TestBookingANewPatient(t *testing.T) {
	h, c, f := calendarHarness(t)
	tapSlot(c, 1, 8*60) // Dr Paul Roche, 08:00
	h.until("the form opens", func() bool { return c.form != nil })
	form := c.form
	test.Type(form.patient.search, "Nouveau")
	test.Tap(form.patient.newBtn)
	if form.patient.family.Text != "Nouveau" {
		t.Errorf("the family name was not carried over: %q", form.patient.family.Text)
	}
	test.Type(form.patient.given, "Élise")
	test.Type(form.patient.born, "31/02/1990")
	if !strings.Contains(form.problems.Text, "February 1990 has no day 31") || !form.save.Disabled() {
		t.Fatalf("a date of birth that does not exist: problems %q, save disabled %v", form.problems.Text, form.save.Disabled())
	}
	retype(form.patient.born, "28/02/1990")
	test.Type(form.patient.phone, "06 11 22 33 44")
	if form.save.Disabled() {
		t.Fatalf("Book disabled: %q", form.problems.Text)
	}
	test.Tap(form.save)
	h.until("the form closed", func() bool { return topModal(h.win.Canvas()) == nil })
	hits, err := h.store.SearchPatients(context.Background(), "nouveau", 5)
	if err != nil || len(hits) != 1 || hits[0].GivenName != "Élise" || hits[0].BirthDate != (data.Date{Year: 1990, Month: 2, Day: 28}) {
		t.Fatalf("new patient: %+v, %v", hits, err)
	}
	if _, ok := findAppt(dayOf(t, h.store, f.today), hits[0].ID, 8*60); !ok {
		t.Error("the new patient was not booked")
	}
}

func TestBookingWarnsOfAClashAndBooksAnyway(t *testing.T) {
	h, c, f := calendarHarness(t)
	tapSlot(c, 0, 9*60) // over Jean Dupont's 09:00–09:20
	h.until("the form opens", func() bool { return c.form != nil })
	form := c.form
	test.Type(form.patient.search, "mart")
	h.until("the search finds Martin", func() bool { return len(form.patient.hits) == 1 })
	form.patient.list.Select(0)
	h.until("the clash is warned of while typing", func() bool { return strings.Contains(form.clashes.Text, "already has Jean Dupont") })
	if !strings.Contains(form.clashes.Text, "Dr Anna Weber already has Jean Dupont from 09:00 to 09:20 (Consultation).") {
		t.Errorf("warning %q", form.clashes.Text)
	}
	test.Tap(form.save)
	h.until("the save is refused with the clash named", func() bool { return form.save.Text == "Book anyway" })
	if !strings.Contains(form.result.Text, "Jean Dupont") || form.patient.chosen.ID != f.martin.ID || form.from.Text != "09:00" {
		t.Errorf("after the refusal: result %q, patient %s, from %q", form.result.Text, form.patient.chosen.ID, form.from.Text)
	}
	test.Tap(form.save)
	h.until("booked anyway", func() bool { return topModal(h.win.Canvas()) == nil })
	h.until("the calendar shows both", func() bool { return c.loaded.Booked == 3 })
	appts := dayOf(t, h.store, f.today)
	if _, ok := findAppt(appts, f.martin.ID, 9*60); !ok {
		t.Fatal("the double booking was not saved")
	}
	// Both are drawn, side by side, marked as a double booking.
	var lanes []int
	for _, bl := range c.grid.body.blocks {
		if bl.a.Start == 9*60 {
			lanes = append(lanes, bl.lane.lane)
			if !bl.lane.double || bl.lane.lanes != 2 {
				t.Errorf("%s: lane %+v", bl.a.PatientName, bl.lane)
			}
		}
	}
	if len(lanes) != 2 || lanes[0] == lanes[1] {
		t.Errorf("the double booking is not side by side: lanes %v", lanes)
	}
	if !hasText(c.view(), "double · booked") {
		t.Error("the double booking is not named on the calendar")
	}
}

func TestMoveByEditingAndCancel(t *testing.T) {
	h, c, f := calendarHarness(t)
	jean, _ := findAppt(dayOf(t, h.store, f.today), f.dupont.ID, 9*60)
	test.Tap(blockOf(t, c, jean.ID))
	h.until("the appointment opens", func() bool { return c.form != nil && c.form.orig != nil })
	form := c.form
	if form.patient.chosen.ID != f.dupont.ID || form.status == nil || !strings.Contains(form.status.label.Text, "Status: booked") {
		t.Fatalf("opened: patient %s, status %v", form.patient.chosen.ID, form.status)
	}
	retype(form.from, "11:00")
	if form.to.Text != "11:20" {
		t.Errorf("moving the start did not keep the length: to %q", form.to.Text)
	}
	test.Tap(form.save)
	h.until("saved", func() bool { return topModal(h.win.Canvas()) == nil })
	moved, ok := findAppt(dayOf(t, h.store, f.today), f.dupont.ID, 11*60)
	if !ok || moved.ID != jean.ID || moved.End != 11*60+20 {
		t.Fatalf("after the move: %+v", moved.Appointment)
	}

	// Cancel it, with a reason.
	h.until("the moved appointment is drawn", func() bool {
		for _, bl := range c.grid.body.blocks {
			if bl.a.ID == jean.ID && bl.a.Start == 11*60 {
				return true
			}
		}
		return false
	})
	c.form = nil
	test.Tap(blockOf(t, c, jean.ID))
	h.until("it opens again", func() bool { return c.form != nil && c.form.orig != nil })
	form = c.form
	test.Tap(form.status.cancelBtn)
	h.until("the cancel form opens", func() bool { return c.cancelForm != nil })
	cf := c.cancelForm
	if !cf.confirm.Disabled() {
		t.Error("cancelling without a reason is possible")
	}
	test.Type(cf.reason, "Patient is ill")
	test.Tap(cf.confirm)
	h.until("cancelled and closed", func() bool { return topModal(h.win.Canvas()) == nil })
	got, _ := h.store.Appointment(context.Background(), jean.ID)
	if got.Status != data.StatusCancelled || got.CancelReason != "Patient is ill" || got.Times.Cancelled.IsZero() {
		t.Fatalf("after cancelling: %+v", got.Appointment)
	}
	h.until("the calendar shows it greyed", func() bool { return c.loaded.Cancelled == 2 })
	if !hasText(c.view(), "cancelled: Patient is ill") {
		t.Error("the cancelled appointment is not shown with its reason")
	}
	// Filterable: hidden when cancelled ones are not shown.
	tapCheck := func() { test.TapAt(c.cxlCheck, fyne.NewPos(4, c.cxlCheck.Size().Height/2)) }
	tapCheck()
	if c.showCxl || hasText(c.view(), "cancelled: Patient is ill") {
		t.Error("the cancelled appointment is still drawn with Show cancelled off")
	}
	tapCheck()
	if !hasText(c.view(), "cancelled: Patient is ill") {
		t.Error("the cancelled appointment is not drawn again")
	}
}

func TestDragMovesAnAppointment(t *testing.T) {
	h, c, f := calendarHarness(t)
	jean, _ := findAppt(dayOf(t, h.store, f.today), f.dupont.ID, 9*60)
	c.grid.scrollTo(8 * 60) // the morning in view: only what is seen can be dragged
	bl := blockOf(t, c, jean.ID)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(bl).Add(fyne.NewPos(20, 5))
	test.Drag(h.win.Canvas(), pos, 0, 30*gridPxPerMin) // half an hour later
	h.until("the move is saved", func() bool {
		a, _ := h.store.Appointment(context.Background(), jean.ID)
		return a.Start == 9*60+30
	})
	a, _ := h.store.Appointment(context.Background(), jean.ID)
	if a.End != 9*60+50 || a.PractitionerID != f.anna.ID {
		t.Errorf("dragged to %s–%s with %s", a.Start, a.End, a.PractitionerName)
	}
	// Dragging its lower edge makes it longer.
	h.until("redrawn", func() bool { return blockOf(t, c, jean.ID).a.Start == 9*60+30 })
	bl = blockOf(t, c, jean.ID)
	pos = fyne.CurrentApp().Driver().AbsolutePositionForObject(bl).Add(fyne.NewPos(20, bl.Size().Height-2))
	test.Drag(h.win.Canvas(), pos, 0, 10*gridPxPerMin)
	h.until("the new end is saved", func() bool {
		a, _ := h.store.Appointment(context.Background(), jean.ID)
		return a.End == 10*60
	})
}

func TestBookingFormRefusesBadInput(t *testing.T) {
	h, c, _ := calendarHarness(t)
	tapSlot(c, 0, 10*60+30)
	h.until("the form opens", func() bool { return c.form != nil })
	form := c.form
	form.patient.blocked.SetChecked(true) // blocked time: no patient needed
	if form.save.Disabled() {
		t.Fatalf("blocked time cannot be booked: %q", form.problems.Text)
	}
	for _, c := range []struct {
		entry *deskEntry
		text  string
		want  string
	}{
		{form.date, "31/02/2026", `Date: "31/02/2026" is not a date: February 2026 has no day 31.`},
		{form.date, "1/3/26", "write the year with four digits"},
		{form.from, "25:00", `From: "25:00" is not a time of day.`},
		{form.to, "nine", `To: "nine" is not a time`},
		// 02:30 on the night the clocks go forward does not exist in Paris.
		{form.date, "29/03/2026", ""},
	} {
		retype(c.entry, c.text)
		if c.want != "" && (!strings.Contains(form.problems.Text, c.want) || !form.save.Disabled()) {
			t.Errorf("%q: problems %q, save disabled %v", c.text, form.problems.Text, form.save.Disabled())
		}
		if c.want != "" {
			retype(c.entry, map[*deskEntry]string{form.date: "25/11/2026", form.from: "10:30", form.to: "10:50"}[c.entry])
		}
	}
	retype(form.from, "02:30")
	retype(form.to, "03:15")
	if !strings.Contains(form.problems.Text, "02:30 on 29/03/2026 does not exist in Europe/Paris") || !form.save.Disabled() {
		t.Errorf("a time in the spring gap: %q", form.problems.Text)
	}
	retype(form.from, "10:30")
	retype(form.to, "10:50")
	// 100 kB pasted by mistake is refused, in words, and not laid out.
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent(strings.Repeat("n", 100_000))
	form.notes.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if form.notes.Text != "" || !strings.Contains(form.result.Text, "the text pasted is 100,000 characters; notes hold at most 2,000") {
		t.Errorf("a 100 kB paste: notes of %d characters, message %q", len(form.notes.Text), form.result.Text)
	}
	// A note just past the cap (set by code) is a problem that blocks saving.
	form.notes.SetText(strings.Repeat("n", data.MaxAppointmentNote+1))
	if !strings.Contains(form.problems.Text, "Notes is too long (2,001 characters; at most 2,000)") || !form.save.Disabled() {
		t.Errorf("a note past the cap: %q", form.problems.Text)
	}
	form.notes.TypedRune('x')
	if len(form.notes.Text) != data.MaxAppointmentNote+1 {
		t.Error("typing went on past the cap")
	}
	// Escape in a field of a changed form asks first; Escape again
	// discards. An untouched dialog closes at once, also from the window.
	h.win.Canvas().Focus(form.notes)
	h.press(fyne.KeyEscape)
	if q := topModal(h.win.Canvas()); q == nil || q == form.m || q.closed {
		t.Fatal("Escape in a changed form did not ask before closing it")
	}
	h.press(fyne.KeyEscape)
	if topModal(h.win.Canvas()) != nil {
		t.Error("Escape twice did not close the form")
	}
	c.pickDate()
	h.win.Canvas().Unfocus()
	h.press(fyne.KeyEscape)
	if topModal(h.win.Canvas()) != nil {
		t.Error("Escape did not close the date picker")
	}
}

func TestKeysMoveDaysAndCtrlNBooks(t *testing.T) {
	h, c, f := calendarHarness(t)
	h.press(fyne.KeyRight)
	h.until("tomorrow", func() bool { return c.day == f.today.AddDays(1) && c.loaded.Booked == 0 })
	h.press(fyne.KeyPageDown)
	if c.day != f.today.AddDays(8) {
		t.Errorf("Page Down went to %s", c.day)
	}
	h.press(fyne.KeyPageUp)
	h.press(fyne.KeyLeft)
	h.until("back on today", func() bool { return c.day == f.today && c.loaded.Booked == 2 })
	h.press(fyne.KeyN, fyne.KeyModifierShortcutDefault)
	h.until("Ctrl+N opens a booking", func() bool { return c.form != nil })
	// With a dialog open, arrows do not move the calendar behind it.
	h.press(fyne.KeyRight)
	if c.day != f.today {
		t.Error("an arrow moved the calendar behind the dialog")
	}
	h.press(fyne.KeyEscape)
	if topModal(h.win.Canvas()) != nil {
		t.Error("Escape did not close the booking form")
	}
}

func TestWeekView(t *testing.T) {
	h, c, f := calendarHarness(t)
	h.wait(c.setMode(modeWeek))
	if len(c.loaded.Columns) != 7 || c.weekPr != f.anna.ID {
		t.Fatalf("week of %s: %d columns", c.weekPr, len(c.loaded.Columns))
	}
	mon := weekStart(f.today, time.Monday) // a practice in Paris
	if c.loaded.Columns[0].Day != mon || !strings.HasPrefix(c.loaded.Columns[0].Title, "Mon ") {
		t.Errorf("first column %+v", c.loaded.Columns[0])
	}
	// Anna's appointments of today are in today's column only.
	for _, col := range c.loaded.Columns {
		want := 0
		if col.Day == f.today {
			want = 2
		}
		if len(col.Appts) != want {
			t.Errorf("%s: %d appointments", col.Day, len(col.Appts))
		}
	}
	// A day off blocks its column out.
	off := data.DayOff{PractitionerID: f.anna.ID, First: mon.AddDays(2), Last: mon.AddDays(2), Kind: data.OffTraining, Reason: "Course"}
	if err := h.store.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&off) }); err != nil {
		t.Fatal(err)
	}
	h.wait(c.load())
	if c.loaded.Columns[2].Off != "Training: Course" || !hasText(c.view(), "Training: Course") {
		t.Errorf("the day off is not blocked out: %+v", c.loaded.Columns[2])
	}
	// Paul's week from the list.
	c.prSel.SetSelected("Dr Paul Roche")
	h.until("Paul's week", func() bool { return c.weekPr == f.paul.ID && c.loaded.Columns[0].PractitionerID == f.paul.ID })
}

func TestRecurringSeriesThroughTheForm(t *testing.T) {
	h, c, f := calendarHarness(t)
	day := f.today.AddDays(7)
	h.wait(c.setDay(day))
	tapSlot(c, 0, 8*60)
	h.until("the form opens", func() bool { return c.form != nil })
	form := c.form
	test.Type(form.patient.search, "durand")
	h.until("found", func() bool { return len(form.patient.hits) == 1 })
	form.patient.list.Select(0)
	form.repeat.freq.SetSelectedIndex(2) // weekly
	retype(form.repeat.count, "3")
	if form.save.Disabled() {
		t.Fatalf("a weekly series of 3 cannot be booked: %q", form.problems.Text)
	}
	test.Tap(form.save)
	h.until("the series is booked", func() bool { return topModal(h.win.Canvas()) == nil })
	var occ []data.AppointmentView
	for i := 0; i < 3; i++ {
		a, ok := findAppt(dayOf(t, h.store, day.AddDays(7*i)), f.durand.ID, 8*60)
		if !ok || a.SeriesID == "" {
			t.Fatalf("occurrence %d missing: %+v", i, a)
		}
		occ = append(occ, a)
	}
	// Move the second on its own, then the whole series to 10:00: the
	// exception stays at its own time.
	h.wait(c.setDay(occ[1].Day))
	c.form = nil
	test.Tap(blockOf(t, c, occ[1].ID))
	h.until("the occurrence opens", func() bool { return c.form != nil && c.form.orig != nil && c.form.scope != nil })
	retype(c.form.from, "09:00")
	test.Tap(c.form.save)
	h.until("saved", func() bool { return topModal(h.win.Canvas()) == nil })
	h.wait(c.setDay(occ[0].Day))
	c.form = nil
	test.Tap(blockOf(t, c, occ[0].ID))
	h.until("the first opens", func() bool { return c.form != nil && c.form.orig != nil && c.form.scope != nil })
	selectScope(c.form.scope, data.ScopeAll)
	retype(c.form.from, "10:00")
	test.Tap(c.form.save)
	h.until("the series is changed", func() bool { return topModal(h.win.Canvas()) == nil })
	for i, want := range []data.WallTime{10 * 60, 9 * 60, 10 * 60} {
		if _, ok := findAppt(dayOf(t, h.store, occ[i].Day), f.durand.ID, want); !ok {
			t.Errorf("occurrence %d is not at %s", i, want)
		}
	}
}

func TestFreedSlotIsOfferedToTheWaitlist(t *testing.T) {
	h, c, f := calendarHarness(t)
	ctx := context.Background()
	day := f.today.AddDays(3)
	later := f.today.AddDays(20)
	var jean, marie data.Appointment
	err := h.store.Update(ctx, func(tx *data.Tx) error {
		jean = data.Appointment{PractitionerID: f.anna.ID, PatientID: f.dupont.ID, TypeID: f.consult.ID, Day: day, Start: 9 * 60, End: 9*60 + 20, TimeZone: "Europe/Paris"}
		marie = data.Appointment{PractitionerID: f.anna.ID, PatientID: f.dupuis.ID, TypeID: f.consult.ID, Day: later, Start: 9 * 60, End: 9*60 + 20, TimeZone: "Europe/Paris"}
		for _, a := range []*data.Appointment{&jean, &marie} {
			if _, err := tx.Book(a, true); err != nil {
				return err
			}
		}
		return tx.Save(&data.WaitlistEntry{PatientID: f.dupuis.ID, PractitionerID: f.anna.ID, TypeID: f.consult.ID, AppointmentID: marie.ID, Before: later})
	})
	if err != nil {
		t.Fatal(err)
	}
	h.wait(c.setDay(day))
	c.form = nil
	test.Tap(blockOf(t, c, jean.ID))
	h.until("opened", func() bool { return c.form != nil && c.form.orig != nil })
	test.Tap(c.form.status.cancelBtn)
	h.until("cancel form", func() bool { return c.cancelForm != nil })
	test.Type(c.cancelForm.reason, "Patient cancelled")
	test.Tap(c.cancelForm.confirm)
	h.until("the freed slot is offered", func() bool { return len(c.offers) == 1 })
	test.Tap(c.offers[0])
	h.until("the booking of the waitlisted patient opens", func() bool {
		return c.form != nil && c.form.start.waitlistID != "" && c.form.patient.chosen.ID == f.dupuis.ID
	})
	if c.form.from.Text != "09:00" || c.form.to.Text != "09:20" || c.form.date.Text != h.desk().pr.DateFormat.Format(day) {
		t.Errorf("the offer opened on %s %s–%s", c.form.date.Text, c.form.from.Text, c.form.to.Text)
	}
	test.Tap(c.form.save)
	h.until("booked", func() bool { return topModal(h.win.Canvas()) == nil })
	if _, ok := findAppt(dayOf(t, h.store, day), f.dupuis.ID, 9*60); !ok {
		t.Fatal("the waitlisted patient was not booked into the freed slot")
	}
	old, _ := h.store.Appointment(ctx, marie.ID)
	if old.Status != data.StatusCancelled || !strings.Contains(old.CancelReason, "earlier slot") {
		t.Errorf("the later booking: %s %q", old.Status, old.CancelReason)
	}
	if wl, _ := h.store.Waitlist(ctx); len(wl) != 0 {
		t.Errorf("still on the waitlist: %+v", wl)
	}
}

func TestFirstFreeSlotFillsTheForm(t *testing.T) {
	h, c, f := calendarHarness(t)
	tapSlot(c, 0, 9*60) // over Jean Dupont
	h.until("the form opens", func() bool { return c.form != nil })
	form := c.form
	test.Tap(form.slot)
	h.until("a free slot is filled in", func() bool {
		return form.from.Text != "09:00" || form.date.Text != h.desk().pr.DateFormat.Format(f.today)
	})
	test.Type(form.patient.search, "durand")
	h.until("found", func() bool { return len(form.patient.hits) == 1 })
	form.patient.list.Select(0)
	a, problems := form.draft()
	if len(problems) > 0 {
		t.Fatalf("the free slot is not bookable: %q", problems)
	}
	clashes, err := h.store.Clashes(context.Background(), a)
	if err != nil || len(clashes) != 0 {
		t.Errorf("the first free slot %s %s clashes: %+v %v", a.Day, a.Start, clashes, err)
	}
	if start, _ := data.ResolveLocal(a.Day, a.Start, h.desk().pr.Location()); start.Before(nowFunc().Add(-time.Minute)) {
		t.Errorf("the first free slot %s %s is in the past", a.Day, a.Start)
	}
}

// A cancelled appointment opens as it is: its reason shown, nothing
// wrong with it, and Restore offered, which books it again.
func TestReopeningACancelledAppointment(t *testing.T) {
	h, c, f := calendarHarness(t)
	martin, ok := findAppt(dayOf(t, h.store, f.today), f.martin.ID, 10*60)
	if !ok || martin.Status != data.StatusCancelled {
		t.Fatalf("the fixture's cancelled appointment: %+v", martin.Appointment)
	}
	test.Tap(blockOf(t, c, martin.ID))
	h.until("the cancelled appointment opens", func() bool { return c.form != nil && c.form.orig != nil })
	form := c.form
	h.drain() // the clash check, had it anything to say
	if !strings.Contains(form.status.label.Text, "cancelled (Patient is ill)") || !hasText(form.m.pop.Content, "Patient is ill") {
		t.Errorf("the reason is not shown: %q", form.status.label.Text)
	}
	if form.problems.Visible() || form.save.Disabled() {
		t.Errorf("the stored appointment reads as invalid: %q (save disabled %v)", form.problems.Text, form.save.Disabled())
	}
	if form.status.cancelBtn.Text != "Restore" || form.status.cancelBtn.Disabled() {
		t.Fatalf("Restore is not offered: %q disabled %v", form.status.cancelBtn.Text, form.status.cancelBtn.Disabled())
	}
	test.Tap(form.status.cancelBtn)
	h.until("restored", func() bool { return topModal(h.win.Canvas()) == nil })
	if a, _ := h.store.Appointment(context.Background(), martin.ID); a.Status != data.StatusBooked {
		t.Errorf("after Restore the appointment is %s", a.Status)
	}
}

// settle lays the dialogs out again as the GL driver does on its next
// frame after their content changed (the test canvas has no frames).
func settle(c fyne.Canvas) {
	for _, o := range c.Overlays().List() {
		o.Refresh()
	}
}

// The booking dialog keeps its size and place while its content
// changes: choosing a patient replaces the search list by one line, and
// a problem adds one; neither may move the buttons under the mouse.
func TestBookingDialogKeepsItsSizeAndPlace(t *testing.T) {
	h, c, _ := calendarHarness(t)
	cv := h.win.Canvas()
	tapSlot(c, 0, 10*60+30)
	h.until("the form opens", func() bool { return c.form != nil })
	form := c.form
	settle(cv)
	box := form.m.pop.Content
	pos, size := box.Position(), box.Size()
	same := func(what string) {
		t.Helper()
		settle(cv)
		if box.Position() != pos || box.Size() != size {
			t.Errorf("%s: the dialog moved from %v %v to %v %v", what, pos, size, box.Position(), box.Size())
		}
	}
	test.Type(form.patient.search, "dupu")
	h.until("the search finds Dupuis", func() bool { return len(form.patient.hits) == 1 })
	same("search results shown")
	form.patient.list.Select(0)
	same("a patient chosen")
	date := form.date.Text
	retype(form.date, "31/02/2026")
	if !form.problems.Visible() {
		t.Fatal("a date that does not exist shows no problem")
	}
	same("a problem shown")
	retype(form.date, date)
	same("the problem gone")
	change := findButtons(box, "Change")
	if len(change) != 1 {
		t.Fatalf("%d Change buttons", len(change))
	}
	test.Tap(change[0])
	same("back to the search")
}
