package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
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
	fieldDocLang    = data.FieldDocumentLanguage
	fieldRegistr    = data.FieldRegistration
	fieldTaxNumber  = data.FieldTaxNumber
	fieldFooter     = data.FieldFooter
)

// practiceInput is what the practice form holds, as typed.
type practiceInput struct {
	Name, Address, Phone, Email, Currency, TimeZone string
	DateFormat                                      data.DateFormat
	DocumentLanguage                                i18n.Lang
	Registration, TaxNumber, Footer                 string
	LogoID, SignatureID                             string
}

// checkPractice validates the input exactly as the store will (with
// data.Practice.Validate). It returns the practice to save, cleaned, and
// the problems by field in the desk's words; a problem of no field is
// under "".
func checkPractice(w words, base data.Practice, in practiceInput) (data.Practice, map[string]string) {
	pr := base
	pr.Name, pr.Address, pr.Phone, pr.Email = in.Name, in.Address, in.Phone, in.Email
	pr.Currency, pr.TimeZone, pr.DateFormat = in.Currency, strings.TrimSpace(in.TimeZone), in.DateFormat
	pr.DocumentLanguage = in.DocumentLanguage
	pr.Registration, pr.TaxNumber, pr.Footer = in.Registration, in.TaxNumber, in.Footer
	pr.LogoID, pr.SignatureID = in.LogoID, in.SignatureID
	return pr, fieldProblems(w, data.ProblemsOf(pr.Validate()))
}

// samePractice reports whether saving b over a would change nothing.
func samePractice(a, b data.Practice) bool {
	return a.Name == b.Name && a.Address == b.Address && a.Phone == b.Phone && a.Email == b.Email &&
		strings.EqualFold(a.Currency, b.Currency) && a.TimeZone == b.TimeZone && a.DateFormat == b.DateFormat &&
		a.DocumentLanguage == b.DocumentLanguage && a.Registration == b.Registration && a.TaxNumber == b.TaxNumber &&
		a.Footer == b.Footer && a.LogoID == b.LogoID && a.SignatureID == b.SignatureID
}

var dateFormats = []data.DateFormat{data.DMY, data.MDY, data.YMD}

// dateFormatLabel is how a date order reads in the form.
func dateFormatLabel(w words, f data.DateFormat) string {
	switch f {
	case data.MDY:
		return w.T("settings.date_format.mdy", "Example", f.Example())
	case data.YMD:
		return w.T("settings.date_format.ymd", "Example", f.Example())
	}
	return w.T("settings.date_format.dmy", "Example", f.Example())
}

// fieldHints are shown under a field while it has no problem.
var fieldHints = map[string]i18n.Key{
	fieldCurrency: "settings.hint.currency",
	fieldZone:     "settings.hint.zone",
	fieldAddress:  "settings.hint.address",
	fieldDocLang:  "settings.hint.document_language",
	fieldFooter:   "settings.hint.footer",
}

// langNames are the languages as a choice lists them, each in itself.
func langNames() []string {
	names := make([]string, len(i18n.Langs))
	for i, l := range i18n.Langs {
		names[i] = l.Name()
	}
	return names
}

// practiceForm is the form of the practice settings, used by Settings
// (all fields) and by the first start (the essential ones). It validates
// on every keystroke and tells its owner through onState.
type practiceForm struct {
	w                                           words
	base                                        data.Practice
	name, address, phone, email, currency, zone *deskEntry
	registration, taxNumber, footer             *deskEntry
	logo, signature                             *imagePicker // nil on the first start
	dateFormat, docLang                         *deskSelect
	msgs                                        map[string]*widget.Label
	touched                                     map[string]bool
	other                                       *widget.Label

	valid, changed bool
	result         data.Practice
	onState        func()
	onSubmit       func() // Enter in a field (Ctrl+Enter in the address)
	content        fyne.CanvasObject
}

func newPracticeForm(w words, base data.Practice, full bool, onFind func()) *practiceForm {
	f := &practiceForm{w: w, base: base, msgs: map[string]*widget.Label{}, touched: map[string]bool{}}
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
	f.registration = entry(fieldRegistr, newDeskEntry(onFind))
	f.taxNumber = entry(fieldTaxNumber, newDeskEntry(onFind))
	f.footer = entry(fieldFooter, newDeskEntry(onFind))
	f.name.SetPlaceHolder(w.T("settings.placeholder.name"))
	labels := make([]string, len(dateFormats))
	for i, df := range dateFormats {
		labels[i] = dateFormatLabel(w, df)
	}
	f.dateFormat = newDeskSelect(labels, func(string) {
		f.touched[fieldDateFormat] = true
		f.check()
	})
	f.docLang = newDeskSelect(langNames(), func(string) {
		f.touched[fieldDocLang] = true
		f.check()
	})
	f.other = widget.NewLabel("")
	f.other.Wrapping = fyne.TextWrapWord
	f.other.Importance = widget.DangerImportance
	f.other.Hide()

	block := func(field string, obj fyne.CanvasObject) fyne.CanvasObject {
		msg := widget.NewLabel("")
		msg.Wrapping = fyne.TextWrapWord
		msg.Hide()
		f.msgs[field] = msg
		return container.NewVBox(bold(w.T(data.PracticeLabel(field))), obj, msg)
	}
	if full {
		left := container.NewVBox(
			block(fieldName, f.name),
			block(fieldAddress, f.address),
			container.NewGridWithColumns(2, block(fieldPhone, f.phone), block(fieldEmail, f.email)))
		right := container.NewVBox(
			container.NewGridWithColumns(2, block(fieldCurrency, f.currency), block(fieldDateFormat, f.dateFormat)),
			container.NewGridWithColumns(2, block(fieldZone, f.zone), block(fieldDocLang, f.docLang)))
		f.logo, f.signature = newImagePicker(w, data.FieldLogo), newImagePicker(w, data.FieldSignature)
		f.logo.onChange, f.signature.onChange = f.check, f.check
		letterhead := container.NewGridWithColumns(2,
			container.NewVBox(
				container.NewGridWithColumns(2, block(fieldRegistr, f.registration), block(fieldTaxNumber, f.taxNumber)),
				block(fieldFooter, f.footer)),
			container.NewVBox(container.NewGridWithColumns(2, f.logo.content, f.signature.content), quiet(w.T("settings.hint.images"))))
		f.content = container.NewVBox(container.NewGridWithColumns(2, left, right), f.other,
			subheading(w.T("settings.letterhead")), letterhead)
	} else {
		f.content = container.NewVBox(
			block(fieldName, f.name),
			container.NewGridWithColumns(2, block(fieldCurrency, f.currency), block(fieldZone, f.zone)),
			block(fieldDateFormat, f.dateFormat),
			f.other)
	}
	f.reset(base)
	return f
}

// input is what the form holds.
func (f *practiceForm) input() practiceInput {
	in := practiceInput{Name: f.name.Text, Address: f.address.Text, Phone: f.phone.Text, Email: f.email.Text,
		Currency: f.currency.Text, TimeZone: f.zone.Text, DocumentLanguage: f.base.DocumentLanguage,
		Registration: f.registration.Text, TaxNumber: f.taxNumber.Text, Footer: f.footer.Text,
		LogoID: f.base.LogoID, SignatureID: f.base.SignatureID}
	if f.logo != nil {
		in.LogoID, in.SignatureID = f.logo.id, f.signature.id
	}
	if i := f.dateFormat.SelectedIndex(); i >= 0 {
		in.DateFormat = dateFormats[i]
	}
	if i := f.docLang.SelectedIndex(); i >= 0 {
		in.DocumentLanguage = i18n.Langs[i]
	}
	return in
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
	f.registration.SetText(base.Registration)
	f.taxNumber.SetText(base.TaxNumber)
	f.footer.SetText(base.Footer)
	if f.logo != nil {
		f.logo.reset(base.LogoID, nil)
		f.signature.reset(base.SignatureID, nil)
	}
	df := base.DateFormat
	if !df.Valid() {
		df = data.DMY
	}
	f.dateFormat.SetSelected(dateFormatLabel(f.w, df))
	lang, _ := i18n.ParseLang(string(base.DocumentLanguage))
	f.docLang.SetSelected(lang.Name())
	f.touched = map[string]bool{}
	f.onState = onState
	f.check()
}

// check validates what is typed and shows, under each field, its problem
// (once the field was touched or holds something) or its hint.
func (f *practiceForm) check() {
	in := f.input()
	pr, problems := checkPractice(f.w, f.base, in)
	f.valid = len(problems) == 0
	f.result = pr
	f.changed = !samePractice(f.base, pr) || f.base.ID == ""
	values := map[string]string{fieldName: in.Name, fieldAddress: in.Address, fieldPhone: in.Phone,
		fieldEmail: in.Email, fieldCurrency: in.Currency, fieldZone: in.TimeZone, fieldDateFormat: string(in.DateFormat),
		fieldDocLang: string(in.DocumentLanguage), fieldRegistr: in.Registration, fieldTaxNumber: in.TaxNumber, fieldFooter: in.Footer}
	for field, msg := range f.msgs {
		text, imp := "", widget.LowImportance
		if hint, ok := fieldHints[field]; ok {
			text = f.w.T(hint)
		}
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

// chosenImages are the pictures chosen since the last save, to be stored
// with the practice.
func (f *practiceForm) chosenImages() []data.Image {
	var out []data.Image
	if f.logo == nil {
		return nil
	}
	for _, p := range []*imagePicker{f.logo, f.signature} {
		if p.chosen != nil && p.chosen.ID == p.id {
			out = append(out, *p.chosen)
		}
	}
	return out
}
