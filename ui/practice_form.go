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
)

// practiceInput is what the practice form holds, as typed.
type practiceInput struct {
	Name, Address, Phone, Email, Currency, TimeZone string
	DateFormat                                      data.DateFormat
	DocumentLanguage                                i18n.Lang
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
	return pr, fieldProblems(w, data.ProblemsOf(pr.Validate()))
}

// samePractice reports whether saving b over a would change nothing.
func samePractice(a, b data.Practice) bool {
	return a.Name == b.Name && a.Address == b.Address && a.Phone == b.Phone && a.Email == b.Email &&
		strings.EqualFold(a.Currency, b.Currency) && a.TimeZone == b.TimeZone && a.DateFormat == b.DateFormat &&
		a.DocumentLanguage == b.DocumentLanguage
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
		f.content = container.NewVBox(container.NewGridWithColumns(2, left, right), f.other)
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
		Currency: f.currency.Text, TimeZone: f.zone.Text, DocumentLanguage: f.base.DocumentLanguage}
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
		fieldDocLang: string(in.DocumentLanguage)}
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
