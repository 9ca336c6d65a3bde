package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	m.Set(1, 1, color.NRGBA{10, 80, 160, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSettingsSavesTheLetterheadWithItsLogo(t *testing.T) {
	s := practiceOnlyStore(t)
	h, st := settingsHarness(t, s)
	f := st.form
	test.Type(f.registration, "10003456789")
	test.Type(f.footer, "Sur rendez-vous")
	// A file that is no picture is refused under the field; nothing changes.
	h.wait(f.logo.read(io.NopCloser(strings.NewReader("not a picture"))))
	if !f.logo.msg.Visible() || !strings.Contains(f.logo.msg.Text, "PNG") || f.logo.id != "" {
		t.Fatalf("a text file as the logo: message %q, id %q", f.logo.msg.Text, f.logo.id)
	}
	raw := testPNG(t, 60, 20)
	h.wait(f.logo.read(io.NopCloser(bytes.NewReader(raw))))
	if f.logo.msg.Visible() || f.logo.id == "" || !f.logo.preview.Visible() {
		t.Fatalf("the logo was not taken: message %q", f.logo.msg.Text)
	}
	if st.save.Disabled() {
		t.Fatal("Save is disabled with a new letterhead typed")
	}
	h.wait(st.doSave())
	lh, err := s.Letterhead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if lh.Registration != "10003456789" || lh.Footer != "Sur rendez-vous" || lh.Logo == nil || !bytes.Equal(lh.Logo.Data, raw) {
		t.Fatalf("stored letterhead %+v", lh)
	}
	if !f.logo.preview.Visible() || f.logo.shown == nil {
		t.Error("the saved logo is not shown after the save")
	}
	// Removing it saves a practice without a logo; the picture stays stored
	// for the documents that went out with it.
	test.Tap(f.logo.remove)
	h.wait(st.doSave())
	pr, _ := s.Practice(context.Background())
	if pr.LogoID != "" {
		t.Errorf("the logo is still the practice's: %q", pr.LogoID)
	}
	if _, err := s.Image(context.Background(), lh.LogoID); err != nil {
		t.Errorf("the removed logo is no longer stored: %v", err)
	}
}
