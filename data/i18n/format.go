package i18n

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Number writes a whole number with the language's grouping:
// "1,234,567" (en), "1 234 567" (fr, no-break spaces), "1.234.567" (es).
func (l *Localizer) Number(n int64) string {
	return l.printer.Sprint(number.Decimal(n))
}

// moneyStyle is how a language writes an amount: x/text gives the digits'
// separators and the currency's symbol in that language; where the symbol
// goes is CLDR's currency pattern, which x/text does not apply (it always
// puts the symbol first, "€ 1 234,50"): "¤#,##0.00" in English,
// "#,##0.00 ¤" in French and Spanish.
type moneyStyle struct {
	decimal     string // the decimal separator
	symbolAfter bool
}

func moneyStyleOf(l Lang, p *message.Printer) moneyStyle {
	// x/text writes 1.5 as "1.5" or "1,5": what is between the digits is
	// the language's decimal separator.
	dec := strings.Trim(p.Sprint(number.Decimal(1.5, number.Scale(1))), "15")
	return moneyStyle{decimal: dec, symbolAfter: l != English}
}

// Decimal writes n/10^digits with the language's separators, exactly
// (whole numbers end to end, no float): Decimal(372, 1) is "37.2" in
// English, "37,2" in French; Decimal(123450, 2) "1,234.50", "1 234,50".
func (l *Localizer) Decimal(n int64, digits int) string {
	neg := n < 0
	mag := uint64(n)
	if neg {
		mag = -mag // two's complement: right for math.MinInt64 too
	}
	scale := uint64(1)
	for i := 0; i < digits; i++ {
		scale *= 10
	}
	whole, frac := mag/scale, mag%scale
	var num string
	if whole > 1<<62 {
		num = fmt.Sprint(whole) // beyond what number.Decimal takes as int64
	} else {
		num = l.printer.Sprint(number.Decimal(int64(whole)))
	}
	if digits > 0 {
		num += l.money.decimal + fmt.Sprintf("%0*d", digits, frac)
	}
	if neg {
		return "-" + num
	}
	return num
}

// Money writes an amount of minor units (cents) with its currency, as the
// language does: "€1,234.50" (en), "1 234,50 €" (fr), "1.234,50 €" (es),
// "-€12.00", "CHF 1,234.50", "¥3,000". The amount stays whole numbers
// from end to end: no float is involved. An unknown currency code is
// written after the amount with two decimals.
func (l *Localizer) Money(minor int64, code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	digits, symbol := 2, code
	if u, err := currency.ParseISO(code); err == nil {
		digits, _ = currency.Standard.Rounding(u)
		symbol = l.printer.Sprint(currency.Symbol(u))
	}
	num, sign := l.Decimal(minor, digits), ""
	if minor < 0 {
		num, sign = num[1:], "-"
	}
	const nbsp = "\u00a0"
	if l.money.symbolAfter {
		return sign + num + nbsp + symbol
	}
	if r := []rune(symbol); unicode.IsLetter(r[len(r)-1]) {
		symbol += nbsp // CLDR's currency spacing: "CHF 12.00", "€12.00"
	}
	return sign + symbol + num
}

// FormatDate writes a date with digits in a practice's order: "DMY"
// 25/11/2026, "MDY" 11/25/2026, "YMD" 2026-11-25 (any other order is
// DMY). data.DateFormat.Format is this function.
func FormatDate(order string, y int, m time.Month, d int) string {
	switch order {
	case "MDY":
		return fmt.Sprintf("%02d/%02d/%04d", int(m), d, y)
	case "YMD":
		return fmt.Sprintf("%04d-%02d-%02d", y, int(m), d)
	}
	return fmt.Sprintf("%02d/%02d/%04d", d, int(m), y)
}

// Date writes a date with digits in the practice's order.
func (l *Localizer) Date(y int, m time.Month, d int) string { return FormatDate(l.dates, y, m, d) }

// LongDate writes a date with its weekday and month in words, as a
// sentence of the language has it: "Wednesday 25 November 2026" (or
// "Wednesday, November 25, 2026" for a month-first practice),
// "mercredi 25 novembre 2026", "miércoles, 25 de noviembre de 2026".
// Title gives it a capital for a heading.
func (l *Localizer) LongDate(y int, m time.Month, d int) string {
	wd := time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Weekday()
	args := []any{"Weekday", l.Weekday(wd), "Day", fmt.Sprint(d), "Month", l.Month(m), "Year", fmt.Sprint(y)}
	if l.dates == "MDY" {
		return l.T("date.long.month_first", args...)
	}
	return l.T("date.long", args...)
}

var weekdayKeys = [7]Key{"date.weekday.sunday", "date.weekday.monday", "date.weekday.tuesday", "date.weekday.wednesday",
	"date.weekday.thursday", "date.weekday.friday", "date.weekday.saturday"}

var weekdayShortKeys = [7]Key{"date.weekday_short.sunday", "date.weekday_short.monday", "date.weekday_short.tuesday",
	"date.weekday_short.wednesday", "date.weekday_short.thursday", "date.weekday_short.friday", "date.weekday_short.saturday"}

var monthKeys = [12]Key{"date.month.january", "date.month.february", "date.month.march", "date.month.april",
	"date.month.may", "date.month.june", "date.month.july", "date.month.august", "date.month.september",
	"date.month.october", "date.month.november", "date.month.december"}

// Weekday names a day of the week as a sentence writes it ("Wednesday",
// "mercredi", "miércoles").
func (l *Localizer) Weekday(d time.Weekday) string {
	if d < 0 || d > 6 {
		return fmt.Sprint(int(d))
	}
	return l.T(weekdayKeys[d])
}

// ShortWeekday is the short name of a day for lists and columns ("Wed",
// "mer.", "mié.").
func (l *Localizer) ShortWeekday(d time.Weekday) string {
	if d < 0 || d > 6 {
		return fmt.Sprint(int(d))
	}
	return l.T(weekdayShortKeys[d])
}

// ShortWeekdayKey is the key of a day's short name, for a text that
// takes it as an argument ("Wed 25/11/2026: …").
func ShortWeekdayKey(d time.Weekday) Key {
	if d < 0 || d > 6 {
		return ""
	}
	return weekdayShortKeys[d]
}

// Month names a month as a sentence writes it ("November", "novembre",
// "noviembre").
func (l *Localizer) Month(m time.Month) string {
	if m < 1 || m > 12 {
		return fmt.Sprint(int(m))
	}
	return l.T(monthKeys[m-1])
}
