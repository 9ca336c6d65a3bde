package main

import (
	"database/sql"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

func TestLetterPDFAndExportLetters(t *testing.T) {
	dir, _, _, _ := bookedDemo(t)
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id, patient string
	var letters int
	if err := db.QueryRow(`SELECT COUNT(*) FROM letters`).Scan(&letters); err != nil || letters < 10 {
		t.Fatalf("the demo has %d letters (%v); want a few per ten patients", letters, err)
	}
	err = db.QueryRow(`SELECT l.id, p.given_name || ' ' || p.family_name FROM letters l JOIN patients p ON p.id = l.patient_id
		WHERE l.status = 'sent' ORDER BY l.id LIMIT 1`).Scan(&id, &patient)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "letter.pdf")
	if code, _, stderr := frontdesk(t, "letter", "pdf", id, "--data", dir, "-o", out); code != 0 {
		t.Fatalf("letter pdf: exit %d, %q", code, stderr)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Cabinet médical des Tilleuls", "Page 1 of 1"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the letter lacks %q:\n%s", want, text)
		}
	}
	var audited int
	if err := db.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'print' AND entity = 'patients' AND detail LIKE 'printed letter ' || ? || '%'`, id).Scan(&audited); err != nil || audited != 1 {
		t.Errorf("%d audit rows for the printed letter (%v)", audited, err)
	}
	// An unknown letter is a failure with one line that names the ID and
	// where IDs are found (never "no longer exists": it may never have
	// existed), and no file.
	missing := filepath.Join(t.TempDir(), "none.pdf")
	code, _, stderr := frontdesk(t, "letter", "pdf", "no-such-letter", "--data", dir, "-o", missing)
	if code != 1 || !strings.Contains(stderr, "There is no letter with the ID no-such-letter: ") ||
		!strings.Contains(stderr, "export letters") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("unknown letter: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a file was written for an unknown letter")
	}
	if code, _, stderr := frontdesk(t, "letter", "pdf", id, "--data", dir); code != 2 {
		t.Errorf("no -o: exit %d, %q", code, stderr)
	}

	csvPath := filepath.Join(t.TempDir(), "letters.csv")
	if code, _, stderr := frontdesk(t, "export", "letters", "--data", dir, "-o", csvPath); code != 0 {
		t.Fatalf("export letters: exit %d, %q", code, stderr)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "id,date,patient,chart_number,template,recipient,author,status" || len(rows) != letters+1 {
		t.Fatalf("export header %v, %d rows for %d letters", rows[0], len(rows)-1, letters)
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] == id {
			found = r[2] == patient && r[7] == "sent" && r[3] != ""
		}
	}
	if !found {
		t.Errorf("the export lacks letter %s to %s", id, patient)
	}
}
