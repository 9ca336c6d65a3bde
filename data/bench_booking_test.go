package data_test

// Benchmarks of the booking work beside their floors (see bench_test.go):
// a calendar day and a practitioner's week on the stress practice, each
// beside the same SQL on a bare connection, and the expansion of a
// two-year weekly series beside time.Date without the daylight-saving
// rules.

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"frontdesk/data"
)

// viewColumns is the calendar's select list, written out for the floors.
const viewColumns = `SELECT a.id, a.practitioner_id, COALESCE(a.patient_id, ''), COALESCE(a.type_id, ''),
	a.start_local, a.end_local, a.time_zone, a.start_utc, a.end_utc, a.status, a.notes, a.cancel_reason, a.time_flag,
	COALESCE(a.series_id, ''), COALESCE(a.series_day, ''), a.series_exception,
	a.booked_at, a.confirmed_at, a.arrived_at, a.in_room_at, a.done_at, a.no_show_at, a.cancelled_at,
	pr.display_name, COALESCE(p.given_name || ' ' || p.family_name, ''), COALESCE(p.chart_number, ''), COALESCE(p.phone, ''),
	COALESCE(t.name, ''), COALESCE(t.colour, '')
	FROM appointments a
	JOIN practitioners pr ON pr.id = a.practitioner_id
	LEFT JOIN patients p ON p.id = a.patient_id
	LEFT JOIN appointment_types t ON t.id = a.type_id`

// rawRow holds one row of viewColumns, scanned into plain types.
type rawRow struct {
	id, practitioner, patient, typ, startLocal, endLocal, zone string
	startUTC, endUTC                                           int64
	status, notes, reason, flag, series, seriesDay             string
	exception                                                  bool
	times                                                      [7]int64
	prName, ptName, chart, phone, typeName, colour             string
}

// scanRaw runs a floor query and counts its rows.
func scanRaw(b *testing.B, db *sql.DB, q string, args ...any) int {
	rows, err := db.Query(q, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	var r rawRow
	for rows.Next() {
		if err := rows.Scan(&r.id, &r.practitioner, &r.patient, &r.typ, &r.startLocal, &r.endLocal, &r.zone,
			&r.startUTC, &r.endUTC, &r.status, &r.notes, &r.reason, &r.flag, &r.series, &r.seriesDay, &r.exception,
			&r.times[0], &r.times[1], &r.times[2], &r.times[3], &r.times[4], &r.times[5], &r.times[6],
			&r.prName, &r.ptName, &r.chart, &r.phone, &r.typeName, &r.colour); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return n
}

// busyDays returns days with appointments, spread over the stress
// practice's years (a public holiday has none, so days are read, not guessed).
func busyDays(b *testing.B, s *data.Store) []data.Date {
	rows, err := s.ReadDB().Query(`SELECT substr(start_local, 1, 10) AS d FROM appointments GROUP BY d HAVING COUNT(*) > 20 ORDER BY d`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var days []data.Date
	for i := 0; rows.Next(); i++ {
		var d string
		if err := rows.Scan(&d); err != nil {
			b.Fatal(err)
		}
		if i%97 == 0 {
			day, err := data.ParseISODate(d)
			if err != nil {
				b.Fatal(err)
			}
			days = append(days, day)
		}
	}
	if len(days) == 0 {
		b.Fatal("no busy days in the stress practice")
	}
	return days
}

// BenchmarkCalendarDay is the calendar's day query: every practitioner's
// appointments of one day.
func BenchmarkCalendarDay(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	paris, _ := data.LoadZone("Europe/Paris")
	days := busyDays(b, s)
	b.Run("frontdesk", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			got, err := s.AppointmentsOn(ctx, days[i%len(days)], paris)
			if err != nil || len(got) == 0 {
				b.Fatalf("day %s: %d appointments, %v", days[i%len(days)], len(got), err)
			}
		}
	})
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			d := days[i%len(days)]
			from := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, paris)
			if n := scanRaw(b, raw, viewColumns+` WHERE a.start_utc >= ? AND a.start_utc < ? AND a.deleted = 0
				ORDER BY a.start_utc, pr.display_name`, from.Unix(), from.AddDate(0, 0, 1).Unix()); n == 0 {
				b.Fatal("no appointments")
			}
		}
	})
}

// BenchmarkCalendarWeek is everything the week view reads for one
// practitioner: the week's appointments, the days off and the working hours.
func BenchmarkCalendarWeek(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	practitioner, weeks := busyWeeks(b, s)
	b.Run("frontdesk", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			from := weeks[i%len(weeks)]
			got, err := s.AppointmentsOf(ctx, practitioner, from, from.AddDate(0, 0, 7))
			if err != nil || len(got) == 0 {
				b.Fatalf("week: %d appointments, %v", len(got), err)
			}
			first := data.DateOf(from)
			if _, err := s.DaysOff(ctx, first, first.AddDays(6)); err != nil {
				b.Fatal(err)
			}
			if _, err := s.WorkingHoursOf(ctx, practitioner); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			from := weeks[i%len(weeks)]
			if n := scanRaw(b, raw, viewColumns+` WHERE a.practitioner_id = ? AND a.start_utc >= ? AND a.start_utc < ? AND a.deleted = 0
				ORDER BY a.start_utc`, practitioner, from.Unix(), from.AddDate(0, 0, 7).Unix()); n == 0 {
				b.Fatal("no appointments")
			}
			rows, err := raw.Query(`SELECT id, COALESCE(practitioner_id, ''), first_day, last_day, kind, reason FROM days_off
				WHERE deleted = 0 AND last_day >= ? AND first_day <= ? ORDER BY first_day, id`,
				from.Format("2006-01-02"), from.AddDate(0, 0, 6).Format("2006-01-02"))
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				var id, pr, first, last, kind, reason string
				if err := rows.Scan(&id, &pr, &first, &last, &kind, &reason); err != nil {
					b.Fatal(err)
				}
			}
			rows.Close()
			rows, err = raw.Query(`SELECT id, practitioner_id, weekday, start_min, end_min FROM working_hours
				WHERE practitioner_id = ? AND deleted = 0`, practitioner)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				var id, pr string
				var wd, st, en int
				if err := rows.Scan(&id, &pr, &wd, &st, &en); err != nil {
					b.Fatal(err)
				}
			}
			rows.Close()
		}
	})
}

// A weekly series over two years, expanded on the practice clock.
func BenchmarkSeriesExpansion(b *testing.B) {
	paris, _ := data.LoadZone("Europe/Paris")
	sr := data.Series{PractitionerID: "x", First: data.Date{Year: 2026, Month: 1, Day: 6}, Start: hm(9, 0), End: hm(9, 30),
		TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Until: data.Date{Year: 2027, Month: 12, Day: 31}}
	if err := sr.Validate(); err != nil {
		b.Fatal(err)
	}
	b.Run("frontdesk", func(b *testing.B) {
		for b.Loop() {
			if occ := sr.Occurrences(paris); len(occ) != 104 {
				b.Fatalf("%d occurrences", len(occ))
			}
		}
	})
	// The floor: the same wall times turned into instants by time.Date,
	// without the gap and overlap rules.
	b.Run("floor", func(b *testing.B) {
		for b.Loop() {
			out := make([]time.Time, 0, 128)
			for d := sr.First.Time(); !d.After(sr.Until.Time()); d = d.AddDate(0, 0, 7) {
				out = append(out, time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, paris))
			}
			if len(out) != 104 {
				b.Fatalf("%d", len(out))
			}
		}
	})
}
