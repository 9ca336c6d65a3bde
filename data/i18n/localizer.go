package i18n

import (
	"fmt"
	"log"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/message"
)

// Localizer speaks one language: the catalogue's texts, with their
// arguments and plural forms, and numbers, money and dates as that
// language writes them. It is immutable and safe for concurrent use.
type Localizer struct {
	lang    Lang
	loc     *goi18n.Localizer
	printer *message.Printer
	money   moneyStyle
	dates   string // the practice's date order: DMY, MDY or YMD
}

var localizers = func() map[Lang]*Localizer {
	m := map[Lang]*Localizer{}
	for _, l := range Langs {
		m[l] = newLocalizer(l)
	}
	return m
}()

func newLocalizer(l Lang) *Localizer {
	p := message.NewPrinter(l.tag())
	return &Localizer{lang: l, loc: goi18n.NewLocalizer(bundle, string(l)), printer: p, money: moneyStyleOf(l, p), dates: "DMY"}
}

// For returns the localizer of a language, with dates written day first
// until WithDateOrder says otherwise. An unknown language speaks English.
func For(l Lang) *Localizer {
	if loc, ok := localizers[l]; ok {
		return loc
	}
	return localizers[English]
}

// EnglishText is the English localizer with ISO dates: the words of the
// log and the command line, and the Message of data's errors.
var EnglishText = For(English).WithDateOrder("YMD")

// Lang is the localizer's language.
func (l *Localizer) Lang() Lang { return l.lang }

// WithDateOrder returns a localizer that writes dates in the practice's
// order ("DMY", "MDY", "YMD", as data.DateFormat spells them).
func (l *Localizer) WithDateOrder(order string) *Localizer {
	c := *l
	c.dates = order
	return &c
}

// DateOrder is the order dates are written in.
func (l *Localizer) DateOrder() string { return l.dates }

// T returns the text of key with its arguments, given as name, value
// pairs: T("patients.result.phone_none", "Query", q). Values are written in
// the language: see arg.
func (l *Localizer) T(key Key, args ...any) string {
	return l.localize(key, nil, args)
}

// N returns the plural form of key that count calls for, count being
// written in the language as the argument Count: N("patients.result.by_name",
// n) gives "1 patient…", "0 patient…" (French), "1,204 patients…".
func (l *Localizer) N(key Key, count int, args ...any) string {
	all := make([]any, 0, len(args)+2)
	return l.localize(key, &count, append(append(all, args...), "Count", count))
}

// Render writes a message kept for later (a problem found by data) in
// the localizer's language.
func (l *Localizer) Render(m Message) string {
	if m.Count != nil {
		return l.N(m.Key, *m.Count, m.Args...)
	}
	return l.T(m.Key, m.Args...)
}

func (l *Localizer) localize(key Key, count *int, args []any) string {
	data := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			log.Printf("i18n: %s: argument name %v is not a string", key, args[i])
			continue
		}
		data[name] = l.arg(args[i+1])
	}
	if len(args)%2 != 0 {
		log.Printf("i18n: %s: argument %v has no value", key, args[len(args)-1])
	}
	cfg := &goi18n.LocalizeConfig{MessageID: string(key), TemplateData: data}
	if count != nil {
		cfg.PluralCount = *count
	}
	s, err := l.loc.Localize(cfg)
	if err != nil {
		// A missing text is a bug the catalogue tests catch; the person
		// still sees something (English, or the key) rather than nothing.
		log.Printf("i18n: %s: %v", l.lang, err)
		if s == "" {
			return string(key)
		}
	}
	return s
}

// Civil is a calendar date as an argument: data.Date is one.
type Civil interface {
	Civil() (year int, month time.Month, day int)
}

// Amount is money as an argument: minor units of an ISO 4217 currency.
type Amount struct {
	Minor    int64
	Currency string
}

// Dec is a number with decimals as an argument, kept whole: Value is
// the number times 10^Digits (Dec{372, 1} is 37.2), written with the
// language's separators ("37,2" in French).
type Dec struct {
	Value  int64
	Digits int
}

// arg writes an argument's value in the language: a Key or Message is
// translated (a list of Messages joined with commas), whole numbers are grouped ("1 204" in French; so a year is
// passed inside a date, or as a string), decimals (Dec) take the
// language's separator, amounts and dates are formatted,
// weekdays and months named; anything else is printed as Go prints it.
func (l *Localizer) arg(v any) any {
	switch x := v.(type) {
	case string:
		return x
	case Key:
		return l.T(x)
	case Message:
		return l.Render(x)
	case []Message:
		parts := make([]string, len(x))
		for i, m := range x {
			parts[i] = l.Render(m)
		}
		return strings.Join(parts, ", ")
	case int:
		return l.Number(int64(x))
	case int64:
		return l.Number(x)
	case int32:
		return l.Number(int64(x))
	case Amount:
		return l.Money(x.Minor, x.Currency)
	case Dec:
		return l.Decimal(x.Value, x.Digits)
	case Civil:
		y, m, d := x.Civil()
		if y == 0 {
			return ""
		}
		return l.Date(y, m, d)
	case time.Weekday:
		return l.Weekday(x)
	case time.Month:
		return l.Month(x)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// Message is a text kept for later: its key and arguments, to be written
// in whatever language asks (data's problems, an error shown on another
// screen). Its Error is the English text, so a Message is also an error.
type Message struct {
	Key   Key
	Args  []any
	Count *int // for a plural text, the number that picks the form
}

// Msg makes a Message of key and its name, value pairs.
func Msg(key Key, args ...any) Message { return Message{Key: key, Args: args} }

// MsgN makes a Message of a plural text.
func MsgN(key Key, count int, args ...any) Message {
	return Message{Key: key, Args: args, Count: &count}
}

// Error is the message in English, with ISO dates.
func (m Message) Error() string { return EnglishText.Render(m) }

// Title gives text a capital first letter, for headings made of words the
// language writes in lower case mid-sentence ("mercredi 25 novembre").
func Title(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
