package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"
)

const invoiceColumns = `id, kind, status, COALESCE(number, ''), patient_id, COALESCE(appointment_id, ''), COALESCE(credits_id, ''),
	payer_kind, payer_name, payer_address, payer_reference, issue_date, service_date, due_date, currency, net, tax, total,
	notes, seller, finalized_at`

func scanInvoice(sc interface{ Scan(...any) error }) (Invoice, error) {
	var inv Invoice
	var seller string
	var finalized int64
	err := sc.Scan(&inv.ID, &inv.Kind, &inv.Status, &inv.Number, &inv.PatientID, &inv.AppointmentID, &inv.CreditsID,
		&inv.PayerKind, &inv.PayerName, &inv.PayerAddress, &inv.PayerReference, &inv.IssueDate, &inv.ServiceDate, &inv.DueDate,
		&inv.Currency, &inv.Net, &inv.Tax, &inv.Total, &inv.Notes, &seller, &finalized)
	if err != nil {
		return inv, err
	}
	if seller != "" {
		if err := json.Unmarshal([]byte(seller), &inv.Seller); err != nil {
			return inv, Errorf(EDamaged, "Invoice %s has unreadable practice details; run \"frontdesk check\".", inv.Number)
		}
	}
	if finalized != 0 {
		inv.FinalizedAt = time.Unix(finalized, 0).UTC()
	}
	return inv, nil
}

// loadInvoice reads an invoice with its lines; ENotFound when it does not
// exist or was deleted.
func loadInvoice(ctx context.Context, q querier, id string) (Invoice, error) {
	inv, err := scanInvoice(q.QueryRowContext(ctx, `SELECT `+invoiceColumns+` FROM invoices WHERE id = ? AND deleted = 0`, id))
	if err == sql.ErrNoRows {
		return inv, NewError(ENotFound, "invoice.problem.not_found")
	} else if err != nil {
		return inv, sqlErr("reading an invoice", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, invoice_id, position, COALESCE(fee_item_id, ''), code, description, service_date,
		quantity, unit_price, COALESCE(tax_rate_id, ''), tax_name, tax_bp, exemption_text, net, tax
		FROM invoice_lines WHERE invoice_id = ? AND deleted = 0 ORDER BY position`, id)
	if err != nil {
		return inv, sqlErr("reading an invoice", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l InvoiceLine
		if err := rows.Scan(&l.ID, &l.InvoiceID, &l.Position, &l.FeeItemID, &l.Code, &l.Description, &l.ServiceDate,
			&l.Quantity, &l.UnitPrice, &l.TaxRateID, &l.TaxName, &l.TaxBP, &l.ExemptionText, &l.Net, &l.Tax); err != nil {
			return inv, sqlErr("reading an invoice", err)
		}
		inv.Lines = append(inv.Lines, l)
	}
	return inv, sqlErr("reading an invoice", rows.Err())
}

// Invoice reads an invoice or credit note with its lines.
func (s *Store) Invoice(ctx context.Context, id string) (Invoice, error) {
	if err := s.require(RightBilling); err != nil {
		return Invoice{}, err
	}
	return loadInvoice(ctx, s.r, id)
}

// InvoiceByNumber finds a finalized invoice or credit note by its number.
func (s *Store) InvoiceByNumber(ctx context.Context, number string) (Invoice, error) {
	if err := s.require(RightBilling); err != nil {
		return Invoice{}, err
	}
	var id string
	err := s.r.QueryRowContext(ctx, `SELECT id FROM invoices WHERE number = ? AND deleted = 0`, strings.TrimSpace(number)).Scan(&id)
	if err == sql.ErrNoRows {
		return Invoice{}, NewError(ENotFound, "invoice.problem.no_number", "Number", clip(strings.TrimSpace(number)))
	} else if err != nil {
		return Invoice{}, sqlErr("finding an invoice by its number", err)
	}
	return loadInvoice(ctx, s.r, id)
}

// InvoiceView is an invoice as the lists show it: with its patient, what
// was paid and credited on it, what is still due, and its status.
type InvoiceView struct {
	ID          string
	Kind        string
	State       string // InvoiceDraft or InvoiceFinal
	Number      string
	PatientID   string
	PatientName string // "Given Family"
	Family      string
	Given       string
	ChartNumber string
	PayerKind   string
	PayerName   string
	IssueDate   Date
	ServiceDate Date
	DueDate     Date
	CreditsID   string
	Total, Tax  Money
	Paid        Money // payments on it, less what was moved to the patient's credit
	Credited    Money // the credit notes' totals (negative)
	Due         Money
	Status      string // one of the Bill… statuses
}

// statusOn derives the status shown on day today.
func (v *InvoiceView) statusOn(today Date) string {
	switch {
	case v.State == InvoiceDraft:
		return BillDraft
	case v.Kind == KindCreditNote:
		return BillCreditNote
	case v.Credited != 0 && v.Total+v.Credited == 0:
		return BillCredited
	case v.Due <= 0:
		return BillPaid
	case !v.DueDate.IsZero() && v.DueDate.Before(today):
		return BillOverdue
	case v.Paid > 0:
		return BillPartlyPaid
	}
	return BillUnpaid
}

// InvoiceFilter narrows the invoice list. Zero fields do not filter.
type InvoiceFilter struct {
	Status    string // a Bill… status; "" for all. BillUnpaid includes partly paid and overdue ones.
	PatientID string
	Payer     string // part of the payer's or the patient's name (the patient's with accents ignored)
	From, To  Date   // issue date (a draft's service date) within [From, To]
	Limit     int    // 0: 500
}

const invoiceViewSelect = `SELECT i.id, i.kind, i.status, COALESCE(i.number, ''), i.patient_id,
	p.given_name || ' ' || p.family_name, p.family_name, p.given_name, p.chart_number, i.payer_kind, i.payer_name,
	i.issue_date, i.service_date, i.due_date, COALESCE(i.credits_id, ''), i.total, i.tax,
	COALESCE((SELECT SUM(amount) FROM payments y WHERE y.invoice_id = i.id), 0),
	COALESCE((SELECT SUM(c.total) FROM invoices c WHERE c.credits_id = i.id AND c.status = 'final' AND c.deleted = 0), 0),
	COALESCE(d.due, 0)
	FROM invoices i
	JOIN patients p ON p.id = i.patient_id
	LEFT JOIN invoice_due d ON d.invoice_id = i.id`

func scanInvoiceViews(ctx context.Context, q querier, today Date, query string, args ...any) ([]InvoiceView, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("listing invoices", err)
	}
	defer rows.Close()
	var out []InvoiceView
	for rows.Next() {
		var v InvoiceView
		if err := rows.Scan(&v.ID, &v.Kind, &v.State, &v.Number, &v.PatientID, &v.PatientName, &v.Family, &v.Given,
			&v.ChartNumber, &v.PayerKind, &v.PayerName, &v.IssueDate, &v.ServiceDate, &v.DueDate, &v.CreditsID,
			&v.Total, &v.Tax, &v.Paid, &v.Credited, &v.Due); err != nil {
			return nil, sqlErr("listing invoices", err)
		}
		if v.State == InvoiceDraft {
			v.Due = 0
		}
		v.Status = v.statusOn(today)
		out = append(out, v)
	}
	return out, sqlErr("listing invoices", rows.Err())
}

// Invoices lists invoices and credit notes, drafts and newest first.
func (s *Store) Invoices(ctx context.Context, f InvoiceFilter, today Date) ([]InvoiceView, error) {
	if err := s.require(RightBilling); err != nil {
		return nil, err
	}
	where := []string{"i.deleted = 0"}
	var args []any
	switch f.Status {
	case BillDraft:
		where = append(where, "i.status = 'draft'")
	case BillUnpaid, BillPartlyPaid:
		where = append(where, "i.status = 'final' AND d.due > 0")
	case BillOverdue:
		where = append(where, "i.status = 'final' AND d.due > 0 AND d.due_date < ?")
		args = append(args, today.String())
	case BillPaid:
		where = append(where, `i.status = 'final' AND i.kind = 'invoice' AND d.invoice_id IS NULL AND NOT EXISTS
			(SELECT 1 FROM invoices c WHERE c.credits_id = i.id AND c.status = 'final' AND c.deleted = 0)`)
	case BillCredited:
		where = append(where, `i.status = 'final' AND EXISTS
			(SELECT 1 FROM invoices c WHERE c.credits_id = i.id AND c.status = 'final' AND c.deleted = 0)`)
	case BillCreditNote:
		where = append(where, "i.kind = 'credit_note' AND i.status = 'final'")
	}
	if f.PatientID != "" {
		where = append(where, "i.patient_id = ?")
		args = append(args, f.PatientID)
	}
	if !f.From.IsZero() {
		where = append(where, "COALESCE(i.issue_date, i.service_date) >= ?")
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where = append(where, "COALESCE(i.issue_date, i.service_date) <= ?")
		args = append(args, f.To.String())
	}
	if q := strings.TrimSpace(f.Payer); q != "" {
		// The patient's name is matched folded (its search key); the
		// payer's as typed, in any case.
		where = append(where, "(i.payer_name LIKE ? ESCAPE '\\' OR p.name_key LIKE ? ESCAPE '\\')")
		args = append(args, "%"+escapeLike(q)+"%", "%"+escapeLike(Fold(q))+"%")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	args = append(args, limit)
	return scanInvoiceViews(ctx, s.r, today, invoiceViewSelect+" WHERE "+strings.Join(where, " AND ")+`
		ORDER BY i.status = 'final', COALESCE(i.issue_date, i.service_date) DESC, i.number DESC LIMIT ?`, args...)
}

// escapeLike protects LIKE's wildcards in text typed by a person.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// InvoiceViewOf reads one invoice as the lists show it.
func (s *Store) InvoiceViewOf(ctx context.Context, id string, today Date) (InvoiceView, error) {
	if err := s.require(RightBilling); err != nil {
		return InvoiceView{}, err
	}
	vs, err := scanInvoiceViews(ctx, s.r, today, invoiceViewSelect+` WHERE i.id = ? AND i.deleted = 0`, id)
	if err != nil {
		return InvoiceView{}, err
	}
	if len(vs) == 0 {
		return InvoiceView{}, NewError(ENotFound, "invoice.problem.not_found")
	}
	return vs[0], nil
}
