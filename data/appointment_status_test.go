package data_test

import (
	"context"
	"strings"
	"testing"

	"frontdesk/data"
)

func TestStatusTransitions(t *testing.T) {
	allowed := map[[2]string]bool{}
	for _, p := range [][2]string{
		{"booked", "confirmed"}, {"booked", "arrived"}, {"booked", "in_room"}, {"booked", "done"}, {"booked", "no_show"}, {"booked", "cancelled"},
		{"confirmed", "booked"}, {"confirmed", "arrived"}, {"confirmed", "in_room"}, {"confirmed", "done"}, {"confirmed", "no_show"}, {"confirmed", "cancelled"},
		{"arrived", "booked"}, {"arrived", "confirmed"}, {"arrived", "in_room"}, {"arrived", "done"}, {"arrived", "cancelled"},
		{"in_room", "arrived"}, {"in_room", "done"},
		{"done", "in_room"},
		{"no_show", "booked"}, {"no_show", "arrived"},
		{"cancelled", "booked"},
	} {
		allowed[p] = true
	}
	for _, from := range data.Statuses {
		for _, to := range data.Statuses {
			want := from == to || allowed[[2]string{from, to}]
			if got := data.CanChangeStatus(from, to); got != want {
				t.Errorf("CanChangeStatus(%s, %s) = %v, want %v", from, to, got, want)
			}
		}
	}
}

func TestStatusFlowStampsTimesAndRefusesNonsense(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	a := bp.book(t, bp.appt(monday, hm(9, 0), hm(9, 30)))
	if a.Status != data.StatusBooked || a.Times.Booked.IsZero() {
		t.Fatalf("new booking: status %q, booked at %v", a.Status, a.Times.Booked)
	}
	set := func(status, reason string) (data.Appointment, error) {
		var out data.Appointment
		err := bp.s.Update(ctx, func(tx *data.Tx) error {
			var err error
			out, err = tx.SetStatus(a.ID, status, reason)
			return err
		})
		return out, err
	}
	for _, st := range []string{data.StatusConfirmed, data.StatusArrived, data.StatusInRoom, data.StatusDone} {
		if _, err := set(st, ""); err != nil {
			t.Fatalf("→ %s: %v", st, err)
		}
	}
	v := bp.load(t, a.ID)
	for _, st := range []string{data.StatusBooked, data.StatusConfirmed, data.StatusArrived, data.StatusInRoom, data.StatusDone} {
		if v.Times.At(st).IsZero() {
			t.Errorf("no time stamp for %s after the visit: %+v", st, v.Times)
		}
	}
	if !v.Times.Arrived.Before(v.Times.Done.Add(1)) {
		t.Errorf("arrived %v after done %v", v.Times.Arrived, v.Times.Done)
	}

	// done → booked makes no sense: refused, in words naming both.
	_, err := set(data.StatusBooked, "")
	wantCode(t, err, data.EInvalid)
	msg := data.ErrorMessage(err)
	if !strings.Contains(msg, "done cannot become booked") {
		t.Errorf("refusal %q does not name the transition", msg)
	}
	assertPlainMessage(t, msg)
	if _, err := set(data.StatusCancelled, "Too late"); data.ErrorCode(err) != data.EInvalid {
		t.Errorf("done → cancelled: %v", err)
	}
	if got := bp.load(t, a.ID); got.Status != data.StatusDone {
		t.Fatalf("after refused changes the status is %q", got.Status)
	}

	// One step back undoes a mis-click and clears its stamp.
	if _, err := set(data.StatusInRoom, ""); err != nil {
		t.Fatal(err)
	}
	if v := bp.load(t, a.ID); v.Status != data.StatusInRoom || !v.Times.Done.IsZero() || v.Times.InRoom.IsZero() {
		t.Errorf("undo of done: status %q, times %+v", v.Status, v.Times)
	}
	// Unknown status.
	if _, err := set("lost", ""); data.ErrorCode(err) != data.EInvalid {
		t.Errorf("unknown status accepted: %v", err)
	}
}

func TestCancelNeedsReasonAndRestoreClearsIt(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	a := bp.book(t, bp.appt(monday, hm(9, 0), hm(9, 30)))
	err := bp.s.Update(ctx, func(tx *data.Tx) error { _, err := tx.SetStatus(a.ID, data.StatusCancelled, "  "); return err })
	wantCode(t, err, data.EInvalid)
	if !strings.Contains(data.ErrorMessage(err), "Cancellation reason") {
		t.Errorf("message %q", data.ErrorMessage(err))
	}
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		_, err := tx.SetStatus(a.ID, data.StatusCancelled, "Patient is ill")
		return err
	})
	v := bp.load(t, a.ID)
	if v.Status != data.StatusCancelled || v.CancelReason != "Patient is ill" || v.Times.Cancelled.IsZero() {
		t.Fatalf("cancelled: %+v", v.Appointment)
	}
	// The cancelled appointment is kept and still on its day.
	paris, _ := data.LoadZone("Europe/Paris")
	day, err := bp.s.AppointmentsOn(ctx, monday, paris)
	if err != nil || len(day) != 1 || day[0].Status != data.StatusCancelled {
		t.Fatalf("day after cancelling: %+v, %v", day, err)
	}
	// cancelled → arrived is refused: restore first.
	err = bp.s.Update(ctx, func(tx *data.Tx) error { _, err := tx.SetStatus(a.ID, data.StatusArrived, ""); return err })
	if !strings.Contains(data.ErrorMessage(err), "Restore it first") {
		t.Errorf("cancelled → arrived: %v", err)
	}
	// Restoring through Book re-checks the slot.
	b := bp.book(t, bp.appt(monday, hm(9, 0), hm(9, 30))) // someone took the slot meanwhile
	restore := v.Appointment
	restore.Status = data.StatusBooked
	clashes, err := bp.s.Book(ctx, &restore, false)
	wantCode(t, err, data.EClash)
	if len(clashes) != 1 || clashes[0].Other.ID != b.ID {
		t.Fatalf("restore over a new booking: clashes %+v", clashes)
	}
	if _, err := bp.s.Book(ctx, &restore, true); err != nil {
		t.Fatal(err)
	}
	if v := bp.load(t, a.ID); v.Status != data.StatusBooked || v.CancelReason != "" || !v.Times.Cancelled.IsZero() {
		t.Errorf("restored: %+v", v.Appointment)
	}
}
