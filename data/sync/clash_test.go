package sync

import (
	"context"
	"testing"

	"frontdesk/data"
)

// Two computers that book one practitioner's same time while apart make
// a double booking nobody was warned of: once their files are exchanged,
// both list it. A double booking one computer made knowingly is not
// listed, nor is a cancelled appointment, nor a booking before the day
// asked for.
func TestDoubleBookingsMadeApartAreListed(t *testing.T) {
	ctx := context.Background()
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pr := a.newPractitioner("Dr Keep")
	pt := a.newPatient("Gómez", "Ana")
	a.export()
	b.importAll()
	day, _ := data.ParseISODate("2026-12-07")
	book := func(d *testDevice, on data.Date, start data.WallTime, status string) data.Appointment {
		ap := data.Appointment{PractitionerID: pr.ID, PatientID: pt.ID, Day: on, Start: start, End: start + 30, TimeZone: "Europe/Paris", Status: status}
		if status == data.StatusCancelled {
			ap.CancelReason = "Patient called"
		}
		d.update(func(tx *data.Tx) error { _, err := tx.Book(&ap, true); return err })
		return ap
	}
	x := book(a, day, 9*60, "")
	z := book(a, day, 9*60, "") // on a, over x: a warned, and was told to book anyway
	y := book(b, day, 9*60+15, "")
	book(b, day, 9*60+20, data.StatusCancelled)
	book(b, day.AddDays(-1), 9*60, "") // apart too, but before the day asked for
	book(a, day.AddDays(-1), 9*60, "")
	if list, err := a.st.DoubleBookings(ctx, day); err != nil || len(list) != 0 {
		t.Fatalf("before the exchange, a lists %d double bookings (%v)", len(list), err)
	}
	exchange(a, b)
	for _, d := range []*testDevice{a, b} {
		list, err := d.st.DoubleBookings(ctx, day)
		if err != nil {
			t.Fatal(err)
		}
		var got [][2]string
		for _, db := range list {
			got = append(got, [2]string{db.First.ID, db.Second.ID})
			if db.Devices[0] == db.Devices[1] {
				t.Errorf("device %s lists a double booking placed by one computer", d.series)
			}
			if c := db.Clash(); c.Kind != data.ClashDouble || c.Other.ID != db.First.ID || c.Practitioner != "Dr Keep" {
				t.Errorf("device %s: the double booking as a clash: %+v", d.series, c)
			}
		}
		want := map[[2]string]bool{{x.ID, y.ID}: true, {z.ID, y.ID}: true}
		if len(got) != 2 || !want[got[0]] || !want[got[1]] {
			t.Errorf("device %s lists %v, want x and z each against y", d.series, got)
		}
	}
	// Cancelling y on either computer takes the flag away everywhere.
	b.update(func(tx *data.Tx) error {
		ap, err := tx.Appointment(y.ID)
		if err != nil {
			return err
		}
		ap.Status, ap.CancelReason = data.StatusCancelled, "Booked twice"
		return tx.Save(&ap)
	})
	exchange(a, b)
	for _, d := range []*testDevice{a, b} {
		if list, _ := d.st.DoubleBookings(ctx, day); len(list) != 0 {
			t.Errorf("device %s still lists %d double bookings after the cancellation", d.series, len(list))
		}
	}
}
