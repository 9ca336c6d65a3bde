package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"frontdesk/data/i18n"
)

// MaxAttachmentSize is the largest file that can be attached: a
// multi-page scan at a sensible resolution fits; a video does not, and
// would make every backup and sync slower.
const MaxAttachmentSize = 25 << 20

// attachmentDir is the folder, inside the data folder, of the attached
// files, each stored once under its SHA-256.
const attachmentDir = "attachments"

// Attachment is the record of an attached file. FileName is the name the
// file had when it was added, kept as text to show; it is never used to
// build a path.
type Attachment struct {
	ID        string
	PatientID string
	SHA256    string
	Size      int64
	MediaType string
	FileName  string
	Title     string
	Added     time.Time // UTC
	AddedBy   string
	// NotArrived is set on a listed attachment whose record came from
	// another computer through sync and whose bytes are not here yet.
	NotArrived bool
}

// Validate cleans and checks the fields.
func (a *Attachment) Validate() error {
	var p Problems
	a.FileName = SafeFileName(a.FileName)
	a.Title = CleanText(a.Title)
	p.length(FieldTitle, "attachment.field.title", a.Title, MaxShort)
	if a.PatientID == "" {
		p.Report("", "problem.no_patient", "Record", i18n.Key("attachment.record"))
	}
	if !isSHA256(a.SHA256) {
		p.Report("", "attachment.problem.fingerprint")
	}
	if a.Size <= 0 || a.Size > MaxAttachmentSize {
		p.Report("", "attachment.problem.size", "Size", a.Size)
	}
	if extensionOf(a.MediaType) == "" {
		p.Report("", "attachment.problem.media_type", "Text", clip(a.MediaType))
	}
	return p.Err()
}

func (a *Attachment) row() row {
	return row{"attachments", &a.ID,
		[]string{"patient_id", "sha256", "size", "media_type", "file_name", "title", "added_utc", "added_by"},
		[]any{a.PatientID, a.SHA256, a.Size, a.MediaType, a.FileName, a.Title, a.Added.Unix(), a.AddedBy}}
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// SafeFileName turns the name a file had into text fit to show: only its
// last path element (a name like "../../etc/passwd" becomes "passwd"),
// cleaned, at most 120 characters, "attachment" when nothing is left.
func SafeFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Trim(CleanText(name), ". ")
	if r := []rune(name); len(r) > 120 {
		name = string(r[:119]) + "…"
	}
	if name == "" {
		return "attachment"
	}
	return name
}

// The kinds of file a practice attaches: scans, photos and PDFs. Only
// these are accepted, so that opening an attachment with the system
// viewer can never run a program.
var attachmentTypes = map[string]string{
	"application/pdf": ".pdf",
	"image/jpeg":      ".jpg",
	"image/png":       ".png",
	"image/gif":       ".gif",
	"image/webp":      ".webp",
	"image/bmp":       ".bmp",
	"image/tiff":      ".tif",
}

func extensionOf(mediaType string) string { return attachmentTypes[mediaType] }

// sniff decides the media type from the file's first bytes, never from
// its name.
func sniff(head []byte) string {
	if bytes.HasPrefix(head, []byte("II*\x00")) || bytes.HasPrefix(head, []byte("MM\x00*")) {
		return "image/tiff"
	}
	t := http.DetectContentType(head)
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return t
}

// SizeText writes a size for people: "31.4 MB", "820 kB", "12 bytes",
// in the units and with the decimal separator of the language that
// renders it ("31,4 Mo" in French).
func SizeText(n int64) i18n.Message {
	switch {
	case n >= 1<<20:
		tenths := (n*10 + 1<<19) >> 20 // rounded half up, in whole numbers
		return i18n.Msg("size.megabytes", "Size", i18n.Dec{Value: tenths, Digits: 1})
	case n >= 1<<10:
		return i18n.Msg("size.kilobytes", "Size", n>>10)
	}
	return i18n.MsgN("size.bytes", int(n))
}

// attachmentPath is where the bytes of a hash live.
func (s *Store) attachmentPath(sum string) string {
	return filepath.Join(s.dir, attachmentDir, sum[:2], sum)
}

// AddAttachment stores the bytes read from r and records them in the
// patient's file under name (shown, never used as a path). size is the
// file's size when known (-1 otherwise), for a precise message when it
// is over the cap. The bytes go to a temporary file, are synced to disk
// and renamed under their hash: a crash leaves either the whole file or
// none, and the same file added twice is stored once. Adding a file
// that is already in the patient's file is refused.
func (s *Store) AddAttachment(ctx context.Context, patientID, name string, size int64, r io.Reader) (Attachment, error) {
	name = SafeFileName(name)
	if size > MaxAttachmentSize {
		return Attachment{}, attachmentTooLarge(name, size)
	}
	pt, err := s.Patient(ctx, patientID)
	if err != nil {
		return Attachment{}, err
	}
	if pt.MergedInto != "" {
		return Attachment{}, NewError(EConflict, "attachment.error.merged")
	}
	sum, n, mediaType, err := s.storeBytes(name, r)
	if err != nil {
		return Attachment{}, err
	}
	a := Attachment{PatientID: patientID, SHA256: sum, Size: n, MediaType: mediaType, FileName: name}
	err = s.Update(ctx, func(tx *Tx) error {
		var existing string
		var added int64
		err := tx.tx.QueryRowContext(ctx, `WITH RECURSIVE `+patientFamily+`
			SELECT file_name, added_utc FROM attachments WHERE patient_id IN (SELECT id FROM fam) AND sha256 = ? AND deleted = 0 LIMIT 1`,
			patientID, sum).Scan(&existing, &added)
		if err == nil {
			return NewError(EConflict, "attachment.error.already_attached", "Name", name, "Existing", existing,
				"Date", DateOf(time.Unix(added, 0).UTC()))
		}
		a.Added = tx.now.Truncate(time.Second)
		a.AddedBy = tx.s.User()
		return tx.Save(&a)
	})
	return a, err
}

func attachmentTooLarge(name string, size int64) error {
	if size > 0 {
		return NewError(EInvalid, "attachment.error.too_large", "Name", name, "Size", SizeText(size), "Max", SizeText(MaxAttachmentSize))
	}
	return NewError(EInvalid, "attachment.error.too_large_unknown", "Name", name, "Max", SizeText(MaxAttachmentSize))
}

// storeBytes copies r into the attachment folder under its hash and
// returns the hash, the size and the media type.
func (s *Store) storeBytes(name string, r io.Reader) (sum string, n int64, mediaType string, err error) {
	root := filepath.Join(s.dir, attachmentDir)
	if err := os.MkdirAll(root, 0o700); err != nil {
		return "", 0, "", storageError("attachment.storage.folder", err)
	}
	tmp, err := os.CreateTemp(root, ".incoming-*")
	if err != nil {
		return "", 0, "", storageError("attachment.storage.file", err)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name()) // a no-op once it is renamed
	}()
	h := sha256.New()
	head := &headBuffer{max: 512}
	src := &readErr{r: io.LimitReader(r, MaxAttachmentSize+1)}
	n, err = io.Copy(io.MultiWriter(tmp, h, head), src)
	if src.err != nil {
		return "", 0, "", wrapError(EStorage, src.err, "attachment.error.unreadable", "Name", name)
	} else if err != nil {
		return "", 0, "", storageError("attachment.storage.file", err)
	}
	if n > MaxAttachmentSize {
		return "", 0, "", attachmentTooLarge(name, -1)
	}
	if n == 0 {
		return "", 0, "", NewError(EInvalid, "attachment.error.empty", "Name", name)
	}
	mediaType = sniff(head.b)
	if extensionOf(mediaType) == "" {
		return "", 0, "", NewError(EInvalid, "attachment.error.kind", "Name", name)
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, "", storageError("attachment.storage.file", err)
	}
	if err := tmp.Close(); err != nil {
		return "", 0, "", storageError("attachment.storage.file", err)
	}
	sum = hex.EncodeToString(h.Sum(nil))
	final := s.attachmentPath(sum)
	if _, err := os.Stat(final); err == nil {
		return sum, n, mediaType, nil // the same bytes are stored already
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return "", 0, "", storageError("attachment.storage.folder", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", 0, "", storageError("attachment.storage.file", err)
	}
	syncDir(filepath.Dir(final))
	return sum, n, mediaType, nil
}

// syncDir makes a rename durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// storageError says that attaching a file failed in the data folder:
// what failed (a key), and the system's cause in words.
func storageError(what i18n.Key, err error) error {
	return wrapError(EStorage, err, "attachment.error.storage", "What", what, "Cause", plainOSError(err))
}

// viewError says that preparing an attachment for the viewer failed.
func viewError(what i18n.Key, err error) error {
	return wrapError(EStorage, err, "attachment.error.view_storage", "What", what, "Cause", plainOSError(err))
}

// readErr remembers a read error, to tell it from a write error.
type readErr struct {
	r   io.Reader
	err error
}

func (r *readErr) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		r.err = err
	}
	return n, err
}

// headBuffer keeps the first max bytes written to it.
type headBuffer struct {
	b   []byte
	max int
}

func (h *headBuffer) Write(p []byte) (int, error) {
	if room := h.max - len(h.b); room > 0 {
		h.b = append(h.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

const attachmentColumns = `id, patient_id, sha256, size, media_type, file_name, title, added_utc, added_by`

func scanAttachments(ctx context.Context, q querier, query string, args ...any) ([]Attachment, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("reading attachments", err)
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		var added int64
		if err := rows.Scan(&a.ID, &a.PatientID, &a.SHA256, &a.Size, &a.MediaType, &a.FileName, &a.Title, &added, &a.AddedBy); err != nil {
			return nil, sqlErr("reading attachments", err)
		}
		a.Added = time.Unix(added, 0).UTC()
		out = append(out, a)
	}
	return out, sqlErr("reading attachments", rows.Err())
}

// Attachments lists a patient's attachments (and those of duplicates
// merged into it), newest first.
func (s *Store) Attachments(ctx context.Context, patientID string) ([]Attachment, error) {
	if err := s.requireClinical(patientID); err != nil {
		return nil, err
	}
	list, err := scanAttachments(ctx, cached{s}, `WITH RECURSIVE `+patientFamily+`
		SELECT `+attachmentColumns+` FROM attachments WHERE patient_id IN (SELECT id FROM fam) AND deleted = 0
		ORDER BY added_utc DESC, id DESC`, patientID)
	if err != nil {
		return nil, err
	}
	s.markArrival(ctx, list)
	return list, nil
}

func loadAttachment(ctx context.Context, q querier, id string) (Attachment, error) {
	list, err := scanAttachments(ctx, q, `SELECT `+attachmentColumns+` FROM attachments WHERE id = ? AND deleted = 0`, id)
	if err != nil {
		return Attachment{}, err
	}
	if len(list) == 0 {
		return Attachment{}, NewError(ENotFound, "attachment.error.gone")
	}
	return list[0], nil
}

// RemoveAttachment takes an attachment out of the patient's file (a
// tombstone). The bytes stay: another file may hold the same ones, and
// sync carries the removal, not the bytes.
func (tx *Tx) RemoveAttachment(id string) error {
	a, err := loadAttachment(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	return tx.Delete(&a)
}

// OpenAttachment prepares an attachment for the system viewer and
// records the read: it checks the stored bytes against their hash and
// returns the path of a copy named by the hash with the extension of its
// media type (a viewer needs the extension; the file's own name is never
// used), in a folder of the data folder that is emptied of old copies.
func (s *Store) OpenAttachment(ctx context.Context, id string) (string, error) {
	a, err := loadAttachment(ctx, cached{s}, id)
	if err != nil {
		return "", err
	}
	if err := s.requireClinical(a.PatientID); err != nil {
		return "", err
	}
	if !isSHA256(a.SHA256) || extensionOf(a.MediaType) == "" {
		return "", NewError(EDamaged, "attachment.error.record_damaged", "Name", a.FileName)
	}
	viewDir := filepath.Join(s.dir, attachmentDir, "view")
	if err := os.MkdirAll(viewDir, 0o700); err != nil {
		return "", viewError("attachment.storage.view_folder", err)
	}
	pruneViewCopies(viewDir, 24*time.Hour)
	src, err := os.Open(s.attachmentPath(a.SHA256))
	if err != nil {
		return "", s.missingAttachment(ctx, a, err)
	}
	defer src.Close()
	path := filepath.Join(viewDir, a.SHA256[:16]+extensionOf(a.MediaType))
	tmp, err := os.CreateTemp(viewDir, ".copy-*")
	if err != nil {
		return "", viewError("attachment.storage.view_copy", err)
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tmp, h), src); err != nil {
		tmp.Close()
		return "", viewError("attachment.storage.view_copy", err)
	}
	if err := tmp.Close(); err != nil {
		return "", viewError("attachment.storage.view_copy", err)
	}
	if hex.EncodeToString(h.Sum(nil)) != a.SHA256 {
		return "", NewError(EDamaged, "attachment.error.content_damaged", "Name", a.FileName)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", viewError("attachment.storage.view_copy", err)
	}
	if err := s.AuditRead(ctx, "read", "attachments", a.ID, "opened "+a.FileName+" with the system viewer"); err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}

// pruneViewCopies removes viewing copies older than age: a viewer may
// still hold a fresh one open.
func pruneViewCopies(dir string, age time.Duration) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > age {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
