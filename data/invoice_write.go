package data

import (
	"database/sql"
	"time"
)

// SaveDraft writes a draft invoice and its lines: the totals are worked
// out again from the lines, lines removed from the draft are deleted. A
// finalized invoice is refused: it can only be credited.
func (tx *Tx) SaveDraft(inv *Invoice) error {
	if inv.ID != "" {
		old, err := loadInvoice(tx.ctx, tx.tx, inv.ID)
		if err != nil {
			return err
		}
		if old.Status != InvoiceDraft {
			return NewError(EForbidden, "invoice.problem.final")
		}
		kept := map[string]bool{}
		for _, l := range inv.Lines {
			kept[l.ID] = true
		}
		for i := range old.Lines {
			if !kept[old.Lines[i].ID] {
				if err := tx.Delete(lineRecord{&old.Lines[i]}); err != nil {
					return err
				}
			}
		}
	}
	inv.Status, inv.Number = InvoiceDraft, ""
	if inv.Kind == "" {
		inv.Kind = KindInvoice
	}
	if err := inv.ComputeTotals(); err != nil {
		return err
	}
	if err := tx.Save(inv); err != nil {
		return err
	}
	for i := range inv.Lines {
		l := &inv.Lines[i]
		l.InvoiceID, l.Position = inv.ID, i+1
		if err := tx.Save(lineRecord{l}); err != nil {
			return err
		}
	}
	return nil
}

// DeleteDraft deletes a draft invoice. Numbers are never deleted: a
// finalized invoice is refused (credit it instead).
func (tx *Tx) DeleteDraft(id string) error {
	inv, err := loadInvoice(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	if inv.Status != InvoiceDraft {
		return NewError(EForbidden, "invoice.problem.final")
	}
	for i := range inv.Lines {
		if err := tx.Delete(lineRecord{&inv.Lines[i]}); err != nil {
			return err
		}
	}
	return tx.Delete(&inv)
}

// FinalizeInvoice issues a draft on issue (the practice's today): it
// takes the next number of this device's series for issue's year, in this
// transaction, so that a rollback gives the number back and the series
// has no gap; sets the due date; copies in the practice's details; and
// from then on the database refuses any change to it. An issue date
// before the series' latest is refused: numbers follow the calendar.
func (tx *Tx) FinalizeInvoice(id string, issue Date) (Invoice, error) {
	inv, err := loadInvoice(tx.ctx, tx.tx, id)
	if err != nil {
		return inv, err
	}
	if inv.Status != InvoiceDraft {
		return inv, NewError(EForbidden, "invoice.problem.final")
	}
	if len(inv.Lines) == 0 {
		return inv, NewError(EInvalid, "invoice.problem.no_lines")
	}
	if err := inv.ComputeTotals(); err != nil {
		return inv, err
	}
	if inv.Kind == KindInvoice && inv.Total <= 0 {
		return inv, NewError(EInvalid, "invoice.problem.zero_total")
	}
	if err := inv.Validate(); err != nil {
		return inv, err
	}
	if issue.IsZero() {
		return inv, NewError(EInvalid, "invoice.problem.no_issue_date")
	}
	series := tx.s.device().Series
	if err := tx.refuseSharedSeries(issue.Year); err != nil {
		return inv, err
	}
	prefix := InvoiceNumber(series, issue.Year, 0)
	prefix = prefix[:len(prefix)-5]
	var latest sql.NullString
	if err := tx.tx.QueryRowContext(tx.ctx, `SELECT MAX(issue_date) FROM invoices
		WHERE status = 'final' AND number >= ? AND number < ?`, prefix, prefix+"~").Scan(&latest); err != nil {
		return inv, sqlErr("finalizing an invoice", err)
	}
	if latest.Valid && latest.String > issue.String() {
		last, _ := ParseISODate(latest.String)
		return inv, NewError(EInvalid, "invoice.problem.issue_before", "Date", issue, "Latest", last)
	}
	n, err := tx.NextNumber(invoiceCounter(issue.Year))
	if err != nil {
		return inv, err
	}
	settings, err := loadBillingSettings(tx.ctx, tx.tx)
	if err != nil {
		return inv, err
	}
	pr, err := loadPractice(tx.ctx, tx.tx)
	if err != nil {
		return inv, err
	}
	inv.Status = InvoiceFinal
	inv.Number = InvoiceNumber(series, issue.Year, n)
	inv.IssueDate = issue
	inv.DueDate = issue
	if inv.Kind == KindInvoice {
		inv.DueDate = issue.AddDays(settings.PaymentDays)
	}
	if inv.ServiceDate.IsZero() {
		inv.ServiceDate = issue
	}
	inv.Seller = sellerOf(pr, settings)
	inv.FinalizedAt = tx.now.Truncate(time.Second)
	if err := tx.publishLines(inv); err != nil {
		return inv, err
	}
	if err := tx.Save(&inv); err != nil {
		return inv, err
	}
	return inv, tx.Audit("finalize", "invoices", inv.ID, inv.Number)
}

// sellerOf is what a finalized invoice keeps of the practice.
func sellerOf(pr Practice, b BillingSettings) Seller {
	return Seller{Letterhead: LetterheadOf(pr), BankName: b.BankName, IBAN: b.IBAN, BIC: b.BIC, PaymentQR: b.PaymentQR}
}

// CreditInvoice corrects a finalized invoice with a credit note: every
// line again with the opposite sign, finalized at once with the next
// number, the reason in its notes. What had been paid on the invoice
// becomes the patient's credit, to use or refund. An invoice is credited
// once, in full; bill again with a new invoice if need be.
func (tx *Tx) CreditInvoice(id, reason string, issue Date) (Invoice, error) {
	orig, err := loadInvoice(tx.ctx, tx.tx, id)
	if err != nil {
		return Invoice{}, err
	}
	reason = CleanText(reason)
	switch {
	case orig.Kind != KindInvoice:
		return Invoice{}, NewError(EInvalid, "invoice.problem.credit_credit_note")
	case orig.Status != InvoiceFinal:
		return Invoice{}, NewError(EInvalid, "invoice.problem.credit_draft")
	case reason == "":
		return Invoice{}, NewError(EInvalid, "invoice.problem.credit_reason")
	}
	var credited int
	if err := tx.tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM invoices WHERE credits_id = ? AND kind = 'credit_note'
		AND status = 'final' AND deleted = 0`, id).Scan(&credited); err != nil {
		return Invoice{}, sqlErr("crediting an invoice", err)
	}
	if credited > 0 {
		return Invoice{}, NewError(EConflict, "invoice.problem.already_credited", "Number", orig.Number)
	}
	cn := Invoice{Kind: KindCreditNote, Status: InvoiceDraft, PatientID: orig.PatientID, AppointmentID: orig.AppointmentID, CreditsID: orig.ID,
		PayerKind: orig.PayerKind, PayerName: orig.PayerName, PayerAddress: orig.PayerAddress, PayerReference: orig.PayerReference,
		ServiceDate: orig.ServiceDate, Currency: orig.Currency, Notes: reason}
	for _, l := range orig.Lines {
		l.ID, l.InvoiceID = "", ""
		l.UnitPrice = -l.UnitPrice
		cn.Lines = append(cn.Lines, l)
	}
	if err := cn.Validate(); err != nil {
		return Invoice{}, err
	}
	if err := tx.SaveDraft(&cn); err != nil {
		return Invoice{}, err
	}
	cn, err = tx.FinalizeInvoice(cn.ID, issue)
	if err != nil {
		return Invoice{}, err
	}
	paid, err := paidOn(tx, orig.ID)
	if err != nil {
		return Invoice{}, err
	}
	if paid != 0 {
		err = tx.movePayments(orig, paid, issue, cn.Number)
	}
	return cn, err
}

// movePayments turns what was paid on a credited invoice into the
// patient's credit: two rows of one receipt, money out of the invoice and
// into the credit, neither of them money taken.
func (tx *Tx) movePayments(orig Invoice, paid Money, on Date, creditNumber string) error {
	receipt := NewID()
	out := Payment{PatientID: orig.PatientID, InvoiceID: orig.ID, ReceiptID: receipt, PaidOn: on, Amount: -paid,
		Method: MethodCredit, Reason: creditNumber}
	in := Payment{PatientID: orig.PatientID, ReceiptID: receipt, PaidOn: on, Amount: paid, Method: MethodCredit, Reason: creditNumber}
	for _, p := range []*Payment{&out, &in} {
		p.RecordedAt = tx.now
		if err := tx.Save(p); err != nil {
			return err
		}
	}
	return nil
}

// paidOn sums what was paid on an invoice.
func paidOn(tx *Tx, invoiceID string) (Money, error) {
	var paid Money
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT COALESCE(SUM(amount), 0) FROM payments WHERE invoice_id = ? AND deleted = 0`,
		invoiceID).Scan(&paid)
	return paid, sqlErr("summing the payments of an invoice", err)
}
