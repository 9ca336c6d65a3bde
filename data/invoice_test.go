package data_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"

	"frontdesk/data"
)

var nov25 = data.Date{Year: 2026, Month: 11, Day: 25}

func TestFinalizeGivesTheNextNumberAndFreezesTheInvoice(t *testing.T) {
	b := openBooks(t)
	inv := b.draft(t, b.consult, b.cert)
	if inv.Number != "" || inv.Total != 3000+2499+500 {
		t.Fatalf("draft: number %q, total %d; want no number and 59.99", inv.Number, inv.Total)
	}
	got := b.finalize(t, inv.ID, nov25)
	if got.Number != "A-2026-00001" || got.IssueDate != nov25 || got.DueDate != nov25.AddDays(30) {
		t.Errorf("finalized: %s issued %s due %s; want A-2026-00001 issued %s due 30 days later", got.Number, got.IssueDate, got.DueDate, nov25)
	}
	if got.Seller.Letterhead.Name != "Cabinet Test" {
		t.Errorf("seller = %+v; want the practice's details kept", got.Seller)
	}
	second := b.finalize(t, b.draft(t, b.consult).ID, nov25)
	if second.Number != "A-2026-00002" {
		t.Errorf("second invoice = %s, want A-2026-00002", second.Number)
	}
	// The write path refuses to change or delete it…
	err := b.s.Update(context.Background(), func(tx *data.Tx) error {
		got.Lines[0].Quantity = 2
		return tx.SaveDraft(&got)
	})
	wantCode(t, err, data.EForbidden)
	wantCode(t, b.s.Update(context.Background(), func(tx *data.Tx) error { return tx.DeleteDraft(got.ID) }), data.EForbidden)
	// …and so does the database, to raw SQL.
	raw := rawDB(t, b.s.Dir())
	for _, q := range []string{
		`UPDATE invoices SET total = 1 WHERE id = ?`,
		`UPDATE invoices SET deleted = 1 WHERE id = ?`,
		`DELETE FROM invoices WHERE id = ?`,
		`UPDATE invoice_lines SET unit_price = 1 WHERE invoice_id = ?`,
		`DELETE FROM invoice_lines WHERE invoice_id = ?`,
		`INSERT INTO invoice_lines (id, invoice_id, position, description, quantity, unit_price, net, tax) VALUES ('x', ?, 9, 'x', 1, 1, 1, 0)`,
		// A replace deletes without firing DELETE triggers: refused too.
		`INSERT OR REPLACE INTO invoices (id, kind, status, patient_id, payer_kind, payer_name, currency)
			SELECT id, 'invoice', 'draft', patient_id, 'patient', 'x', 'EUR' FROM invoices WHERE id = ?`,
		`INSERT OR REPLACE INTO invoices (id, kind, status, number, patient_id, payer_kind, payer_name, currency)
			SELECT 'other', 'invoice', 'draft', number, patient_id, 'patient', 'x', 'EUR' FROM invoices WHERE id = ?`,
		`INSERT OR REPLACE INTO invoice_lines (id, invoice_id, position, description, quantity, unit_price, net, tax)
			SELECT id, invoice_id, 1, 'x', 1, 1, 1, 0 FROM invoice_lines WHERE invoice_id = ?`,
	} {
		if _, err := raw.Exec(q, got.ID); err == nil {
			t.Errorf("%s: the database accepted it on a finalized invoice", q)
		}
	}
	again, err := b.s.Invoice(context.Background(), got.ID)
	if err != nil || again.Total != got.Total || len(again.Lines) != 2 {
		t.Errorf("after the refused changes: %+v, %v", again, err)
	}
}

func TestDraftsChangeAndAreDeletedWithoutTakingANumber(t *testing.T) {
	b := openBooks(t)
	inv := b.draft(t, b.consult, b.cert)
	inv.Lines = inv.Lines[:1]
	inv.Lines[0].Quantity = 3
	mustUpdate(t, b.s, func(tx *data.Tx) error { return tx.SaveDraft(&inv) })
	stored, err := b.s.Invoice(context.Background(), inv.ID)
	if err != nil || len(stored.Lines) != 1 || stored.Total != 9000 {
		t.Fatalf("changed draft: %d lines, total %d, %v; want one line of 3 × 30.00", len(stored.Lines), stored.Total, err)
	}
	mustUpdate(t, b.s, func(tx *data.Tx) error { return tx.DeleteDraft(inv.ID) })
	if _, err := b.s.Invoice(context.Background(), inv.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("deleted draft still readable: %v", err)
	}
	if n := b.finalize(t, b.draft(t, b.consult).ID, nov25).Number; n != "A-2026-00001" {
		t.Errorf("after a deleted draft the first number is %s, want A-2026-00001", n)
	}
}

func TestFinalizeRefusesWhatCannotBeAnInvoice(t *testing.T) {
	b := openBooks(t)
	empty := b.draft(t)
	err := b.s.Update(context.Background(), func(tx *data.Tx) error { _, err := tx.FinalizeInvoice(empty.ID, nov25); return err })
	wantCode(t, err, data.EInvalid)
	// A refused finalization gives its number back: the series has no gap.
	b.finalize(t, b.draft(t, b.consult).ID, nov25)
	earlier := b.draft(t, b.consult)
	err = b.s.Update(context.Background(), func(tx *data.Tx) error {
		_, err := tx.FinalizeInvoice(earlier.ID, nov25.AddDays(-1))
		return err
	})
	wantCode(t, err, data.EInvalid)
	if n := b.finalize(t, earlier.ID, nov25).Number; n != "A-2026-00002" {
		t.Errorf("after refused finalizations: %s, want A-2026-00002", n)
	}
}

// TestNumbersAreGapFreeUnderConcurrentFinalization finalizes drafts from
// several goroutines at once: every number of the series is given
// exactly once, 1 to N.
func TestNumbersAreGapFreeUnderConcurrentFinalization(t *testing.T) {
	b := openBooks(t)
	const workers, each = 6, 15
	drafts := make([][]string, workers)
	for w := range drafts {
		for i := 0; i < each; i++ {
			drafts[w] = append(drafts[w], b.draft(t, b.consult).ID)
		}
	}
	var mu sync.Mutex
	var numbers []string
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(ids []string) {
			defer wg.Done()
			for _, id := range ids {
				err := b.s.Update(context.Background(), func(tx *data.Tx) error {
					inv, err := tx.FinalizeInvoice(id, nov25)
					if err == nil {
						mu.Lock()
						numbers = append(numbers, inv.Number)
						mu.Unlock()
					}
					return err
				})
				if err != nil {
					errs <- err
				}
			}
		}(drafts[w])
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("finalize: %v", err)
	}
	sort.Strings(numbers)
	if len(numbers) != workers*each {
		t.Fatalf("%d numbers given, want %d", len(numbers), workers*each)
	}
	for i, n := range numbers {
		if want := fmt.Sprintf("A-2026-%05d", i+1); n != want {
			t.Fatalf("number %d is %s, want %s (a gap or a duplicate)", i+1, n, want)
		}
	}
	var stored int
	if err := b.s.ReadDB().QueryRow(`SELECT COUNT(DISTINCT number) FROM invoices WHERE status = 'final'`).Scan(&stored); err != nil || stored != workers*each {
		t.Errorf("%d distinct numbers stored, %v", stored, err)
	}
}

func TestSeriesStartsAgainEachYear(t *testing.T) {
	b := openBooks(t)
	dec31 := data.Date{Year: 2026, Month: 12, Day: 31}
	jan1 := data.Date{Year: 2027, Month: 1, Day: 1}
	want := []struct {
		day    data.Date
		number string
	}{{dec31, "A-2026-00001"}, {dec31, "A-2026-00002"}, {jan1, "A-2027-00001"}, {jan1, "A-2027-00002"}}
	for _, w := range want {
		if got := b.finalize(t, b.draft(t, b.consult).ID, w.day); got.Number != w.number {
			t.Errorf("finalized on %s: %s, want %s", w.day, got.Number, w.number)
		}
	}
	// Each year's series follows its own calendar: 31 December may still
	// be billed once January's numbers have begun.
	late := b.draft(t, b.consult)
	err := b.s.Update(context.Background(), func(tx *data.Tx) error { _, err := tx.FinalizeInvoice(late.ID, dec31); return err })
	if err != nil {
		t.Errorf("an invoice dated 31 December after the new year began: %v", err)
	}
}

func TestCreditNoteMirrorsTheInvoiceAndMovesWhatWasPaid(t *testing.T) {
	b := openBooks(t)
	inv := b.finalize(t, b.draft(t, b.consult, b.cert).ID, nov25)
	b.pay(t, data.PaymentRequest{InvoiceID: inv.ID, Amount: 2000})
	var cn data.Invoice
	err := b.s.Update(context.Background(), func(tx *data.Tx) (err error) {
		cn, err = tx.CreditInvoice(inv.ID, "Billed twice", nov25.AddDays(1))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if cn.Kind != data.KindCreditNote || cn.Number != "A-2026-00002" || cn.CreditsID != inv.ID {
		t.Errorf("credit note %+v", cn)
	}
	if cn.Total != -inv.Total || cn.Tax != -inv.Tax || cn.Net != -inv.Net {
		t.Errorf("credit note totals %d/%d/%d, want the invoice's %d/%d/%d negated", cn.Net, cn.Tax, cn.Total, inv.Net, inv.Tax, inv.Total)
	}
	if v := b.view(t, inv.ID); v.Status != data.BillCredited || v.Due != 0 {
		t.Errorf("credited invoice: status %s, due %d", v.Status, v.Due)
	}
	if a := b.account(t); a.Credit != 2000 || a.Due != 0 || a.Balance != -2000 {
		t.Errorf("account after crediting a part-paid invoice: %+v; want the 20.00 paid kept as credit", a)
	}
	err = b.s.Update(context.Background(), func(tx *data.Tx) error { _, err := tx.CreditInvoice(inv.ID, "again", nov25.AddDays(1)); return err })
	wantCode(t, err, data.EConflict)
	err = b.s.Update(context.Background(), func(tx *data.Tx) error { _, err := tx.CreditInvoice(cn.ID, "credit", nov25.AddDays(1)); return err })
	wantCode(t, err, data.EInvalid)
}

func TestPaymentsPartialOverAndRefund(t *testing.T) {
	b := openBooks(t)
	inv := b.finalize(t, b.draft(t, b.consult).ID, nov25) // 30.00
	b.pay(t, data.PaymentRequest{InvoiceID: inv.ID, Amount: 1000, Method: data.MethodCard})
	if v := b.view(t, inv.ID); v.Status != data.BillPartlyPaid || v.Due != 2000 || v.Paid != 1000 {
		t.Errorf("after 10.00 of 30.00: %s, due %d, paid %d", v.Status, v.Due, v.Paid)
	}
	rc := b.pay(t, data.PaymentRequest{InvoiceID: inv.ID, Amount: 5000, Method: data.MethodCash})
	if rc.Applied != 2000 || rc.ToCredit != 3000 || len(rc.Rows) != 2 {
		t.Errorf("over-payment of 50.00 on 20.00 due: applied %d, to credit %d, %d rows", rc.Applied, rc.ToCredit, len(rc.Rows))
	}
	if v := b.view(t, inv.ID); v.Status != data.BillPaid || v.Due != 0 {
		t.Errorf("settled invoice: %s, due %d", v.Status, v.Due)
	}
	if a := b.account(t); a.Credit != 3000 || a.Balance != -3000 {
		t.Errorf("account: %+v; want 30.00 of credit", a)
	}
	// A refund needs a reason and cannot exceed the credit.
	_, err := b.tryPay(data.PaymentRequest{Amount: -1000})
	wantCode(t, err, data.EInvalid)
	_, err = b.tryPay(data.PaymentRequest{Amount: -3001, Reason: "refund"})
	wantCode(t, err, data.EInvalid)
	b.pay(t, data.PaymentRequest{Amount: -1000, Reason: "Refunded in cash"})
	// The credit pays the next invoice.
	next := b.finalize(t, b.draft(t, b.consult).ID, nov25)
	b.pay(t, data.PaymentRequest{InvoiceID: next.ID, Amount: 2000, Method: data.MethodCredit})
	if a := b.account(t); a.Credit != 0 || a.Due != 1000 || a.Balance != 1000 {
		t.Errorf("after using the credit: %+v; want nothing left of it and 10.00 due", a)
	}
	_, err = b.tryPay(data.PaymentRequest{InvoiceID: next.ID, Amount: 100, Method: data.MethodCredit})
	wantCode(t, err, data.EInvalid)
	// A payment taken by mistake is given back on its invoice, no more than was paid.
	_, err = b.tryPay(data.PaymentRequest{InvoiceID: inv.ID, Amount: -3001, Reason: "mistake"})
	wantCode(t, err, data.EInvalid)
	b.pay(t, data.PaymentRequest{InvoiceID: inv.ID, Amount: -3000, Reason: "Card payment was for another patient"})
	if v := b.view(t, inv.ID); v.Due != 3000 || v.Status != data.BillUnpaid {
		t.Errorf("after giving the payments back: %s, due %d", v.Status, v.Due)
	}
	// Drafts and credit notes are not paid.
	d := b.draft(t, b.consult)
	_, err = b.tryPay(data.PaymentRequest{InvoiceID: d.ID, Amount: 100})
	wantCode(t, err, data.EInvalid)
	// Payments are append-only, in the database too.
	raw := rawDB(t, b.s.Dir())
	if _, err := raw.Exec(`UPDATE payments SET amount = 1`); err == nil {
		t.Error("the database let a payment be changed")
	}
	if _, err := raw.Exec(`DELETE FROM payments`); err == nil {
		t.Error("the database let a payment be deleted")
	}
	if _, err := raw.Exec(`INSERT OR REPLACE INTO payments SELECT id, patient_id, invoice_id, receipt_id, paid_on, 1, method,
		reference, reason, recorded_at, deleted FROM payments LIMIT 1`); err == nil {
		t.Error("the database let a payment be replaced")
	}
}

func TestOverdueAndTheInvoiceList(t *testing.T) {
	b := openBooks(t)
	old := b.finalize(t, b.draft(t, b.consult).ID, data.Date{Year: 2026, Month: 9, Day: 1})
	paid := b.finalize(t, b.draft(t, b.cert).ID, nov25)
	b.pay(t, data.PaymentRequest{InvoiceID: paid.ID, Amount: paid.Total})
	draft := b.draft(t, b.consult)
	list := func(status string) []string {
		vs, err := b.s.Invoices(context.Background(), data.InvoiceFilter{Status: status}, nov25)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, v := range vs {
			ids = append(ids, v.ID)
		}
		return ids
	}
	cases := map[string][]string{
		"":                  {draft.ID, paid.ID, old.ID},
		data.BillDraft:      {draft.ID},
		data.BillUnpaid:     {old.ID},
		data.BillOverdue:    {old.ID},
		data.BillPaid:       {paid.ID},
		data.BillCredited:   nil,
		data.BillCreditNote: nil,
	}
	for status, want := range cases {
		if got := list(status); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("status %q: %v, want %v", status, got, want)
		}
	}
	if v := b.view(t, old.ID); v.Status != data.BillOverdue {
		t.Errorf("invoice due 1 October, seen 25 November: %s", v.Status)
	}
	vs, err := b.s.Invoices(context.Background(), data.InvoiceFilter{Payer: "dupo"}, nov25)
	if err != nil || len(vs) != 3 {
		t.Errorf("by the patient's name: %d, %v", len(vs), err)
	}
	vs, err = b.s.Invoices(context.Background(), data.InvoiceFilter{Payer: "nobody"}, nov25)
	if err != nil || len(vs) != 0 {
		t.Errorf("by a name nobody has: %d, %v", len(vs), err)
	}
}
