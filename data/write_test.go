package data_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"

	"frontdesk/data"
)

type change struct {
	HLC, Device, Table, Row, Field string
	Old, New                       sql.NullString
}

func changesOf(t testing.TB, s *data.Store, rowID string) []change {
	t.Helper()
	rows, err := s.ReadDB().Query(`SELECT hlc, device_id, tbl, row_id, field, old, new FROM changes WHERE row_id = ? ORDER BY hlc`, rowID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []change
	for rows.Next() {
		var c change
		if err := rows.Scan(&c.HLC, &c.Device, &c.Table, &c.Row, &c.Field, &c.Old, &c.New); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func jsonValue(t testing.TB, s sql.NullString) any {
	t.Helper()
	if !s.Valid {
		return "<SQL NULL>"
	}
	var v any
	if err := json.Unmarshal([]byte(s.String), &v); err != nil {
		t.Fatalf("change value %q is not JSON: %v", s.String, err)
	}
	return v
}

type counts struct{ audit, changes, patients int }

// countAll counts audit rows, field changes and patients. The change log
// also records each audit entry, for sync to carry the chain: those are
// counted with the audit rows, by TestEveryAuditEntryTravels.
func countAll(t testing.TB, s *data.Store) counts {
	t.Helper()
	return counts{
		countRows(t, s, `SELECT COUNT(*) FROM audit_log`),
		countRows(t, s, `SELECT COUNT(*) FROM changes WHERE tbl <> 'audit_log'`),
		countRows(t, s, `SELECT COUNT(*) FROM patients`),
	}
}

// A new row is recorded as one change: its creation (field "*"), whose
// value is an object of every travelling field of the row, the derived
// columns left out (every device computes them).
func TestCreateRecordsEveryField(t *testing.T) {
	s := openStore(t)
	p := data.Patient{FamilyName: "Dupont", GivenName: "Jean", BirthDate: data.Date{1980, 5, 17}, Sex: data.SexMale}
	before := countAll(t, s)
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	after := countAll(t, s)
	if after.audit != before.audit+1 || after.patients != before.patients+1 || after.changes != before.changes+1 {
		t.Errorf("counts %+v → %+v; want one audit row, one patient, one change", before, after)
	}
	chs := changesOf(t, s, p.ID)
	if len(chs) != 1 {
		t.Fatalf("%d change rows for a new patient, want one creation", len(chs))
	}
	c := chs[0]
	if c.Field != data.CreatedField || c.Old.Valid || c.Table != "patients" || c.Device != s.Device().ID {
		t.Errorf("change %+v, want the creation of the patient", c)
	}
	fields, ok := jsonValue(t, c.New).(map[string]any)
	if !ok {
		t.Fatalf("the creation's value %q is not an object", c.New.String)
	}
	if len(fields) != 23 {
		t.Errorf("the creation carries %d fields, want the patient's 23 travelling ones: %v", len(fields), keys(fields))
	}
	for _, derived := range []string{"name_key", "phone_digits", "family_key", "search_tokens"} {
		if _, ok := fields[derived]; ok {
			t.Errorf("the creation carries the derived column %s", derived)
		}
	}
	if v, ok := fields["merged_into"]; !ok || v != nil {
		t.Errorf("merged_into: %v (present %v), want null", v, ok)
	}
	if fields["family_name"] != "Dupont" || fields["birth_date"] != "1980-05-17" || fields["consent_sms"] != float64(0) ||
		fields["chart_number"] != "A-000001" || fields["sex"] != "male" {
		t.Errorf("created fields %v", fields)
	}
	trail, _ := s.AuditTrail(context.Background(), "patients", p.ID)
	if len(trail) != 1 || trail[0].Action != "create" {
		t.Errorf("trail %+v", trail)
	}
}

func TestNoOpSaveWritesNothing(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := data.Patient{FamilyName: "Dupont", GivenName: "Jean", BirthDate: data.Date{1980, 5, 17}, Phone: "01 23 45 67 89"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	pr := newPractitioner(t, s)
	typ := data.AppointmentType{Name: "Visit", DurationMin: 15, Active: true}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&typ) })
	a := data.Appointment{PractitionerID: pr.ID, PatientID: p.ID, TypeID: typ.ID, Day: data.Date{2026, 10, 25}, Start: 150, End: 165, TimeZone: "Europe/Paris"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&a) })

	before := countAll(t, s)
	// The same records again, and the same records as loaded back.
	loaded, err := s.Patient(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	practice, err := s.Practice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	prs, _ := s.Practitioners(ctx)
	types, _ := s.AppointmentTypes(ctx)
	if len(prs) != 1 || len(types) != 1 {
		t.Fatalf("practitioners %+v, types %+v", prs, types)
	}
	mustUpdate(t, s, func(tx *data.Tx) error {
		for _, r := range []data.Record{&p, &loaded, &pr, &prs[0], &typ, &types[0], &a, &practice} {
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		return nil
	})
	// Text that cleans to the stored value is no change either.
	p.FamilyName = "  Dupont\u202C "
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&p) })
	if after := countAll(t, s); after != before {
		t.Errorf("unchanged saves wrote rows: %+v → %+v", before, after)
	}
}

func TestUpdateRecordsChangedFields(t *testing.T) {
	s := openStore(t)
	p := data.Patient{FamilyName: "Dupont", GivenName: "Jean", Phone: "01 23 45 67 89"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	created := len(changesOf(t, s, p.ID))
	before := countAll(t, s)

	p.Phone = "06 00 00 00 00"
	p.BirthDate = data.Date{1980, 5, 17}
	p.FamilyName = "Dupond"
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&p) })

	chs := changesOf(t, s, p.ID)[created:]
	got := map[string][2]any{}
	for _, c := range chs {
		if _, dup := got[c.Field]; dup {
			t.Errorf("field %s recorded twice", c.Field)
		}
		got[c.Field] = [2]any{jsonValue(t, c.Old), jsonValue(t, c.New)}
	}
	want := map[string][2]any{
		"phone":        {"01 23 45 67 89", "06 00 00 00 00"},
		"phone_digits": {"0123456789", "0600000000"},
		"birth_date":   {nil, "1980-05-17"},
		"family_name":  {"Dupont", "Dupond"},
		"name_key":     {"dupont jean", "dupond jean"},
		"family_key":   {"dupont", "dupond"},
		"search_tokens": {`["n:dupont","n:jean","p:0123456789","q:dupont jean","q:jean dupont"]`,
			`["n:dupond","n:jean","p:0600000000","q:dupond jean","q:jean dupond"]`},
	}
	if len(got) != len(want) {
		t.Errorf("changed fields %v, want %v", keys(got), keys(want))
	}
	for f, w := range want {
		if got[f] != w {
			t.Errorf("field %s: old/new %v, want %v", f, got[f], w)
		}
	}
	after := countAll(t, s)
	if after.audit != before.audit+1 || after.changes != before.changes+7 {
		t.Errorf("counts %+v → %+v; want one audit row and seven changes", before, after)
	}
	trail, _ := s.AuditTrail(context.Background(), "patients", p.ID)
	if len(trail) != 2 || trail[0].Action != "update" || trail[0].Detail != "changed: family_name, birth_date, phone, name_key, phone_digits, family_key, search_tokens" {
		t.Errorf("trail %+v", trail)
	}
	stored, _ := s.Patient(context.Background(), p.ID)
	if stored != p {
		t.Errorf("stored %+v, saved %+v", stored, p)
	}
	// Clearing a date records JSON null as the new value.
	p.BirthDate = data.Date{}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&p) })
	last := changesOf(t, s, p.ID)
	c := last[len(last)-1]
	if c.Field != "birth_date" || jsonValue(t, c.Old) != "1980-05-17" || !c.New.Valid || c.New.String != "null" {
		t.Errorf("clearing the date recorded %+v", c)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestFailedValidationRollsBackTheTransaction(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	existing := newPatient(t, s, "Existing", "")
	before := countAll(t, s)
	var first data.Patient
	err := s.Update(ctx, func(tx *data.Tx) error {
		first = data.Patient{FamilyName: "First"}
		if err := tx.CreatePatient(&first); err != nil {
			return err
		}
		existing.GivenName = "Renamed"
		if err := tx.Save(&existing); err != nil {
			return err
		}
		if err := tx.Audit("print", "patients", first.ID, "letter"); err != nil {
			return err
		}
		bad := data.Patient{FamilyName: "Second", Email: "not an address"}
		return tx.CreatePatient(&bad)
	})
	wantCode(t, err, data.EInvalid)
	if !strings.Contains(data.ErrorMessage(err), "Email") {
		t.Errorf("message %q", data.ErrorMessage(err))
	}
	if after := countAll(t, s); after != before {
		t.Errorf("a failed transaction left rows: %+v → %+v", before, after)
	}
	if _, err := s.Patient(ctx, first.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("the first patient of the failed transaction exists: %v", err)
	}
	if got, err := s.Patient(ctx, existing.ID); err != nil || got.GivenName != "" {
		t.Errorf("the update inside the failed transaction stuck: %+v, %v", got, err)
	}
	if next := newPatient(t, s, "Next", ""); next.ChartNumber != "A-000002" {
		t.Errorf("chart number %s after a rolled-back create, want A-000002", next.ChartNumber)
	}
	checkOK(t, s.Dir())

	// Any error from fn rolls back, and a bug is not shown as SQL.
	err = s.Update(ctx, func(tx *data.Tx) error {
		p := data.Patient{FamilyName: "Ghost"}
		if err := tx.CreatePatient(&p); err != nil {
			return err
		}
		return errors.New("sql: something internal")
	})
	wantCode(t, err, data.EInternal)
	assertPlainMessage(t, data.ErrorMessage(err))
	if hits, err := s.SearchPatients(ctx, "ghost", 10); err != nil || len(hits) != 0 {
		t.Errorf("the patient of a failed transaction was kept: %+v, %v", hits, err)
	}
}

func TestCancelledContextWritesNothing(t *testing.T) {
	s := openStore(t)
	before := countAll(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	err := s.Update(ctx, func(tx *data.Tx) error {
		p := data.Patient{FamilyName: "Late"}
		if err := tx.CreatePatient(&p); err != nil {
			return err
		}
		cancel()
		q := data.Patient{FamilyName: "Later"}
		return tx.CreatePatient(&q)
	})
	if err == nil {
		t.Fatal("Update succeeded after its context was cancelled")
	}
	assertPlainMessage(t, data.ErrorMessage(err))
	if after := countAll(t, s); after != before {
		t.Errorf("counts %+v → %+v", before, after)
	}
}

func TestDeleteWritesTombstone(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := newPatient(t, s, "Dupont", "Jean")
	keep := newPatient(t, s, "Durand", "Anne")
	before := countAll(t, s)
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Delete(&p) })

	if n := countRows(t, s, `SELECT deleted FROM patients WHERE id = ?`, p.ID); n != 1 {
		t.Errorf("deleted = %d, want the row kept with deleted = 1", n)
	}
	after := countAll(t, s)
	if after.patients != before.patients || after.audit != before.audit+1 || after.changes != before.changes+1 {
		t.Errorf("counts %+v → %+v", before, after)
	}
	chs := changesOf(t, s, p.ID)
	last := chs[len(chs)-1]
	if last.Field != "deleted" || last.Old.String != "0" || last.New.String != "1" || last.Table != "patients" {
		t.Errorf("delete change %+v", last)
	}
	trail, _ := s.AuditTrail(ctx, "patients", p.ID)
	if len(trail) != 2 || trail[0].Action != "delete" {
		t.Errorf("trail %+v", trail)
	}
	if _, err := s.Patient(ctx, p.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("Patient after delete: %v", err)
	}
	if n, _ := s.CountPatients(ctx); n != 1 {
		t.Errorf("CountPatients = %d", n)
	}
	if got, err := s.Patient(ctx, keep.ID); err != nil || got.FamilyName != "Durand" {
		t.Errorf("the other patient: %+v, %v", got, err)
	}
	// Deleting twice is not a second deletion.
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Delete(&p) })
	if again := countAll(t, s); again != after {
		t.Errorf("second delete wrote rows: %+v → %+v", after, again)
	}
	// A record that was never saved, or whose row is unknown, cannot be deleted.
	err := s.Update(ctx, func(tx *data.Tx) error { return tx.Delete(&data.Patient{FamilyName: "Nobody"}) })
	wantCode(t, err, data.ENotFound)
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.Delete(&data.Patient{ID: data.NewID()}) })
	wantCode(t, err, data.ENotFound)
	checkOK(t, s.Dir())
}

func TestDuplicateChartNumberIsAConflict(t *testing.T) {
	s := openStore(t)
	p := newPatient(t, s, "Dupont", "")
	twin := data.Patient{FamilyName: "Twin", ChartNumber: p.ChartNumber}
	err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&twin) })
	wantCode(t, err, data.EConflict)
	assertPlainMessage(t, data.ErrorMessage(err))
	if n := countRows(t, s, `SELECT COUNT(*) FROM patients`); n != 1 {
		t.Errorf("%d patients", n)
	}
}

func TestSaveWithUnknownIDInserts(t *testing.T) {
	s := openStore(t)
	id := data.NewID()
	p := data.Patient{ID: id, FamilyName: "Synced", ChartNumber: "B-000001"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&p) })
	got, err := s.Patient(context.Background(), id)
	if err != nil || got.ChartNumber != "B-000001" || p.ID != id {
		t.Errorf("Patient = %+v, %v", got, err)
	}
}

func TestPatientValidation(t *testing.T) {
	s := openStore(t)
	future := data.DateOf(timeNow()).AddDays(1)
	cases := []struct {
		p    data.Patient
		hint string
	}{
		{data.Patient{FamilyName: ""}, "Family name is missing"},
		{data.Patient{FamilyName: "X", Sex: "f"}, "Sex"},
		{data.Patient{FamilyName: "X", BirthDate: future}, "Date of birth"},
		{data.Patient{FamilyName: "X", BirthDate: data.Date{1850, 1, 1}}, "130 years"},
		{data.Patient{FamilyName: "X", BirthDate: data.Date{2000, 1, 1}, DeceasedDate: data.Date{1999, 1, 1}}, "before the date of birth"},
		{data.Patient{FamilyName: "X", DeceasedDate: future}, "Date of death"},
		{data.Patient{FamilyName: "X", Phone: "12"}, "too few digits"},
		{data.Patient{FamilyName: "X", Email: "a@b"}, "Email"},
		{data.Patient{FamilyName: "X", Notes: strings.Repeat("n", data.MaxNote+1)}, "Notes is too long"},
	}
	for _, c := range cases {
		p := c.p
		err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&p) })
		wantCode(t, err, data.EInvalid)
		if msg := data.ErrorMessage(err); !strings.Contains(msg, c.hint) {
			t.Errorf("%+v: message %q does not mention %q", c.p, msg, c.hint)
		}
	}
	if n := countRows(t, s, `SELECT COUNT(*) FROM patients`); n != 0 {
		t.Errorf("%d invalid patients written", n)
	}
}
