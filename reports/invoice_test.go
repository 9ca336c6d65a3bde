package reports

import (
	"bytes"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// sampleInvoice is a finalized invoice of two lines, one exempt and one
// at 20 %, half paid, to a patient, with the practice's bank details.
func sampleInvoice(t *testing.T) InvoiceDoc {
	t.Helper()
	issue := data.Date{Year: 2026, Month: 11, Day: 25}
	inv := data.Invoice{ID: "0190f1a2-0000-7000-8000-000000000001", Kind: data.KindInvoice, Status: data.InvoiceFinal,
		Number: "A-2026-00042", PayerKind: data.PayerPatient, PayerName: "Jean Dupont", PayerAddress: "12 rue des Lilas\n69003 Lyon",
		IssueDate: issue, ServiceDate: issue, DueDate: issue.AddDays(30), Currency: "EUR",
		Seller: data.Seller{Letterhead: testLetterhead(t), BankName: "Banque Test", IBAN: "FR7630006000011234567890189",
			BIC: "AGRIFRPP", PaymentQR: true},
		Lines: []data.InvoiceLine{
			{Code: "CONS", Description: "Consultation", ServiceDate: issue, Quantity: 1, UnitPrice: 3000, TaxName: "Exonéré",
				ExemptionText: "TVA non applicable, art. 261-4-1° du CGI"},
			{Code: "CERT", Description: "Certificat sportif", ServiceDate: issue, Quantity: 2, UnitPrice: 1250, TaxName: "TVA", TaxBP: 2000},
		}}
	if err := inv.ComputeTotals(); err != nil {
		t.Fatal(err)
	}
	return InvoiceDoc{Invoice: inv, DateFormat: data.DMY, Lang: i18n.French,
		View: data.InvoiceView{PatientName: "Jean Dupont", ChartNumber: "A-000123", Total: inv.Total, Paid: 2000,
			Due: inv.Total - 2000, Status: data.BillPartlyPaid}}
}

func TestInvoicePDFCarriesWhatTheLawAsks(t *testing.T) {
	doc := sampleInvoice(t)
	var buf bytes.Buffer
	if err := WriteInvoice(&buf, doc, Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, buf.Bytes(), true))
	for _, want := range []string{
		"Facture n° A-2026-00042", "Cabinet médical des Tilleuls", "4 place des Tilleuls", "FR 12 345678901", "10003456789",
		"Facturé à", "Jean Dupont", "12 rue des Lilas", "Date 25/11/2026", "Échéance 25/12/2026", "A-000123",
		"Consultation", "Certificat sportif", "30,00 €", "12,50 €", "25,00 €", "20 %",
		"Total HT 55,00 €", "TVA 20 % sur 25,00 € 5,00 €", "Exonéré 0 % sur 30,00 € 0,00 €", "Total TTC 60,00 €",
		"TVA non applicable, art. 261-4-1° du CGI",
		"Déjà réglé : 20,00 €", "Reste à payer : 40,00 € avant le 25/12/2026", "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP",
		"Merci d’indiquer A-2026-00042",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the invoice does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "PAYÉE") {
		t.Error("a part-paid invoice is stamped as paid")
	}
	doc.View.Paid, doc.View.Due, doc.View.Status = doc.Invoice.Total, 0, data.BillPaid
	buf.Reset()
	if err := WriteInvoice(&buf, doc, Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	text = squash(pdfText(t, buf.Bytes(), true))
	if !strings.Contains(text, "PAYÉE") || strings.Contains(text, "Reste à payer") {
		t.Errorf("a settled invoice must be stamped and ask for nothing:\n%s", text)
	}
}

// TestInvoiceKeepsLongWordsOnThePage: a long patient's name wraps inside
// the page's right margin, and the IBAN and BIC stay on one line under a
// long bank name.
func TestInvoiceKeepsLongWordsOnThePage(t *testing.T) {
	doc := sampleInvoice(t)
	doc.View.PatientName = "Mohamed Belkacem-Saïdi de la Tour d’Auvergne"
	doc.Invoice.Seller.BankName = "Caisse régionale de Crédit Agricole mutuel Centre-Est"
	var buf bytes.Buffer
	if err := WriteInvoice(&buf, doc, Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	page, words := pdfWordBoxes(t, buf.Bytes())
	right := page - margin*72/25.4
	for _, w := range words {
		if w.xMax > right+0.5 {
			t.Errorf("%q ends at %.1f pt, past the right margin at %.1f pt", w.text, w.xMax, right)
		}
	}
	text := pdfText(t, buf.Bytes(), true)
	if !strings.Contains(squash(text), "Patient Mohamed Belkacem-Saïdi de la Tour d’Auvergne (A-000123)") {
		t.Errorf("the patient's name and chart number are not all there:\n%s", text)
	}
	found := false
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "IBAN") {
			found = strings.Contains(line, "BIC AGRIFRPP")
			break
		}
	}
	if !found {
		t.Errorf("the IBAN and the BIC are not on one line:\n%s", text)
	}
}

func TestCreditNotePDF(t *testing.T) {
	doc := sampleInvoice(t)
	doc.Lang = i18n.English
	cn := doc.Invoice
	cn.Kind, cn.Number, cn.CreditsID, cn.Notes = data.KindCreditNote, "A-2026-00043", doc.Invoice.ID, "Billed twice"
	cn.Lines = append([]data.InvoiceLine{}, doc.Invoice.Lines...)
	for i := range cn.Lines {
		cn.Lines[i].UnitPrice = -cn.Lines[i].UnitPrice
	}
	if err := cn.ComputeTotals(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err := WriteInvoice(&buf, InvoiceDoc{Invoice: cn, CreditsNumber: "A-2026-00042", DateFormat: data.DMY, Lang: i18n.English,
		View: data.InvoiceView{PatientName: "Jean Dupont", ChartNumber: "A-000123", Status: data.BillCreditNote}}, Options{Created: fixedTime})
	if err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, buf.Bytes(), true))
	for _, want := range []string{"Credit note A-2026-00043", "Corrects A-2026-00042", "-€30.00", "Total -€60.00", "Billed twice"} {
		if !strings.Contains(text, want) {
			t.Errorf("the credit note does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "IBAN") || strings.Contains(text, "banking app") {
		t.Errorf("a credit note asks for no payment:\n%s", text)
	}
	if !strings.Contains(text, "20%") || strings.Contains(text, "20 %") {
		t.Errorf("an English rate is written 20%%, with no space:\n%s", text)
	}
}

// TestEPCQRCodeDecodesBack draws an invoice, rasterizes its page as a
// printer would, and reads the QR code back with a decoder: a banking
// app would read the beneficiary, IBAN, amount due and reference.
func TestEPCQRCodeDecodesBack(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm is missing: `make test` installs poppler-utils")
	}
	doc := sampleInvoice(t)
	var buf bytes.Buffer
	if err := WriteInvoice(&buf, doc, Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "invoice.pdf")
	if err := os.WriteFile(pdf, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-gray", pdf, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pages) != 1 {
		t.Fatalf("pdftoppm wrote %v", pages)
	}
	f, err := os.Open(pages[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		t.Fatalf("no QR code could be read on the invoice's page: %v", err)
	}
	want := strings.Join([]string{"BCD", "002", "1", "SCT", "AGRIFRPP", doc.Invoice.Seller.Letterhead.Name, "FR7630006000011234567890189",
		"EUR40.00", "", "", "A-2026-00042"}, "\n")
	if res.GetText() != want {
		t.Errorf("the QR code says\n%q\nwant\n%q", res.GetText(), want)
	}
}

func TestNoQRCodeWithoutEurosOrAnIBAN(t *testing.T) {
	for _, change := range []func(d *InvoiceDoc){
		func(d *InvoiceDoc) { d.Invoice.Currency = "CHF" },
		func(d *InvoiceDoc) { d.Invoice.Seller.IBAN = "" },
		func(d *InvoiceDoc) { d.Invoice.Seller.PaymentQR = false },
	} {
		doc := sampleInvoice(t)
		change(&doc)
		var buf bytes.Buffer
		if err := WriteInvoice(&buf, doc, Options{Created: fixedTime}); err != nil {
			t.Fatal(err)
		}
		if text := pdfText(t, buf.Bytes(), false); strings.Contains(text, "appli bancaire") {
			t.Errorf("a QR code was drawn for %s, IBAN %q, QR %v", doc.Invoice.Currency, doc.Invoice.Seller.IBAN, doc.Invoice.Seller.PaymentQR)
		}
	}
}

// squash joins pdftotext's lines and spaces (no-break ones too) so that
// phrases can be looked for whatever the layout.
func squash(s string) string {
	s = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
