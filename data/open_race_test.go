package data_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"frontdesk/data"
)

// openChildEnv names the data folder of a child process that opens the
// store once its parent says go (closes its stdin), saves a patient and
// prints its device.
const openChildEnv = "FRONTDESK_TEST_OPEN_CHILD_DIR"

func openChild(dir string) int {
	io.Copy(io.Discard, os.Stdin)
	s, err := data.Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: Open:", err)
		return 2
	}
	defer s.Close()
	p := data.Patient{FamilyName: "Child", GivenName: fmt.Sprint(os.Getpid())}
	if err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&p) }); err != nil {
		fmt.Fprintln(os.Stderr, "child: Update:", err)
		return 3
	}
	fmt.Println(s.Device().ID)
	return 0
}

// Several Frontdesks starting at once on one new folder make one
// practice: each waits for the first rather than failing half-way through
// its own migrations.
func TestConcurrentOpensOfANewFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "practice")
	const n = 6
	stores := make([]*data.Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			stores[i], errs[i] = data.Open(dir)
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Open %d: %v", i, err)
		}
	}
	for i, s := range stores {
		if s.Device() != stores[0].Device() {
			t.Errorf("store %d has device %+v, store 0 %+v", i, s.Device(), stores[0].Device())
		}
		newPatient(t, s, "Parallel", fmt.Sprint(i))
	}
	for _, s := range stores {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	assertOnePractice(t, dir, n)
}

// The same with processes, as when the desk is started twice by a double
// click on a new computer.
func TestConcurrentProcessesCreateOnePractice(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "practice")
	const n = 4
	type child struct {
		cmd    *exec.Cmd
		stdin  io.WriteCloser
		out    strings.Builder
		stderr strings.Builder
	}
	children := make([]*child, n)
	for i := range children {
		c := &child{cmd: exec.Command(os.Args[0], "-test.run=^$")}
		c.cmd.Env = append(os.Environ(), openChildEnv+"="+dir)
		c.cmd.Stdout, c.cmd.Stderr = &c.out, &c.stderr
		var err error
		if c.stdin, err = c.cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
		if err := c.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		children[i] = c
	}
	for _, c := range children { // go
		c.stdin.Close()
	}
	devices := map[string]bool{}
	for i, c := range children {
		if err := c.cmd.Wait(); err != nil {
			t.Errorf("child %d: %v\n%s", i, err, c.stderr.String())
		}
		devices[strings.TrimSpace(c.out.String())] = true
	}
	if len(devices) != 1 {
		t.Errorf("the children saw devices %v, want one", devices)
	}
	assertOnePractice(t, dir, n)
}

// assertOnePractice checks that dir holds one database with one device,
// its key and its anchor, n patients, and nothing left over.
func assertOnePractice(t *testing.T, dir string, patients int) {
	t.Helper()
	rep := checkOK(t, dir)
	if rep.Anchors != 1 {
		t.Errorf("%d anchors agree with the chains, want 1", rep.Anchors)
	}
	db := rawDB(t, dir)
	if n := queryInt(t, db, `SELECT COUNT(*) FROM devices`); n != 1 {
		t.Errorf("%d devices", n)
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM patients`); n != patients {
		t.Errorf("%d patients, want %d", n, patients)
	}
	var keys, anchors []string
	for _, name := range dirNames(t, dir) {
		switch {
		case strings.HasSuffix(name, ".key"):
			keys = append(keys, name)
		case strings.HasSuffix(name, ".anchor"):
			anchors = append(anchors, name)
		case name == data.DBFile, name == data.DBFile+"-wal", name == data.DBFile+"-shm":
		default:
			t.Errorf("left over in the data folder: %s", name)
		}
	}
	if len(keys) != 1 || len(anchors) != 1 {
		t.Errorf("keys %q, anchors %q; want one of each", keys, anchors)
	}
}
