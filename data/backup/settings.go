package backup

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"frontdesk/data"
)

// SettingsFile keeps this computer's backup settings and the time of its
// last backup, beside the database. It is a file and not a table: the
// second folder (a USB stick) belongs to this computer, not to the
// practice, and the desk must find the backups when the database itself
// cannot be read.
const SettingsFile = data.BackupSettingsFile

// Folder is the backups folder inside the data folder.
const Folder = "backups"

// Keep's bounds: how many automatic backups each folder keeps.
const (
	DefaultKeep = 14
	MaxKeep     = 365
)

// Fields of the settings form, for data.Problems.
const (
	FieldKeep         = "keep"
	FieldSecondFolder = "second_folder"
)

// Settings are this computer's backup settings.
type Settings struct {
	Keep         int       `json:"keep"`
	SecondFolder string    `json:"second_folder,omitzero"` // a second copy of each automatic backup: a USB stick
	LastBackup   time.Time `json:"last_backup,omitzero"`   // the last backup made on this computer, UTC
	LastFile     string    `json:"last_file,omitzero"`
	// LastMark is the audit mark (data.Store.AuditMark) taken before the
	// last backup's copy: nothing changed since while ChangedSince says so.
	LastMark int64 `json:"last_mark,omitzero"`
}

// Validate checks what a person chose.
func (st *Settings) Validate() error {
	var p data.Problems
	if st.Keep < 1 || st.Keep > MaxKeep {
		p.Report(FieldKeep, "backup.problem.keep", "Max", MaxKeep)
	}
	if st.SecondFolder != "" {
		st.SecondFolder = filepath.Clean(st.SecondFolder)
		if !filepath.IsAbs(st.SecondFolder) {
			p.Report(FieldSecondFolder, "backup.problem.folder_relative")
		} else if fi, err := os.Stat(st.SecondFolder); err != nil || !fi.IsDir() {
			p.Report(FieldSecondFolder, "backup.problem.folder_missing", "Folder", st.SecondFolder)
		}
	}
	return p.Err()
}

// settingsMu keeps two updates of one process from losing each other's
// change: the desk saves a choice while a backup records its time.
var settingsMu sync.Mutex

// LoadSettings reads this computer's settings in dir; the defaults when
// there are none yet. A file that cannot be read as settings is taken as
// the defaults too (it holds nothing that cannot be chosen again), but
// an unreadable file is an error.
func LoadSettings(dir string) (Settings, error) {
	st := Settings{Keep: DefaultKeep}
	b, err := os.ReadFile(filepath.Join(dir, SettingsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	} else if err != nil {
		return st, storageError(err)
	}
	if json.Unmarshal(b, &st) != nil || st.Keep < 1 || st.Keep > MaxKeep {
		st.Keep = DefaultKeep
	}
	return st, nil
}

// SaveSettings keeps the choices of a form (Keep, SecondFolder), leaving
// the record of the last backup as it is.
func SaveSettings(dir string, choice Settings) error {
	if err := choice.Validate(); err != nil {
		return err
	}
	return updateSettings(dir, func(st *Settings) {
		st.Keep, st.SecondFolder = choice.Keep, choice.SecondFolder
	})
}

// updateSettings changes the settings file whole or not at all.
func updateSettings(dir string, change func(st *Settings)) error {
	settingsMu.Lock()
	defer settingsMu.Unlock()
	st, err := LoadSettings(dir)
	if err != nil {
		return err
	}
	change(&st)
	return writeFileAtomic(filepath.Join(dir, SettingsFile), marshal(st))
}

// writeFileAtomic writes a small file under a temporary name, syncs it
// and renames it into place: whole or not at all, 0600.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".frontdesk-*.tmp")
	if err != nil {
		return storageError(err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return storageError(err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return storageError(err)
	}
	if err := tmp.Close(); err != nil {
		return storageError(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return storageError(err)
	}
	return nil
}

// storageError is a file of the backups that cannot be read or written.
func storageError(cause error) error {
	e := data.NewError(data.EStorage, "backup.error.storage")
	e.Err = cause
	return e
}
