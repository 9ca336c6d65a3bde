package interop

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// practicePatients lists the practice's current patients.
func practicePatients(t testing.TB, s *data.Store) []data.Patient {
	t.Helper()
	var out []data.Patient
	if err := s.EachPatient(context.Background(), func(p data.Patient) error { out = append(out, p); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func checked(t testing.TB, s *data.Store, text string) *Plan {
	t.Helper()
	src, err := Read(strings.NewReader(text), "patients.csv")
	if err != nil {
		t.Fatal(err)
	}
	pl, err := Check(context.Background(), s, src, Choices{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

// TestImportWritesTheGoodLinesAudited imports the messy file: its good
// lines become patients, numbered from the device's series, one audit
// entry says what the import did and each patient's creation has its
// own; the database passes its integrity check, audit chain included.
func TestImportWritesTheGoodLinesAudited(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SetUser("secretary")
	ctx := context.Background()
	pl := checked(t, s, messy)
	var calls [][2]int
	if err := pl.Import(ctx, s, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	got := practicePatients(t, s)
	if len(got) != pl.ToImport || got[0].ChartNumber != "A-000001" || got[len(got)-1].ChartNumber != "A-000005" {
		t.Fatalf("%d patients imported, want %d: %+v", len(got), pl.ToImport, got)
	}
	if len(calls) != 1 || calls[0] != [2]int{5, 5} {
		t.Errorf("progress: %v", calls)
	}
	trail, err := s.AuditTrail(ctx, "patients", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 1 || trail[0].Action != "import" || trail[0].User != "secretary" ||
		trail[0].Detail != "patients.csv: 5 imported, 1 skipped, 8 refused" {
		t.Errorf("the import's audit entry: %+v", trail)
	}
	for _, p := range got {
		trail, err := s.AuditTrail(ctx, "patients", p.ID)
		if err != nil || len(trail) != 1 || trail[0].Action != "create" {
			t.Errorf("%s: creation audit %+v %v", p.ChartNumber, trail, err)
		}
	}
	s.Close()
	if rep, err := data.Check(ctx, dir); err != nil || !rep.OK() {
		t.Errorf("integrity after the import: %v %+v", err, rep.Problems)
	}
}

// importBatch is the size of the batches data's CreatePatients writes
// (its createBatch): the files of these tests span more than one.
const importBatch = 500

// TestImportCancelledWritesNothing cancels between two batches: the
// transaction is rolled back, the practice is as it was.
func TestImportCancelledWritesNothing(t *testing.T) {
	s := newStore(t)
	var b strings.Builder
	b.WriteString("nom,prénom,naissance\n")
	for i := range importBatch * 2 {
		b.WriteString("Martin,Élise" + strings.Repeat("e", i%7) + ",1980-01-" + string(rune('1'+i%9)) + "\n")
	}
	pl := checked(t, s, b.String())
	ctx, cancel := context.WithCancel(context.Background())
	err := pl.Import(ctx, s, func(done, total int) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v", err)
	}
	if got := practicePatients(t, s); len(got) != 0 {
		t.Errorf("%d patients left by a cancelled import", len(got))
	}
	if trail, _ := s.AuditTrail(context.Background(), "patients", ""); len(trail) != 0 {
		t.Errorf("a cancelled import was audited: %+v", trail)
	}
	// The plan is intact: the same import can be tried again.
	if err := pl.Import(context.Background(), s, nil); err != nil || len(practicePatients(t, s)) != pl.ToImport {
		t.Errorf("second try: %v", err)
	}
}

// TestRoundTripImportsAnExport exports a practice's patients, imports
// the file into an empty practice and finds the same patients, field by
// field; importing it a second time adds nobody.
func TestRoundTripImportsAnExport(t *testing.T) {
	ctx := context.Background()
	from := newStore(t)
	people := append([]data.Patient{}, fixture...)
	people = append(people,
		data.Patient{FamilyName: "כהן", GivenName: "דוד", Sex: data.SexMale, BirthDate: data.Date{Year: 1950, Month: 1, Day: 2},
			DeceasedDate: data.Date{Year: 2024, Month: 2, Day: 29}, Email: "d@example.org", Phone2: "+972 3 555 1234"},
		data.Patient{FamilyName: "Nguyễn", GivenName: "Thị Lan", Sex: data.SexOther, BirthDate: data.Date{Year: 1990, Month: 10, Day: 11}},
	)
	err := from.Update(ctx, func(tx *data.Tx) error {
		for _, p := range people {
			if err := tx.CreatePatient(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := from.ExportPatients(ctx, &file); err != nil {
		t.Fatal(err)
	}
	to := newStore(t)
	pl := checked(t, to, file.String())
	if pl.ToImport != len(people) || len(pl.Lines) != 0 {
		t.Fatalf("%d to import, report %+v", pl.ToImport, pl.Lines)
	}
	if err := pl.Import(ctx, to, nil); err != nil {
		t.Fatal(err)
	}
	want, got := practicePatients(t, from), practicePatients(t, to)
	for i := range want {
		w, g := want[i], got[i]
		w.ID, g.ID = "", ""
		if w != g {
			t.Errorf("patient %d:\n%+v\nwant\n%+v", i, g, w)
		}
	}
	again := checked(t, to, file.String())
	if again.ToImport != 0 || again.Skipped != len(people) {
		t.Errorf("the same file again: %d to import, %d skipped", again.ToImport, again.Skipped)
	}
}

// TestReadFileSaysWhyItCannot names the file that is missing, and
// refuses a workbook picked instead of its CSV export.
func TestReadFileSaysWhyItCannot(t *testing.T) {
	var e *data.Error
	if _, err := ReadFile(filepath.Join(t.TempDir(), "none.csv")); !errors.As(err, &e) || e.Code != data.ENotFound {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := Read(strings.NewReader("PK\x03\x04rest of a zip"), "book.xlsx"); !errors.As(err, &e) || e.Key != "import.error.workbook" {
		t.Errorf("a workbook: %v", err)
	}
	if _, err := Read(strings.NewReader("\n\n ;\n"), "empty.csv"); !errors.As(err, &e) || e.Key != "import.error.empty" {
		t.Errorf("an empty file: %v", err)
	}
}
