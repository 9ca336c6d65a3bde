package data_test

// Benchmarks of search as you type and of opening a patient's file on
// the stress practice (100 000 patients), each beside its floor: the
// main query of the same search in raw SQL on a bare connection,
// including the next-appointment column, so the ratio shows what the
// store adds (reading the query, ranking tiers, scanning).

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"frontdesk/data"
)

// searchPrefixes are what a secretary types: common and rare family-name
// starts, an accented one, a single letter, a given name.
var searchPrefixes = []string{"mar", "gar", "dub", "ngu", "müller", "ben", "lef", "d", "ros", "yıl", "o'b", "sch", "zoé", "jean"}

// keystrokes are the texts of the search field while "josé gómez" and
// "dupont marie" are typed, one letter at a time.
var keystrokes = func() []string {
	var out []string
	for _, full := range []string{"josé gómez", "dupont marie", "nguyễn thị lan"} {
		r := []rune(full)
		for i := 1; i <= len(r); i++ {
			out = append(out, string(r[:i]))
		}
	}
	return out
}()

const floorHit = `p.id, p.chart_number, p.family_name, p.given_name, p.birth_date, p.phone, p.deceased_date,
	(SELECT a.start_local FROM appointments a WHERE a.patient_id = p.id AND a.start_utc > ?1
		AND a.status <> 'cancelled' AND a.deleted = 0 ORDER BY a.start_utc LIMIT 1)`

// scanFloor reads a floor query's rows as the store would.
func scanFloor(b *testing.B, rows *sql.Rows, err error) int {
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, chart, family, given, phone string
		var born, died, next sql.NullString
		if err := rows.Scan(&id, &chart, &family, &given, &born, &phone, &died, &next); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

func benchSearch(b *testing.B, s *data.Store, queries []string, wantHits bool) {
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		hits, err := s.SearchPatients(ctx, q, 50)
		if err != nil || (wantHits && len(hits) == 0) {
			b.Fatalf("search %q: %d hits, %v", q, len(hits), err)
		}
	}
}

func BenchmarkPatientSearch(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	b.Run("frontdesk", func(b *testing.B) { benchSearch(b, s, searchPrefixes, true) })
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			key := data.Fold(searchPrefixes[i%len(searchPrefixes)])
			rows, err := raw.QueryContext(ctx, `SELECT `+floorHit+` FROM patients p INDEXED BY patients_name_key
				WHERE p.name_key >= ? AND p.name_key < ? AND p.deleted = 0 AND p.merged_into IS NULL
				ORDER BY p.name_key LIMIT 50`, time.Now().Unix(), key, key+"\U0010FFFF")
			scanFloor(b, rows, err)
		}
	})
}

// BenchmarkPatientSearchKeystrokes is search as you type: each operation
// is one keystroke of a name typed given name first (so the later
// keystrokes go through the word index, not the family-name range).
func BenchmarkPatientSearchKeystrokes(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	b.Run("frontdesk", func(b *testing.B) { benchSearch(b, s, keystrokes, false) })
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			key := data.Fold(keystrokes[i%len(keystrokes)])
			rows, err := raw.QueryContext(ctx, `SELECT `+floorHit+` FROM
				(SELECT DISTINCT t.patient_id AS pid FROM patient_search t WHERE t.kind = 'n' AND t.token >= ? AND t.token < ? LIMIT 50) m
				CROSS JOIN patients p ON p.id = m.pid WHERE p.deleted = 0 AND p.merged_into IS NULL`,
				time.Now().Unix(), key, key+"\U0010FFFF")
			scanFloor(b, rows, err)
		}
	})
}

// samplePatients returns phones, birth dates and chart numbers of
// patients spread over the stress practice.
func samplePatients(b *testing.B, s *data.Store) (phones, births, charts []string) {
	rows, err := s.ReadDB().Query(`SELECT phone, birth_date, chart_number FROM patients WHERE rowid % 997 = 1 LIMIT 100`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var phone, chart string
		var born sql.NullString
		if err := rows.Scan(&phone, &born, &chart); err != nil {
			b.Fatal(err)
		}
		phones = append(phones, phone[:min(len(phone), 8)]) // typed in part: "06 12 34"
		if born.Valid {
			births = append(births, born.String[8:10]+"/"+born.String[5:7]+"/"+born.String[:4]) // DMY, as typed
		}
		charts = append(charts, chart)
	}
	return phones, births, charts
}

func BenchmarkPatientSearchPhone(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	phones, _, _ := samplePatients(b, s)
	b.Run("frontdesk", func(b *testing.B) { benchSearch(b, s, phones, true) })
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			d := data.Digits(phones[i%len(phones)])
			rows, err := raw.QueryContext(ctx, `SELECT `+floorHit+` FROM patient_search t JOIN patients p ON p.id = t.patient_id
				WHERE t.kind = 'p' AND t.token >= ? AND t.token < ? AND p.deleted = 0 AND p.merged_into IS NULL
				ORDER BY t.token LIMIT 50`, time.Now().Unix(), d, d+"\U0010FFFF")
			scanFloor(b, rows, err)
		}
	})
}

func BenchmarkPatientSearchBirthDate(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	_, births, _ := samplePatients(b, s)
	b.Run("frontdesk", func(b *testing.B) { benchSearch(b, s, births, true) })
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			d := births[i%len(births)]
			iso := d[6:10] + "-" + d[3:5] + "-" + d[0:2]
			rows, err := raw.QueryContext(ctx, `SELECT `+floorHit+` FROM patients p
				WHERE p.birth_date = ? AND p.deleted = 0 AND p.merged_into IS NULL ORDER BY p.name_key LIMIT 50`, time.Now().Unix(), iso)
			scanFloor(b, rows, err)
		}
	})
}

func BenchmarkPatientSearchChart(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	_, _, charts := samplePatients(b, s)
	b.Run("frontdesk", func(b *testing.B) { benchSearch(b, s, charts, true) })
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			rows, err := raw.QueryContext(ctx, `SELECT `+floorHit+` FROM patients p
				WHERE p.chart_number = ? AND p.deleted = 0 AND p.merged_into IS NULL`, time.Now().Unix(), charts[i%len(charts)])
			scanFloor(b, rows, err)
		}
	})
}

// BenchmarkPatientFile opens the Summary of a file: the patient, the
// clinical lists, the latest vital signs and the next appointment.
func BenchmarkPatientFile(b *testing.B) {
	s, raw := stressStore(b)
	ctx := context.Background()
	var ids []string
	rows, err := s.ReadDB().Query(`SELECT DISTINCT patient_id FROM vital_signs WHERE rowid % 5000 = 1 LIMIT 50`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	rows.Close()
	if len(ids) == 0 {
		b.Skip("the stress practice has no vital signs")
	}
	b.Run("frontdesk", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			f, err := s.LoadPatientFile(ctx, ids[i%len(ids)], time.Now())
			if err != nil || len(f.LatestVitals) == 0 {
				b.Fatalf("file: %d vitals, %v", len(f.LatestVitals), err)
			}
		}
	})
	b.Run("floor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			id := ids[i%len(ids)]
			for _, q := range []string{
				`SELECT * FROM patients WHERE id = ?1`,
				`SELECT * FROM allergies WHERE patient_id = ?1 AND deleted = 0`,
				`SELECT * FROM medications WHERE patient_id = ?1 AND deleted = 0`,
				`SELECT * FROM problems WHERE patient_id = ?1 AND deleted = 0`,
				`SELECT * FROM vital_signs WHERE patient_id = ?1 AND deleted = 0 ORDER BY taken_utc DESC LIMIT 7`,
				`SELECT * FROM appointments WHERE patient_id = ?1 AND start_utc > ?2 AND status <> 'cancelled' ORDER BY start_utc LIMIT 1`,
				`SELECT * FROM patient_merges WHERE survivor_id = ?1 OR duplicate_id = ?1`,
			} {
				rows, err := raw.QueryContext(ctx, q, id, time.Now().Unix())
				if err != nil {
					b.Fatal(err)
				}
				cols, err := rows.Columns()
				if err != nil {
					b.Fatal(err)
				}
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for k := range vals {
					ptrs[k] = &vals[k]
				}
				for rows.Next() {
					if err := rows.Scan(ptrs...); err != nil {
						b.Fatal(err)
					}
				}
				rows.Close()
			}
		}
	})
}
