package data

import (
	"context"
	"database/sql"
	"time"

	"frontdesk/data/i18n"
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

// Fields of a series' rule, beside an appointment's.
const (
	FieldRepeat = "repeat"
	FieldUntil  = "until"
	FieldTimes  = "times"
)

// seriesLabels are the names of a series' fields, as the booking dialog
// calls them.
var seriesLabels = map[string]i18n.Key{
	FieldPractitioner: "appointment.field.practitioner",
	FieldDate:         "appointment.field.date",
	FieldTime:         "appointment.field.time",
	FieldNotes:        "appointment.field.notes",
	FieldRepeat:       "series.field.repeat",
	FieldUntil:        "series.field.until",
	FieldTimes:        "series.field.times",
}

// SeriesLabel is the catalogue's name of a series' field.
func SeriesLabel(field string) i18n.Key { return seriesLabels[field] }

// ValidateAs is Validate with the dates of its messages written in df.
func (sr *Series) ValidateAs(df DateFormat) error {
	var p Problems
	l := SeriesLabel
	sr.Notes = CleanMultiline(sr.Notes)
	p.length(FieldNotes, l(FieldNotes), sr.Notes, MaxAppointmentNote)
	if sr.PractitionerID == "" {
		p.Report(FieldPractitioner, "series.problem.no_practitioner", "Field", l(FieldPractitioner))
	}
	if sr.First.IsZero() {
		p.Report(FieldDate, "series.problem.no_first", "Field", l(FieldDate))
	}
	if sr.Start < 0 || sr.End > 24*60 || sr.End <= sr.Start {
		p.Report(FieldTime, "appointment.problem.period", "Field", l(FieldTime), "Start", sr.Start.String(), "End", sr.End.String())
	}
	if _, err := LoadZone(sr.TimeZone); err != nil {
		p.reportError(FieldTimeZone, err)
	}
	maxEvery := map[string]int{FreqDaily: 365, FreqWeekly: 52, FreqMonthlyDay: 24, FreqMonthlyWeekday: 24}[sr.Freq]
	switch {
	case maxEvery == 0:
		p.Report(FieldRepeat, "series.problem.freq", "Field", l(FieldRepeat), "Text", clip(sr.Freq))
	case sr.Every < 1 || sr.Every > maxEvery:
		p.Report(FieldRepeat, "series.problem.every", "Field", l(FieldRepeat), "Every", sr.Every, "Max", maxEvery)
	}
	if !sr.First.IsZero() {
		switch sr.Freq {
		case FreqMonthlyDay:
			if sr.MonthDay == 0 {
				sr.MonthDay = sr.First.Day
			}
			if sr.MonthDay < 1 || sr.MonthDay > 31 {
				p.Report(FieldRepeat, "series.problem.month_day", "Field", l(FieldRepeat), "Day", sr.MonthDay)
			} else if min(sr.MonthDay, DaysIn(sr.First.Year, sr.First.Month)) != sr.First.Day {
				p.Report(FieldDate, "series.problem.not_month_day", "Field", l(FieldDate), "Date", sr.First, "Day", sr.MonthDay)
			}
		case FreqMonthlyWeekday:
			if sr.WeekOfMonth == 0 {
				sr.WeekOfMonth = WeekOfMonthOf(sr.First)
			}
			if sr.WeekOfMonth < -1 || sr.WeekOfMonth > 4 || sr.WeekOfMonth == 0 {
				p.Report(FieldRepeat, "series.problem.week_of_month", "Field", l(FieldRepeat), "Week", sr.WeekOfMonth)
			} else if NthWeekday(sr.First.Year, sr.First.Month, sr.First.Weekday(), sr.WeekOfMonth) != sr.First {
				p.Report(FieldDate, "series.problem.not_nth_weekday", "Field", l(FieldDate), "Date", sr.First,
					"Nth", OrdinalKey(sr.WeekOfMonth), "Weekday", sr.First.Weekday())
			}
		}
	}
	switch {
	case sr.Until.IsZero() && sr.Count == 0:
		p.Report(FieldUntil, "series.problem.no_end", "Field", l(FieldUntil))
	case sr.Count < 0 || sr.Count > MaxOccurrences:
		p.Report(FieldTimes, "series.problem.times", "Field", l(FieldTimes), "Times", sr.Count, "Max", MaxOccurrences)
	case !sr.Until.IsZero() && !sr.First.IsZero() && sr.Until.Before(sr.First):
		p.Report(FieldUntil, "series.problem.until_before", "Field", l(FieldUntil), "Date", sr.Until, "First", sr.First)
	case !sr.Until.IsZero() && !sr.First.IsZero() && sr.Until.After(sr.First.AddYears(maxSeriesYears)):
		p.Report(FieldUntil, "series.problem.years", "Field", l(FieldUntil), "Years", maxSeriesYears)
	}
	if len(p) == 0 && len(sr.dates(MaxOccurrences+1)) > MaxOccurrences {
		p.Report(FieldUntil, "series.problem.too_many", "Field", l(FieldUntil), "Max", MaxOccurrences)
	}
	return p.errAs(df)
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

// ordinalKeys name the weeks of a month for "the second Tuesday".
var ordinalKeys = map[int]i18n.Key{1: "series.ordinal.first", 2: "series.ordinal.second", 3: "series.ordinal.third",
	4: "series.ordinal.fourth", -1: "series.ordinal.last"}

// OrdinalKey names week n of a month (1–4, or -1 for the last) as "the
// second Tuesday" says it; "" for any other n.
func OrdinalKey(n int) i18n.Key { return ordinalKeys[n] }

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

// Description says the rule for people: "every 2 weeks on Tuesday at
// 09:00, 10 times", in words any language writes.
func (sr Series) Description() i18n.Message {
	var rule i18n.Message
	switch sr.Freq {
	case FreqDaily:
		rule = i18n.MsgN("series.rule.daily", sr.Every)
	case FreqWeekly:
		rule = i18n.MsgN("series.rule.weekly", sr.Every, "Weekday", sr.First.Weekday())
	case FreqMonthlyDay:
		day := sr.MonthDay
		if day == 0 {
			day = sr.First.Day
		}
		if day > 28 {
			rule = i18n.MsgN("series.rule.monthly_day_or_last", sr.Every, "Day", day)
		} else {
			rule = i18n.MsgN("series.rule.monthly_day", sr.Every, "Day", day)
		}
	case FreqMonthlyWeekday:
		n := sr.WeekOfMonth
		if n == 0 {
			n = WeekOfMonthOf(sr.First)
		}
		rule = i18n.MsgN("series.rule.monthly_weekday", sr.Every, "Nth", OrdinalKey(n), "Weekday", sr.First.Weekday())
	default:
		rule = i18n.Msg("series.rule.other")
	}
	at := sr.Start.String()
	switch {
	case sr.Count > 0 && !sr.Until.IsZero():
		return i18n.MsgN("series.describe.count_until", sr.Count, "Rule", rule, "Time", at, "Until", sr.Until)
	case sr.Count > 0:
		return i18n.MsgN("series.describe.count", sr.Count, "Rule", rule, "Time", at)
	case !sr.Until.IsZero():
		return i18n.Msg("series.describe.until", "Rule", rule, "Time", at, "Until", sr.Until)
	}
	return i18n.Msg("series.describe", "Rule", rule, "Time", at)
}

// Describe is the rule in English with dates in df, for the log and the
// command line.
func (sr Series) Describe(df DateFormat) string { return englishIn(df).Render(sr.Description()) }

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
		return sr, NewError(ENotFound, "series.error.gone")
	}
	return sr, sqlErr("reading a repeating series", err)
}
