package data_test

import (
	"context"
	"testing"

	"frontdesk/data"
)

// openStore opens a fresh store in a temporary folder with a practice set up.
func openStore(t testing.TB) *data.Store {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	err = s.Update(context.Background(), func(tx *data.Tx) error {
		return tx.Save(&data.Practice{Name: "Cabinet Test", Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: data.DMY})
	})
	if err != nil {
		t.Fatalf("saving the practice: %v", err)
	}
	return s
}

func TestOpenCreatesDeviceAndPractice(t *testing.T) {
	s := openStore(t)
	if s.Device().Series != "A" {
		t.Errorf("first device series = %q, want A", s.Device().Series)
	}
	pr, err := s.Practice(context.Background())
	if err != nil || pr.Name != "Cabinet Test" || pr.Currency != "EUR" {
		t.Fatalf("Practice() = %+v, %v", pr, err)
	}
}

func TestPatientCreateUpdateAuditAndChanges(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := data.Patient{FamilyName: "  Gómez ", GivenName: "José", Phone: "+33 6 12 34 56 78"}
	if err := s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&p) }); err != nil {
		t.Fatalf("create: %v", err)
	}
	if p.ChartNumber != "A-000001" || p.FamilyName != "Gómez" {
		t.Fatalf("created %+v", p)
	}
	p.Phone = "+33 6 00 00 00 00"
	if err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&p) }); err != nil {
		t.Fatalf("update: %v", err)
	}
	trail, err := s.AuditTrail(ctx, "patients", p.ID)
	if err != nil || len(trail) != 2 || trail[0].Action != "update" || trail[0].Detail != "changed: phone, phone_digits, search_tokens" {
		t.Fatalf("audit trail = %+v, %v", trail, err)
	}
	hits, err := s.SearchPatients(ctx, "gomez", 10)
	if err != nil || len(hits) != 1 || hits[0].ID != p.ID {
		t.Fatalf("search = %+v, %v", hits, err)
	}
}
