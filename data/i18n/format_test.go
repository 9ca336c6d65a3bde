package i18n_test

import (
	"math"
	"testing"
	"time"

	"frontdesk/data/i18n"
)

// nb is the no-break space x/text puts between groups of digits in
// French and that money puts between an amount and its symbol.
const nb = "\u00a0"

func TestNumbersFollowTheLanguage(t *testing.T) {
	for _, c := range []struct {
		lang i18n.Lang
		n    int64
		want string
	}{
		{i18n.English, 0, "0"},
		{i18n.English, 1234567, "1,234,567"},
		{i18n.English, -1234, "-1,234"},
		{i18n.French, 1234567, "1" + nb + "234" + nb + "567"},
		{i18n.French, 999, "999"},
		{i18n.Spanish, 1234567, "1.234.567"},
		// CLDR leaves four-digit numbers ungrouped in Spanish; x/text
		// groups them, and the desk follows x/text.
		{i18n.Spanish, 1234, "1.234"},
	} {
		if got := i18n.For(c.lang).Number(c.n); got != c.want {
			t.Errorf("%s Number(%d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestMoneyIsWrittenAsEachLanguageWritesIt(t *testing.T) {
	for _, c := range []struct {
		lang  i18n.Lang
		minor int64
		code  string
		want  string
	}{
		{i18n.English, 123450, "EUR", "€1,234.50"},
		{i18n.French, 123450, "EUR", "1" + nb + "234,50" + nb + "€"},
		{i18n.Spanish, 123450, "EUR", "1.234,50" + nb + "€"},
		{i18n.English, -1200, "EUR", "-€12.00"},
		{i18n.French, -1200, "EUR", "-12,00" + nb + "€"},
		{i18n.English, 5, "EUR", "€0.05"},
		{i18n.English, 123450, "CHF", "CHF" + nb + "1,234.50"},
		{i18n.French, 123450, "CHF", "1" + nb + "234,50" + nb + "CHF"},
		{i18n.English, 2500, "USD", "$25.00"},
		{i18n.French, 2500, "USD", "25,00" + nb + "$US"},
		{i18n.Spanish, 2500, "USD", "25,00" + nb + "US$"},
		{i18n.English, 3000, "JPY", "¥3,000"},                            // no minor unit
		{i18n.French, 1234567, "TND", "1" + nb + "234,567" + nb + "TND"}, // three digits
		{i18n.English, 1999, "eur", "€19.99"},
		{i18n.English, 1999, "XYZ", "XYZ" + nb + "19.99"}, // unknown code: two digits, the code as symbol
	} {
		if got := i18n.For(c.lang).Money(c.minor, c.code); got != c.want {
			t.Errorf("%s Money(%d, %s) = %q, want %q", c.lang, c.minor, c.code, got, c.want)
		}
	}
	// The extremes of int64 are written whole, not through a float.
	if got, want := i18n.For(i18n.English).Money(math.MaxInt64, "EUR"), "€92,233,720,368,547,758.07"; got != want {
		t.Errorf("MaxInt64 = %q, want %q", got, want)
	}
	if got, want := i18n.For(i18n.English).Money(math.MinInt64, "EUR"), "-€92,233,720,368,547,758.08"; got != want {
		t.Errorf("MinInt64 = %q, want %q", got, want)
	}
}

func TestDecimalsFollowTheLanguage(t *testing.T) {
	for _, c := range []struct {
		lang   i18n.Lang
		n      int64
		digits int
		want   string
	}{
		{i18n.English, 372, 1, "37.2"},
		{i18n.French, 372, 1, "37,2"},
		{i18n.Spanish, 372, 1, "37,2"},
		{i18n.French, -5, 1, "-0,5"},
		{i18n.English, 12, 0, "12"},
		{i18n.French, 1234567, 1, "123" + nb + "456,7"},
	} {
		if got := i18n.For(c.lang).Decimal(c.n, c.digits); got != c.want {
			t.Errorf("%s Decimal(%d, %d) = %q, want %q", c.lang, c.n, c.digits, got, c.want)
		}
	}
}

func TestDatesFollowThePracticeOrderAndTheLanguage(t *testing.T) {
	y, m, d := 2026, time.November, 25 // a Wednesday
	for order, want := range map[string]string{"DMY": "25/11/2026", "MDY": "11/25/2026", "YMD": "2026-11-25", "": "25/11/2026"} {
		if got := i18n.For(i18n.French).WithDateOrder(order).Date(y, m, d); got != want {
			t.Errorf("%q order: %q, want %q", order, got, want)
		}
	}
	for _, c := range []struct {
		lang        i18n.Lang
		order, want string
	}{
		{i18n.English, "DMY", "Wednesday 25 November 2026"},
		{i18n.English, "MDY", "Wednesday, November 25, 2026"},
		{i18n.French, "DMY", "mercredi 25 novembre 2026"},
		{i18n.French, "MDY", "mercredi 25 novembre 2026"},
		{i18n.Spanish, "DMY", "miércoles, 25 de noviembre de 2026"},
	} {
		if got := i18n.For(c.lang).WithDateOrder(c.order).LongDate(y, m, d); got != c.want {
			t.Errorf("%s %s LongDate = %q, want %q", c.lang, c.order, got, c.want)
		}
	}
	if got := i18n.Title(i18n.For(i18n.French).LongDate(y, m, d)); got != "Mercredi 25 novembre 2026" {
		t.Errorf("Title = %q", got)
	}
	for _, c := range []struct {
		lang                 i18n.Lang
		short, month, sunday string
	}{
		{i18n.English, "Wed", "February", "Sunday"},
		{i18n.French, "mer.", "février", "dimanche"},
		{i18n.Spanish, "mié.", "febrero", "domingo"},
	} {
		l := i18n.For(c.lang)
		if got := l.ShortWeekday(time.Wednesday); got != c.short {
			t.Errorf("%s ShortWeekday = %q, want %q", c.lang, got, c.short)
		}
		if got := l.Month(time.February); got != c.month {
			t.Errorf("%s Month = %q, want %q", c.lang, got, c.month)
		}
		if got := l.Weekday(time.Sunday); got != c.sunday {
			t.Errorf("%s Weekday = %q, want %q", c.lang, got, c.sunday)
		}
	}
}
