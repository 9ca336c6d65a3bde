package data

import (
	"strings"
	"unicode/utf8"
)

// checkPhone accepts what people write in phone numbers: digits, spaces,
// '+', '-', '.', '/', parentheses. Letters are refused.
func checkPhone(p *Problems, field, s string) {
	if s == "" {
		return
	}
	checkLength(p, field, s, 40)
	for _, r := range s {
		if !strings.ContainsRune("0123456789 +-./()", r) {
			p.Add("%s: %q may only hold digits, spaces and + - . / ( ).", field, clip(s))
			return
		}
	}
	if n := len(Digits(s)); n < 3 {
		p.Add("%s: %q has too few digits for a phone number.", field, clip(s))
	}
}

// checkEmail is deliberately loose (one '@', something either side, a dot
// in the domain): the aim is to catch typing slips, not to judge RFC 5322.
func checkEmail(p *Problems, field, s string) {
	if s == "" {
		return
	}
	checkLength(p, field, s, MaxShort)
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(domain, "@ ") || strings.Contains(local, " ") ||
		strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		p.Add("%s: %q is not an email address (like name@example.org).", field, clip(s))
	}
}

// checkColour accepts "" or #RRGGBB.
func checkColour(p *Problems, field, s string) {
	if s == "" {
		return
	}
	if len(s) != 7 || s[0] != '#' || strings.Trim(strings.ToLower(s[1:]), "0123456789abcdef") != "" {
		p.Add("%s: %q is not a colour written #RRGGBB.", field, clip(s))
	}
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
