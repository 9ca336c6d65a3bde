//go:build linux

package data_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"frontdesk/data"
)

// The check tells why it could not run, and advises restoring a backup only
// for damage: a user told "damaged, restore it" restores over a healthy
// practice.

// mount runs mount(8), skipping the test where this user may not mount.
func mount(t *testing.T, args ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a file system")
	}
	if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
		t.Skipf("mount %q: %v %s", args, err, out)
	}
}

func umount(t *testing.T, dir string) {
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
}

// readOnly makes dir read-only: its mode for an ordinary user (root
// ignores modes), a read-only bind mount for root.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		return
	}
	mount(t, "--bind", dir, dir)
	umount(t, dir)
	mount(t, "-o", "remount,bind,ro", dir)
}

// smallDisk mounts a file system of size bytes on a new folder.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	mount(t, "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir)
	umount(t, dir)
	return dir
}

// fill writes a file until the disk is full.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			return
		}
	}
}

func TestCheckInAReadOnlyFolder(t *testing.T) {
	dir := seedStore(t, 3)
	readOnly(t, dir)
	rep, err := data.Check(context.Background(), dir)
	if err == nil {
		t.Fatalf("Check ran in a read-only folder without its -shm file: %+v", rep)
	}
	if !rep.OK() {
		t.Errorf("problems %q", rep.Problems)
	}
	assertNotCalledDamage(t, err, "read-only")
}

func TestCheckOnAFullDisk(t *testing.T) {
	disk := smallDisk(t, "2m") // room for the empty schema and its WAL while migrating, then filled
	dir := filepath.Join(disk, "practice")
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	newPatient(t, s, "Dupont", "Jean")
	s.Close()
	fill(t, disk)
	rep, err := data.Check(context.Background(), dir)
	if err == nil {
		t.Fatalf("Check ran on a full disk that has no room for its -shm file: %+v", rep)
	}
	if !rep.OK() {
		t.Errorf("problems %q", rep.Problems)
	}
	assertNotCalledDamage(t, err, "the disk is full")
}

// A new practice on a disk without room for it: the disk is named, and
// nothing is left behind.
func TestOpenNewPracticeOnAFullDisk(t *testing.T) {
	disk := smallDisk(t, "64k")
	fill(t, disk)
	os.Remove(filepath.Join(disk, "filler"))
	fill(t, disk) // the same, so that the folder itself fits
	dir := filepath.Join(disk, "practice")
	if err := os.Mkdir(dir, 0o700); err != nil {
		// No room even for the folder: make room for it only.
		os.Remove(filepath.Join(disk, "filler"))
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		fill(t, disk)
	}
	s, err := data.Open(dir)
	if err == nil {
		s.Close()
		t.Fatal("a practice was created on a full disk")
	}
	assertNotCalledDamage(t, err, "the disk is full")
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("left behind: %q", names)
	}
}
