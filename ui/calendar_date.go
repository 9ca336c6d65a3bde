package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// datePicker is the "go to a date" dialog: a month to click in, or the
// date typed in the practice's format, parsed strictly.
type datePicker struct {
	m     *modal
	entry *deskEntry
	err   *widget.Label
	goBtn *widget.Button
	day   data.Date
}

// pickDate opens the date picker on the calendar's day.
func (c *calendarScreen) pickDate() *datePicker {
	df := c.d.pr.DateFormat
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
	p.goBtn = button("Go", true, func() {
		if d, err := df.Parse(p.entry.Text); err == nil {
			goTo(d)
		}
	})
	p.entry.OnChanged = func(s string) {
		d, err := df.Parse(s)
		if err != nil {
			showError(p.err, "Date: "+err.Error()+".")
			p.goBtn.Disable()
			return
		}
		p.day = d
		showError(p.err, "")
		p.goBtn.Enable()
	}
	p.entry.OnSubmitted = func(string) {
		if !p.goBtn.Disabled() {
			p.goBtn.OnTapped()
		}
	}
	p.entry.onEscape = func() { m.close() }
	cal := widget.NewCalendar(time.Date(c.day.Year, c.day.Month, c.day.Day, 12, 0, 0, 0, time.UTC), func(t time.Time) {
		goTo(data.DateOf(t))
	})
	body := container.NewVBox(cal, widget.NewForm(widget.NewFormItem("Date", p.entry)), p.err)
	m = showModal(c.d.win.Canvas(), "Go to a date", container.New(&minWidth{w: 340}, body),
		button("Cancel", false, func() { m.close() }), p.goBtn)
	p.m = m
	c.d.win.Canvas().Focus(p.entry)
	return p
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
