package demo_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"frontdesk/data"
)

// Every key the demo writes is a UUIDv7 from one notional clock: its time
// lies between the practice's first day and the moment of generation
// (never in the future), and no two keys share a time.
func TestKeysAreUUIDv7FromOnePlausibleClock(t *testing.T) {
	paris, err := data.LoadZone("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	o := small()
	generatedAt := time.Date(fixedDay.Year, fixedDay.Month, fixedDay.Day, 0, int(o.Now), 0, 0, paris)
	s, _ := generate(t, o)
	first := fixedDay.AddDays(-o.Days).Time()

	rows, err := s.ReadDB().Query(`SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name = 'id' ORDER BY m.name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	seen := map[int64]string{}
	perTable := map[string]int{}
	for _, table := range tables {
		switch table {
		case "devices", "audit_log": // the store's own rows, keyed on the real clock
			continue
		}
		keys, err := s.ReadDB().Query(`SELECT id FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		for keys.Next() {
			var id string
			if err := keys.Scan(&id); err != nil {
				t.Fatal(err)
			}
			u, err := uuid.Parse(id)
			if err != nil || u.Version() != 7 || u.Variant() != uuid.RFC4122 {
				t.Fatalf("%s key %q is not a UUIDv7 (%v)", table, id, err)
			}
			sec, nsec := u.Time().UnixTime()
			at := time.Unix(sec, nsec)
			if at.Before(first) || at.After(generatedAt) {
				t.Fatalf("%s key %s carries %v, outside %v … %v", table, id, at.UTC(), first, generatedAt.UTC())
			}
			ms := at.UnixMilli()
			if other, dup := seen[ms]; dup {
				t.Fatalf("%s key %s has the time of %s key %s: two clocks", table, id, other, id)
			}
			seen[ms] = table
			perTable[table]++
		}
		if err := keys.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for _, table := range []string{"practice", "practitioners", "patients", "appointments", "allergies", "problems", "medications", "vital_signs", "clinical_notes", "days_off", "recalls"} {
		if perTable[table] == 0 {
			t.Errorf("no keys checked in %s", table)
		}
	}
}
