package backup

import (
	"archive/tar"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"

	"frontdesk/data"
)

// Staged is a backup read, checked and unpacked in a folder beside the
// practice, ready to replace it. Nothing of the practice has changed
// yet: Apply replaces it, Discard forgets it.
type Staged struct {
	dir      string // the data folder
	work     string // the staging folder, inside it
	File     string // the backup file
	About    About
	Manifest Manifest
}

// Restored is what Apply did.
type Restored struct {
	About About
	// KeptAside is the folder the replaced database (and its audit
	// anchors) went to, "" when the data folder had no database.
	KeptAside string
}

// Restore replaces the practice in dir with the backup in file, opened
// with pass: Prepare, then Apply. Nothing is replaced unless every check
// passed. It fails at once when a desk has the practice open.
func Restore(ctx context.Context, dir, file, pass string, progress Progress) (Restored, error) {
	unlock, err := data.LockForRestore(dir)
	if err != nil {
		return Restored{}, err
	}
	unlock() // Apply takes it again; a desk opened meanwhile makes Apply fail
	st, err := Prepare(ctx, dir, file, pass, progress)
	if err != nil {
		return Restored{}, err
	}
	defer st.Discard()
	// A Cancel pressed while the last checks ran still stops the restore
	// here, before anything is replaced.
	if err := ctx.Err(); err != nil {
		return Restored{}, err
	}
	return st.Apply()
}

// Prepare reads the backup in file with pass and unpacks it into a
// folder inside dir, checking as it goes: the passphrase, that the file
// is whole and unaltered (age authenticates every byte, and its end), the
// manifest against what was read, and the database with quick_check and
// its schema version. A wrong passphrase is a problem under
// FieldPassphrase; a file cut short, altered or not a backup is EDamaged
// or EInvalid; a backup from a newer Frontdesk is ETooNew. Cancelling ctx
// stops it. The data folder's own files are not touched.
func Prepare(ctx context.Context, dir, file, pass string, progress Progress) (*Staged, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, openFileError(file, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, notBackup(file, err)
	}
	// The bar follows the file as it is read; the database's check after
	// it takes about a quarter of that time.
	size := max(fi.Size(), 1)
	m := newMeter(progress)
	m.set(0, size+size/4)
	br := bufio.NewReaderSize(&countingReader{r: f, m: m}, 1<<20)
	wrapped, err := readHeader(br)
	switch {
	case errors.Is(err, errNewerFormat):
		return nil, data.NewError(data.ETooNew, "backup.error.newer_format")
	case err != nil:
		return nil, notBackup(file, err)
	}
	id, err := unwrap(wrapped, pass)
	if err != nil {
		return nil, err
	}
	plain, err := age.Decrypt(br, id)
	if err != nil {
		return nil, damaged(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, storageError(err)
	}
	removeStale(dir)
	work, err := os.MkdirTemp(dir, ".restore-*")
	if err != nil {
		return nil, storageError(err)
	}
	st := &Staged{dir: dir, work: work, File: file}
	if err := st.unpack(ctx, plain, m); err != nil {
		st.Discard()
		return nil, err
	}
	if err := st.check(ctx); err != nil {
		st.Discard()
		return nil, err
	}
	m.finish()
	return st, nil
}

// unpack reads the tar: about.json, the database, the other files and
// manifest.json, then the payload's end, which age checks.
func (st *Staged) unpack(ctx context.Context, plain io.Reader, m *meter) error {
	tr := tar.NewReader(plain)
	next := func() (*tar.Header, error) {
		h, err := tr.Next()
		if err != nil {
			return nil, unpackError(ctx, err)
		}
		if h.Typeflag != tar.TypeReg {
			return nil, damaged(fmt.Errorf("entry %q is not a file", h.Name))
		}
		return h, nil
	}
	h, err := next()
	if err != nil {
		return err
	}
	if h.Name != aboutName {
		return damaged(errors.New("no about.json first"))
	}
	if err := readJSON(tr, h, &st.About); err != nil {
		return err
	}
	if st.About.Format > aboutFormat {
		return data.NewError(data.ETooNew, "backup.error.newer_format")
	}
	if st.About.Schema > data.SchemaVersion() {
		return tooNew(st.About.Schema)
	}
	if h, err = next(); err != nil {
		return err
	}
	if h.Name != databaseName {
		return damaged(errors.New("no database second"))
	}
	got := Manifest{}
	if got.Database, _, err = st.extract(ctx, tr, databaseName, h.Size, nil, true); err != nil {
		return err
	}
	seen := map[string]bool{}
	for {
		if h, err = next(); err != nil {
			return err
		}
		if h.Name == manifestName {
			break
		}
		f := File{Name: h.Name, Size: h.Size}
		if !validEntry(f) || seen[f.Name] {
			return damaged(fmt.Errorf("unexpected entry %q", h.Name))
		}
		seen[f.Name] = true
		sum := sha256.New()
		if _, _, err := st.extract(ctx, tr, f.Name, f.Size, sum, false); err != nil {
			return err
		}
		f.SHA256 = hex.EncodeToString(sum.Sum(nil))
		got.Files = append(got.Files, f)
	}
	if err := readJSON(tr, h, &st.Manifest); err != nil {
		return err
	}
	if !sameManifest(got, st.Manifest) {
		return damaged(errors.New("the manifest does not list what was read"))
	}
	if _, err := tr.Next(); err != io.EOF {
		return damaged(fmt.Errorf("something after the manifest: %v", err))
	}
	// age authenticates the end of the payload: read it to the end.
	if _, err := io.Copy(io.Discard, plain); err != nil {
		return unpackError(ctx, err)
	}
	return nil
}

// extract writes one entry into the staging folder, synced to disk: it
// is renamed into the practice later, and must survive a power cut there.
// The database (isDatabase) goes to disk while check reads it instead.
func (st *Staged) extract(ctx context.Context, tr *tar.Reader, name string, size int64, sum io.Writer, isDatabase bool) (int64, string, error) {
	p := filepath.Join(st.work, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return 0, "", storageError(err)
	}
	out, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, "", storageError(err)
	}
	defer out.Close()
	var w io.Writer = out
	if sum != nil {
		w = io.MultiWriter(out, sum)
	}
	n, err := copyCounted(ctx, w, tr, newMeter(nil))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return 0, "", storageError(err)
		}
		return 0, "", unpackError(ctx, err)
	}
	if n != size {
		return 0, "", damaged(io.ErrUnexpectedEOF)
	}
	if !isDatabase {
		if err := out.Sync(); err != nil {
			return 0, "", storageError(err)
		}
	}
	return n, p, out.Close()
}

func readJSON(tr *tar.Reader, h *tar.Header, v any) error {
	if h.Size > 64<<20 {
		return damaged(fmt.Errorf("%s is too large", h.Name))
	}
	b, err := io.ReadAll(tr)
	if err != nil {
		return damaged(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return damaged(err)
	}
	return nil
}

func sameManifest(a, b Manifest) bool {
	if a.Database != b.Database || len(a.Files) != len(b.Files) {
		return false
	}
	for i := range a.Files {
		if a.Files[i] != b.Files[i] {
			return false
		}
	}
	return true
}

// unpackError is a failure while reading the payload: cancelled, or the
// file is damaged (age's authentication failed, or it ended early).
func unpackError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		e := data.NewError(data.EConflict, "backup.error.cancelled")
		e.Err = ctx.Err()
		return e
	}
	return damaged(err)
}

// Discard removes the staging folder.
func (st *Staged) Discard() {
	if st != nil && st.work != "" {
		os.RemoveAll(st.work)
		st.work = ""
	}
}

// Apply replaces the practice with the staged backup: it takes the data
// folder alone (failing at once while a desk or a command has it open),
// adds the attached files the folder lacks, moves the database and its
// audit anchors aside into a folder "replaced-DATE-TIME", and moves the
// backup's into place. A failure midway puts the moved files back.
func (st *Staged) Apply() (Restored, error) {
	if st.work == "" {
		return Restored{}, errors.New("backup: Apply after Discard")
	}
	unlock, err := data.LockForRestore(st.dir)
	if err != nil {
		return Restored{}, err
	}
	defer unlock()
	// Attached files first: stored under their hash, they only add.
	for _, f := range st.Manifest.Files {
		if !isAttachmentName(f.Name) {
			continue
		}
		dst := filepath.Join(st.dir, filepath.FromSlash(f.Name))
		if _, err := os.Lstat(dst); err == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return Restored{}, storageError(err)
		}
		if err := os.Rename(filepath.Join(st.work, filepath.FromSlash(f.Name)), dst); err != nil {
			return Restored{}, storageError(err)
		}
	}
	r := Restored{About: st.About}
	var mv mover
	current, err := practiceFiles(st.dir)
	if err != nil {
		return Restored{}, storageError(err)
	}
	if len(current) > 0 {
		r.KeptAside, err = asideFolder(st.dir)
		if err != nil {
			return Restored{}, storageError(err)
		}
		for _, name := range current {
			if err := mv.move(filepath.Join(st.dir, name), filepath.Join(r.KeptAside, name)); err != nil {
				mv.undo()
				os.Remove(r.KeptAside)
				return Restored{}, storageError(err)
			}
		}
	}
	incoming := []string{databaseName}
	for _, f := range st.Manifest.Files {
		if anchorName.MatchString(f.Name) {
			incoming = append(incoming, f.Name)
		}
	}
	for _, name := range incoming {
		if err := mv.move(filepath.Join(st.work, name), filepath.Join(st.dir, name)); err != nil {
			mv.undo()
			if r.KeptAside != "" {
				os.Remove(r.KeptAside)
			}
			return Restored{}, storageError(err)
		}
	}
	syncDir(st.dir)
	if r.KeptAside != "" {
		syncDir(r.KeptAside)
	}
	st.Discard()
	// The audit mark of the last backup named a row of the database
	// replaced: the next backup at close must not be skipped.
	updateSettings(st.dir, func(s *Settings) { s.LastMark = 0 })
	return r, nil
}

// practiceFiles are the files a restore replaces: the database with its
// journal files, and the audit anchors that speak for its chains.
func practiceFiles(dir string) ([]string, error) {
	var out []string
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(filepath.Join(dir, databaseName+suffix)); err == nil {
			out = append(out, databaseName+suffix)
		}
	}
	anchors, err := filepath.Glob(filepath.Join(dir, "device-*.anchor"))
	if err != nil {
		return nil, err
	}
	for _, a := range anchors {
		out = append(out, filepath.Base(a))
	}
	return out, nil
}

// asideFolder makes the folder the replaced files go to, named by the
// local date and time of the restore.
func asideFolder(dir string) (string, error) {
	base := filepath.Join(dir, "replaced-"+time.Now().Format("2006-01-02-150405"))
	p := base
	for i := 2; ; i++ {
		err := os.Mkdir(p, 0o700)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, fs.ErrExist) || i > 99 {
			return "", err
		}
		p = fmt.Sprintf("%s-%d", base, i)
	}
}

// mover renames files and can put them back.
type mover struct{ done [][2]string }

func (m *mover) move(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	m.done = append(m.done, [2]string{from, to})
	return nil
}

func (m *mover) undo() {
	for i := len(m.done) - 1; i >= 0; i-- {
		os.Rename(m.done[i][1], m.done[i][0])
	}
	m.done = nil
}

// RecordRestore writes the restore into the restored practice's audit
// log, once it is open.
func RecordRestore(ctx context.Context, s *data.Store, r Restored, file string) error {
	detail := fmt.Sprintf("restored from %s (backup of %s made %s)", file, r.About.Practice, r.About.Created.Format(time.RFC3339))
	if r.KeptAside != "" {
		detail += "; the replaced database is kept in " + r.KeptAside
	}
	return s.AuditRead(ctx, "restore", "practice", "", detail)
}

// countingReader tells the meter of the bytes of the backup file read.
type countingReader struct {
	r io.Reader
	m *meter
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.m.add(int64(n))
	return n, err
}

func openFileError(file string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return data.NewError(data.ENotFound, "backup.error.no_file", "File", file)
	}
	e := data.NewError(data.EStorage, "backup.error.unreadable", "File", file)
	e.Err = err
	return e
}

func notBackup(file string, cause error) error {
	e := data.NewError(data.EInvalid, "backup.error.not_backup", "File", file)
	e.Err = cause
	return e
}

func tooNew(schema int) error {
	return data.NewError(data.ETooNew, "backup.error.too_new", "Version", schema, "Known", data.SchemaVersion())
}

// syncDir makes renames in dir durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// removeStale removes what a backup or a restore interrupted by a crash
// left in the data folder (a plain copy of the database): folders of
// ours untouched for a day, so that one still at work is never taken.
func removeStale(dir string) {
	for _, pattern := range []string{".backup-*", ".restore-*"} {
		names, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, p := range names {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() && time.Since(fi.ModTime()) > 24*time.Hour {
				os.RemoveAll(p)
			}
		}
	}
}
