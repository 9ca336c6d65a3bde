// Package i18n gives the desk its languages: English, French and
// Spanish. It holds the catalogue of texts (assets/translations/en.json,
// fr.json, es.json, in the format Fyne's lang package reads) and writes
// numbers, money and dates as each language does. It imports only the
// standard library, go-i18n, golang.org/x/text and the assets: data,
// reports and ui all use it.
//
// # Why not Fyne's lang package
//
// fyne.io/fyne/v2/lang keeps one localizer for the whole process, in the
// language of the operating system; it cannot follow a language chosen in
// Settings, nor print a French invoice on a Spanish desk. This package
// uses go-i18n, which lang wraps, with one Localizer per language. Fyne's
// own few words (in its file dialogs) still follow the system.
//
// # How a screen gets its words
//
// The desk holds its words (ui's words: the desk language's Localizer
// with the practice's date order). A screen writes every text through
// it, never in place:
//
//	heading(w.T("patients.heading"))
//	w.T("patient_form.title.edit", "Name", name, "Chart", chart)
//	w.N("patients.result.by_name", n)
//
// Arguments are name, value pairs; the text names them ({{.Name}}), so a
// translation may put them in another order. Values are written in the
// language: an int is grouped ("1 204", so pass a year as a string or
// inside a date), a date (anything with Civil, data.Date is one) follows
// the practice's order, an Amount is money, a Dec a number with
// decimals ("37,2"), a Key or a Message is itself
// translated, a time.Weekday or time.Month is named.
//
// # Keys
//
// A key is lower-case dotted words, grouped by screen first:
// "patients.column.name", "patient_file.tab.summary",
// "settings.hint.zone"; the words of data's records by record:
// "patient.field.family_name" (a field's label), "patient.problem.…";
// what several screens share: "common.save", "problem.missing",
// "date.weekday.monday". A key is written whole, as a literal, in the
// call or in a table of keys (a map or slice of Key): the catalogue test
// reads the Go source and fails on a key missing from en.json, on a key
// of en.json no code names, on a key built by joining strings, on
// arguments that are not the text's, and on a text whose arguments or
// plural forms differ between languages. English in en.json is the
// source; fr.json and es.json have exactly its keys.
//
// # Plural forms
//
// A text that counts has the forms "one" and "other" in each file
// ({"one": "{{.Count}} patient", "other": "{{.Count}} patients"}) and is
// asked for with N, which picks the form by the language's rule (French
// says "0 patient", English "0 patients") and passes the count as Count.
// The "many" form French and Spanish use for a million is filled from
// "other". A form may leave out {{.Count}} ("Chaque mois…").
//
// # How data returns problems
//
// data never writes a sentence for the screen. Validate reports each
// problem under its field with a key and arguments:
//
//	p.Report(FieldBirthDate, "problem.date.future", "Field", PatientLabel(FieldBirthDate), "Date", pt.BirthDate)
//
// and returns Problems.Err(), an *Error carrying the problems; other
// failures are NewError(code, key, args…). Each keeps its English
// rendering in Message for the log and the command line, which stay
// English. A form puts each problem under its field by Field (never by
// reading its words: data.ProblemsOf(err), then Issue.In(localizer)); a
// status line shows data.Localize(err, localizer). A parser's complaint
// about typed text (DateFormat.Parse) is an i18n.Message, a phrase to put
// after the field's label (Problems.ReportErr). Code not yet moved to the
// catalogue still calls Problems.Add and Errorf; its words stay English
// in every language.
//
// # Formats
//
// Number, Decimal and Money follow x/text's data for each language
// (separators, grouping, the currency's symbol and digits); where the
// symbol stands is CLDR's pattern, which x/text does not apply (English
// "€1,234.50", French "1 234,50 €", Spanish "1.234,50 €"). Money stays
// whole minor units throughout. Date writes digits in the practice's
// order (FormatDate, which data.DateFormat.Format is); LongDate, Weekday,
// ShortWeekday and Month write the names of the language.
package i18n
