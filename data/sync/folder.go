package sync

import (
	"path/filepath"
	"strconv"
	"strings"
)

// Folder is a practice's sync folder as one device sees it.
type Folder struct {
	Dir      string // the shared folder's root; never created by sync
	Practice string // the practice's ID, written into and checked in every file
	Crypt    Crypt  // the practice's key
	Keys     KeyOf  // the public keys of the practice's devices
	// Ready, when set, says which other devices' change files may be
	// read now: a device whose record has not arrived or whose series
	// letter clashes waits, its files left as they are (not refused).
	Ready func(device string) bool
	// keptFrom is the first of this device's change files still in the
	// folder: the ones below were pruned and are never written again.
	keptFrom int64
}

const changeSuffix = ".chg.age"

func (f Folder) devicesDir() string { return filepath.Join(f.Dir, "devices") }

func (f Folder) changeDir(device string) string {
	return filepath.Join(f.Dir, "devices", device, "chg")
}

func (f Folder) changePath(device string, seq int64) string {
	return filepath.Join(f.changeDir(device), strconv.FormatInt(seq, 10)+changeSuffix)
}

// parseChangeName reads the sequence number of a change file's name:
// "<seq>.chg.age", seq a decimal number from 1 without leading zeros, so
// that one file has one name.
func parseChangeName(name string) (seq int64, ok bool) {
	num, found := strings.CutSuffix(name, changeSuffix)
	if !found || num == "" || num[0] == '0' {
		return 0, false
	}
	seq, err := strconv.ParseInt(num, 10, 64)
	return seq, err == nil && strconv.FormatInt(seq, 10) == num
}

// isDebris says whether a name is what sync tools and editors leave
// behind (conflict copies, temporary and lock files): never read, never
// an error.
func isDebris(name string) bool {
	return strings.Contains(name, ".sync-conflict-") ||
		strings.Contains(name, " (conflicted copy") ||
		strings.HasPrefix(name, ".syncthing.") ||
		strings.HasPrefix(name, "~") ||
		strings.HasSuffix(name, ".tmp") ||
		strings.HasPrefix(name, ".")
}
