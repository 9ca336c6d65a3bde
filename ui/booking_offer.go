package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// offerFreedSlot looks, after a cancellation, for waitlisted patients the
// freed slot fits, and offers it to them: each with a button that opens
// the booking of that patient in that slot. Nothing shows when nobody
// fits or the slot is past.
func offerFreedSlot(d *desk, a data.AppointmentView, onSaved func(data.Date)) {
	if !a.StartUTC.After(nowFunc()) {
		return
	}
	slot := data.Slot{PractitionerID: a.PractitionerID, Day: a.Day, Start: a.Start, End: a.End, StartUTC: a.StartUTC, EndUTC: a.EndUTC}
	store := d.store
	background(d.do, func() ([]data.WaitlistView, error) { return store.WaitlistFor(context.Background(), slot) },
		func(offers []data.WaitlistView, err error) {
			if err != nil {
				d.sayError(err)
				return
			}
			if len(offers) > 0 {
				showOffers(d, a, slot, offers, onSaved)
			}
		})
}

// showOffers lists the waitlisted patients a free slot fits.
func showOffers(d *desk, a data.AppointmentView, slot data.Slot, offers []data.WaitlistView, onSaved func(data.Date)) *modal {
	w := d.w
	var m *modal
	d.calendar.offers = nil
	body := container.NewVBox(paragraphQuiet(w.N("offer.intro", len(offers), "Weekday", slot.Day.Weekday(), "Date", slot.Day,
		"Time", timeRange(slot.Start, slot.End), "Practitioner", a.PractitionerName)))
	for _, o := range offers {
		o := o
		who := o.PatientName + " · " + orDash(o.Phone) + " · " + w.T("offer.wants_before", "Date", o.Before)
		if o.Notes != "" {
			who += " · " + o.Notes
		}
		book := widget.NewButton(w.T("booking.book"), func() {
			m.close()
			openBooking(d, bookingStart{practitioner: slot.PractitionerID, day: slot.Day, start: slot.Start,
				minutes: int(slot.End - slot.Start), typeID: o.TypeID, waitlistID: o.ID,
				patient: data.PatientHit{ID: o.PatientID, ChartNumber: o.ChartNumber, Phone: o.Phone, FamilyName: o.PatientName}}, onSaved)
		})
		d.calendar.offers = append(d.calendar.offers, book)
		l := truncated(who)
		body.Add(container.NewBorder(nil, nil, nil, book, l))
	}
	m = showModal(d.win.Canvas(), w.T("booking.title.offer"), container.New(&minWidth{w: 620}, body),
		button(w.T("offer.not_now"), false, func() { m.close() }))
	return m
}

// paragraphQuiet is secondary text broken into lines beforehand.
func paragraphQuiet(s string) fyne.CanvasObject {
	return quiet(hardWrap(s, 90))
}
