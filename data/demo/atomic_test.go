package demo_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/demo"
)

// rowCounts counts the rows of every table, to show that a refused or
// failed run wrote nothing.
func rowCounts(t *testing.T, s *data.Store) map[string]int {
	t.Helper()
	rows, err := s.ReadDB().Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if len(tables) < 10 {
		t.Fatalf("only %d tables: %v", len(tables), tables)
	}
	counts := map[string]int{}
	for _, name := range tables {
		var n int
		if err := s.ReadDB().QueryRow(`SELECT COUNT(*) FROM "` + name + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[name] = n
	}
	return counts
}

func sameCounts(t *testing.T, what string, before, after map[string]int) {
	t.Helper()
	for name, n := range after {
		if before[name] != n {
			t.Errorf("%s: table %s went from %d to %d rows", what, name, before[name], n)
		}
	}
}

func TestRefusesBadOptionsBeforeWriting(t *testing.T) {
	cases := []struct {
		name   string
		change func(o *demo.Options)
	}{
		{"no patients", func(o *demo.Options) { o.Patients = 0 }},
		{"negative patients", func(o *demo.Options) { o.Patients = -1 }},
		{"too many patients", func(o *demo.Options) { o.Patients = 99_999_999_999 }},
		{"no days", func(o *demo.Options) { o.Days = 0 }},
		{"negative days", func(o *demo.Options) { o.Days = -5 }},
		{"too many days", func(o *demo.Options) { o.Days = 36_501 }},
		{"no practitioners", func(o *demo.Options) { o.Practitioners = 0 }},
		{"more practitioners than names", func(o *demo.Options) { o.Practitioners = 11 }},
		{"a today that does not exist", func(o *demo.Options) { o.Today = data.Date{Year: 2026, Month: 2, Day: 30} }},
		{"a now before midnight", func(o *demo.Options) { o.Now = -1 }},
		{"a now after the day", func(o *demo.Options) { o.Now = 24 * 60 }},
	}
	s, err := data.Open(filepath.Join(t.TempDir(), "d"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := rowCounts(t, s)
	for _, c := range cases {
		o := small()
		c.change(&o)
		_, err := demo.Generate(context.Background(), s, o, nil)
		if data.ErrorCode(err) != data.EInvalid || data.ErrorMessage(err) == "" {
			t.Errorf("%s: %v, want a plain invalid-options error", c.name, err)
		}
		sameCounts(t, c.name, before, rowCounts(t, s))
	}
	// The same store then takes a good run.
	if _, err := demo.Generate(context.Background(), s, small(), nil); err != nil {
		t.Fatalf("Generate after the refusals: %v", err)
	}
}

// A run that fails half-way (here: cancelled while booking appointments)
// leaves the store as it was, and the next run finishes the practice.
func TestFailedDemoLeavesNothing(t *testing.T) {
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := rowCounts(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cancelled := false
	_, err = demo.Generate(ctx, s, small(), func(msg string) {
		if strings.HasPrefix(msg, "appointments up to") {
			cancelled = true
			cancel()
		}
	})
	if !cancelled || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled %v: Generate = %v, want it cancelled while booking", cancelled, err)
	}
	sameCounts(t, "after the failed run", before, rowCounts(t, s))
	_, st := generateInto(t, s, small())
	if st.Patients != 400 {
		t.Errorf("the second run made %d patients", st.Patients)
	}
	checkPasses(t, s.Dir())
}

func generateInto(t *testing.T, s *data.Store, o demo.Options) (*data.Store, demo.Stats) {
	t.Helper()
	st, err := demo.Generate(context.Background(), s, o, nil)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return s, st
}

func checkPasses(t *testing.T, dir string) {
	t.Helper()
	rep, err := data.Check(context.Background(), dir)
	if err != nil || !rep.OK() {
		t.Fatalf("Check = %+v, %v", rep, err)
	}
}

// childDirEnv names the folder a re-executed test binary generates into.
const childDirEnv = "FRONTDESK_DEMO_CHILD_DIR"

// TestHelperGenerateChild is the child of TestKilledDemoIsFinishedByTheNextRun:
// it prints each progress line and, at the first day of appointments,
// waits on its input (which never comes) so that the parent can kill it
// in the middle of writing.
func TestHelperGenerateChild(t *testing.T) {
	dir := os.Getenv(childDirEnv)
	if dir == "" {
		t.Skip("run by TestKilledDemoIsFinishedByTheNextRun")
	}
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	in := bufio.NewReader(os.Stdin)
	_, err = demo.Generate(context.Background(), s, small(), func(msg string) {
		fmt.Println("progress: " + msg)
		if strings.HasPrefix(msg, "appointments up to") {
			in.ReadString('\n')
		}
	})
	fmt.Println("progress: finished", err)
}

// A demo killed (SIGKILL) in the middle leaves no half practice: the next
// run generates the whole practice and check passes.
func TestKilledDemoIsFinishedByTheNextRun(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperGenerateChild$", "-test.v")
	cmd.Env = append(os.Environ(), childDirEnv+"="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	var seen []string
	for lines.Scan() {
		line := lines.Text()
		if msg, ok := strings.CutPrefix(line, "progress: "); ok {
			seen = append(seen, msg)
			if strings.HasPrefix(msg, "appointments up to") {
				break
			}
		}
	}
	if len(seen) == 0 || !strings.HasPrefix(seen[len(seen)-1], "appointments up to") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the child never reached the appointments: %q", seen)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("the child was not killed")
	}
	// Patients, their files and some appointments had been written when it died.
	if len(seen) < 3 {
		t.Fatalf("killed too early to mean anything: %q", seen)
	}

	s, err := data.Open(dir)
	if err != nil {
		t.Fatalf("opening the killed demo's folder: %v", err)
	}
	defer s.Close()
	if _, err := s.Practice(context.Background()); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("after the kill the folder holds a practice (%v)", err)
	}
	_, st := generateInto(t, s, small())
	var patients int
	if err := s.ReadDB().QueryRow(`SELECT COUNT(*) FROM patients`).Scan(&patients); err != nil {
		t.Fatal(err)
	}
	if st.Patients != 400 || patients != 400 {
		t.Errorf("the second run made %d patients; the table has %d", st.Patients, patients)
	}
	checkPasses(t, dir)
}
