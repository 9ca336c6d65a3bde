package data_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"frontdesk/data"
)

// export is the Output of these tests: an export of the patient list.
func export(path string) data.Output {
	return data.Output{Path: path, What: "The export", Action: "export", Entity: "patients", Detail: "patients"}
}

// writeText returns a write function that writes text.
func writeText(text string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, text); return err }
}

// exportRows counts the audit rows of exports.
func exportRows(t *testing.T, s *data.Store) int {
	t.Helper()
	return queryInt(t, s.ReadDB(), `SELECT COUNT(*) FROM audit_log WHERE action = 'export'`)
}

// leftovers lists what a failed or finished output left in dir besides want.
func leftovers(t *testing.T, dir string, want ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !contains(want, e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestWriteOutputIsAuditedOwnerOnlyAndComplete(t *testing.T) {
	s := openStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "patients.csv")
	// An older file of the same name, readable by all, is replaced.
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := s.WriteOutput(context.Background(), export(path), writeText("chart_number\nA-000001\n"))
	if err != nil || got != path {
		t.Fatalf("WriteOutput = %q, %v", got, err)
	}
	if b := readFile(t, path); string(b) != "chart_number\nA-000001\n" {
		t.Errorf("the file holds %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the export is %v, want 0600", fi.Mode().Perm())
	}
	if left := leftovers(t, dir, "patients.csv"); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
	trail, err := s.AuditTrail(context.Background(), "patients", "")
	if err != nil || len(trail) != 1 || trail[0].Action != "export" || trail[0].Detail != "patients to "+path {
		t.Errorf("audit trail %+v, %v", trail, err)
	}
}

// dbFiles returns the fingerprint of every file of the database.
func dbFiles(t *testing.T, s *data.Store) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if b, err := os.ReadFile(s.Path() + suffix); err == nil {
			out[suffix] = sha256.Sum256(b)
		}
	}
	return out
}

func TestWriteOutputRefusesThePracticesOwnFiles(t *testing.T) {
	s := openStore(t)
	newPatient(t, s, "Dupont", "Jean") // the -wal holds something
	dir := s.Dir()
	if err := os.MkdirAll(filepath.Join(dir, "attachments", "ab"), 0o700); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	link := func(name, to string) string {
		p := filepath.Join(elsewhere, name)
		if err := os.Symlink(to, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sub := filepath.Join(elsewhere, "sub")
	os.Mkdir(sub, 0o700)
	dirLink := link("datalink", dir)
	before := dbFiles(t, s)
	for _, path := range []string{
		s.Path(),
		s.Path() + "-wal",
		s.Path() + "-shm",
		s.Path() + "-journal", // not there now, but SQLite would read it
		filepath.Join(dir, "FRONTDESK.DB"),
		filepath.Join(dir, "attachments", "ab", "scan.pdf"),
		filepath.Join(dir, "attachments", "new.pdf"),
		filepath.Join(dir, "prints", "..", "frontdesk.db"),
		link("db-link.csv", s.Path()),
		link("chain.csv", filepath.Join(elsewhere, "db-link.csv")),
		link("wal-link.csv", s.Path()+"-wal"),
		link("journal-link.csv", s.Path()+"-journal"), // dangling, to a name of the database
		filepath.Join(dirLink, "frontdesk.db"),
		sub + "/../datalink/frontdesk.db-wal",
		filepath.Join(dirLink, "attachments", "x.csv"),
		filepath.Join(dir, "device-"+s.Device().ID+".anchor"),
		filepath.Join(dir, "device-"+s.Device().ID+".key"),
		filepath.Join(dir, data.LockFile),
		filepath.Join(dir, data.BackupSettingsFile),
	} {
		_, err := s.WriteOutput(context.Background(), export(path), writeText("not a database"))
		if data.ErrorCode(err) != data.EForbidden || !strings.Contains(data.ErrorMessage(err), "one of the practice's own files") {
			t.Errorf("%s: %v; want it refused", path, err)
		}
	}
	if after := dbFiles(t, s); len(after) != len(before) || after[""] != before[""] || after["-wal"] != before["-wal"] {
		t.Error("the database files changed")
	}
	if _, err := os.Stat(s.Path() + "-journal"); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a -journal file appeared beside the database")
	}
	if left := leftovers(t, dir, "frontdesk.db", "frontdesk.db-wal", "frontdesk.db-shm", "attachments",
		"device-"+s.Device().ID+".anchor", "device-"+s.Device().ID+".key"); len(left) > 0 {
		t.Errorf("left in the data folder: %q", left)
	}
	if n := exportRows(t, s); n != 0 {
		t.Errorf("%d refused exports were audited", n)
	}
	checkOK(t, dir)
	// A file of the data folder that is not the database's may be written.
	if _, err := s.WriteOutput(context.Background(), export(filepath.Join(dir, "patients.csv")), writeText("x")); err != nil {
		t.Errorf("an export beside the database: %v", err)
	}
}

func TestWriteOutputFollowsLinksAndRefusesWhatIsNotAFile(t *testing.T) {
	s := openStore(t)
	dir := t.TempDir()
	real := filepath.Join(dir, "real.csv")
	os.WriteFile(real, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.csv")
	os.Symlink("real.csv", link)
	got, err := s.WriteOutput(context.Background(), export(link), writeText("new"))
	if err != nil || got != real {
		t.Fatalf("through a link: %q, %v", got, err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced instead of its target")
	}
	if b := readFile(t, real); string(b) != "new" {
		t.Errorf("the target holds %q", b)
	}
	// A dangling link leads to the new name it points at.
	dangling := filepath.Join(dir, "dangling.csv")
	os.Symlink(filepath.Join(dir, "made.csv"), dangling)
	if got, err := s.WriteOutput(context.Background(), export(dangling), writeText("made")); err != nil || got != filepath.Join(dir, "made.csv") {
		t.Fatalf("through a dangling link: %q, %v", got, err)
	}
	if fi, _ := os.Lstat(dangling); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the dangling link was replaced")
	}
	// Pipes and devices, folders, links to them, and missing folders are
	// refused. A pipe of the test's own stands for /dev/stdout and
	// /dev/null, so that a regression cannot replace the machine's.
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Symlink(fifo, filepath.Join(dir, "pipe.csv"))
	os.Symlink(dir, filepath.Join(dir, "folder.csv"))
	loop := filepath.Join(dir, "loop.csv")
	os.Symlink(loop, loop)
	for _, c := range []struct{ path, code string }{
		{fifo, data.EInvalid},
		{filepath.Join(dir, "pipe.csv"), data.EInvalid},
		{dir, data.EInvalid},
		{dir + "/", data.EInvalid},
		{filepath.Join(dir, "folder.csv"), data.EInvalid},
		{filepath.Join(dir, "missing", "x.csv"), data.EStorage},
		{loop, data.EInvalid},
		{"", data.EInvalid},
	} {
		_, err := s.WriteOutput(context.Background(), export(c.path), writeText("x"))
		if data.ErrorCode(err) != c.code {
			t.Errorf("%q: %v; want %s", c.path, err, c.code)
			continue
		}
		assertPlainMessage(t, data.ErrorMessage(err))
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v", err)
	}
	if n := exportRows(t, s); n != 2 {
		t.Errorf("%d exports audited, want 2", n)
	}
}

// failAudit makes the next audit row fail to insert, as a read-only or
// full database would, through a trigger added beside the store.
func failAudit(t *testing.T, s *data.Store) {
	t.Helper()
	db := rawDB(t, s.Dir())
	if _, err := db.Exec(`CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'cannot write'); END`); err != nil {
		t.Fatal(err)
	}
}

// failCommit makes the next commit that appends an audit row fail: a
// deferred foreign key is checked only at commit, after the rename.
func failCommit(t *testing.T, s *data.Store) {
	t.Helper()
	db := rawDB(t, s.Dir())
	for _, q := range []string{
		`CREATE TABLE test_parent (id TEXT PRIMARY KEY)`,
		`CREATE TABLE test_child (parent TEXT REFERENCES test_parent(id) DEFERRABLE INITIALLY DEFERRED)`,
		`CREATE TRIGGER test_commit_fails AFTER INSERT ON audit_log BEGIN INSERT INTO test_child VALUES ('missing'); END`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWriteOutputLeavesNothingWhenItFails(t *testing.T) {
	for _, c := range []struct {
		name     string
		sabotage func(t *testing.T, s *data.Store)
		write    func(io.Writer) error
	}{
		{"the audit row cannot be written", failAudit, writeText("rows")},
		{"the commit fails after the rename", failCommit, writeText("rows")},
		{"the export itself fails", func(*testing.T, *data.Store) {}, func(w io.Writer) error {
			io.WriteString(w, "half")
			return data.Errorf(data.ENotFound, "No practitioner is called \"Dr Who\".")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openStore(t)
			c.sabotage(t, s)
			dir := t.TempDir()
			fresh := filepath.Join(dir, "fresh.csv")
			_, err := s.WriteOutput(context.Background(), export(fresh), c.write)
			if err == nil {
				t.Fatal("the output succeeded")
			}
			assertPlainMessage(t, data.ErrorMessage(err))
			if left := leftovers(t, dir); len(left) > 0 {
				t.Errorf("left behind: %q", left)
			}
			// A file that was there before is still there, unchanged.
			kept := filepath.Join(dir, "kept.csv")
			os.WriteFile(kept, []byte("yesterday's"), 0o600)
			if _, err := s.WriteOutput(context.Background(), export(kept), c.write); err == nil {
				t.Fatal("the second output succeeded")
			}
			if b := readFile(t, kept); string(b) != "yesterday's" {
				t.Errorf("the replaced file holds %q", b)
			}
			if left := leftovers(t, dir, "kept.csv"); len(left) > 0 {
				t.Errorf("left behind: %q", left)
			}
			if n := exportRows(t, s); n != 0 {
				t.Errorf("%d failed exports are in the audit log", n)
			}
		})
	}
}

func TestStreamOutputAuditsFirst(t *testing.T) {
	s := openStore(t)
	var out bytes.Buffer
	if err := s.StreamOutput(context.Background(), &out, export(""), writeText("rows")); err != nil || out.String() != "rows" {
		t.Fatalf("StreamOutput: %q, %v", out.String(), err)
	}
	// Standard output on a full disk: the kernel's /dev/full.
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	err = s.StreamOutput(context.Background(), full, export(""), writeText("rows"))
	if data.ErrorCode(err) != data.EStorage || !strings.Contains(data.ErrorMessage(err), "the disk is full") {
		t.Errorf("on a full disk: %v", err)
	}
	if n := exportRows(t, s); n != 2 {
		t.Errorf("%d exports audited, want 2 (audit comes first)", n)
	}
	// When the audit row cannot be written, nothing is written out.
	failAudit(t, s)
	out.Reset()
	if err := s.StreamOutput(context.Background(), &out, export(""), writeText("rows")); err == nil || out.Len() > 0 {
		t.Errorf("with a failing audit: %q written, %v", out.String(), err)
	}
}

func TestWriteOutputOnAFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root; TestStreamOutputAuditsFirst covers the message with /dev/full")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	s := openStore(t)
	_, err := s.WriteOutput(context.Background(), export(filepath.Join(dir, "big.csv")), writeText(strings.Repeat("x", 1<<20)))
	if data.ErrorCode(err) != data.EStorage || !strings.Contains(data.ErrorMessage(err), "the disk is full") {
		t.Errorf("on a full disk: %v", err)
	}
	assertPlainMessage(t, data.ErrorMessage(err))
	if left := leftovers(t, dir); len(left) > 0 {
		t.Errorf("left behind: %q", left)
	}
}

func TestPrintsDirIsTheOwnersOnly(t *testing.T) {
	s := openStore(t)
	if err := os.Mkdir(filepath.Join(s.Dir(), "prints"), 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := s.PrintsDir()
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("prints is %v", fi.Mode().Perm())
	}
}
