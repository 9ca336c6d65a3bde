package sync

import (
	"context"

	"filippo.io/age"

	"frontdesk/data"
)

// Remember makes f this computer's sync folder for the desk's own syncs:
// its place and the practice's key are kept in the data folder (package
// data, SyncSettings), so that the desk syncs every few minutes and on
// closing without asking for the passphrase. Call it after Create, Join
// or OpenFolder, which checked the passphrase.
func Remember(ctx context.Context, st *data.Store, f Folder) error {
	k, ok := f.Crypt.(PracticeKey)
	if !ok || k.id == nil {
		return data.Errorf(data.EInternal, "Only a folder opened with the practice's key can be remembered.")
	}
	return st.RememberSyncFolder(ctx, f.Dir, k.id.String())
}

// Remembered returns the remembered sync folder, ready for Sync; ok is
// false when none is. The folder itself is not read: whether it is there
// (a USB stick, a network drive) is for Sync to find out — its error then
// has fs.ErrNotExist in its chain. A folder that now holds another
// practice is refused by Check.
func Remembered(ctx context.Context, st *data.Store) (f Folder, set data.SyncSettings, ok bool, err error) {
	set, ok, err = st.SyncSettings(ctx)
	if err != nil || !ok {
		return Folder{}, set, ok, err
	}
	id, err := age.ParseX25519Identity(set.Key)
	if err != nil {
		return Folder{}, set, false, &data.Error{Code: data.EDamaged, Err: err, Message: "The practice's key kept for sync is damaged: choose the sync folder again in Settings → Sync."}
	}
	pr, err := st.Practice(ctx)
	if err != nil {
		return Folder{}, set, false, err
	}
	return Folder{Dir: set.Folder, Practice: pr.ID, Crypt: PracticeKey{id}, Keys: storeKeys(ctx, st)}, set, true, nil
}

// Check reads the folder's practice file (no passphrase work) and says
// whether f is still this practice's folder: missing (fs.ErrNotExist in
// the chain), not a practice's folder, or another practice's.
func (f Folder) Check() error {
	pf, err := readPractice(f.Dir)
	if err != nil {
		return err
	}
	if pf.Practice != f.Practice {
		return otherPractice(f.Dir)
	}
	return nil
}
