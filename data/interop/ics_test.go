package interop_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"frontdesk/data"
	"frontdesk/data/interop"
)

// debianPython is Debian's interpreter, which python3-icalendar is
// installed for (`scripts/deps.sh test`); a python3 earlier on PATH (a
// pyenv, a virtualenv) may not have it.
const debianPython = "/usr/bin/python3"

// icsRead is what testdata/read_ics.py understood of a file.
type icsRead struct {
	Version, Prodid, Calname string
	Timezones                []struct {
		Tzid        string
		Observances []struct{ Kind, Dtstart, From, To, Name string }
	}
	Events []icsEvent
}

type icsEvent struct {
	UID, Summary, Description, Status, Dtstamp, Tzid, Start, End string
	Properties                                                   []string
}

// readICS parses a calendar file with python3-icalendar.
func readICS(t *testing.T, path string) icsRead {
	t.Helper()
	if _, err := os.Stat(debianPython); err != nil {
		t.Fatalf("%s is missing: `make test` (scripts/deps.sh test) installs python3-icalendar", debianPython)
	}
	out, err := exec.Command(debianPython, "testdata/read_ics.py", path).Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("python3-icalendar could not read the file: %s", msg)
	}
	var r icsRead
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("reading the parser's output: %v\n%s", err, out)
	}
	return r
}

// writeCalendar exports q to a file the way the command line does.
func writeCalendar(t *testing.T, p *practice, q interop.CalendarQuery, now time.Time) (string, []byte) {
	t.Helper()
	ctx := context.Background()
	c, err := interop.LoadCalendar(ctx, p.s, q)
	if err != nil {
		t.Fatalf("LoadCalendar: %v", err)
	}
	path := filepath.Join(t.TempDir(), "calendar.ics")
	_, err = p.s.WriteOutput(ctx, data.Output{Path: path, What: "The calendar", Action: "export", Entity: "calendar", Detail: "test"},
		func(w io.Writer) error { return interop.WriteCalendar(w, c, now) })
	if err != nil {
		t.Fatalf("WriteOutput: %v", err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, raw
}

func TestCalendarReadByAnIndependentParser(t *testing.T) {
	p := newPractice(t)
	now := time.Date(2027, time.January, 5, 9, 0, 0, 0, time.UTC)
	path, raw := writeCalendar(t, p, interop.CalendarQuery{}, now)
	r := readICS(t, path)

	if r.Version != "2.0" || !strings.Contains(r.Prodid, "Frontdesk") || r.Calname != "Cabinet des Tilleuls, Lyon" {
		t.Errorf("calendar properties: version %q, prodid %q, name %q", r.Version, r.Prodid, r.Calname)
	}
	byUID := map[string]icsEvent{}
	for _, e := range r.Events {
		byUID[e.UID] = e
	}
	if len(byUID) != 6 || len(r.Events) != 6 {
		t.Fatalf("%d events (%d UIDs), want the 6 appointments", len(r.Events), len(byUID))
	}
	for _, a := range []data.Appointment{p.friday, p.monday, p.cancelled, p.blocked, p.autumn, p.olegs} {
		e, ok := byUID[a.ID]
		if !ok {
			t.Errorf("no event has the UID of the appointment %s on %s", a.ID, a.Day)
			continue
		}
		// The instants come from the file's own VTIMEZONE: on both sides
		// of each change they must be the ones the desk booked.
		if want := a.StartUTC.UTC().Format(time.RFC3339); e.Start != want {
			t.Errorf("%s: start %s through the VTIMEZONE, want %s", a.Day, e.Start, want)
		}
		if want := a.EndUTC.UTC().Format(time.RFC3339); e.End != want {
			t.Errorf("%s: end %s through the VTIMEZONE, want %s", a.Day, e.End, want)
		}
		if e.Tzid != "Europe/Paris" {
			t.Errorf("%s: TZID %q", a.Day, e.Tzid)
		}
	}
	// Friday 10:00 is 09:00 UTC (CET), Monday 10:00 is 08:00 UTC (CEST).
	if byUID[p.friday.ID].Start != "2027-03-26T09:00:00Z" || byUID[p.monday.ID].Start != "2027-03-29T08:00:00Z" {
		t.Errorf("across the spring change: %s and %s", byUID[p.friday.ID].Start, byUID[p.monday.ID].Start)
	}
	if got := byUID[p.autumn.ID].Start; got != "2027-11-01T09:00:00Z" {
		t.Errorf("after the autumn change: %s, want 2027-11-01T09:00:00Z", got)
	}

	jeanne := byUID[p.friday.ID]
	if want := "Jeanne Martin-Lefèvre – Consultation; long, with \\ care"; jeanne.Summary != want {
		t.Errorf("summary read back as %q, want %q (escaping)", jeanne.Summary, want)
	}
	if want := "Practitioner: Dr Anna Weber\nChart number: " + p.jeanne.ChartNumber; jeanne.Description != want {
		t.Errorf("description %q, want %q", jeanne.Description, want)
	}
	if jeanne.Status != "CONFIRMED" || byUID[p.cancelled.ID].Status != "CANCELLED" {
		t.Errorf("statuses: booked %q, cancelled %q", jeanne.Status, byUID[p.cancelled.ID].Status)
	}
	if got := byUID[p.blocked.ID].Summary; got != "Blocked time" {
		t.Errorf("blocked time reads %q", got)
	}
	if want := "Олег Владимирович Константинопольский-Ёжиков – Consultation; long, with \\ care"; byUID[p.olegs.ID].Summary != want {
		t.Errorf("a long Cyrillic summary read back as %q", byUID[p.olegs.ID].Summary)
	}
	// Booked through the write path, each appointment has change
	// records: its DTSTAMP is its last change, not the export's time.
	if got := jeanne.Dtstamp; got == now.Format(time.RFC3339) || got > time.Now().UTC().Format(time.RFC3339) {
		t.Errorf("DTSTAMP %s is not the appointment's last change", got)
	}

	// Nothing clinical leaves in a calendar.
	for _, words := range []string{clinicalWords, cancelWords, "pneumonia", "chest"} {
		if bytes.Contains(raw, []byte(words)) {
			t.Errorf("the calendar carries %q", words)
		}
	}
	for _, e := range r.Events {
		for _, prop := range e.Properties {
			switch prop {
			case "COMMENT", "ATTENDEE", "CONTACT", "LOCATION", "ATTACH":
				t.Errorf("%s carries %s", e.UID, prop)
			}
		}
	}
}

func TestCalendarLinesAreFoldedAt75OctetsOnCharacters(t *testing.T) {
	p := newPractice(t)
	_, raw := writeCalendar(t, p, interop.CalendarQuery{}, time.Now())
	if !bytes.HasSuffix(raw, []byte("END:VCALENDAR\r\n")) {
		t.Fatalf("the file does not end with END:VCALENDAR and CRLF")
	}
	folded := 0
	for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a character: %q", i+1, line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no line was folded: the test's long names should have needed it")
	}
}

func TestCalendarUIDsAreStableAcrossExports(t *testing.T) {
	p := newPractice(t)
	first, _ := writeCalendar(t, p, interop.CalendarQuery{}, time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC))
	// The practice goes on: Oleg's appointment moves. Calendars count
	// revisions in whole seconds, so the move waits for the next one.
	time.Sleep(1100 * time.Millisecond)
	update(t, p.s, func(tx *data.Tx) error {
		a := p.olegs
		a.Start, a.End = 15*60, 15*60+30
		return tx.Save(&a)
	})
	second, _ := writeCalendar(t, p, interop.CalendarQuery{}, time.Date(2027, 2, 9, 9, 0, 0, 0, time.UTC))
	a, b := readICS(t, first), readICS(t, second)
	uids := func(r icsRead) map[string]icsEvent {
		m := map[string]icsEvent{}
		for _, e := range r.Events {
			m[e.UID] = e
		}
		return m
	}
	ua, ub := uids(a), uids(b)
	if len(ua) != len(ub) {
		t.Fatalf("%d events, then %d", len(ua), len(ub))
	}
	for uid := range ua {
		if _, ok := ub[uid]; !ok {
			t.Errorf("UID %s of the first export is not in the second", uid)
		}
	}
	if ua[p.olegs.ID].Start == ub[p.olegs.ID].Start {
		t.Error("the moved appointment kept its time in the second export")
	}
	if ua[p.olegs.ID].Dtstamp >= ub[p.olegs.ID].Dtstamp {
		t.Errorf("the moved appointment's DTSTAMP did not advance: %s then %s", ua[p.olegs.ID].Dtstamp, ub[p.olegs.ID].Dtstamp)
	}
}

func TestCalendarTimezoneDescribesTheDSTChanges(t *testing.T) {
	p := newPractice(t)
	path, _ := writeCalendar(t, p, interop.CalendarQuery{}, time.Now())
	r := readICS(t, path)
	if len(r.Timezones) != 1 || r.Timezones[0].Tzid != "Europe/Paris" {
		t.Fatalf("timezones: %+v", r.Timezones)
	}
	type obs struct{ Kind, Dtstart, From, To, Name string }
	var got []obs
	for _, o := range r.Timezones[0].Observances {
		got = append(got, obs(o))
	}
	// From the first appointment (26 March 2027, 10:00 CET) to the last
	// (1 November 2027): the standard time in force since October 2026,
	// the spring and autumn changes of 2027, and the next spring's.
	want := []obs{
		{"STANDARD", "20261025T030000", "+0200", "+0100", "CET"},
		{"DAYLIGHT", "20270328T020000", "+0100", "+0200", "CEST"},
		{"STANDARD", "20271031T030000", "+0200", "+0100", "CET"},
		{"DAYLIGHT", "20280326T020000", "+0100", "+0200", "CEST"},
	}
	if len(got) != len(want) {
		t.Fatalf("observances %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("observance %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestCalendarOfOnePractitionerAndDays(t *testing.T) {
	p := newPractice(t)
	d1, _ := data.NewDate(2027, time.March, 29)
	d2, _ := data.NewDate(2027, time.March, 30)
	path, _ := writeCalendar(t, p, interop.CalendarQuery{Practitioner: "anna", From: d1, To: d2}, time.Now())
	r := readICS(t, path)
	got := map[string]bool{}
	for _, e := range r.Events {
		got[e.UID] = true
	}
	want := []string{p.monday.ID, p.cancelled.ID, p.blocked.ID} // not Friday's, not autumn's, not Youssef's
	if len(got) != len(want) {
		t.Errorf("%d events, want %d", len(got), len(want))
	}
	for _, id := range want {
		if !got[id] {
			t.Errorf("appointment %s is missing", id)
		}
	}
	if !strings.HasSuffix(r.Calname, "Dr Anna Weber") {
		t.Errorf("calendar name %q does not say whose it is", r.Calname)
	}

	_, err := interop.LoadCalendar(context.Background(), p.s, interop.CalendarQuery{Practitioner: "Dr Nobody"})
	if data.ErrorCode(err) != data.ENotFound {
		t.Errorf("an unknown practitioner: %v", err)
	}
	_, err = interop.LoadCalendar(context.Background(), p.s, interop.CalendarQuery{From: d2, To: d1})
	if data.ErrorCode(err) != data.EInvalid {
		t.Errorf("days in the wrong order: %v", err)
	}
}

func TestEmptyCalendarIsStillValid(t *testing.T) {
	p := newPractice(t)
	d, _ := data.NewDate(2030, time.June, 3)
	path, _ := writeCalendar(t, p, interop.CalendarQuery{From: d, To: d}, time.Now())
	r := readICS(t, path)
	if len(r.Events) != 0 || len(r.Timezones) != 1 {
		t.Fatalf("%d events, %d timezones", len(r.Events), len(r.Timezones))
	}
	// Summer time in force on 3 June 2030, and the standard time that
	// follows it, so that readers know both offsets.
	o := r.Timezones[0].Observances
	if len(o) != 2 || o[0].Kind != "DAYLIGHT" || o[0].Dtstart != "20300331T020000" || o[0].To != "+0200" ||
		o[1].Kind != "STANDARD" || o[1].Dtstart != "20301027T030000" || o[1].To != "+0100" {
		t.Errorf("the practice's clock on 3 June 2030: %+v", o)
	}
}
