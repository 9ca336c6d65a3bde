package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// The iCalendar and FHIR exports from the command line: files written
// and audited, exit 0; mistakes in the command line exit 2 and wrong
// names exit 1, each before any file is begun.
func TestExportICSAndFHIRCommands(t *testing.T) {
	dir, day, practitioner, _ := bookedDemo(t)
	out := t.TempDir()

	ics := filepath.Join(out, "week.ics")
	code, _, stderr := frontdesk(t, "export", "ics", "--data", dir, "-o", ics, "--from", day, "--to", day, "--practitioner", practitioner)
	if code != 0 {
		t.Fatalf("export ics: exit %d, %s", code, stderr)
	}
	b, err := os.ReadFile(ics)
	if err != nil || !strings.HasPrefix(string(b), "BEGIN:VCALENDAR\r\n") || !strings.Contains(string(b), "BEGIN:VEVENT") {
		t.Fatalf("no calendar written (%v): %.200s", err, b)
	}
	if !strings.Contains(string(b), "Practitioner: "+practitioner) {
		t.Errorf("the events of %s are not %s's", day, practitioner)
	}

	fhir := filepath.Join(out, "all.json")
	if code, _, stderr := frontdesk(t, "export", "fhir", "--data", dir, "-o", fhir); code != 0 {
		t.Fatalf("export fhir: exit %d, %s", code, stderr)
	}
	var bundle struct {
		ResourceType, Type string
		Entry              []json.RawMessage
	}
	b, _ = os.ReadFile(fhir)
	if err := json.Unmarshal(b, &bundle); err != nil || bundle.ResourceType != "Bundle" || bundle.Type != "collection" || len(bundle.Entry) < 120 {
		t.Fatalf("not a Bundle of the practice (%v): %s, %s, %d entries", err, bundle.ResourceType, bundle.Type, len(bundle.Entry))
	}
	// To standard output, one patient by chart number.
	code, stdout, stderr := frontdesk(t, "export", "fhir", "--data", dir, "--patient", "A-000001")
	if code != 0 || !strings.Contains(stdout, `"value":"A-000001"`) || strings.Contains(stdout, `"value":"A-000002"`) {
		t.Fatalf("export fhir --patient: exit %d, %s, %.300s", code, stderr, stdout)
	}

	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var calendar, practice, patient int
	db.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'calendar' AND detail LIKE '%week.ics'`).Scan(&calendar)
	db.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'fhir' AND detail LIKE '%all.json'`).Scan(&practice)
	db.QueryRow(`SELECT COUNT(*) FROM audit_log a JOIN patients p ON p.id = a.entity_id
		WHERE a.action = 'export' AND a.entity = 'patients' AND p.chart_number = 'A-000001' AND a.detail LIKE '%standard output'`).Scan(&patient)
	if calendar != 1 || practice != 1 || patient != 1 {
		t.Errorf("audit rows: calendar %d, practice %d, patient %d; want one each", calendar, practice, patient)
	}

	for _, c := range []struct {
		code int
		args []string
	}{
		{2, []string{"export", "ics", "--from", "2026-02-30"}},
		{2, []string{"export", "ics", "--from", "2026-03-02", "--to", "2026-03-01"}},
		{2, []string{"export", "fhir", "--practitioner", "x"}},
		{2, []string{"export", "ics", "--patient", "A-000001"}},
		{2, []string{"export", "patients", "--from", "2026-01-01"}},
		{2, []string{"export", "vcard"}},
		{1, []string{"export", "ics", "--practitioner", "Dr Nobody"}},
		{1, []string{"export", "fhir", "--patient", "Z-999999"}},
	} {
		target := filepath.Join(out, "refused")
		code, _, stderr := frontdesk(t, append(c.args, "--data", dir, "-o", target)...)
		if code != c.code || stderr == "" {
			t.Errorf("frontdesk %q: exit %d (want %d), %q", c.args, code, c.code, stderr)
		}
		if _, err := os.Stat(target); err == nil {
			t.Errorf("frontdesk %q left a file", c.args)
			os.Remove(target)
		}
	}
	// An unknown practitioner is named in words, with those there are.
	_, _, stderr = frontdesk(t, "export", "ics", "--practitioner", "Dr Nobody", "--data", dir)
	if !strings.Contains(stderr, `No practitioner is called "Dr Nobody"`) || !strings.Contains(stderr, practitioner) {
		t.Errorf("unknown practitioner: %q", stderr)
	}
}
