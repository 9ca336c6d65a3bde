package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// bookedDemo generates a small demo practice and returns its folder, a
// day with appointments, a practitioner and a patient seen that day.
func bookedDemo(t *testing.T) (dir, day, practitioner, patient string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "practice")
	if code, out, errOut := frontdesk(t, "demo", "--data", dir, "--patients", "120", "--days", "20", "--practitioners", "2", "--seed", "4"); code != 0 {
		t.Fatalf("demo: exit %d\n%s%s", code, out, errOut)
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.QueryRow(`SELECT substr(a.start_local, 1, 10), pr.display_name, p.given_name || ' ' || p.family_name
		FROM appointments a JOIN practitioners pr ON pr.id = a.practitioner_id JOIN patients p ON p.id = a.patient_id
		WHERE a.status != 'cancelled' AND p.family_name GLOB '[A-Z]*' ORDER BY a.start_utc LIMIT 1`).Scan(&day, &practitioner, &patient)
	if err != nil {
		t.Fatal(err)
	}
	return dir, day, practitioner, patient
}

func TestDaylistPDF(t *testing.T) {
	dir, day, practitioner, patient := bookedDemo(t)
	out := filepath.Join(t.TempDir(), "day.pdf")
	code, _, stderr := frontdesk(t, "daylist", "pdf", day, "--data", dir, "-o", out)
	if code != 0 {
		t.Fatalf("daylist: exit %d, %q", code, stderr)
	}
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("no PDF written: %v", err)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Day list", practitioner, patient} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the day list of %s lacks %q", day, want)
		}
	}
	// One practitioner, named in part and in lower case.
	one := filepath.Join(t.TempDir(), "one.pdf")
	last := strings.ToLower(practitioner[strings.LastIndex(practitioner, " ")+1:])
	if code, _, stderr := frontdesk(t, "--data", dir, "daylist", "pdf", day, "--practitioner", last, "-o", one); code != 0 {
		t.Fatalf("daylist --practitioner %s: exit %d, %q", last, code, stderr)
	}
	// Printing is audited.
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'print' AND entity = 'daylist'`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d audit rows for two printed day lists, %v", n, err)
	}
}

func TestDaylistBadInput(t *testing.T) {
	dir, day, _, _ := bookedDemo(t)
	out := filepath.Join(t.TempDir(), "day.pdf")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"daylist", "pdf", "2026-02-31", "--data", dir, "-o", out}, 2, "February 2026 has no day 31"},
		{[]string{"daylist", "pdf", "25/11/2026", "--data", dir, "-o", out}, 2, "YYYY-MM-DD"},
		{[]string{"daylist", "pdf", "26-11-25", "--data", dir, "-o", out}, 2, "YYYY-MM-DD"},
		{[]string{"daylist", "pdf", day, "--data", dir}, 2, "-o FILE"},
		{[]string{"daylist", "csv", day, "--data", dir, "-o", out}, 2, "daylist pdf DATE"},
		{[]string{"daylist", "pdf", day, "--data", dir, "-o", out, "--practitioner", "Dr Who"}, 1, "No practitioner is called \"Dr Who\""},
		{[]string{"daylist", "pdf", day, "--data", filepath.Join(dir, "nope"), "-o", out}, 1, "no practice database"},
	} {
		code, _, stderr := frontdesk(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, %q; want %d with %q", c.args, code, stderr, c.code, c.want)
		}
		if c.code == 1 && strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: stderr is not one line: %q", c.args, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed day list left a file behind")
	}
}

func TestExportAppointments(t *testing.T) {
	dir, _, practitioner, patient := bookedDemo(t)
	out := filepath.Join(t.TempDir(), "appointments.csv")
	if code, _, stderr := frontdesk(t, "export", "appointments", "--data", dir, "-o", out); code != 0 {
		t.Fatalf("export: exit %d, %q", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if lines[0] != "id,start,end,practitioner,patient,chart_number,type,status,cancellation_reason" {
		t.Errorf("header %q", lines[0])
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM appointments WHERE deleted = 0`).Scan(&n); err != nil || n == 0 {
		t.Fatalf("%d appointments in the demo, %v", n, err)
	}
	if len(lines) != n+1 {
		t.Errorf("%d lines for %d appointments", len(lines), n)
	}
	if !strings.Contains(string(b), practitioner) || !strings.Contains(string(b), patient) || !strings.Contains(string(b), "+01:00") && !strings.Contains(string(b), "+02:00") {
		t.Error("the export lacks names or local times with their offset")
	}
}

// The day list from the command line is in the practice's document
// language, or the one --lang names; an unknown language is a usage
// error.
func TestDaylistLanguage(t *testing.T) {
	dir, day, practitioner, _ := bookedDemo(t)
	text := func(args ...string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "day.pdf")
		if code, _, stderr := frontdesk(t, append([]string{"daylist", "pdf", day, "--data", dir, "-o", out}, args...)...); code != 0 {
			t.Fatalf("daylist %q: exit %d, %q", args, code, stderr)
		}
		b, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	d, err := data.ParseISODate(day)
	if err != nil {
		t.Fatal(err)
	}
	french := [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}[d.Weekday()]
	if got := text("--lang", "fr"); !strings.Contains(got, "Liste du jour — "+french) || !strings.Contains(got, practitioner) ||
		strings.Contains(got, "Day list") {
		t.Errorf("--lang fr printed:\n%.400s", got)
	}
	if code, _, stderr := frontdesk(t, "daylist", "pdf", day, "--data", dir, "-o", filepath.Join(t.TempDir(), "x.pdf"), "--lang", "de"); code != 2 ||
		!strings.Contains(stderr, "--lang") {
		t.Errorf("--lang de: exit %d, %q", code, stderr)
	}

	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pr, err := s.Practice(ctx)
	if err == nil {
		pr.DocumentLanguage = "es"
		err = s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&pr) })
	}
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got := text(); !strings.Contains(got, "Lista del día") {
		t.Errorf("a practice that writes in Spanish printed:\n%.400s", got)
	}
	if got := text("--lang", "en"); !strings.Contains(got, "Day list") {
		t.Errorf("--lang en printed:\n%.400s", got)
	}
}
