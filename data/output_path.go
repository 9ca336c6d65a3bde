package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"frontdesk/data/i18n"
)

// maxLinks bounds the symbolic links followed from an output path, as the
// operating system itself does (40 on Linux).
const maxLinks = 40

// outputTarget turns the path a person gave for an output into the file
// to replace: symbolic links are followed to their target, which must be
// a regular file or a new name in an existing folder (never a folder, a
// device like /dev/stdout, or a pipe); the result's folder has no links
// left, so the temporary file and the rename land beside the real target.
// A path that is, or leads to, a file of the practice database is refused.
func (s *Store) outputTarget(path string) (string, error) {
	if path == "" {
		return "", NewError(EInvalid, "output.error.no_name")
	}
	raw, err := absolute(path)
	if err != nil {
		return "", outputError("output.error.not_written", err, "What", i18n.Key("output.what.file"), "Path", path)
	}
	fi, err := os.Stat(raw) // follows every link
	var target string
	switch {
	case err == nil && fi.IsDir():
		return "", NewError(EInvalid, "output.error.is_folder", "Path", path)
	case err == nil && !fi.Mode().IsRegular():
		return "", NewError(EInvalid, "output.error.not_regular", "Path", path)
	case err == nil:
		if target, err = filepath.EvalSymlinks(raw); err != nil {
			return "", outputError("output.error.not_written", err, "What", i18n.Key("output.what.file"), "Path", path)
		}
	case errors.Is(err, fs.ErrNotExist):
		if target, err = newName(raw, path); err != nil {
			return "", err
		}
	case errors.Is(err, syscall.ELOOP):
		return "", NewError(EInvalid, "output.error.too_many_links", "Path", path)
	default:
		return "", outputError("output.error.not_written", err, "What", i18n.Key("output.what.file"), "Path", path)
	}
	if s.isPracticeFile(target) {
		return "", NewError(EForbidden, "output.error.practice_file", "Path", path, "Folder", s.dir)
	}
	return target, nil
}

// absolute makes path absolute without cleaning it: "link/.." must be
// resolved by the file system (the link's parent), not by removing both
// names, so the current folder is joined as text.
func absolute(path string) (string, error) {
	if filepath.IsAbs(path) {
		return path, nil
	}
	if filepath.VolumeName(path) != "" { // "C:file" on Windows: relative to that drive
		return filepath.Abs(path)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	if wd, err = filepath.EvalSymlinks(wd); err != nil {
		return "", err
	}
	return wd + string(filepath.Separator) + path, nil
}

// newName resolves a path that does not exist yet: a chain of links that
// ends at a missing name (a dangling link is followed to the name it
// points at) in a folder that must exist.
func newName(raw, shown string) (string, error) {
	p := raw
	for range maxLinks {
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			dir, base := splitRaw(p)
			if base == "" || base == "." || base == ".." {
				return "", NewError(EInvalid, "output.error.is_folder", "Path", shown)
			}
			real, err := filepath.EvalSymlinks(dir)
			if err != nil {
				return "", outputError("output.error.no_folder", err, "Path", shown)
			}
			if fi, err := os.Stat(real); err != nil || !fi.IsDir() {
				return "", NewError(ENotFound, "output.error.no_folder", "Path", shown, "Cause", i18n.Key("cause.no_folder"))
			}
			return filepath.Join(real, base), nil
		}
		if err != nil {
			return "", outputError("output.error.not_written", err, "What", i18n.Key("output.what.file"), "Path", shown)
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			// It appeared meanwhile; let the caller look again.
			return "", NewError(EConflict, "output.error.changed", "Path", shown)
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", outputError("output.error.not_written", err, "What", i18n.Key("output.what.file"), "Path", shown)
		}
		if !filepath.IsAbs(link) {
			dir, _ := splitRaw(p)
			link = dir + link
		}
		p = link
	}
	return "", NewError(EInvalid, "output.error.too_many_links", "Path", shown)
}

// separators are the characters that end a folder's name in a path.
const separators = string(filepath.Separator) + "/"

// splitRaw splits a path after its last separator without cleaning it
// (filepath.Split would keep the separator too, but Dir cleans).
func splitRaw(p string) (dir, base string) {
	i := strings.LastIndexAny(p, separators)
	return p[:i+1], p[i+1:]
}

// isPracticeFile reports whether target (a resolved path: its folder has
// no links) is one of the practice's own files: the database and its
// -wal, -shm and -journal (any name beginning "frontdesk.db", compared
// without case as Windows and macOS do), the log, the device keys and
// anchors, or anything under attachments/. Existing files are also compared by identity, which
// catches another spelling of the same file.
func (s *Store) isPracticeFile(target string) bool {
	dir, base := filepath.Split(target)
	dir = filepath.Clean(dir)
	dataDir, err := os.Stat(s.dir)
	if err != nil {
		return true // the data folder is gone: refuse rather than guess
	}
	if d, err := os.Stat(dir); err == nil && os.SameFile(d, dataDir) {
		for _, prefix := range practiceFilePrefixes {
			if len(base) >= len(prefix) && strings.EqualFold(base[:len(prefix)], prefix) {
				return true
			}
		}
	}
	if fi, err := os.Stat(target); err == nil {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if db, err := os.Stat(s.path + suffix); err == nil && os.SameFile(fi, db) {
				return true
			}
		}
	}
	attachments, err := os.Stat(filepath.Join(s.dir, attachmentDir))
	if err != nil {
		return false
	}
	for p := dir; ; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil && os.SameFile(fi, attachments) {
			return true
		}
		if filepath.Dir(p) == p {
			return false
		}
	}
}

// practiceFilePrefixes name the files of the data folder that an output
// must never replace. Files the store adds beside the database belong here:
// "device-" are the device keys and audit anchors (anchor.go), LockFile
// the lock a restore takes on Windows (folder_lock.go), BackupSettingsFile
// this computer's backups (data/backup).
var practiceFilePrefixes = []string{DBFile, attachmentDir, "frontdesk.log", "device-", LockFile, BackupSettingsFile}
