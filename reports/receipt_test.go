package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// billedStore is a practice (documents in lang) with one patient, one
// 30.00 invoice paid 50.00 in cash (20.00 kept as credit).
func billedStore(t *testing.T, lang i18n.Lang) (*data.Store, data.Patient, data.Invoice, data.Receipt) {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	pr := data.Practice{Name: "Cabinet Test", Address: "1 rue de la Paix\n75002 Paris", Currency: "EUR", TimeZone: "Europe/Paris",
		DocumentLanguage: lang, TaxNumber: "FR 99 123456789"}
	pt := data.Patient{FamilyName: "Dupont", GivenName: "Jean"}
	day := data.Date{Year: 2026, Month: 11, Day: 25}
	var inv data.Invoice
	var rc data.Receipt
	err = s.Update(ctx, func(tx *data.Tx) error {
		if err := tx.Save(&pr); err != nil {
			return err
		}
		if err := tx.CreatePatient(&pt); err != nil {
			return err
		}
		inv = data.NewDraft(pt, pr, day)
		inv.Lines = []data.InvoiceLine{{Code: "CONS", Description: "Consultation", Quantity: 1, UnitPrice: 3000, ServiceDate: day}}
		if err := tx.SaveDraft(&inv); err != nil {
			return err
		}
		if inv, err = tx.FinalizeInvoice(inv.ID, day); err != nil {
			return err
		}
		rc, err = tx.TakePayment(data.PaymentRequest{PatientID: pt.ID, InvoiceID: inv.ID, Amount: 5000, Method: data.MethodCash, PaidOn: day})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, pt, inv, rc
}

func TestReceiptPDF(t *testing.T) {
	s, _, inv, rc := billedStore(t, i18n.French)
	doc, err := LoadReceiptDoc(context.Background(), s, rc.ID)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteReceipt(&buf, doc, Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, buf.Bytes(), true))
	for _, want := range []string{"Reçu", "Jean Dupont", "50,00 €", "Espèces", "Facture n° " + inv.Number, "30,00 €",
		"Conservé en avoir du patient", "20,00 €", "Avoir en faveur du patient : 20,00 €", "FR 99 123456789"} {
		if !strings.Contains(text, want) {
			t.Errorf("the receipt does not say %q:\n%s", want, text)
		}
	}
}

func TestStatementPDF(t *testing.T) {
	s, pt, inv, _ := billedStore(t, i18n.English)
	day := data.Date{Year: 2026, Month: 11, Day: 26}
	err := s.Update(context.Background(), func(tx *data.Tx) error {
		_, err := tx.TakePayment(data.PaymentRequest{PatientID: pt.ID, Amount: -500, Method: data.MethodCash, PaidOn: day, Reason: "change"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := LoadStatementDoc(context.Background(), s, pt.ID, day)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteStatement(&buf, doc, Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, buf.Bytes(), true))
	for _, want := range []string{"Statement of account", "Jean Dupont", "25/11/2026 Invoice " + inv.Number + " €30.00 €30.00",
		"Payment, Cash · " + inv.Number + " €30.00 €0.00", "Payment, Cash €20.00 -€20.00", "26/11/2026 Refund, Cash: change -€5.00 -€15.00",
		"Credit in the patient's favour: €15.00."} {
		if !strings.Contains(text, want) {
			t.Errorf("the statement does not say %q:\n%s", want, text)
		}
	}
}
