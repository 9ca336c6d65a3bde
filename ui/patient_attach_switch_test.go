//go:build unix

package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// An upload still running when another patient's file is opened must not
// show up in that other file: the drop reads a named pipe, so the upload
// waits, mid-way, until the test has opened Martin's Attachments tab.
func TestAnUploadFinishingAfterAnotherFileOpenedStaysInItsOwnFile(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	scan := filepath.Join(t.TempDir(), "dupont-scan.pdf")
	if err := syscall.Mkfifo(scan, 0o600); err != nil {
		t.Fatal(err)
	}

	file := openFile(h, "dupont")
	h.wait(file.showTab(tabAttachments))
	upload := d.patients.dropped([]fyne.URI{storage.NewFileURI(scan)})

	openFile(h, "martin")
	h.wait(file.showTab(tabAttachments))
	if file.patient.ID != f.martin.ID || len(file.attach.rows) != 0 {
		t.Fatalf("Martin's Attachments tab is not shown empty: %s, %d rows", file.patient.FamilyName, len(file.attach.rows))
	}

	w, err := os.OpenFile(scan, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("%PDF-1.4\nDupont's referral\n%%EOF\n")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	h.wait(upload)
	h.drain()

	if stored, _ := s.Attachments(context.Background(), f.dupont.ID); len(stored) != 1 {
		t.Fatalf("Dupont has %d attachments, want the scan", len(stored))
	}
	view := file.view()
	if len(file.attach.rows) != 0 || hasText(view, "dupont-scan.pdf") || len(findButtons(view, "Remove")) != 0 {
		t.Errorf("Martin's file lists Dupont's scan: %d rows, %q", len(file.attach.rows), texts(view))
	}
	if strings.Contains(file.attach.result.Text, "dupont-scan.pdf") {
		t.Errorf("Martin's tab reports Dupont's upload: %q", file.attach.result.Text)
	}
	if want := "File of Jean Dupont: Attached dupont-scan.pdf."; d.message.Text != want {
		t.Errorf("the status line says %q, want %q", d.message.Text, want)
	}

	// Dupont's own file lists it.
	openFile(h, "dupont")
	h.wait(file.showTab(tabAttachments))
	if len(file.attach.rows) != 1 || file.attach.rows[0].FileName != "dupont-scan.pdf" {
		t.Errorf("Dupont's tab lists %+v", file.attach.rows)
	}
}
