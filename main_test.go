package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// frontdesk runs the command line in-process and returns its exit status
// and output.
func frontdesk(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut, time.Now())
	return code, out.String(), errOut.String()
}

func TestSplitCommandAllowsFlagsFirst(t *testing.T) {
	for _, tc := range []struct {
		args []string
		name string
		rest []string
	}{
		{[]string{"check", "--data", "D"}, "check", []string{"--data", "D"}},
		{[]string{"--data", "D", "check"}, "check", []string{"--data", "D"}},
		{[]string{"--data=D", "demo", "--patients", "5"}, "demo", []string{"--data=D", "--patients", "5"}},
		{[]string{"--data", "check"}, "", []string{"--data", "check"}}, // "check" is the folder here
		{[]string{"--demo"}, "", []string{"--demo"}},
		{[]string{"--lang", "fr", "check"}, "check", []string{"--lang", "fr"}},
	} {
		name, rest := splitCommand(tc.args)
		if name != tc.name || !reflect.DeepEqual(rest, tc.rest) {
			t.Errorf("splitCommand(%q) = %q, %q; want %q, %q", tc.args, name, rest, tc.name, tc.rest)
		}
	}
}

func TestFlagsAfterPositionalArguments(t *testing.T) {
	var data, o string
	pos, err := parseFlags("x", []string{"pdf", "2026-11-25", "--data", "D", "-o", "day.pdf"}, func(fs *flag.FlagSet) {
		fs.StringVar(&data, "data", "", "")
		fs.StringVar(&o, "o", "", "")
	})
	if err != nil || !reflect.DeepEqual(pos, []string{"pdf", "2026-11-25"}) || data != "D" || o != "day.pdf" {
		t.Fatalf("pos %q data %q o %q err %v", pos, data, o, err)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"check", "--nope"}, {"demo", "--patients", "many"}, {"version", "extra"}, {"check", "stray"},
		{"--lang", "de"}} {
		code, _, stderr := frontdesk(t, args...)
		if code != 2 || !strings.Contains(stderr, "Usage:") {
			t.Errorf("frontdesk %q: exit %d, stderr %q; want 2 with usage", args, code, stderr)
		}
	}
	if code, stdout, _ := frontdesk(t, "--help"); code != 0 || !strings.Contains(stdout, "Usage:") {
		t.Errorf("--help: exit %d", code)
	}
}

func TestDemoThenCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "practice")
	code, stdout, stderr := frontdesk(t, "demo", "--data", dir, "--patients", "80", "--days", "10", "--practitioners", "2", "--seed", "5")
	if code != 0 || !strings.Contains(stdout, "80 patients") {
		t.Fatalf("demo: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = frontdesk(t, "--data", dir, "check")
	if code != 0 || !strings.HasPrefix(stdout, "ok: ") {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	// A second demo into the same folder is refused: it never mixes with a practice.
	code, _, stderr = frontdesk(t, "demo", "--data", dir, "--patients", "10")
	if code != 1 || !strings.Contains(stderr, "already holds a practice") {
		t.Fatalf("second demo: exit %d, %q", code, stderr)
	}
}

func TestCheckReportsDamage(t *testing.T) {
	dir := t.TempDir()
	garbage := bytes.Repeat([]byte("not a database "), 500)
	if err := os.WriteFile(filepath.Join(dir, "frontdesk.db"), garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := frontdesk(t, "check", "--data", dir)
	if code != 1 || !strings.Contains(stdout, "problem:") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("check of garbage: exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "frontdesk.db")); !bytes.Equal(got, garbage) {
		t.Fatal("check changed the damaged file")
	}
	code, _, stderr = frontdesk(t, "check", "--data", t.TempDir())
	if code != 1 || !strings.Contains(stderr, "no practice database") {
		t.Fatalf("check of an empty folder: exit %d, %q", code, stderr)
	}
}

func TestDataPointingAtAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(file, []byte("hello"), 0o600)
	code, _, stderr := frontdesk(t, "demo", "--data", file)
	if code != 1 || !strings.Contains(stderr, "is a file, not a folder") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
}

func TestVersionMatchesFyneAppToml(t *testing.T) {
	code, stdout, _ := frontdesk(t, "version")
	if code != 0 || !strings.Contains(stdout, version) {
		t.Fatalf("version: exit %d, %q", code, stdout)
	}
	toml, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Version = "([^"]+)"`).FindSubmatch(toml)
	if m == nil || string(m[1]) != version {
		t.Fatalf("FyneApp.toml version %q, main.go %q", m, version)
	}
}
