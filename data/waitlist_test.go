package data_test

import (
	"context"
	"strings"
	"testing"

	"frontdesk/data"
)

func TestWaitlistOfferedWhenASlotFreesUp(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	// Marie is booked in three weeks and would come earlier.
	later := bp.appt(monday.AddDays(21), hm(9, 0), hm(9, 30))
	later.PatientID = bp.marie.ID
	later = bp.book(t, later)
	entry := data.WaitlistEntry{PatientID: bp.marie.ID, PractitionerID: bp.anna.ID, TypeID: bp.consult.ID,
		AppointmentID: later.ID, Before: later.Day, Notes: "any morning"}
	anyone := data.WaitlistEntry{PatientID: bp.jean.ID, Before: monday.AddDays(1)} // any practitioner, only tomorrow-ish
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		if err := tx.Save(&entry); err != nil {
			return err
		}
		return tx.Save(&anyone)
	})
	list, err := bp.s.Waitlist(ctx)
	if err != nil || len(list) != 2 || list[0].PatientName != "Marie Dupuis" || list[0].Practitioner != "Dr Anna Weber" || list[0].TypeName != "Consultation" {
		t.Fatalf("Waitlist = %+v, %v", list, err)
	}

	// Jean's Monday appointment is cancelled: its slot is offered.
	jean := bp.book(t, bp.appt(monday.AddDays(2), hm(10, 0), hm(10, 30)))
	mustUpdate(t, bp.s, func(tx *data.Tx) error { _, err := tx.SetStatus(jean.ID, data.StatusCancelled, "ill"); return err })
	slot := data.Slot{PractitionerID: bp.anna.ID, Day: jean.Day, Start: jean.Start, End: jean.End, StartUTC: jean.StartUTC, EndUTC: jean.EndUTC}
	offers, err := bp.s.WaitlistFor(ctx, slot)
	if err != nil || len(offers) != 1 || offers[0].ID != entry.ID {
		t.Fatalf("offers for the freed slot = %+v, %v (Jean's entry wants before %s only)", offers, err, anyone.Before)
	}
	// A slot too short for a consultation is not offered.
	short := slot
	short.End = short.Start + 15
	if offers, _ := bp.s.WaitlistFor(ctx, short); len(offers) != 0 {
		t.Errorf("a 15-minute slot was offered for a 30-minute visit: %+v", offers)
	}
	// A slot after the day wanted is not offered.
	late := slot
	late.Day = later.Day
	if offers, _ := bp.s.WaitlistFor(ctx, late); len(offers) != 0 {
		t.Errorf("a slot on the day already booked was offered: %+v", offers)
	}

	// Marie takes it: booked, off the waitlist, her later booking cancelled as moved.
	take := data.Appointment{PractitionerID: bp.anna.ID, Day: slot.Day, Start: slot.Start, End: slot.End, TimeZone: "Europe/Paris"}
	mustUpdate(t, bp.s, func(tx *data.Tx) error { _, err := tx.TakeSlot(entry.ID, &take, false); return err })
	got := bp.load(t, take.ID)
	if got.PatientID != bp.marie.ID || got.TypeID != bp.consult.ID || got.Status != data.StatusBooked {
		t.Errorf("the slot taken: %+v", got.Appointment)
	}
	if old := bp.load(t, later.ID); old.Status != data.StatusCancelled || !strings.Contains(old.CancelReason, "Moved to an earlier slot") {
		t.Errorf("the later booking: %s %q", old.Status, old.CancelReason)
	}
	if list, _ := bp.s.Waitlist(ctx); len(list) != 1 || list[0].ID != anyone.ID {
		t.Errorf("waitlist after booking: %+v", list)
	}
	err = bp.s.Update(ctx, func(tx *data.Tx) error { _, err := tx.TakeSlot(entry.ID, &take, false); return err })
	wantCode(t, err, data.EConflict)
}

func TestWaitlistValidation(t *testing.T) {
	bp := newBookingPractice(t)
	e := data.WaitlistEntry{PatientID: bp.jean.ID}
	err := bp.s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&e) })
	wantCode(t, err, data.EInvalid)
	if !strings.Contains(data.ErrorMessage(err), "Before") {
		t.Errorf("message %q", data.ErrorMessage(err))
	}
}
