package backup

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// Extension ends the name of every backup file Frontdesk names itself.
const Extension = ".fdbackup"

// autoName is how automatic backups are named: by the local date and
// time, so that their names sort as their ages do (and read as them).
var autoName = regexp.MustCompile(`^frontdesk-(\d{4}-\d{2}-\d{2}-\d{6})(-\d+)?\.fdbackup$`)

const autoTimeLayout = "2006-01-02-150405"

// AutoFileName is the name of an automatic backup made at t.
func AutoFileName(t time.Time) string {
	return "frontdesk-" + t.Local().Format(autoTimeLayout) + Extension
}

// Found is a backup file found in a folder.
type Found struct {
	Path string
	Made time.Time // from its name, local time
	Size int64
	n    int // the name's "-2" when two were made within a second
}

// List returns the automatic backups in folder, newest first. Other
// files are left out (and never removed by Prune).
func List(folder string) ([]Found, error) {
	entries, err := os.ReadDir(folder)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var out []Found
	for _, e := range entries {
		m := autoName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		t, err := time.ParseInLocation(autoTimeLayout, m[1], time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		n, _ := strconv.Atoi(strings.TrimPrefix(m[2], "-"))
		out = append(out, Found{Path: filepath.Join(folder, e.Name()), Made: t, Size: info.Size(), n: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Made.Equal(out[j].Made) {
			return out[i].Made.After(out[j].Made)
		}
		return out[i].n > out[j].n
	})
	return out, nil
}

// Prune removes the oldest automatic backups of folder beyond keep.
func Prune(folder string, keep int) error {
	found, err := List(folder)
	if err != nil {
		return err
	}
	var errs []error
	for i := max(keep, 1); i < len(found); i++ {
		if err := os.Remove(found[i].Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Newest is the newest automatic backup in the data folder's backups
// folder or in the second folder of its settings; ok is false when
// there is none. The desk offers it when the database cannot be opened.
func Newest(dir string) (f Found, ok bool) {
	folders := []string{filepath.Join(dir, Folder)}
	if st, err := LoadSettings(dir); err == nil && st.SecondFolder != "" {
		folders = append(folders, st.SecondFolder)
	}
	for _, folder := range folders {
		list, _ := List(folder)
		if len(list) > 0 && (!ok || list[0].Made.After(f.Made)) {
			f, ok = list[0], true
		}
	}
	return f, ok
}

// AutoResult is what an automatic backup did.
type AutoResult struct {
	Result
	Skipped bool // nothing changed since the last backup: none was made
	// SecondErr is why the copy to the second folder failed (a stick not
	// plugged in); the backup in the data folder was made all the same.
	SecondErr error
}

// Why an automatic backup is made, for its audit row.
const (
	AtClose = "automatic backup at close"
	Daily   = "daily automatic backup"
)

// Auto makes an automatic backup into the data folder's backups folder
// (0700), copies it to the second folder when one is set, and prunes
// both to the number to keep. With onlyIfChanged, a practice unchanged
// since the last backup is not backed up again (closing the desk twice
// in a row makes one backup).
func Auto(ctx context.Context, s *data.Store, why string, onlyIfChanged bool, progress Progress) (AutoResult, error) {
	dir := s.Dir()
	st, err := LoadSettings(dir)
	if err != nil {
		return AutoResult{}, err
	}
	if onlyIfChanged && !st.LastBackup.IsZero() {
		changed, err := s.ChangedSince(ctx, st.LastMark)
		if err != nil {
			return AutoResult{}, err
		}
		if !changed {
			return AutoResult{Skipped: true}, nil
		}
	}
	folder := filepath.Join(dir, Folder)
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return AutoResult{}, storageError(err)
	}
	if err := os.Chmod(folder, 0o700); err != nil {
		return AutoResult{}, storageError(err)
	}
	name := AutoFileName(data.Now())
	path := filepath.Join(folder, name)
	for i := 2; fileExists(path); i++ { // two backups within a second
		path = filepath.Join(folder, name[:len(name)-len(Extension)]+"-"+strconv.Itoa(i)+Extension)
	}
	res, err := Create(ctx, s, path, Options{Progress: progress, Detail: why})
	if err != nil {
		return AutoResult{}, err
	}
	out := AutoResult{Result: res}
	if err := Prune(folder, st.Keep); err != nil {
		out.SecondErr = errors.Join(out.SecondErr, storageError(err))
	}
	if st.SecondFolder != "" {
		if err := copyToSecond(ctx, res.Path, st.SecondFolder); err != nil {
			out.SecondErr = err
		} else if err := Prune(st.SecondFolder, st.Keep); err != nil {
			out.SecondErr = storageError(err)
		}
	}
	return out, nil
}

// copyToSecond copies a finished backup (already encrypted) into the
// second folder, whole or not at all.
func copyToSecond(ctx context.Context, file, folder string) error {
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		return data.NewError(data.ENotFound, "backup.error.second_missing", "Folder", folder)
	}
	src, err := os.Open(file)
	if err != nil {
		return storageError(err)
	}
	defer src.Close()
	tmp, err := os.CreateTemp(folder, ".frontdesk-*.tmp")
	if err != nil {
		return secondError(folder, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := copyCounted(ctx, tmp, src, newMeter(nil)); err != nil {
		tmp.Close()
		return secondError(folder, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return secondError(folder, err)
	}
	if err := tmp.Close(); err != nil {
		return secondError(folder, err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(folder, filepath.Base(file))); err != nil {
		return secondError(folder, err)
	}
	syncDir(folder)
	return nil
}

func secondError(folder string, cause error) error {
	e := data.NewError(data.EStorage, "backup.error.second_failed", "Folder", folder)
	e.Err = cause
	return e
}

func fileExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
