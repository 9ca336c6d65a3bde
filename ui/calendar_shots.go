package ui

import (
	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// bookingShots adds the booking screens to screenshot mode: the day view
// (day.png), the first practitioner's week (week.png), the booking form
// open on a slot with a patient search typed, its first result
// highlighted (booking.png), and the question Escape asks of it then
// (booking-discard.png); a booked appointment opened (appointment.png)
// and its cancellation (cancel.png), a new day off (day-off.png) and the
// date picker (go-to-date.png), the Print button's menu
// (calendar-print-menu.png) and its export to a calendar file
// (calendar-export.png). It runs on the screenshot goroutine;
// shoot prepares on the UI goroutine.
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
	closeAll := func() {
		fyne.DoAndWait(func() {
			for closeTopModal(d.win.Canvas()) {
			}
		})
	}
	closeAll()
	if a, ok := firstBooked(d.calendar.loaded); ok {
		var f *bookingForm
		shoot("appointment", func() <-chan struct{} {
			f = newBookingForm(d, d.calendar.refs, bookingStart{}, &a, nil, nil)
			return closed()
		})
		shoot("cancel", func() <-chan struct{} {
			openCancel(f)
			return closed()
		})
		closeAll()
	}
	shoot("day-off", func() <-chan struct{} {
		d.calendar.newDayOff()
		return closed()
	})
	closeAll()
	shoot("go-to-date", func() <-chan struct{} {
		d.calendar.pickDate()
		return closed()
	})
	closeAll()
	if d.can(data.RightExport) { // for the others Print prints at once
		shoot("calendar-print-menu", func() <-chan struct{} {
			d.calendar.printBtn.OnTapped()
			return closed()
		})
		fyne.DoAndWait(func() {
			if pop := d.calendar.printPop; pop != nil {
				pop.Hide()
			}
		})
		shoot("calendar-export", func() <-chan struct{} {
			d.calendar.exportCalendar()
			return closed()
		})
		closeAll()
	}
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

// firstBooked is the first appointment of the day still booked for a
// patient: its dialog shows every button of the status bar.
func firstBooked(dd dayData) (data.AppointmentView, bool) {
	for _, col := range dd.Columns {
		for _, a := range col.Appts {
			if a.Status == data.StatusBooked && a.PatientID != "" {
				return a, true
			}
		}
	}
	return data.AppointmentView{}, false
}

// callShots adds the call lists' other tabs to screenshot mode: the
// waitlist (reminders-waitlist.png) and the recalls
// (reminders-recalls.png).
func (sh *shell) callShots(d *desk, shoot func(string, func() <-chan struct{})) {
	r := d.screens[screenCalls].(*remindersScreen)
	for i, name := range []string{"reminders-waitlist", "reminders-recalls"} {
		tab := i + 1
		shoot(name, func() <-chan struct{} {
			r.tabs.SelectIndex(tab)
			return closed()
		})
	}
	fyne.DoAndWait(func() { r.tabs.SelectIndex(0) })
}
