package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// An attachment's record travels as field changes; its bytes travel as a
// file of their own (data/sync), which may come later than the record.
// Until then the record is here without its bytes: the file has "not
// arrived yet", which is never taken for a deletion.

// AttachmentHashes returns the fingerprints of the live attachments,
// each once: present, those whose bytes are in the data folder (what
// this device can send); missing, those whose bytes are not (what it
// waits for). A removed attachment's bytes are neither sent nor awaited.
func (s *Store) AttachmentHashes(ctx context.Context) (present, missing []string, err error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT sha256 FROM attachments WHERE deleted = 0 ORDER BY sha256`)
	if err != nil {
		return nil, nil, sqlErr("listing the attached files", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sum string
		if err := rows.Scan(&sum); err != nil {
			return nil, nil, sqlErr("listing the attached files", err)
		}
		if !isSHA256(sum) {
			continue // a damaged record names no file
		}
		if s.hasAttachmentBytes(sum) {
			present = append(present, sum)
		} else {
			missing = append(missing, sum)
		}
	}
	return present, missing, sqlErr("listing the attached files", rows.Err())
}

func (s *Store) hasAttachmentBytes(sum string) bool {
	fi, err := os.Stat(s.attachmentPath(sum))
	return err == nil && fi.Mode().IsRegular()
}

// AttachmentBytes opens the stored bytes of an attached file, to send.
func (s *Store) AttachmentBytes(sum string) (io.ReadCloser, error) {
	if !isSHA256(sum) {
		return nil, Errorf(EInvalid, "%q is not the fingerprint of a file.", sum)
	}
	f, err := os.Open(s.attachmentPath(sum))
	if err != nil {
		return nil, storageError("attachment.storage.read", err)
	}
	return f, nil
}

// ReceiveAttachment stores bytes that arrived for the attached file sum.
// They are kept only when their SHA-256 is sum (EDamaged otherwise:
// nothing is written); bytes already here are left alone. Like an added
// file, they go to a temporary file, are flushed and renamed.
func (s *Store) ReceiveAttachment(sum string, b []byte) error {
	if !isSHA256(sum) {
		return Errorf(EInvalid, "%q is not the fingerprint of a file.", sum)
	}
	if got := sha256.Sum256(b); hex.EncodeToString(got[:]) != sum {
		return Errorf(EDamaged, "The file that arrived for attachment %s has other content (SHA-256 %x).", sum, got)
	}
	if s.hasAttachmentBytes(sum) {
		return nil
	}
	final := s.attachmentPath(sum)
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return storageError("attachment.storage.folder", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), ".incoming-*")
	if err != nil {
		return storageError("attachment.storage.file", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), final)
	}
	if err != nil {
		return storageError("attachment.storage.file", err)
	}
	syncDir(filepath.Dir(final))
	return nil
}

// notArrived says whether an attachment whose bytes are missing came
// from another computer (its bytes are on their way) rather than being
// lost from this data folder.
func (s *Store) notArrived(ctx context.Context, a Attachment) bool {
	var device string
	err := s.r.QueryRowContext(ctx, `SELECT device_id FROM changes WHERE tbl = 'attachments' AND row_id = ? AND old IS NULL LIMIT 1`, a.ID).Scan(&device)
	return err == nil && device != s.device().ID
}

// markArrival sets NotArrived on the attachments whose bytes came
// through sync and are not here yet.
func (s *Store) markArrival(ctx context.Context, list []Attachment) {
	for i := range list {
		if !s.hasAttachmentBytes(list[i].SHA256) && s.notArrived(ctx, list[i]) {
			list[i].NotArrived = true
		}
	}
}

// missingAttachment is the error of opening an attachment without its
// bytes: not arrived yet, or missing.
func (s *Store) missingAttachment(ctx context.Context, a Attachment, err error) error {
	if !errors.Is(err, fs.ErrNotExist) {
		return viewError("attachment.storage.read", err)
	}
	if s.notArrived(ctx, a) {
		return NewError(ENotFound, "attachment.error.not_arrived", "Name", a.FileName)
	}
	return NewError(ENotFound, "attachment.error.missing", "Name", a.FileName)
}
