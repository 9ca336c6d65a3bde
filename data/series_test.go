package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

func dates(ds []data.Date) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = d.String()
	}
	return strings.Join(s, " ")
}

func TestSeriesDates(t *testing.T) {
	d := func(y, m, day int) data.Date { return data.Date{Year: y, Month: time.Month(m), Day: day} }
	cases := []struct {
		name string
		sr   data.Series
		want string
	}{
		{"every 3 days", data.Series{Freq: data.FreqDaily, Every: 3, First: d(2026, 2, 26), Count: 4},
			"2026-02-26 2026-03-01 2026-03-04 2026-03-07"},
		{"every 2 weeks until", data.Series{Freq: data.FreqWeekly, Every: 2, First: d(2026, 12, 22), Until: d(2027, 2, 2)},
			"2026-12-22 2027-01-05 2027-01-19 2027-02-02"},
		// The 31st falls on the last day of shorter months, and is back on
		// the 31st after them (months count from the first day).
		{"monthly on the 31st", data.Series{Freq: data.FreqMonthlyDay, Every: 1, First: d(2026, 1, 31), Count: 7},
			"2026-01-31 2026-02-28 2026-03-31 2026-04-30 2026-05-31 2026-06-30 2026-07-31"},
		{"the 31st in a leap year", data.Series{Freq: data.FreqMonthlyDay, Every: 1, First: d(2028, 1, 31), Count: 3},
			"2028-01-31 2028-02-29 2028-03-31"},
		{"the 30th every 2 months", data.Series{Freq: data.FreqMonthlyDay, Every: 2, First: d(2026, 12, 30), Count: 3},
			"2026-12-30 2027-02-28 2027-04-30"},
		{"second Tuesday", data.Series{Freq: data.FreqMonthlyWeekday, Every: 1, First: d(2026, 1, 13), Count: 4},
			"2026-01-13 2026-02-10 2026-03-10 2026-04-14"},
		{"last Friday", data.Series{Freq: data.FreqMonthlyWeekday, Every: 1, WeekOfMonth: -1, First: d(2026, 1, 30), Count: 3},
			"2026-01-30 2026-02-27 2026-03-27"},
		{"a fifth Thursday is the last", data.Series{Freq: data.FreqMonthlyWeekday, Every: 1, First: d(2026, 1, 29), Count: 3},
			"2026-01-29 2026-02-26 2026-03-26"},
		{"until and count, count first", data.Series{Freq: data.FreqWeekly, Every: 1, First: d(2026, 1, 5), Count: 2, Until: d(2026, 12, 31)},
			"2026-01-05 2026-01-12"},
		{"until and count, until first", data.Series{Freq: data.FreqWeekly, Every: 1, First: d(2026, 1, 5), Count: 20, Until: d(2026, 1, 19)},
			"2026-01-05 2026-01-12 2026-01-19"},
	}
	for _, c := range cases {
		sr := c.sr
		sr.PractitionerID, sr.Start, sr.End, sr.TimeZone = "x", hm(9, 0), hm(9, 30), "Europe/Paris"
		if err := sr.Validate(); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := dates(sr.Dates()); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func TestSeriesValidation(t *testing.T) {
	base := data.Series{PractitionerID: "x", First: data.Date{Year: 2026, Month: 1, Day: 13}, Start: hm(9, 0), End: hm(9, 30),
		TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 4}
	cases := []struct {
		name string
		edit func(*data.Series)
		hint string
	}{
		{"no end", func(s *data.Series) { s.Count = 0 }, "until which date"},
		{"until before first", func(s *data.Series) { s.Count, s.Until = 0, s.First.AddDays(-1) }, "before the first day"},
		{"too many", func(s *data.Series) { s.Freq, s.Count, s.Until = data.FreqDaily, 0, s.First.AddYears(3) }, "more than 500"},
		{"count too big", func(s *data.Series) { s.Count = 501 }, "between 1 and 500"},
		{"every 0", func(s *data.Series) { s.Every = 0 }, "every 0"},
		{"bad freq", func(s *data.Series) { s.Freq = "hourly" }, "hourly"},
		{"not the second Tuesday", func(s *data.Series) { s.Freq, s.WeekOfMonth = data.FreqMonthlyWeekday, 3 }, "not the third Tuesday"},
		{"not day 31", func(s *data.Series) { s.Freq, s.MonthDay = data.FreqMonthlyDay, 31 }, "not day 31"},
		{"gap in time", func(s *data.Series) { s.End = s.Start }, "09:00 to 09:00"},
		{"no practitioner", func(s *data.Series) { s.PractitionerID = "" }, "Practitioner"},
		{"huge note", func(s *data.Series) { s.Notes = strings.Repeat("n", 100_000) }, "Notes is too long"},
	}
	for _, c := range cases {
		sr := base
		c.edit(&sr)
		err := sr.Validate()
		if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), c.hint) {
			t.Errorf("%s: %v (want %q)", c.name, err, c.hint)
		}
	}
}

// occurrenceTimes returns "day wall UTC flag" per occurrence of a series
// created in the store.
func createSeries(t *testing.T, bp bookingPractice, sr data.Series) (data.SeriesResult, []data.AppointmentView) {
	t.Helper()
	var res data.SeriesResult
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		var err error
		res, err = tx.CreateSeries(&sr, true)
		return err
	})
	appts, err := bp.s.SeriesAppointments(context.Background(), res.SeriesID)
	if err != nil {
		t.Fatal(err)
	}
	return res, appts
}

func TestSeriesAcrossDaylightSaving(t *testing.T) {
	bp := newBookingPractice(t)
	utc := func(y, m, d, h, min int) time.Time { return time.Date(y, time.Month(m), d, h, min, 0, 0, time.UTC) }
	cases := []struct {
		name  string
		sr    data.Series
		start []data.WallTime
		utc   []time.Time
		flags []string
	}{
		{"Paris: the same 09:00 before and after spring",
			data.Series{First: data.Date{Year: 2026, Month: 3, Day: 20}, Start: hm(9, 0), End: hm(9, 30), TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 3},
			[]data.WallTime{hm(9, 0), hm(9, 0), hm(9, 0)},
			[]time.Time{utc(2026, 3, 20, 8, 0), utc(2026, 3, 27, 8, 0), utc(2026, 4, 3, 7, 0)},
			[]string{"", "", ""}},
		{"Paris: 02:30 in the spring gap moves to 03:00",
			data.Series{First: data.Date{Year: 2026, Month: 3, Day: 22}, Start: hm(2, 30), End: hm(3, 0), TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 3},
			[]data.WallTime{hm(2, 30), hm(3, 0), hm(2, 30)},
			[]time.Time{utc(2026, 3, 22, 1, 30), utc(2026, 3, 29, 1, 0), utc(2026, 4, 5, 0, 30)},
			[]string{"", data.FlagGap, ""}},
		{"Paris: 02:30 in the autumn overlap takes the earlier",
			data.Series{First: data.Date{Year: 2026, Month: 10, Day: 18}, Start: hm(2, 30), End: hm(2, 45), TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 3},
			[]data.WallTime{hm(2, 30), hm(2, 30), hm(2, 30)},
			[]time.Time{utc(2026, 10, 18, 0, 30), utc(2026, 10, 25, 0, 30), utc(2026, 11, 1, 1, 30)},
			[]string{"", data.FlagOverlap, ""}},
		{"New York: 02:15 in the spring gap moves to 03:00",
			data.Series{First: data.Date{Year: 2026, Month: 3, Day: 7}, Start: hm(2, 15), End: hm(2, 45), TimeZone: "America/New_York", Freq: data.FreqDaily, Every: 1, Count: 3},
			[]data.WallTime{hm(2, 15), hm(3, 0), hm(2, 15)},
			[]time.Time{utc(2026, 3, 7, 7, 15), utc(2026, 3, 8, 7, 0), utc(2026, 3, 9, 6, 15)},
			[]string{"", data.FlagGap, ""}},
		{"New York: 01:30 in the autumn overlap takes the earlier",
			data.Series{First: data.Date{Year: 2026, Month: 10, Day: 31}, Start: hm(1, 30), End: hm(1, 50), TimeZone: "America/New_York", Freq: data.FreqDaily, Every: 1, Count: 3},
			[]data.WallTime{hm(1, 30), hm(1, 30), hm(1, 30)},
			[]time.Time{utc(2026, 10, 31, 5, 30), utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)},
			[]string{"", data.FlagOverlap, ""}},
	}
	for _, c := range cases {
		sr := c.sr
		sr.PractitionerID, sr.PatientID = bp.anna.ID, bp.jean.ID
		res, appts := createSeries(t, bp, sr)
		if res.Created != 3 || len(appts) != 3 {
			t.Fatalf("%s: %+v, %d appointments", c.name, res, len(appts))
		}
		for i, a := range appts {
			if a.Start != c.start[i] || !a.StartUTC.Equal(c.utc[i]) || a.TimeFlag != c.flags[i] || a.Day != a.SeriesDay {
				t.Errorf("%s #%d: %s %s (%v) flag %q; want %s (%v) flag %q", c.name, i, a.Day, a.Start, a.StartUTC, a.TimeFlag, c.start[i], c.utc[i], c.flags[i])
			}
			if a.End-a.Start != sr.End-sr.Start {
				t.Errorf("%s #%d: length %d min, want %d", c.name, i, a.End-a.Start, sr.End-sr.Start)
			}
		}
		if (c.flags[1] == data.FlagGap) != (len(res.Moved) == 1) {
			t.Errorf("%s: moved %v", c.name, res.Moved)
		}
	}
}

// A weekly series, then one occurrence moved and one cancelled on their
// own; then the whole series edited, then split from an occurrence on.
// The exceptions survive every edit.
func TestSeriesEditKeepsExceptions(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	sr := data.Series{PractitionerID: bp.anna.ID, PatientID: bp.jean.ID, TypeID: bp.consult.ID, First: monday,
		Start: hm(10, 0), End: hm(10, 30), TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 8, Notes: "physio"}
	res, appts := createSeries(t, bp, sr)
	if res.Created != 8 || len(appts) != 8 {
		t.Fatalf("created %+v", res)
	}
	// #2 moved to 11:00 on its own: an exception.
	moved := appts[2].Appointment
	moved.Start, moved.End = hm(11, 0), hm(11, 30)
	if _, err := bp.s.Book(ctx, &moved, false); err != nil {
		t.Fatal(err)
	}
	// #4 cancelled on its own.
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		_, err := tx.CancelSeries(appts[4].ID, data.ScopeOne, "Holiday")
		return err
	})
	// #1 confirmed: a status does not make an exception.
	mustUpdate(t, bp.s, func(tx *data.Tx) error { _, err := tx.SetStatus(appts[1].ID, data.StatusConfirmed, ""); return err })

	// The whole series moves to 14:00.
	rule := sr
	rule.Start, rule.End, rule.Notes = hm(14, 0), hm(14, 30), "physio, afternoon"
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		var err error
		res, err = tx.ChangeSeries(appts[0].ID, data.ScopeAll, rule, false)
		return err
	})
	if res.Updated != 6 || res.Kept != 2 || res.Created != 0 || res.Removed != 0 {
		t.Errorf("edit all: %+v", res)
	}
	after, _ := bp.s.SeriesAppointments(ctx, res.SeriesID)
	if len(after) != 8 {
		t.Fatalf("%d occurrences after editing all", len(after))
	}
	for i, a := range after {
		switch i {
		case 2:
			if a.Start != hm(11, 0) || !a.SeriesException {
				t.Errorf("the moved exception changed: %s exception %v", a.Start, a.SeriesException)
			}
		case 4:
			if a.Status != data.StatusCancelled || a.Start != hm(10, 0) {
				t.Errorf("the cancelled exception changed: %s %s", a.Status, a.Start)
			}
		default:
			if a.Start != hm(14, 0) || a.Notes != "physio, afternoon" || a.SeriesException {
				t.Errorf("#%d not moved with the series: %s %q exception %v", i, a.Start, a.Notes, a.SeriesException)
			}
		}
	}
	if after[1].Status != data.StatusConfirmed || after[1].ID != appts[1].ID {
		t.Errorf("#1 lost its confirmation or its identity: %+v", after[1].Appointment)
	}

	// From #5 on, Tuesdays instead of Mondays: the series is split.
	cut := after[5]
	stored, err := bp.s.Series(ctx, cut.SeriesID)
	if err != nil {
		t.Fatal(err)
	}
	next := stored.From(cut.SeriesDay)
	next.First = cut.SeriesDay.AddDays(1)
	if next.Count != 3 {
		t.Errorf("the remaining count is %d, want 3", next.Count)
	}
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		var err error
		res, err = tx.ChangeSeries(cut.ID, data.ScopeFollowing, next, false)
		return err
	})
	if res.Created != 3 || res.Removed != 3 || res.SeriesID == stored.ID {
		t.Errorf("split: %+v", res)
	}
	old, _ := bp.s.Series(ctx, stored.ID)
	if old.Until != cut.SeriesDay.AddDays(-1) || old.Count != 0 {
		t.Errorf("the old series was not ended before the cut: until %s count %d", old.Until, old.Count)
	}
	first, _ := bp.s.SeriesAppointments(ctx, stored.ID)
	second, _ := bp.s.SeriesAppointments(ctx, res.SeriesID)
	if len(first) != 5 || len(second) != 3 {
		t.Fatalf("after the split: %d and %d occurrences", len(first), len(second))
	}
	for _, a := range second {
		if a.Day.Weekday() != time.Tuesday || a.Start != hm(14, 0) {
			t.Errorf("new series occurrence on %s %s", a.Day.Weekday(), a.Start)
		}
	}
	if first[2].Start != hm(11, 0) || first[4].Status != data.StatusCancelled {
		t.Error("the exceptions before the cut changed")
	}
	if n := countRows(t, bp.s, `SELECT COUNT(*) FROM appointments WHERE deleted = 0`); n != 8 {
		t.Errorf("%d live appointments, want 8", n)
	}
	checkOK(t, bp.s.Dir())
}

func TestSeriesSplitKeepsLaterExceptions(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	sr := data.Series{PractitionerID: bp.anna.ID, PatientID: bp.jean.ID, First: monday, Start: hm(9, 0), End: hm(9, 30),
		TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 6}
	_, appts := createSeries(t, bp, sr)
	ex := appts[4].Appointment // after the cut, moved on its own
	ex.Start, ex.End = hm(15, 0), hm(15, 30)
	if _, err := bp.s.Book(ctx, &ex, false); err != nil {
		t.Fatal(err)
	}
	stored, _ := bp.s.Series(ctx, appts[0].SeriesID)
	rule := stored.From(appts[2].SeriesDay)
	rule.Start, rule.End = hm(10, 0), hm(10, 30)
	var res data.SeriesResult
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		var err error
		res, err = tx.ChangeSeries(appts[2].ID, data.ScopeFollowing, rule, false)
		return err
	})
	got, _ := bp.s.SeriesAppointments(ctx, res.SeriesID)
	if len(got) != 4 || res.Kept != 1 || res.Updated != 3 {
		t.Fatalf("new series: %+v, %d occurrences", res, len(got))
	}
	for _, a := range got {
		want := hm(10, 0)
		if a.ID == ex.ID {
			want = hm(15, 0)
		}
		if a.Start != want {
			t.Errorf("%s at %s, want %s", a.Day, a.Start, want)
		}
	}
}

func TestCancelSeriesScopes(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	sr := data.Series{PractitionerID: bp.anna.ID, PatientID: bp.jean.ID, First: monday, Start: hm(9, 0), End: hm(9, 30),
		TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 6}
	_, appts := createSeries(t, bp, sr)
	cancel := func(id string, scope data.Scope) int {
		var n int
		mustUpdate(t, bp.s, func(tx *data.Tx) error {
			var err error
			n, err = tx.CancelSeries(id, scope, "Treatment ended")
			return err
		})
		return n
	}
	if n := cancel(appts[4].ID, data.ScopeFollowing); n != 2 {
		t.Errorf("cancel following cancelled %d, want 2", n)
	}
	stored, _ := bp.s.Series(ctx, appts[0].SeriesID)
	if stored.Until != appts[4].SeriesDay.AddDays(-1) {
		t.Errorf("series until %s after cancelling the following", stored.Until)
	}
	if n := cancel(appts[1].ID, data.ScopeAll); n != 4 {
		t.Errorf("cancel all cancelled %d, want the 4 still booked", n)
	}
	if _, err := bp.s.Series(ctx, appts[0].SeriesID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("the series survived cancel all: %v", err)
	}
	all, err := bp.s.SeriesAppointments(ctx, appts[0].SeriesID)
	if err != nil || len(all) != len(appts) {
		t.Fatalf("%d of %d occurrences after cancel all, %v", len(all), len(appts), err)
	}
	for _, a := range all {
		if a.Status != data.StatusCancelled || a.CancelReason != "Treatment ended" {
			t.Errorf("%s: %s %q", a.Day, a.Status, a.CancelReason)
		}
	}
	err = bp.s.Update(ctx, func(tx *data.Tx) error { _, err := tx.CancelSeries(appts[0].ID, data.ScopeAll, ""); return err })
	wantCode(t, err, data.EInvalid)
}

func TestSeriesClashesAreNamedAndRefused(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	bp.book(t, bp.appt(monday.AddDays(7), hm(9, 0), hm(9, 30)))
	sr := data.Series{PractitionerID: bp.anna.ID, PatientID: bp.marie.ID, First: monday, Start: hm(9, 15), End: hm(9, 45),
		TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 3}
	err := bp.s.Update(ctx, func(tx *data.Tx) error { _, err := tx.CreateSeries(&sr, false); return err })
	wantCode(t, err, data.EClash)
	msg := data.ErrorMessage(err)
	if !strings.Contains(msg, "1 of the 3 appointments of this series clash") || !strings.Contains(msg, "Mon 10/03/2031: Dr Anna Weber already has Jean Dupont") {
		t.Errorf("message %q", msg)
	}
	if n := countRows(t, bp.s, `SELECT COUNT(*) FROM appointment_series`); n != 0 {
		t.Errorf("a refused series left %d rows", n)
	}
	if n := countRows(t, bp.s, `SELECT COUNT(*) FROM appointments`); n != 1 {
		t.Errorf("a refused series left %d appointments", n)
	}
}

func TestSeriesDescribe(t *testing.T) {
	sr := data.Series{First: data.Date{Year: 2026, Month: 1, Day: 13}, Start: hm(9, 0), Freq: data.FreqMonthlyWeekday, Every: 1, Count: 10}
	if got := sr.Describe(data.DMY); got != "every month on the second Tuesday at 09:00, 10 times" {
		t.Errorf("Describe = %q", got)
	}
	sr = data.Series{First: data.Date{Year: 2026, Month: 1, Day: 31}, Start: hm(9, 0), Freq: data.FreqMonthlyDay, Every: 2, Until: data.Date{Year: 2026, Month: 12, Day: 31}}
	if got := sr.Describe(data.DMY); got != "every 2 months on day 31 (the last day in shorter months) at 09:00, until 31/12/2026" {
		t.Errorf("Describe = %q", got)
	}
}
