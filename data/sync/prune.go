package sync

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	"frontdesk/data"
)

// Growth: a busy practice writes millions of field changes over the
// years. A snapshot now and then lets joiners and long-absent devices
// start from it, and lets each device remove its own change files that
// every device has applied and a snapshot covers.

// keptSnapshots is how many of the newest snapshots stay at most: the
// newest, and the one before while a device may still be reading it.
// The one before goes sooner, once no one can join from it any more
// (pruneSnapshots): measured over a simulated busy year, the folder held
// two snapshots nearly all the time, and they were most of its size.
const keptSnapshots = 2

// snapshotDue says whether this run writes a snapshot: there is none,
// the newest is older than SnapshotEvery, or the change files after it
// weigh more than SnapshotBytes.
func (f Folder) snapshotDue(snaps []snapshotRef, now time.Time, opt Options) (bool, error) {
	if len(snaps) == 0 || now.Sub(time.UnixMilli(snaps[0].At)) > opt.SnapshotEvery {
		return true, nil
	}
	h, err := f.snapshotHeaderOf(snaps[0].Path, f.Keys)
	var ref *Refusal
	if errors.As(err, &ref) {
		return true, nil // the newest cannot be read: write a good one
	} else if err != nil {
		return false, err
	}
	sizes, err := f.changeSizes()
	if err != nil {
		return false, err
	}
	var after int64
	for d, files := range sizes {
		for seq, n := range files {
			if seq > h.Covers[d] {
				after += n
			}
		}
	}
	return after > opt.SnapshotBytes, nil
}

// changeSizes returns the size of every device's change files.
func (f Folder) changeSizes() (map[string]map[int64]int64, error) {
	out := map[string]map[int64]int64{}
	entries, err := os.ReadDir(f.devicesDir())
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	} else if err != nil {
		return nil, folderError(f.Dir, err)
	}
	for _, e := range entries {
		if isDebris(e.Name()) || !e.IsDir() {
			continue
		}
		files, err := os.ReadDir(f.changeDir(e.Name()))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, folderError(f.Dir, err)
		}
		m := map[int64]int64{}
		for _, fe := range files {
			if seq, ok := parseChangeName(fe.Name()); ok && fe.Type().IsRegular() {
				if fi, err := fe.Info(); err == nil {
					m[seq] = fi.Size()
				}
			}
		}
		out[e.Name()] = m
	}
	return out, nil
}

// pruneSnapshots removes this device's snapshots that are not the
// newest of the folder and either are not among the newest few or can no
// longer serve a joiner: the change files after them of some device
// (keptFrom, the first file each device keeps) are gone, so a device
// joining from one would be told to join again at once.
func (f Folder) pruneSnapshots(me string, snaps []snapshotRef, keptFrom map[string]int64) error {
	for i, s := range snaps {
		if i == 0 || s.Device != me {
			continue
		}
		if i < keptSnapshots {
			h, err := f.snapshotHeaderOf(s.Path, f.Keys)
			var ref *Refusal
			if errors.As(err, &ref) {
				continue // not ours to judge: it goes when newer ones come
			} else if err != nil {
				return err
			}
			if !outrun(h.Covers, keptFrom) {
				continue
			}
		}
		if err := os.Remove(s.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return folderError(f.Dir, err)
		}
	}
	return nil
}

// outrun says whether some device's first kept change file comes after
// the file following what a snapshot covers.
func outrun(covers data.SnapshotCoverage, keptFrom map[string]int64) bool {
	for d, first := range keptFrom {
		if first > covers[d]+1 {
			return true
		}
	}
	return false
}

// pruneChanges removes this device's change files that the newest
// snapshot covers and every other active device has applied; a device
// silent for longer than the retention is no longer waited for (it is
// told to join again when it comes back, since the files it lacks are
// gone). It returns the first file kept and how many it removed.
func (f Folder) pruneChanges(ctx context.Context, st *data.Store, snaps []snapshotRef, records map[string]deviceRecord,
	retired map[string]bool, keptFrom int64, now time.Time, opt Options) (int64, int, error) {
	keptFrom = max(keptFrom, 1)
	if len(snaps) == 0 {
		return keptFrom, 0, nil
	}
	h, err := f.snapshotHeaderOf(snaps[0].Path, f.Keys)
	var ref *Refusal
	if errors.As(err, &ref) {
		return keptFrom, 0, nil
	} else if err != nil {
		return keptFrom, 0, err
	}
	me := st.Device().ID
	// A device this one knows whose record cannot be read now (not
	// arrived yet, damaged) may still need every file: nothing is pruned.
	devices, err := st.Devices(ctx)
	if err != nil {
		return keptFrom, 0, err
	}
	for _, d := range devices {
		if _, ok := records[d.ID]; !ok && d.ID != me && !retired[d.ID] {
			return keptFrom, 0, nil
		}
	}
	bound := h.Covers[me]
	for id, r := range records {
		if id == me || retired[id] || now.Sub(r.At) > opt.Retention {
			continue
		}
		bound = min(bound, r.Applied[me])
	}
	removed := 0
	for seq := keptFrom; seq <= bound; seq++ {
		err := os.Remove(f.changePath(me, seq))
		if err == nil {
			removed++
		} else if !errors.Is(err, fs.ErrNotExist) {
			return seq, removed, folderError(f.Dir, err)
		}
	}
	return max(keptFrom, bound+1), removed, nil
}
