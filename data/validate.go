package data

import (
	"strings"
	"unicode/utf8"

	"frontdesk/data/i18n"
)

// The checks below report each issue under its field, with label (the
// catalogue's name of the field) in the words. checkRequired and
// checkLength (text.go) are the same checks in English only, for the
// validations not yet moved to Report; each moves over with its record.

// required reports a missing value, and checks the length of a present one.
func (p *Problems) required(field string, label i18n.Key, s string, max int) {
	if s == "" {
		p.Report(field, "problem.missing", "Field", label)
		return
	}
	p.length(field, label, s, max)
}

// length reports a value longer than max characters.
func (p *Problems) length(field string, label i18n.Key, s string, max int) {
	if n := utf8.RuneCountInString(s); n > max {
		p.Report(field, "problem.too_long", "Field", label, "Length", n, "Max", max)
	}
}

// phone accepts what people write in phone numbers: digits, spaces, '+',
// '-', '.', '/', parentheses; letters are refused, and so is a number of
// fewer than three digits.
func (p *Problems) phone(field string, label i18n.Key, s string) {
	if s == "" {
		return
	}
	p.length(field, label, s, 40)
	if !isPhoneText(s) {
		p.Report(field, "problem.phone.characters", "Field", label, "Text", clip(s))
	} else if len(Digits(s)) < 3 {
		p.Report(field, "problem.phone.few_digits", "Field", label, "Text", clip(s))
	}
}

// email is deliberately loose (see isEmail).
func (p *Problems) email(field string, label i18n.Key, s string) {
	if s == "" {
		return
	}
	p.length(field, label, s, MaxShort)
	if !isEmail(s) {
		p.Report(field, "problem.email", "Field", label, "Text", clip(s))
	}
}

// colour accepts "" or #RRGGBB.
func (p *Problems) colour(field string, label i18n.Key, s string) {
	if s != "" && !isColour(s) {
		p.Report(field, "problem.colour", "Field", label, "Text", clip(s))
	}
}

// isEmail is deliberately loose (one '@', something either side, a dot in
// the domain): the aim is to catch typing slips, not to judge RFC 5322.
func isEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(domain, "@ ") && !strings.Contains(local, " ") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

func isColour(s string) bool {
	return len(s) == 7 && s[0] == '#' && strings.Trim(strings.ToLower(s[1:]), "0123456789abcdef") == ""
}

// clip shortens text quoted back in a message, so 100 kB pasted by
// mistake does not become a 100 kB error message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:37]) + "…"
}
