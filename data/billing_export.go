package data

import (
	"context"
	"io"
)

// ExportInvoices writes every finalized invoice and credit note as CSV
// (DESIGN §7), in the order they were issued: number, kind, issue date,
// the patient's full name and chart number, the payer, the total and its
// tax, what was paid, what is still due, and the status on today.
// Drafts have no number and are left out.
func (s *Store) ExportInvoices(ctx context.Context, w io.Writer, today Date) error {
	if err := s.requireAll(RightExport, RightBilling); err != nil {
		return err
	}
	pr, err := s.Practice(ctx)
	if err != nil {
		return err
	}
	cur := pr.Money()
	vs, err := scanInvoiceViews(ctx, s.r, today, invoiceViewSelect+` WHERE i.status = 'final' AND i.deleted = 0
		ORDER BY i.issue_date, i.number`)
	if err != nil {
		return err
	}
	c := NewCSVWriter(w, "number", "kind", "issue_date", "patient", "chart_number", "payer", "total", "tax", "paid", "balance",
		"status", "credits")
	credits := map[string]string{}
	for _, v := range vs {
		credits[v.ID] = v.Number
	}
	for _, v := range vs {
		c.Row(v.Number, v.Kind, v.IssueDate.String(), v.PatientName, v.ChartNumber, v.PayerName, cur.Format(v.Total),
			cur.Format(v.Tax), cur.Format(v.Paid), cur.Format(v.Due), v.Status, credits[v.CreditsID])
	}
	return c.Close()
}

// ExportPayments writes every payment row as CSV, in the order they were
// recorded: the date, the receipt, the patient, the invoice it paid (none:
// the patient's credit), the method, the amount (negative: given back),
// the reference and the reason.
func (s *Store) ExportPayments(ctx context.Context, w io.Writer) error {
	if err := s.requireAll(RightExport, RightBilling); err != nil {
		return err
	}
	pr, err := s.Practice(ctx)
	if err != nil {
		return err
	}
	cur := pr.Money()
	rows, err := scanPaymentViews(ctx, s.r, paymentViewSelect+` WHERE y.deleted = 0 ORDER BY y.paid_on, y.recorded_at, y.id`)
	if err != nil {
		return err
	}
	c := NewCSVWriter(w, "date", "receipt", "patient", "chart_number", "invoice", "method", "amount", "reference", "reason")
	for _, p := range rows {
		c.Row(p.PaidOn.String(), p.ReceiptID, p.PatientName, p.ChartNumber, p.InvoiceNumber, p.Method, cur.Format(p.Amount),
			p.Reference, p.Reason)
	}
	return c.Close()
}
