package sync

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"frontdesk/data"
)

// Every device keeps one record in the folder, devices/<id>/device.age,
// encrypted to the practice's key, rewritten (temporary name, flush,
// rename) at each sync: its card (series letter, name, public key, which
// the others record to verify its change files) and its progress (how far
// it applied every other device's files, the letters it knows, the
// devices it retired, the first of its own change files still kept).
// Being encrypted to the practice's key, whose public half is never
// written anywhere, a record can only come from someone who knows the
// passphrase; the change files it vouches for are signed by the key it
// names.
const recordName = "device.age"

// deviceRecord is one device's record.
type deviceRecord struct {
	Version   int    `json:"version"`
	Practice  string `json:"practice"`
	ID        string `json:"id"`
	Series    string `json:"series"`
	Name      string `json:"name"`
	PublicKey string `json:"public_key"`
	// Confirmed is false while the device holds its numbers (a letter
	// not yet acknowledged by every other device, or a clash).
	Confirmed bool      `json:"confirmed"`
	At        time.Time `json:"at"` // when it last synced
	// Applied: for every other device, its last change file applied here.
	Applied map[string]int64 `json:"applied"`
	// Known: the series letter of every device this one has recorded.
	Known map[string]string `json:"known"`
	// Retired: devices retired from this device (retirement is final,
	// and every device honours any device's).
	Retired []string `json:"retired,omitempty"`
	// KeptFrom: this device's change files below it were pruned.
	KeptFrom int64 `json:"kept_from"`
}

func (r deviceRecord) device() data.Device {
	return data.Device{ID: r.ID, Series: r.Series, Name: r.Name, PublicKey: r.PublicKey}
}

func (r deviceRecord) publicKey() (ed25519.PublicKey, error) {
	k, err := base64.StdEncoding.DecodeString(r.PublicKey)
	if err != nil || len(k) != ed25519.PublicKeySize {
		return nil, errors.New("not a public key")
	}
	return k, nil
}

func (f Folder) recordPath(device string) string {
	return filepath.Join(f.devicesDir(), device, recordName)
}

// RecordProblem is a device record that could not be read.
type RecordProblem struct {
	Device string
	Reason string // a Reason code
	Detail string
}

// readRecords reads every device's record. A record that cannot be read
// is reported and left out: its device's files wait until it can be.
func (f Folder) readRecords() (map[string]deviceRecord, []RecordProblem, error) {
	out := map[string]deviceRecord{}
	var problems []RecordProblem
	entries, err := os.ReadDir(f.devicesDir())
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil, folderPresent(f.Dir)
	} else if err != nil {
		return nil, nil, folderError(f.Dir, err)
	}
	for _, e := range entries {
		d := e.Name()
		if isDebris(d) || !e.IsDir() {
			continue
		}
		b, err := readFile(f.recordPath(d))
		if errors.Is(err, fs.ErrNotExist) {
			continue // its record has not arrived yet
		} else if err != nil {
			return nil, nil, folderError(f.Dir, err)
		}
		r, err := f.decodeRecord(b, d)
		var ref *Refusal
		if errors.As(err, &ref) {
			problems = append(problems, RecordProblem{Device: d, Reason: ref.Reason, Detail: ref.Detail})
			continue
		} else if err != nil {
			return nil, nil, err
		}
		out[d] = r
	}
	return out, problems, nil
}

func (f Folder) decodeRecord(b []byte, device string) (deviceRecord, error) {
	var r deviceRecord
	plain, err := f.unseal(b)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(plain, &r); err != nil {
		return r, refuse(ReasonMalformed, "the device record cannot be read: %v", err)
	}
	switch {
	case r.Version > FormatVersion:
		return r, refuse(ReasonTooNew, "the device record has format version %d", r.Version)
	case r.Practice != f.Practice:
		return r, refuse(ReasonWrongPractice, "the device record belongs to practice %s", r.Practice)
	case r.ID != device:
		return r, refuse(ReasonMisplaced, "the record of device %s lies in the folder of %s", r.ID, device)
	}
	d := r.device()
	if err := d.Validate(); err != nil {
		return r, refuse(ReasonMalformed, "the device record is invalid: %v", err)
	}
	if _, err := r.publicKey(); err != nil {
		return r, refuse(ReasonMalformed, "the device record has no public key")
	}
	return r, nil
}

// writeRecord replaces this device's record.
func (f Folder) writeRecord(r deviceRecord) error {
	r.Version, r.Practice = FormatVersion, f.Practice
	plain, err := json.Marshal(r)
	if err != nil {
		return err
	}
	cipher, err := f.seal(plain)
	if err != nil {
		return err
	}
	path := f.recordPath(r.ID)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return folderError(f.Dir, err)
	}
	if err := replaceFile(path, cipher); err != nil {
		return folderError(f.Dir, err)
	}
	return nil
}

// replaceFile writes b to path through a flushed temporary file renamed
// over it: a reader sees the old file or the new one, whole.
func replaceFile(path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// ownRecord is this device's record as it stands now: its card from st,
// its progress from st, and what it keeps from its previous record
// (retirements, pruning).
func (f Folder) ownRecord(ctx context.Context, st *data.Store, prev deviceRecord, now time.Time) (deviceRecord, error) {
	me := st.Device()
	held, err := st.NumbersHeld(ctx)
	if err != nil {
		return deviceRecord{}, err
	}
	applied, err := st.SyncProgress(ctx)
	if err != nil {
		return deviceRecord{}, err
	}
	devices, err := st.Devices(ctx)
	if err != nil {
		return deviceRecord{}, err
	}
	known := map[string]string{}
	for _, d := range devices {
		known[d.ID] = d.Series
	}
	r := deviceRecord{ID: me.ID, Series: me.Series, Name: me.Name, PublicKey: me.PublicKey, Confirmed: held == "",
		At: now.UTC(), Applied: applied, Known: known, Retired: slices.Clone(prev.Retired), KeptFrom: max(prev.KeptFrom, 1)}
	return r, nil
}

// publishProgress writes this device's record; prev is its previous
// record, whose retirements and pruning mark carry over.
func (f Folder) publishProgress(ctx context.Context, st *data.Store, prev deviceRecord, now time.Time) (deviceRecord, error) {
	r, err := f.ownRecord(ctx, st, prev, now)
	if err != nil {
		return r, err
	}
	return r, f.writeRecord(r)
}
