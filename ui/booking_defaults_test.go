package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// firstFree is the store's own answer: the next free slot of prs for
// the consultation's length, from now.
func firstFree(t *testing.T, h *harness, prs ...string) data.Slot {
	t.Helper()
	sl, ok, err := h.store.FirstFreeSlot(context.Background(),
		data.SlotQuery{PractitionerIDs: prs, Minutes: 20, From: nowFunc()}, h.desk().pr.Location())
	if err != nil || !ok {
		t.Fatalf("no free slot for %v: %v", prs, err)
	}
	return sl
}

// ctrlN opens a new booking from the keyboard and waits for its proposal.
func ctrlN(t *testing.T, h *harness, c *calendarScreen) *bookingForm {
	t.Helper()
	c.form = nil
	h.press(fyne.KeyN, fyne.KeyModifierShortcutDefault)
	h.until("Ctrl+N opens a booking", func() bool { return c.form != nil })
	h.wait(c.form.proposed)
	return c.form
}

// slotOn says where the form stands: practitioner, day and time.
func slotOn(f *bookingForm) string {
	return f.prSel.Selected + " " + f.date.Text + " " + f.from.Text + "–" + f.to.Text
}

func slotText(h *harness, name string, sl data.Slot) string {
	return name + " " + h.desk().pr.DateFormat.Format(sl.Day) + " " + sl.Start.String() + "–" + sl.End.String()
}

// Ctrl+N books with the practitioner looked at, on that practitioner's
// next free slot; with nobody looked at, on the earliest free slot of
// anyone. The form opens without a red line.
func TestNewBookingProposesTheNextFreeSlot(t *testing.T) {
	h, c, f := calendarHarness(t)
	cv := h.win.Canvas()

	form := ctrlN(t, h, c)
	any := firstFree(t, h, f.anna.ID, f.paul.ID)
	name := map[string]string{f.anna.ID: "Dr Anna Weber", f.paul.ID: "Dr Paul Roche"}
	if got, want := slotOn(form), slotText(h, name[any.PractitionerID], any); got != want {
		t.Errorf("with nobody looked at, the form proposes %q, want the earliest free slot %q", got, want)
	}
	if form.problems.Visible() || form.result.Visible() {
		t.Errorf("red lines before anything was typed: %q %q", form.problems.Text, form.result.Text)
	}
	if !form.save.Disabled() {
		t.Error("Book is enabled without a patient")
	}
	closeTopModal(cv)

	// The mouse over Dr Paul Roche's column: his next free slot.
	paul := c.grid.body.spans()[1]
	test.MoveMouse(cv, fyne.CurrentApp().Driver().AbsolutePositionForObject(c.grid.scroll).Add(fyne.NewPos(paul.x+paul.w/2, 40)))
	if c.hoverPr != f.paul.ID {
		t.Fatalf("the mouse over Paul's column is not seen")
	}
	form = ctrlN(t, h, c)
	if got, want := slotOn(form), slotText(h, "Dr Paul Roche", firstFree(t, h, f.paul.ID)); got != want {
		t.Errorf("looking at Paul's column, the form proposes %q, want %q", got, want)
	}
	closeTopModal(cv)
	test.MoveMouse(cv, fyne.NewPos(2, 2)) // away from the grid

	// The column last used counts when the mouse is elsewhere (the Book button).
	dupuis, _ := findAppt(dayOf(t, h.store, f.today), f.dupuis.ID, 11*60)
	test.Tap(blockOf(t, c, dupuis.ID))
	h.until("Dupuis's appointment opens", func() bool { return c.form != nil && c.form.orig != nil })
	closeTopModal(cv)
	form = ctrlN(t, h, c)
	if form.prSel.Selected != "Dr Paul Roche" {
		t.Errorf("after working in Paul's column, the booking is with %q", form.prSel.Selected)
	}
	// Typing shows problems as before.
	retype(form.from, "25:00")
	if !form.problems.Visible() || !strings.Contains(form.problems.Text, `From: "25:00" is not a time of day.`) {
		t.Errorf("a slip typed shows no problem: %q", form.problems.Text)
	}
	closeTopModal(cv)

	// The week view books with the week's practitioner.
	h.wait(c.setMode(modeWeek))
	c.prSel.SetSelected("Dr Anna Weber")
	h.until("Anna's week", func() bool { return c.weekPr == f.anna.ID && c.loaded.Columns[0].PractitionerID == f.anna.ID })
	form = ctrlN(t, h, c)
	if got, want := slotOn(form), slotText(h, "Dr Anna Weber", firstFree(t, h, f.anna.ID)); got != want {
		t.Errorf("in Anna's week, the form proposes %q, want %q", got, want)
	}
}

// A time typed before the proposal comes back is kept.
func TestProposalNeverOverwritesWhatWasTyped(t *testing.T) {
	h, c, _ := calendarHarness(t)
	c.form = nil
	h.press(fyne.KeyN, fyne.KeyModifierShortcutDefault)
	h.until("Ctrl+N opens a booking", func() bool { return c.form != nil })
	form := c.form
	retype(form.from, "07:05") // before the store has answered
	h.wait(form.proposed)
	if form.from.Text != "07:05" {
		t.Errorf("the proposal overwrote the time typed: %q", form.from.Text)
	}
}

// The secretary chooses which practitioners the day view shows; the
// choice is remembered on this computer.
func TestDayViewShowsThePractitionersChosen(t *testing.T) {
	h, c, f := calendarHarness(t)
	if c.prFilter.Text != "All practitioners" || !c.prFilter.Visible() {
		t.Fatalf("the practitioners button: %q, shown %v", c.prFilter.Text, c.prFilter.Visible())
	}
	test.Tap(c.prFilter)
	pc := topModal(h.win.Canvas())
	if pc == nil {
		t.Fatal("no chooser")
	}
	var paul *widget.Check
	visitRendered(pc.pop.Content, func(o fyne.CanvasObject) {
		if ch, ok := o.(*widget.Check); ok && ch.Text == "Dr Paul Roche" {
			paul = ch
		}
	})
	if paul == nil {
		t.Fatal("no box for Dr Paul Roche")
	}
	test.Tap(paul)
	h.until("Paul's column is gone", func() bool { return len(c.loaded.Columns) == 1 })
	if c.loaded.Columns[0].PractitionerID != f.anna.ID || c.prFilter.Text != "1 of 2 practitioners" || c.loaded.Booked != 1 {
		t.Errorf("after leaving Paul out: %q, %d booked, button %q", c.loaded.Columns[0].Title, c.loaded.Booked, c.prFilter.Text)
	}
	// The last one cannot be left out too.
	var anna *widget.Check
	visitRendered(pc.pop.Content, func(o fyne.CanvasObject) {
		if ch, ok := o.(*widget.Check); ok && ch.Text == "Dr Anna Weber" {
			anna = ch
		}
	})
	test.Tap(anna)
	if !anna.Checked {
		t.Error("the last practitioner shown could be left out")
	}
	closeTopModal(h.win.Canvas())

	// Remembered: a desk opened later on this computer shows Anna alone.
	d2 := newDesk(h.win, h.store, h.desk().pr, Options{Logf: t.Logf}, func(fn func()) { h.queue <- fn })
	h.wait(d2.show(screenCalendar))
	if len(d2.calendar.loaded.Columns) != 1 || d2.calendar.loaded.Columns[0].PractitionerID != f.anna.ID {
		t.Errorf("the next start shows %d columns", len(d2.calendar.loaded.Columns))
	}
	// And the week view remembers whose week it showed.
	h.wait(d2.calendar.setMode(modeWeek))
	d2.calendar.prSel.SetSelected("Dr Paul Roche")
	h.until("Paul's week", func() bool { return d2.calendar.loaded.Columns[0].PractitionerID == f.paul.ID })
	d3 := newDesk(h.win, h.store, h.desk().pr, Options{Logf: t.Logf}, func(fn func()) { h.queue <- fn })
	h.wait(d3.show(screenCalendar))
	h.wait(d3.calendar.setMode(modeWeek))
	if d3.calendar.weekPr != f.paul.ID || d3.calendar.prSel.Selected != "Dr Paul Roche" {
		t.Errorf("the week view forgot Paul: %q", d3.calendar.prSel.Selected)
	}
}
