package ui

import (
	"strings"

	"fyne.io/fyne/v2/container"

	"frontdesk/data"
)

// dropped saves an appointment dragged to another time, column or
// length. A move over a clash is not made silently: the clash is named
// and the secretary chooses. An occurrence of a series moved this way
// becomes an exception (the series is changed through its form).
func (c *calendarScreen) dropped(v data.AppointmentView, col gridColumn, start, end data.WallTime) {
	a := v.Appointment
	a.PractitionerID, a.Day, a.Start, a.End = col.PractitionerID, col.Day, start, end
	c.move(v, a, false)
}

func (c *calendarScreen) move(v data.AppointmentView, a data.Appointment, allow bool) <-chan struct{} {
	var clashes []data.Clash
	return c.d.write(func(tx *data.Tx) error {
		var err error
		clashes, err = tx.Book(&a, allow)
		return err
	}, func(err error) {
		if data.ErrorCode(err) == data.EClash && len(clashes) > 0 {
			c.confirmMove(v, a, clashes)
			return
		}
		c.d.sayLogged(err)
		c.load() // back where it was
	}, func() <-chan struct{} {
		w := c.d.w
		c.d.say(w.T("move.said", "Who", whoOf(w, v), "Day", w.shortDay(a.Day), "Time", timeRange(a.Start, a.End)))
		c.saved(a.Day)
		return nil
	})
}

// confirmMove names the clashes of a move and asks once.
func (c *calendarScreen) confirmMove(v data.AppointmentView, a data.Appointment, clashes []data.Clash) *modal {
	var m *modal
	w := c.d.w
	text := w.T("move.clash.what", "Who", whoOf(w, v), "Weekday", a.Day.Weekday(), "Date", a.Day, "Time", timeRange(a.Start, a.End)) +
		"\n" + clashText(w, clashes)
	body := container.NewVBox(quiet(hardWrap(strings.TrimSpace(text), 90)))
	m = showModal(c.d.win.Canvas(), w.T("move.clash.title"), body,
		button(w.T("move.clash.keep"), false, func() { m.close(); c.load() }),
		button(w.T("move.clash.anyway"), true, func() { m.close(); c.move(v, a, true) }))
	return m
}
