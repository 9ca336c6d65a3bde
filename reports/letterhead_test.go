package reports

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// testImage is a w × h PNG read as the letterhead reads pictures.
func testImage(t testing.TB, w, h int) *data.Image {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		m.Set(x, h/2, color.NRGBA{20, 90, 160, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	im, err := data.ReadImage(data.FieldLogo, b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return &im
}

// pdfImages counts the images pdfimages finds in a PDF.
func pdfImages(t *testing.T, pdf []byte) int {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfimages: %v\n%s", err, out)
	}
	n := 0
	for _, line := range strings.Split(string(out), "\n")[2:] { // two lines of header
		if f := strings.Fields(line); len(f) > 2 && f[2] == "image" { // not the transparency masks
			n++
		}
	}
	return n
}

func testLetterhead(t testing.TB) data.Letterhead {
	return data.Letterhead{Name: "Cabinet médical des Tilleuls — ד\"ר כהן", Address: "4 place des Tilleuls\n69003 Lyon",
		Phone: "04 78 00 00 00", Email: "accueil@tilleuls.example", Registration: "10003456789", TaxNumber: "FR 12 345678901",
		Footer: "Consultations sur rendez-vous 😀", Logo: testImage(t, 120, 60), Signature: testImage(t, 200, 80)}
}

func TestLetterheadOnEveryKindOfPage(t *testing.T) {
	lh := testLetterhead(t)
	var buf bytes.Buffer
	var area Area
	err := build(&buf, "Letter", Options{Created: fixedTime}, func(d *Doc) error {
		d.SetLanguage(i18n.French)
		area = d.Letterhead(lh)
		d.Signature(lh, area.X, area.Y)
		d.pdf.AddPage()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if area.Y < margin+logoMaxHeight/2 || math.Abs(area.W-180) > 0.01 || math.Abs(area.Bottom-(297-margin)) > 0.01 {
		t.Errorf("content area %+v", area)
	}
	text := pdfText(t, buf.Bytes(), false)
	for _, want := range []string{"Cabinet médical des Tilleuls", "כהן", "4 place des Tilleuls", "69003 Lyon",
		"04 78 00 00 00 · accueil@tilleuls.example", "N° d'enregistrement 10003456789", "SIRET / TVA FR 12 345678901",
		"Page 1 sur 2", "Page 2 sur 2"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letterhead lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "Consultations sur rendez-vous ?"); n != 2 {
		t.Errorf("the footer line is on %d pages, want 2 (emoji as '?'):\n%s", n, text)
	}
	if n := pdfImages(t, buf.Bytes()); n != 2 {
		t.Errorf("%d images in the PDF, want the logo and the signature", n)
	}
}

func TestLetterheadLeavesOutAPictureItCannotRead(t *testing.T) {
	lh := testLetterhead(t)
	broken := *lh.Logo
	broken.ID = strings.Repeat("ab", 32)
	broken.Data = []byte("\x89PNG\r\n\x1a\n this is not the rest of a picture")
	lh.Logo = &broken
	var buf bytes.Buffer
	err := build(&buf, "Letter", Options{Created: fixedTime}, func(d *Doc) error {
		d.Letterhead(lh)
		return nil
	})
	if err != nil {
		t.Fatalf("a broken logo failed the document: %v", err)
	}
	if text := pdfText(t, buf.Bytes(), false); !strings.Contains(text, "Reg. no. 10003456789") {
		t.Errorf("the letterhead without its logo:\n%s", text)
	}
}
