package reports

import (
	"context"
	"io"
	"sort"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// StatementDoc is a patient's statement of account: every finalized
// invoice and credit note and every payment, with the balance after each.
type StatementDoc struct {
	Patient    data.Patient
	Invoices   []data.InvoiceView
	Payments   []data.PaymentView
	Account    data.Account
	Letterhead data.Letterhead
	Currency   string
	DateFormat data.DateFormat
	Lang       i18n.Lang
	Today      data.Date
}

// LoadStatementDoc reads what a patient's statement prints.
func LoadStatementDoc(ctx context.Context, s *data.Store, patientID string, today data.Date) (StatementDoc, error) {
	pt, err := s.Patient(ctx, patientID)
	if err != nil {
		return StatementDoc{}, err
	}
	pr, err := s.Practice(ctx)
	if err != nil {
		return StatementDoc{}, err
	}
	doc := StatementDoc{Patient: pt, Currency: pr.Currency, DateFormat: pr.DateFormat, Lang: pr.DocumentLanguage, Today: today}
	if doc.Invoices, err = s.Invoices(ctx, data.InvoiceFilter{PatientID: patientID, Limit: 100000}, today); err != nil {
		return doc, err
	}
	if doc.Payments, err = s.PatientPayments(ctx, patientID); err != nil {
		return doc, err
	}
	if doc.Account, err = s.PatientAccount(ctx, patientID); err != nil {
		return doc, err
	}
	doc.Letterhead, err = s.Letterhead(ctx)
	return doc, err
}

// statementEntry is one line of the statement.
type statementEntry struct {
	on      data.Date
	order   int // invoices before the payments of the same day
	what    string
	charge  data.Money
	payment data.Money
}

// WriteStatement writes the statement of account: by date, each invoice
// (a charge), credit note and payment (less owed), the running balance,
// and what is due or held as credit at the end. Money moved between an
// invoice and the patient's credit changes nothing owed and is left out.
func WriteStatement(w io.Writer, doc StatementDoc, o Options) error {
	l := i18n.For(doc.Lang).WithDateOrder(string(doc.DateFormat))
	money := func(m data.Money) string { return l.Money(int64(m), doc.Currency) }
	var entries []statementEntry
	for _, v := range doc.Invoices {
		if v.State != data.InvoiceFinal {
			continue
		}
		what := l.T("pdf.statement.invoice", "Number", v.Number)
		if v.Kind == data.KindCreditNote {
			what = l.T("pdf.statement.credit_note", "Number", v.Number)
		}
		entries = append(entries, statementEntry{on: v.IssueDate, what: what, charge: v.Total})
	}
	for i := len(doc.Payments) - 1; i >= 0; i-- { // oldest first: the list is newest first
		p := doc.Payments[i]
		if p.Method == data.MethodCredit {
			continue
		}
		what := l.T("pdf.statement.payment", "Method", MethodName(l, p.Method))
		if p.Amount < 0 {
			what = l.T("pdf.statement.refund", "Method", MethodName(l, p.Method), "Reason", p.Reason)
		}
		if p.InvoiceNumber != "" {
			what += " · " + p.InvoiceNumber
		}
		entries = append(entries, statementEntry{on: p.PaidOn, order: 1, what: what, payment: p.Amount})
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if c := entries[i].on.Compare(entries[j].on); c != 0 {
			return c < 0
		}
		return entries[i].order < entries[j].order
	})
	title := l.T("pdf.statement.title")
	pt := doc.Patient
	return build(w, title, o, func(d *Doc) error {
		d.words = l
		d.Letterhead(doc.Letterhead)
		d.footer = title + " · " + pt.FullName() + " (" + pt.ChartNumber + ")"
		d.Title(title, pt.FullName()+" · "+pt.ChartNumber+" · "+l.T("pdf.statement.on", "Date", doc.Today))
		if len(entries) == 0 {
			d.Paragraph(l.T("pdf.statement.empty"))
		} else {
			var balance data.Money
			rows := make([][]string, len(entries))
			for i, e := range entries {
				balance += e.charge - e.payment
				var charge, paid string
				if e.charge != 0 {
					charge = money(e.charge)
				}
				if e.payment != 0 {
					paid = money(e.payment)
				}
				rows[i] = []string{day(l, e.on), e.what, charge, paid, money(balance)}
			}
			d.Table([]Column{{Title: l.T("pdf.statement.column.date"), Width: 24}, {Title: l.T("pdf.statement.column.what")},
				{Title: l.T("pdf.statement.column.charge"), Width: 28, Align: "R"}, {Title: l.T("pdf.statement.column.paid"), Width: 28, Align: "R"},
				{Title: l.T("pdf.statement.column.balance"), Width: 28, Align: "R"}}, rows)
		}
		d.pdf.SetFont("DejaVu", "B", fontSize)
		d.Paragraph(accountText(l, doc.Account, doc.Currency))
		d.pdf.SetFont("DejaVu", "", fontSize)
		return nil
	})
}
