package data_test

import (
	"context"
	"strings"
	"testing"

	"frontdesk/data"
)

func TestClashEdges(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	first := bp.book(t, bp.appt(monday, hm(10, 0), hm(10, 30)))
	cases := []struct {
		name       string
		start, end data.WallTime
		double     bool
	}{
		{"touching after", hm(10, 30), hm(11, 0), false},
		{"touching before", hm(9, 30), hm(10, 0), false},
		{"one minute into the end", hm(10, 29), hm(11, 0), true},
		{"one minute into the start", hm(9, 30), hm(10, 1), true},
		{"inside", hm(10, 10), hm(10, 20), true},
		{"around", hm(9, 0), hm(11, 0), true},
		{"same", hm(10, 0), hm(10, 30), true},
	}
	for _, c := range cases {
		a := bp.appt(monday, c.start, c.end)
		a.PatientID = bp.marie.ID
		clashes, err := bp.s.Clashes(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		got := len(clashes) == 1 && clashes[0].Kind == data.ClashDouble && clashes[0].Other.ID == first.ID
		if got != c.double || (!c.double && len(clashes) > 0) {
			t.Errorf("%s (%s–%s): clashes %+v", c.name, c.start, c.end, clashes)
		}
	}
	// Moving the appointment onto itself is no clash.
	if cl, err := bp.s.Clashes(ctx, first); err != nil || len(cl) != 0 {
		t.Errorf("an appointment clashes with itself: %+v, %v", cl, err)
	}
	// A cancelled appointment or a no-show leaves its slot free.
	mustUpdate(t, bp.s, func(tx *data.Tx) error { _, err := tx.SetStatus(first.ID, data.StatusCancelled, "ill"); return err })
	if cl, err := bp.s.Clashes(ctx, bp.appt(monday, hm(10, 0), hm(10, 30))); err != nil || len(cl) != 0 {
		t.Errorf("a cancelled appointment still clashes: %+v, %v", cl, err)
	}
}

func TestBookingOverAClashIsWarnedThenAllowedAndStaysVisible(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	first := bp.book(t, bp.appt(monday, hm(10, 0), hm(10, 30)))
	second := bp.appt(monday, hm(10, 15), hm(10, 45))
	second.PatientID = bp.marie.ID
	clashes, err := bp.s.Book(ctx, &second, false)
	wantCode(t, err, data.EClash)
	msg := data.ErrorMessage(err)
	for _, want := range []string{"Dr Anna Weber already has Jean Dupont from 10:00 to 10:30 (Consultation).", "Book anyway"} {
		if !strings.Contains(msg, want) {
			t.Errorf("warning %q does not say %q", msg, want)
		}
	}
	if len(clashes) != 1 {
		t.Fatalf("clashes %+v", clashes)
	}
	if n := countRows(t, bp.s, `SELECT COUNT(*) FROM appointments`); n != 1 {
		t.Fatalf("the refused booking was written (%d rows)", n)
	}
	second.ID = "" // as a form would build it again
	if _, err := bp.s.Book(ctx, &second, true); err != nil {
		t.Fatalf("booking anyway: %v", err)
	}
	paris, _ := data.LoadZone("Europe/Paris")
	day, err := bp.s.AppointmentsOn(ctx, monday, paris)
	if err != nil || len(day) != 2 || day[0].ID != first.ID || day[1].ID != second.ID {
		t.Fatalf("the double booking is not visible: %+v, %v", day, err)
	}
	// Editing only the notes of the double-booked appointment does not
	// warn again.
	second.Notes = "Bring the X-ray"
	if _, err := bp.s.Book(ctx, &second, false); err != nil {
		t.Errorf("editing notes re-warned: %v", err)
	}
}

func TestClashOutsideHoursAndOnDaysOff(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	check := func(a data.Appointment, kind, text string) {
		t.Helper()
		clashes, err := bp.s.Clashes(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range clashes {
			if c.Kind == kind && strings.Contains(c.Text(data.DMY), text) {
				return
			}
		}
		var texts []string
		for _, c := range clashes {
			texts = append(texts, c.Text(data.DMY))
		}
		t.Errorf("%s %s–%s: want a %s clash saying %q, got %q", a.Day, a.Start, a.End, kind, text, texts)
	}
	check(bp.appt(monday, hm(11, 45), hm(12, 15)), data.ClashHours,
		"11:45–12:15 is outside Dr Anna Weber's working hours on Mondays (08:00–12:00, 14:00–18:00).")
	check(bp.appt(monday, hm(7, 30), hm(8, 0)), data.ClashHours, "outside")
	check(bp.appt(monday.AddDays(5), hm(9, 0), hm(9, 30)), data.ClashHours, "Dr Anna Weber does not work on Saturdays.")
	if cl, err := bp.s.Clashes(ctx, bp.appt(monday, hm(11, 30), hm(12, 0))); err != nil || len(cl) != 0 {
		t.Errorf("the end of a block clashes: %+v, %v", cl, err)
	}

	holiday := data.DayOff{First: monday.AddDays(1), Last: monday.AddDays(1), Kind: data.OffHoliday, Reason: "Armistice"}
	leave := data.DayOff{PractitionerID: bp.anna.ID, First: monday.AddDays(2), Last: monday.AddDays(4), Kind: data.OffLeave, Reason: "Brittany"}
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		if err := tx.Save(&holiday); err != nil {
			return err
		}
		return tx.Save(&leave)
	})
	check(bp.appt(monday.AddDays(1), hm(9, 0), hm(9, 30)), data.ClashDayOff,
		"Tuesday 04/03/2031 is a day the practice is closed (practice holiday: Armistice).")
	check(bp.appt(monday.AddDays(3), hm(9, 0), hm(9, 30)), data.ClashDayOff,
		"Thursday 06/03/2031 is a day off for Dr Anna Weber (leave: Brittany).")
	if cl, err := bp.s.Clashes(ctx, bp.appt(monday, hm(9, 0), hm(9, 30))); err != nil || len(cl) != 0 {
		t.Errorf("the day before the days off clashes: %+v, %v", cl, err)
	}
	offs, err := bp.s.DaysOff(ctx, monday, monday.AddDays(6))
	if err != nil || len(offs) != 2 {
		t.Fatalf("DaysOff = %+v, %v", offs, err)
	}
	if o, ok := data.DayOffOn(offs, bp.anna.ID, monday.AddDays(4)); !ok || o.ID != leave.ID {
		t.Errorf("DayOffOn Friday = %+v, %v", o, ok)
	}
}

func TestDayOffValidation(t *testing.T) {
	bp := newBookingPractice(t)
	for _, c := range []struct {
		o    data.DayOff
		hint string
	}{
		{data.DayOff{Last: monday, Kind: data.OffLeave}, "From"},
		{data.DayOff{First: monday, Last: monday.AddDays(-1), Kind: data.OffLeave}, "before the first day off"},
		{data.DayOff{First: monday, Last: monday.AddDays(400), Kind: data.OffLeave}, "more than a year"},
		{data.DayOff{First: monday, Last: monday, Kind: "party"}, "party"},
		{data.DayOff{First: monday, Last: monday, Kind: data.OffOther, Reason: strings.Repeat("x", 300)}, "Reason is too long"},
	} {
		o := c.o
		err := bp.s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&o) })
		wantCode(t, err, data.EInvalid)
		if !strings.Contains(data.ErrorMessage(err), c.hint) {
			t.Errorf("%+v: message %q lacks %q", c.o, data.ErrorMessage(err), c.hint)
		}
	}
}

func TestHugeNoteIsRefusedInWords(t *testing.T) {
	bp := newBookingPractice(t)
	a := bp.appt(monday, hm(9, 0), hm(9, 30))
	a.Notes = strings.Repeat("a", 100_000)
	_, err := bp.s.Book(context.Background(), &a, true)
	wantCode(t, err, data.EInvalid)
	if msg := data.ErrorMessage(err); !strings.Contains(msg, "Notes is too long (100,000 characters; at most 2,000)") {
		t.Errorf("message %q", msg)
	}
}

// The live clash check is cancelled at every keystroke; a cancelled or
// failed query must not be reported as a practitioner gone missing.
func TestAFailedClashQueryIsNotAMissingPractitioner(t *testing.T) {
	bp := newBookingPractice(t)
	a := bp.appt(monday, hm(10, 0), hm(10, 30))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := bp.s.Clashes(ctx, a)
	if err == nil || data.ErrorCode(err) == data.EInvalid || strings.Contains(data.ErrorMessage(err), "Practitioner") {
		t.Errorf("a cancelled check: %v", err)
	}
	a.PractitionerID = data.NewID()
	if _, err := bp.s.Clashes(context.Background(), a); data.ErrorCode(err) != data.EInvalid ||
		!strings.Contains(data.ErrorMessage(err), "no longer exists") {
		t.Errorf("a practitioner that is not there: %v", err)
	}
}
