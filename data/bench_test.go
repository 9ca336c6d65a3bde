package data_test

// Benchmarks of the store beside their floor: the same query in raw SQL
// on a bare database/sql connection to the same file, in the same run, so
// the ratio can be read on a noisy machine. The read benchmarks use the
// stress practice (100 000 patients, ten years, 8 practitioners) that
// `make bench` builds once and names in FRONTDESK_BENCH_DATA.

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"frontdesk/data"
)

func stressStore(b *testing.B) (*data.Store, *sql.DB) {
	b.Helper()
	dir := os.Getenv("FRONTDESK_BENCH_DATA")
	if dir == "" {
		b.Skip("FRONTDESK_BENCH_DATA names no stress practice; `make bench` builds one")
	}
	s, err := data.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { raw.Close(); s.Close() })
	return s, raw
}

// The patient search benchmarks are in bench_patients_test.go.

// busyWeeks returns Mondays of weeks in which the first practitioner has
// appointments, spread over the stress practice's ten years. The weeks are
// read from the bookings, not stepped through the calendar: a stepped week
// can fall on the practitioner's leave, and which weeks do depends on the
// day the practice was generated.
func busyWeeks(b *testing.B, s *data.Store) (string, []time.Time) {
	var practitioner string
	if err := s.ReadDB().QueryRow(`SELECT id FROM practitioners ORDER BY id LIMIT 1`).Scan(&practitioner); err != nil {
		b.Fatal(err)
	}
	// date(d, '-6 days', 'weekday 1') is the Monday on or before d.
	rows, err := s.ReadDB().Query(`SELECT date(substr(start_local, 1, 10), '-6 days', 'weekday 1') AS monday FROM appointments
		WHERE practitioner_id = ? AND deleted = 0 GROUP BY monday HAVING COUNT(*) >= 5 ORDER BY monday`, practitioner)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var all []time.Time
	for rows.Next() {
		var monday string
		if err := rows.Scan(&monday); err != nil {
			b.Fatal(err)
		}
		d, err := time.Parse("2006-01-02", monday)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, d)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	if len(all) == 0 {
		b.Fatal("the first practitioner has no busy week in the stress practice")
	}
	var weeks []time.Time
	for i := 0; i < len(all); i += max(1, len(all)/40) {
		weeks = append(weeks, all[i])
	}
	return practitioner, weeks
}

func BenchmarkPractitionerWeek(b *testing.B) {
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
		}
	})
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			from := weeks[i%len(weeks)]
			// The select list grew with the booking work (series, status
			// times); viewColumns in bench_booking_test.go is the same list.
			if n := scanRaw(b, raw, viewColumns+` WHERE a.practitioner_id = ? AND a.start_utc >= ? AND a.start_utc < ? AND a.deleted = 0
				ORDER BY a.start_utc`, practitioner, from.Unix(), from.AddDate(0, 0, 7).Unix()); n == 0 {
				b.Fatal("no appointments")
			}
		}
	})
}

// BenchmarkBookAppointment measures one booking committed through the write
// path (validation, insert, one change row per field, an audit row with
// its hash chain) beside a bare INSERT committed on the same kind of file
// with the same durability settings.
func BenchmarkBookAppointment(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	pr := data.Practitioner{DisplayName: "Dr Bench", Active: true}
	if err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&pr) }); err != nil {
		b.Fatal(err)
	}
	day := data.Date{Year: 2026, Month: 11, Day: 25}
	b.Run("frontdesk", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			start := data.WallTime(8*60 + i%600)
			a := data.Appointment{PractitionerID: pr.ID, Day: day, Start: start, End: start + 15, TimeZone: "Europe/Paris"}
			if err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&a) }); err != nil {
				b.Fatal(err)
			}
		}
	})
	floorDir := b.TempDir()
	fs, err := data.Open(floorDir) // the same schema, then bare SQL on it
	if err != nil {
		b.Fatal(err)
	}
	fs.Close()
	raw, err := sql.Open("sqlite3", "file:"+filepath.Join(floorDir, data.DBFile)+
		"?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_txlock=immediate&_foreign_keys=off")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			tx, err := raw.Begin()
			if err != nil {
				b.Fatal(err)
			}
			start := 8*60 + i%600
			_, err = tx.Exec(`INSERT INTO appointments (id, practitioner_id, start_local, end_local, time_zone, start_utc, end_utc, status)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'booked')`, data.NewID(), pr.ID, "2026-11-25T08:00", "2026-11-25T08:15", "Europe/Paris",
				int64(1795000000+start*60), int64(1795000900+start*60))
			if err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
