package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

func TestPatientValidationTable(t *testing.T) {
	today := data.DateOf(time.Now())
	base := data.Patient{ChartNumber: "A-000001", FamilyName: "Dupont"}
	for _, c := range []struct {
		name string
		edit func(p *data.Patient)
		want string // "" when valid; else a fragment of the message
	}{
		{"valid", func(p *data.Patient) {}, ""},
		{"every field", func(p *data.Patient) {
			p.GivenName, p.PreferredName, p.Sex, p.GenderIdentity = "Jean", "Jeannot", data.SexMale, "man"
			p.BirthDate, p.Phone, p.Phone2, p.Email = data.Date{Year: 1980, Month: 5, Day: 17}, "+33 6 12 34 56 78", "04 78 00 00 00", "j@example.org"
			p.Address, p.EmergencyContact, p.EmergencyPhone = "1 rue X\n69003 Lyon", "Marie Dupont (wife)", "06 00 00 00 00"
			p.PayerName, p.PayerNumber, p.ReferringDoctor, p.Language = "CPAM", "1 80 05 69 123 456 78", "Dr Roche", "French"
			p.ConsentLetters, p.ConsentSMS, p.ConsentEmail = true, true, false
		}, ""},
		{"no family name", func(p *data.Patient) { p.FamilyName = "  " }, "Family name is missing."},
		{"emoji family name", func(p *data.Patient) { p.FamilyName = "🌸🌸" }, "Family name: \"🌸🌸\" has no letters"},
		{"birth in the future", func(p *data.Patient) { p.BirthDate = today.AddDays(1) }, "Date of birth: " + today.AddDays(1).String() + " is in the future."},
		{"birth 131 years ago", func(p *data.Patient) { p.BirthDate = data.Date{Year: today.Year - 131, Month: 1, Day: 1} }, "Date of birth"},
		{"email without @", func(p *data.Patient) { p.Email = "jean.example.org" }, "Email: \"jean.example.org\" is not an email address"},
		{"phone with letters", func(p *data.Patient) { p.Phone = "06 12 AB 56" }, "Phone: \"06 12 AB 56\" may only hold digits"},
		{"other phone with letters", func(p *data.Patient) { p.Phone2 = "call me" }, "Other phone:"},
		{"emergency phone with letters", func(p *data.Patient) { p.EmergencyPhone = "x" }, "Emergency phone:"},
		{"unknown sex", func(p *data.Patient) { p.Sex = "yes" }, "Sex: \"yes\" is not one of"},
		{"death before birth", func(p *data.Patient) {
			p.BirthDate, p.DeceasedDate = data.Date{Year: 1980, Month: 1, Day: 2}, data.Date{Year: 1979, Month: 1, Day: 1}
		}, "Date of death: 1979-01-01 is before the date of birth."},
		{"death in the future", func(p *data.Patient) { p.DeceasedDate = today.AddDays(3) }, "Date of death"},
		{"100 kB family name", func(p *data.Patient) { p.FamilyName = strings.Repeat("x", 100_000) }, "Family name is too long (100,000 characters; at most 100)."},
		{"100 kB notes", func(p *data.Patient) { p.Notes = strings.Repeat("note ", 20_000) }, "Notes is too long"},
		{"long payer number", func(p *data.Patient) { p.PayerNumber = strings.Repeat("9", 61) }, "Payer number is too long"},
	} {
		p := base
		c.edit(&p)
		err := p.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case c.want != "" && err == nil:
			t.Errorf("%s: accepted", c.name)
		case c.want != "":
			msg := data.ErrorMessage(err)
			if data.ErrorCode(err) != data.EInvalid || !strings.Contains(msg, c.want) {
				t.Errorf("%s: %q, want %q", c.name, msg, c.want)
			}
			if len(msg) > 300 {
				t.Errorf("%s: the message is %d bytes long", c.name, len(msg))
			}
			assertPlainMessage(t, msg)
		}
	}
}

func TestPatientTextIsCleaned(t *testing.T) {
	p := data.Patient{ChartNumber: "A-1", FamilyName: "\u202eDupont\u202c  ", GivenName: "Jean\tLuc", Address: "  1 rue X  \n\n 69003 Lyon\n"}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.FamilyName != "Dupont" || p.GivenName != "Jean Luc" || p.Address != "1 rue X\n\n69003 Lyon" {
		t.Fatalf("cleaned to %q %q %q", p.FamilyName, p.GivenName, p.Address)
	}
}

func TestSaveDemographicsKeepsChartAndRoundTrips(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := data.Patient{FamilyName: "Nguyễn", GivenName: "Thị Lan", Sex: data.SexFemale, GenderIdentity: "woman",
		BirthDate: data.Date{Year: 1975, Month: 2, Day: 28}, Phone: "06 11 22 33 44", Phone2: "04 72 00 00 00",
		Email: "lan@example.org", Address: "3 rue Pasteur\n69007 Lyon", EmergencyContact: "Minh (son)", EmergencyPhone: "07 00 00 00 00",
		PayerName: "CPAM du Rhône", PayerNumber: "2 75 02 69 123 456 12", ReferringDoctor: "Dr Roche", ConsentLetters: true,
		ConsentSMS: true, Language: "Vietnamese", Notes: "Prefers mornings 🌞"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveDemographics(data.Patient{}, &p) })
	got, err := s.Patient(ctx, p.ID)
	if err != nil || got != p {
		t.Fatalf("stored %+v\nsaved  %+v (%v)", got, p, err)
	}
	edit := got
	edit.ChartNumber, edit.Email = "Z-999999", "new@example.org" // the form cannot change the chart number
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveDemographics(got, &edit) })
	got, _ = s.Patient(ctx, p.ID)
	if got.ChartNumber != p.ChartNumber || got.Email != "new@example.org" {
		t.Fatalf("after the edit: chart %q email %q", got.ChartNumber, got.Email)
	}
	byChart, err := s.PatientByChart(ctx, strings.ToLower(p.ChartNumber))
	if err != nil || byChart.ID != p.ID {
		t.Fatalf("PatientByChart: %+v %v", byChart, err)
	}
}

func TestPossibleDuplicatesOnCreate(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	born := data.Date{Year: 1980, Month: 3, Day: 15}
	first := data.Patient{FamilyName: "Gómez", GivenName: "José", BirthDate: born}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&first) })
	newPatient(t, s, "Gomez", "Josef")
	for _, c := range []struct {
		p    data.Patient
		want int
	}{
		{data.Patient{FamilyName: "GOMEZ", GivenName: "jose", BirthDate: born}, 1},
		{data.Patient{FamilyName: "Gomez", GivenName: "José", BirthDate: born.AddDays(1)}, 0},
		{data.Patient{FamilyName: "Gomez", GivenName: "Josef", BirthDate: born}, 0},
		{data.Patient{FamilyName: "Gomez", GivenName: "José"}, 0}, // no date: no warning
		{first, 0}, // a patient is not its own duplicate
	} {
		dups, err := s.PossibleDuplicates(ctx, c.p)
		if err != nil || len(dups) != c.want {
			t.Errorf("%s %s %s: %d duplicates (%v), want %d", c.p.FamilyName, c.p.GivenName, c.p.BirthDate, len(dups), err, c.want)
		}
		if c.want == 1 && dups[0].ID != first.ID {
			t.Errorf("the duplicate found is %+v", dups[0])
		}
	}
}
