package sync

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"frontdesk/data"
)

// Changing the passphrase rewraps the practice's key: the key itself
// stays, so every computer that holds it (remembered in its data folder)
// goes on syncing, and only a computer that joins, or opens the folder
// again, needs the new passphrase. The practice file is replaced whole
// (temporary name, flush, rename) and names who changed it and when.
//
// Two computers that change the passphrase while apart each replace the
// practice file; the sync tool then keeps one under its name and sets the
// other aside as a conflict copy ("frontdesk-practice.sync-conflict-…",
// "frontdesk-practice (conflicted copy …)"). The one under the name wins:
// it is the passphrase a joiner needs. Both wrap the same key, so nothing
// else is lost. PassphraseChanges finds the copies set aside, and the
// desk's Settings → Sync on every computer says which passphrase is in
// effect and whose no longer opens the folder, so that both holders are
// told. Changing the passphrase again settles it: the copies set aside
// are removed.

// PassphraseChange says who chose a practice file's passphrase: the
// computer's series letter and name, and when. The zero value is the
// passphrase chosen when the folder was made.
type PassphraseChange struct {
	Device string    `json:"device"`
	Series string    `json:"series"`
	Name   string    `json:"name"`
	At     time.Time `json:"at"`
}

// ChangePassphrase checks old against the practice file of f, then wraps
// the practice's key with passphrase and replaces the file. A wrong old
// passphrase is data.EForbidden and nothing is written. It needs the
// settings right and is audited.
func ChangePassphrase(ctx context.Context, st *data.Store, f Folder, old, passphrase string, opt Options) error {
	if !data.Can(st.Actor(), data.RightSettings) {
		return data.NewError(data.EForbidden, "sync.error.admin_only")
	}
	if passphrase == "" || passphrase == old {
		return data.NewError(data.EInvalid, "sync.error.same_passphrase")
	}
	pf, key, err := openPractice(f.Dir, old)
	if err != nil {
		return err
	}
	if pf.Practice != f.Practice {
		return otherPractice(f.Dir)
	}
	wrapped, err := WrapKey(key, passphrase)
	if err != nil {
		return err
	}
	me := st.Device()
	pf.Version, pf.Key = FormatVersion, wrapped
	pf.Changed = &PassphraseChange{Device: me.ID, Series: me.Series, Name: me.Name, At: opt.withDefaults().Now().UTC()}
	b, err := json.Marshal(pf)
	if err != nil {
		return err
	}
	if err := replaceFile(f.practicePath(), b); err != nil {
		return folderError(f.Dir, err)
	}
	for _, c := range practiceCopies(f.Dir) {
		os.Remove(c) // settled: this passphrase is the one
	}
	return st.NoteSyncPassphraseChanged(ctx, f.Dir)
}

// PassphraseChanges reads who chose the passphrase in effect, and the
// passphrases set aside: conflict copies of the practice file a sync tool
// made when two computers changed it while apart, of this practice, with
// another wrapping of its key. Copies that cannot be read are left out.
func PassphraseChanges(dir string) (current PassphraseChange, lost []PassphraseChange, err error) {
	pf, err := readPractice(dir)
	if err != nil {
		return current, nil, err
	}
	if pf.Changed != nil {
		current = *pf.Changed
	}
	for _, c := range practiceCopies(dir) {
		b, err := readFile(c)
		if err != nil {
			continue
		}
		var other practiceFile
		if strictJSON(b, &other) != nil || other.Practice != pf.Practice || string(other.Key) == string(pf.Key) {
			continue
		}
		ch := PassphraseChange{}
		if other.Changed != nil {
			ch = *other.Changed
		}
		lost = append(lost, ch)
	}
	sort.Slice(lost, func(i, j int) bool { return lost[i].At.Before(lost[j].At) })
	return current, lost, nil
}

// practiceCopies are the paths of the conflict copies of the practice
// file in dir.
func practiceCopies(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	stem := strings.TrimSuffix(practiceFileName, ".json")
	var out []string
	for _, e := range entries {
		n := e.Name()
		if n != practiceFileName && strings.HasPrefix(n, stem) && isDebris(n) && !strings.HasSuffix(n, ".tmp") && e.Type().IsRegular() {
			out = append(out, filepath.Join(dir, n))
		}
	}
	return out
}

// otherPractice is the refusal of a folder that holds another practice.
func otherPractice(dir string) error {
	e := data.NewError(data.EConflict, "sync.error.other_practice", "Folder", dir)
	e.Err = ErrOtherPractice
	return e
}

// ErrOtherPractice is in the chain of the refusal of a sync folder that
// holds another practice than the data folder's.
var ErrOtherPractice = errors.New("the sync folder belongs to another practice")
