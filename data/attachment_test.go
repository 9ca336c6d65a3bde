package data_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// pdfBytes is a small file that starts like a PDF.
func pdfBytes(body string) []byte {
	return []byte("%PDF-1.4\n" + body + "\n%%EOF\n")
}

func TestAttachmentsAreStoredByHashAndDeduplicated(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := newPatient(t, s, "Dupont", "Jean")
	q := newPatient(t, s, "Martin", "Paul")
	content := pdfBytes("scan of a letter")
	sum := sha256.Sum256(content)
	hash := hex.EncodeToString(sum[:])

	a, err := s.AddAttachment(ctx, p.ID, "../../etc/passwd", int64(len(content)), bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	if a.SHA256 != hash || a.MediaType != "application/pdf" || a.Size != int64(len(content)) || a.FileName != "passwd" {
		t.Fatalf("attachment %+v", a)
	}
	stored := filepath.Join(s.Dir(), "attachments", hash[:2], hash)
	if got, err := os.ReadFile(stored); err != nil || !bytes.Equal(got, content) {
		t.Fatalf("stored file: %v", err)
	}
	// The name never became a path: nothing was written outside the
	// attachment folder, and no temporary file is left.
	for _, bad := range []string{filepath.Join(s.Dir(), "..", "..", "etc", "passwd"), filepath.Join(s.Dir(), "passwd")} {
		if _, err := os.Stat(bad); err == nil {
			t.Errorf("%s exists", bad)
		}
	}
	if n := filesUnder(t, filepath.Join(s.Dir(), "attachments")); n != 1 {
		t.Errorf("%d files in the attachment folder, want 1", n)
	}

	// The same bytes for another patient: a second row, one file.
	b, err := s.AddAttachment(ctx, q.ID, `C:\Users\x\scan.pdf`, -1, bytes.NewReader(content))
	if err != nil || b.SHA256 != hash || b.FileName != "scan.pdf" {
		t.Fatalf("second patient: %+v %v", b, err)
	}
	if n := filesUnder(t, filepath.Join(s.Dir(), "attachments")); n != 1 {
		t.Errorf("%d files after a duplicate, want 1", n)
	}
	// Twice to the same patient: refused, with the name it has.
	_, err = s.AddAttachment(ctx, p.ID, "again.pdf", -1, bytes.NewReader(content))
	if data.ErrorCode(err) != data.EConflict || !strings.Contains(data.ErrorMessage(err), "already attached") {
		t.Errorf("the same file twice: %v", err)
	}
	list, err := s.Attachments(ctx, p.ID)
	if err != nil || len(list) != 1 || list[0].ID != a.ID {
		t.Fatalf("attachments of p: %+v %v", list, err)
	}

	// Opening checks the hash and hands the viewer a copy named by the
	// hash, with the extension of its type; the read is audited.
	path, err := s.OpenAttachment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Ext(path) != ".pdf" || strings.Contains(path, "passwd") || !strings.HasPrefix(filepath.Base(path), hash[:16]) {
		t.Errorf("viewing copy %s", path)
	}
	if trail, _ := s.AuditTrail(ctx, "attachments", a.ID); len(trail) == 0 || trail[0].Action != "read" {
		t.Errorf("opening was not audited: %+v", trail)
	}
	// A stored file changed behind Frontdesk's back is refused.
	if err := os.WriteFile(stored, pdfBytes("tampered"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = s.OpenAttachment(ctx, a.ID)
	wantCode(t, err, data.EDamaged)
	assertPlainMessage(t, data.ErrorMessage(err))

	mustUpdate(t, s, func(tx *data.Tx) error { return tx.RemoveAttachment(a.ID) })
	if list, _ := s.Attachments(ctx, p.ID); len(list) != 0 {
		t.Errorf("after removal: %+v", list)
	}
}

func TestAttachmentCapTypeAndBadInput(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := newPatient(t, s, "Dupont", "Jean")
	big := io.MultiReader(bytes.NewReader(pdfBytes("")), io.LimitReader(zeroReader{}, data.MaxAttachmentSize))
	for _, c := range []struct {
		name string
		size int64
		r    io.Reader
		code string
		msg  string
	}{
		{"huge.pdf", 31 << 20, strings.NewReader("never read"), data.EInvalid, "huge.pdf is 31.0 MB; attachments can be at most 25.0 MB"},
		{"stream.pdf", -1, big, data.EInvalid, "stream.pdf is larger than 25.0 MB, the most an attachment can be"},
		{"empty.pdf", 0, strings.NewReader(""), data.EInvalid, "empty.pdf is empty"},
		{"notes.txt", -1, strings.NewReader("hello, plain text"), data.EInvalid, "notes.txt is not a PDF, a scan or a photo"},
		{"setup.exe", -1, bytes.NewReader(append([]byte("MZ\x90\x00"), make([]byte, 100)...)), data.EInvalid, "only those can be attached"},
		{"broken.pdf", -1, io.MultiReader(strings.NewReader("%PDF-1.4"), failingReader{}), data.EStorage, "could not be read to the end"},
	} {
		_, err := s.AddAttachment(ctx, p.ID, c.name, c.size, c.r)
		if data.ErrorCode(err) != c.code || !strings.Contains(data.ErrorMessage(err), c.msg) {
			t.Errorf("%s: %v, want %s %q", c.name, err, c.code, c.msg)
		}
	}
	if n := filesUnder(t, filepath.Join(s.Dir(), "attachments")); n != 0 {
		t.Errorf("refused files left %d files behind", n)
	}
	if n := countRows(t, s, `SELECT COUNT(*) FROM attachments`); n != 0 {
		t.Errorf("refused files left %d rows", n)
	}
	// A photo, by its content whatever its name says.
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	a, err := s.AddAttachment(ctx, p.ID, "photo.pdf", -1, bytes.NewReader(png))
	if err != nil || a.MediaType != "image/png" {
		t.Fatalf("png named .pdf: %+v %v", a, err)
	}
	if path, err := s.OpenAttachment(ctx, a.ID); err != nil || filepath.Ext(path) != ".png" {
		t.Errorf("viewing copy of a png: %s %v", path, err)
	}
	for in, want := range map[string]string{"": "attachment", "..": "attachment", "/": "attachment", "a/b\\c.pdf": "c.pdf",
		"\u202efdp.exe": "fdp.exe", strings.Repeat("é", 300): strings.Repeat("é", 119) + "…"} {
		if got := data.SafeFileName(in); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("device unplugged") }

func filesUnder(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.Contains(path, string(filepath.Separator)+"view"+string(filepath.Separator)) {
			n++
		}
		return nil
	})
	return n
}
