package data_test

import (
	"context"
	"testing"

	"frontdesk/data"
)

// books is a practice set up for billing: a patient, an exempt and a
// standard tax rate, two fee items.
type books struct {
	s        *data.Store
	pr       data.Practice
	patient  data.Patient
	exempt   data.TaxRate
	standard data.TaxRate
	consult  data.FeeItem
	cert     data.FeeItem
}

func openBooks(t testing.TB) *books {
	t.Helper()
	b := &books{s: openStore(t)}
	b.pr = data.Practice{Name: "Cabinet Test", Address: "1 rue de la Paix\n75002 Paris", Currency: "EUR", TimeZone: "Europe/Paris"}
	b.exempt = data.TaxRate{Name: "Exempt", BasisPoints: 0, ExemptionText: "TVA non applicable, art. 261-4-1° du CGI", Active: true}
	b.standard = data.TaxRate{Name: "Standard", BasisPoints: 2000, Active: true}
	mustUpdate(t, b.s, func(tx *data.Tx) error {
		for _, r := range []data.Record{&b.pr, &b.exempt, &b.standard} {
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		b.consult = data.FeeItem{Code: "CONS", Description: "Consultation", Price: 3000, TaxRateID: b.exempt.ID, Active: true}
		b.cert = data.FeeItem{Code: "CERT", Description: "Sports certificate", Price: 2499, TaxRateID: b.standard.ID, Active: true}
		for _, r := range []data.Record{&b.consult, &b.cert} {
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		return nil
	})
	b.patient = newPatient(t, b.s, "Dupont", "Jean")
	return b
}

// draft saves a draft for the patient with one line of each fee item given.
func (b *books) draft(t testing.TB, items ...data.FeeItem) data.Invoice {
	t.Helper()
	inv := data.NewDraft(b.patient, b.pr, data.Date{Year: 2026, Month: 11, Day: 20})
	for _, f := range items {
		r := b.exempt
		if f.TaxRateID == b.standard.ID {
			r = b.standard
		}
		inv.Lines = append(inv.Lines, data.LineFromFee(f, r, 1, inv.ServiceDate))
	}
	mustUpdate(t, b.s, func(tx *data.Tx) error { return tx.SaveDraft(&inv) })
	return inv
}

// finalize issues a draft on day.
func (b *books) finalize(t testing.TB, id string, day data.Date) data.Invoice {
	t.Helper()
	var inv data.Invoice
	mustUpdate(t, b.s, func(tx *data.Tx) (err error) {
		inv, err = tx.FinalizeInvoice(id, day)
		return err
	})
	return inv
}

// pay takes a payment and returns its receipt.
func (b *books) pay(t testing.TB, req data.PaymentRequest) data.Receipt {
	t.Helper()
	rc, err := b.tryPay(req)
	if err != nil {
		t.Fatalf("TakePayment(%+v): %v", req, err)
	}
	return rc
}

func (b *books) tryPay(req data.PaymentRequest) (data.Receipt, error) {
	var rc data.Receipt
	if req.PatientID == "" {
		req.PatientID = b.patient.ID
	}
	if req.PaidOn.IsZero() {
		req.PaidOn = data.Date{Year: 2026, Month: 11, Day: 25}
	}
	if req.Method == "" {
		req.Method = data.MethodCash
	}
	err := b.s.Update(context.Background(), func(tx *data.Tx) (err error) {
		rc, err = tx.TakePayment(req)
		return err
	})
	return rc, err
}

func (b *books) view(t testing.TB, id string) data.InvoiceView {
	t.Helper()
	v, err := b.s.InvoiceViewOf(context.Background(), id, data.Date{Year: 2026, Month: 11, Day: 25})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (b *books) account(t testing.TB) data.Account {
	t.Helper()
	a, err := b.s.PatientAccount(context.Background(), b.patient.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
