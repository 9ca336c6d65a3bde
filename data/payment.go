package data

import (
	"context"
	"database/sql"
	"time"

	"frontdesk/data/i18n"
)

// Payment methods. MethodCredit is not money taken: it moves money
// between the patient's credit and an invoice.
const (
	MethodCash     = "cash"
	MethodCard     = "card"
	MethodTransfer = "transfer"
	MethodCheque   = "cheque"
	MethodInsurer  = "insurer"
	MethodCredit   = "credit"
)

// PaymentMethods are the ways money is taken, in the order forms offer them.
var PaymentMethods = []string{MethodCash, MethodCard, MethodTransfer, MethodCheque, MethodInsurer}

// Payment is one row of money received (positive) or given back
// (negative, with a reason). Payments are never changed or deleted: a
// mistake is undone by a payment of the opposite sign. InvoiceID "" is
// the patient's credit.
type Payment struct {
	ID         string
	PatientID  string
	InvoiceID  string
	ReceiptID  string // the rows of one payment taken share it
	PaidOn     Date
	Amount     Money
	Method     string
	Reference  string // a cheque's number, a transfer's reference
	Reason     string // why money was given back
	RecordedAt time.Time
}

func validMethod(m string) bool {
	for _, v := range PaymentMethods {
		if v == m {
			return true
		}
	}
	return m == MethodCredit
}

// Validate cleans and checks the payment.
func (p *Payment) Validate() error {
	var ps Problems
	p.Reference = CleanText(p.Reference)
	p.Reason = CleanText(p.Reason)
	ps.length(FieldReference, "payment.field.reference", p.Reference, MaxShort)
	ps.length(FieldReason, "payment.field.reason", p.Reason, MaxShort)
	amount := i18n.Key("payment.field.amount")
	switch {
	case p.Amount == 0:
		ps.Report(FieldAmount, "payment.problem.zero", "Field", amount)
	case p.Amount > MaxMoney || p.Amount < -MaxMoney:
		ps.Report(FieldAmount, "payment.problem.too_large", "Field", amount)
	}
	if !validMethod(p.Method) {
		ps.Report(FieldMethod, "payment.problem.method", "Text", clip(p.Method))
	}
	if p.PaidOn.IsZero() {
		ps.Report("", "payment.problem.no_date")
	}
	if p.PatientID == "" {
		ps.Report("", "invoice.problem.patient")
	}
	if p.ReceiptID == "" {
		p.ReceiptID = NewID()
	}
	return ps.Err()
}

func (p *Payment) row() row {
	return row{"payments", &p.ID,
		[]string{"patient_id", "invoice_id", "receipt_id", "paid_on", "amount", "method", "reference", "reason", "recorded_at"},
		[]any{p.PatientID, nullable(p.InvoiceID), p.ReceiptID, p.PaidOn, int64(p.Amount), p.Method, p.Reference, p.Reason,
			p.RecordedAt.Unix()}}
}

// PaymentRequest is a payment as the desk takes it: an amount for an
// invoice (or on the patient's account), in one method. A negative amount
// gives money back and needs a reason.
type PaymentRequest struct {
	PatientID string
	InvoiceID string // "": on the patient's account
	Amount    Money
	Method    string // MethodCredit: pay the invoice from the patient's credit
	PaidOn    Date
	Reference string
	Reason    string
}

// Receipt is what a payment taken wrote: its rows (one on the invoice,
// one more for an over-payment kept as credit) and what that means.
type Receipt struct {
	ID       string
	Rows     []Payment
	Applied  Money // paid on the invoice
	ToCredit Money // kept as the patient's credit (or taken from it, negative)
}

// TakePayment records a payment. On an invoice, up to what is due goes
// to the invoice and anything more is kept as the patient's credit (said
// in ToCredit); a refund (negative amount) needs a reason and gives back
// at most what was paid on the invoice, or what the patient has as
// credit; MethodCredit pays the invoice from the credit. The invoice must
// be finalized and the patient's.
func (tx *Tx) TakePayment(req PaymentRequest) (Receipt, error) {
	var rc Receipt
	base := Payment{PatientID: req.PatientID, ReceiptID: NewID(), PaidOn: req.PaidOn, Method: req.Method,
		Reference: req.Reference, Reason: req.Reason, RecordedAt: tx.now}
	rc.ID = base.ReceiptID
	check := base
	check.Amount = req.Amount
	if err := check.Validate(); err != nil {
		return rc, err
	}
	if req.Amount < 0 && check.Reason == "" {
		return rc, NewError(EInvalid, "payment.problem.refund_reason")
	}
	credit, err := creditOf(tx, req.PatientID)
	if err != nil {
		return rc, err
	}
	var due, paid Money
	if req.InvoiceID != "" {
		inv, err := loadInvoice(tx.ctx, tx.tx, req.InvoiceID)
		if err != nil {
			return rc, err
		}
		switch {
		case inv.PatientID != req.PatientID:
			return rc, NewError(EInvalid, "payment.problem.other_patient")
		case inv.Status != InvoiceFinal:
			return rc, NewError(EInvalid, "payment.problem.draft")
		case inv.Kind != KindInvoice:
			return rc, NewError(EInvalid, "payment.problem.credit_note")
		}
		if err := tx.tx.QueryRowContext(tx.ctx, `SELECT COALESCE((SELECT due FROM invoice_due WHERE invoice_id = ?), 0)`,
			req.InvoiceID).Scan(&due); err != nil {
			return rc, sqlErr("taking a payment", err)
		}
		if paid, err = paidOn(tx, req.InvoiceID); err != nil {
			return rc, err
		}
	}
	row := func(invoiceID string, amount Money, method string) error {
		p := base
		p.InvoiceID, p.Amount, p.Method = invoiceID, amount, method
		if err := tx.Save(&p); err != nil {
			return err
		}
		rc.Rows = append(rc.Rows, p)
		return nil
	}
	switch {
	case req.Method == MethodCredit:
		switch {
		case req.InvoiceID == "" || req.Amount < 0:
			return rc, NewError(EInvalid, "payment.problem.credit_use")
		case req.Amount > credit:
			return rc, NewError(EInvalid, "payment.problem.credit_short", "Credit", amountArg(tx, credit))
		case req.Amount > due:
			return rc, NewError(EInvalid, "payment.problem.more_than_due", "Due", amountArg(tx, max(due, 0)))
		}
		if err := row("", -req.Amount, MethodCredit); err != nil {
			return rc, err
		}
		rc.ToCredit = -req.Amount
		rc.Applied = req.Amount
		return rc, row(req.InvoiceID, req.Amount, MethodCredit)
	case req.Amount < 0 && req.InvoiceID != "":
		if -req.Amount > paid {
			return rc, NewError(EInvalid, "payment.problem.refund_more_than_paid", "Paid", amountArg(tx, max(paid, 0)))
		}
		rc.Applied = req.Amount
		return rc, row(req.InvoiceID, req.Amount, req.Method)
	case req.Amount < 0:
		if -req.Amount > credit {
			return rc, NewError(EInvalid, "payment.problem.credit_short", "Credit", amountArg(tx, max(credit, 0)))
		}
		rc.ToCredit = req.Amount
		return rc, row("", req.Amount, req.Method)
	case req.InvoiceID == "":
		rc.ToCredit = req.Amount
		return rc, row("", req.Amount, req.Method)
	}
	applied := min(req.Amount, max(due, 0))
	if applied > 0 {
		rc.Applied = applied
		if err := row(req.InvoiceID, applied, req.Method); err != nil {
			return rc, err
		}
	}
	if rest := req.Amount - applied; rest > 0 {
		rc.ToCredit = rest
		return rc, row("", rest, req.Method)
	}
	return rc, nil
}

// amountArg is an amount of the practice currency as a message argument.
func amountArg(tx *Tx, m Money) i18n.Amount {
	pr, _ := loadPractice(tx.ctx, tx.tx)
	return i18n.Amount{Minor: int64(m), Currency: pr.Currency}
}

// creditOf is what the patient has as credit: over-payments and credited
// payments, less what was used or given back.
func creditOf(tx *Tx, patientID string) (Money, error) {
	var c Money
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT COALESCE(SUM(amount), 0) FROM payments
		WHERE patient_id = ? AND invoice_id IS NULL AND deleted = 0`, patientID).Scan(&c)
	return c, sqlErr("reading a patient's credit", err)
}

// Account is a patient's position: what is due on their invoices, their
// credit, and the balance (due less credit; negative when the practice
// owes them).
type Account struct {
	Due     Money
	Credit  Money
	Balance Money
}

// PatientAccount reads a patient's account.
func (s *Store) PatientAccount(ctx context.Context, patientID string) (Account, error) {
	if err := s.require(RightBilling); err != nil {
		return Account{}, err
	}
	var a Account
	err := s.r.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT SUM(due) FROM invoice_due WHERE patient_id = ?1), 0),
		COALESCE((SELECT SUM(amount) FROM payments WHERE patient_id = ?1 AND invoice_id IS NULL AND deleted = 0), 0)`,
		patientID).Scan(&a.Due, &a.Credit)
	a.Balance = a.Due - a.Credit
	return a, sqlErr("reading a patient's account", err)
}

// PaymentView is a payment row with what the lists and receipts name.
type PaymentView struct {
	Payment
	InvoiceNumber string
	PatientName   string
	ChartNumber   string
}

const paymentViewSelect = `SELECT y.id, y.patient_id, COALESCE(y.invoice_id, ''), y.receipt_id, y.paid_on, y.amount, y.method,
	y.reference, y.reason, y.recorded_at, COALESCE(i.number, ''), p.given_name || ' ' || p.family_name, p.chart_number
	FROM payments y
	JOIN patients p ON p.id = y.patient_id
	LEFT JOIN invoices i ON i.id = y.invoice_id`

func scanPaymentViews(ctx context.Context, q querier, query string, args ...any) ([]PaymentView, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("listing payments", err)
	}
	defer rows.Close()
	var out []PaymentView
	for rows.Next() {
		var v PaymentView
		var recorded int64
		if err := rows.Scan(&v.ID, &v.PatientID, &v.InvoiceID, &v.ReceiptID, &v.PaidOn, &v.Amount, &v.Method, &v.Reference,
			&v.Reason, &recorded, &v.InvoiceNumber, &v.PatientName, &v.ChartNumber); err != nil {
			return nil, sqlErr("listing payments", err)
		}
		v.RecordedAt = time.Unix(recorded, 0).UTC()
		out = append(out, v)
	}
	return out, sqlErr("listing payments", rows.Err())
}

// PatientPayments lists a patient's payments, newest first.
func (s *Store) PatientPayments(ctx context.Context, patientID string) ([]PaymentView, error) {
	if err := s.require(RightBilling); err != nil {
		return nil, err
	}
	return scanPaymentViews(ctx, s.r, paymentViewSelect+` WHERE y.patient_id = ? AND y.deleted = 0
		ORDER BY y.paid_on DESC, y.recorded_at DESC, y.id DESC`, patientID)
}

// ReceiptRows reads the rows of one payment taken.
func (s *Store) ReceiptRows(ctx context.Context, receiptID string) ([]PaymentView, error) {
	if err := s.require(RightBilling); err != nil {
		return nil, err
	}
	rows, err := scanPaymentViews(ctx, s.r, paymentViewSelect+` WHERE y.receipt_id = ? AND y.deleted = 0 ORDER BY y.id`, receiptID)
	if err == nil && len(rows) == 0 {
		err = NewError(ENotFound, "payment.problem.not_found")
	}
	return rows, err
}

// LastReceipt returns the newest receipt of a patient's payments, ""
// when they have none.
func (s *Store) LastReceipt(ctx context.Context, patientID string) (string, error) {
	if err := s.require(RightBilling); err != nil {
		return "", err
	}
	var id string
	err := s.r.QueryRowContext(ctx, `SELECT receipt_id FROM payments WHERE patient_id = ? AND method <> 'credit' AND deleted = 0
		ORDER BY recorded_at DESC, id DESC LIMIT 1`, patientID).Scan(&id)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return id, sqlErr("finding a patient's last receipt", err)
}
