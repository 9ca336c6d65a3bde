package data

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"

	"frontdesk/data/i18n"
)

// Date is a calendar date without a time or a zone: a date of birth, the
// day of an appointment in the practice's calendar. The zero Date means
// "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate returns the date, or an error when it does not exist
// (31 February) or the year is outside 1..9999. The error is an
// i18n.Message: a phrase (no capital, no full stop) to put after a
// field's name, in any language.
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < 1 || y > 9999 {
		return Date{}, i18n.Msg("date.parse.year_range", "Year", strconv.Itoa(y))
	}
	if m < 1 || m > 12 {
		return Date{}, i18n.Msg("date.parse.no_month", "Month", int(m))
	}
	if d < 1 || d > DaysIn(y, m) {
		return Date{}, i18n.Msg("date.parse.no_day", "Month", m, "Year", strconv.Itoa(y), "Day", d)
	}
	return Date{y, m, d}, nil
}

// DaysIn returns the number of days of month m in year y.
func DaysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is the "no date" value.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as ISO 8601 (2026-11-25); "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns midnight UTC of d, for arithmetic only.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// StartIn returns the instant the day begins on the clocks of loc (its
// midnight, or the first instant after it where a change of clocks skips
// midnight).
func (d Date) StartIn(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days after d (n may be negative).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Civil returns the year, month and day: a Date is an i18n.Civil, so it
// can be an argument of the catalogue's texts.
func (d Date) Civil() (int, time.Month, int) { return d.Year, d.Month, d.Day }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// DaysUntil returns the number of days from d to e.
func (d Date) DaysUntil(e Date) int { return int(e.Time().Sub(d.Time()).Hours() / 24) }

// AgeOn returns the age in whole years of someone born on d, on day e.
// A person born on 29 February has a birthday on 1 March in common years.
func (d Date) AgeOn(e Date) int {
	age := e.Year - d.Year
	if e.Month < d.Month || (e.Month == d.Month && e.Day < d.Day) {
		age--
	}
	return age
}

// Value stores a Date as ISO text, the zero Date as NULL.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads ISO text or NULL.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		return d.scanString(v)
	case []byte:
		return d.scanString(string(v))
	}
	return fmt.Errorf("cannot read a date from %T", src)
}

func (d *Date) scanString(s string) error {
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseISODate(s)
	*d = v
	return err
}

// ParseISODate parses YYYY-MM-DD strictly.
func ParseISODate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%q is not a date written YYYY-MM-DD", s)
	}
	return dateFromParts(s[0:4], s[5:7], s[8:10], s)
}

// DateFormat is the order in which a practice writes dates.
type DateFormat string

// The date orders a practice can choose. ISO dates (2026-11-25) are always
// understood too.
const (
	DMY DateFormat = "DMY" // 25/11/2026, most of the world
	MDY DateFormat = "MDY" // 11/25/2026, the United States
	YMD DateFormat = "YMD" // 2026-11-25
)

// Valid reports whether f is one of the known orders.
func (f DateFormat) Valid() bool { return f == DMY || f == MDY || f == YMD }

// Example returns how 25 November 2026 is written in f, for hints.
func (f DateFormat) Example() string {
	switch f {
	case MDY:
		return "11/25/2026"
	case YMD:
		return "2026-11-25"
	}
	return "25/11/2026"
}

// BirthExample returns how a plausible date of birth, 15 March 1984, is
// written in f: a hint for a date-of-birth field, where an example near
// today would read like a newborn's.
func (f DateFormat) BirthExample() string {
	return f.Format(Date{1984, time.March, 15})
}

// Format writes d in the practice's order.
func (f DateFormat) Format(d Date) string {
	if d.IsZero() {
		return ""
	}
	return i18n.FormatDate(string(f), d.Year, d.Month, d.Day)
}

// Parse reads a date a person typed, strictly: day, month and year in the
// practice's order separated by '/', '.' or '-', or an ISO date. The year
// must have four digits: "25/11/26" is refused rather than guessed. The
// error is an i18n.Message, a phrase for the person who typed it to put
// after the field's name (Problems.ReportErr); its Error is the English.
func (f DateFormat) Parse(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, i18n.Msg("date.parse.empty")
	}
	sep := strings.IndexAny(s, "/.-")
	if sep < 0 {
		return Date{}, i18n.Msg("date.parse.write_like", "Text", clip(s), "Example", f.Example())
	}
	parts := strings.Split(s, s[sep:sep+1]) // one separator throughout: "25/11.2026" is a slip
	if len(parts) != 3 {
		return Date{}, i18n.Msg("date.parse.write_like", "Text", clip(s), "Example", f.Example())
	}
	if len(parts[0]) == 4 { // ISO order whatever the practice format
		return dateFromParts(parts[0], parts[1], parts[2], s)
	}
	switch f {
	case MDY:
		return dateFromParts(parts[2], parts[0], parts[1], s)
	case YMD:
		return Date{}, i18n.Msg("date.parse.write_like", "Text", clip(s), "Example", f.Example())
	}
	return dateFromParts(parts[2], parts[1], parts[0], s)
}

func dateFromParts(ys, ms, ds, orig string) (Date, error) {
	orig = clip(orig)
	if len(ys) != 4 {
		return Date{}, i18n.Msg("date.parse.year_digits", "Text", orig)
	}
	if !allDigits(ys) || !allDigits(ms) || !allDigits(ds) {
		return Date{}, i18n.Msg("date.parse.not_a_date", "Text", orig)
	}
	y, err1 := strconv.Atoi(ys)
	m, err2 := strconv.Atoi(ms)
	d, err3 := strconv.Atoi(ds)
	if err1 != nil || err2 != nil || err3 != nil || len(ms) > 2 || len(ds) > 2 {
		return Date{}, i18n.Msg("date.parse.not_a_date", "Text", orig)
	}
	date, err := NewDate(y, time.Month(m), d)
	if err != nil {
		return Date{}, i18n.Msg("date.parse.impossible", "Text", orig, "Why", err)
	}
	return date, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
