package sync

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"frontdesk/data"
)

// The practice file, at the root of the sync folder, names the practice
// and holds its key wrapped with the passphrase: opening the folder costs
// one scrypt (DESIGN §3), then every file is encrypted to or decrypted
// with the unwrapped key at no such cost. It is written by the device
// that creates the folder, and replaced only when the passphrase changes
// (passphrase.go).
const practiceFileName = "frontdesk-practice.json"

type practiceFile struct {
	Version  int    `json:"version"`
	Practice string `json:"practice"`
	Key      []byte `json:"key"` // WrapKey's output
	// Changed says who chose the passphrase, when it is not the one the
	// folder was made with.
	Changed *PassphraseChange `json:"changed,omitempty"`
}

// ErrNoPractice is returned (wrapped in a data.Error with code
// data.ENotFound) when the folder holds no practice yet.
var ErrNoPractice = errors.New("the sync folder holds no practice")

// ErrWrongPassphrase is in the chain of the refusal of a passphrase that
// does not open the practice's key.
var ErrWrongPassphrase = errors.New("the passphrase does not open the sync folder")

func (f Folder) practicePath() string { return filepath.Join(f.Dir, practiceFileName) }

// readPractice reads the practice file of dir.
func readPractice(dir string) (practiceFile, error) {
	var pf practiceFile
	b, err := readFile(filepath.Join(dir, practiceFileName))
	if errors.Is(err, fs.ErrNotExist) {
		if ferr := folderPresent(dir); ferr != nil {
			return pf, ferr
		}
		return pf, &data.Error{Code: data.ENotFound, Err: ErrNoPractice, Key: "sync.error.no_practice", Args: []any{"Folder", dir}, Message: fmt.Sprintf(
			"The folder %s is not a practice's sync folder yet.", dir)}
	} else if err != nil {
		return pf, folderError(dir, err)
	}
	if err := strictJSON(b, &pf); err != nil || pf.Practice == "" || len(pf.Key) == 0 {
		return pf, &data.Error{Code: data.EDamaged, Err: err, Key: "sync.error.practice_damaged", Args: []any{"Folder", dir}, Message: fmt.Sprintf(
			"The practice file of the sync folder %s is damaged.", dir)}
	}
	if pf.Version > FormatVersion {
		return pf, &data.Error{Code: data.ETooNew, Message: "The sync folder was made by a newer Frontdesk: update this one first."}
	}
	return pf, nil
}

// openPractice reads the practice file and unwraps its key. A wrong
// passphrase is refused (data.EForbidden) before anything is written.
func openPractice(dir, passphrase string) (practiceFile, PracticeKey, error) {
	pf, err := readPractice(dir)
	if err != nil {
		return pf, PracticeKey{}, err
	}
	key, err := UnwrapKey(pf.Key, passphrase)
	if err != nil {
		return pf, key, &data.Error{Code: data.EForbidden, Err: fmt.Errorf("%w: %w", ErrWrongPassphrase, err), Key: "sync.error.wrong_passphrase", Message: "The passphrase does not open this practice's sync folder. Nothing was changed."}
	}
	return pf, key, nil
}

// OpenFolder opens the sync folder dir of the practice st belongs to,
// checking the passphrase (one scrypt) and that the folder is this
// practice's. Device keys come from st's devices table.
func OpenFolder(ctx context.Context, st *data.Store, dir, passphrase string) (Folder, error) {
	pf, key, err := openPractice(dir, passphrase)
	if err != nil {
		return Folder{}, err
	}
	pr, err := st.Practice(ctx)
	if err != nil {
		return Folder{}, err
	}
	if pr.ID != pf.Practice {
		return Folder{}, otherPractice(dir)
	}
	return Folder{Dir: dir, Practice: pf.Practice, Crypt: key, Keys: storeKeys(ctx, st)}, nil
}

// Create makes dir (an existing, empty or unrelated folder) the sync
// folder of st's practice, with st's device as its first device: the
// practice file with the key wrapped with passphrase, the device's card,
// its progress record and a first snapshot for the others to join from.
// A folder that already holds a practice is refused.
func Create(ctx context.Context, st *data.Store, dir, passphrase string, opt Options) (Folder, error) {
	now := opt.withDefaults().Now()
	if err := folderPresent(dir); err != nil {
		return Folder{}, err
	}
	if passphrase == "" {
		return Folder{}, &data.Error{Code: data.EInvalid, Key: "sync.error.no_passphrase", Message: "A passphrase is needed to protect the sync folder."}
	}
	pr, err := st.Practice(ctx)
	if err != nil {
		return Folder{}, err
	}
	key, err := NewPracticeKey()
	if err != nil {
		return Folder{}, err
	}
	wrapped, err := WrapKey(key, passphrase)
	if err != nil {
		return Folder{}, err
	}
	b, err := json.Marshal(practiceFile{Version: FormatVersion, Practice: pr.ID, Key: wrapped})
	if err != nil {
		return Folder{}, err
	}
	f := Folder{Dir: dir, Practice: pr.ID, Crypt: key, Keys: storeKeys(ctx, st)}
	if err := writeOnce(f.practicePath(), b); errors.Is(err, fs.ErrExist) {
		return Folder{}, &data.Error{Code: data.EConflict, Err: err, Key: "sync.error.already_practice", Args: []any{"Folder", dir}, Message: fmt.Sprintf(
			"The folder %s already is a practice's sync folder: sync with it instead of creating it.", dir)}
	} else if err != nil {
		return Folder{}, folderError(dir, err)
	}
	if _, err := Export(ctx, st, f); err != nil {
		return f, err
	}
	if _, err := f.writeSnapshot(ctx, st, now); err != nil {
		return f, err
	}
	_, err = f.publishProgress(ctx, st, deviceRecord{}, now)
	return f, err
}

// recordKeys returns the device keys found in the devices' records, for
// a device that has no database yet (a joiner reading a snapshot).
func recordKeys(records map[string]deviceRecord) KeyOf {
	return func(device string) (ed25519.PublicKey, bool, error) {
		c, ok := records[device]
		if !ok {
			return nil, false, nil
		}
		k, err := c.publicKey()
		return k, err == nil, nil
	}
}

// storeKeys returns the device keys st has recorded.
func storeKeys(ctx context.Context, st *data.Store) KeyOf {
	return func(device string) (ed25519.PublicKey, bool, error) { return st.DevicePublicKey(ctx, device) }
}
