package reports

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"frontdesk/assets"
	"frontdesk/data"
	"frontdesk/data/i18n"
)

func testLetter(t testing.TB, lang i18n.Lang, recipient, body string) LetterContent {
	return LetterContent{
		Letterhead: data.Letterhead{Name: "Cabinet des Tilleuls", Address: "4 place des Tilleuls\n69003 Lyon", Phone: "04 78 00 00 00",
			Footer: "Sur rendez-vous"},
		Language: lang, Date: data.Date{Year: 2026, Month: 11, Day: 25}, DateFormat: data.DMY,
		Recipient: recipient, Subject: "Recall", Body: body, Signer: "Dr Claire Martin",
	}
}

func letterPDF(t *testing.T, lcs ...LetterContent) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Letters(&buf, lcs, Options{Created: fixedTime}, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLetterPDFReadsBackInEveryScript(t *testing.T) {
	for _, tc := range []struct {
		name, recipient string
		lang            i18n.Lang
		want            []string
	}{
		{"accents", "Zoé Lefèvre-Gómez\n12 rue de l'Église\n69003 Lyon", i18n.French, []string{"Zoé Lefèvre-Gómez", "12 rue de l'Église", "25 novembre 2026", "Objet : Recall", "Page 1 sur 1"}},
		{"hebrew", "דוד כהן\nרחוב הרצל 5", i18n.English, []string{"דוד כהן", "25 November 2026", "Subject: Recall"}},
		{"arabic", "محمد حداد", i18n.Spanish, []string{"25 de noviembre de 2026", "Asunto: Recall", "Página 1 de 1"}},
		{"emoji", "Zoé 😀 Martin", i18n.English, []string{"Zoé ? Martin"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := "Dear " + strings.Split(tc.recipient, "\n")[0] + ",\n\nPlease call us.\n\nYours sincerely,"
			text := nfkc(pdfText(t, letterPDF(t, testLetter(t, tc.lang, tc.recipient, body)), false))
			for _, want := range append(tc.want, "Cabinet des Tilleuls", "Sur rendez-vous", "Dr Claire Martin", "Please call us.") {
				if !strings.Contains(text, nfkc(want)) {
					t.Errorf("the letter lacks %q:\n%s", want, text)
				}
			}
			if tc.name == "arabic" && !strings.Contains(text, nfkc("محمد حداد")) {
				t.Errorf("the Arabic name does not read back:\n%s", text)
			}
			if strings.Contains(text, "😀") {
				t.Error("an emoji reached the PDF")
			}
		})
	}
}

func TestLongLetterBreaksOntoASecondPageWithItsNumber(t *testing.T) {
	body := strings.Repeat("A paragraph of the letter that goes on for a while, to fill the page line after line.\n\n", 40)
	text := pdfText(t, letterPDF(t, testLetter(t, i18n.English, "Paul Martin\n1 rue A", body+"THE END")), false)
	for _, want := range []string{"Page 1 of 2", "Page 2 of 2", "THE END", "Dr Claire Martin"} {
		if !strings.Contains(text, want) {
			t.Errorf("the long letter lacks %q", want)
		}
	}
	if strings.Contains(text, "Page 1 of 3") || strings.Contains(text, "Page 3") {
		t.Errorf("the letter took more than two pages:\n%s", text)
	}
	// The signer is on the page that holds the end of the text.
	pages := strings.Split(text, "\f")
	if !strings.Contains(pages[1], "THE END") || !strings.Contains(pages[1], "Dr Claire Martin") {
		t.Errorf("the second page lacks the end or the signature:\n%s", pages[1])
	}
}

func TestBulkLettersNumberEachLetterOnItsOwn(t *testing.T) {
	long := strings.Repeat("Line of a long letter, long enough to wrap once or twice on the page.\n", 70)
	text := pdfText(t, letterPDF(t,
		testLetter(t, i18n.English, "Ann A", "Short one."),
		testLetter(t, i18n.English, "Bob B", long),
		testLetter(t, i18n.English, "Cy C", "Short three.")), false)
	pages := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	if len(pages) != 4 {
		t.Fatalf("%d pages, want 4", len(pages))
	}
	for i, want := range []string{"Page 1 of 1", "Page 1 of 2", "Page 2 of 2", "Page 1 of 1"} {
		if !strings.Contains(pages[i], want) {
			t.Errorf("page %d lacks %q:\n%s", i+1, want, pages[i])
		}
	}
}

func TestBulkLettersCancelWriteNothing(t *testing.T) {
	lcs := make([]LetterContent, 20)
	for i := range lcs {
		lcs[i] = testLetter(t, i18n.English, "Ann A", "Short.")
	}
	var buf bytes.Buffer
	err := Letters(&buf, lcs, Options{Created: fixedTime}, func(done int) bool { return done < 5 })
	if !errors.Is(err, ErrCancelled) || buf.Len() != 0 {
		t.Errorf("cancelled run: %v, %d bytes written", err, buf.Len())
	}
}

// BenchmarkLetterPDF is one one-page letter as a PDF with the embedded
// UTF-8 fonts, beside BenchmarkBareDocument: gofpdf alone with the same
// fonts and one line of text, the floor of any such document.
func BenchmarkLetterPDF(b *testing.B) {
	lc := testLetter(b, i18n.French, "Zoé Lefèvre-Gómez\n12 rue de l'Église\n69003 Lyon",
		strings.Repeat("Madame, nous vous rappelons qu'il est temps de prévoir votre prochain contrôle. ", 8))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			if err := Letter(&buf, lc, Options{Created: fixedTime}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkBareDocument(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			pdf := gofpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("DejaVu", "", assets.FontRegular())
			pdf.AddUTF8FontFromBytes("DejaVu", "B", assets.FontBold())
			pdf.AddPage()
			pdf.SetFont("DejaVu", "B", 13)
			pdf.Cell(100, 6, "Cabinet des Tilleuls")
			pdf.SetFont("DejaVu", "", 10)
			pdf.Cell(100, 6, "Zoé Lefèvre-Gómez")
			if err := pdf.Output(&buf); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkRecallRun is a bulk run of 1,000 recall letters in one PDF.
func BenchmarkRecallRun(b *testing.B) {
	lcs := make([]LetterContent, 1000)
	for i := range lcs {
		lcs[i] = testLetter(b, i18n.French, "Zoé Lefèvre-Gómez\n12 rue de l'Église\n69003 Lyon",
			strings.Repeat("Madame, nous vous rappelons qu'il est temps de prévoir votre prochain contrôle. ", 8))
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Letters(&buf, lcs, Options{Created: fixedTime}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
