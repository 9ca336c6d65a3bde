package data_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"frontdesk/data"
)

// bookingChildEnv names the data folder of a child process that books
// appointments until it is killed.
const bookingChildEnv = "FRONTDESK_TEST_BOOKING_CHILD_DIR"

// bookingChild books appointments in a loop, one to three per
// transaction, some with long notes (so that commits differ in size and
// a kill lands at every stage of one), and prints each appointment's ID
// only after its transaction has committed. It numbers its bookings on
// from those already in the folder, so that successive children fill
// the calendar instead of piling on one slot.
func bookingChild(dir string) int {
	s, err := data.Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: Open:", err)
		return 2
	}
	ctx := context.Background()
	var practitioner, patient, kind string
	var done int
	err = s.ReadDB().QueryRow(`SELECT (SELECT id FROM practitioners), (SELECT id FROM patients ORDER BY id LIMIT 1),
		(SELECT id FROM appointment_types), (SELECT COUNT(*) FROM appointments)`).Scan(&practitioner, &patient, &kind, &done)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: reading the practice:", err)
		return 2
	}
	first := data.Date{Year: 2027, Month: 1, Day: 4}
	for i := done; ; i++ {
		var ids []string
		err := s.Update(ctx, func(tx *data.Tx) error {
			ids = ids[:0]
			for j := 0; j <= i%3; j++ {
				n := i*3 + j
				start := data.WallTime(8*60 + n%16*30)
				a := data.Appointment{PractitionerID: practitioner, PatientID: patient, TypeID: kind,
					Day: first.AddDays(n / 16), Start: start, End: start + 30, TimeZone: "Europe/Paris",
					Notes: strings.Repeat("n", 300*(n%5))}
				if _, err := tx.Book(&a, true); err != nil {
					return err
				}
				ids = append(ids, a.ID)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "child: Book:", err)
			return 3
		}
		// One write per commit, so a kill cannot leave half a line.
		if _, err := os.Stdout.WriteString(strings.Join(ids, "\n") + "\n"); err != nil {
			return 4
		}
	}
}

// crashIterations is how many times TestCrashLoop kills a writer: 100
// with FRONTDESK_LONG_TESTS=1, 15 in the default run (make test on a
// two-core CI machine), 5 with -short.
func crashIterations() int {
	switch {
	case os.Getenv("FRONTDESK_LONG_TESTS") == "1":
		return 100
	case testing.Short():
		return 5
	}
	return 15
}

// TestCrashLoop kills a process that books appointments with SIGKILL at
// random moments, again and again, and after each kill checks the file
// (quick_check, integrity_check, the audit chain) and that every booking
// the child reported as committed is there.
func TestCrashLoop(t *testing.T) {
	dir := t.TempDir()
	bp := newBookingPracticeIn(t, dir)
	bp.s.Close()

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 7))
	t.Logf("seed %d (the kill delays are drawn from it)", seed)
	var all []string
	iterations := crashIterations()
	for round := range iterations {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), bookingChildEnv+"="+dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		guard := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
		sc := bufio.NewScanner(out)
		var committed []string
		// Kill at a random moment once the child is writing: anywhere in
		// its next few dozen commits, mid-transaction or between two.
		delay := time.Duration(rng.IntN(120_000)) * time.Microsecond
		if sc.Scan() {
			committed = append(committed, sc.Text())
			time.AfterFunc(delay, func() { cmd.Process.Signal(syscall.SIGKILL) })
		}
		for sc.Scan() {
			committed = append(committed, sc.Text())
		}
		guard.Stop()
		cmd.Wait()
		ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL || len(committed) == 0 {
			t.Fatalf("round %d: the child did not die by SIGKILL after writing (%d lines); stderr:\n%s", round, len(committed), stderr.String())
		}
		// Check the file as the crash left it, before anything opens it.
		checkOK(t, dir)
		s, err := data.Open(dir)
		if err != nil {
			t.Fatalf("round %d: Open after the kill: %v", round, err)
		}
		all = append(all, committed...)
		for _, id := range committed {
			if n := queryInt(t, s.ReadDB(), `SELECT COUNT(*) FROM appointments WHERE id = ?`, id); n != 1 {
				t.Errorf("round %d: committed appointment %s is missing after the kill", round, id)
			}
		}
		s.Close()
	}
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	missing := 0
	for _, id := range all {
		if queryInt(t, s.ReadDB(), `SELECT COUNT(*) FROM appointments WHERE id = ?`, id) != 1 {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d committed appointments are missing at the end", missing, len(all))
	}
	t.Logf("%d kills, %d committed bookings reported, all present", iterations, len(all))
}
