package data

import (
	"context"

	"frontdesk/data/i18n"
)

// TaxRate is a rate of the fee schedule: 0 % (an exempt act, whose legal
// wording the invoice prints), a reduced or the standard rate. Rates are
// basis points (2000 = 20 %), never a float.
type TaxRate struct {
	ID            string
	Name          string
	BasisPoints   int
	ExemptionText string // printed on every invoice with a line at this rate
	Active        bool
}

// FeeItem is something the practice charges: its code, the words on the
// invoice, its price without tax and its tax rate.
type FeeItem struct {
	ID          string
	Code        string
	Description string
	Price       Money
	TaxRateID   string
	Active      bool
}

// Fields of the fee schedule.
const (
	FieldTaxName       = "tax_name"
	FieldBasisPoints   = "basis_points"
	FieldExemption     = "exemption_text"
	FieldFeeCode       = "code"
	FieldDescription   = "description"
	FieldPrice         = "price"
	FieldTaxRate       = "tax_rate"
	MaxFeeCode         = 20
	maxExemptionLength = 300
)

// Validate cleans and checks the rate.
func (r *TaxRate) Validate() error {
	var p Problems
	r.Name = CleanText(r.Name)
	r.ExemptionText = CleanText(r.ExemptionText)
	p.required(FieldTaxName, "tax_rate.field.name", r.Name, MaxName)
	p.length(FieldExemption, "tax_rate.field.exemption", r.ExemptionText, maxExemptionLength)
	if r.BasisPoints < 0 || r.BasisPoints > 10000 {
		p.Report(FieldBasisPoints, "tax_rate.problem.rate", "Field", i18n.Key("tax_rate.field.rate"))
	}
	return p.Err()
}

func (r *TaxRate) row() row {
	return row{"tax_rates", &r.ID, []string{"name", "basis_points", "exemption_text", "active"},
		[]any{r.Name, r.BasisPoints, r.ExemptionText, r.Active}}
}

// Validate cleans and checks the fee item.
func (f *FeeItem) Validate() error {
	var p Problems
	f.Code = CleanText(f.Code)
	f.Description = CleanText(f.Description)
	p.required(FieldFeeCode, "fee_item.field.code", f.Code, MaxFeeCode)
	p.required(FieldDescription, "fee_item.field.description", f.Description, MaxShort)
	price := i18n.Key("fee_item.field.price")
	if f.Price < 0 {
		p.Report(FieldPrice, "fee_item.problem.price_negative", "Field", price)
	} else if f.Price > MaxMoney {
		p.Report(FieldPrice, "fee_item.problem.price_too_large", "Field", price)
	}
	if f.TaxRateID == "" {
		p.Report(FieldTaxRate, "problem.missing", "Field", i18n.Key("fee_item.field.tax_rate"))
	}
	return p.Err()
}

func (f *FeeItem) row() row {
	return row{"fee_items", &f.ID, []string{"code", "description", "price", "tax_rate_id", "active"},
		[]any{f.Code, f.Description, int64(f.Price), f.TaxRateID, f.Active}}
}

// FeeSchedule is the practice's tax rates and fee items, active ones
// first.
type FeeSchedule struct {
	Rates []TaxRate
	Items []FeeItem
}

// Rate returns the rate of id.
func (fs FeeSchedule) Rate(id string) (TaxRate, bool) {
	for _, r := range fs.Rates {
		if r.ID == id {
			return r, true
		}
	}
	return TaxRate{}, false
}

// Item returns the fee item of id.
func (fs FeeSchedule) Item(id string) (FeeItem, bool) {
	for _, f := range fs.Items {
		if f.ID == id {
			return f, true
		}
	}
	return FeeItem{}, false
}

// FeeSchedule reads the tax rates and fee items.
func (s *Store) FeeSchedule(ctx context.Context) (FeeSchedule, error) {
	return loadFeeSchedule(ctx, s.r)
}

func loadFeeSchedule(ctx context.Context, q querier) (FeeSchedule, error) {
	var fs FeeSchedule
	rows, err := q.QueryContext(ctx, `SELECT id, name, basis_points, exemption_text, active FROM tax_rates
		WHERE deleted = 0 ORDER BY active DESC, basis_points, name`)
	if err != nil {
		return fs, sqlErr("reading the fee schedule", err)
	}
	for rows.Next() {
		var r TaxRate
		if err := rows.Scan(&r.ID, &r.Name, &r.BasisPoints, &r.ExemptionText, &r.Active); err != nil {
			rows.Close()
			return fs, sqlErr("reading the fee schedule", err)
		}
		fs.Rates = append(fs.Rates, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fs, sqlErr("reading the fee schedule", err)
	}
	rows, err = q.QueryContext(ctx, `SELECT id, code, description, price, tax_rate_id, active FROM fee_items
		WHERE deleted = 0 ORDER BY active DESC, code`)
	if err != nil {
		return fs, sqlErr("reading the fee schedule", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f FeeItem
		if err := rows.Scan(&f.ID, &f.Code, &f.Description, &f.Price, &f.TaxRateID, &f.Active); err != nil {
			return fs, sqlErr("reading the fee schedule", err)
		}
		fs.Items = append(fs.Items, f)
	}
	return fs, sqlErr("reading the fee schedule", rows.Err())
}

// BillingSettings are how the practice is paid: the bank details printed
// on its invoices and in their payment QR code, and the days an invoice
// gives to pay.
type BillingSettings struct {
	ID          string
	BankName    string
	IBAN        string // stored without spaces, in capitals
	BIC         string
	PaymentDays int
	PaymentQR   bool // print the EPC payment QR code on invoices in euros
}

// Fields of the billing settings.
const (
	FieldBankName    = "bank_name"
	FieldIBAN        = "iban"
	FieldBIC         = "bic"
	FieldPaymentDays = "payment_days"
)

// DefaultPaymentDays is what an invoice gives to pay until Settings say
// otherwise.
const DefaultPaymentDays = 30

// Validate cleans and checks the bank details: an IBAN must pass its
// check digits, a BIC have 8 or 11 characters.
func (b *BillingSettings) Validate() error {
	var p Problems
	b.BankName = CleanText(b.BankName)
	b.IBAN = CompactIBAN(b.IBAN)
	b.BIC = CompactIBAN(b.BIC)
	p.length(FieldBankName, "billing.field.bank_name", b.BankName, MaxName)
	if b.IBAN != "" && !ValidIBAN(b.IBAN) {
		p.Report(FieldIBAN, "billing.problem.iban", "Field", i18n.Key("billing.field.iban"), "Text", clip(b.IBAN))
	}
	if b.BIC != "" && !validBIC(b.BIC) {
		p.Report(FieldBIC, "billing.problem.bic", "Field", i18n.Key("billing.field.bic"), "Text", clip(b.BIC))
	}
	if b.PaymentDays < 0 || b.PaymentDays > 365 {
		p.Report(FieldPaymentDays, "billing.problem.payment_days", "Field", i18n.Key("billing.field.payment_days"))
	}
	return p.Err()
}

func (b *BillingSettings) row() row {
	return row{"billing_settings", &b.ID, []string{"bank_name", "iban", "bic", "payment_days", "payment_qr"},
		[]any{b.BankName, b.IBAN, b.BIC, b.PaymentDays, b.PaymentQR}}
}

// BillingSettings reads the billing settings; a practice that never saved
// them gets the defaults (no bank details, 30 days, the QR code on).
func (s *Store) BillingSettings(ctx context.Context) (BillingSettings, error) {
	return loadBillingSettings(ctx, s.r)
}

func loadBillingSettings(ctx context.Context, q querier) (BillingSettings, error) {
	b := BillingSettings{PaymentDays: DefaultPaymentDays, PaymentQR: true}
	rows, err := q.QueryContext(ctx, `SELECT id, bank_name, iban, bic, payment_days, payment_qr FROM billing_settings
		WHERE deleted = 0 ORDER BY id LIMIT 1`)
	if err != nil {
		return b, sqlErr("reading the billing settings", err)
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&b.ID, &b.BankName, &b.IBAN, &b.BIC, &b.PaymentDays, &b.PaymentQR); err != nil {
			return b, sqlErr("reading the billing settings", err)
		}
	}
	return b, sqlErr("reading the billing settings", rows.Err())
}
