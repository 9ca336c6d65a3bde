package sync

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"frontdesk/data"
)

// Options tune a sync run's housekeeping; the zero value takes the
// defaults.
type Options struct {
	Now func() time.Time // the wall clock; tests move it
	// SnapshotEvery: a new snapshot once the newest is older (default
	// 30 days) ...
	SnapshotEvery time.Duration
	// SnapshotBytes: ... or once the change files after it pass this
	// size (default 64 MiB).
	SnapshotBytes int64
	// Retention: a device that has not synced for longer no longer holds
	// pruning back (default 180 days); when it comes back it is told to
	// join again.
	Retention time.Duration
	// Name is a joining device's name (Join only).
	Name string
	// Remember: a joining device remembers the folder for the desk's own
	// syncs (Join only; see Remember).
	Remember bool
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = data.Now
	}
	if o.SnapshotEvery == 0 {
		o.SnapshotEvery = 30 * 24 * time.Hour
	}
	if o.SnapshotBytes == 0 {
		o.SnapshotBytes = 64 << 20
	}
	if o.Retention == 0 {
		o.Retention = 180 * 24 * time.Hour
	}
	return o
}

// ErrRejoin is in the chain of the error of a device that can no longer
// catch up with the practice: retired, or away longer than the folder
// keeps change files. Its own changes were sent; it must join again with
// an empty data folder.
var ErrRejoin = errors.New("this computer must join the practice again")

// ErrNoSnapshot and ErrNotArrived are in the chain of a join's refusal
// when the folder holds no snapshot yet, or holds one whose maker's
// record has not arrived (a sync tool still copying the folder).
var (
	ErrNoSnapshot = errors.New("the sync folder holds no snapshot yet")
	ErrNotArrived = errors.New("the sync folder has not fully arrived")
)

// Result says what a sync run did.
type Result struct {
	Joined   bool   // this run joined the practice from a snapshot
	Series   string // this device's series letter after the run
	Held     string // why this device hands out no numbers (a data.Hold code), "" when it does
	Clash    string // the device found holding this device's letter, if any
	Sent     int    // change files written
	Import   Report
	Records  []RecordProblem // device records that could not be read
	Snapshot bool            // a snapshot was written
	Pruned   int             // own change files pruned
}

// Sync runs one sync of st with the folder: it records the other
// devices' records (their keys and letters), settles this device's series
// letter, sends this device's changes, applies the others', writes a
// snapshot when one is due, prunes this device's change files that every
// device applied and a snapshot covers, and publishes this device's
// record. Every step only ever writes under devices/<this device>/.
func Sync(ctx context.Context, st *data.Store, f Folder, opt Options) (Result, error) {
	opt = opt.withDefaults()
	now := opt.Now()
	me := st.Device()
	var res Result
	records, problems, err := f.readRecords()
	if err != nil {
		return res, err
	}
	res.Records = problems
	prev := records[me.ID]
	retired := retiredSet(records)
	if retired[me.ID] {
		return res, &data.Error{Code: data.EConflict, Err: ErrRejoin, Message: "This computer was retired from the practice's sync. To sync it again, join the practice with an empty data folder (keep this one as a backup)."}
	}
	ready, err := recordDevices(ctx, st, records, retired)
	if err != nil {
		return res, err
	}
	if res.Clash, err = settleSeries(ctx, st, records, retired); err != nil {
		return res, err
	}
	f.Ready = func(d string) bool { return ready[d] }
	f.keptFrom = prev.KeptFrom
	if res.Sent, err = Export(ctx, st, f); err != nil {
		return res, err
	}
	progress, err := st.SyncProgress(ctx)
	if err != nil {
		return res, err
	}
	for _, id := range sortedKeys(ready) {
		if r := records[id]; r.KeptFrom > progress[id]+1 {
			return res, &data.Error{Code: data.EConflict, Err: ErrRejoin, Message: fmt.Sprintf(
				"This computer was away longer than the sync folder keeps changes: computer %s's changes %d to %d are gone from it. "+
					"This computer's own changes were sent. To receive the others', join the practice again with an empty data folder (keep this one as a backup).",
				r.Series, progress[id]+1, r.KeptFrom-1)}
		}
	}
	if res.Import, err = Import(ctx, st, f); err != nil {
		return res, err
	}
	if err := confirmSeries(ctx, st, records, retired, now, opt.Retention); err != nil {
		return res, err
	}
	snaps, err := f.snapshots()
	if err != nil {
		return res, err
	}
	if due, err := f.snapshotDue(snaps, now, opt); err != nil {
		return res, err
	} else if due {
		if _, err := f.writeSnapshot(ctx, st, now); err != nil {
			return res, err
		}
		res.Snapshot = true
		if snaps, err = f.snapshots(); err != nil {
			return res, err
		}
	}
	keptFrom, pruned, err := f.pruneChanges(ctx, st, snaps, records, retired, prev.KeptFrom, now, opt)
	if err != nil {
		return res, err
	}
	kept := map[string]int64{me.ID: keptFrom}
	for id, r := range records {
		if id != me.ID {
			kept[id] = r.KeptFrom
		}
	}
	if err := f.pruneSnapshots(me.ID, snaps, kept); err != nil {
		return res, err
	}
	res.Pruned = pruned
	prev.KeptFrom = keptFrom
	if _, err := f.publishProgress(ctx, st, prev, now); err != nil {
		return res, err
	}
	res.Series = st.Device().Series
	if res.Held, err = st.NumbersHeld(ctx); err != nil {
		return res, err
	}
	// A sync with the remembered folder, whoever ran it (the desk, the
	// command line, a join), is the one the status line reports.
	if set, ok, err := st.SyncSettings(ctx); err != nil {
		return res, err
	} else if ok && set.Folder == f.Dir {
		err = st.NoteSynced(ctx, now)
		return res, err
	}
	return res, nil
}

func retiredSet(records map[string]deviceRecord) map[string]bool {
	out := map[string]bool{}
	for _, r := range records {
		for _, id := range r.Retired {
			out[id] = true
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// recordDevices records the other devices of the records (their keys
// verify their files) and returns those whose files may be read now. A
// device whose letter another recorded device holds waits: passes are
// repeated so that a device that moved off a letter frees it in the same
// run.
func recordDevices(ctx context.Context, st *data.Store, records map[string]deviceRecord, retired map[string]bool) (map[string]bool, error) {
	ready := map[string]bool{}
	me := st.Device().ID
	for again := true; again; {
		again = false
		for _, id := range sortedKeys(records) {
			if id == me || retired[id] || ready[id] {
				continue
			}
			err := st.RecordDevice(ctx, records[id].device())
			switch data.ErrorCode(err) {
			case "":
				ready[id], again = true, true
			case data.EConflict:
				// A clash (settled by the devices concerned) or another key
				// under a known ID: its files wait.
			default:
				return nil, err
			}
		}
	}
	// A retired device's files already in the folder still apply: its
	// changes made before retirement are the practice's.
	for id := range retired {
		if _, found, err := st.DevicePublicKey(ctx, id); err != nil {
			return nil, err
		} else if found && id != me {
			ready[id] = true
		}
	}
	return ready, nil
}

// settleSeries looks for another device holding this device's series
// letter. Of two such devices the one whose letter is not confirmed
// yields (or, both unconfirmed, the later one: device IDs are UUIDv7,
// so they sort by creation): it takes a free letter and holds its numbers
// until every other device acknowledges the new one. It returns the
// clashing device, "" when there is none.
//
// Two devices that joined while apart are thus found out before either
// hands out a number: a joined device holds its numbers until every other
// device's record acknowledges its letter. Two confirmed devices with one
// letter cannot arise from joining; the later one yields all the same.
func settleSeries(ctx context.Context, st *data.Store, records map[string]deviceRecord, retired map[string]bool) (string, error) {
	me := st.Device()
	held, err := st.NumbersHeld(ctx)
	if err != nil {
		return "", err
	}
	for _, id := range sortedKeys(records) {
		r := records[id]
		if id == me.ID || retired[id] || r.Series != me.Series {
			continue
		}
		confirmed := held == ""
		yield := (!confirmed && r.Confirmed) || (confirmed == r.Confirmed && me.ID > id)
		if !yield {
			return id, nil
		}
		letter, err := freeLetter(ctx, st, records)
		if err != nil {
			return id, err
		}
		if err := st.HoldNumbers(ctx, data.HoldClash); err != nil {
			return id, err
		}
		return id, st.SetSeries(ctx, letter)
	}
	return "", nil
}

// confirmSeries lifts this device's hold on its numbers once every other
// device's record acknowledges its letter and no device claims it. A
// device silent for longer than the retention is not waited for: it is
// told to join again when it comes back, and a new computer could
// otherwise never number anything until someone retired it.
func confirmSeries(ctx context.Context, st *data.Store, records map[string]deviceRecord, retired map[string]bool, now time.Time, retention time.Duration) error {
	held, err := st.NumbersHeld(ctx)
	if err != nil || held == "" {
		return err
	}
	me := st.Device()
	for id, r := range records {
		if id == me.ID || retired[id] {
			continue
		}
		if r.Series == me.Series {
			return nil
		}
		if now.Sub(r.At) > retention {
			continue
		}
		if r.Known[me.ID] != me.Series {
			return nil
		}
		for other, l := range r.Known {
			if other != me.ID && l == me.Series && !retired[other] {
				return nil
			}
		}
	}
	return st.ReleaseNumbers(ctx)
}

// freeLetter is the first series letter that no device holds as far as
// this device can see: in its database and in every record.
func freeLetter(ctx context.Context, st *data.Store, records map[string]deviceRecord) (string, error) {
	devices, err := st.Devices(ctx)
	if err != nil {
		return "", err
	}
	var taken []string
	for _, d := range devices {
		taken = append(taken, d.Series)
	}
	return pickLetter(append(taken, recordLetters(records)...))
}

func recordLetters(records map[string]deviceRecord) []string {
	var out []string
	for _, r := range records {
		out = append(out, r.Series)
		for _, l := range r.Known {
			out = append(out, l)
		}
	}
	return out
}

func pickLetter(taken []string) (string, error) {
	for c := 'A'; c <= 'Z'; c++ {
		if !slices.Contains(taken, string(c)) {
			return string(c), nil
		}
	}
	return "", &data.Error{Code: data.EConflict, Message: "Every series letter A to Z is taken: retire a computer the practice no longer uses first."}
}

// Join makes the empty data folder dataDir a new device of the practice
// whose sync folder is dir: it checks the passphrase (nothing is written
// when it is wrong), receives the newest snapshot it can read, takes a
// series letter no device holds, and runs a first sync, which applies the
// change files after the snapshot and publishes the new device's record.
// A join refused before the snapshot is received leaves no practice in
// dataDir; once it is received, dataDir holds the practice even when the
// first sync fails (Result.Joined says so).
func Join(ctx context.Context, dataDir, dir, passphrase string, opt Options) (Result, error) {
	f, records, snaps, err := joinable(dir, passphrase)
	if err != nil {
		return Result{}, err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return Result{}, &data.Error{Code: data.EStorage, Err: err, Message: fmt.Sprintf("The data folder %s cannot be made: %v.", dataDir, err)}
	}
	tmp := filepath.Join(dataDir, ".frontdesk-join.db")
	os.Remove(tmp) // left by a join that stopped half-way
	var refused []string
	extracted, arriving := false, false
	for _, s := range snaps {
		_, err := f.extractSnapshot(s.Path, tmp, recordKeys(records))
		var ref *Refusal
		if errors.As(err, &ref) {
			// A snapshot whose maker's record has not arrived yet (a sync
			// tool still copying the folder) is not damaged.
			arriving = arriving || ref.Reason == ReasonUnknownDevice
			refused = append(refused, fmt.Sprintf("%s: %s", filepath.Base(s.Path), ref.Detail))
			continue
		} else if err != nil {
			return Result{}, err
		}
		extracted = true
		break
	}
	switch {
	case !extracted && arriving:
		return Result{}, &data.Error{Code: data.ENotFound, Err: fmt.Errorf("%w: %v", ErrNotArrived, refused), Key: "sync.error.not_arrived", Message: "The sync folder has not fully arrived on this computer yet (a computer's record is missing): let the sync tool finish, then try again."}
	case !extracted:
		return Result{}, &data.Error{Code: data.EDamaged, Err: fmt.Errorf("%v", refused), Key: "sync.error.snapshots_damaged", Message: "No snapshot in the sync folder can be read; sync another computer of the practice with it to write a new one."}
	}
	defer os.Remove(tmp)
	name := opt.Name
	if name == "" {
		name, _ = os.Hostname()
	}
	pick := func(taken []string) (string, error) { return pickLetter(append(taken, recordLetters(records)...)) }
	if _, err := data.JoinFromSnapshot(ctx, dataDir, tmp, pick, data.CleanText(name)); err != nil {
		return Result{}, err
	}
	st, err := data.Open(dataDir)
	if err != nil {
		return Result{Joined: true}, err
	}
	defer st.Close()
	f.Keys = storeKeys(ctx, st)
	if opt.Remember {
		// Before the first sync: should it fail (the folder pulled out),
		// the desk tries again by itself.
		if err := Remember(ctx, st, f); err != nil {
			return Result{Joined: true}, err
		}
	}
	res, err := Sync(ctx, st, f, opt)
	res.Joined = true
	return res, err
}

// CheckJoin checks what Join checks before it writes anything: the
// passphrase (one scrypt), and that the folder holds a snapshot to join
// from. The desk's first start checks it before it closes its store.
func CheckJoin(dir, passphrase string) error {
	_, _, _, err := joinable(dir, passphrase)
	return err
}

func joinable(dir, passphrase string) (Folder, map[string]deviceRecord, []snapshotRef, error) {
	pf, key, err := openPractice(dir, passphrase)
	if err != nil {
		return Folder{}, nil, nil, err
	}
	f := Folder{Dir: dir, Practice: pf.Practice, Crypt: key}
	records, _, err := f.readRecords()
	if err != nil {
		return f, nil, nil, err
	}
	snaps, err := f.snapshots()
	if err != nil {
		return f, nil, nil, err
	}
	if len(snaps) == 0 {
		return f, nil, nil, &data.Error{Code: data.ENotFound, Err: ErrNoSnapshot, Key: "sync.error.no_snapshot", Message: "The sync folder holds no snapshot of the practice yet: sync the practice's first computer with it, then join again."}
	}
	return f, records, snaps, nil
}

// Retire retires another device of the practice, named by its ID or its
// series letter: its files stay (their changes are the practice's), it no
// longer holds pruning back, its letter is never handed out again, and a
// retired device that syncs is told to join again.
func Retire(ctx context.Context, st *data.Store, f Folder, who string, opt Options) (data.Device, error) {
	records, _, err := f.readRecords()
	if err != nil {
		return data.Device{}, err
	}
	me := st.Device()
	var target *deviceRecord
	for _, id := range sortedKeys(records) {
		if r := records[id]; id == who || r.Series == who {
			target = &r
			break
		}
	}
	if target == nil {
		return data.Device{}, &data.Error{Code: data.ENotFound, Key: "sync.error.no_such_computer", Args: []any{"Computer", who}, Message: fmt.Sprintf("No computer %s is in the sync folder.", who)}
	} else if target.ID == me.ID {
		return data.Device{}, &data.Error{Code: data.EInvalid, Key: "sync.error.retire_self", Message: "A computer cannot retire itself: retire it from another computer of the practice."}
	}
	prev := records[me.ID]
	if !slices.Contains(prev.Retired, target.ID) {
		prev.Retired = append(prev.Retired, target.ID)
	}
	_, err = f.publishProgress(ctx, st, prev, opt.withDefaults().Now())
	return target.device(), err
}
