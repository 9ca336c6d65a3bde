package interop

import (
	"archive/zip"
	"bytes"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// embeddedZone loads a zone from the zone data Go embeds for Windows
// ($GOROOT/lib/time/zoneinfo.zip, what time/tzdata holds), not from the
// system's files.
func embeddedZone(t *testing.T, name string) *time.Location {
	t.Helper()
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	z, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(root)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	f, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocationFromTZData(name, b)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func serialized(tz *ics.VTimezone) string {
	var b bytes.Buffer
	tz.SerializeTo(&b, &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\n"})
	return b.String()
}

// finished runs f and fails the test when it has not returned within a
// minute: a loop that never ends must fail here, not at go test's
// timeout ten minutes later. The work itself takes microseconds.
func finished(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("still running after a minute")
	}
}

// The Windows build (Go's embedded zone data) and the Linux build (the
// system's) describe a zone the same way, years ahead too, where the
// embedded data gives the changes as a rule and Go's zone bounds stop
// at every new year (a day early in a leap year: 2028 is one).
func TestVTimezoneIsTheSameFromEitherZoneData(t *testing.T) {
	for _, name := range []string{"Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "Africa/Casablanca"} {
		system, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		embedded := embeddedZone(t, name)
		from := time.Date(2026, time.November, 2, 9, 0, 0, 0, time.UTC)
		to := time.Date(2029, time.February, 1, 9, 0, 0, 0, time.UTC)
		var a, b string
		finished(t, func() { a, b = serialized(vtimezone(system, from, to)), serialized(vtimezone(embedded, from, to)) })
		if a != b {
			t.Errorf("%s: the system's zone data gives\n%s\nGo's embedded data gives\n%s", name, a, b)
		}
		if strings.Contains(a, "TZOFFSETFROM:+0900\nTZOFFSETTO:+0900") {
			t.Errorf("%s: an observance that changes nothing:\n%s", name, a)
		}
	}
}
