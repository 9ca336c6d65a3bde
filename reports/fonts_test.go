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
