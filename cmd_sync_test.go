package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/sync"
)

const testSyncPassphrase = "a long sync passphrase"

// writeCSV writes a patients CSV file to import.
func writeCSV(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "patients.csv")
	body := "family_name,given_name,birth_date\n" + strings.Join(lines, "\n") + "\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Two data folders and one sync folder, through the command line in
// processes of their own: the first computer makes the folder, the second
// joins with an empty data folder, both take edits and sync twice, and
// they end with the same patients.
func TestSyncTwoComputersThroughTheCommandLine(t *testing.T) {
	a := filepath.Join(t.TempDir(), "desk")
	b := filepath.Join(t.TempDir(), "laptop")
	folder := t.TempDir()
	env := []string{syncPassphraseEnv + "=" + testSyncPassphrase}
	must := func(args ...string) string {
		t.Helper()
		code, out, errOut := process(t, env, args...)
		if code != 0 {
			t.Fatalf("frontdesk %q: exit %d\n%s%s", args, code, out, errOut)
		}
		return out
	}
	must("demo", "--data", a, "--patients", "20", "--days", "2", "--practitioners", "1")
	code, _, errOut := process(t, env, "sync", "--folder", folder, "--data", a)
	if code != 1 || !strings.Contains(errOut, "frontdesk sync create") {
		t.Fatalf("sync before the folder is made: exit %d, %s", code, errOut)
	}
	patients := strings.Count(must("export", "patients", "--data", a), "\n") - 1
	// The folder is made in this process with a cheap scrypt, which its
	// wrapped key records: the many runs below then open it quickly.
	defer sync.SetKeyWorkFactor(sync.SetKeyWorkFactor(10))
	t.Setenv(syncPassphraseEnv, testSyncPassphrase)
	if code, out, errOut := frontdesk(t, "sync", "create", "--folder", folder, "--data", a); code != 0 || !strings.Contains(out, "sync folder") {
		t.Fatalf("sync create: exit %d\n%s%s", code, out, errOut)
	}
	must("import", "patients", writeCSV(t, "Aubert,Anne,1970-01-02", "Arnaud,Alain,1971-03-04"), "--data", a)
	must("sync", "--folder", folder, "--data", a)

	// A wrong passphrase is refused with status 1, nothing joined.
	code, _, errOut = process(t, []string{syncPassphraseEnv + "=not it"}, "sync", "--folder", folder, "--data", b)
	if code != 1 || !strings.Contains(errOut, "passphrase") {
		t.Fatalf("join with a wrong passphrase: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(b); !os.IsNotExist(err) {
		t.Fatalf("a refused join made the data folder: %v", err)
	}

	out := must("sync", "--folder", folder, "--data", b, "--name", "laptop")
	if !strings.Contains(out, "Joined the practice as computer B.") || !strings.Contains(out, "hands out no chart or invoice numbers") {
		t.Fatalf("join said:\n%s", out)
	}
	must("sync", "--folder", folder, "--data", a)
	if out := must("sync", "--folder", folder, "--data", b); strings.Contains(out, "hands out no") {
		t.Fatalf("B still holds its numbers after A acknowledged it:\n%s", out)
	}
	must("import", "patients", writeCSV(t, "Bernard,Béatrice,1980-05-06"), "--data", b)
	must("import", "patients", writeCSV(t, "Astier,Adèle,1990-07-08"), "--data", a)
	for range 2 {
		for _, d := range []string{a, b} {
			if out := must("sync", "--folder", folder, "--data", d); strings.Contains(out, "Refused") {
				t.Fatalf("sync of %s refused files:\n%s", d, out)
			}
		}
	}
	fromA := must("export", "patients", "--data", a)
	fromB := must("export", "patients", "--data", b)
	if fromA != fromB {
		t.Fatalf("the two computers differ:\nA:\n%s\nB:\n%s", fromA, fromB)
	}
	for _, name := range []string{"Aubert", "Astier", "Bernard", "B-000001"} {
		if !strings.Contains(fromA, name) {
			t.Errorf("%s is missing from the patients:\n%s", name, fromA)
		}
	}
	if n := strings.Count(fromA, "\n") - 1; n != patients+4 {
		t.Errorf("%d patients exported, want %d", n, patients+4)
	}
}

// Usage mistakes exit 2.
func TestSyncUsage(t *testing.T) {
	for _, args := range [][]string{{"sync"}, {"sync", "--folder", "F", "other"}, {"sync", "retire", "--folder", "F"}} {
		if code, _, _ := frontdesk(t, args...); code != exitUsage {
			t.Errorf("frontdesk %q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// "sync create" and a join remember the folder when the data folder
// remembers none, so that the desk syncs by itself; "sync passphrase"
// changes the passphrase: a join with the old one is refused, with the
// new one it works.
func TestSyncCommandLineRemembersAndChangesThePassphrase(t *testing.T) {
	a := filepath.Join(t.TempDir(), "desk")
	folder := t.TempDir()
	if code, out, errOut := frontdesk(t, "demo", "--data", a, "--patients", "5", "--days", "1", "--practitioners", "1"); code != 0 {
		t.Fatalf("demo: exit %d\n%s%s", code, out, errOut)
	}
	defer sync.SetKeyWorkFactor(sync.SetKeyWorkFactor(10))
	t.Setenv(syncPassphraseEnv, testSyncPassphrase)
	code, out, errOut := frontdesk(t, "sync", "create", "--folder", folder, "--data", a)
	if code != 0 || !strings.Contains(out, "remembers "+folder) {
		t.Fatalf("sync create: exit %d\n%s%s", code, out, errOut)
	}
	remembered := func(dir string) string {
		t.Helper()
		s, err := data.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		set, ok, err := s.SyncSettings(context.Background())
		if err != nil || !ok {
			t.Fatalf("%s remembers no sync folder: %v", dir, err)
		}
		return set.Folder
	}
	if got := remembered(a); got != folder {
		t.Fatalf("the desk remembers %q, want %q", got, folder)
	}

	t.Setenv(syncNewPassphraseEnv, "short")
	if code, _, errOut := frontdesk(t, "sync", "passphrase", "--folder", folder, "--data", a); code != 1 || !strings.Contains(errOut, "at least") {
		t.Fatalf("a too short new passphrase: exit %d, %s", code, errOut)
	}
	const newPass = "a newer and longer sync passphrase"
	t.Setenv(syncNewPassphraseEnv, newPass)
	if code, out, errOut := frontdesk(t, "sync", "passphrase", "--folder", folder, "--data", a); code != 0 || !strings.Contains(out, "Changed") {
		t.Fatalf("sync passphrase: exit %d\n%s%s", code, out, errOut)
	}
	b := filepath.Join(t.TempDir(), "laptop")
	if code, _, errOut := frontdesk(t, "sync", "--folder", folder, "--data", b); code != 1 || !strings.Contains(errOut, "passphrase") {
		t.Fatalf("a join with the old passphrase: exit %d, %s", code, errOut)
	}
	t.Setenv(syncPassphraseEnv, newPass)
	code, out, errOut = frontdesk(t, "sync", "--folder", folder, "--data", b, "--name", "laptop")
	if code != 0 || !strings.Contains(out, "Joined") || !strings.Contains(out, "remembers "+folder) {
		t.Fatalf("a join with the new passphrase: exit %d\n%s%s", code, out, errOut)
	}
	if got := remembered(b); got != folder {
		t.Fatalf("the joiner remembers %q, want %q", got, folder)
	}
	// The desk that made the folder goes on syncing with the old key
	// it holds; the command line asks the new passphrase.
	if code, out, errOut := frontdesk(t, "sync", "--folder", folder, "--data", a); code != 0 {
		t.Fatalf("sync after the change: exit %d\n%s%s", code, out, errOut)
	}
}
