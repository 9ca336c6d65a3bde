package ui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/interop"
)

// The calendar's export to phones and calendar programs (.ics), the
// desk's side of `frontdesk export ics`: the day or the week on show,
// of the practitioners on show. It is in the menu of the calendar's
// Print button, and on Ctrl+E.

// exportShortcut is Ctrl+E (Cmd+E): export the calendar on show.
var exportShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}

// newPrintButton is the toolbar's Print. For those who may export (an
// .ics file leaves the practice's protection: data.RightExport) it opens
// a menu, the day list or the export, and costs the toolbar no width in
// any language; for the others it prints the day list at once.
func (c *calendarScreen) newPrintButton() *widget.Button {
	w := c.d.w
	c.printMenu = fyne.NewMenu("",
		fyne.NewMenuItem(w.T("calendar.print.day_list"), func() { c.print() }),
		fyne.NewMenuItem(w.T("calendar.export.menu"), func() { c.exportCalendar() }))
	c.printBtn = widget.NewButtonWithIcon(w.T("calendar.print"), theme.DocumentPrintIcon(), func() {
		if !c.d.can(data.RightExport) {
			c.print()
			return
		}
		b := c.printBtn
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).AddXY(0, b.Size().Height)
		c.printPop = widget.NewPopUpMenu(c.printMenu, c.d.win.Canvas())
		c.printPop.ShowAtPosition(at)
	})
	return c.printBtn
}

// calendarExport is the dialog that asks what to export.
type calendarExport struct {
	c       *calendarScreen
	m       *modal
	span    *widget.RadioGroup
	spans   []string // the span's labels: the day, the week
	who     *widget.Label
	prIDs   []string // the practitioners on show; nil: everyone
	export  *widget.Button
	day     data.Date
	weekDay data.Date // the first day of the day's week
	done    chan struct{}
}

// exportCalendar asks the range, then writes the .ics file into the
// prints folder, audited, and says where it went.
func (c *calendarScreen) exportCalendar() *calendarExport {
	d := c.d
	if !d.can(data.RightExport) {
		d.sayError(data.NewError(data.EForbidden, "access.forbidden", "Right", data.RightLabel(data.RightExport)))
		return nil
	}
	w := d.w
	e := &calendarExport{c: c, day: c.day, weekDay: weekStart(c.day, d.pr.FirstWeekday()), done: make(chan struct{})}
	e.prIDs = c.shownPractitioners()
	e.spans = []string{w.T("calendar.export.day", "Date", e.day),
		w.T("calendar.export.week", "From", e.weekDay, "To", e.weekDay.AddDays(6))}
	e.span = widget.NewRadioGroup(e.spans, nil)
	e.span.Required = true
	if c.mode == modeWeek {
		e.span.SetSelected(e.spans[1])
	} else {
		e.span.SetSelected(e.spans[0])
	}
	e.who = widget.NewLabel(w.T("calendar.export.who", "Names", c.practitionerNames(e.prIDs)))
	e.who.Wrapping = fyne.TextWrapWord
	privacy := widget.NewLabel(w.T("calendar.export.privacy"))
	privacy.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(bold(w.T("calendar.export.span")), e.span, e.who, privacy)
	cancel := button(w.T("common.cancel"), false, nil)
	e.export = button(w.T("calendar.export.button"), true, func() { e.write() })
	e.m = showModal(d.win.Canvas(), w.T("calendar.export.title"), container.New(&fixedWidth{w: 520}, body), cancel, e.export)
	cancel.OnTapped = e.m.close
	c.exporter = e
	return e
}

// shownPractitioners are the practitioners whose appointments are on
// show: the week's one, or the day view's columns when some are left
// out; nil when the day view shows everyone.
func (c *calendarScreen) shownPractitioners() []string {
	if c.mode == modeDay && len(c.hidden) == 0 {
		return nil
	}
	var ids []string
	for _, col := range c.loaded.Columns {
		if col.PractitionerID != "" && !slices.Contains(ids, col.PractitionerID) {
			ids = append(ids, col.PractitionerID)
		}
	}
	return ids
}

// practitionerNames names the practitioners of ids, or says everyone.
func (c *calendarScreen) practitionerNames(ids []string) string {
	if ids == nil {
		return c.d.w.T("calendar.export.everyone")
	}
	var names []string
	for _, id := range ids {
		if p, ok := c.refs.practitioner(id); ok {
			names = append(names, p.DisplayName)
		}
	}
	return strings.Join(names, ", ")
}

// write writes the file in the background; the dialog closes once it
// is written, and stays open with the error otherwise.
func (e *calendarExport) write() <-chan struct{} {
	d := e.c.d
	q := interop.CalendarQuery{From: e.day, To: e.day}
	if e.span.Selected == e.spans[1] {
		q.From, q.To = e.weekDay, e.weekDay.AddDays(6)
	}
	if len(e.prIDs) == 1 {
		q.PractitionerID = e.prIDs[0]
	}
	ids, store := e.prIDs, d.store
	e.export.Disable()
	return backgroundThen(d.do, func() (string, error) {
		return writeCalendarFile(context.Background(), store, q, ids)
	}, func(path string, err error) <-chan struct{} {
		defer close(e.done)
		e.export.Enable()
		if err != nil {
			d.sayError(err)
			return nil
		}
		e.m.close()
		d.sayWith(d.w.T("calendar.export.said", "Path", d.shownPath(path)), d.w.T("printout.open_folder"),
			d.folderOpener(filepath.Dir(path)))
		return nil
	})
}

// writeCalendarFile writes the appointments q chooses, of the
// practitioners ids only (nil: everyone), into the prints folder as
// calendar-FROM[_TO].ics, replacing an earlier export of the same days.
func writeCalendarFile(ctx context.Context, s *data.Store, q interop.CalendarQuery, ids []string) (string, error) {
	c, err := interop.LoadCalendar(ctx, s, q)
	if err != nil {
		return "", err
	}
	if len(ids) > 1 { // some of the day view's columns: the others left out
		c.Entries = slices.DeleteFunc(c.Entries, func(e data.CalendarEntry) bool { return !slices.Contains(ids, e.PractitionerID) })
	}
	dir, err := s.PrintsDir()
	if err != nil {
		return "", err
	}
	name := "calendar-" + q.From.String()
	if q.To != q.From {
		name += "_" + q.To.String()
	}
	detail := fmt.Sprintf("iCalendar of %d appointment(s) from %s to %s", len(c.Entries), q.From, q.To)
	if c.Practitioner.ID != "" {
		detail += " of " + c.Practitioner.DisplayName
	} else if len(ids) > 1 {
		detail += fmt.Sprintf(" of %d practitioners", len(ids))
	}
	return s.WriteOutput(ctx, data.Output{Path: filepath.Join(dir, name+".ics"), What: "The calendar",
		Action: "export", Entity: "calendar", Detail: detail},
		func(w io.Writer) error { return interop.WriteCalendar(w, c, time.Now()) })
}
