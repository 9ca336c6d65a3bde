package ui

import (
	"fyne.io/fyne/v2"
)

// bookingShots adds the booking screens to screenshot mode: the day view
// (day.png), the first practitioner's week (week.png), the booking form
// open on a slot with a patient search typed, its first result
// highlighted (booking.png), and the question Escape asks of it then
// (booking-discard.png). It runs on the screenshot goroutine; shoot
// prepares on the UI goroutine.
func (sh *shell) bookingShots(d *desk, shoot func(string, func() <-chan struct{})) {
	shoot("day", func() <-chan struct{} { return d.calendar.setMode(modeDay) })
	shoot("booking", func() <-chan struct{} {
		done := make(chan struct{})
		pr := ""
		if ps := d.calendar.refs.activePractitioners(); len(ps) > 0 {
			pr = ps[0].ID
		}
		f := newBookingForm(d, d.calendar.refs, bookingStart{practitioner: pr, day: d.calendar.day, start: 11*60 + 15},
			nil, nil, nil)
		f.patient.onSearched = func() {
			f.patient.onSearched = nil
			close(done)
		}
		f.patient.search.SetText("Mar")
		f.notes.SetText(d.w.T("shots.booking_notes"))
		return done
	})
	shoot("booking-discard", func() <-chan struct{} {
		if m := topModal(d.win.Canvas()); m != nil {
			m.escape()
		}
		return closed()
	})
	fyne.DoAndWait(func() {
		for closeTopModal(d.win.Canvas()) {
		}
	})
	// The week of the practitioner with the most appointments today.
	shoot("week", func() <-chan struct{} {
		best := -1
		for _, col := range d.calendar.loaded.Columns {
			if len(col.Appts) > best {
				best, d.calendar.weekPr = len(col.Appts), col.PractitionerID
			}
		}
		return d.calendar.setMode(modeWeek)
	})
	var back <-chan struct{}
	fyne.DoAndWait(func() { back = d.calendar.setMode(modeDay) })
	<-back
}
