package demo_test

import (
	"context"
	"testing"

	"frontdesk/data"
)

// TestDemoHasBooks checks the demo's books: most visits done are billed
// (some of today's wait), most invoices paid, and some of every other
// kind: part paid, overdue, credited, over-paid, to an insurer; numbers
// follow the calendar without a gap, and everything adds up.
func TestDemoHasBooks(t *testing.T) {
	s, _ := generate(t, small())
	ctx := context.Background()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := s.ReadDB().QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	done := count(`SELECT COUNT(*) FROM appointments WHERE status = 'done'`)
	billed := count(`SELECT COUNT(*) FROM invoices WHERE kind = 'invoice'`)
	if billed < done*85/100 || billed >= done {
		t.Errorf("%d of %d visits done are billed; want most, not all", billed, done)
	}
	pr, err := s.Practice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// An invoice names the practice's registration and tax numbers (EU
	// VAT Directive art. 226): the demo's practice has them, and its
	// invoices keep them.
	if pr.Registration == "" || pr.TaxNumber == "" {
		t.Errorf("the demo practice has no registration (%q) or tax number (%q) for its invoices", pr.Registration, pr.TaxNumber)
	}
	if first, err := s.InvoiceByNumber(ctx, "A-"+fixedDay.String()[:4]+"-00001"); err != nil {
		t.Error(err)
	} else if lh := first.Seller.Letterhead; lh.Registration != pr.Registration || lh.TaxNumber != pr.TaxNumber {
		t.Errorf("the first invoice keeps registration %q and tax number %q, want the practice's", lh.Registration, lh.TaxNumber)
	}
	today := fixedDay
	for status, least := range map[string]int{data.BillPaid: billed / 2, data.BillPartlyPaid: 1, data.BillOverdue: 1,
		data.BillCredited: 1, data.BillCreditNote: 1} {
		vs, err := s.Invoices(ctx, data.InvoiceFilter{Status: status, Limit: 100000}, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) < least {
			t.Errorf("%d invoices %s, want at least %d", len(vs), status, least)
		}
	}
	if n := count(`SELECT COUNT(*) FROM invoices WHERE payer_kind = 'third_party'`); n == 0 {
		t.Error("no invoice to an insurer")
	}
	if n := count(`SELECT COUNT(*) FROM payments WHERE invoice_id IS NULL`); n == 0 {
		t.Error("no over-payment kept as credit")
	}
	// Gap-free per year, in the order of the issue dates.
	if n := count(`SELECT COUNT(*) FROM invoices a JOIN invoices b ON substr(a.number, 1, 7) = substr(b.number, 1, 7)
		AND a.number < b.number AND a.issue_date > b.issue_date`); n != 0 {
		t.Errorf("%d pairs of numbers out of calendar order", n)
	}
	if n := count(`SELECT COUNT(*) FROM (SELECT COUNT(*) AS n, MAX(CAST(substr(number, 8) AS INTEGER)) AS last
		FROM invoices GROUP BY substr(number, 1, 6)) WHERE n != last`); n != 0 {
		t.Errorf("%d years of the series have gaps", n)
	}
	// The derived amounts due agree with the invoices and payments.
	if n := count(`SELECT COUNT(*) FROM invoices i WHERE i.kind = 'invoice' AND i.total
		+ COALESCE((SELECT SUM(c.total) FROM invoices c WHERE c.credits_id = i.id), 0)
		- COALESCE((SELECT SUM(amount) FROM payments y WHERE y.invoice_id = i.id), 0)
		!= COALESCE((SELECT due FROM invoice_due d WHERE d.invoice_id = i.id), 0)`); n != 0 {
		t.Errorf("%d invoices whose amount due disagrees with their payments", n)
	}
	unbilled, err := s.UnbilledVisits(ctx, today, pr.Location())
	if err != nil {
		t.Fatal(err)
	}
	if len(unbilled) == 0 {
		t.Error("no visit of today waits to be billed")
	}
}
