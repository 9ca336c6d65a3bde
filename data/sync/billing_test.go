package sync

import (
	"context"
	"errors"
	"testing"

	"frontdesk/data"
)

// ledger is what a device needs to bill: the practice, a tax rate, a fee
// item and a patient, made on the first device and received by the
// others.
type ledger struct {
	rate    data.TaxRate
	fee     data.FeeItem
	patient data.Patient
}

func setUpLedger(d *testDevice) ledger {
	d.p.t.Helper()
	var l ledger
	d.ensurePractice()
	l.rate = data.TaxRate{Name: "Exempt", ExemptionText: "VAT exempt", Active: true}
	d.update(func(tx *data.Tx) error {
		if err := tx.Save(&l.rate); err != nil {
			return err
		}
		l.fee = data.FeeItem{Code: "CONS", Description: "Consultation", Price: 3000, TaxRateID: l.rate.ID, Active: true}
		return tx.Save(&l.fee)
	})
	l.patient = d.newPatient("Gómez", "Ana")
	return l
}

// ensurePractice sets the practice up on a device that has none, as the
// snapshot a device joins from does: without change records, so that
// these tests do not depend on how the practice row travels.
func (d *testDevice) ensurePractice() {
	d.p.t.Helper()
	ctx := context.Background()
	if _, err := d.st.Practice(ctx); err == nil {
		return
	}
	pr := data.Practice{Name: "Cabinet Test", Address: "1 rue de la Paix", Currency: "EUR", TimeZone: "Europe/Paris"}
	if err := d.st.ImportSnapshot(ctx, "practice", func(sn *data.Snapshot) error { return sn.Insert(&pr) }); err != nil {
		d.p.t.Fatal(err)
	}
}

func (d *testDevice) draft(l ledger) data.Invoice {
	d.p.t.Helper()
	day := data.Date{Year: 2026, Month: 11, Day: 20}
	inv := data.NewDraft(l.patient, data.Practice{Currency: "EUR"}, day)
	inv.Lines = []data.InvoiceLine{data.LineFromFee(l.fee, l.rate, 1, day)}
	d.update(func(tx *data.Tx) error { return tx.SaveDraft(&inv) })
	return inv
}

func (d *testDevice) finalize(id string) (data.Invoice, error) {
	var inv data.Invoice
	err := d.st.Update(context.Background(), func(tx *data.Tx) (err error) {
		inv, err = tx.FinalizeInvoice(id, data.Date{Year: 2026, Month: 11, Day: 30})
		return err
	})
	return inv, err
}

func (d *testDevice) invoice(l ledger) data.Invoice {
	d.p.t.Helper()
	inv, err := d.finalize(d.draft(l).ID)
	if err != nil {
		d.p.t.Fatalf("finalizing: %v", err)
	}
	return inv
}

func (d *testDevice) setSeries(letter string) {
	d.p.t.Helper()
	if err := d.st.SetSeries(context.Background(), letter); err != nil {
		d.p.t.Fatal(err)
	}
	d.series = letter
}

// Two computers with their own letters finalize invoices while apart:
// once they meet, both hold every invoice whole, with its lines, each
// number once, every series without a gap; the drafts stayed home; a
// payment and a credit note made on one reach the other.
func TestInvoicesFinalizedApartKeepTheirNumbers(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	a.setSeries("A")
	b.setSeries("B")
	l := setUpLedger(a)
	a.export()
	b.importAll()
	b.ensurePractice()

	var made []data.Invoice
	for i := 0; i < 3; i++ {
		made = append(made, a.invoice(l), b.invoice(l))
	}
	draftA, draftB := a.draft(l), b.draft(l)
	a.update(func(tx *data.Tx) error {
		_, err := tx.TakePayment(data.PaymentRequest{PatientID: l.patient.ID, InvoiceID: made[0].ID, Amount: 1000,
			Method: data.MethodCash, PaidOn: data.Date{Year: 2026, Month: 11, Day: 30}})
		return err
	})
	var credit data.Invoice
	for round := 0; round < 2; round++ {
		if round == 1 { // b credits a's invoice, paid on a, once both arrived
			b.update(func(tx *data.Tx) (err error) {
				credit, err = tx.CreditInvoice(made[0].ID, "Billed twice", data.Date{Year: 2026, Month: 11, Day: 30})
				return err
			})
		}
		a.export()
		b.export()
		if rep := a.importAll(); len(rep.Refused) > 0 {
			t.Fatalf("a refused %+v", rep.Refused)
		}
		if rep := b.importAll(); len(rep.Refused) > 0 {
			t.Fatalf("b refused %+v", rep.Refused)
		}
	}

	want := []string{"A-2026-00001", "A-2026-00002", "A-2026-00003", "B-2026-00001", "B-2026-00002", "B-2026-00003", "B-2026-00004"}
	for _, d := range []*testDevice{a, b} {
		got := d.strings(`SELECT number FROM invoices WHERE status = 'final' ORDER BY number`)
		if len(got) != len(want) {
			t.Fatalf("device %s holds numbers %v, want %v", d.series, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("device %s holds numbers %v, want %v", d.series, got, want)
			}
		}
		if n := d.queryInt(`SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.status = 'final'`); n != len(want) {
			t.Errorf("device %s holds %d lines of finalized invoices, want %d", d.series, n, len(want))
		}
		if n := d.queryInt(`SELECT COUNT(*) FROM invoices WHERE status = 'draft'`); n != 1 {
			t.Errorf("device %s holds %d drafts, want its own only", d.series, n)
		}
		if n := d.queryInt(`SELECT COUNT(*) FROM invoices WHERE credits_id = ? AND number = ?`, made[0].ID, credit.Number); n != 1 {
			t.Errorf("device %s lacks the credit note %s of %s", d.series, credit.Number, made[0].Number)
		}
		if n := d.queryInt(`SELECT COUNT(*) FROM payments WHERE invoice_id = ?`, made[0].ID); n != 2 {
			// the payment, and the move of it to the patient's credit by the credit note
			t.Errorf("device %s holds %d payments on %s, want 2", d.series, n, made[0].Number)
		}
		if held, err := d.st.SeriesHeldElsewhere(context.Background()); err != nil || held {
			t.Errorf("device %s: series held elsewhere = %v, %v", d.series, held, err)
		}
	}
	if n := a.queryInt(`SELECT COUNT(*) FROM invoices WHERE id = ?`, draftB.ID) + b.queryInt(`SELECT COUNT(*) FROM invoices WHERE id = ?`, draftA.ID); n != 0 {
		t.Errorf("a draft travelled")
	}
	// The received invoices are as their device made them, to the byte.
	q := `SELECT number || '|' || total || '|' || seller || '|' || finalized_at FROM invoices WHERE id = ?`
	if a.queryString(q, made[1].ID) != b.queryString(q, made[1].ID) {
		t.Errorf("invoice %s differs: %q here, %q there", made[1].Number, a.queryString(q, made[1].ID), b.queryString(q, made[1].ID))
	}
	// And numbering goes on without a gap after the merge.
	if inv := a.invoice(l); inv.Number != "A-2026-00004" {
		t.Errorf("next number on a is %s", inv.Number)
	}
}

// Two computers that took the same letter while apart both number
// A-2026-00001: the second number is refused with its file, never
// merged, and from then on neither finalizes an invoice, with a clear
// answer.
func TestTwoComputersWithOneLetterStopBilling(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	l := setUpLedger(a)
	a.export()
	b.importAll()
	b.ensurePractice()
	ia, ib := a.invoice(l), b.invoice(l)
	if ia.Number != ib.Number {
		t.Fatalf("numbers %s and %s: the devices do not share a letter", ia.Number, ib.Number)
	}
	a.export()
	b.export()
	for _, d := range []*testDevice{a, b} {
		rep := d.importAll()
		if len(rep.Refused) != 1 || rep.Refused[0].Reason != ReasonSeriesClash {
			t.Fatalf("device %s: report %+v, want the other's file refused as a series clash", d.id(), rep)
		}
		if n := d.queryInt(`SELECT COUNT(*) FROM invoices WHERE number = ?`, ia.Number); n != 1 {
			t.Errorf("%d invoices numbered %s", n, ia.Number)
		}
		if held, err := d.st.SeriesHeldElsewhere(context.Background()); err != nil || !held {
			t.Errorf("series held elsewhere = %v, %v; want true", held, err)
		}
		_, err := d.finalize(d.draft(l).ID)
		var e *data.Error
		if !errors.As(err, &e) || e.Code != data.EConflict || e.Key != "invoice.problem.series_shared" {
			t.Errorf("finalizing with a shared letter: %v", err)
		}
	}
}

// Numbers of this computer's letter that it did not give (a computer
// that held the letter before) stop it from numbering too.
func TestNumbersOfMyLetterFromElsewhereStopBilling(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	a.setSeries("C")
	l := setUpLedger(a)
	a.invoice(l)
	a.export()
	b.importAll()
	b.ensurePractice()
	b.setSeries("C") // a's row is not in b's database: nothing refuses the letter yet
	if held, err := b.st.SeriesHeldElsewhere(context.Background()); err != nil || !held {
		t.Fatalf("series held elsewhere = %v, %v; want true", held, err)
	}
	if _, err := b.finalize(b.draft(l).ID); data.ErrorCode(err) != data.EConflict {
		t.Errorf("finalizing: %v, want a refusal", err)
	}
}

func (d *testDevice) strings(q string, args ...any) []string {
	d.p.t.Helper()
	rows, err := d.st.ReadDB().QueryContext(context.Background(), q, args...)
	if err != nil {
		d.p.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			d.p.t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}
