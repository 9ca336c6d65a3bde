package main

import (
	"crypto/sha256"
	"database/sql"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// fingerprint is the SHA-256 of each file of the data folder's database.
func fingerprint(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for _, name := range []string{data.DBFile, data.DBFile + "-wal", data.DBFile + "-shm", data.DBFile + "-journal"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			out[name] = sha256.Sum256(b)
		}
	}
	return out
}

// oneFailureLine fails unless the command exited 1 with one line on stderr.
func oneFailureLine(t *testing.T, args []string, code int, stderr string) {
	t.Helper()
	if code != 1 || strings.Count(stderr, "\n") != 1 {
		t.Errorf("%q: exit %d, stderr %q; want 1 with one line", args, code, stderr)
	}
	if strings.Contains(stderr, "log file") {
		t.Errorf("%q points at a log the command line does not write: %q", args, stderr)
	}
}

func TestOutputOntoTheDatabaseIsRefused(t *testing.T) {
	dir, day, _, _ := bookedDemo(t)
	if err := os.Mkdir(filepath.Join(dir, "attachments"), 0o700); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	link := filepath.Join(elsewhere, "export.csv")
	if err := os.Symlink(filepath.Join(dir, data.DBFile), link); err != nil {
		t.Fatal(err)
	}
	// Settle the database (the demo's write-ahead log is checkpointed when
	// a store closes), so that a refused command changes no byte.
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := fingerprint(t, dir)
	for _, out := range []string{
		filepath.Join(dir, data.DBFile),
		filepath.Join(dir, data.DBFile+"-wal"),
		filepath.Join(dir, data.DBFile+"-shm"),
		filepath.Join(dir, data.DBFile+"-journal"),
		filepath.Join(dir, "attachments", "x.csv"),
		filepath.Join(dir, "prints", "..", data.DBFile),
		link,
	} {
		for _, args := range [][]string{
			{"export", "patients", "--data", dir, "-o", out},
			{"export", "appointments", "--data", dir, "-o", out},
			{"daylist", "pdf", day, "--data", dir, "-o", out},
		} {
			code, _, stderr := frontdesk(t, args...)
			oneFailureLine(t, args, code, stderr)
			if !strings.Contains(stderr, "one of the practice's own files") {
				t.Errorf("%q: %q", args, stderr)
			}
		}
	}
	after := fingerprint(t, dir)
	if len(after) != len(before) || after[data.DBFile] != before[data.DBFile] {
		t.Errorf("the database changed: %d files before, %d after", len(before), len(after))
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link to the database was replaced")
	}
	if code, stdout, stderr := frontdesk(t, "check", "--data", dir); code != 0 {
		t.Errorf("check after the refusals: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestOutputWithAFailingAuditLeavesNoFile(t *testing.T) {
	dir, day, _, _ := bookedDemo(t)
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	// As a read-only database does: the audit row cannot be written. (A
	// chmod would not stop root, who runs these tests in CI.)
	_, err = db.Exec(`CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'read-only'); END`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	outDir := t.TempDir()
	for _, args := range [][]string{
		{"export", "patients", "--data", dir, "-o", filepath.Join(outDir, "patients.csv")},
		{"daylist", "pdf", day, "--data", dir, "-o", filepath.Join(outDir, "day.pdf")},
	} {
		code, _, stderr := frontdesk(t, args...)
		oneFailureLine(t, args, code, stderr)
	}
	if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
		t.Errorf("left behind although nothing was audited: %v", entries)
	}
	// Standard output is audited first: nothing is printed.
	code, stdout, stderr := frontdesk(t, "export", "patients", "--data", dir)
	if code != 1 || stdout != "" {
		t.Errorf("to standard output: exit %d, %d bytes printed, %q", code, len(stdout), stderr)
	}
}

func TestOutputFilesAreTheOwnersOnlyAndFollowLinks(t *testing.T) {
	dir, day, _, _ := bookedDemo(t)
	out := t.TempDir()
	target := filepath.Join(out, "target.csv")
	os.WriteFile(target, []byte("old"), 0o644)
	link := filepath.Join(out, "link.csv")
	os.Symlink("target.csv", link)
	for _, args := range [][]string{
		{"export", "patients", "--data", dir, "-o", filepath.Join(out, "new.csv")},
		{"daylist", "pdf", day, "--data", dir, "-o", filepath.Join(out, "day.pdf")},
		{"export", "appointments", "--data", dir, "-o", link},
	} {
		if code, _, stderr := frontdesk(t, args...); code != 0 {
			t.Fatalf("%q: exit %d, %q", args, code, stderr)
		}
	}
	for _, name := range []string{"new.csv", "day.pdf", "target.csv"} {
		if fi, err := os.Stat(filepath.Join(out, name)); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v; want 0600", name, fi.Mode(), err)
		}
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced instead of its target")
	}
	if b, _ := os.ReadFile(target); !strings.HasPrefix(string(b), "id,start,end") {
		t.Errorf("the link's target holds %q", b)
	}
	// -o /dev/stdout, as root, replaced the device link. A link made as
	// /dev/stdout is (to /proc/self/fd/1, here a pipe: the output of a
	// child process) is refused and left a link; the real /dev/stdout is
	// not used, so that a regression cannot break the machine's.
	stdoutLink := filepath.Join(out, "stdout")
	if err := os.Symlink("/proc/self/fd/1", stdoutLink); err != nil {
		t.Fatal(err)
	}
	args := []string{"export", "patients", "--data", dir, "-o", stdoutLink}
	code, stdout, stderr := process(t, nil, args...)
	oneFailureLine(t, args, code, stderr)
	if stdout != "" || !strings.Contains(stderr, "not a file that can be replaced") {
		t.Errorf("-o a link to standard output: stdout %q, stderr %q", stdout, stderr)
	}
	if fi, err := os.Lstat(stdoutLink); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link to standard output was replaced: %v %v", fi, err)
	}
	args = []string{"export", "patients", "--data", dir, "-o", out}
	code, _, stderr = frontdesk(t, args...)
	oneFailureLine(t, args, code, stderr)
}

func TestExportOnAFullDiskSaysSo(t *testing.T) {
	dir, _, _, _ := bookedDemo(t)
	// Standard output on a full disk: the kernel's /dev/full.
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	var errOut strings.Builder
	args := []string{"export", "appointments", "--data", dir}
	code := run(args, full, &errOut, time.Now())
	oneFailureLine(t, args, code, errOut.String())
	if !strings.Contains(errOut.String(), "the disk is full") {
		t.Errorf("to a full standard output: %q", errOut.String())
	}
	if os.Geteuid() != 0 {
		t.Skip("a full file system needs root to mount; standard output was checked above")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	args = []string{"export", "appointments", "--data", dir, "-o", filepath.Join(mnt, "appointments.csv")}
	code, _, stderr := frontdesk(t, args...)
	oneFailureLine(t, args, code, stderr)
	if !strings.Contains(stderr, "the disk is full") {
		t.Errorf("on a full disk: %q", stderr)
	}
	if entries, _ := os.ReadDir(mnt); len(entries) != 0 {
		t.Errorf("left on the full disk: %v", entries)
	}
}
