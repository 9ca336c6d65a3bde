package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// Fields of the practice form, by data's names.
const (
	fieldName       = data.FieldName
	fieldAddress    = data.FieldAddress
	fieldPhone      = data.FieldPhone
	fieldEmail      = data.FieldEmail
	fieldCurrency   = data.FieldCurrency
	fieldZone       = data.FieldTimeZone
	fieldDateFormat = data.FieldDateFormat
)

// practiceInput is what the practice form holds, as typed.
type practiceInput struct {
	Name, Address, Phone, Email, Currency, TimeZone string
	DateFormat                                      data.DateFormat
}

// checkPractice validates the input exactly as the store will (with
// data.Practice.Validate). It returns the practice to save, cleaned, and
// the problems by field (data's field names); a problem of no field is
// under "".
func checkPractice(base data.Practice, in practiceInput) (data.Practice, map[string]string) {
	pr := base
	pr.Name, pr.Address, pr.Phone, pr.Email = in.Name, in.Address, in.Phone, in.Email
	pr.Currency, pr.TimeZone, pr.DateFormat = in.Currency, strings.TrimSpace(in.TimeZone), in.DateFormat
	return pr, fieldProblems(englishWords, data.ProblemsOf(pr.Validate()))
}

// samePractice reports whether saving b over a would change nothing.
func samePractice(a, b data.Practice) bool {
	return a.Name == b.Name && a.Address == b.Address && a.Phone == b.Phone && a.Email == b.Email &&
		strings.EqualFold(a.Currency, b.Currency) && a.TimeZone == b.TimeZone && a.DateFormat == b.DateFormat
}

var dateFormats = []data.DateFormat{data.DMY, data.MDY, data.YMD}

// dateFormatLabel is how a date order reads in the form.
func dateFormatLabel(f data.DateFormat) string {
	switch f {
	case data.MDY:
		return f.Example() + "   month / day / year"
	case data.YMD:
		return f.Example() + "   year - month - day"
	}
	return f.Example() + "   day / month / year"
}

func dateFormatFromLabel(s string) data.DateFormat {
	for _, f := range dateFormats {
		if dateFormatLabel(f) == s {
			return f
		}
	}
	return ""
}

// fieldHints are shown under a field while it has no problem.
var fieldHints = map[string]string{
	fieldCurrency: "The ISO 4217 code: EUR, CHF, USD…",
	fieldZone:     "An IANA time zone name, like Europe/Paris or America/New_York.",
	fieldAddress:  "As it should appear on letters and invoices.",
}

// practiceForm is the form of the practice settings, used by Settings
// (all fields) and by the first start (the essential ones). It validates
// on every keystroke and tells its owner through onState.
type practiceForm struct {
	base                                        data.Practice
	name, address, phone, email, currency, zone *deskEntry
	dateFormat                                  *deskSelect
	msgs                                        map[string]*widget.Label
	touched                                     map[string]bool
	other                                       *widget.Label

	valid, changed bool
	result         data.Practice
	onState        func()
	onSubmit       func() // Enter in a field (Ctrl+Enter in the address)
	content        fyne.CanvasObject
}

func newPracticeForm(base data.Practice, full bool, onFind func()) *practiceForm {
	f := &practiceForm{base: base, msgs: map[string]*widget.Label{}, touched: map[string]bool{}}
	entry := func(field string, e *deskEntry) *deskEntry {
		e.OnChanged = func(string) {
			f.touched[field] = true
			f.check()
		}
		e.onSubmit = func() {
			if f.onSubmit != nil {
				f.onSubmit()
			}
		}
		return e
	}
	f.name = entry(fieldName, newDeskEntry(onFind))
	f.address = entry(fieldAddress, newDeskMultiLine(onFind, 3))
	f.phone = entry(fieldPhone, newDeskEntry(onFind))
	f.email = entry(fieldEmail, newDeskEntry(onFind))
	f.currency = entry(fieldCurrency, newDeskEntry(onFind))
	f.zone = entry(fieldZone, newDeskEntry(onFind))
	f.name.SetPlaceHolder("The name on letters and invoices")
	labels := make([]string, len(dateFormats))
	for i, df := range dateFormats {
		labels[i] = dateFormatLabel(df)
	}
	f.dateFormat = newDeskSelect(labels, func(string) {
		f.touched[fieldDateFormat] = true
		f.check()
	})
	f.other = widget.NewLabel("")
	f.other.Wrapping = fyne.TextWrapWord
	f.other.Importance = widget.DangerImportance
	f.other.Hide()

	block := func(label, field string, obj fyne.CanvasObject) fyne.CanvasObject {
		msg := widget.NewLabel("")
		msg.Wrapping = fyne.TextWrapWord
		msg.Hide()
		f.msgs[field] = msg
		return container.NewVBox(bold(label), obj, msg)
	}
	if full {
		left := container.NewVBox(
			block("Practice name", fieldName, f.name),
			block("Address", fieldAddress, f.address),
			container.NewGridWithColumns(2, block("Phone", fieldPhone, f.phone), block("Email", fieldEmail, f.email)))
		right := container.NewVBox(
			container.NewGridWithColumns(2, block("Currency", fieldCurrency, f.currency), block("Date format", fieldDateFormat, f.dateFormat)),
			block("Time zone", fieldZone, f.zone))
		f.content = container.NewVBox(container.NewGridWithColumns(2, left, right), f.other)
	} else {
		f.content = container.NewVBox(
			block("Practice name", fieldName, f.name),
			container.NewGridWithColumns(2, block("Currency", fieldCurrency, f.currency), block("Time zone", fieldZone, f.zone)),
			block("Date format", fieldDateFormat, f.dateFormat),
			f.other)
	}
	f.reset(base)
	return f
}

// input is what the form holds.
func (f *practiceForm) input() practiceInput {
	return practiceInput{Name: f.name.Text, Address: f.address.Text, Phone: f.phone.Text, Email: f.email.Text,
		Currency: f.currency.Text, TimeZone: f.zone.Text, DateFormat: dateFormatFromLabel(f.dateFormat.Selected)}
}

// reset fills the form with stored settings and forgets what was typed.
func (f *practiceForm) reset(base data.Practice) {
	f.base = base
	onState := f.onState
	f.onState = nil // one check at the end, not one per field
	f.name.SetText(base.Name)
	f.address.SetText(base.Address)
	f.phone.SetText(base.Phone)
	f.email.SetText(base.Email)
	f.currency.SetText(base.Currency)
	f.zone.SetText(base.TimeZone)
	df := base.DateFormat
	if !df.Valid() {
		df = data.DMY
	}
	f.dateFormat.SetSelected(dateFormatLabel(df))
	f.touched = map[string]bool{}
	f.onState = onState
	f.check()
}

// check validates what is typed and shows, under each field, its problem
// (once the field was touched or holds something) or its hint.
func (f *practiceForm) check() {
	in := f.input()
	pr, problems := checkPractice(f.base, in)
	f.valid = len(problems) == 0
	f.result = pr
	f.changed = !samePractice(f.base, pr) || f.base.ID == ""
	values := map[string]string{fieldName: in.Name, fieldAddress: in.Address, fieldPhone: in.Phone,
		fieldEmail: in.Email, fieldCurrency: in.Currency, fieldZone: in.TimeZone, fieldDateFormat: string(in.DateFormat)}
	for field, msg := range f.msgs {
		text, imp := fieldHints[field], widget.LowImportance
		if p, ok := problems[field]; ok && (f.touched[field] || values[field] != "") {
			text, imp = p, widget.DangerImportance
		}
		setText(msg, text, imp)
		if text == "" {
			msg.Hide()
		} else {
			msg.Show()
		}
	}
	if p, ok := problems[""]; ok {
		setText(f.other, p, widget.DangerImportance)
		f.other.Show()
	} else {
		f.other.Hide()
	}
	if f.onState != nil {
		f.onState()
	}
}

// problem returns the message shown under a field, "" when none.
func (f *practiceForm) problem(field string) string {
	if m := f.msgs[field]; m != nil && m.Visible() && m.Importance == widget.DangerImportance {
		return m.Text
	}
	return ""
}
