package data_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"frontdesk/data"
)

// crashChildEnv names the data folder of a child process that writes
// patients until it is killed.
const crashChildEnv = "FRONTDESK_TEST_CRASH_CHILD_DIR"

// crashChildStepEnv makes the child wait for a line on its standard input
// before each transaction, so that the parent knows how far it can be
// ahead of what it has read.
const crashChildStepEnv = "FRONTDESK_TEST_CRASH_CHILD_STEP"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		os.Exit(crashChild(dir))
	}
	if dir := os.Getenv(openChildEnv); dir != "" {
		os.Exit(openChild(dir))
	}
	if dir := os.Getenv(bookingChildEnv); dir != "" {
		os.Exit(bookingChild(dir))
	}
	os.Exit(m.Run())
}

// crashChild writes patients in a loop, a few per transaction, and prints
// each chart number only after its transaction has committed.
func crashChild(dir string) int {
	s, err := data.Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: Open:", err)
		return 2
	}
	ctx := context.Background()
	step := os.Getenv(crashChildStepEnv) != ""
	in := bufio.NewReader(os.Stdin)
	for i := 0; ; i++ {
		if step {
			if _, err := in.ReadString('\n'); err != nil {
				return 5
			}
		}
		var batch []string
		err := s.Update(ctx, func(tx *data.Tx) error {
			batch = batch[:0]
			for j := 0; j <= i%4; j++ {
				p := data.Patient{FamilyName: fmt.Sprintf("Crash%06d", i), GivenName: fmt.Sprint(j),
					Notes: strings.Repeat("x", 200*(i%7))}
				if err := tx.CreatePatient(&p); err != nil {
					return err
				}
				batch = append(batch, p.ChartNumber)
			}
			return tx.Audit("read", "patients", "", "crash test")
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "child: Update:", err)
			return 3
		}
		// One write per line, so a kill cannot leave half a line.
		if _, err := os.Stdout.WriteString(strings.Join(batch, "\n") + "\n"); err != nil {
			return 4
		}
	}
}

func TestKilledWriterLosesNothingCommitted(t *testing.T) {
	dir := t.TempDir()
	// The parent sets the folder up first, as a running practice would have.
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	newPatient(t, s, "Before", "Crash")
	s.Close()

	for round := range 3 { // kill at different moments
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		want := 40 + round*37
		sc := bufio.NewScanner(out)
		var committed []string
		deadline := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
		for sc.Scan() {
			committed = append(committed, sc.Text())
			if len(committed) == want {
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
			}
		}
		deadline.Stop()
		err = cmd.Wait()
		ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: the child did not die by SIGKILL (%v); it wrote %d lines; stderr:\n%s", round, err, len(committed), stderr.String())
		}
		if len(committed) < want {
			t.Fatalf("round %d: the child reported only %d commits (stderr: %s)", round, len(committed), stderr.String())
		}

		// "frontdesk check" right after the crash, before anything reopens it.
		checkOK(t, dir)
		s, err := data.Open(dir)
		if err != nil {
			t.Fatalf("round %d: Open after the crash: %v", round, err)
		}
		chart := regexp.MustCompile(`^A-\d{6}$`)
		for _, c := range committed {
			if !chart.MatchString(c) {
				t.Fatalf("round %d: the child printed %q", round, c)
			}
			if n := queryInt(t, s.ReadDB(), `SELECT COUNT(*) FROM patients WHERE chart_number = ? AND deleted = 0`, c); n != 1 {
				t.Errorf("round %d: committed chart %s is missing after the crash", round, c)
			}
		}
		// Numbers keep coming after the last one handed out, without reuse.
		p := newPatient(t, s, "After", "Crash")
		if n := queryInt(t, s.ReadDB(), `SELECT COUNT(*) FROM patients WHERE chart_number = ?`, p.ChartNumber); n != 1 {
			t.Errorf("round %d: chart number %s handed out twice", round, p.ChartNumber)
		}
		if p.ChartNumber <= committed[len(committed)-1] {
			t.Errorf("round %d: new chart %s is not after the last committed %s", round, p.ChartNumber, committed[len(committed)-1])
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		checkOK(t, dir)
		t.Logf("round %d: %d commits reported, all present", round, len(committed))
	}
}
