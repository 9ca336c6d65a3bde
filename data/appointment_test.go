package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

func newPractitioner(t testing.TB, s *data.Store) data.Practitioner {
	t.Helper()
	pr := data.Practitioner{DisplayName: "Dr Anna Weber", Colour: "#3366CC", Active: true}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&pr) })
	return pr
}

func countRows(t testing.TB, s *data.Store, q string, args ...any) int {
	t.Helper()
	return queryInt(t, s.ReadDB(), q, args...)
}

func TestAppointmentInGapIsRefused(t *testing.T) {
	s := openStore(t)
	pr := newPractitioner(t, s)
	for _, c := range []struct {
		zone string
		day  data.Date
	}{{"Europe/Paris", data.Date{2026, 3, 29}}, {"America/New_York", data.Date{2026, 3, 8}}} {
		a := data.Appointment{PractitionerID: pr.ID, Day: c.day, Start: 2*60 + 30, End: 3*60 + 15, TimeZone: c.zone}
		err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&a) })
		wantCode(t, err, data.EInvalid)
		msg := data.ErrorMessage(err)
		assertPlainMessage(t, msg)
		if !strings.Contains(msg, "02:30") || !strings.Contains(msg, "03:00") || !strings.Contains(msg, c.zone) {
			t.Errorf("%s: message %q does not name the time, the zone and the first valid time", c.zone, msg)
		}
	}
	if n := countRows(t, s, `SELECT COUNT(*) FROM appointments`); n != 0 {
		t.Errorf("%d appointments were written", n)
	}
	if n := countRows(t, s, `SELECT COUNT(*) FROM audit_log WHERE entity = 'appointments'`); n != 0 {
		t.Errorf("%d audit rows for refused appointments", n)
	}
}

func TestAppointmentInOverlapIsFlagged(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	pr := newPractitioner(t, s)
	for _, c := range []struct {
		zone     string
		day      data.Date
		start    data.WallTime
		startUTC time.Time
	}{
		{"Europe/Paris", data.Date{2026, 10, 25}, 2*60 + 30, time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
		{"America/New_York", data.Date{2026, 11, 1}, 1*60 + 30, time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)},
	} {
		a := data.Appointment{PractitionerID: pr.ID, Day: c.day, Start: c.start, End: c.start + 20, TimeZone: c.zone}
		mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&a) })
		if a.TimeFlag != data.FlagOverlap || !a.StartUTC.Equal(c.startUTC) {
			t.Errorf("%s: saved with flag %q at %v; want overlap at %v", c.zone, a.TimeFlag, a.StartUTC, c.startUTC)
		}
		loc, _ := data.LoadZone(c.zone)
		got, err := s.AppointmentsOn(ctx, c.day, loc)
		if err != nil || len(got) != 1 {
			t.Fatalf("%s: AppointmentsOn = %+v, %v", c.zone, got, err)
		}
		v := got[0]
		if v.ID != a.ID || v.TimeFlag != "overlap" || !v.StartUTC.Equal(c.startUTC) || v.Start != c.start || v.End != c.start+20 ||
			v.Day != c.day || v.TimeZone != c.zone || v.Status != data.StatusBooked || v.PractitionerName != "Dr Anna Weber" {
			t.Errorf("%s: loaded %+v", c.zone, v)
		}
		if !v.EndUTC.Equal(c.startUTC.Add(20 * time.Minute)) {
			t.Errorf("%s: end instant %v", c.zone, v.EndUTC)
		}
	}
}

func TestAppointmentOverlapFlagClearedWhenMoved(t *testing.T) {
	s := openStore(t)
	pr := newPractitioner(t, s)
	a := data.Appointment{PractitionerID: pr.ID, Day: data.Date{2026, 10, 25}, Start: 2*60 + 30, End: 2*60 + 45, TimeZone: "Europe/Paris"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&a) })
	a.Start, a.End = 10*60, 10*60+15
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&a) })
	if a.TimeFlag != "" {
		t.Errorf("flag %q kept after moving out of the overlap", a.TimeFlag)
	}
	if got := queryInt(t, s.ReadDB(), `SELECT COUNT(*) FROM appointments WHERE time_flag = '' AND start_utc = ?`,
		time.Date(2026, 10, 25, 9, 0, 0, 0, time.UTC).Unix()); got != 1 {
		t.Error("the stored appointment still carries the flag or the old instant")
	}
}

// The instants are derived from the wall times: an appointment that spans
// the night's clock change ends at the instant its end time is read on
// the practice clock.
func TestAppointmentAcrossClockChange(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	pr := newPractitioner(t, s)
	cases := []struct {
		day        data.Date
		start, end data.WallTime
		startUTC   time.Time
		endUTC     time.Time
	}{
		// 01:30 CET to 03:30 CEST: one hour of real time.
		{data.Date{2026, 3, 29}, 1*60 + 30, 3*60 + 30, time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC), time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		// 01:30 CEST to 03:30 CET: three hours of real time.
		{data.Date{2026, 10, 25}, 1*60 + 30, 3*60 + 30, time.Date(2026, 10, 24, 23, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC)},
		// Until midnight on an ordinary day.
		{data.Date{2026, 6, 1}, 23 * 60, 24 * 60, time.Date(2026, 6, 1, 21, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 22, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		a := data.Appointment{PractitionerID: pr.ID, Day: c.day, Start: c.start, End: c.end, TimeZone: "Europe/Paris"}
		mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&a) })
		if !a.StartUTC.Equal(c.startUTC) || !a.EndUTC.Equal(c.endUTC) {
			t.Errorf("%v %v–%v: instants %v–%v, want %v–%v", c.day, c.start, c.end, a.StartUTC, a.EndUTC, c.startUTC, c.endUTC)
		}
		paris, _ := data.LoadZone("Europe/Paris")
		views, err := s.AppointmentsOn(ctx, c.day, paris)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, v := range views {
			if v.ID == a.ID {
				found = true
				if v.Start != c.start || v.End != c.end || !v.EndUTC.Equal(c.endUTC) {
					t.Errorf("%v: loaded %v–%v ending %v", c.day, v.Start, v.End, v.EndUTC)
				}
			}
		}
		if !found {
			t.Errorf("%v: the appointment is not on its day", c.day)
		}
	}
}

func TestAppointmentValidation(t *testing.T) {
	s := openStore(t)
	pr := newPractitioner(t, s)
	day := data.Date{2026, 6, 1}
	cases := []struct {
		name string
		a    data.Appointment
		hint string
	}{
		{"no practitioner", data.Appointment{Day: day, Start: 600, End: 630, TimeZone: "Europe/Paris"}, "Practitioner"},
		{"no date", data.Appointment{PractitionerID: pr.ID, Start: 600, End: 630, TimeZone: "Europe/Paris"}, "Date"},
		{"end before start", data.Appointment{PractitionerID: pr.ID, Day: day, Start: 630, End: 600, TimeZone: "Europe/Paris"}, "10:30 to 10:00"},
		{"zero length", data.Appointment{PractitionerID: pr.ID, Day: day, Start: 600, End: 600, TimeZone: "Europe/Paris"}, "Time"},
		{"past midnight", data.Appointment{PractitionerID: pr.ID, Day: day, Start: 1430, End: 1450, TimeZone: "Europe/Paris"}, "Time"},
		{"no zone", data.Appointment{PractitionerID: pr.ID, Day: day, Start: 600, End: 630}, "Time zone"},
		{"bad zone", data.Appointment{PractitionerID: pr.ID, Day: day, Start: 600, End: 630, TimeZone: "Mars/Olympus"}, "Mars/Olympus"},
		{"bad status", data.Appointment{PractitionerID: pr.ID, Day: day, Start: 600, End: 630, TimeZone: "Europe/Paris", Status: "lost"}, "lost"},
		{"cancelled without reason", data.Appointment{PractitionerID: pr.ID, Day: day, Start: 600, End: 630, TimeZone: "Europe/Paris", Status: data.StatusCancelled}, "Cancellation reason"},
	}
	for _, c := range cases {
		a := c.a
		err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&a) })
		wantCode(t, err, data.EInvalid)
		if msg := data.ErrorMessage(err); !strings.Contains(msg, c.hint) {
			t.Errorf("%s: message %q does not mention %q", c.name, msg, c.hint)
		}
	}
	// A practitioner or patient that does not exist is refused by the
	// foreign keys, in words.
	a := data.Appointment{PractitionerID: data.NewID(), Day: day, Start: 600, End: 630, TimeZone: "Europe/Paris"}
	err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&a) })
	wantCode(t, err, data.EInvalid)
	assertPlainMessage(t, data.ErrorMessage(err))
	a = data.Appointment{PractitionerID: pr.ID, PatientID: data.NewID(), Day: day, Start: 600, End: 630, TimeZone: "Europe/Paris"}
	err = s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&a) })
	wantCode(t, err, data.EInvalid)
	if n := countRows(t, s, `SELECT COUNT(*) FROM appointments`); n != 0 {
		t.Errorf("%d invalid appointments were written", n)
	}
}
