package data

import (
	"encoding/json"
	"fmt"
	"time"

	"frontdesk/data/i18n"
)

// Kinds and states of an invoice.
const (
	KindInvoice    = "invoice"
	KindCreditNote = "credit_note"

	InvoiceDraft = "draft"
	InvoiceFinal = "final"

	PayerPatient    = "patient"
	PayerThirdParty = "third_party"
)

// What an invoice is, as the lists show it: derived from its state, its
// payments and its credit notes, never stored (a finalized invoice does
// not change; what is paid on it does).
const (
	BillDraft      = "draft"
	BillUnpaid     = "unpaid"
	BillPartlyPaid = "partly_paid"
	BillOverdue    = "overdue"
	BillPaid       = "paid"
	BillCredited   = "credited"
	BillCreditNote = "credit_note"
)

// maxQuantity bounds a line's quantity: far above a practice's needs,
// far below what could overflow quantity × price.
const maxQuantity = 9999

// Invoice is an invoice or a credit note with its lines. A draft has no
// number and no issue date; FinalizeInvoice gives both and freezes it.
type Invoice struct {
	ID             string
	Kind           string
	Status         string // InvoiceDraft or InvoiceFinal
	Number         string // "A-2026-00001", "" for a draft
	PatientID      string
	AppointmentID  string
	CreditsID      string // a credit note: the invoice it corrects
	PayerKind      string
	PayerName      string
	PayerAddress   string
	PayerReference string
	IssueDate      Date
	ServiceDate    Date
	DueDate        Date
	Currency       string
	Net, Tax       Money
	Total          Money
	Notes          string
	Seller         Seller // the practice's details at finalization
	FinalizedAt    time.Time
	Lines          []InvoiceLine
}

// InvoiceLine is one line: what was done, how many, the unit price
// without tax, and the tax rate with its words, copied from the fee
// schedule so that a later change of the schedule leaves it as billed.
type InvoiceLine struct {
	ID            string
	InvoiceID     string
	Position      int
	FeeItemID     string
	Code          string
	Description   string
	ServiceDate   Date
	Quantity      int
	UnitPrice     Money
	TaxRateID     string
	TaxName       string
	TaxBP         int
	ExemptionText string
	Net, Tax      Money // computed: quantity × unit price, and its tax rounded half up
}

// Seller is what an invoice says of the practice that issued it (EU VAT
// Directive art. 226): its letterhead (name, address, registration and
// tax numbers) and how to pay it, kept with the finalized invoice so that
// a reprint years later shows what the original showed.
type Seller struct {
	Letterhead Letterhead `json:"letterhead"`
	BankName   string     `json:"bank_name,omitempty"`
	IBAN       string     `json:"iban,omitempty"`
	BIC        string     `json:"bic,omitempty"`
	PaymentQR  bool       `json:"payment_qr,omitempty"`
}

// Fields of an invoice, and of a payment (a refund's reason is
// FieldReason, shared with days off and recalls).
const (
	FieldInvoicePayer = "payer"
	FieldPayerAddress = "payer_address"
	FieldLines        = "lines"
	FieldQuantity     = "quantity"
	FieldUnitPrice    = "unit_price"
	FieldInvoiceNotes = "invoice_notes"
	FieldAmount       = "amount"
	FieldMethod       = "method"
	FieldReference    = "reference"
)

// ComputeTotals works out each line's net and tax and the invoice's
// totals: the tax of each line is rounded half up (TaxOf), and the totals
// are the sums of the rounded lines, so that the invoice adds up on paper
// to the cent.
func (inv *Invoice) ComputeTotals() error {
	var net, tax Money
	for i := range inv.Lines {
		l := &inv.Lines[i]
		if l.Quantity < -maxQuantity || l.Quantity > maxQuantity || l.UnitPrice > MaxMoney || l.UnitPrice < -MaxMoney {
			return NewError(EInvalid, "invoice.problem.too_large")
		}
		l.Net = Money(l.Quantity) * l.UnitPrice
		if l.Net > MaxMoney || l.Net < -MaxMoney {
			return NewError(EInvalid, "invoice.problem.too_large")
		}
		t, err := TaxOf(l.Net, l.TaxBP)
		if err != nil {
			return err
		}
		l.Tax = t
		if net, err = AddMoney(net, l.Net); err != nil {
			return err
		}
		if tax, err = AddMoney(tax, l.Tax); err != nil {
			return err
		}
	}
	total, err := AddMoney(net, tax)
	if err != nil {
		return err
	}
	inv.Net, inv.Tax, inv.Total = net, tax, total
	return nil
}

// TaxSubtotal is what an invoice owes at one tax rate.
type TaxSubtotal struct {
	Name          string
	BasisPoints   int
	ExemptionText string
	Net, Tax      Money
}

// TaxBreakdown sums the lines per tax rate, in the order the rates first
// appear; its nets and taxes add up to the invoice's.
func (inv *Invoice) TaxBreakdown() []TaxSubtotal {
	var out []TaxSubtotal
	index := map[string]int{}
	for _, l := range inv.Lines {
		key := l.TaxName + "\x00" + l.ExemptionText + "\x00" + string(rune(l.TaxBP))
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, TaxSubtotal{Name: l.TaxName, BasisPoints: l.TaxBP, ExemptionText: l.ExemptionText})
		}
		out[i].Net += l.Net
		out[i].Tax += l.Tax
	}
	return out
}

// Validate cleans and checks the invoice's own fields; the lines are
// checked by validateLines.
func (inv *Invoice) Validate() error {
	var p Problems
	inv.PayerName = CleanText(inv.PayerName)
	inv.PayerAddress = CleanMultiline(inv.PayerAddress)
	inv.PayerReference = CleanText(inv.PayerReference)
	inv.Notes = CleanMultiline(inv.Notes)
	if inv.Kind != KindInvoice && inv.Kind != KindCreditNote {
		p.Report("", "invoice.problem.kind", "Text", clip(inv.Kind))
	}
	if inv.Status != InvoiceDraft && inv.Status != InvoiceFinal {
		p.Report("", "invoice.problem.state", "Text", clip(inv.Status))
	}
	if inv.PayerKind != PayerPatient && inv.PayerKind != PayerThirdParty {
		p.Report(FieldInvoicePayer, "invoice.problem.payer_kind", "Text", clip(inv.PayerKind))
	}
	if inv.PatientID == "" {
		p.Report("", "invoice.problem.patient")
	}
	p.required(FieldInvoicePayer, "invoice.field.payer", inv.PayerName, MaxName)
	p.length(FieldPayerAddress, "invoice.field.payer_address", inv.PayerAddress, MaxAddress)
	p.length(FieldPayerAddress, "invoice.field.payer_reference", inv.PayerReference, MaxShort)
	p.length(FieldInvoiceNotes, "invoice.field.notes", inv.Notes, MaxAddress)
	if _, err := ParseCurrency(inv.Currency); err != nil {
		p.reportError("", err)
	}
	p = append(p, inv.lineProblems()...)
	return p.Err()
}

// lineProblems checks every line: words, a quantity, a price of the
// invoice's sign (credit notes are negative).
func (inv *Invoice) lineProblems() Problems {
	var p Problems
	for i := range inv.Lines {
		l := &inv.Lines[i]
		l.Code = CleanText(l.Code)
		l.Description = CleanText(l.Description)
		l.TaxName = CleanText(l.TaxName)
		l.ExemptionText = CleanText(l.ExemptionText)
		n := i + 1
		if l.Description == "" {
			p.Report(FieldLines, "invoice.problem.line_description", "Line", n)
		}
		p.length(FieldLines, "fee_item.field.description", l.Description, MaxShort)
		p.length(FieldLines, "fee_item.field.code", l.Code, MaxFeeCode)
		p.length(FieldLines, "tax_rate.field.exemption", l.ExemptionText, maxExemptionLength)
		if l.Quantity < 1 || l.Quantity > maxQuantity {
			p.Report(FieldQuantity, "invoice.problem.quantity", "Line", n, "Max", maxQuantity)
		}
		switch {
		case l.UnitPrice > MaxMoney || l.UnitPrice < -MaxMoney:
			p.Report(FieldUnitPrice, "invoice.problem.too_large")
		case inv.Kind == KindInvoice && l.UnitPrice < 0:
			p.Report(FieldUnitPrice, "invoice.problem.price_negative", "Line", n)
		case inv.Kind == KindCreditNote && l.UnitPrice > 0:
			p.Report(FieldUnitPrice, "invoice.problem.credit_positive", "Line", n)
		}
		if l.TaxBP < 0 || l.TaxBP > 10000 {
			p.Report(FieldLines, "tax_rate.problem.rate", "Field", i18n.Key("tax_rate.field.rate"))
		}
	}
	return p
}

func (inv *Invoice) row() row {
	seller := ""
	if inv.Status == InvoiceFinal {
		b, _ := json.Marshal(inv.Seller)
		seller = string(b)
	}
	var number any
	if inv.Number != "" {
		number = inv.Number
	}
	return row{"invoices", &inv.ID,
		[]string{"kind", "status", "number", "patient_id", "appointment_id", "credits_id", "payer_kind", "payer_name",
			"payer_address", "payer_reference", "issue_date", "service_date", "due_date", "currency", "net", "tax", "total",
			"notes", "seller", "finalized_at"},
		[]any{inv.Kind, inv.Status, number, inv.PatientID, nullable(inv.AppointmentID), nullable(inv.CreditsID), inv.PayerKind,
			inv.PayerName, inv.PayerAddress, inv.PayerReference, inv.IssueDate, inv.ServiceDate, inv.DueDate, inv.Currency,
			int64(inv.Net), int64(inv.Tax), int64(inv.Total), inv.Notes, seller, unixOrZero(inv.FinalizedAt)}}
}

// lineRecord is a line as the write path stores it.
type lineRecord struct{ *InvoiceLine }

func (l lineRecord) Validate() error { return nil } // checked with its invoice

func (l lineRecord) row() row {
	return row{"invoice_lines", &l.ID,
		[]string{"invoice_id", "position", "fee_item_id", "code", "description", "service_date", "quantity", "unit_price",
			"tax_rate_id", "tax_name", "tax_bp", "exemption_text", "net", "tax"},
		[]any{l.InvoiceID, l.Position, nullable(l.FeeItemID), l.Code, l.Description, l.ServiceDate, l.Quantity,
			int64(l.UnitPrice), nullable(l.TaxRateID), l.TaxName, l.TaxBP, l.ExemptionText, int64(l.Net), int64(l.Tax)}}
}

// LineFromFee makes a line of one fee item at its rate.
func LineFromFee(f FeeItem, r TaxRate, quantity int, service Date) InvoiceLine {
	return InvoiceLine{FeeItemID: f.ID, Code: f.Code, Description: f.Description, ServiceDate: service, Quantity: quantity,
		UnitPrice: f.Price, TaxRateID: r.ID, TaxName: r.Name, TaxBP: r.BasisPoints, ExemptionText: r.ExemptionText}
}

// InvoiceNumber writes the n-th invoice of a device series in a year:
// A-2026-00001. Each device numbers from its own letter, so two offline
// computers never give the same number, and each year starts again at 1.
func InvoiceNumber(series string, year int, n int64) string {
	return fmt.Sprintf("%s-%04d-%05d", series, year, n)
}

// invoiceCounter is the name of the counter of a year's series.
func invoiceCounter(year int) string { return fmt.Sprintf("invoice-%04d", year) }
