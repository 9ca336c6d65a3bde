package reports

import (
	"context"
	"io"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// ReceiptDoc is what a receipt prints: the rows of one payment taken,
// the patient's account after it, the practice's letterhead of today.
type ReceiptDoc struct {
	Rows       []data.PaymentView
	Account    data.Account
	Letterhead data.Letterhead
	Currency   string
	DateFormat data.DateFormat
	Lang       i18n.Lang
}

// LoadReceiptDoc reads a receipt's rows and the patient's account.
func LoadReceiptDoc(ctx context.Context, s *data.Store, receiptID string) (ReceiptDoc, error) {
	rows, err := s.ReceiptRows(ctx, receiptID)
	if err != nil {
		return ReceiptDoc{}, err
	}
	pr, err := s.Practice(ctx)
	if err != nil {
		return ReceiptDoc{}, err
	}
	doc := ReceiptDoc{Rows: rows, Currency: pr.Currency, DateFormat: pr.DateFormat, Lang: pr.DocumentLanguage}
	if doc.Account, err = s.PatientAccount(ctx, rows[0].PatientID); err != nil {
		return doc, err
	}
	doc.Letterhead, err = s.Letterhead(ctx)
	return doc, err
}

// methodKeys name the payment methods on paper and on screen.
var methodKeys = map[string]i18n.Key{
	data.MethodCash:     "payment.method.cash",
	data.MethodCard:     "payment.method.card",
	data.MethodTransfer: "payment.method.transfer",
	data.MethodCheque:   "payment.method.cheque",
	data.MethodInsurer:  "payment.method.insurer",
	data.MethodCredit:   "payment.method.credit",
}

// MethodName names a payment method in l's language.
func MethodName(l *i18n.Localizer, m string) string {
	if k, ok := methodKeys[m]; ok {
		return l.T(k)
	}
	return m
}

// WriteReceipt writes a receipt: who paid, when, how much and how, what
// it paid (an invoice, the patient's credit), and the account after it.
// Money given back is a refund receipt with its reason.
func WriteReceipt(w io.Writer, doc ReceiptDoc, o Options) error {
	l := i18n.For(doc.Lang).WithDateOrder(string(doc.DateFormat))
	first := doc.Rows[0]
	var total data.Money
	for _, r := range doc.Rows {
		if r.Method != data.MethodCredit || r.InvoiceID != "" {
			total += r.Amount
		}
	}
	title := l.T("pdf.receipt.title")
	if total < 0 {
		title = l.T("pdf.receipt.title_refund")
	}
	money := func(m data.Money) string { return l.Money(int64(m), doc.Currency) }
	return build(w, title, o, func(d *Doc) error {
		d.words = l
		d.Letterhead(doc.Letterhead)
		d.footer = title + " · " + first.PatientName
		d.Title(title, day(l, first.PaidOn))
		keyValues(d, [][]string{
			{l.T("pdf.receipt.from"), first.PatientName + " (" + first.ChartNumber + ")"},
			{l.T("pdf.receipt.date"), day(l, first.PaidOn)},
			{l.T("pdf.receipt.amount"), money(total)},
			{l.T("pdf.receipt.method"), MethodName(l, first.Method)},
		})
		rows := make([][]string, 0, len(doc.Rows))
		for _, r := range doc.Rows {
			what := l.T("pdf.receipt.to_credit")
			if r.InvoiceNumber != "" {
				what = l.T("pdf.receipt.on_invoice", "Number", r.InvoiceNumber)
			}
			note := r.Reference
			if r.Reason != "" {
				note = joinNonEmpty(" · ", r.Reference, r.Reason)
			}
			rows = append(rows, []string{what, MethodName(l, r.Method), note, money(r.Amount)})
		}
		d.Table([]Column{{Title: l.T("pdf.receipt.column.for")}, {Title: l.T("pdf.receipt.column.method"), Width: 32},
			{Title: l.T("pdf.receipt.column.reference"), Width: 50}, {Title: l.T("pdf.receipt.column.amount"), Width: 28, Align: "R"}}, rows)
		d.Paragraph(accountText(l, doc.Account, doc.Currency))
		return nil
	})
}

// accountText says where a patient's account stands.
func accountText(l *i18n.Localizer, a data.Account, currency string) string {
	switch {
	case a.Balance > 0:
		return l.T("pdf.account.due", "Amount", l.Money(int64(a.Balance), currency))
	case a.Balance < 0:
		return l.T("pdf.account.credit", "Amount", l.Money(int64(-a.Balance), currency))
	}
	return l.T("pdf.account.settled")
}
