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
		return tx.CreatePatients(bulk, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	// An invoice travels when it is finalized: its creation then, and its
	// lines' (a draft and its lines stay on their computer).
	practice := Practice{Name: "Cabinet", Address: "1 rue de la Paix\n75002 Paris", Currency: "EUR", TimeZone: "Europe/Paris"}
	rate := TaxRate{Name: "Standard", BasisPoints: 2000, Active: true}
	var inv Invoice
	err = s.Update(ctx, func(tx *Tx) error {
		for _, r := range []Record{&practice, &rate} {
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		fee := FeeItem{Code: "CERT", Description: "Sports certificate", Price: 2499, TaxRateID: rate.ID, Active: true}
		if err := tx.Save(&fee); err != nil {
			return err
		}
		draft := NewDraft(*pt, practice, Date{2026, 11, 20})
		draft.Lines = append(draft.Lines, LineFromFee(fee, rate, 2, draft.ServiceDate))
		if err := tx.SaveDraft(&draft); err != nil {
			return err
		}
		inv, err = tx.FinalizeInvoice(draft.ID, Date{2026, 11, 21})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rows := []struct{ table, id string }{
		{"patients", pt.ID}, {"practitioners", pr.ID}, {"appointment_types", typ.ID},
		{"appointments", appt.ID}, {"clinical_notes", note.ID},
		{"patients", bulk[0].ID}, {"patients", bulk[1].ID},
		{"invoices", inv.ID}, {"invoice_lines", inv.Lines[0].ID},
	}
	for _, c := range rows {
		// The row as stored, read by the loader sync checks incoming
		// rows with.
		rec, err := syncTables[c.table].load(ctx, s.r, c.id)
		if err != nil {
			t.Fatalf("%s %s: %v", c.table, c.id, err)
		}
		got, want := theCreation(t, s, c.table, c.id), perFieldCreation(t, rec)
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
	if inv.Status != InvoiceFinal || len(inv.Lines) != 1 {
		t.Errorf("invoice %+v", inv)
	}
}
