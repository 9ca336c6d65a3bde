package data_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"frontdesk/data"
)

// manyPatients are n patients of every shape the form allows: with and
// without a date of birth, deceased, with a multi-line address.
func manyPatients(n int) []*data.Patient {
	out := make([]*data.Patient, n)
	for i := range out {
		p := &data.Patient{FamilyName: fmt.Sprintf("Lefèvre-%d", i), GivenName: "Zoé", Sex: data.Sexes[i%4],
			Phone: fmt.Sprintf("06 12 34 %02d %02d", i/100, i%100), Address: "1 rue X\n69001 Lyon"}
		if i%3 != 0 {
			p.BirthDate = data.Date{Year: 1940 + i%70, Month: time.Month(1 + i%12), Day: 1 + i%28}
		}
		if i%17 == 0 {
			p.DeceasedDate = data.Date{Year: 2020, Month: 2, Day: 29}
		}
		out[i] = p
	}
	return out
}

// TestCreatePatientsIsCreatePatientInBulk creates the same patients in
// two practices, one by one and in bulk (more than one statement's worth
// of each kind of row), and finds the same rows, change records and
// audit entries, a chain that verifies, and patients that can be found.
func TestCreatePatientsIsCreatePatientInBulk(t *testing.T) {
	const n = 300
	ctx := context.Background()
	one, bulk := openStore(t), openStore(t)
	newPatient(t, one, "Avant", "Anne") // a chart number and an audit head already taken
	newPatient(t, bulk, "Avant", "Anne")
	mustUpdate(t, one, func(tx *data.Tx) error {
		for _, p := range manyPatients(n) {
			if err := tx.CreatePatient(p); err != nil {
				return err
			}
		}
		return nil
	})
	created := manyPatients(n)
	mustUpdate(t, bulk, func(tx *data.Tx) error { return tx.CreatePatients(created, nil) })

	const rowsQ = `SELECT chart_number, family_name, given_name, sex, COALESCE(birth_date, ''), phone, address,
		COALESCE(deceased_date, ''), name_key, family_key, search_tokens FROM patients ORDER BY chart_number`
	if a, b := dump(t, one, rowsQ), dump(t, bulk, rowsQ); a != b {
		t.Errorf("the patients differ:\none by one %s\nin bulk %s", a, b)
	}
	if created[n-1].ChartNumber != "A-000301" || created[0].ID == "" {
		t.Errorf("the last patient has chart number %q (want A-000301), the first ID %q", created[n-1].ChartNumber, created[0].ID)
	}
	// The change records: one creation a row, every field in it, in the
	// order a loop of saves stamps them.
	const changesQ = `SELECT p.chart_number, c.field, c.new, c.old IS NULL FROM changes c JOIN patients p ON p.id = c.row_id
		WHERE c.tbl = 'patients' ORDER BY c.hlc`
	if a, b := dump(t, one, changesQ), dump(t, bulk, changesQ); a != b {
		t.Errorf("the change records differ")
	}
	if got := countRows(t, bulk, `SELECT COUNT(*) FROM changes WHERE tbl = 'patients'`); got != n+1 {
		t.Errorf("%d change records, want one a patient (%d)", got, n+1)
	}
	if got := countRows(t, bulk, `SELECT COUNT(*) FROM changes WHERE tbl = 'patients' AND field = '*' AND old IS NULL
		AND json_extract(new, '$.family_name') IS NOT NULL`); got != n+1 {
		t.Errorf("%d creations with their fields, want %d", got, n+1)
	}
	const auditQ = `SELECT a.seq, a.action, a.entity, p.chart_number, a.detail FROM audit_log a JOIN patients p ON p.id = a.entity_id ORDER BY a.seq`
	if a, b := dump(t, one, auditQ), dump(t, bulk, auditQ); a != b {
		t.Errorf("the audit entries differ:\none by one %.300s\nin bulk %.300s", a, b)
	}
	res, err := bulk.FindPatients(ctx, "lefevre-299 zoe", 5)
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ChartNumber != "A-000301" {
		t.Errorf("search found %+v, %v", res.Hits, err)
	}
	// The chain and the anchor hold.
	dir := bulk.Dir()
	bulk.Close()
	rep, err := data.Check(ctx, dir)
	if err != nil || !rep.OK() {
		t.Errorf("check after a bulk create: %v %v", rep.Problems, err)
	}
}

// TestCreatePatientsWritesNothingWhenOneIsInvalid: one patient without a
// family name among valid ones, in the third batch (two were written
// already), and the transaction leaves no trace; the next patient is
// numbered and found as usual.
func TestCreatePatientsWritesNothingWhenOneIsInvalid(t *testing.T) {
	s := openStore(t)
	before := countAll(t, s)
	pts := manyPatients(1200)
	pts[1100].FamilyName = "  "
	err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatients(pts, nil) })
	if data.ErrorCode(err) != data.EInvalid || data.ProblemsOf(err)[0].Field != data.FieldFamilyName {
		t.Fatalf("error %v", err)
	}
	if after := countAll(t, s); after != before {
		t.Errorf("counts %+v → %+v", before, after)
	}
	p := data.Patient{FamilyName: "Après"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	if p.ChartNumber != "A-000001" {
		t.Errorf("the next patient got %s: the refused ones kept their numbers", p.ChartNumber)
	}
	if hits, err := s.SearchPatients(context.Background(), "apres", 5); err != nil || len(hits) != 1 {
		t.Errorf("the next patient is not found: %v %+v", err, hits)
	}
}

// dump writes the rows of a query as text, to compare two stores.
func dump(t testing.TB, s *data.Store, q string) string {
	t.Helper()
	rows, err := s.ReadDB().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []byte
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = fmt.Appendf(out, "%v\n", vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestCreatePatientsNeedsTheRightToWritePatients: the bulk path refuses
// what Save refuses, so an import cannot create patients for a role that
// may not (billing).
func TestCreatePatientsNeedsTheRightToWritePatients(t *testing.T) {
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bea, sam := addUser(t, s, "bea", data.RoleBilling), addUser(t, s, "sam", data.RoleSecretary)
	s.ActAs(bea)
	err = s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatients(manyPatients(3), nil) })
	wantCode(t, err, data.EForbidden)
	var n int
	s.ActAs(sam)
	if err := s.EachPatient(context.Background(), func(data.Patient) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("after a refused import: %d patients, %v", n, err)
	}
}
