package data_test

import (
	"context"
	"testing"
	"time"

	"frontdesk/data"
)

func TestFirstFreeSlot(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	paris, _ := data.LoadZone("Europe/Paris")
	at := func(d data.Date, w data.WallTime) time.Time {
		t, _ := data.ResolveLocal(d, w, paris)
		return t
	}
	bp.book(t, bp.appt(monday, hm(8, 0), hm(8, 30)))
	bp.book(t, bp.appt(monday, hm(8, 30), hm(9, 10)))
	cancelled := bp.book(t, bp.appt(monday, hm(9, 10), hm(9, 40)))
	mustUpdate(t, bp.s, func(tx *data.Tx) error { _, err := tx.SetStatus(cancelled.ID, data.StatusCancelled, "ill"); return err })
	find := func(minutes int, from time.Time) (data.Slot, bool) {
		t.Helper()
		sl, ok, err := bp.s.FirstFreeSlot(ctx, data.SlotQuery{PractitionerIDs: []string{bp.anna.ID}, Minutes: minutes, From: from}, paris)
		if err != nil {
			t.Fatal(err)
		}
		return sl, ok
	}
	// Right after the busy morning start: the cancelled slot is free.
	if sl, ok := find(30, at(monday, hm(7, 0))); !ok || sl.Day != monday || sl.Start != hm(9, 10) || sl.End != hm(9, 40) ||
		!sl.StartUTC.Equal(at(monday, hm(9, 10)).UTC()) || sl.PractitionerID != bp.anna.ID {
		t.Errorf("first 30 min on Monday = %+v, %v", sl, ok)
	}
	// From 09:12: rounded up onto the 5-minute grid.
	if sl, _ := find(30, at(monday, hm(9, 12))); sl.Start != hm(9, 15) {
		t.Errorf("from 09:12 = %s", sl.Start)
	}
	// Too long for the rest of the morning: the afternoon.
	if sl, _ := find(90, at(monday, hm(10, 45))); sl.Day != monday || sl.Start != hm(14, 0) {
		t.Errorf("90 min from 10:45 = %s %s", sl.Day, sl.Start)
	}
	// After Friday's hours: the weekend is skipped, and Monday is a holiday.
	holiday := data.DayOff{First: monday.AddDays(7), Last: monday.AddDays(7), Kind: data.OffHoliday}
	mustUpdate(t, bp.s, func(tx *data.Tx) error { return tx.Save(&holiday) })
	if sl, _ := find(30, at(monday.AddDays(4), hm(18, 0))); sl.Day != monday.AddDays(8) || sl.Start != hm(8, 0) {
		t.Errorf("after Friday = %s %s, want Tuesday 08:00", sl.Day, sl.Start)
	}
	// Nothing within the horizon.
	if sl, ok, err := bp.s.FirstFreeSlot(ctx, data.SlotQuery{PractitionerIDs: []string{bp.anna.ID}, Minutes: 300, From: at(monday, 0), Days: 30}, paris); err != nil || ok {
		t.Errorf("a 5-hour slot in 4-hour blocks: %+v, %v, %v", sl, ok, err)
	}
	if _, _, err := bp.s.FirstFreeSlot(ctx, data.SlotQuery{PractitionerIDs: []string{bp.anna.ID}, From: at(monday, 0)}, paris); data.ErrorCode(err) != data.EInvalid {
		t.Errorf("no duration: %v", err)
	}
}

// The night the clocks go forward, 02:00–03:00 does not exist: a slot
// never starts there.
func TestFirstFreeSlotSkipsTheGap(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	paris, _ := data.LoadZone("Europe/Paris")
	night := data.Practitioner{DisplayName: "Dr Night", Active: true}
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		if err := tx.Save(&night); err != nil {
			return err
		}
		return tx.Save(&data.WorkingHours{PractitionerID: night.ID, Weekday: 0, Start: hm(1, 0), End: hm(5, 0)})
	})
	sunday := data.Date{Year: 2026, Month: 3, Day: 29}
	a := data.Appointment{PractitionerID: night.ID, Day: sunday, Start: hm(1, 0), End: hm(2, 0), TimeZone: "Europe/Paris"}
	bp.book(t, a)
	from, _ := data.ResolveLocal(sunday, 0, paris)
	sl, ok, err := bp.s.FirstFreeSlot(ctx, data.SlotQuery{PractitionerIDs: []string{night.ID}, Minutes: 30, From: from}, paris)
	if err != nil || !ok || sl.Day != sunday || sl.Start != hm(3, 0) || !sl.StartUTC.Equal(time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("slot on the spring night = %+v, %v, %v", sl, ok, err)
	}
}
