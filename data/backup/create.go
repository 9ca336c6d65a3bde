package backup

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"filippo.io/age"

	"frontdesk/data"
)

// Options tune Create.
type Options struct {
	Progress Progress
	// Detail is what the audit row calls the backup ("backup", "automatic
	// backup at close"); " to FILE" follows it.
	Detail string
}

// Result is what Create made.
type Result struct {
	Path     string // the file written (a symbolic link's target)
	Size     int64
	About    About
	Manifest Manifest
	// Damaged lists attached files whose bytes no longer match their
	// SHA-256 (damaged on this disk since they were added): they are in
	// the backup as they are, and the desk says so.
	Damaged []string
}

// Create writes a backup of the practice open in s to path: the
// database copied with VACUUM INTO (data.Store.CopyDatabase), the audit
// anchors beside it and every attached file, in a tar encrypted to the
// practice's backup key. The file is written whole or not at all, 0600,
// and recorded in the audit log as it appears (data.Store.WriteOutput).
// It needs no passphrase: only a backup key, chosen with SetPassphrase.
func Create(ctx context.Context, s *data.Store, path string, opt Options) (Result, error) {
	key, err := s.BackupKey(ctx)
	if err != nil {
		return Result{}, err
	}
	recipient, err := age.ParseX25519Recipient(key.Recipient)
	if err != nil {
		return Result{}, damagedKey(err)
	}
	dir := s.Dir()
	// The anchors are read before the copy: an anchor may lag behind its
	// chain (as it does on disk between commits), never run ahead of it.
	anchors, err := readAnchors(dir)
	if err != nil {
		return Result{}, storageError(err)
	}
	anchors = withOwnAnchor(anchors, s.Device().ID, s.AnchorBytes())
	atts, err := listAttachments(dir)
	if err != nil {
		return Result{}, storageError(err)
	}
	var filesBytes int64
	for _, f := range anchors {
		filesBytes += int64(len(f.body))
	}
	for _, a := range atts {
		filesBytes += a.Size
	}
	mark, err := s.AuditMark(ctx)
	if err != nil {
		return Result{}, err
	}
	removeStale(dir)
	work, err := os.MkdirTemp(dir, ".backup-*")
	if err != nil {
		return Result{}, storageError(err)
	}
	defer os.RemoveAll(work)

	// Progress counts the copy's bytes, then the database's again as it
	// is packed, then the other files'.
	m := newMeter(opt.Progress)
	copyPath := filepath.Join(work, databaseName)
	err = s.CopyDatabase(ctx, copyPath, func(done, total int64) { m.set(done, 2*total+filesBytes) })
	if err != nil {
		return Result{}, err
	}
	fi, err := os.Stat(copyPath)
	if err != nil {
		return Result{}, storageError(err)
	}
	m.mark(fi.Size(), 2*fi.Size()+filesBytes)

	pr, _ := s.Practice(ctx) // a practice not set up yet is backed up too, without a name
	res := Result{About: About{Format: aboutFormat, Schema: data.SchemaVersion(), Created: data.Now().UTC().Truncate(time.Second),
		Practice: pr.Name, Device: s.Device().ID}}
	detail := opt.Detail
	if detail == "" {
		detail = "backup"
	}
	res.Path, err = s.WriteOutput(ctx, data.Output{Path: path, What: "The backup", Action: "backup", Entity: "practice", Detail: detail},
		func(w io.Writer) error {
			return pack(ctx, w, key.Wrapped, recipient, copyPath, anchors, atts, dir, m, &res)
		})
	if err != nil {
		return Result{}, err
	}
	m.finish()
	if fi, err := os.Stat(res.Path); err == nil {
		res.Size = fi.Size()
	}
	// The record of the last backup is a convenience for the status line:
	// the backup is made and audited even if it cannot be written.
	updateSettings(dir, func(st *Settings) {
		st.LastBackup, st.LastFile, st.LastMark = res.About.Created, res.Path, mark
	})
	return res, nil
}

func damagedKey(cause error) error {
	e := data.NewError(data.EDamaged, "backup.error.key_damaged")
	e.Err = cause
	return e
}

// pack writes the backup file to w: header, wrapped key, encrypted tar.
func pack(ctx context.Context, w io.Writer, wrapped string, to age.Recipient, dbPath string,
	anchors []anchorFile, atts []File, dir string, m *meter, res *Result) error {
	bw := newWriteBehind(w)
	defer bw.Close()
	if err := writeHeader(bw, wrapped); err != nil {
		return err
	}
	enc, err := age.Encrypt(bw, to)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(enc)
	if err := writeEntry(tw, aboutName, marshal(res.About)); err != nil {
		return err
	}
	db, err := os.Open(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	fi, err := db.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(fileHeader(databaseName, fi.Size())); err != nil {
		return err
	}
	if _, err := copyCounted(ctx, tw, db, m); err != nil {
		return err
	}
	res.Manifest.Database = fi.Size()
	for _, a := range anchors {
		sum := sha256.Sum256(a.body)
		if err := writeEntry(tw, a.name, a.body); err != nil {
			return err
		}
		m.add(int64(len(a.body)))
		res.Manifest.Files = append(res.Manifest.Files, File{Name: a.name, Size: int64(len(a.body)), SHA256: hex.EncodeToString(sum[:])})
	}
	for _, a := range atts {
		f, err := packFile(ctx, tw, dir, a, m)
		if err != nil {
			return err
		}
		if f.SHA256 != filepath.Base(f.Name) {
			res.Damaged = append(res.Damaged, f.Name)
		}
		res.Manifest.Files = append(res.Manifest.Files, f)
	}
	if err := writeEntry(tw, manifestName, marshal(res.Manifest)); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return bw.Close()
}

// packFile adds one attached file, hashing it as it goes. Its size is
// the one listed: a file that changed size meanwhile (which an attached
// file never does) fails the backup rather than the tar.
func packFile(ctx context.Context, tw *tar.Writer, dir string, a File, m *meter) (File, error) {
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(a.Name)))
	if err != nil {
		return a, err
	}
	defer f.Close()
	if err := tw.WriteHeader(fileHeader(a.Name, a.Size)); err != nil {
		return a, err
	}
	h := sha256.New()
	n, err := copyCounted(ctx, io.MultiWriter(tw, h), io.LimitReader(f, a.Size), m)
	if err != nil {
		return a, err
	}
	if n != a.Size {
		return a, io.ErrUnexpectedEOF
	}
	a.SHA256 = hex.EncodeToString(h.Sum(nil))
	return a, nil
}

func fileHeader(name string, size int64) *tar.Header {
	return &tar.Header{Name: name, Size: size, Mode: 0o600, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
}

func writeEntry(tw *tar.Writer, name string, b []byte) error {
	if err := tw.WriteHeader(fileHeader(name, int64(len(b)))); err != nil {
		return err
	}
	_, err := tw.Write(b)
	return err
}

// anchorFile is an audit anchor as read before the copy.
type anchorFile struct {
	name string
	body []byte
}

// readAnchors reads the signed audit anchors beside the database
// (device-<id>.anchor): they go with it, so that "frontdesk check" on a
// restored practice still compares its chains with them. The devices'
// private keys (device-<id>.key) stay on their computer.
func readAnchors(dir string) ([]anchorFile, error) {
	names, err := filepath.Glob(filepath.Join(dir, "device-*.anchor"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []anchorFile
	for _, p := range names {
		name := filepath.Base(p)
		if !anchorName.MatchString(name) {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, anchorFile{name, b})
	}
	return out, nil
}

// withOwnAnchor puts this device's anchor as the store holds it, signed
// at its last commit, in place of the file, which trails the commits by
// up to a moment: the backup then witnesses its copy's whole chain. own
// is nil while the store's opening check runs; the file stands then.
func withOwnAnchor(anchors []anchorFile, device string, own []byte) []anchorFile {
	name := "device-" + device + ".anchor"
	if own == nil || !anchorName.MatchString(name) {
		return anchors
	}
	for i := range anchors {
		if anchors[i].name == name {
			anchors[i].body = own
			return anchors
		}
	}
	anchors = append(anchors, anchorFile{name, own})
	sort.Slice(anchors, func(i, j int) bool { return anchors[i].name < anchors[j].name })
	return anchors
}

// listAttachments lists the stored attached files (not the viewing
// copies, nor a file being added), in name order.
func listAttachments(dir string) ([]File, error) {
	root := filepath.Join(dir, data.AttachmentsFolder)
	var out []File
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && os.IsNotExist(err) {
				return fs.SkipDir
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		name := filepath.ToSlash(rel)
		if d.IsDir() {
			if p != root && len(d.Name()) != 2 {
				return fs.SkipDir // view/: copies for the system viewer
			}
			return nil
		}
		if !d.Type().IsRegular() || !isAttachmentName(name) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, File{Name: name, Size: info.Size()})
		return nil
	})
	return out, err
}
