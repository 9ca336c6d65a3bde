package data_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"frontdesk/data"
)

// Many goroutines writing and reading at once: one writer at a time,
// every chart number handed out once, the audit chain unbroken.
func TestConcurrentWriters(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	const workers, each = 8, 25
	var wg sync.WaitGroup
	charts := make(chan string, workers*each)
	errs := make(chan error, workers*each*2)
	for w := range workers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range each {
				p := data.Patient{FamilyName: fmt.Sprintf("Worker%d", w), GivenName: fmt.Sprint(i)}
				if err := s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&p) }); err != nil {
					errs <- err
					return
				}
				charts <- p.ChartNumber
			}
		}()
		go func() { // readers alongside
			defer wg.Done()
			for range each {
				if _, err := s.SearchPatients(ctx, "worker", 50); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(charts)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	seen := map[string]bool{}
	for c := range charts {
		if seen[c] {
			t.Errorf("chart number %s handed out twice", c)
		}
		seen[c] = true
	}
	if len(seen) != workers*each {
		t.Errorf("%d chart numbers, want %d", len(seen), workers*each)
	}
	for i := 1; i <= workers*each; i++ {
		if c := data.ChartNumber("A", int64(i)); !seen[c] {
			t.Errorf("chart number %s was skipped", c)
		}
	}
	checkOK(t, s.Dir())
}

func TestSnapshotImport(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	before := countAll(t, s)
	err := s.ImportSnapshot(ctx, "demo", func(sn *data.Snapshot) error {
		for i := range 3 {
			p := data.Patient{FamilyName: fmt.Sprintf("Demo%d", i)}
			if err := sn.CreatePatient(&p); err != nil {
				return err
			}
		}
		return sn.Insert(&data.Practitioner{DisplayName: "Dr Demo"})
	})
	if err != nil {
		t.Fatal(err)
	}
	after := countAll(t, s)
	if after.patients != before.patients+3 || after.changes != before.changes || after.audit != before.audit+1 {
		t.Errorf("counts %+v → %+v; want 3 patients, no changes, one audit row", before, after)
	}
	var action, detail string
	err = s.ReadDB().QueryRow(`SELECT action, detail FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&action, &detail)
	if err != nil || action != "import" || detail != "demo (patients: 3, practitioners: 1)" {
		t.Errorf("audit %q %q, %v", action, detail, err)
	}
	// Snapshot rows pass the same Validate: one bad row, nothing imported.
	err = s.ImportSnapshot(ctx, "bad", func(sn *data.Snapshot) error {
		if err := sn.CreatePatient(&data.Patient{FamilyName: "Fine"}); err != nil {
			return err
		}
		return sn.CreatePatient(&data.Patient{FamilyName: strings.Repeat("x", 101)})
	})
	wantCode(t, err, data.EInvalid)
	if again := countAll(t, s); again != after {
		t.Errorf("a failed snapshot left rows: %+v → %+v", after, again)
	}
	checkOK(t, s.Dir())
}

func TestMigrationsAreRecorded(t *testing.T) {
	s := openStore(t)
	if data.SchemaVersion() < 1 {
		t.Fatalf("SchemaVersion = %d", data.SchemaVersion())
	}
	if n := countRows(t, s, `SELECT COUNT(*) FROM schema_migrations`); n != data.SchemaVersion() {
		t.Errorf("%d migrations recorded, want %d", n, data.SchemaVersion())
	}
	if n := countRows(t, s, `SELECT MAX(version) FROM schema_migrations`); n != data.SchemaVersion() {
		t.Errorf("newest recorded %d", n)
	}
	var name string
	if err := s.ReadDB().QueryRow(`SELECT name FROM schema_migrations WHERE version = 1`).Scan(&name); err != nil || name != "foundation" {
		t.Errorf("migration 1 is called %q (%v)", name, err)
	}
	// Reopening applies nothing twice.
	dir := s.Dir()
	s.Close()
	s2, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n := queryInt(t, s2.ReadDB(), `SELECT COUNT(*) FROM schema_migrations`); n != data.SchemaVersion() {
		t.Errorf("%d migrations recorded after reopening", n)
	}
}

// Only a missing database file creates a practice. A zero-byte file (what
// "touch" or a failed copy leaves) or an SQLite database of another program
// is refused unchanged, by Open and so by the desk, export and demo, and
// "frontdesk check" reports it instead of saying ok.
func TestOpenRefusesWhatIsNotAFrontdeskDatabase(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"zero-byte file", func(t *testing.T, path string) {
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"another program's database", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite3", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			mustExec(t, db, `CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)`)
			mustExec(t, db, `INSERT INTO notes (text) VALUES ('buy milk')`)
			db.Close()
		}},
		{"another program's migrations table", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite3", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			mustExec(t, db, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, dirty INTEGER)`)
			mustExec(t, db, `INSERT INTO schema_migrations VALUES (20240101, 0)`)
			db.Close()
		}},
		{"an empty database with no tables", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite3", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			mustExec(t, db, `PRAGMA user_version = 7`)
			db.Close()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, data.DBFile)
			tc.make(t, path)
			before := sha256.Sum256(readFile(t, path))
			s, err := data.Open(dir)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted it")
			}
			wantCode(t, err, data.EForeign)
			msg := data.ErrorMessage(err)
			assertPlainMessage(t, msg)
			if !strings.Contains(msg, "not a Frontdesk practice database") || strings.Contains(msg, "backup") {
				t.Errorf("message %q", msg)
			}
			if after := sha256.Sum256(readFile(t, path)); after != before {
				t.Error("Open changed the file")
			}
			rep, err := data.Check(context.Background(), dir)
			if err != nil || rep.OK() || rep.Code != data.EForeign {
				t.Fatalf("Check: %+v, %v; want a foreign-file problem", rep, err)
			}
			if after := sha256.Sum256(readFile(t, path)); after != before {
				t.Error("Check changed the file")
			}
			if names := dirNames(t, dir); len(names) != 1 {
				t.Errorf("the folder now holds %q", names)
			}
		})
	}
}

// dirNames lists a folder.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// The clock continues after the newest stamp the device issued; a stamp
// it cannot read would restart it at zero, so that new changes sort before
// old ones and lose every merge. The store refuses to open instead.
func TestUnreadableClockStampRefusesOpen(t *testing.T) {
	s := openStore(t)
	dir, device := s.Dir(), s.Device().ID
	newPatient(t, s, "Dupont", "Jean")
	s.Close()
	db := rawDB(t, dir)
	mustExec(t, db, `INSERT INTO changes (op_id, hlc, device_id, tbl, row_id, field, old, new)
		VALUES ('forged', 'not a clock stamp', ?, 'patients', 'x', 'notes', NULL, '""')`, device)
	db.Close()
	s, err := data.Open(dir)
	if err == nil {
		s.Close()
		t.Fatal("Open accepted a change log whose newest stamp cannot be read")
	}
	wantCode(t, err, data.EDamaged)
	assertPlainMessage(t, data.ErrorMessage(err))
}

func TestWorkingHours(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	pr := newPractitioner(t, s)
	blocks := []data.WorkingHours{
		{PractitionerID: pr.ID, Weekday: 0, Start: 9 * 60, End: 12 * 60},
		{PractitionerID: pr.ID, Weekday: 1, Start: 14 * 60, End: 18 * 60},
		{PractitionerID: pr.ID, Weekday: 1, Start: 8 * 60, End: 12 * 60},
		{PractitionerID: pr.ID, Weekday: 6, Start: 8 * 60, End: 24 * 60},
	}
	mustUpdate(t, s, func(tx *data.Tx) error {
		for i := range blocks {
			if err := tx.Save(&blocks[i]); err != nil {
				return err
			}
		}
		return nil
	})
	got, err := s.WorkingHoursOf(ctx, pr.ID)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, w := range got {
		text = append(text, w.String())
	}
	if want := "Mon 08:00–12:00, Mon 14:00–18:00, Sat 08:00–24:00, Sun 09:00–12:00"; strings.Join(text, ", ") != want {
		t.Errorf("working hours %q, want %q", strings.Join(text, ", "), want)
	}
	for _, bad := range []data.WorkingHours{
		{PractitionerID: pr.ID, Weekday: 7, Start: 60, End: 120},
		{PractitionerID: pr.ID, Weekday: -1, Start: 60, End: 120},
		{PractitionerID: pr.ID, Weekday: 1, Start: 120, End: 120},
		{PractitionerID: pr.ID, Weekday: 1, Start: 120, End: 24*60 + 1},
		{Weekday: 1, Start: 60, End: 120},
	} {
		err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&bad) })
		wantCode(t, err, data.EInvalid)
	}
}

func TestPractitionersAndPractice(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	for _, bad := range []data.Practitioner{{}, {DisplayName: "X", Colour: "#12345"}, {DisplayName: strings.Repeat("x", 101)}} {
		err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&bad) })
		wantCode(t, err, data.EInvalid)
	}
	for _, bad := range []data.Practice{
		{Name: "P", Currency: "EURO", TimeZone: "Europe/Paris"},
		{Name: "P", Currency: "EUR", TimeZone: "Nowhere/City"},
		{Name: "P", Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: "DDMMYY"},
		{Name: "", Currency: "EUR", TimeZone: "Europe/Paris"},
	} {
		err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&bad) })
		wantCode(t, err, data.EInvalid)
	}
	a := data.Practitioner{DisplayName: "Dr Zed", Active: true}
	b := data.Practitioner{DisplayName: "Dr Alpha", Active: false}
	c := data.Practitioner{DisplayName: "Dr Beta", Active: true}
	mustUpdate(t, s, func(tx *data.Tx) error {
		for _, p := range []*data.Practitioner{&a, &b, &c} {
			if err := tx.Save(p); err != nil {
				return err
			}
		}
		return nil
	})
	prs, err := s.Practitioners(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range prs {
		names = append(names, p.DisplayName)
	}
	if !sort.StringsAreSorted(names[:2]) || strings.Join(names, ",") != "Dr Beta,Dr Zed,Dr Alpha" {
		t.Errorf("order %v, want active ones first by name", names)
	}
	pr, _ := s.Practice(ctx)
	if pr.Money().Digits != 2 || pr.Location().String() != "Europe/Paris" {
		t.Errorf("practice %+v", pr)
	}
}
