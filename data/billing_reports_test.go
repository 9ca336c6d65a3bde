package data_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"frontdesk/data"
)

func TestAgingBucketsOnTheExactDay(t *testing.T) {
	for days, want := range map[int]int{0: 0, 30: 0, 31: 1, 60: 1, 61: 2, 90: 2, 91: 3, 1000: 3} {
		if got := data.AgingBucket(days); got != want {
			t.Errorf("AgingBucket(%d) = %d, want %d", days, got, want)
		}
	}
	// The same boundaries through the store: invoices issued 30, 31, 60,
	// 61, 90 and 91 days before the report's day.
	b := openBooks(t)
	asOf := data.Date{Year: 2026, Month: 11, Day: 30}
	ages := []int{91, 90, 61, 60, 31, 30}
	for _, days := range ages {
		b.finalize(t, b.draft(t, b.consult).ID, asOf.AddDays(-days))
	}
	paid := b.finalize(t, b.draft(t, b.consult).ID, asOf)
	b.pay(t, data.PaymentRequest{InvoiceID: paid.ID, Amount: paid.Total})
	part := b.finalize(t, b.draft(t, b.consult).ID, asOf)
	b.pay(t, data.PaymentRequest{InvoiceID: part.ID, Amount: 1000})
	a, err := b.s.AgingReport(context.Background(), asOf)
	if err != nil {
		t.Fatal(err)
	}
	if a.Counts != [4]int{2, 2, 2, 1} || a.Buckets != [4]data.Money{3000 + 2000, 6000, 6000, 3000} || a.Total != 20000 {
		t.Errorf("aging on %s: counts %v, amounts %v, total %d", asOf, a.Counts, a.Buckets, a.Total)
	}
	for i, r := range a.Rows[:len(ages)] {
		if r.Days != ages[i] {
			t.Errorf("row %d: %d days, want %d", i, r.Days, ages[i])
		}
	}
	// Seen a day earlier, the newest invoice is not issued yet.
	if a, _ := b.s.AgingReport(context.Background(), asOf.AddDays(-1)); len(a.Rows) != len(ages) {
		t.Errorf("aging the day before: %d rows, want %d", len(a.Rows), len(ages))
	}
}

func TestTakingsRevenueAndExports(t *testing.T) {
	b := openBooks(t)
	inv := b.finalize(t, b.draft(t, b.consult, b.cert).ID, nov25) // 30.00 exempt + 24.99 + 5.00 tax
	b.pay(t, data.PaymentRequest{InvoiceID: inv.ID, Amount: 4000, Method: data.MethodCard})
	b.pay(t, data.PaymentRequest{InvoiceID: inv.ID, Amount: 3000, Method: data.MethodCash}) // 10.01 to credit
	b.pay(t, data.PaymentRequest{Amount: -1001, Method: data.MethodCash, Reason: "change given"})
	other := b.finalize(t, b.draft(t, b.consult).ID, nov25)
	mustUpdate(t, b.s, func(tx *data.Tx) error { _, err := tx.CreditInvoice(other.ID, "wrong patient", nov25); return err })

	tk, err := b.s.TakingsOn(context.Background(), nov25)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]data.Money{}
	for _, m := range tk.Methods {
		got[m.Method] = m.Amount
	}
	if got[data.MethodCard] != 4000 || got[data.MethodCash] != 3000-1001 || tk.Total != 5999 || len(tk.Methods) != len(data.PaymentMethods) {
		t.Errorf("takings: %+v", tk)
	}

	rev, err := b.s.RevenueOf(context.Background(), nov25)
	if err != nil {
		t.Fatal(err)
	}
	// The credited consultation cancels out: 30.00 + 24.99 + 5.00 tax.
	if rev.Net != 5499 || rev.Tax != 500 || rev.Total != 5999 {
		t.Errorf("revenue: net %d tax %d total %d", rev.Net, rev.Tax, rev.Total)
	}
	if len(rev.Rates) != 2 || rev.Rates[0].Net != 3000 || rev.Rates[1].Tax != 500 {
		t.Errorf("revenue by rate: %+v", rev.Rates)
	}
	if len(rev.History) != 12 || rev.History[11].Total != 5999 || rev.History[11].Month.Month != 11 {
		t.Errorf("history: %+v", rev.History)
	}

	var buf bytes.Buffer
	if err := b.s.ExportInvoices(context.Background(), &buf, nov25); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"number", "kind", "issue_date", "patient", "chart_number", "payer", "total", "tax", "paid", "balance", "status", "credits"},
		{"A-2026-00001", "invoice", "2026-11-25", "Jean Dupont", b.patient.ChartNumber, "Jean Dupont", "59.99", "5.00", "59.99", "0.00", "paid", ""},
		{"A-2026-00002", "invoice", "2026-11-25", "Jean Dupont", b.patient.ChartNumber, "Jean Dupont", "30.00", "0.00", "0.00", "0.00", "credited", ""},
		{"A-2026-00003", "credit_note", "2026-11-25", "Jean Dupont", b.patient.ChartNumber, "Jean Dupont", "-30.00", "0.00", "0.00", "0.00", "credit_note", "A-2026-00002"},
	}
	if len(rows) != len(want) {
		t.Fatalf("export: %v", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("export row %d:\n got %v\nwant %v", i, rows[i], want[i])
		}
	}
	buf.Reset()
	if err := b.s.ExportPayments(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n != 5 {
		t.Errorf("payments export has %d lines, want a header and 4 rows:\n%s", n, buf.String())
	}
	if !strings.Contains(buf.String(), "-10.01,,change given") {
		t.Errorf("the refund is not in the export:\n%s", buf.String())
	}
}
