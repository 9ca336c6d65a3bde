package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// datePicker is the "go to a date" dialog: a month to click in, or the
// date typed in the practice's format, parsed strictly.
type datePicker struct {
	m     *modal
	month *monthGrid
	entry *deskEntry
	err   *widget.Label
	goBtn *widget.Button
	day   data.Date
}

// pickDate opens the date picker on the calendar's day.
func (c *calendarScreen) pickDate() *datePicker {
	df, w := c.d.pr.DateFormat, c.d.w
	p := &datePicker{day: c.day}
	var m *modal
	goTo := func(d data.Date) {
		m.close()
		c.setDay(d)
	}
	p.entry = newDeskEntry(c.d.focusSearch)
	p.entry.SetPlaceHolder(df.Example())
	p.entry.SetText(df.Format(c.day))
	p.err = fieldError()
	p.goBtn = button(w.T("date_picker.go"), true, func() {
		if d, err := df.Parse(p.entry.Text); err == nil {
			goTo(d)
		}
	})
	p.entry.OnChanged = func(s string) {
		d, err := df.Parse(s)
		if err != nil {
			showError(p.err, w.fieldProblem("appointment.field.date", err))
			p.goBtn.Disable()
			return
		}
		p.day = d
		if p.month != nil && p.month.selected != d {
			p.month.selected = d
			p.month.show(d)
		}
		showError(p.err, "")
		p.goBtn.Enable()
	}
	p.entry.OnSubmitted = func(string) {
		if !p.goBtn.Disabled() {
			p.goBtn.OnTapped()
		}
	}
	p.entry.onEscape = func() { m.close() }
	p.month = newMonthGrid(w, c.day, c.d.pr.FirstWeekday(), goTo)
	body := container.NewVBox(p.month.content, widget.NewForm(widget.NewFormItem(w.T("appointment.field.date"), p.entry)), p.err)
	m = showModal(c.d.win.Canvas(), w.T("date_picker.title"), container.New(&minWidth{w: 340}, body),
		button(w.T("common.cancel"), false, func() { m.close() }), p.goBtn)
	p.m = m
	c.d.win.Canvas().Focus(p.entry)
	return p
}

// monthGrid is a month to click in, its weeks starting on the
// practice's first weekday as the week view's do, its names in the
// desk's language (Fyne's calendar follows the computer's settings
// instead).
type monthGrid struct {
	w        words
	first    time.Weekday
	month    data.Date // the first of the month shown
	selected data.Date
	onPick   func(data.Date)
	title    *widget.Label
	days     *fyne.Container // the weekday names, then a cell per day
	content  fyne.CanvasObject
}

func newMonthGrid(w words, day data.Date, first time.Weekday, onPick func(data.Date)) *monthGrid {
	g := &monthGrid{w: w, first: first, selected: day, onPick: onPick}
	g.title = bold("")
	g.title.Alignment = fyne.TextAlignCenter
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { g.show(g.month.AddDays(-1)) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { g.show(g.month.AddDays(31)) })
	g.days = container.NewGridWithColumns(7)
	g.content = container.NewBorder(container.NewBorder(nil, nil, prev, next, g.title), nil, nil, nil, g.days)
	g.show(day)
	return g
}

// show draws the month that holds d.
func (g *monthGrid) show(d data.Date) {
	g.month = data.Date{Year: d.Year, Month: d.Month, Day: 1}
	g.title.SetText(i18n.Title(g.w.T("date_picker.month", "Month", g.month.Month, "Year", strconv.Itoa(g.month.Year))))
	var cells []fyne.CanvasObject
	for i := 0; i < 7; i++ {
		l := quiet(g.w.ShortWeekday(time.Weekday((int(g.first) + i) % 7)))
		l.Alignment = fyne.TextAlignCenter
		cells = append(cells, l)
	}
	for i := 0; i < (int(g.month.Weekday())-int(g.first)+7)%7; i++ {
		cells = append(cells, layout.NewSpacer())
	}
	for n := 1; n <= data.DaysIn(g.month.Year, g.month.Month); n++ {
		day := data.Date{Year: g.month.Year, Month: g.month.Month, Day: n}
		b := widget.NewButton(strconv.Itoa(n), func() { g.onPick(day) })
		b.Importance = widget.LowImportance
		if day == g.selected {
			b.Importance = widget.HighImportance
		}
		cells = append(cells, b)
	}
	g.days.Objects = cells
	g.days.Refresh()
}

// minWidth gives its only child at least width w.
type minWidth struct{ w float32 }

func (m *minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(max(s.Width, m.w), s.Height)
}

func (m *minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}
