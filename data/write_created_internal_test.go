package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"slices"
	"testing"
)

// perFieldCreation is what the write path recorded for a new row before
// creations became one change, as a change file carried it: one change a
// column of the record, its JSON value, the derived columns left out.
func perFieldCreation(t *testing.T, rec Record) map[string]string {
	t.Helper()
	r, vals, err := validRow(rec)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for i, col := range r.cols {
		if travels(r.table, col) {
			b, _ := json.Marshal(vals[i])
			out[col] = string(b)
		}
	}
	return out
}

// theCreation returns the change records of row id, which must be one
// creation, and its fields with their JSON text.
func theCreation(t *testing.T, s *Store, table, id string) map[string]string {
	t.Helper()
	rows, err := s.r.QueryContext(context.Background(), `SELECT tbl, field, old, new FROM changes WHERE row_id = ?`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out map[string]string
	n := 0
	for rows.Next() {
		n++
		var tbl, field, obj string
		var old sql.NullString
		if err := rows.Scan(&tbl, &field, &old, &obj); err != nil {
			t.Fatal(err)
		}
		if tbl != table || field != CreatedField || old.Valid {
			t.Errorf("%s %s: change of %s.%s with old %v, want the creation", table, id, tbl, field, old)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(obj), &raw); err != nil {
			t.Fatalf("%s %s: creation %q is not a JSON object: %v", table, id, obj, err)
		}
		out = map[string]string{}
		for k, v := range raw {
			out[k] = string(v)
		}
	}
	if n != 1 {
		t.Fatalf("%s %s: %d change records, want one creation", table, id, n)
	}
	return out
}

// A created row's one change carries exactly the fields, with exactly the
// JSON text, that its per-field changes carried: through Save and through
// the bulk path, for rows with derived columns, append-only rows and
// plain ones, values null, numbers and text with characters JSON escapes.
func TestCreationCarriesWhatPerFieldChangesDid(t *testing.T) {
	s := openInternal(t)
	ctx := context.Background()
	pt := &Patient{FamilyName: "O'Brien <Ltd> & \"Fils\"", GivenName: "Seán", BirthDate: Date{1980, 5, 17}, Sex: SexFemale,
		Phone: "06 12 34 56 78", Address: "1 rue de la Paix\nBâtiment B", ConsentSMS: true, Notes: "Allergic\tto\u2028nothing"}
	pr := &Practitioner{DisplayName: "Dr Keep", Colour: "#336699", Active: true}
	typ := &AppointmentType{Name: "Visit", DurationMin: 15, Active: true}
	bulk := []*Patient{{FamilyName: "Bulk", GivenName: "One"}, {FamilyName: "Bulk", GivenName: "Two", DeceasedDate: Date{2024, 2, 29}}}
	var appt *Appointment
	var note *Note
	err := s.Update(ctx, func(tx *Tx) error {
		if err := tx.CreatePatient(pt); err != nil {
			return err
		}
		for _, r := range []Record{pr, typ} {
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		appt = &Appointment{PractitionerID: pr.ID, PatientID: pt.ID, TypeID: typ.ID, Day: Date{2026, 10, 25}, Start: 150, End: 165,
			TimeZone: "Europe/Paris", Notes: "First visit"}
		if err := tx.Save(appt); err != nil {
			return err
		}
		note = &Note{PatientID: pt.ID, Text: "Seen today."}
		if err := tx.AddNote(note); err != nil {
			return err
		}
		return tx.CreatePatients(bulk)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		table, id string
		rec       Record
	}{
		{"patients", pt.ID, pt}, {"practitioners", pr.ID, pr}, {"appointment_types", typ.ID, typ},
		{"appointments", appt.ID, appt}, {"clinical_notes", note.ID, note},
		{"patients", bulk[0].ID, bulk[0]}, {"patients", bulk[1].ID, bulk[1]},
	} {
		got, want := theCreation(t, s, c.table, c.id), perFieldCreation(t, c.rec)
		if !maps.Equal(got, want) {
			keys := slices.Sorted(maps.Keys(got))
			t.Errorf("%s: the creation carries %v\n%v\nper-field changes carried %v", c.table, keys, got, want)
		}
		for _, d := range syncTables[c.table].derived {
			if _, ok := got[d]; ok {
				t.Errorf("%s: the creation carries the derived column %s", c.table, d)
			}
		}
	}
	if len(perFieldCreation(t, pt)) != 23 || len(perFieldCreation(t, appt)) < 10 {
		t.Errorf("a patient travels %d fields (want 23), an appointment %d", len(perFieldCreation(t, pt)), len(perFieldCreation(t, appt)))
	}
}
