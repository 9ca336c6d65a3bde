package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// newPractice makes an empty practice in a folder of its own.
func newPractice(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Update(context.Background(), func(tx *data.Tx) error {
		return tx.Save(&data.Practice{Name: "Cabinet", Currency: "EUR", TimeZone: "Europe/Paris"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// currentPatients counts the practice's patients as the store lists them.
func currentPatients(t *testing.T, dir string) int {
	t.Helper()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	if err := s.EachPatient(context.Background(), func(data.Patient) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportPatientsCommand(t *testing.T) {
	dir := newPractice(t)
	file := writeFile(t, "old.csv", "\ufeffNom;Prénom;Date de naissance;Téléphone\r\n"+
		"Dupont;Jean;25/05/1989;06 12 34 56 78\r\n"+
		"Martin;Paul;31/02/1990;\r\n"+
		"\"Durand;Léa;01/01/1980;\r\n"+
		"Petit;Luc;01/02/1970;3,3612345678E+10\r\n"+
		"Roux;Max;03/04/1985;\r\n")
	code, stdout, stderr := frontdesk(t, "import", "patients", file, "--dry-run", "--data", dir)
	if code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"old.csv: UTF-8 with BOM, semicolon-separated, 5 records; dates read DMY.",
		`"Date de naissance" → Date of birth`,
		"line 3: refused: Date of birth:",
		"line 4: refused: A value in quotes starts on this line and is not closed.",
		"line 5: refused: Phone: \"3,3612345678E+10\" was turned into a number",
		"2 patients to import (0 with a note), 0 lines skipped, 3 refused.",
		"Dry run: nothing was written",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the report lacks %q:\n%s", want, stdout)
		}
	}
	if n := currentPatients(t, dir); n != 0 {
		t.Fatalf("a dry run wrote %d patients", n)
	}
	code, real, stderr := frontdesk(t, "import", "--data", dir, "patients", file)
	if code != 0 || !strings.HasSuffix(real, "Imported 2 patients.\n") {
		t.Fatalf("import: exit %d: %s%s", code, real, stderr)
	}
	if strings.TrimSuffix(real, "Imported 2 patients.\n") != strings.Split(stdout, "Dry run")[0] {
		t.Errorf("the dry run's report differs from the import's:\n%s\n---\n%s", stdout, real)
	}
	if n := currentPatients(t, dir); n != 2 {
		t.Fatalf("%d patients imported, want 2", n)
	}
}

// TestImportReportCountsInEnglish: one patient is "1 patient", in the
// report, the dry run and the import alike.
func TestImportReportCountsInEnglish(t *testing.T) {
	dir := newPractice(t)
	file := writeFile(t, "one.csv", "last,first,dob\nLemoine,Zoé,1985-04-03\nLemoine,Zoé,1985-04-03\n")
	_, dry, _ := frontdesk(t, "import", "patients", file, "--dry-run", "--data", dir)
	_, real, stderr := frontdesk(t, "import", "patients", file, "--data", dir)
	for _, want := range []string{"1 patient to import (0 with a note), 1 line skipped, 0 refused.",
		"without --dry-run 1 patient would be imported."} {
		if !strings.Contains(dry, want) {
			t.Errorf("the dry run lacks %q:\n%s", want, dry)
		}
	}
	if !strings.HasSuffix(real, "Imported 1 patient.\n") {
		t.Errorf("the import says:\n%s%s", real, stderr)
	}
}

// TestImportPatientsCommandExitCodes: a date order the file cannot
// settle, and a wrong --date-order, are usage matters (2); a file that
// cannot be read, or none of whose lines can go in, is a failure (1).
func TestImportPatientsCommandExitCodes(t *testing.T) {
	dir := newPractice(t)
	ambiguous := writeFile(t, "ambiguous.csv", "last,first,dob\nA,B,03/04/1985\nC,D,05/06/1990\n")
	code, _, stderr := frontdesk(t, "import", "patients", ambiguous, "--data", dir)
	if code != 2 || !strings.Contains(stderr, "03/04/1985 on line 2") || !strings.Contains(stderr, "--date-order dmy") {
		t.Errorf("ambiguous dates: exit %d: %s", code, stderr)
	}
	if n := currentPatients(t, dir); n != 0 {
		t.Fatalf("%d patients written before the order was given", n)
	}
	if code, out, stderr := frontdesk(t, "import", "patients", ambiguous, "--date-order", "mdy", "--data", dir); code != 0 || !strings.Contains(out, "dates read MDY") {
		t.Errorf("--date-order mdy: exit %d: %s%s", code, out, stderr)
	}
	if code, _, stderr := frontdesk(t, "import", "patients", ambiguous, "--date-order", "dm", "--data", dir); code != 2 {
		t.Errorf("--date-order dm: exit %d: %s", code, stderr)
	}
	if code, _, stderr := frontdesk(t, "import", "patients", "--data", dir); code != 2 {
		t.Errorf("no file: exit %d: %s", code, stderr)
	}
	if code, _, stderr := frontdesk(t, "import", "patients", filepath.Join(dir, "none.csv"), "--data", dir); code != 1 || !strings.Contains(stderr, "There is no file") {
		t.Errorf("a missing file: exit %d: %s", code, stderr)
	}
	bad := writeFile(t, "bad.csv", "last,first,dob\nA,B,31/02/1985\n")
	if code, out, stderr := frontdesk(t, "import", "patients", bad, "--data", dir); code != 1 || !strings.Contains(out, "line 2: refused") {
		t.Errorf("every line refused: exit %d: %s%s", code, out, stderr)
	}
}
