package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

func TestExportPatientsCommand(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = s.Update(ctx, func(tx *data.Tx) error {
		if err := tx.Save(&data.Practice{Name: "Cabinet", Currency: "EUR", TimeZone: "Europe/Paris"}); err != nil {
			return err
		}
		for _, p := range []data.Patient{
			{FamilyName: "Gómez", GivenName: "José", BirthDate: data.Date{Year: 1980, Month: 3, Day: 15}, Sex: data.SexMale},
			{FamilyName: "כהן", GivenName: "דוד 🌞", DeceasedDate: data.Date{Year: 2024, Month: 2, Day: 29}},
		} {
			if err := tx.CreatePatient(&p); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "patients.csv")
	if code, _, stderr := frontdesk(t, "export", "patients", "--data", dir, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first, _ := os.ReadFile(out)
	want := "chart_number,family_name,given_name,birth_date,sex,phone,phone2,email,address,deceased_date\n" +
		"A-000001,Gómez,José,1980-03-15,male,,,,,\n" +
		"A-000002,כהן,דוד 🌞,,unknown,,,,,2024-02-29\n"
	if string(first) != want {
		t.Fatalf("export:\n%s\nwant:\n%s", first, want)
	}
	// Flags before the kind, to standard output: the same bytes.
	code, stdout, _ := frontdesk(t, "export", "--data", dir, "patients")
	if code != 0 || !bytes.Equal([]byte(stdout), first) {
		t.Fatalf("to standard output (exit %d):\n%s", code, stdout)
	}
	s, err = data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	trail, _ := s.AuditTrail(ctx, "patients", "")
	if len(trail) < 2 || trail[0].Action != "export" || !strings.Contains(trail[1].Detail, "patients.csv") {
		t.Errorf("the exports were not audited: %+v", trail)
	}
}
