package demo_test

import (
	"context"
	"testing"

	"frontdesk/data"
)

func TestDemoHasBookingData(t *testing.T) {
	s, _ := generate(t, small())
	ctx := context.Background()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := s.ReadDB().QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n := count(`SELECT COUNT(*) FROM days_off WHERE practitioner_id IS NULL`); n == 0 {
		t.Error("no public holidays")
	}
	if n := count(`SELECT COUNT(*) FROM days_off WHERE practitioner_id IS NOT NULL`); n == 0 {
		t.Error("no leave")
	}
	if n := count(`SELECT COUNT(*) FROM appointment_series`); n != 2 {
		t.Errorf("%d series, want 2", n)
	}
	if n := count(`SELECT COUNT(DISTINCT series_id) FROM appointments WHERE series_id IS NOT NULL`); n != 2 {
		t.Errorf("occurrences of %d series", n)
	}
	if n := count(`SELECT COUNT(*) FROM waitlist WHERE status = 'waiting'`); n == 0 {
		t.Error("empty waitlist")
	}
	if n := count(`SELECT COUNT(*) FROM recalls`); n == 0 {
		t.Error("no patient recalls")
	}
	if n := count(`SELECT COUNT(*) FROM appointment_types WHERE recall_months > 0`); n != 2 {
		t.Errorf("%d types with a recall", n)
	}
	// Nothing is booked on a day off, and the series' slots are not
	// double-booked by the generator.
	if n := count(`SELECT COUNT(*) FROM appointments a JOIN days_off o ON o.deleted = 0
		AND substr(a.start_local, 1, 10) BETWEEN o.first_day AND o.last_day
		AND (o.practitioner_id IS NULL OR o.practitioner_id = a.practitioner_id)
		WHERE a.status != 'cancelled'`); n != 0 {
		t.Errorf("%d appointments on days off", n)
	}
	if n := count(`SELECT COUNT(*) FROM appointments a JOIN appointments b ON a.practitioner_id = b.practitioner_id
		AND a.id < b.id AND a.start_utc < b.end_utc AND b.start_utc < a.end_utc
		WHERE a.status NOT IN ('cancelled', 'no_show') AND b.status NOT IN ('cancelled', 'no_show')
		AND a.notes != 'Squeezed in: high fever' AND b.notes != 'Squeezed in: high fever'`); n != 0 {
		t.Errorf("%d double bookings in the demo besides the one squeezed in", n)
	}
	// Every status has its time, in the order of the visit.
	if n := count(`SELECT COUNT(*) FROM appointments WHERE booked_at = 0
		OR (status IN ('arrived', 'in_room', 'done') AND arrived_at = 0)
		OR (status IN ('in_room', 'done') AND (in_room_at < arrived_at OR in_room_at = 0))
		OR (status = 'done' AND done_at < in_room_at)
		OR (status = 'cancelled' AND cancelled_at < booked_at)
		OR (arrived_at > 0 AND arrived_at < booked_at)`); n != 0 {
		t.Errorf("%d appointments with missing or disordered status times", n)
	}
	paris, _ := data.LoadZone("Europe/Paris")
	if _, err := s.AppointmentsOn(ctx, fixedDay, paris); err != nil {
		t.Fatal(err)
	}
}
