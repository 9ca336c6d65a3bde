package ui

import (
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// fallbackCurrency is proposed when no locale names a region.
const fallbackCurrency = "EUR"

// localeCurrency is the currency of the first locale that names its
// region ("fr_CH.UTF-8" gives CHF, "en-GB" GBP), else fallbackCurrency.
func localeCurrency(locales ...string) string {
	for _, l := range locales {
		if r, ok := localeRegion(l); ok {
			if u, ok := currency.FromRegion(r); ok {
				return u.String()
			}
		}
	}
	return fallbackCurrency
}

// localeRegion reads the region of a POSIX ("de_CH.UTF-8@euro") or BCP 47
// ("de-CH") locale name, only when it names one: "de" alone is spoken in
// several countries with different currencies.
func localeRegion(s string) (language.Region, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, "_", "-")
	if s == "" || s == "C" || s == "POSIX" {
		return language.Region{}, false
	}
	tag, err := language.Parse(s)
	if err != nil {
		return language.Region{}, false
	}
	r, conf := tag.Region()
	return r, conf == language.Exact
}
