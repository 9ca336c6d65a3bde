package interop

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"frontdesk/data"
)

// spreadsheetNumber matches what a spreadsheet makes of a long number
// typed in a cell it took for a number, a phone number above all:
// 3.3612345678E+10 (digits beyond the fifteenth lost, the leading zero
// or + gone), or 33612345678.0.
var spreadsheetNumber = regexp.MustCompile(`^[+-]?[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+$|^[0-9]+[.,]0+$`)

// mangledNumber reports a value a spreadsheet rewrote as a number. Most
// cells (names, addresses, phone numbers with spaces) hold a character no
// such number has, found without the regular expression, which cost a
// third of the check of a 100 000-line file.
func mangledNumber(s string) bool {
	if s == "" || strings.IndexFunc(s, notInSpreadsheetNumber) >= 0 {
		return false
	}
	return spreadsheetNumber.MatchString(s)
}

func notInSpreadsheetNumber(r rune) bool {
	return !('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.' || r == ',' || r == 'e' || r == 'E')
}

// atMidnight is a time of day of 0:00 after a date, as exports of a date
// stored with a time write it ("1989-05-25 00:00:00", "25/05/1989 0:00").
var atMidnight = regexp.MustCompile(`^(.*?)[ T]+0?0:00(:00(\.0+)?)?(Z|[+-]00:?00)?$`)

// timeOfDay matches a date followed by some other time of day.
var timeOfDay = regexp.MustCompile(`^\S+[ T]+[0-9]{1,2}:[0-9]{2}`)

// serialDay matches a spreadsheet's day number: a date cell whose
// column was exported as numbers (32 653 is 25 May 1989). Five digits
// cover 1927 to 2173; a year alone (four digits) is not taken for one.
var serialDay = regexp.MustCompile(`^[0-9]{5}([.,]0+)?$`)

// compactISO matches 19890525, the date form of HL7 and many medical
// programs: with a four-digit year first it cannot be misread.
var compactISO = regexp.MustCompile(`^(1[89]|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$`)

// readDate reads a date cell in order, strictly, reporting what it
// cannot read under field. A date followed by midnight is a date; one
// followed by another time is refused (it may be a day off, stored in
// another time zone), and so is a spreadsheet's day number.
func readDate(p *data.Problems, f string, s string, order data.DateFormat) data.Date {
	label := data.PatientLabel(f)
	if s == "" {
		return data.Date{}
	}
	if m := atMidnight.FindStringSubmatch(s); m != nil {
		s = m[1]
	} else if timeOfDay.MatchString(s) {
		p.Report(f, "import.problem.time_of_day", "Field", label, "Text", s)
		return data.Date{}
	}
	switch {
	case compactISO.MatchString(s):
		d, err := data.ParseISODate(s[0:4] + "-" + s[4:6] + "-" + s[6:8])
		if err == nil {
			return d
		}
	case serialDay.MatchString(s):
		n, _ := strconv.Atoi(strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' })[0])
		p.Report(f, "import.problem.serial_date", "Field", label, "Text", s, "Date", serialDate(n))
		return data.Date{}
	}
	d, err := order.Parse(s)
	if err != nil {
		p.ReportErr(f, label, err)
	}
	return d
}

// serialDate is the date a spreadsheet's day number stands for in the
// 1900 date system of Excel and LibreOffice (day 60 is Lotus's 29
// February 1900, which never was, so later days count from 30 December
// 1899). The number is refused all the same: Excel for Mac long used the
// 1904 system, four years off. Shown only to help find the column.
func serialDate(n int) data.Date {
	return data.DateOf(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n))
}

// sexWords are how files write the administrative sex, folded, in
// English, French and Spanish, with ISO/IEC 5218's digits (0 not known,
// 1 male, 2 female, 9 not applicable). The letters M and H need the
// file's convention: see sexReader.
var sexWords = map[string]string{
	"f": data.SexFemale, "female": data.SexFemale, "woman": data.SexFemale, "w": data.SexFemale, "fem": data.SexFemale,
	"femme": data.SexFemale, "feminin": data.SexFemale, "mujer": data.SexFemale, "femenino": data.SexFemale, "2": data.SexFemale,
	"male": data.SexMale, "man": data.SexMale, "masc": data.SexMale, "homme": data.SexMale,
	"masculin": data.SexMale, "hombre": data.SexMale, "varon": data.SexMale, "masculino": data.SexMale, "1": data.SexMale,
	"o": data.SexOther, "other": data.SexOther, "autre": data.SexOther, "otro": data.SexOther, "x": data.SexOther,
	"nb": data.SexOther, "non binary": data.SexOther, "indetermine": data.SexOther, "intersex": data.SexOther, "d": data.SexOther,
	"u": data.SexUnknown, "unknown": data.SexUnknown, "inconnu": data.SexUnknown, "desconocido": data.SexUnknown,
	"0": data.SexUnknown, "9": data.SexUnknown, "ns": data.SexUnknown, "nc": data.SexUnknown, "na": data.SexUnknown,
	"n a": data.SexUnknown, "not known": data.SexUnknown, "non renseigne": data.SexUnknown,
}

// sexReader reads the sex column under the file's convention for M:
// male in English and French (M/F, H/F), but "mujer" where the file
// writes H (hombre) and M and never F, as Spanish programs do.
type sexReader struct{ spanish bool }

func newSexReader(values func(yield func(string) bool)) sexReader {
	var h, f bool
	for v := range values {
		switch data.Fold(v) {
		case "h":
			h = true
		case "f":
			f = true
		}
	}
	return sexReader{spanish: h && !f}
}

func (r sexReader) read(p *data.Problems, s string) string {
	if s == "" {
		return data.SexUnknown
	}
	switch k := data.Fold(s); {
	case k == "m" && r.spanish:
		return data.SexFemale
	case k == "m", k == "h":
		return data.SexMale
	default:
		if sex, ok := sexWords[k]; ok {
			return sex
		}
	}
	p.Report(data.FieldSex, "import.problem.sex", "Field", data.PatientLabel(data.FieldSex), "Text", s)
	return data.SexUnknown
}

// deathMarks are how a deceased column says "yes" when it holds no
// date, and "no".
var deathMarks = map[string]bool{
	"yes": true, "y": true, "true": true, "x": true, "deceased": true, "dead": true,
	"oui": true, "o": true, "vrai": true, "decede": true, "decedee": true,
	"si": true, "s": true, "verdadero": true, "fallecido": true, "fallecida": true,
	"no": false, "n": false, "false": false, "non": false, "faux": false, "alive": false, "vivant": false, "vivo": false, "0": false,
}

// readDeath reads a deceased column: a date of death, or a mark. A
// patient marked deceased without a date is refused, not brought in as
// living (who would then be sent reminders).
func readDeath(p *data.Problems, s string, order data.DateFormat) data.Date {
	if s == "" {
		return data.Date{}
	}
	if dead, ok := deathMarks[data.Fold(s)]; ok {
		if dead {
			p.Report(data.FieldDeceasedDate, "import.problem.deceased_no_date", "Field", data.PatientLabel(data.FieldDeceasedDate), "Text", s)
		}
		return data.Date{}
	}
	return readDateIn(p, data.FieldDeceasedDate, s, order)
}

// oddName reports a name with characters names rarely have: digits,
// symbols, emoji. Letters of every script, combining marks, spaces,
// hyphens, apostrophes, full stops and commas are a name's.
func oddName(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsMark(r), r == ' ', r == '-', r == '\'', r == '’', r == 'ʼ', r == '.', r == ',':
		default:
			return true
		}
	}
	return false
}

// trimCell takes the spaces around a value off, no-break spaces too.
func trimCell(s string) string { return strings.TrimSpace(s) }
