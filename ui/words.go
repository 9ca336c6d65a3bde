package ui

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// words are the desk's language: the catalogue's texts (T, N), numbers,
// money and dates as that language writes them, dates in the practice's
// order. Every screen writes what it shows through the desk's words (see
// the guide in data/i18n). Code not yet moved to the catalogue says
// English through englishWords.
type words struct{ *i18n.Localizer }

func newWords(l i18n.Lang, df data.DateFormat) words {
	return words{i18n.For(l).WithDateOrder(string(df))}
}

// englishWords speak for the shared dialogs when their caller's own text
// is still English, so that one dialog never mixes two languages.
var englishWords = newWords(i18n.English, data.DMY)

// Error writes err in the desk's language: each problem of a validation
// on its own line, the generic sentence for an unexpected error.
func (w words) Error(err error) string { return data.Localize(err, w.Localizer) }

// fieldProblems puts each problem under its field (data's Field names),
// in the desk's words, several of one field on separate lines; a problem
// of no field is under "". nil when there are none.
func fieldProblems(w words, ps data.Problems) map[string]string {
	if len(ps) == 0 {
		return nil
	}
	problems := map[string]string{}
	for _, is := range ps {
		line := is.In(w.Localizer)
		if problems[is.Field] != "" {
			line = problems[is.Field] + "\n" + line
		}
		problems[is.Field] = line
	}
	return problems
}

// Day writes a date with digits in the practice's order; "" for no date.
func (w words) Day(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return w.Date(d.Year, d.Month, d.Day)
}

// Amount writes an amount of the practice currency.
func (w words) Amount(m data.Money, c data.Currency) string { return w.Money(int64(m), c.Code) }

// amountInput writes an amount as a field holds it for editing: digits
// and the language's decimal separator, no grouping and no symbol, which
// Currency.Parse reads back ("25,00" in French).
func (w words) amountInput(c data.Currency, m data.Money) string {
	sep := strings.Trim(w.Decimal(15, 1), "15") // "." or ","
	return strings.Replace(c.Format(m), ".", sep, 1)
}

// Choices of the desk language: the system's, or one of the languages.
const langSystem = ""

// langPreference is where the desk language chosen in Settings is kept:
// a preference of this computer, not a setting of the practice.
const langPreference = "deskLanguage"

// deskLanguage is the language the desk speaks in this run: forced (the
// --lang flag), else chosen in Settings on this computer, else the
// system's.
func deskLanguage(a fyne.App, forced string) i18n.Lang {
	if l, ok := i18n.ParseLang(forced); ok {
		return l
	}
	if a != nil {
		if l, ok := i18n.ParseLang(a.Preferences().String(langPreference)); ok {
			return l
		}
	}
	return systemLanguage()
}

// systemLanguage is the language of the operating system's locale
// (LANG, LC_ALL… on Linux), or English when the desk does not speak it.
// It is read once: Fyne logs an error each time the locale is "C".
var systemLanguage = sync.OnceValue(func() i18n.Lang {
	return i18n.Match([]string{string(lang.SystemLocale())})
})

// status names an appointment's status.
func (w words) status(s string) string {
	if k := data.StatusKey(s); k != "" {
		return w.T(k)
	}
	return s
}

// severity names an allergy's severity.
func (w words) severity(s string) string { return w.T(data.SeverityName(s)) }

// vital writes a reading with its unit, with the language's decimal
// separator: "120/80 mmHg", "37,2 °C".
func (w words) vital(v data.Vital) string {
	k, ok := data.KindOf(v.Kind)
	if !ok {
		return v.Text()
	}
	text := w.value(k, v.Value)
	if k.Pair {
		text += "/" + w.value(k, v.Value2)
	}
	return text + " " + k.Unit
}

// value writes a stored value of a sign without its unit: "37,2".
func (w words) value(k data.VitalKind, v int) string {
	d := k.Dec(v)
	return w.Decimal(d.Value, d.Digits)
}

// vitalName names a vital sign by its code.
func (w words) vitalName(code string) string {
	if k, ok := data.KindOf(code); ok {
		return w.T(k.Name)
	}
	return code
}
