package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/sync"
)

// syncthingInstance is one Syncthing running on loopback with a home of
// its own, sharing one folder with its peer.
type syncthingInstance struct {
	home, folder, id string
	port             int
	cmd              *exec.Cmd
	log              bytes.Buffer
}

// freePort asks the system for a free TCP port on loopback.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func newSyncthing(t *testing.T, name string) *syncthingInstance {
	t.Helper()
	base := t.TempDir()
	s := &syncthingInstance{home: filepath.Join(base, "home"), folder: filepath.Join(base, "folder"), port: freePort(t)}
	// The folder marker Syncthing looks for before it syncs a folder.
	if err := os.MkdirAll(filepath.Join(s.folder, ".stfolder"), 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("syncthing", "generate", "--home="+s.home, "--no-default-folder").CombinedOutput(); err != nil {
		t.Fatalf("syncthing generate: %v\n%s", err, out)
	}
	out, err := exec.Command("syncthing", "serve", "--home="+s.home, "--device-id").Output()
	if err != nil {
		t.Fatalf("syncthing --device-id: %v", err)
	}
	s.id = strings.TrimSpace(string(out))
	return s
}

// configure writes the instance's whole configuration: one shared folder,
// its peer at a fixed loopback address, no discovery, relays, NAT, GUI,
// usage reports or upgrades.
func (s *syncthingInstance) configure(t *testing.T, peer *syncthingInstance) {
	t.Helper()
	config := fmt.Sprintf(`<configuration version="36">
    <folder id="frontdesk-sync" label="Frontdesk" path="%[1]s" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <device id="%[2]s"></device>
        <device id="%[3]s"></device>
        <minDiskFree unit="%%">0</minDiskFree>
    </folder>
    <device id="%[2]s" name="self" compression="metadata"><address>dynamic</address></device>
    <device id="%[3]s" name="peer" compression="metadata"><address>tcp://127.0.0.1:%[4]d</address></device>
    <gui enabled="false" tls="false"><address>127.0.0.1:0</address></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:%[5]d</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%%">0</minHomeDiskFree>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
`, s.folder, s.id, peer.id, peer.port, s.port)
	if err := os.WriteFile(filepath.Join(s.home, "config.xml"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
}

func (s *syncthingInstance) start(t *testing.T) {
	t.Helper()
	s.cmd = exec.Command("syncthing", "serve", "--home="+s.home, "--no-browser", "--no-restart", "--logfile=-")
	s.cmd.Env = append(os.Environ(), "STNODEFAULTFOLDER=1", "STNOUPGRADE=1", "STNORESTART=1")
	s.cmd.Stdout, s.cmd.Stderr = &s.log, &s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- s.cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-done
		}
	})
}

// waitFor polls ok until it holds or the deadline passes.
func waitFor(t *testing.T, what string, deadline time.Time, ok func() bool, logs ...*syncthingInstance) {
	t.Helper()
	for !ok() {
		if time.Now().After(deadline) {
			for _, s := range logs {
				t.Logf("syncthing %s log:\n%s", s.id[:7], s.log.String())
			}
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// The transport people really use: two Syncthing instances on loopback,
// each with its own home and its own copy of the sync folder, paired by
// their device IDs in generated configuration. The first computer makes
// the folder; the second joins from its own copy once Syncthing brought
// it; both take edits while Syncthing runs and sync until they hold the
// same patients, within a bounded time.
func TestSyncThroughSyncthing(t *testing.T) {
	if _, err := exec.LookPath("syncthing"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("syncthing is missing: `make test` installs it (Debian package syncthing)")
		}
		t.Skip("syncthing is not installed (Debian package syncthing; `make deps-test` installs it): the Syncthing end-to-end test is skipped")
	}
	defer sync.SetKeyWorkFactor(sync.SetKeyWorkFactor(10))
	t.Setenv(syncPassphraseEnv, testSyncPassphrase)
	st1, st2 := newSyncthing(t, "desk"), newSyncthing(t, "laptop")
	st1.configure(t, st2)
	st2.configure(t, st1)
	st1.start(t)
	st2.start(t)

	a := newPractice(t)
	b := filepath.Join(t.TempDir(), "laptop")
	cli := func(args ...string) string {
		t.Helper()
		code, out, errOut := frontdesk(t, args...)
		if code != 0 {
			t.Fatalf("frontdesk %q: exit %d\n%s%s", args, code, out, errOut)
		}
		return out
	}
	cli("import", "patients", writeCSV(t, "Aubert,Anne,1970-01-02"), "--data", a)
	cli("sync", "create", "--folder", st1.folder, "--data", a)
	deadline := time.Now().Add(90 * time.Second)
	// Joining before Syncthing brought the whole folder is refused with
	// nothing joined; once it is there, the join goes through.
	waitFor(t, "the second computer to join through its own copy of the folder", deadline, func() bool {
		code, out, errOut := frontdesk(t, "sync", "--folder", st2.folder, "--data", b, "--name", "laptop")
		if code != 0 {
			if _, err := os.Stat(filepath.Join(b, data.DBFile)); err == nil {
				t.Fatalf("a join that failed left a database: %s%s", out, errOut)
			}
		}
		return code == 0
	}, st1, st2)

	// Edits on both while Syncthing carries the files.
	edit := func(dir, family, phone string) {
		t.Helper()
		s, err := data.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ctx := context.Background()
		var found *data.Patient
		s.EachPatient(ctx, func(p data.Patient) error {
			if p.FamilyName == family {
				found = &p
			}
			return nil
		})
		if found == nil {
			t.Fatalf("no patient %s in %s", family, dir)
		}
		found.Phone = phone
		if err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(found) }); err != nil {
			t.Fatal(err)
		}
	}
	edit(b, "Aubert", "0611111111")
	cli("import", "patients", writeCSV(t, "Astier,Adèle,1990-07-08"), "--data", a)
	cli("sync", "--folder", st2.folder, "--data", b)
	cli("sync", "--folder", st1.folder, "--data", a)
	waitFor(t, "both computers to hold the same patients", deadline, func() bool {
		cli("sync", "--folder", st1.folder, "--data", a)
		cli("sync", "--folder", st2.folder, "--data", b)
		fromA, fromB := cli("export", "patients", "--data", a), cli("export", "patients", "--data", b)
		return fromA == fromB && strings.Contains(fromA, "Astier") && strings.Contains(fromA, "0611111111")
	}, st1, st2)
	// B's letter is acknowledged through Syncthing too: it numbers patients.
	waitFor(t, "the laptop's series letter to be acknowledged", deadline, func() bool {
		cli("sync", "--folder", st1.folder, "--data", a)
		return !strings.Contains(cli("sync", "--folder", st2.folder, "--data", b), "hands out no")
	}, st1, st2)
	cli("import", "patients", writeCSV(t, "Bernard,Béatrice,1980-05-06"), "--data", b)
	waitFor(t, "the laptop's new patient to reach the desk", deadline, func() bool {
		cli("sync", "--folder", st2.folder, "--data", b)
		cli("sync", "--folder", st1.folder, "--data", a)
		fromA, fromB := cli("export", "patients", "--data", a), cli("export", "patients", "--data", b)
		return fromA == fromB && strings.Contains(fromA, "B-000001")
	}, st1, st2)
}
