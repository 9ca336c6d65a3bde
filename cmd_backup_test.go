package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/backup"
)

func init() {
	// 2^18 takes seconds under -race; the format does not depend on it.
	backup.ScryptWorkFactor = 10
	// Never wait for a passphrase typed on the terminal running the tests.
	if f, err := os.Open(os.DevNull); err == nil {
		terminalIn = f
	}
}

const testPassphrase = "a sentence long enough"

// patientCount counts the patients of the practice in dir, read-only.
func patientCount(t *testing.T, dir string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM patients`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBackupAndRestoreFromTheCommandLine(t *testing.T) {
	dir, _, _, _ := bookedDemo(t)
	t.Setenv(passphraseEnv, testPassphrase)
	file := filepath.Join(t.TempDir(), "monday.fdbackup")
	code, out, errOut := frontdesk(t, "backup", file, "--data", dir)
	if code != 0 || !strings.Contains(out, "Backed up") || !strings.Contains(out, "passphrase is chosen") {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errOut)
	}
	// Later backups need no passphrase; a wrong one given is refused.
	t.Setenv(passphraseEnv, "")
	os.Unsetenv(passphraseEnv)
	second := filepath.Join(t.TempDir(), "tuesday.fdbackup")
	if code, out, errOut := frontdesk(t, "backup", "--data", dir, second); code != 0 {
		t.Fatalf("second backup: exit %d\n%s%s", code, out, errOut)
	}
	t.Setenv(passphraseEnv, "not the practice's passphrase")
	args := []string{"backup", filepath.Join(t.TempDir(), "x.fdbackup"), "--data", dir}
	code, _, errOut = frontdesk(t, args...)
	oneFailureLine(t, args, code, errOut)

	restored := filepath.Join(t.TempDir(), "restored")
	t.Setenv(passphraseEnv, testPassphrase)
	code, out, errOut = frontdesk(t, "restore", file, "--data", restored)
	if code != 0 || !strings.Contains(out, "Restored") {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errOut)
	}
	if got, want := patientCount(t, restored), patientCount(t, dir); got != want || want == 0 {
		t.Errorf("restored %d patients, want %d", got, want)
	}
	if code, out, _ := frontdesk(t, "check", "--data", restored); code != 0 {
		t.Errorf("check after restore: exit %d\n%s", code, out)
	}
	// Over an existing practice, the replaced database is kept aside.
	code, out, errOut = frontdesk(t, "restore", second, "--data", restored)
	if code != 0 || !strings.Contains(out, "kept in") {
		t.Fatalf("restore over a practice: exit %d\n%s%s", code, out, errOut)
	}
	aside, _ := filepath.Glob(filepath.Join(restored, "replaced-*", data.DBFile))
	if len(aside) != 1 {
		t.Errorf("kept aside: %v", aside)
	}
}

func TestRefusedRestoresExit1AndReplaceNothing(t *testing.T) {
	dir, _, _, _ := bookedDemo(t)
	t.Setenv(passphraseEnv, testPassphrase)
	file := filepath.Join(t.TempDir(), "good.fdbackup")
	if code, out, errOut := frontdesk(t, "backup", file, "--data", dir); code != 0 {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errOut)
	}
	full, _ := os.ReadFile(file)
	truncated := filepath.Join(t.TempDir(), "cut.fdbackup")
	os.WriteFile(truncated, full[:len(full)*2/3], 0o600)
	newer := filepath.Join(t.TempDir(), "newer.fdbackup")
	os.WriteFile(newer, []byte("Frontdesk backup 2\npayload: tar\n"), 0o600)

	target, _, _, _ := bookedDemo(t)
	before := fingerprint(t, target)
	for _, c := range []struct {
		name, pass, file, words string
	}{
		{"wrong passphrase", "the wrong sentence", file, "does not open"},
		{"truncated", testPassphrase, truncated, "damaged"},
		{"newer version", testPassphrase, newer, "newer version"},
		{"missing file", testPassphrase, filepath.Join(t.TempDir(), "nothing.fdbackup"), "does not exist"},
	} {
		t.Setenv(passphraseEnv, c.pass)
		args := []string{"restore", c.file, "--data", target}
		code, _, errOut := frontdesk(t, args...)
		oneFailureLine(t, args, code, errOut)
		if !strings.Contains(errOut, c.words) {
			t.Errorf("%s: stderr %q, want it to say %q", c.name, errOut, c.words)
		}
		if after := fingerprint(t, target); len(after) != len(before) || after[data.DBFile] != before[data.DBFile] {
			t.Errorf("%s: the database changed", c.name)
		}
		if aside, _ := filepath.Glob(filepath.Join(target, "replaced-*")); len(aside) > 0 {
			t.Errorf("%s: %v appeared", c.name, aside)
		}
	}

	// A practice open elsewhere is not replaced under it.
	t.Setenv(passphraseEnv, testPassphrase)
	s, err := data.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"restore", file, "--data", target}
	code, _, errOut := frontdesk(t, args...)
	s.Close()
	oneFailureLine(t, args, code, errOut)
	if !strings.Contains(errOut, "Frontdesk is open on this practice") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestBackupCommandLineMistakes(t *testing.T) {
	for _, args := range [][]string{{"backup"}, {"restore"}, {"backup", "a", "b"}, {"restore", "--data"}} {
		if code, _, errOut := frontdesk(t, args...); code != 2 {
			t.Errorf("%q: exit %d (%s), want 2", args, code, errOut)
		}
	}
	// Without the variable and without a terminal there is no one to ask.
	dir, _, _, _ := bookedDemo(t)
	t.Setenv(passphraseEnv, "")
	os.Unsetenv(passphraseEnv)
	args := []string{"restore", filepath.Join(t.TempDir(), "x.fdbackup"), "--data", dir}
	code, _, errOut := frontdesk(t, args...)
	oneFailureLine(t, args, code, errOut)
	if !strings.Contains(errOut, passphraseEnv) {
		t.Errorf("stderr %q should name %s", errOut, passphraseEnv)
	}
}
