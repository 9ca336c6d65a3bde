package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// Calendar modes, in the order the toolbar offers them.
const (
	modeDay  = "day"
	modeWeek = "week"
)

var modes = []string{modeDay, modeWeek}

// modeNames are the modes as the toolbar shows them.
var modeNames = map[string]i18n.Key{modeDay: "calendar.mode.day", modeWeek: "calendar.mode.week"}

// bookingRefs are the lists every booking form needs.
type bookingRefs struct {
	Practitioners []data.Practitioner
	Types         []data.AppointmentType
	Hours         map[string][]data.WorkingHours
}

func loadRefs(ctx context.Context, s *data.Store) (bookingRefs, error) {
	var r bookingRefs
	var err error
	if r.Practitioners, err = s.Practitioners(ctx); err != nil {
		return r, err
	}
	r.Hours = map[string][]data.WorkingHours{}
	for _, p := range r.Practitioners {
		if r.Hours[p.ID], err = s.WorkingHoursOf(ctx, p.ID); err != nil {
			return r, err
		}
	}
	r.Types, err = s.AppointmentTypes(ctx)
	return r, err
}

// practitioner returns the practitioner with id.
func (r bookingRefs) practitioner(id string) (data.Practitioner, bool) {
	for _, p := range r.Practitioners {
		if p.ID == id {
			return p, true
		}
	}
	return data.Practitioner{}, false
}

// activePractitioners lists those who take bookings.
func (r bookingRefs) activePractitioners() []data.Practitioner {
	var out []data.Practitioner
	for _, p := range r.Practitioners {
		if p.Active {
			out = append(out, p)
		}
	}
	return out
}

// dayData is everything the calendar shows of a day or a week.
type dayData struct {
	Refs      bookingRefs
	Columns   []gridColumn
	Booked    int // appointments that are not cancelled
	Cancelled int
}

// buildDay sorts a day's appointments into one column per practitioner:
// every active practitioner, then any inactive one who still has
// appointments that day, in the store's order (by name), then any
// appointment whose practitioner is gone: nothing booked may disappear.
// The practitioners the secretary chose not to show (hidden) are left
// out, and so are their appointments from the counts.
func buildDay(w words, refs bookingRefs, offs []data.DayOff, appts []data.AppointmentView, day data.Date, hidden map[string]bool) dayData {
	dd := dayData{Refs: refs}
	byPr := map[string][]data.AppointmentView{}
	for _, a := range appts {
		byPr[a.PractitionerID] = append(byPr[a.PractitionerID], a)
		if !hidden[a.PractitionerID] {
			dd.count(a)
		}
	}
	seen := map[string]bool{}
	for _, p := range refs.Practitioners {
		if !p.Active && len(byPr[p.ID]) == 0 {
			continue
		}
		seen[p.ID] = true
		if hidden[p.ID] {
			continue
		}
		col := gridColumn{PractitionerID: p.ID, Day: day, Title: p.DisplayName, Short: shortName(p.DisplayName),
			Work: workBlocks(refs.Hours[p.ID], day), Appts: byPr[p.ID]}
		col.Subtitle = blocksText(col.Work)
		if col.Subtitle == "" {
			col.Subtitle = w.T("calendar.column.not_working_day")
		}
		if !p.Active {
			col.Subtitle = w.T("calendar.column.inactive", "Hours", col.Subtitle)
		}
		if o, ok := data.DayOffOn(offs, p.ID, day); ok {
			col.Off, col.OffID = offLabel(w, o), o.ID
		}
		dd.Columns = append(dd.Columns, col)
	}
	for _, a := range appts {
		if !seen[a.PractitionerID] {
			seen[a.PractitionerID] = true
			dd.Columns = append(dd.Columns, gridColumn{PractitionerID: a.PractitionerID, Day: day, Title: a.PractitionerName,
				Short: shortName(a.PractitionerName), Subtitle: w.T("calendar.column.not_listed"), Appts: byPr[a.PractitionerID]})
		}
	}
	return dd
}

func (dd *dayData) count(a data.AppointmentView) {
	if a.Status == data.StatusCancelled {
		dd.Cancelled++
	} else {
		dd.Booked++
	}
}

// loadDay reads a calendar day from the store, without the columns of
// the practitioners hidden.
func loadDay(ctx context.Context, w words, s *data.Store, day data.Date, loc *time.Location, hidden map[string]bool) (dayData, error) {
	refs, err := loadRefs(ctx, s)
	if err != nil {
		return dayData{}, err
	}
	offs, err := s.DaysOff(ctx, day, day)
	if err != nil {
		return dayData{}, err
	}
	appts, err := s.AppointmentsOn(ctx, day, loc)
	if err != nil {
		return dayData{}, err
	}
	return buildDay(w, refs, offs, appts, day, hidden), nil
}

// calendarScreen is home: a day with a column per practitioner, or a
// practitioner's week.
type calendarScreen struct {
	d       *desk
	day     data.Date
	mode    string
	weekPr  string // practitioner of the week view
	showCxl bool
	// hidden are the practitioners the day view leaves out; hoverPr and
	// focusPr the columns under the mouse and last used (lookedAt).
	hidden           map[string]bool
	hoverPr, focusPr string
	prefs            fyne.Preferences

	title    *widget.Label
	summary  *widget.Label
	modeSel  *widget.RadioGroup
	prSel    *deskSelect
	prFilter *widget.Button // chooses the practitioners of the day view
	prIDs    []string
	cxlCheck *widget.Check
	// toolbar is the toolbar's two ends, which a longer language must
	// never make meet (tests).
	toolbar  [2]fyne.CanvasObject
	grid     *timeGrid
	body     *fyne.Container
	empty    fyne.CanvasObject
	content  fyne.CanvasObject
	loads    *loader[calendarKey, dayData]
	refs     bookingRefs
	scrolled bool
	// loaded is the day or week on the widgets; form, cancelForm and
	// offers are the dialogs opened last: for tests and screenshot mode.
	loaded     dayData
	form       *bookingForm
	cancelForm *cancelForm
	dayOff     *dayOffForm
	offers     []*widget.Button
	printBtn   *widget.Button // with its menu (calendar_export.go)
	printMenu  *fyne.Menu
	printPop   *widget.PopUpMenu // the menu shown last
	exporter   *calendarExport   // the export dialog opened last
}

func newCalendarScreen(d *desk) *calendarScreen {
	c := &calendarScreen{d: d, mode: modeDay, showCxl: true, prefs: calendarPrefs()}
	c.loads = newLoader[calendarKey, dayData](d, c.key)
	c.loads.failed = func(err error) { setText(c.summary, c.d.w.Error(err), widget.DangerImportance) }
	c.restorePrefs()
	c.title = subheading("")
	c.summary = quiet("")
	c.summary.SizeName = theme.SizeNameCaptionText
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.step(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.step(1) })
	w := d.w
	today := widget.NewButton(w.T("calendar.today"), func() { c.setDay(c.d.today()) })
	pick := widget.NewButtonWithIcon("", theme.CalendarIcon(), func() { c.pickDate() })
	var modeLabels []string
	for _, m := range modes {
		modeLabels = append(modeLabels, w.T(modeNames[m]))
	}
	c.modeSel = widget.NewRadioGroup(modeLabels, func(label string) {
		for i, l := range modeLabels {
			if l == label && label != "" && modes[i] != c.mode {
				c.setMode(modes[i])
			}
		}
	})
	c.modeSel.Horizontal = true
	c.modeSel.Required = true
	c.modeSel.SetSelected(modeLabels[0])
	c.prSel = newDeskSelect(nil, func(name string) {
		for i, opt := range c.prSel.Options {
			if opt == name && i < len(c.prIDs) && c.prIDs[i] != c.weekPr {
				c.setWeekPractitioner(c.prIDs[i])
				c.load()
			}
		}
	})
	c.prSel.PlaceHolder = w.T("appointment.field.practitioner")
	c.prSel.Hide()
	c.prFilter = widget.NewButtonWithIcon(w.T("calendar.filter.all"), theme.VisibilityIcon(), func() { c.choosePractitioners() })
	c.cxlCheck = widget.NewCheck(w.T("calendar.show_cancelled"), func(on bool) {
		if on != c.showCxl {
			c.showCxl = on
			c.redraw()
		}
	})
	c.cxlCheck.SetChecked(true)
	dayOff := widget.NewButtonWithIcon(w.T("calendar.day_off"), theme.ContentRemoveIcon(), func() { c.newDayOff() })
	book := widget.NewButtonWithIcon(w.T("calendar.book"), theme.ContentAddIcon(), func() { c.bookNow() })
	book.Importance = widget.HighImportance
	titles := container.New(&tight{overlap: theme.InnerPadding() + 4}, c.title, c.summary)
	left := container.NewHBox(prev, today, next, pick, titles)
	right := container.NewHBox(c.modeSel, container.New(&minWidth{w: 170}, container.NewStack(c.prSel, c.prFilter)), c.cxlCheck,
		dayOff, c.newPrintButton(), book)
	bar := container.NewBorder(nil, nil, left, right)
	c.toolbar = [2]fyne.CanvasObject{left, right}
	c.grid = newTimeGrid(gridHandlers{
		empty: func(col gridColumn, at data.WallTime) { c.focusOn(col); c.bookAt(col.PractitionerID, col.Day, at) },
		open:  func(a data.AppointmentView) { c.focusPr = a.PractitionerID; c.openAppointment(a.ID) },
		drop:  c.dropped,
		off:   func(col gridColumn) { c.focusOn(col); c.openDayOff(col.OffID) },
		hover: c.hovered,
	})
	c.grid.body.h.arrive = func(a data.AppointmentView) { c.arrive(a) }
	c.empty = container.New(layout.NewCustomPaddedLayout(10, 10, 10, 10), noPractitionersView(d))
	c.body = container.NewStack(c.grid.content)
	c.content = container.NewBorder(
		container.New(layout.NewCustomPaddedLayout(4, 4, 8, 8), bar), nil, nil, nil,
		container.NewBorder(hline(), nil, nil, nil, c.body))
	return c
}

func (c *calendarScreen) view() fyne.CanvasObject { return c.content }

func (c *calendarScreen) shown() <-chan struct{} {
	if c.day.IsZero() {
		c.day = c.d.today()
	}
	return c.load()
}

// setDay moves the calendar to another day (the week that holds it).
func (c *calendarScreen) setDay(day data.Date) <-chan struct{} {
	c.day = day
	c.scrolled = false
	return c.load()
}

// step moves a day back or forth, or a week in the week view.
func (c *calendarScreen) step(n int) <-chan struct{} {
	if c.mode == modeWeek {
		n *= 7
	}
	return c.setDay(c.day.AddDays(n))
}

// setMode switches between the day and the week view.
func (c *calendarScreen) setMode(m string) <-chan struct{} {
	c.mode = m
	c.scrolled = false
	if label := c.d.w.T(modeNames[m]); c.modeSel.Selected != label {
		c.modeSel.SetSelected(label)
	}
	if m == modeWeek {
		c.prSel.Show()
		c.prFilter.Hide()
	} else {
		c.prSel.Hide()
		c.prFilter.Show()
	}
	return c.load()
}

// calendarKey is what the calendar shows: a load is applied only while
// it still does.
type calendarKey struct {
	day          data.Date
	mode         string
	practitioner string // of the week view
}

func (c *calendarScreen) key() calendarKey {
	return calendarKey{day: c.day, mode: c.mode, practitioner: c.weekPr}
}

// load reads the day or week in the background; a newer load makes an
// older one stale, and stale results are dropped.
func (c *calendarScreen) load() <-chan struct{} {
	day, loc, store, mode, pr := c.day, c.d.pr.Location(), c.d.store, c.mode, c.weekPr
	hidden := make(map[string]bool, len(c.hidden))
	for id := range c.hidden {
		hidden[id] = true
	}
	if p, ok := c.refs.practitioner(pr); mode == modeWeek && len(c.refs.Practitioners) > 0 && (!ok || !p.Active) {
		pr = "" // remembered, but no longer taking bookings: the first one's week
	}
	w, first := c.d.w, c.d.pr.FirstWeekday()
	if mode == modeWeek {
		c.title.SetText(w.T("calendar.week_of", "Date", weekStart(day, first)))
	} else {
		c.title.SetText(w.dayTitle(day))
	}
	setText(c.summary, w.T("common.loading"), widget.LowImportance)
	return c.loads.load(c.key(), func(ctx context.Context) (dayData, error) {
		if mode == modeWeek {
			return loadWeek(ctx, w, store, pr, weekStart(day, first), loc)
		}
		return loadDay(ctx, w, store, day, loc, hidden)
	}, c.apply)
}

func (c *calendarScreen) apply(dd dayData) {
	c.loaded = dd
	c.refs = dd.Refs
	c.fillPractitioners()
	sum := c.d.w.N("calendar.summary.booked", dd.Booked)
	if dd.Cancelled > 0 {
		sum += " · " + c.d.w.N("calendar.summary.cancelled", dd.Cancelled)
	}
	setText(c.summary, sum, widget.LowImportance)
	if len(dd.Columns) == 0 {
		c.body.Objects = []fyne.CanvasObject{c.empty}
		c.body.Refresh()
		return
	}
	if len(c.body.Objects) != 1 || c.body.Objects[0] != c.grid.content {
		c.body.Objects = []fyne.CanvasObject{c.grid.content}
		c.body.Refresh()
	}
	c.redraw()
	if !c.scrolled {
		c.scrolled = true
		c.grid.scrollTo(c.openingTime())
	}
}

// redraw puts the loaded columns on the grid (after a load, or when the
// cancelled appointments are shown or hidden).
func (c *calendarScreen) redraw() {
	t := nowFunc().In(c.d.pr.Location())
	today := data.DateOf(t)
	now := data.WallTime(t.Hour()*60 + t.Minute())
	c.grid.keepFocus(c.d.win.Canvas(), func() { c.grid.set(c.d.w, c.loaded.Columns, c.showCxl, today, now) })
}

// openingTime is where the grid opens: an hour before now on today, else
// half an hour before the first working hour or appointment.
func (c *calendarScreen) openingTime() data.WallTime {
	t := nowFunc().In(c.d.pr.Location())
	for _, col := range c.loaded.Columns {
		if col.Day == data.DateOf(t) {
			return max(0, data.WallTime(t.Hour()*60+t.Minute())-60)
		}
	}
	first := data.WallTime(24 * 60)
	for _, col := range c.loaded.Columns {
		for _, w := range col.Work {
			first = min(first, w.start)
		}
		for _, a := range col.Appts {
			first = min(first, a.Start)
		}
	}
	if first == 24*60 {
		first = 8 * 60
	}
	return max(0, first-30)
}

// fillPractitioners keeps the week view's list of practitioners current
// and picks the first one when none is chosen.
func (c *calendarScreen) fillPractitioners() {
	var names, ids []string
	for _, p := range c.refs.activePractitioners() {
		names = append(names, p.DisplayName)
		ids = append(ids, p.ID)
	}
	c.prSel.Options, c.prIDs = names, ids
	listed := false
	for _, id := range ids {
		listed = listed || id == c.weekPr
	}
	if !listed && len(ids) > 0 {
		c.weekPr = ids[0] // none remembered, or no longer taking bookings
	}
	c.showFilter()
	for i, id := range ids {
		if id == c.weekPr && c.prSel.Selected != names[i] {
			c.prSel.Selected = names[i]
		}
	}
	c.prSel.Refresh()
}

// bookAt opens the booking form on a practitioner's free time.
func (c *calendarScreen) bookAt(practitioner string, day data.Date, at data.WallTime) {
	openBooking(c.d, bookingStart{practitioner: practitioner, day: day, start: at}, c.saved)
}

// openAppointment opens a booked appointment.
func (c *calendarScreen) openAppointment(id string) {
	openAppointment(c.d, id, c.saved)
}

// saved reloads the calendar after a change, on day when it is another.
func (c *calendarScreen) saved(day data.Date) {
	if !day.IsZero() && c.mode == modeDay && day != c.day {
		c.setDay(day)
		return
	}
	if first := c.d.pr.FirstWeekday(); !day.IsZero() && c.mode == modeWeek && weekStart(day, first) != weekStart(c.day, first) {
		c.setDay(day)
		return
	}
	c.load()
}

// weekStart is the first day of d's week, for weeks that start on first
// (the practice's first weekday, see data.Practice.FirstWeekday).
func weekStart(d data.Date, first time.Weekday) data.Date {
	return d.AddDays(-((int(d.Weekday()) - int(first) + 7) % 7))
}
