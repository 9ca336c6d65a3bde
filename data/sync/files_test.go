package sync

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"frontdesk/data"
)

// pngBytes are the bytes of a small "PNG" (its signature is what the
// data folder sniffs).
func pngBytes(tag string) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), bytes.Repeat([]byte(tag), 200)...)
}

// An attached file travels with its record: encrypted in the sending
// device's files folder, once for the practice. Its record may arrive
// first: the attachment then shows as not arrived, and opens once the
// file is there. A damaged copy, or one whose bytes are not the ones its
// name says, is refused and stores nothing.
func TestAttachedFilesTravel(t *testing.T) {
	ctx := context.Background()
	p := newTestPractice(t)
	a, b, c := p.newDevice(), p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	content := pngBytes("x-ray")
	att, err := a.st.AddAttachment(ctx, pt.ID, "chest.png", int64(len(content)), bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	gone, err := a.st.AddAttachment(ctx, pt.ID, "wrong-patient.png", -1, bytes.NewReader(pngBytes("other")))
	if err != nil {
		t.Fatal(err)
	}
	a.update(func(tx *data.Tx) error { return tx.RemoveAttachment(gone.ID) })
	a.export()
	sent := p.folder().filePath(a.id(), att.SHA256)
	cipher := readBytes(t, sent)
	if bytes.Contains(cipher, content[:40]) {
		t.Fatal("the attached file is in the folder unencrypted")
	}
	if _, err := os.Stat(p.folder().filePath(a.id(), gone.SHA256)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the bytes of a removed attachment were sent (%v)", err)
	}

	// The record arrives before the file.
	aside := filepath.Join(t.TempDir(), "files")
	if err := os.Rename(p.folder().filesDir(a.id()), aside); err != nil {
		t.Fatal(err)
	}
	rep := b.importAll()
	if rep.FilesAwaited != 1 || rep.FilesReceived != 0 {
		t.Fatalf("report %+v, want one file awaited", rep)
	}
	list, err := b.st.Attachments(ctx, pt.ID)
	if err != nil || len(list) != 1 || !list[0].NotArrived {
		t.Fatalf("b lists %+v (%v), want the attachment not arrived", list, err)
	}
	_, err = b.st.OpenAttachment(ctx, att.ID)
	var e *data.Error
	if !errors.As(err, &e) || e.Key != "attachment.error.not_arrived" {
		t.Fatalf("opening an attachment not arrived: %v", err)
	}
	b.export()
	if _, err := os.Stat(p.folder().filesDir(b.id())); !errors.Is(err, os.ErrNotExist) {
		t.Error("b wrote an attached file it does not have")
	}

	// The file arrives.
	if err := os.Rename(aside, p.folder().filesDir(a.id())); err != nil {
		t.Fatal(err)
	}
	if rep := b.importAll(); rep.FilesReceived != 1 || rep.FilesAwaited != 0 || len(rep.FilesRefused) != 0 {
		t.Fatalf("report %+v, want the file received", rep)
	}
	if list, _ := b.st.Attachments(ctx, pt.ID); len(list) != 1 || list[0].NotArrived {
		t.Fatalf("b lists %+v once the file is there", list)
	}
	path, err := b.st.OpenAttachment(ctx, att.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := readBytes(t, path); !bytes.Equal(got, content) {
		t.Fatal("the file b opens is not the one a attached")
	}
	b.export()
	if _, err := os.Stat(p.folder().filesDir(b.id())); !errors.Is(err, os.ErrNotExist) {
		t.Error("b sent again a file the folder holds")
	}

	// c finds a damaged copy, then a copy with other bytes under the name.
	damaged := append([]byte{}, cipher...)
	damaged[len(damaged)-10] ^= 0xff
	if err := os.WriteFile(sent, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	forged, err := p.key.Encrypt(pngBytes("forged"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(p.folder().filesDir(b.id()), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p.folder().filePath(b.id(), att.SHA256), forged, 0o600); err != nil {
		t.Fatal(err)
	}
	rep = c.importAll()
	if rep.FilesReceived != 0 || rep.FilesAwaited != 1 || len(rep.FilesRefused) != 2 {
		t.Fatalf("report %+v, want both copies refused and the file awaited", rep)
	}
	for _, r := range rep.FilesRefused {
		if r.Reason != ReasonDamaged || r.SHA256 != att.SHA256 {
			t.Errorf("refusal %+v, want damaged", r)
		}
	}
	if _, err := c.st.OpenAttachment(ctx, att.ID); !errors.As(err, &e) || e.Key != "attachment.error.not_arrived" {
		t.Fatalf("c opens a refused file: %v", err)
	}
	// The whole copy comes back: c stores it.
	if err := os.WriteFile(sent, cipher, 0o600); err != nil {
		t.Fatal(err)
	}
	if rep := c.importAll(); rep.FilesReceived != 1 {
		t.Fatalf("report %+v, want the file received", rep)
	}
}
