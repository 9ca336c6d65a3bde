package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runMainEnv, set in a child's environment, makes the test binary run
// the command line instead of the tests: what Fyne and GLFW do at start-up
// (package initialisation, the main thread) needs a process of its own.
const runMainEnv = "FRONTDESK_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main() // exits
	}
	os.Exit(m.Run())
}

// process runs the command line in a child process with env added to
// this one's, and returns its exit status and output.
func process(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), runMainEnv+"=1"), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("frontdesk %q did not end within two minutes\n%s%s", args, out.String(), errOut.String())
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// xvfb starts a virtual X display with the given extra arguments and
// returns its DISPLAY; it stops with the test.
func xvfb(t *testing.T, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Fatal("Xvfb is missing: `make test` installs xvfb")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", append([]string{"-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "1366x768x24"}, args...)...)
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		t.Fatalf("Xvfb gave no display number: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// withoutDisplay is an environment where DISPLAY names no server.
var withoutDisplay = []string{"DISPLAY=:4097", "WAYLAND_DISPLAY="}

func TestCommandLineIsQuietUnderTheCLocale(t *testing.T) {
	dir := t.TempDir()
	for _, lang := range []string{"LANG=C.UTF-8", "LANG=C"} {
		env := []string{lang, "LC_ALL=", "LC_MESSAGES=", "LANGUAGE="}
		code, stdout, stderr := process(t, env, "version")
		if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "frontdesk ") {
			t.Errorf("%s version: exit %d, stderr %q", lang, code, stderr)
		}
		code, _, stderr = process(t, env, "check", "--data", dir)
		if code != 1 || strings.Count(stderr, "\n") != 1 || strings.Contains(stderr, "Fyne") {
			t.Errorf("%s check of an empty folder: exit %d, stderr %q; want one line", lang, code, stderr)
		}
	}
}

func TestDeskWithoutADisplayCreatesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "practice")
	for _, env := range [][]string{withoutDisplay, {"DISPLAY=", "WAYLAND_DISPLAY="}} {
		code, stdout, stderr := process(t, append(env, "LANG=C.UTF-8"), "--data", dir)
		if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "no display could be reached") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want one line and exit 1", env, code, stdout, stderr)
		}
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the data folder was created although no window could open")
	}
}

func TestDeskWithoutOpenGLCreatesNothing(t *testing.T) {
	display := xvfb(t, "-extension", "GLX")
	dir := filepath.Join(t.TempDir(), "practice")
	code, stdout, stderr := process(t, []string{"DISPLAY=" + display, "WAYLAND_DISPLAY="}, "--data", dir)
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "OpenGL") {
		t.Errorf("exit %d, stdout %q, stderr %q; want one line about OpenGL and exit 1", code, stdout, stderr)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the data folder was created although no window could open")
	}
}

func TestScreenshotFailuresExitOnceWithoutWaiting(t *testing.T) {
	display := xvfb(t)
	env := []string{"DISPLAY=" + display, "WAYLAND_DISPLAY="}
	dir := filepath.Join(t.TempDir(), "practice")
	if code, out, errOut := frontdesk(t, "demo", "--data", dir, "--patients", "30", "--days", "3", "--practitioners", "1"); code != 0 {
		t.Fatalf("demo: exit %d\n%s%s", code, out, errOut)
	}
	// The screenshot folder is a file: the screenshots fail, and are not
	// said to be written.
	file := filepath.Join(t.TempDir(), "shots")
	os.WriteFile(file, nil, 0o600)
	code, stdout, stderr := process(t, env, "--data", dir, "--screenshots", file)
	if code != 1 || strings.Contains(stdout, "screenshots written") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("screenshots into a file: exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	// A practice that cannot be opened: no error window waiting for a
	// click that never comes; the message, exit 1.
	damaged := t.TempDir()
	// SQLite's header, then garbage: a database that was damaged (a file
	// that never was one is refused as not a practice, not as damaged).
	os.WriteFile(filepath.Join(damaged, "frontdesk.db"), append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte("not a database "), 500)...), 0o600)
	start := time.Now()
	code, _, stderr = process(t, env, "--data", damaged, "--screenshots", t.TempDir())
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "damaged") {
		t.Errorf("screenshots of a damaged practice: exit %d, stderr %q", code, stderr)
	}
	if took := time.Since(start); took > time.Minute {
		t.Errorf("took %v", took)
	}
}

func TestDemoNeverUsesAGivenFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "practice")
	code, _, stderr := frontdesk(t, "--demo", "--data", dir)
	if code != 2 || !strings.Contains(stderr, "cannot be combined with --data") {
		t.Errorf("--demo --data: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("--demo --data created the folder")
	}
}

func TestDemoRefusesBadNumbersBeforeCreatingAnything(t *testing.T) {
	root := t.TempDir()
	for i, args := range [][]string{
		{"--patients", "-1"},
		{"--patients", "99999999999"},
		{"--patients", "0"},
		{"--days", "0"},
		{"--days", "-5"},
		{"--practitioners", "0"},
		{"--practitioners", "1000"},
	} {
		dir := filepath.Join(root, "practice", string(rune('a'+i)))
		code, _, stderr := frontdesk(t, append([]string{"demo", "--data", dir}, args...)...)
		if code != 2 || !strings.Contains(stderr, "Usage:") {
			t.Errorf("demo %q: exit %d, %q; want a usage error", args, code, stderr)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("demo %q created %s", args, dir)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "practice")); err == nil {
		t.Error("a folder was created")
	}
}
