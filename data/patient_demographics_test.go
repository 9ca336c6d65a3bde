package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"frontdesk/data"
)

// Two forms opened on the same patient (the desk and a laptop, or two
// screens): each saves only what it changed.
func TestSaveDemographicsSavesOnlyTheFieldsTheFormChanged(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := data.Patient{FamilyName: "Dupont", GivenName: "Jean", Phone: "06 12 34 56 78", Email: "jean@example.org"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	loadedHere, _ := s.Patient(ctx, p.ID)
	loadedThere, _ := s.Patient(ctx, p.ID)

	there := loadedThere
	there.Phone = "07 00 00 00 01"
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveDemographics(loadedThere, &there) })

	here := loadedHere
	here.Email = "jean.dupont@example.org"
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveDemographics(loadedHere, &here) })

	got, _ := s.Patient(ctx, p.ID)
	if got.Phone != "07 00 00 00 01" || got.Email != "jean.dupont@example.org" {
		t.Fatalf("stored phone %q, email %q: want the phone changed there and the email changed here", got.Phone, got.Email)
	}
	if here != got {
		t.Errorf("the saved patient handed back is %+v, stored %+v", here, got)
	}
	trail, _ := s.AuditTrail(ctx, "patients", p.ID)
	if trail[0].Detail != "changed: email" {
		t.Errorf("the e-mail save changed %q", trail[0].Detail)
	}
}

func TestSaveDemographicsRefusesToOverwriteAFieldChangedElsewhere(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := data.Patient{FamilyName: "Dupont", GivenName: "Jean", Phone: "06 12 34 56 78", BirthDate: data.Date{Year: 1980, Month: 3, Day: 15}}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	loadedHere, _ := s.Patient(ctx, p.ID)

	there := loadedHere
	there.Phone, there.BirthDate = "07 00 00 00 01", data.Date{Year: 1980, Month: 3, Day: 16}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveDemographics(loadedHere, &there) })

	here := loadedHere
	here.Phone, here.BirthDate, here.Email = "06 99 99 99 99", data.Date{Year: 1980, Month: 3, Day: 16}, "jean@example.org"
	err := s.Update(ctx, func(tx *data.Tx) error { return tx.SaveDemographics(loadedHere, &here) })
	if data.ErrorCode(err) != data.EConflict {
		t.Fatalf("saving over a phone changed elsewhere: %v", err)
	}
	msg := data.ErrorMessage(err)
	if !strings.Contains(msg, "Phone (now “07 00 00 00 01”)") || strings.Contains(msg, data.FieldBirthDate) {
		t.Errorf("the message reads %q: want the phone named with its stored value, not the date both sides agree on", msg)
	}
	assertPlainMessage(t, msg)
	var conflict *data.DemographicsConflict
	if !errors.As(err, &conflict) || len(conflict.Fields) != 1 || conflict.Fields[0] != data.FieldPhone || conflict.Stored.Phone != "07 00 00 00 01" {
		t.Fatalf("the conflict's cause: %+v", conflict)
	}
	got, _ := s.Patient(ctx, p.ID)
	if got.Phone != "07 00 00 00 01" || got.Email != "" {
		t.Fatalf("a refused save changed the patient: phone %q, email %q", got.Phone, got.Email)
	}

	// Told, the secretary saves again from the stored patient: the typed
	// phone now replaces the other one on purpose.
	again := here
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveDemographics(conflict.Stored, &again) })
	got, _ = s.Patient(ctx, p.ID)
	if got.Phone != "06 99 99 99 99" || got.Email != "jean@example.org" {
		t.Fatalf("the second save stored phone %q, email %q", got.Phone, got.Email)
	}
}
