package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

func TestWaitingRoomMovesPatientsOn(t *testing.T) {
	h, _, f := calendarHarness(t)
	ctx := context.Background()
	d := h.desk()
	// Jean arrives through the desk, so his arrival is stamped.
	jean, _ := findAppt(dayOf(t, h.store, f.today), f.dupont.ID, 9*60)
	w := d.screens[screenWaiting].(*waitingScreen)
	h.wait(d.show(screenWaiting))
	if len(w.loaded.Expected) != 1 || len(w.loaded.Waiting) != 1 {
		t.Fatalf("board: %d expected, %d waiting", len(w.loaded.Expected), len(w.loaded.Waiting))
	}
	test.Tap(w.buttons[jean.ID]) // Arrived
	h.until("Jean is waiting", func() bool { return len(w.loaded.Waiting) == 2 })
	a, _ := h.store.Appointment(ctx, jean.ID)
	if a.Status != data.StatusArrived || a.Times.Arrived.IsZero() {
		t.Fatalf("after Arrived: %s at %v", a.Status, a.Times.Arrived)
	}
	if !hasText(w.view(), "waiting 0 min (since ") {
		t.Errorf("the board does not say how long Jean has waited: %q", texts(w.view()))
	}
	test.Tap(w.buttons[jean.ID]) // To the room
	h.until("Jean is in the room", func() bool { return len(w.loaded.InRoom) == 1 })
	test.Tap(w.buttons[jean.ID]) // Done
	h.until("Jean is seen", func() bool { return w.loaded.Seen == 1 })
	a, _ = h.store.Appointment(ctx, jean.ID)
	if a.Status != data.StatusDone || a.Times.InRoom.IsZero() || a.Times.Done.IsZero() {
		t.Errorf("after the visit: %s, times %+v", a.Status, a.Times)
	}
	if !hasText(w.view(), "1 seen") {
		t.Errorf("summary: %q", w.summary.Text)
	}
}

func TestCallListsConfirmAndExport(t *testing.T) {
	h, _, f := calendarHarness(t)
	ctx := context.Background()
	d := h.desk()
	tomorrow := f.today.AddDays(1)
	var a data.Appointment
	err := h.store.Update(ctx, func(tx *data.Tx) error {
		a = data.Appointment{PractitionerID: f.anna.ID, PatientID: f.dupont.ID, TypeID: f.consult.ID, Day: tomorrow,
			Start: 9 * 60, End: 9*60 + 20, TimeZone: "Europe/Paris"}
		_, err := tx.Book(&a, true)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r := d.screens[screenCalls].(*remindersScreen)
	h.wait(d.show(screenCalls))
	if len(r.loaded.Reminders) != 1 || r.loaded.Reminders[0].Phone != "06 12 34 56 78" {
		t.Fatalf("reminders: %+v", r.loaded.Reminders)
	}
	if !hasText(r.view(), "Jean Dupont") || !hasText(r.view(), "06 12 34 56 78") {
		t.Errorf("the call list does not show Jean and his phone: %q", texts(r.view()))
	}
	r.confirm(r.loaded.Reminders[0])
	h.until("confirmed", func() bool {
		return len(r.loaded.Reminders) == 1 && r.loaded.Reminders[0].Status == data.StatusConfirmed
	})
	got, _ := h.store.Appointment(ctx, a.ID)
	if got.Status != data.StatusConfirmed || got.Times.Confirmed.IsZero() {
		t.Errorf("after the call: %s %v", got.Status, got.Times.Confirmed)
	}
}

func TestDayOffThroughTheCalendar(t *testing.T) {
	h, c, f := calendarHarness(t)
	form := c.newDayOff()
	form.who.SetSelected("Dr Paul Roche")
	form.kind.SetSelectedIndex(1) // leave
	retype(form.to, "32/13/2026")
	if !form.save.Disabled() || !strings.Contains(form.problem.Text, "To:") {
		t.Fatalf("a malformed date: problem %q", form.problem.Text)
	}
	retype(form.to, h.desk().pr.DateFormat.Format(f.today.AddDays(-1)))
	if !form.save.Disabled() || !strings.Contains(form.problem.Text, "before the first day off") {
		t.Fatalf("an end before the start: %q", form.problem.Text)
	}
	retype(form.to, h.desk().pr.DateFormat.Format(f.today))
	test.Type(form.reason, "Conference")
	test.Tap(form.save)
	h.until("the day off is on the calendar", func() bool { return len(c.loaded.Columns) == 2 && c.loaded.Columns[1].Off != "" })
	if c.loaded.Columns[1].Off != "Leave: Conference" || !hasText(c.view(), "Leave: Conference") {
		t.Errorf("Paul's column: %+v", c.loaded.Columns[1])
	}
	// Booking on it is warned about by name.
	clashes, err := h.store.Clashes(context.Background(), data.Appointment{PractitionerID: f.paul.ID, Day: f.today,
		Start: 9 * 60, End: 9*60 + 20, TimeZone: "Europe/Paris"})
	if err != nil || len(clashes) != 1 || !strings.Contains(clashes[0].Text(data.DMY), "day off for Dr Paul Roche (leave: Conference)") {
		t.Errorf("clash on the day off: %+v %v", clashes, err)
	}
	// A tap on the blocked column opens it; it can be removed.
	b := c.grid.body
	paul := b.spans()[1]
	test.TapAt(b, fyne.NewPos(paul.x+paul.w/2, b.yOf(10*60)))
	h.until("the day off opens", func() bool { return c.dayOff != form && c.dayOff.remove != nil })
	test.Tap(c.dayOff.remove)
	h.until("the day off is gone", func() bool { return c.loaded.Columns[1].Off == "" })
}

func TestPrintDayList(t *testing.T) {
	h, c, _ := calendarHarness(t)
	var opened string
	open := openDocument
	openDocument = func(path string) error { opened = path; return nil }
	t.Cleanup(func() { openDocument = open })
	h.wait(c.print())
	if opened == "" || filepath.Dir(opened) != printsDir(h.store) {
		t.Fatalf("printed to %q", opened)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", opened, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Day list", "Dr Anna Weber", "Jean Dupont", "06 12 34 56 78", "Dr Paul Roche", "Marie Dupuis"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the printed day list lacks %q", want)
		}
	}
	if dir, err := os.Stat(filepath.Dir(opened)); err != nil || dir.Mode().Perm()&0o077 != 0 {
		t.Errorf("the prints folder is open to others: %v, %v", dir.Mode(), err)
	}
	var n int
	h.store.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'print' AND entity = 'daylist'`).Scan(&n)
	if n != 1 {
		t.Errorf("%d audit rows for one print", n)
	}
}
