package reports

import (
	"golang.org/x/text/unicode/bidi"
)

// gofpdf draws runes left to right, one glyph each: it neither orders
// right-to-left text nor joins Arabic letters. visual prepares a line for
// it: Arabic letters become their contextual presentation forms, then the
// line is put in visual order (right-to-left runs reversed, and the runs
// themselves reversed in a right-to-left line).

// arabicForms maps an Arabic letter to the first of its presentation
// forms in Arabic Presentation Forms-B (isolated, final, then for letters
// that join on both sides initial and medial) and whether it joins the
// following letter.
var arabicForms = map[rune]struct {
	isolated rune
	dual     bool
}{
	0x0621: {0xFE80, false}, 0x0622: {0xFE81, false}, 0x0623: {0xFE83, false}, 0x0624: {0xFE85, false},
	0x0625: {0xFE87, false}, 0x0626: {0xFE89, true}, 0x0627: {0xFE8D, false}, 0x0628: {0xFE8F, true},
	0x0629: {0xFE93, false}, 0x062A: {0xFE95, true}, 0x062B: {0xFE99, true}, 0x062C: {0xFE9D, true},
	0x062D: {0xFEA1, true}, 0x062E: {0xFEA5, true}, 0x062F: {0xFEA9, false}, 0x0630: {0xFEAB, false},
	0x0631: {0xFEAD, false}, 0x0632: {0xFEAF, false}, 0x0633: {0xFEB1, true}, 0x0634: {0xFEB5, true},
	0x0635: {0xFEB9, true}, 0x0636: {0xFEBD, true}, 0x0637: {0xFEC1, true}, 0x0638: {0xFEC5, true},
	0x0639: {0xFEC9, true}, 0x063A: {0xFECD, true}, 0x0641: {0xFED1, true}, 0x0642: {0xFED5, true},
	0x0643: {0xFED9, true}, 0x0644: {0xFEDD, true}, 0x0645: {0xFEE1, true}, 0x0646: {0xFEE5, true},
	0x0647: {0xFEE9, true}, 0x0648: {0xFEED, false}, 0x0649: {0xFEEF, false}, 0x064A: {0xFEF1, true},
}

// lamAlef maps the alef that follows a lam to the isolated form of the
// ligature they make (the final form is the next code point).
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

const tatweel = 0x0640

// transparent marks (harakat) sit on a letter and do not break joining.
func transparent(r rune) bool { return r >= 0x064B && r <= 0x065F || r == 0x0670 }

// joinsNext reports whether r connects to the letter after it.
func joinsNext(r rune) bool {
	f, ok := arabicForms[r]
	return r == tatweel || ok && f.dual
}

// joinsPrev reports whether r connects to the letter before it.
func joinsPrev(r rune) bool {
	_, ok := arabicForms[r]
	return ok || r == tatweel
}

// shapeArabic replaces Arabic letters by their contextual forms, in
// logical order.
func shapeArabic(in []rune) []rune {
	out := make([]rune, 0, len(in))
	neighbour := func(i, step int) rune { // nearest non-transparent rune
		for i += step; i >= 0 && i < len(in); i += step {
			if !transparent(in[i]) {
				return in[i]
			}
		}
		return 0
	}
	for i := 0; i < len(in); i++ {
		r := in[i]
		f, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		prev := neighbour(i, -1)
		joinPrev := joinsNext(prev)
		if r == 0x0644 { // lam + alef → one ligature glyph
			if j := i + 1; j < len(in) {
				if lig, ok := lamAlef[in[j]]; ok {
					if joinPrev {
						lig++
					}
					out = append(out, lig)
					i = j
					continue
				}
			}
		}
		joinNext := f.dual && joinsPrev(neighbour(i, 1))
		form := f.isolated
		switch {
		case joinPrev && joinNext:
			form += 3
		case joinNext:
			form += 2
		case joinPrev:
			form++
		}
		out = append(out, form)
	}
	return out
}

// visual returns s shaped and in the visual order gofpdf draws, for one
// line without line breaks.
func visual(s string) (out string) {
	// x/text's bidi package is marked as under construction: should it
	// ever panic on odd input, draw the text in logical order instead.
	defer func() {
		if recover() != nil {
			out = s
		}
	}()
	rs := []rune(s)
	hasRTL := false
	for _, r := range rs {
		if p, _ := bidi.LookupRune(r); p.Class() == bidi.R || p.Class() == bidi.AL {
			hasRTL = true
			break
		}
	}
	if !hasRTL {
		return s
	}
	shaped := string(shapeArabic(rs))
	var p bidi.Paragraph
	if _, err := p.SetString(shaped); err != nil {
		return shaped
	}
	o, err := p.Order()
	if err != nil {
		return shaped
	}
	runs := make([][]byte, o.NumRuns())
	for i := range runs {
		r := o.Run(i)
		if r.Direction() == bidi.RightToLeft {
			runs[i] = bidi.AppendReverse(nil, r.Bytes())
		} else {
			runs[i] = r.Bytes()
		}
	}
	if !leftToRight(rs) {
		for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
			runs[i], runs[j] = runs[j], runs[i]
		}
	}
	var b []byte
	for _, r := range runs {
		b = append(b, r...)
	}
	return string(b)
}

// leftToRight reports the paragraph direction: that of its first strong
// character (rules P2–P3 of the bidi algorithm).
func leftToRight(rs []rune) bool {
	for _, r := range rs {
		switch p, _ := bidi.LookupRune(r); p.Class() {
		case bidi.L:
			return true
		case bidi.R, bidi.AL:
			return false
		}
	}
	return true
}
