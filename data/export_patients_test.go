package data_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"frontdesk/data"
)

func TestExportPatients(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	add := func(p data.Patient) data.Patient {
		mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
		return p
	}
	add(data.Patient{FamilyName: "Gómez", GivenName: "José 🌞", BirthDate: data.Date{Year: 1980, Month: 3, Day: 15}, Sex: data.SexMale,
		Phone: "+33 6 12 34 56 78", Email: "jose@example.org", Address: "4 place des Tilleuls\n69003 Lyon"})
	add(data.Patient{FamilyName: "حداد", GivenName: "محمد", Phone2: "04 78 00 00 00"})
	add(data.Patient{FamilyName: "=HYPERLINK(\"x\")", GivenName: "Eve"})
	old := add(data.Patient{FamilyName: "Durand", GivenName: "Léa", BirthDate: data.Date{Year: 1930, Month: 1, Day: 2},
		DeceasedDate: data.Date{Year: 2020, Month: 6, Day: 30}, Sex: data.SexFemale})
	dup := add(data.Patient{FamilyName: "Gomez", GivenName: "Jose"})
	mustUpdate(t, s, func(tx *data.Tx) error { _, err := tx.MergePatients(old.ID, dup.ID); return err })

	var a, b bytes.Buffer
	if err := s.ExportPatients(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if err := s.ExportPatients(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same data gave different bytes")
	}
	recs, err := csv.NewReader(bytes.NewReader(a.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v\n%s", err, a.String())
	}
	want := [][]string{
		{"chart_number", "family_name", "given_name", "birth_date", "sex", "phone", "phone2", "email", "address", "deceased_date"},
		{"A-000001", "Gómez", "José 🌞", "1980-03-15", "male", "+33 6 12 34 56 78", "", "jose@example.org", "4 place des Tilleuls\n69003 Lyon", ""},
		{"A-000002", "حداد", "محمد", "", "unknown", "", "04 78 00 00 00", "", "", ""},
		{"A-000003", "'=HYPERLINK(\"x\")", "Eve", "", "unknown", "", "", "", "", ""},
		{"A-000004", "Durand", "Léa", "1930-01-02", "female", "", "", "", "", "2020-06-30"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d rows, want %d (merged duplicate left out):\n%s", len(recs), len(want), a.String())
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q\nwant    %q", i, recs[i], want[i])
		}
	}
}
