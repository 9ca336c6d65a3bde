package reports

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

var fixedTime = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// pdfText writes pdf to a file and returns what pdftotext reads from it.
func pdfText(t *testing.T, pdf []byte, layout bool) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: `make test` installs poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func TestRightToLeftAndArabicComeBackReadable(t *testing.T) {
	var buf bytes.Buffer
	names := []string{"כהן דוד", "محمد حداد", "Dr سارة العلي", "Lefèvre-Gómez, Zoé"}
	err := build(&buf, "Names", Options{Created: fixedTime}, func(d *Doc) error {
		for _, n := range names {
			d.Paragraph(n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes(), false)
	for _, want := range []string{"כהן דוד", "Lefèvre-Gómez, Zoé"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lost %q:\n%s", want, text)
		}
	}
	// Arabic comes back as presentation forms; compatibility-normalised
	// it must read as the name typed.
	if !strings.Contains(nfkc(text), "محمد حداد") {
		t.Errorf("Arabic name not readable after NFKC:\n%s", text)
	}
}

func TestShapeArabicJoinsLetters(t *testing.T) {
	// محمد: meem initial, hah medial, meem medial, dal final.
	got := string(shapeArabic([]rune("محمد")))
	if want := "\uFEE3\uFEA4\uFEE4\uFEAA"; got != want {
		t.Errorf("shapeArabic(محمد) = %U, want %U", []rune(got), []rune(want))
	}
	// lam + alef is one ligature; after a joining letter, its final form.
	if got := string(shapeArabic([]rune("سلام"))); got != "\uFEB3\uFEFC\uFEE1" {
		t.Errorf("shapeArabic(سلام) = %U", []rune(got))
	}
}

func TestEmojiAndHugeTextDoNotBreakThePDF(t *testing.T) {
	var buf bytes.Buffer
	huge := strings.Repeat("Lorem ipsum dolor sit amet 😀 ", 4000) // ~120 kB
	err := build(&buf, "Huge", Options{Created: fixedTime}, func(d *Doc) error {
		d.Title("Emoji 👩‍⚕️ test", "subtitle")
		d.Table([]Column{{Title: "Name", Width: 50}, {Title: "Note"}}, [][]string{{"Zoé 😀", huge[:3000]}, {"Ana", "short"}})
		d.Paragraph(huge)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes(), false)
	if !strings.Contains(text, "Zoé ?") || strings.Contains(text, "😀") {
		t.Errorf("emoji not replaced:\n%.300s", text)
	}
	if n := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")); n < 10 {
		t.Errorf("120 kB of text made only %d pages", n)
	}
}

func TestSameInputSameBytes(t *testing.T) {
	render := func() []byte {
		var buf bytes.Buffer
		if err := build(&buf, "Same", Options{Created: fixedTime}, func(d *Doc) error {
			d.Title("Same", "again")
			d.Paragraph("Zoé")
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(render(), render()) {
		t.Error("two renderings of the same document differ")
	}
}

func nfkc(s string) string { return norm.NFKC.String(s) }

func TestRowTallerThanAPageContinuesOnTheNext(t *testing.T) {
	var words []string
	for i := 1; i <= 400; i++ {
		words = append(words, fmt.Sprintf("word%03d", i))
	}
	var buf bytes.Buffer
	err := build(&buf, "Tall", Options{Created: fixedTime}, func(d *Doc) error {
		d.Table([]Column{{Title: "Who", Width: 30}, {Title: "Note", Width: 40}}, [][]string{{"Zoé", strings.Join(words, " ")}, {"Ana", "after"}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes(), false)
	for _, w := range []string{"word001", "word200", "word400", "after"} {
		if !strings.Contains(text, w) {
			t.Errorf("%s lost from a row taller than a page", w)
		}
	}
	if pages := strings.Count(text, "\f"); pages < 2 {
		t.Errorf("a row of 400 lines fits on %d page", pages)
	}
	if strings.Count(text, "Note") < 2 {
		t.Error("the header is not repeated on the continuation page")
	}
}

// wrap ends for any width: zero, negative (a table column narrower than
// its 2 mm of padding), narrower than one glyph. Each line holds at least
// one character, words break only when alone too wide, and nothing is
// lost.
func TestWrapEndsForAnyWidth(t *testing.T) {
	d := newDoc("Wrap", Options{Created: fixedTime})
	d.pdf.AddPage()
	long := strings.Repeat("Pneumonoultramicroscopicsilicovolcanoconiosis", 20)
	text := "Zoé Lefèvre-Gómez " + long + " محمد حداد\nok"
	for _, w := range []float64{-2, 0, 0.1, 1, 5, 40} {
		done := make(chan []string, 1)
		go func() { done <- d.wrap(text, w) }()
		var lines []string
		select {
		case lines = <-done:
		case <-time.After(20 * time.Second):
			// A wrap that never ends fills memory: stop the whole test
			// binary rather than let it run on behind a failed test.
			panic(fmt.Sprintf("wrap at %v mm has not ended after 20 s", w))
		}
		for i, l := range lines {
			if l == "" {
				t.Fatalf("width %v mm: line %d is empty", w, i)
			}
			if d.width(l) > w && len([]rune(l)) > 1 {
				t.Errorf("width %v mm: line %q is %.1f mm wide", w, l, d.width(l))
			}
		}
		if got, want := strings.Join(strings.Fields(strings.Join(lines, "")), ""), strings.Join(strings.Fields(text), ""); got != want {
			t.Errorf("width %v mm: the text came back as %q", w, got)
		}
		if w <= 1 && len(lines) < len([]rune(long))/2 {
			t.Errorf("width %v mm: %d lines for a %d-letter word", w, len(lines), len([]rune(long)))
		}
		if w == 40 && lines[0] != "Zoé Lefèvre-Gómez" {
			t.Errorf("width 40 mm: a name that fits was broken: %q", lines[0])
		}
	}
	// A table column narrower than a glyph still gives a PDF with every row.
	var buf bytes.Buffer
	err := build(&buf, "Narrow", Options{Created: fixedTime}, func(d *Doc) error {
		d.Table([]Column{{Title: "Name", Width: 1}, {Title: "Note", Width: 0.5}, {Title: "End"}}, [][]string{{"Zoé", "abc", "first"}, {"Ana", "", "second"}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, buf.Bytes(), false); !strings.Contains(text, "first") || !strings.Contains(text, "second") {
		t.Errorf("rows lost from a table with narrow columns:\n%s", text)
	}
}

// wordBox is a word pdftotext found and where it ends, in points.
type wordBox struct {
	text string
	xMax float64
}

// pdfWordBoxes returns the first page's width and every word of the
// document with its right edge, as pdftotext -bbox reads them.
func pdfWordBoxes(t *testing.T, pdf []byte) (float64, []wordBox) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v\n%s", err, out)
	}
	pageRe := regexp.MustCompile(`<page width="([0-9.]+)"`)
	wordRe := regexp.MustCompile(`<word xMin="[0-9.]+" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>`)
	m := pageRe.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdftotext -bbox found no page:\n%s", out)
	}
	width, _ := strconv.ParseFloat(string(m[1]), 64)
	var words []wordBox
	for _, w := range wordRe.FindAllSubmatch(out, -1) {
		x, _ := strconv.ParseFloat(string(w[1]), 64)
		words = append(words, wordBox{text: html.UnescapeString(string(w[2])), xMax: x})
	}
	if len(words) == 0 {
		t.Fatalf("pdftotext -bbox found no words:\n%s", out)
	}
	return width, words
}
