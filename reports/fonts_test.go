package reports

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"frontdesk/assets"
	"frontdesk/data/i18n"
)

// TestDocumentsWrittenAtOnceShareTheFonts writes letters in three scripts
// and an invoice on several goroutines at once, every one of them on the
// process's single copy of the fonts. Each comes out byte for byte as
// when written alone, the shared font bytes are left as they were, and
// under -race no document writes what another reads (upstream gofpdf
// padded tables in place inside the bytes it was given).
func TestDocumentsWrittenAtOnceShareTheFonts(t *testing.T) {
	body := strings.Repeat("Nous vous rappelons qu'il est temps de prévoir votre contrôle. ", 6)
	letters := []LetterContent{
		testLetter(t, i18n.French, "Zoé Lefèvre-Gómez\n12 rue de l'Église\n69003 Lyon", body),
		testLetter(t, i18n.English, "דוד כהן\nרחוב הרצל 5", "Dear David,\n\nPlease call us."),
		testLetter(t, i18n.Spanish, "محمد حداد", "Estimado señor Haddad:\n\nLlámenos, por favor."),
	}
	invoice := sampleInvoice(t)
	var writers []func(*bytes.Buffer) error
	for _, lc := range letters {
		writers = append(writers, func(buf *bytes.Buffer) error { return Letter(buf, lc, Options{Created: fixedTime}) })
	}
	writers = append(writers, func(buf *bytes.Buffer) error { return WriteInvoice(buf, invoice, Options{Created: fixedTime}) })

	alone := make([][]byte, len(writers))
	for i, write := range writers {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		alone[i] = buf.Bytes()
	}

	var wg sync.WaitGroup
	problems := make(chan error, 64)
	for g := range 8 {
		wg.Go(func() {
			for k := range 6 {
				i := (g + k) % len(writers)
				var buf bytes.Buffer
				if err := writers[i](&buf); err != nil {
					problems <- err
					return
				}
				if !bytes.Equal(buf.Bytes(), alone[i]) {
					problems <- fmt.Errorf("document %d written beside others differs from the same written alone", i)
					return
				}
			}
		})
	}
	wg.Wait()
	close(problems)
	for err := range problems {
		t.Error(err)
	}

	if !bytes.Equal(fontRegular(), assets.FontRegular()) || !bytes.Equal(fontBold(), assets.FontBold()) {
		t.Error("writing documents changed the shared font bytes")
	}
	for i, want := range []string{"Zoé Lefèvre-Gómez", "דוד כהן", "Estimado señor Haddad", "A-2026-00042"} {
		if text := pdfText(t, alone[i], false); !strings.Contains(text, want) {
			t.Errorf("document %d: pdftotext has no %q:\n%s", i, want, text)
		}
	}
}

// TestInvoicesToNewNamesEmbedTheSameFonts writes invoices to payers whose
// names have letters no earlier invoice had: every European one embeds
// the very fonts of the first (third_party/gofpdf keeps a subset per set
// of characters, and a subset holds Latin-1 and Latin Extended-A whole),
// one to a name in Greek and Hebrew embeds others, and every name comes
// back from pdftotext.
func TestInvoicesToNewNamesEmbedTheSameFonts(t *testing.T) {
	doc := sampleInvoice(t)
	write := func(payer string) (pdf []byte, fonts [][]byte) {
		d := doc
		d.Invoice.PayerName, d.View.PatientName = payer, payer
		var buf bytes.Buffer
		if err := WriteInvoice(&buf, d, Options{Created: fixedTime}); err != nil {
			t.Fatal(err)
		}
		if text := pdfText(t, buf.Bytes(), false); !strings.Contains(text, payer) {
			t.Errorf("pdftotext has no %q:\n%s", payer, text)
		}
		for rest := buf.Bytes(); ; { // each font's file is the stream after its /Length1
			i := bytes.Index(rest, []byte("/Length1 "))
			if i < 0 {
				return buf.Bytes(), fonts
			}
			rest = rest[i:]
			start, end := bytes.Index(rest, []byte("stream\n"))+len("stream\n"), bytes.Index(rest, []byte("\nendstream"))
			fonts = append(fonts, rest[start:end])
			rest = rest[end:]
		}
	}
	_, first := write("Zoé Lefèvre")
	if len(first) != 2 {
		t.Fatalf("%d font files in an invoice, want the regular and the bold", len(first))
	}
	for _, payer := range []string{"Łukasz Wąsowski", "Çağla Öztürk", "Ștefan Țurcanu", "Ægir Þórsson", "Kateřina Růžičková"} {
		if _, fonts := write(payer); len(fonts) != 2 || !bytes.Equal(fonts[0], first[0]) || !bytes.Equal(fonts[1], first[1]) {
			t.Errorf("the invoice to %s embeds other fonts than the one to Zoé Lefèvre", payer)
		}
	}
	if _, fonts := write("Ελένη Παπαδοπούλου"); bytes.Equal(fonts[0], first[0]) {
		t.Error("the invoice to a Greek name embeds the fonts of the Latin ones")
	}
}
