package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"

	"frontdesk/data"
)

// Report says what an Import did.
type Report struct {
	Applied   int // files applied
	Changes   data.ApplyResult
	Refused   []data.Quarantined // files refused in this run
	Waiting   map[string]int64   // device: the sequence number its files wait for (missing, refused, or needing another device's rows)
	Debris    int                // sync-tool debris and foreign names ignored
	Devices   int                // other devices seen in the folder
	Remaining int                // files present but not applied (behind a gap or a refusal)
	// Attached files (files.go): stored, still awaited (their attachment
	// shows as not arrived), and copies refused in this run.
	FilesReceived, FilesAwaited int
	FilesRefused                []FileRefusal
	NotReady                    []string // devices whose files were left for later (Folder.Ready)
}

// Import applies the other devices' change files found in the folder,
// each device's in sequence, each file in one transaction. A file that
// cannot be trusted is set aside with its reason (data's quarantine) and
// its device waits there; a missing file is a gap the device waits at,
// never a deletion. Files that need rows of another device are tried
// again after that device's files, until nothing more applies.
func Import(ctx context.Context, st *data.Store, f Folder) (Report, error) {
	rep := Report{Waiting: map[string]int64{}}
	if err := folderPresent(f.Dir); err != nil {
		return rep, err
	}
	files, err := f.scan(st.Device().ID, &rep)
	if err != nil {
		return rep, err
	}
	progress, err := st.SyncProgress(ctx)
	if err != nil {
		return rep, err
	}
	devices := make([]string, 0, len(files))
	for d := range files {
		devices = append(devices, d)
	}
	sort.Strings(devices)
	rep.Devices = len(devices)
	stuck := map[string]bool{} // refused or missing: no use trying again in this run
	for progressed := true; progressed; {
		progressed = false
		for _, d := range devices {
			for !stuck[d] {
				next := progress[d] + 1
				path, ok := files[d][next]
				if !ok {
					stuck[d] = true
					break
				}
				applied, err := f.applyFile(ctx, st, d, next, path, &rep)
				if err != nil {
					return rep, err
				}
				if !applied {
					break
				}
				progress[d] = next
				progressed = true
			}
		}
	}
	for _, d := range devices {
		for seq := range files[d] {
			if seq > progress[d] {
				rep.Remaining++
			}
		}
		if maxSeq(files[d]) > progress[d] {
			rep.Waiting[d] = progress[d] + 1
		}
	}
	// The records applied may name attached files; their bytes come next.
	rep.FilesReceived, rep.FilesAwaited, rep.FilesRefused, err = ImportFiles(ctx, st, f)
	return rep, err
}

func maxSeq(m map[int64]string) int64 {
	var top int64
	for s := range m {
		top = max(top, s)
	}
	return top
}

// scan lists the change files of every other device by sequence number.
func (f Folder) scan(self string, rep *Report) (map[string]map[int64]string, error) {
	out := map[string]map[int64]string{}
	entries, err := os.ReadDir(f.devicesDir())
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil // no device has written yet
	} else if err != nil {
		return nil, folderError(f.Dir, err)
	}
	for _, e := range entries {
		d := e.Name()
		if isDebris(d) || !e.IsDir() {
			rep.Debris++
			continue
		}
		if d == self {
			continue
		}
		if f.Ready != nil && !f.Ready(d) {
			rep.NotReady = append(rep.NotReady, d)
			continue
		}
		files, err := os.ReadDir(f.changeDir(d))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, folderError(f.Dir, err)
		}
		for _, fe := range files {
			seq, ok := parseChangeName(fe.Name())
			if !ok || isDebris(fe.Name()) || !fe.Type().IsRegular() {
				rep.Debris++
				continue
			}
			if out[d] == nil {
				out[d] = map[int64]string{}
			}
			out[d][seq] = f.changePath(d, seq)
		}
	}
	return out, nil
}

// applyFile reads, checks and applies one file. applied is false when
// the file was refused (now or before, with the same bytes) or waits for
// other rows; err is for what stops the whole run (the folder vanished,
// the database refused to write).
func (f Folder) applyFile(ctx context.Context, st *data.Store, device string, seq int64, path string, rep *Report) (applied bool, err error) {
	b, err := readFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if ferr := folderPresent(f.Dir); ferr != nil {
				return false, ferr
			}
			return false, nil // gone since the scan: a gap for now
		}
		return false, folderError(f.Dir, err)
	}
	sum := sha256.Sum256(b)
	fp := hex.EncodeToString(sum[:])
	if old, err := st.QuarantinedFingerprint(ctx, device, seq); err != nil {
		return false, err
	} else if old == fp {
		return false, nil // refused before as it is
	}
	file, err := f.read(b, device, seq)
	var ref *Refusal
	if errors.As(err, &ref) {
		return false, f.quarantine(ctx, st, device, seq, fp, ref, rep)
	} else if err != nil {
		return false, err
	}
	res, err := st.ApplyChangeSet(ctx, file.ChangeSet())
	switch data.ErrorCode(err) {
	case "":
		rep.Applied++
		rep.Changes.Applied += res.Applied
		rep.Changes.Lost += res.Lost
		rep.Changes.Known += res.Known
		rep.Changes.Conflicts += res.Conflicts
		return true, nil
	case data.EWaiting:
		return false, nil
	case data.EInvalid, data.ETooNew, data.EForbidden, data.EConflict, data.ESeriesClash:
		reason := ReasonRefused
		switch data.ErrorCode(err) {
		case data.ETooNew:
			reason = ReasonTooNew
		case data.ESeriesClash:
			reason = ReasonSeriesClash
		}
		return false, f.quarantine(ctx, st, device, seq, fp, &Refusal{Reason: reason, Detail: data.ErrorMessage(err)}, rep)
	}
	return false, err
}

// readFile reads a change file; tests replace it to pull the folder away
// in the middle of a run.
var readFile = os.ReadFile

// read decrypts and checks a file found as device's seq.
func (f Folder) read(b []byte, device string, seq int64) (File, error) {
	plain, err := f.unseal(b)
	if err != nil {
		return File{}, err
	}
	file, err := Decode(plain, f.Keys)
	if err != nil {
		return File{}, err
	}
	switch {
	case file.Practice != f.Practice:
		return File{}, refuse(ReasonWrongPractice, "the file belongs to practice %s, not %s", file.Practice, f.Practice)
	case file.Device != device || file.Seq != seq:
		return File{}, refuse(ReasonMisplaced, "the file says it is change file %d of device %s but lies at %d of device %s", file.Seq, file.Device, seq, device)
	}
	return file, nil
}

func (f Folder) quarantine(ctx context.Context, st *data.Store, device string, seq int64, fp string, ref *Refusal, rep *Report) error {
	q := data.Quarantined{Device: device, Seq: seq, Fingerprint: fp, Reason: ref.Reason, Detail: ref.Detail}
	rep.Refused = append(rep.Refused, q)
	if err := st.Quarantine(ctx, q); err != nil {
		return fmt.Errorf("setting aside change file %d of device %s (%s): %w", seq, device, ref.Detail, err)
	}
	return nil
}
