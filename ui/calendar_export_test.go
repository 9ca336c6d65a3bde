package ui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// tapMenuItem taps the item of the popup menu on top of the canvas.
func tapMenuItem(t *testing.T, c fyne.Canvas, i int) {
	t.Helper()
	// The menu sits in Fyne's overlay container, whose Content is exported.
	top := reflect.ValueOf(c.Overlays().Top())
	var pm *widget.PopUpMenu
	ok := false
	if top.Kind() == reflect.Pointer && top.Elem().FieldByName("Content").IsValid() {
		pm, ok = top.Elem().FieldByName("Content").Interface().(*widget.PopUpMenu)
	}
	if !ok || len(pm.Items) <= i {
		t.Fatalf("no popup menu with item %d on top: %T", i, c.Overlays().Top())
	}
	test.Tap(pm.Items[i].(fyne.Tappable))
}

// TestCalendarExportThroughThePrintMenu: with Dr Roche left out of the
// day view, Print → Export to a calendar… and Enter write today's appointments of Dr Weber
// alone into the prints folder, the cancelled one marked cancelled and
// its reason left out; the export is audited and the status line says
// where the file is. Ctrl+E opens the same dialog, which exports the
// whole week when asked.
func TestCalendarExportThroughThePrintMenu(t *testing.T) {
	h, c, f := calendarHarness(t)
	d := h.desk()
	pc := c.choosePractitioners()
	pc.boxes.SetSelected([]string{f.anna.DisplayName})
	closeTopModal(h.win.Canvas())
	h.until("Dr Roche's column gone", func() bool { return len(c.loaded.Columns) == 1 })

	test.Tap(c.printBtn)
	tapMenuItem(t, h.win.Canvas(), 1)
	e := c.exporter
	if e == nil || topModal(h.win.Canvas()) != e.m {
		t.Fatal("Export… opened no dialog")
	}
	if e.span.Selected != e.spans[0] || !strings.Contains(e.who.Text, f.anna.DisplayName) || strings.Contains(e.who.Text, f.paul.DisplayName) {
		t.Fatalf("the dialog proposes %q for %q", e.span.Selected, e.who.Text)
	}
	h.press(fyne.KeyReturn)
	h.wait(e.done)
	path := filepath.Join(printsDir(h.store), "calendar-"+f.today.String()+".ics")
	ics, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the export: %v (status line: %q)", err, d.message.Text)
	}
	text := string(ics)
	for _, want := range []string{"BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "TZID:Europe/Paris", "Dupont", "Martin", "STATUS:CANCELLED"} {
		if !strings.Contains(text, want) {
			t.Errorf("the exported calendar lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Dupuis", "Patient is ill"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the exported calendar carries %q", unwanted)
		}
	}
	if want := filepath.Join(data.PrintsFolder, "calendar-"+f.today.String()+".ics"); !strings.Contains(d.message.Text, want) || topModal(h.win.Canvas()) != nil {
		t.Errorf("after the export the status line says %q (want the path %s), dialog still open: %v", d.message.Text, want, topModal(h.win.Canvas()) != nil)
	}
	var n int
	h.store.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'calendar'`).Scan(&n)
	if n != 1 {
		t.Errorf("%d audit rows for one export", n)
	}

	// Ctrl+E, the week.
	h.press(fyne.KeyE, fyne.KeyModifierShortcutDefault)
	if c.exporter == e || c.exporter == nil {
		t.Fatal("Ctrl+E opened no export")
	}
	e = c.exporter
	e.span.SetSelected(e.spans[1])
	test.Tap(e.export)
	h.wait(e.done)
	week := weekStart(f.today, d.pr.FirstWeekday())
	if _, err := os.Stat(filepath.Join(printsDir(h.store), "calendar-"+week.String()+"_"+week.AddDays(6).String()+".ics")); err != nil {
		t.Errorf("the week's export: %v (status line: %q)", err, d.message.Text)
	}
}

// TestCalendarExportOnlyForThoseWhoMayExport: for a secretary Print
// prints the day list at once, with no menu, and Ctrl+E says why it does
// nothing; the store refuses her the export's entries anyway.
func TestCalendarExportOnlyForThoseWhoMayExport(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newSignedOutHarness(t, s, Options{Logf: t.Logf})
	h.signInAs(data.RoleSecretary)
	d := h.desk()
	h.wait(d.show(screenCalendar))
	printed := make(chan string, 1)
	open := openDocument
	openDocument = func(path string) error { printed <- path; return nil }
	t.Cleanup(func() { openDocument = open })
	test.Tap(d.calendar.printBtn)
	h.until("the day list printed", func() bool { return len(printed) == 1 })
	if d.calendar.printPop != nil {
		t.Error("the secretary's Print opened a menu")
	}
	h.press(fyne.KeyE, fyne.KeyModifierShortcutDefault)
	if d.calendar.exporter != nil || !strings.Contains(d.message.Text, "does not give access") {
		t.Errorf("Ctrl+E for a secretary: dialog %v, status line %q", d.calendar.exporter != nil, d.message.Text)
	}
	if _, err := d.store.CalendarEntries(context.Background(), "", time.Time{}, time.Time{}); err == nil {
		t.Error("the store gives a secretary the calendar export's entries")
	}
}
