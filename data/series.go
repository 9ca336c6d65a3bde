package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// How often a series repeats.
const (
	FreqDaily          = "daily"           // every N days
	FreqWeekly         = "weekly"          // every N weeks, on the weekday of the first day
	FreqMonthlyDay     = "monthly_day"     // every N months on day D (the last day in shorter months)
	FreqMonthlyWeekday = "monthly_weekday" // every N months on the 1st–4th or last weekday ("second Tuesday")
)

// Limits of one series: past them, a person should think again (and the
// calendar would fill with rows nobody will ever check).
const (
	MaxOccurrences = 500
	maxSeriesYears = 5
)

// Scope says which occurrences of a series an edit or a cancellation
// touches.
type Scope int

// The scopes the secretary chooses from.
const (
	ScopeOne       Scope = iota // this occurrence only (it becomes an exception)
	ScopeFollowing              // this one and the ones after it
	ScopeAll                    // every occurrence still to come
)

// Series is the rule of a recurring booking. Its occurrences are
// appointments (SeriesID, SeriesDay) made by CreateSeries and remade by
// ChangeSeries; the wall-clock time is the same on every occurrence,
// across daylight-saving changes.
type Series struct {
	ID             string
	PractitionerID string
	PatientID      string // empty: blocked time
	TypeID         string
	First          Date // the first occurrence
	Start, End     WallTime
	TimeZone       string
	Freq           string
	Every          int // every N days, weeks or months (1 or more)
	// MonthDay is the day of the month of FreqMonthlyDay (0: First's day).
	// Months without that day use their last day: the 31st falls on
	// 30 April and 28 or 29 February.
	MonthDay int
	// WeekOfMonth is the week of FreqMonthlyWeekday: 1–4, or -1 for the
	// last (0: First's week, where a fifth week counts as the last).
	WeekOfMonth int
	Until       Date // zero: bounded by Count only
	Count       int  // 0: bounded by Until only
	Notes       string
}

// Validate cleans and checks the rule, filling MonthDay and WeekOfMonth
// from the first day when they are not given. Dates in its messages are
// written in ISO 8601.
func (sr *Series) Validate() error { return sr.ValidateAs(YMD) }

// ValidateAs is Validate with the dates of its messages written in df.
func (sr *Series) ValidateAs(df DateFormat) error {
	var p Problems
	sr.Notes = CleanMultiline(sr.Notes)
	checkLength(&p, "Notes", sr.Notes, MaxAppointmentNote)
	if sr.PractitionerID == "" {
		p.Add("Practitioner: choose who the appointments are with.")
	}
	if sr.First.IsZero() {
		p.Add("Date: the series has no first day.")
	}
	if sr.Start < 0 || sr.End > 24*60 || sr.End <= sr.Start {
		p.Add("Time: %s to %s is not a period within one day.", sr.Start, sr.End)
	}
	if _, err := LoadZone(sr.TimeZone); err != nil {
		p.Add("%s", ErrorMessage(err))
	}
	maxEvery := map[string]int{FreqDaily: 365, FreqWeekly: 52, FreqMonthlyDay: 24, FreqMonthlyWeekday: 24}[sr.Freq]
	switch {
	case maxEvery == 0:
		p.Add("Repeat: %q is not a way of repeating.", clip(sr.Freq))
	case sr.Every < 1 || sr.Every > maxEvery:
		p.Add("Repeat: every %d is not between 1 and %d.", sr.Every, maxEvery)
	}
	if !sr.First.IsZero() {
		switch sr.Freq {
		case FreqMonthlyDay:
			if sr.MonthDay == 0 {
				sr.MonthDay = sr.First.Day
			}
			if sr.MonthDay < 1 || sr.MonthDay > 31 {
				p.Add("Repeat: day %d is not a day of the month.", sr.MonthDay)
			} else if min(sr.MonthDay, DaysIn(sr.First.Year, sr.First.Month)) != sr.First.Day {
				p.Add("Date: %s is not day %d of its month, where the series starts.", df.Format(sr.First), sr.MonthDay)
			}
		case FreqMonthlyWeekday:
			if sr.WeekOfMonth == 0 {
				sr.WeekOfMonth = WeekOfMonthOf(sr.First)
			}
			if sr.WeekOfMonth < -1 || sr.WeekOfMonth > 4 || sr.WeekOfMonth == 0 {
				p.Add("Repeat: week %d of the month is not 1 to 4 or the last.", sr.WeekOfMonth)
			} else if NthWeekday(sr.First.Year, sr.First.Month, sr.First.Weekday(), sr.WeekOfMonth) != sr.First {
				p.Add("Date: %s is not the %s %s of its month, where the series starts.", df.Format(sr.First), ordinal(sr.WeekOfMonth), sr.First.Weekday())
			}
		}
	}
	switch {
	case sr.Until.IsZero() && sr.Count == 0:
		p.Add("Until: say until which date the series runs, or how many times.")
	case sr.Count < 0 || sr.Count > MaxOccurrences:
		p.Add("Times: %d is not between 1 and %d.", sr.Count, MaxOccurrences)
	case !sr.Until.IsZero() && !sr.First.IsZero() && sr.Until.Before(sr.First):
		p.Add("Until: %s is before the first day, %s.", df.Format(sr.Until), df.Format(sr.First))
	case !sr.Until.IsZero() && !sr.First.IsZero() && sr.Until.After(sr.First.AddYears(maxSeriesYears)):
		p.Add("Until: a series may run for at most %d years.", maxSeriesYears)
	}
	if len(p) == 0 && len(sr.dates(MaxOccurrences+1)) > MaxOccurrences {
		p.Add("Until: the series would make more than %d appointments; end it sooner.", MaxOccurrences)
	}
	return p.Err()
}

// AddYears returns the same day n years later (28 February for a
// 29 February in a common year).
func (d Date) AddYears(n int) Date {
	y := d.Year + n
	return Date{y, d.Month, min(d.Day, DaysIn(y, d.Month))}
}

// WeekOfMonthOf says which of its weekday d is in its month: 1 to 4, or
// -1 for a fifth, which is always the last.
func WeekOfMonthOf(d Date) int {
	n := (d.Day-1)/7 + 1
	if n == 5 {
		return -1
	}
	return n
}

// IsLastWeekdayOfMonth reports whether no later day of the month has d's weekday.
func IsLastWeekdayOfMonth(d Date) bool { return d.Day+7 > DaysIn(d.Year, d.Month) }

// NthWeekday returns the n-th (1–4, or -1 for the last) weekday wd of a month.
func NthWeekday(y int, m time.Month, wd time.Weekday, n int) Date {
	if n == -1 {
		last := Date{y, m, DaysIn(y, m)}
		back := (int(last.Weekday()) - int(wd) + 7) % 7
		return last.AddDays(-back)
	}
	first := Date{y, m, 1}
	ahead := (int(wd) - int(first.Weekday()) + 7) % 7
	return first.AddDays(ahead + 7*(n-1))
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	case 4:
		return "fourth"
	case -1:
		return "last"
	}
	return fmt.Sprintf("%dth", n)
}

// Dates returns the days of the occurrences, in order. The rule must be
// valid. Monthly rules count months from the first day, not from the
// previous occurrence, so a series on the 31st is back on the 31st after
// February.
func (sr Series) Dates() []Date { return sr.dates(MaxOccurrences) }

func (sr Series) dates(limit int) []Date {
	if sr.Count > 0 {
		limit = min(limit, sr.Count)
	}
	end := sr.First.AddYears(maxSeriesYears)
	if !sr.Until.IsZero() && sr.Until.Before(end) {
		end = sr.Until
	}
	out := make([]Date, 0, min(limit, 128))
	for k := 0; len(out) < limit; k++ {
		var d Date
		switch sr.Freq {
		case FreqDaily:
			d = sr.First.AddDays(k * sr.Every)
		case FreqWeekly:
			d = sr.First.AddDays(7 * k * sr.Every)
		case FreqMonthlyDay, FreqMonthlyWeekday:
			y, m := addMonths(sr.First.Year, sr.First.Month, k*sr.Every)
			if sr.Freq == FreqMonthlyDay {
				day := sr.MonthDay
				if day == 0 {
					day = sr.First.Day
				}
				d = Date{y, m, min(day, DaysIn(y, m))}
			} else {
				n := sr.WeekOfMonth
				if n == 0 {
					n = WeekOfMonthOf(sr.First)
				}
				d = NthWeekday(y, m, sr.First.Weekday(), n)
			}
		default:
			return out
		}
		if d.After(end) {
			break
		}
		out = append(out, d)
	}
	return out
}

func addMonths(y int, m time.Month, n int) (int, time.Month) {
	months := y*12 + int(m) - 1 + n
	return months / 12, time.Month(months%12 + 1)
}

// Occurrence is one appointment a series makes.
type Occurrence struct {
	SeriesDay  Date // the day the rule gives; also the occurrence's day
	Start, End WallTime
	// Flag is FlagGap when the wall time does not exist that day (the
	// clocks go forward) and the occurrence moved to the first valid time
	// after it, keeping its length; FlagOverlap when the time happens
	// twice and the earlier one is taken.
	Flag string
}

// Occurrences expands the rule on the practice clock loc.
func (sr Series) Occurrences(loc *time.Location) []Occurrence {
	dates := sr.Dates()
	out := make([]Occurrence, len(dates))
	length := sr.End - sr.Start
	for i, d := range dates {
		o := Occurrence{SeriesDay: d, Start: sr.Start, End: sr.End}
		switch t, res := ResolveLocal(d, sr.Start, loc); res {
		case Gap:
			o.Start = WallTime(t.Hour()*60 + t.Minute())
			o.End = min(o.Start+length, 24*60)
			o.Flag = FlagGap
		case Overlap:
			o.Flag = FlagOverlap
		}
		out[i] = o
	}
	return out
}

// Describe writes the rule for people: "every 2 weeks on Tuesday at
// 09:00, 10 times".
func (sr Series) Describe(df DateFormat) string {
	unit := func(one, many string) string {
		if sr.Every == 1 {
			return "every " + one
		}
		return fmt.Sprintf("every %d %s", sr.Every, many)
	}
	var s string
	switch sr.Freq {
	case FreqDaily:
		s = unit("day", "days")
	case FreqWeekly:
		s = unit("week", "weeks") + " on " + sr.First.Weekday().String()
	case FreqMonthlyDay:
		day := sr.MonthDay
		if day == 0 {
			day = sr.First.Day
		}
		s = unit("month", "months") + fmt.Sprintf(" on day %d", day)
		if day > 28 {
			s += " (the last day in shorter months)"
		}
	case FreqMonthlyWeekday:
		n := sr.WeekOfMonth
		if n == 0 {
			n = WeekOfMonthOf(sr.First)
		}
		s = unit("month", "months") + " on the " + ordinal(n) + " " + sr.First.Weekday().String()
	default:
		s = "repeating"
	}
	s += " at " + sr.Start.String()
	if sr.Count > 0 {
		s += fmt.Sprintf(", %d times", sr.Count)
	}
	if !sr.Until.IsZero() {
		s += ", until " + df.Format(sr.Until)
	}
	return s
}

// From returns the rule of the occurrences from day cut on (an
// occurrence's day): the same rule starting at cut, with the count that
// remains.
func (sr Series) From(cut Date) Series {
	out := sr
	out.ID = ""
	if sr.Count > 0 {
		before := 0
		for _, d := range sr.Dates() {
			if d.Before(cut) {
				before++
			}
		}
		out.Count = max(sr.Count-before, 1)
	}
	out.First = cut
	return out
}

func (sr *Series) row() row {
	return row{"appointment_series", &sr.ID,
		[]string{"practitioner_id", "patient_id", "type_id", "first_day", "start_min", "end_min", "time_zone",
			"freq", "every", "month_day", "week_of_month", "until_day", "count", "notes"},
		[]any{sr.PractitionerID, nullable(sr.PatientID), nullable(sr.TypeID), sr.First, int(sr.Start), int(sr.End), sr.TimeZone,
			sr.Freq, sr.Every, sr.MonthDay, sr.WeekOfMonth, sr.Until, sr.Count, sr.Notes}}
}

// Series returns a series rule by ID.
func (s *Store) Series(ctx context.Context, id string) (Series, error) {
	return loadSeries(ctx, s.r, id)
}

// Series returns a series rule inside the transaction.
func (tx *Tx) Series(id string) (Series, error) {
	return loadSeries(tx.ctx, tx.tx, id)
}

func loadSeries(ctx context.Context, q querier, id string) (Series, error) {
	var sr Series
	err := q.QueryRowContext(ctx, `SELECT id, practitioner_id, COALESCE(patient_id, ''), COALESCE(type_id, ''), first_day,
		start_min, end_min, time_zone, freq, every, month_day, week_of_month, until_day, count, notes
		FROM appointment_series WHERE id = ? AND deleted = 0`, id).Scan(&sr.ID, &sr.PractitionerID, &sr.PatientID, &sr.TypeID,
		&sr.First, &sr.Start, &sr.End, &sr.TimeZone, &sr.Freq, &sr.Every, &sr.MonthDay, &sr.WeekOfMonth, &sr.Until, &sr.Count, &sr.Notes)
	if err == sql.ErrNoRows {
		return sr, Errorf(ENotFound, "This series was cancelled or removed; its appointments can only be changed one by one.")
	}
	return sr, sqlErr("reading a repeating series", err)
}
