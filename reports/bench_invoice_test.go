package reports

import (
	"bytes"
	"io"
	"sync/atomic"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// BenchmarkInvoicePDF writes invoices on both cores (the goal is at least
// 500 a second on 2 cores), beside the floor: a bare gofpdf page with
// the same embedded fonts and a dozen cells of text. Both subset and
// compress the same fonts for every document, which is most of the
// cost (the fonts are parsed once per process: third_party/gofpdf); the
// ratio shows what the letterhead, the table, the totals and the QR
// code add.
func BenchmarkInvoicePDF(b *testing.B) {
	t := &testing.T{}
	doc := sampleInvoice(t)
	doc.Invoice.Seller.Letterhead.Logo, doc.Invoice.Seller.Letterhead.Signature = nil, nil
	b.Run("frontdesk", func(b *testing.B) {
		perSecond(b, "invoices", func(buf *bytes.Buffer) error { return WriteInvoice(buf, doc, Options{Created: fixedTime}) })
	})
	b.Run("floor", func(b *testing.B) {
		perSecond(b, "invoices", func(buf *bytes.Buffer) error { return barePDF(buf) })
	})
}

// BenchmarkInvoicePDFToNewNames is BenchmarkInvoicePDF with every
// invoice to a payer whose name has letters no earlier invoice had
// (European letters: newName).
func BenchmarkInvoicePDFToNewNames(b *testing.B) { invoicesToNewNames(b, newName) }

// BenchmarkInvoicePDFToNewScripts is BenchmarkInvoicePDFToNewNames with
// names whose letters come from scripts outside Latin-1 and Latin
// Extended-A, in pairs of blocks no recent invoice had: nearly every
// document makes its fonts' subsets afresh (the worst case).
func BenchmarkInvoicePDFToNewScripts(b *testing.B) { invoicesToNewNames(b, newScriptName) }

// invoicesToNewNames benchmarks invoices, and the floor, each to the next
// name that name gives.
func invoicesToNewNames(b *testing.B, name func(*atomic.Int64) string) {
	doc := sampleInvoice(&testing.T{})
	doc.Invoice.Seller.Letterhead.Logo, doc.Invoice.Seller.Letterhead.Signature = nil, nil
	var names atomic.Int64
	b.Run("frontdesk", func(b *testing.B) {
		perSecond(b, "invoices", func(buf *bytes.Buffer) error {
			d := doc
			d.Invoice.PayerName = name(&names)
			d.View.PatientName = d.Invoice.PayerName
			return WriteInvoice(buf, d, Options{Created: fixedTime})
		})
	})
	b.Run("floor", func(b *testing.B) {
		perSecond(b, "invoices", func(buf *bytes.Buffer) error { return barePDFTo(buf, name(&names)) })
	})
}

// barePDF is one page with the desk's fonts and a few cells of text.
func barePDF(w io.Writer) error { return barePDFTo(w, "Jean Dupont") }

// barePDFTo is barePDF with the payer's name given.
func barePDFTo(w io.Writer, payer string) error {
	pdf := gofpdf.New("P", "mm", "A4", "")
	addFonts(pdf)
	pdf.SetCreationDate(fixedTime)
	pdf.AddPage()
	pdf.SetFont("DejaVu", "B", 15)
	pdf.CellFormat(180, 8, "Facture n° A-2026-00042", "", 1, "L", false, 0, "")
	pdf.SetFont("DejaVu", "", 9.5)
	for _, s := range []string{"Cabinet médical des Tilleuls", "4 place des Tilleuls", "69003 Lyon", payer,
		"Consultation 30,00 €", "Certificat sportif 25,00 €", "Total HT 55,00 €", "TVA 5,00 €", "Total TTC 60,00 €",
		"TVA non applicable, art. 261-4-1° du CGI", "IBAN FR76 3000 6000 0112 3456 7890 189"} {
		pdf.CellFormat(180, 5, s, "", 1, "L", false, 0, "")
	}
	return pdf.Output(w)
}
