package data

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Length caps, in characters, enforced by Validate, by the UI and again
// when sync applies a change.
const (
	MaxName    = 100
	MaxShort   = 200   // phone, email, one address line, a reason
	MaxAddress = 500   // a postal address of several lines
	MaxNote    = 20000 // free notes
)

// isBidiControl reports the invisible direction marks and overrides that
// make a name display differently from what it is (and can hide text).
func isBidiControl(r rune) bool {
	switch {
	case r == '\u061C', r == '\u200E', r == '\u200F':
		return true
	case r >= '\u202A' && r <= '\u202E':
		return true
	case r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// CleanText is applied to every piece of text a person types: it repairs
// invalid UTF-8, removes direction controls and other control characters,
// turns runs of whitespace (line breaks included) into one space,
// NFC-normalises and trims.
func CleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isBidiControl(r), r == '\uFEFF':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// CleanMultiline is CleanText for notes and addresses: each line is
// cleaned on its own and line breaks stay; leading and trailing empty
// lines go.
func CleanMultiline(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = CleanText(l)
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// checkLength adds a problem when s is longer than max characters.
func checkLength(p *Problems, field, s string, max int) {
	if n := utf8.RuneCountInString(s); n > max {
		p.Add("%s is too long (%d characters; at most %d).", field, n, max)
	}
}

// foldChains hands out the accent-removing transformer: a Chain keeps
// buffers between calls and is not safe for concurrent use, and Fold runs
// in every search and every save, from several goroutines at once.
var foldChains = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold turns text into its search form: lower case, accents removed
// ("José Gómez" → "jose gomez"), punctuation other than letters and digits
// turned into single spaces. Scripts without case or accents (Arabic,
// Hebrew) pass through.
func Fold(s string) string {
	chain := foldChains.Get().(transform.Transformer)
	t, _, err := transform.String(chain, s)
	foldChains.Put(chain)
	if err != nil {
		t = s
	}
	var b strings.Builder
	b.Grow(len(t))
	space := false
	for _, r := range t {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		switch r {
		case 'ß':
			b.WriteString("ss")
		case 'ø', 'Ø':
			b.WriteByte('o')
		case 'ł', 'Ł':
			b.WriteByte('l')
		case 'đ', 'Đ':
			b.WriteByte('d')
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'œ', 'Œ':
			b.WriteString("oe")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Digits keeps only the ASCII digits of s: the search form of a phone number.
func Digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
