package ui

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// This file holds the small pure functions that turn data into the words
// the screens show. They know nothing of widgets, so they are tested on
// their own.

// listName writes a patient as the search list shows it: "FAMILY, Given".
func listName(family, given string) string {
	family = strings.ToUpper(family)
	if given == "" {
		return family
	}
	return family + ", " + given
}

// ageIn is a person's age for a list in the desk's words: "36 y", or
// months for a baby ("8 mo"), or "" without a date of birth.
func ageIn(w words, birth, today data.Date) string {
	if birth.IsZero() || birth.After(today) {
		return ""
	}
	years := birth.AgeOn(today)
	if years >= 2 {
		return w.N("patients.age.years", years)
	}
	months := (today.Year-birth.Year)*12 + int(today.Month) - int(birth.Month)
	if today.Day < birth.Day {
		months--
	}
	return w.N("patients.age.months", months)
}

// ageText is ageIn in English, for the screens not yet in the catalogue.
func ageText(birth, today data.Date) string { return ageIn(englishWords, birth, today) }

// birthText is a date of birth in the practice's format with the age:
// "25/05/1989 (36 y)", in English for the screens not yet in the
// catalogue.
func birthText(f data.DateFormat, birth, today data.Date) string {
	if birth.IsZero() {
		return ""
	}
	if age := ageText(birth, today); age != "" {
		return f.Format(birth) + " (" + age + ")"
	}
	return f.Format(birth)
}

// moneyText writes an amount with its currency: "25.00 EUR".
func moneyText(c data.Currency, m data.Money) string {
	return c.Format(m) + " " + c.Code
}

// hoursOn lists the blocks of one weekday: "08:00–12:00, 14:00–18:00",
// "" when the practitioner does not work that day.
func hoursOn(whs []data.WorkingHours, day time.Weekday) string {
	var parts []string
	for _, wh := range whs {
		if wh.Weekday == int(day) {
			parts = append(parts, wh.Start.String()+"–"+wh.End.String())
		}
	}
	return strings.Join(parts, ", ")
}

// weekText writes a week of working hours, Monday first, one entry per
// run of consecutive days with the same hours, with the days' short names
// in the desk's language: ["Mon–Fri 08:30–12:30, 14:00–18:30",
// "Sat 09:00–12:00"]. Days off are left out.
func weekText(w words, whs []data.WorkingHours) []string {
	var out []string
	var first, last time.Weekday
	cur := ""
	flush := func() {
		if cur == "" {
			return
		}
		days := w.ShortWeekday(first)
		switch {
		case last == first:
		case (first+1)%7 == last:
			days += ", " + w.ShortWeekday(last)
		default:
			days += "–" + w.ShortWeekday(last)
		}
		out = append(out, days+" "+cur)
	}
	for i := 1; i <= 7; i++ {
		day := time.Weekday(i % 7)
		h := hoursOn(whs, day)
		if h != "" && h == cur {
			last = day
			continue
		}
		flush()
		cur, first, last = h, day, day
	}
	flush()
	return out
}

// parseColour reads #RRGGBB; anything else gives a neutral grey, so a
// type without a colour still has a visible tag.
func parseColour(s string) color.Color {
	grey := color.NRGBA{R: 0x9a, G: 0xa0, B: 0xa6, A: 0xff}
	if len(s) != 7 || s[0] != '#' {
		return grey
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return grey
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// timeRange writes "09:00–09:20".
func timeRange(start, end data.WallTime) string {
	return start.String() + "–" + end.String()
}

// orDash shows an empty value as a dash, so that an empty field reads
// as "not recorded" rather than as a layout gap.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// hardWrap breaks text into lines of at most width characters at spaces
// (a longer word keeps its own line). Fyne sizes a word-wrapped label
// from its current width, which a window's first layout does not have
// yet: a small window of wrapped text can come up blank and screen-tall.
// Text broken beforehand has a fixed size. No-break spaces hold: French
// puts one before ":" and ";" so that they never start a line.
func hardWrap(s string, width int) string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.FieldsFunc(para, func(r rune) bool { return r == ' ' || r == '\t' }) {
			switch {
			case line == "":
				line = w
			case len([]rune(line))+1+len([]rune(w)) <= width:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
