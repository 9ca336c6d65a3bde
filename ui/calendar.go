package ui

import (
	"context"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// dayColumn is one practitioner's column of a calendar day.
type dayColumn struct {
	Name  string
	Note  string // speciality, or "inactive"
	Hours string // "08:00–12:00, 14:00–18:00"; "" when not working that day
	Appts []data.AppointmentView
}

// dayData is everything a calendar day shows.
type dayData struct {
	Columns   []dayColumn
	Booked    int // appointments that are not cancelled
	Cancelled int
}

// buildDay sorts a day's appointments into one column per practitioner:
// every active practitioner, then any inactive one who still has
// appointments that day, in the store's order (by name).
func buildDay(prs []data.Practitioner, hours map[string][]data.WorkingHours, appts []data.AppointmentView, day data.Date) dayData {
	var dd dayData
	byPr := map[string][]data.AppointmentView{}
	for _, a := range appts {
		byPr[a.PractitionerID] = append(byPr[a.PractitionerID], a)
		if a.Status == data.StatusCancelled {
			dd.Cancelled++
		} else {
			dd.Booked++
		}
	}
	seen := map[string]bool{}
	for _, p := range prs {
		if !p.Active && len(byPr[p.ID]) == 0 {
			continue
		}
		seen[p.ID] = true
		note := p.Speciality
		if !p.Active {
			note = "inactive"
		}
		dd.Columns = append(dd.Columns, dayColumn{Name: p.DisplayName, Note: note,
			Hours: hoursOn(hours[p.ID], day.Weekday()), Appts: byPr[p.ID]})
	}
	// An appointment whose practitioner is not in the list (deleted since)
	// still gets a column: nothing booked may disappear from the day.
	for _, a := range appts {
		if !seen[a.PractitionerID] {
			seen[a.PractitionerID] = true
			dd.Columns = append(dd.Columns, dayColumn{Name: a.PractitionerName, Note: "no longer listed", Appts: byPr[a.PractitionerID]})
		}
	}
	return dd
}

// loadDay reads a calendar day from the store.
func loadDay(ctx context.Context, s *data.Store, day data.Date, loc *time.Location) (dayData, error) {
	prs, err := s.Practitioners(ctx)
	if err != nil {
		return dayData{}, err
	}
	hours := map[string][]data.WorkingHours{}
	for _, p := range prs {
		if hours[p.ID], err = s.WorkingHoursOf(ctx, p.ID); err != nil {
			return dayData{}, err
		}
	}
	appts, err := s.AppointmentsOn(ctx, day, loc)
	if err != nil {
		return dayData{}, err
	}
	return buildDay(prs, hours, appts, day), nil
}

// statusImportance colours a status; the status is always written too.
func statusImportance(status string) widget.Importance {
	switch status {
	case data.StatusConfirmed:
		return widget.SuccessImportance
	case data.StatusArrived, data.StatusInRoom:
		return widget.HighImportance
	case data.StatusNoShow:
		return widget.DangerImportance
	case data.StatusDone, data.StatusCancelled:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// calendarScreen is home: one day, a column per practitioner.
type calendarScreen struct {
	d       *desk
	day     data.Date
	title   *widget.Label
	summary *widget.Label
	body    *fyne.Container
	content fyne.CanvasObject
	gen     int
	cancel  context.CancelFunc
	// loaded is the day on the widgets, for tests.
	loaded dayData
}

func newCalendarScreen(d *desk) *calendarScreen {
	c := &calendarScreen{d: d}
	c.title = heading("")
	c.summary = quiet("")
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.setDay(c.day.AddDays(-1)) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.setDay(c.day.AddDays(1)) })
	today := widget.NewButton("Today", func() { c.setDay(c.d.today()) })
	nav := container.NewHBox(prev, today, next, c.title)
	notice := quiet("Read-only for now: booking, moving and cancelling appointments arrive with the booking work.")
	notice.TextStyle.Italic = true
	notice.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(container.NewBorder(nil, nil, nav, c.summary), notice)
	c.body = container.NewStack()
	c.content = container.NewBorder(
		container.New(layout.NewCustomPaddedLayout(6, 0, 10, 10), top), nil, nil, nil,
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

// setDay moves the calendar to another day.
func (c *calendarScreen) setDay(day data.Date) <-chan struct{} {
	c.day = day
	return c.load()
}

// load reads the day in the background; a newer load makes an older one
// stale, and stale results are dropped.
func (c *calendarScreen) load() <-chan struct{} {
	c.gen++
	gen := c.gen
	if c.cancel != nil {
		c.cancel()
	}
	ctx, cancel := loadContext()
	c.cancel = cancel
	day, loc, store := c.day, c.d.pr.Location(), c.d.store
	c.title.SetText(dayTitle(c.d.pr.DateFormat, day))
	setText(c.summary, "Loading…", widget.LowImportance)
	done := make(chan struct{})
	go func() {
		dd, err := loadDay(ctx, store, day, loc)
		c.d.do(func() {
			defer close(done)
			if gen != c.gen {
				return
			}
			cancel()
			c.apply(dd, err)
		})
	}()
	return done
}

func (c *calendarScreen) apply(dd dayData, err error) {
	if err != nil {
		c.d.sayError(err)
		setText(c.summary, data.ErrorMessage(err), widget.DangerImportance)
		c.body.Objects = nil
		c.body.Refresh()
		return
	}
	c.loaded = dd
	sum := countText(dd.Booked, "appointment", "appointments")
	if dd.Cancelled > 0 {
		sum += " · " + countText(dd.Cancelled, "cancelled", "cancelled")
	}
	setText(c.summary, sum, widget.LowImportance)
	if len(dd.Columns) == 0 {
		msg := paragraph("This practice has no practitioners yet, so the calendar has no columns. " +
			"Practitioners and their working hours are listed in Settings.")
		c.body.Objects = []fyne.CanvasObject{container.New(layout.NewCustomPaddedLayout(10, 10, 10, 10),
			container.NewVBox(msg))}
		c.body.Refresh()
		return
	}
	// On today, each column opens at what is still to come.
	now := data.WallTime(-1)
	if c.day == c.d.today() {
		t := nowFunc().In(c.d.pr.Location())
		now = data.WallTime(t.Hour()*60 + t.Minute())
	}
	cols := make([]fyne.CanvasObject, len(dd.Columns))
	for i, col := range dd.Columns {
		v := columnView(col, firstFrom(col.Appts, now))
		if i > 0 {
			v = container.NewBorder(nil, nil, vline(), nil, v)
		}
		cols[i] = v
	}
	c.body.Objects = []fyne.CanvasObject{container.NewGridWithColumns(len(cols), cols...)}
	c.body.Refresh()
}

// firstFrom is the index of the first appointment that has not ended
// at wall time now; 0 when now is negative (another day) or all ended.
func firstFrom(appts []data.AppointmentView, now data.WallTime) int {
	if now < 0 {
		return 0
	}
	for i, a := range appts {
		if a.End > now {
			return i
		}
	}
	return 0
}

// columnView is one practitioner's column: a header and the list of the
// day's appointments, scrolled to row first.
func columnView(col dayColumn, first int) fyne.CanvasObject {
	name := bold(col.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	hours := col.Hours
	if hours == "" {
		hours = "Not working this day"
	}
	if col.Note != "" {
		hours = col.Note + " · " + hours
	}
	sub := quiet(hours)
	sub.Truncation = fyne.TextTruncateEllipsis
	head := container.New(&tight{overlap: theme.InnerPadding()}, name, sub)
	appts := col.Appts
	list := &dayList{start: first}
	list.Length = func() int { return len(appts) }
	list.CreateItem = func() fyne.CanvasObject { return newApptRow() }
	list.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { o.(*apptRow).set(appts[id]) }
	list.ExtendBaseWidget(list)
	var body fyne.CanvasObject = list
	if len(appts) == 0 {
		body = container.NewVBox(quiet("No appointments."))
	}
	return container.NewBorder(
		withBackground(barColour, container.NewBorder(nil, hline(), nil, nil, container.New(layout.NewCustomPaddedLayout(2, 2, 4, 4), head))),
		nil, nil, nil, body)
}

// dayList is a column's list, which opens scrolled so that row start is
// at the top. A list can only scroll once it has a size, hence Resize.
type dayList struct {
	widget.List
	start int
}

func (l *dayList) Resize(s fyne.Size) {
	l.List.Resize(s)
	if l.start > 0 && s.Height > 0 {
		l.MinSize() // makes sure the scroller exists
		rowHeight := newApptRow().MinSize().Height
		l.ScrollToOffset(float32(l.start) * (rowHeight + theme.Padding()))
		l.start = 0
	}
}

// apptRow is one appointment in a column: time, patient and status on
// the first line, the type with its colour tag on the second.
type apptRow struct {
	widget.BaseWidget
	time, name, status, typ *widget.Label
	tag                     *canvas.Rectangle
	body                    fyne.CanvasObject
}

func newApptRow() *apptRow {
	r := &apptRow{time: bold("00:00–00:00"), name: truncated(""), status: widget.NewLabel(""), typ: truncated("")}
	r.tag = canvas.NewRectangle(color.Transparent)
	r.tag.CornerRadius = 2
	tagBox := container.New(&fixedBox{size: fyne.NewSize(10, 10)}, r.tag)
	line1 := container.NewBorder(nil, nil, r.time, r.status, r.name)
	line2 := container.NewBorder(nil, nil, container.New(layout.NewCustomPaddedLayout(0, 0, 8, 0), tagBox), nil, r.typ)
	r.body = container.New(&tight{overlap: theme.InnerPadding() + 2}, line1, line2)
	r.ExtendBaseWidget(r)
	return r
}

func (r *apptRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.body) }

func (r *apptRow) set(a data.AppointmentView) {
	cancelled := a.Status == data.StatusCancelled
	text := widget.MediumImportance
	if cancelled {
		text = widget.LowImportance
	}
	setText(r.time, timeRange(a.Start, a.End), text)
	name := a.PatientName
	if a.PatientID == "" {
		name = "No patient (blocked time)"
	}
	setText(r.name, name, text)
	status := data.StatusLabel(a.Status)
	if a.TimeFlag == data.FlagOverlap {
		status += " · clock change"
	}
	setText(r.status, status, statusImportance(a.Status))
	typ := a.TypeName
	if typ == "" {
		typ = "No type"
	}
	if cancelled && a.CancelReason != "" {
		typ += " — " + a.CancelReason
	}
	setText(r.typ, typ, text)
	c := parseColour(a.TypeColour)
	if cancelled {
		nc := c.(color.NRGBA)
		nc.A = 0x50
		c = nc
	}
	r.tag.FillColor = c
	r.tag.Refresh()
}
