package data

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"frontdesk/data/i18n"
)

// Practice holds the practice-wide settings.
type Practice struct {
	ID         string
	Name       string
	Address    string
	Phone      string
	Email      string
	Currency   string // ISO 4217
	TimeZone   string // IANA
	DateFormat DateFormat
	// DocumentLanguage is the language of the practice's letters and
	// invoices, whatever language each desk speaks.
	DocumentLanguage i18n.Lang
	// LockMinutes is the idle time after which the desk locks itself.
	LockMinutes int
	// The letterhead's own details: registration and tax numbers, a line
	// at the foot of every page, and the IDs of the logo and signature
	// images ("" for none).
	Registration string
	TaxNumber    string
	Footer       string
	LogoID       string
	SignatureID  string
}

// Bounds of the idle time before the desk locks (DESIGN §4: 5 minutes
// unless the practice chooses otherwise).
const (
	DefaultLockMinutes = 5
	MaxLockMinutes     = 60
)

// Fields of the practice settings (FieldAddress, FieldPhone and
// FieldEmail are the patient's names, reused).
const (
	FieldName             = "name"
	FieldCurrency         = "currency"
	FieldTimeZone         = "time_zone"
	FieldDateFormat       = "date_format"
	FieldDocumentLanguage = "document_language"
	FieldLockMinutes      = "lock_minutes"
)

// practiceLabels are the names of the practice's fields.
var practiceLabels = map[string]i18n.Key{
	FieldName:             "practice.field.name",
	FieldAddress:          "practice.field.address",
	FieldPhone:            "practice.field.phone",
	FieldEmail:            "practice.field.email",
	FieldCurrency:         "practice.field.currency",
	FieldTimeZone:         "practice.field.time_zone",
	FieldDateFormat:       "practice.field.date_format",
	FieldDocumentLanguage: "practice.field.document_language",
	FieldLockMinutes:      "practice.field.lock_minutes",
	FieldRegistration:     "practice.field.registration",
	FieldTaxNumber:        "practice.field.tax_number",
	FieldFooter:           "practice.field.footer",
	FieldLogo:             "practice.field.logo",
	FieldSignature:        "practice.field.signature",
}

// PracticeLabel is the catalogue's name of a practice setting.
func PracticeLabel(field string) i18n.Key { return practiceLabels[field] }

// Validate cleans the text and checks every field.
func (pr *Practice) Validate() error {
	var p Problems
	pr.Name = CleanText(pr.Name)
	pr.Address = CleanMultiline(pr.Address)
	pr.Phone = CleanText(pr.Phone)
	pr.Email = CleanText(pr.Email)
	l := PracticeLabel
	p.required(FieldName, l(FieldName), pr.Name, MaxName)
	p.length(FieldAddress, l(FieldAddress), pr.Address, MaxAddress)
	p.phone(FieldPhone, l(FieldPhone), pr.Phone)
	p.email(FieldEmail, l(FieldEmail), pr.Email)
	pr.Registration = CleanText(pr.Registration)
	pr.TaxNumber = CleanText(pr.TaxNumber)
	pr.Footer = CleanText(pr.Footer)
	p.length(FieldRegistration, l(FieldRegistration), pr.Registration, MaxShort)
	p.length(FieldTaxNumber, l(FieldTaxNumber), pr.TaxNumber, MaxShort)
	p.length(FieldFooter, l(FieldFooter), pr.Footer, MaxShort)
	if pr.LogoID != "" && !isSHA256(pr.LogoID) {
		p.Report(FieldLogo, "practice.problem.image_format", "Field", l(FieldLogo))
	}
	if pr.SignatureID != "" && !isSHA256(pr.SignatureID) {
		p.Report(FieldSignature, "practice.problem.image_format", "Field", l(FieldSignature))
	}
	if c, err := ParseCurrency(pr.Currency); err != nil {
		p.reportError(FieldCurrency, err)
	} else {
		pr.Currency = c.Code
	}
	if _, err := LoadZone(pr.TimeZone); err != nil {
		p.reportError(FieldTimeZone, err)
	}
	if pr.DateFormat == "" {
		pr.DateFormat = DMY
	}
	if !pr.DateFormat.Valid() {
		p.Report(FieldDateFormat, "practice.problem.date_format", "Field", l(FieldDateFormat), "Text", clip(string(pr.DateFormat)))
	}
	if pr.DocumentLanguage == "" {
		pr.DocumentLanguage = i18n.English
	}
	if lang, ok := i18n.ParseLang(string(pr.DocumentLanguage)); !ok || string(lang) != string(pr.DocumentLanguage) {
		p.Report(FieldDocumentLanguage, "practice.problem.document_language", "Field", l(FieldDocumentLanguage),
			"Text", clip(string(pr.DocumentLanguage)))
	}
	if pr.LockMinutes == 0 {
		pr.LockMinutes = DefaultLockMinutes
	}
	if pr.LockMinutes < 1 || pr.LockMinutes > MaxLockMinutes {
		p.Report(FieldLockMinutes, "practice.problem.lock_minutes", "Field", l(FieldLockMinutes), "Max", MaxLockMinutes)
	}
	return p.Err()
}

// reportError records a check's *Error under field, with its words.
func (p *Problems) reportError(field string, err error) {
	var e *Error
	if errors.As(err, &e) && e.Key != "" {
		p.Report(field, e.Key, e.Args...)
		return
	}
	*p = append(*p, Issue{Field: field, Message: ErrorMessage(err)})
}

func (pr *Practice) row() row {
	return row{"practice", &pr.ID,
		[]string{"name", "address", "phone", "email", "currency", "time_zone", "date_format", "document_language", "lock_minutes",
			"registration", "tax_number", "footer", "logo_image", "signature_image"},
		[]any{pr.Name, pr.Address, pr.Phone, pr.Email, pr.Currency, pr.TimeZone, string(pr.DateFormat), string(pr.DocumentLanguage), pr.LockMinutes,
			pr.Registration, pr.TaxNumber, pr.Footer, pr.LogoID, pr.SignatureID}}
}

// Location returns the practice's time zone.
func (pr *Practice) Location() *time.Location {
	loc, err := LoadZone(pr.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Money returns the practice currency.
func (pr *Practice) Money() Currency {
	c, err := ParseCurrency(pr.Currency)
	if err != nil {
		return Currency{Code: pr.Currency, Digits: 2}
	}
	return c
}

// Practice returns the practice settings, ENotFound before the first
// start has set them.
func (s *Store) Practice(ctx context.Context) (Practice, error) {
	return loadPractice(ctx, s.r)
}

func loadPractice(ctx context.Context, q querier) (Practice, error) {
	pr, err := scanPractice(q.QueryRowContext(ctx, practiceSelect+` WHERE deleted = 0 ORDER BY id LIMIT 1`))
	if err == sql.ErrNoRows {
		return pr, NewError(ENotFound, "practice.error.not_set_up")
	}
	return pr, sqlErr("reading the practice", err)
}

const practiceSelect = `SELECT id, name, address, phone, email, currency, time_zone, date_format, document_language, lock_minutes,
	registration, tax_number, footer, logo_image, signature_image FROM practice`

func scanPractice(r rowScanner) (Practice, error) {
	var pr Practice
	var df, lang string
	err := r.Scan(&pr.ID, &pr.Name, &pr.Address, &pr.Phone, &pr.Email, &pr.Currency, &pr.TimeZone, &df, &lang, &pr.LockMinutes,
		&pr.Registration, &pr.TaxNumber, &pr.Footer, &pr.LogoID, &pr.SignatureID)
	pr.DateFormat, pr.DocumentLanguage = DateFormat(df), i18n.Lang(lang)
	return pr, err
}

// Practice returns the practice settings as this transaction sees them.
func (tx *Tx) Practice() (Practice, error) { return loadPractice(tx.ctx, tx.tx) }
