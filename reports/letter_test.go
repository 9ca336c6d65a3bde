package reports

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jung-kurt/gofpdf"

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
// UTF-8 fonts (frontdesk), beside gofpdf alone with the same fonts and
// the same text in plain lines (floor), the least any such document
// costs. Letters are written on every core at once; letters/s is the
// goal's unit (500 a second on 2 cores).
func BenchmarkLetterPDF(b *testing.B) {
	body := strings.Repeat("Madame, nous vous rappelons qu'il est temps de prévoir votre prochain contrôle. ", 8)
	lc := testLetter(b, i18n.French, "Zoé Lefèvre-Gómez\n12 rue de l'Église\n69003 Lyon", body)
	b.Run("frontdesk", func(b *testing.B) {
		perSecond(b, "letters", func(buf *bytes.Buffer) error { return Letter(buf, lc, Options{Created: fixedTime}) })
	})
	b.Run("floor", func(b *testing.B) {
		perSecond(b, "letters", func(buf *bytes.Buffer) error { return bareLetters(buf, []LetterContent{lc}) })
	})
}

// BenchmarkLetterPDFToNewNames is BenchmarkLetterPDF with every letter
// to a name whose letters no earlier letter had, so no document finds
// its font subset already made: the cost when every letter is unlike
// the ones before.
func BenchmarkLetterPDFToNewNames(b *testing.B) {
	body := strings.Repeat("Madame, nous vous rappelons qu'il est temps de prévoir votre prochain contrôle. ", 8)
	var names atomic.Int64
	b.Run("frontdesk", func(b *testing.B) {
		perSecond(b, "letters", func(buf *bytes.Buffer) error {
			return Letter(buf, testLetter(b, i18n.French, newName(&names)+"\n12 rue de l'Église\n69003 Lyon", body), Options{Created: fixedTime})
		})
	})
	b.Run("floor", func(b *testing.B) {
		perSecond(b, "letters", func(buf *bytes.Buffer) error {
			return bareLetters(buf, []LetterContent{testLetter(b, i18n.French, newName(&names)+"\n12 rue de l'Église\n69003 Lyon", body)})
		})
	})
}

// bareLetters writes a page of each letter's text with gofpdf and the
// desk's fonts and nothing else: no letterhead, no wrapping of our own,
// no right-to-left shaping, no page numbers.
func bareLetters(buf *bytes.Buffer, letters []LetterContent) error {
	pdf := gofpdf.New("P", "mm", "A4", "")
	addFonts(pdf)
	for _, lc := range letters {
		pdf.AddPage()
		pdf.SetFont("DejaVu", "B", 13)
		pdf.MultiCell(0, 6, lc.Letterhead.Name, "", "L", false)
		pdf.SetFont("DejaVu", "", 10)
		pdf.MultiCell(0, 5, lc.Recipient, "", "L", false)
		pdf.MultiCell(0, 5, lc.Body, "", "L", false)
	}
	return pdf.Output(buf)
}

// recallNames are the names of a bulk run: the practice's mix of
// scripts, so that the fonts' subsets hold what a real run needs.
var recallNames = []string{
	"Zoé Lefèvre-Gómez", "Jean Dupont", "Åse Øster", "Thị Lan Nguyễn", "Ελένη Παπαδοπούλου",
	"Анна Смирнова", "דוד כהן", "محمد حداد", "Łukasz Wąsowski", "Çağla Öztürk",
}

// BenchmarkRecallRun is a bulk run of 1,000 recall letters to as many
// patients in one PDF (frontdesk), beside gofpdf writing the same text
// on 1,000 pages (floor). The goal is the whole run under 5 s (s/run);
// a run is one document, written on one core. The run from the store,
// with merging and recording, is BenchmarkRecallRunFromTheStore.
func BenchmarkRecallRun(b *testing.B) {
	lcs := make([]LetterContent, 1000)
	for i := range lcs {
		name := fmt.Sprintf("%s %d", recallNames[i%len(recallNames)], i)
		lcs[i] = testLetter(b, i18n.French, name+"\n12 rue de l'Église\n69003 Lyon",
			"Bonjour "+name+",\n\n"+strings.Repeat("Nous vous rappelons qu'il est temps de prévoir votre prochain contrôle. ", 8))
	}
	b.Run("frontdesk", func(b *testing.B) {
		bulkRun(b, len(lcs), func(buf *bytes.Buffer) error { return Letters(buf, lcs, Options{Created: fixedTime}, nil) })
	})
	b.Run("floor", func(b *testing.B) {
		bulkRun(b, len(lcs), func(buf *bytes.Buffer) error { return bareLetters(buf, lcs) })
	})
}

// bulkRun times write, one document of n letters, and reports the time
// of a run in seconds, the letters a second and the CPU time of a run
// (the garbage collector works on the other core).
func bulkRun(b *testing.B, n int, write func(*bytes.Buffer) error) {
	var buf bytes.Buffer
	cpuBefore, measured := processCPU()
	for b.Loop() {
		buf.Reset()
		if err := write(&buf); err != nil {
			b.Fatal(err)
		}
	}
	perRun := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(perRun, "s/run")
	b.ReportMetric(float64(n)/perRun, "letters/s")
	if cpuAfter, ok := processCPU(); measured && ok {
		b.ReportMetric((cpuAfter-cpuBefore).Seconds()/float64(b.N), "cpu-s/run")
	}
}
