package i18n

import (
	"strings"

	"golang.org/x/text/language"
)

// Lang is a language the desk speaks, as its ISO 639-1 code.
type Lang string

// The languages of the desk and of its documents.
const (
	English Lang = "en"
	French  Lang = "fr"
	Spanish Lang = "es"
)

// Langs lists the languages in the order a choice offers them.
var Langs = []Lang{English, French, Spanish}

// Name is the language's name in itself ("Français"): a person looking
// for their language in a list finds it whatever the desk speaks now.
func (l Lang) Name() string {
	switch l {
	case French:
		return "Français"
	case Spanish:
		return "Español"
	}
	return "English"
}

// ParseLang reads a language code ("fr", "FR", "fr-BE"); ok is false for
// a language the desk does not speak.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_."); i >= 0 {
		s = s[:i]
	}
	for _, l := range Langs {
		if string(l) == s {
			return l, true
		}
	}
	return English, false
}

// Match picks the desk's language from the system's locales, most
// preferred first ("fr_BE.UTF-8", "es-MX", "en"): the first whose
// language the desk speaks, whatever its region. English when none is.
func Match(locales []string) Lang {
	for _, loc := range locales {
		loc = strings.TrimSpace(loc)
		if i := strings.IndexAny(loc, ".@"); i >= 0 { // fr_FR.UTF-8, ca_ES@valencia
			loc = loc[:i]
		}
		if loc == "" || loc == "C" || loc == "POSIX" {
			continue
		}
		tag, err := language.Parse(strings.ReplaceAll(loc, "_", "-"))
		if err != nil {
			continue
		}
		base, _ := tag.Base()
		if l, ok := ParseLang(base.String()); ok {
			return l
		}
	}
	return English
}

// tag is the language tag x/text and go-i18n know the language by.
func (l Lang) tag() language.Tag {
	switch l {
	case French:
		return language.French
	case Spanish:
		return language.Spanish
	}
	return language.English
}
