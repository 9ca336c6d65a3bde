package data

import (
	"context"
	"database/sql"

	"frontdesk/data/i18n"
)

// Kinds of day off.
const (
	OffHoliday  = "holiday"  // a public holiday
	OffLeave    = "leave"    // annual leave
	OffTraining = "training" // a course, a congress
	OffSick     = "sick"     // sick leave
	OffOther    = "other"
)

// DayOffKinds lists the kinds in the order a form offers them.
var DayOffKinds = []string{OffHoliday, OffLeave, OffTraining, OffSick, OffOther}

// DayOff is one or more whole days on which nobody (PractitionerID
// empty: the practice is closed) or one practitioner sees patients. The
// calendar blocks these days out and a booking on them is warned about.
type DayOff struct {
	ID             string
	PractitionerID string // empty: the whole practice
	First, Last    Date   // inclusive, on the practice calendar
	Kind           string
	Reason         string
}

// maxDaysOff bounds one entry: a year of leave is already a lot.
const maxDaysOff = 366

// Validate cleans and checks the fields; dates in its messages are
// written in ISO 8601.
func (o *DayOff) Validate() error { return o.ValidateAs(YMD) }

// Fields of a day off (FieldKind and FieldReason are also a recall's).
const (
	FieldFirst  = "first"
	FieldLast   = "last"
	FieldKind   = "kind"
	FieldReason = "reason"
)

// dayOffLabels are the names of a day off's fields, as its form calls
// them.
var dayOffLabels = map[string]i18n.Key{
	FieldPractitioner: "day_off.field.who",
	FieldFirst:        "day_off.field.first",
	FieldLast:         "day_off.field.last",
	FieldKind:         "day_off.field.kind",
	FieldReason:       "day_off.field.reason",
}

// DayOffLabel is the catalogue's name of a day off's field.
func DayOffLabel(field string) i18n.Key { return dayOffLabels[field] }

// ValidateAs is Validate with the dates of its messages written in df.
func (o *DayOff) ValidateAs(df DateFormat) error {
	var p Problems
	l := DayOffLabel
	o.Reason = CleanText(o.Reason)
	p.length(FieldReason, l(FieldReason), o.Reason, MaxShort)
	switch {
	case o.First.IsZero():
		p.Report(FieldFirst, "day_off.problem.first_missing", "Field", l(FieldFirst))
	case o.Last.IsZero():
		p.Report(FieldLast, "day_off.problem.last_missing", "Field", l(FieldLast))
	case o.Last.Before(o.First):
		p.Report(FieldLast, "day_off.problem.last_before", "Field", l(FieldLast), "Date", o.Last, "First", o.First)
	case o.First.DaysUntil(o.Last) >= maxDaysOff:
		p.Report(FieldLast, "day_off.problem.too_long", "Field", l(FieldLast), "Days", o.First.DaysUntil(o.Last)+1)
	}
	if !validDayOffKind(o.Kind) {
		p.Report(FieldKind, "day_off.problem.kind", "Field", l(FieldKind), "Text", clip(o.Kind))
	}
	return p.errAs(df)
}

func validDayOffKind(k string) bool {
	for _, v := range DayOffKinds {
		if v == k {
			return true
		}
	}
	return false
}

// KindKey is the catalogue's name of the kind: a holiday of the whole
// practice reads "practice holiday".
func (o DayOff) KindKey() i18n.Key {
	switch o.Kind {
	case OffHoliday:
		if o.PractitionerID == "" {
			return "day_off.kind.practice_holiday"
		}
		return "day_off.kind.holiday"
	case OffLeave:
		return "day_off.kind.leave"
	case OffTraining:
		return "day_off.kind.training"
	case OffSick:
		return "day_off.kind.sick"
	case OffOther:
		return "day_off.kind.other"
	}
	return ""
}

// KindLabel is how the kind reads in English, for the log and the
// command line; the screens write KindKey in their language.
func (o DayOff) KindLabel() string {
	if k := o.KindKey(); k != "" {
		return i18n.EnglishText.T(k)
	}
	return o.Kind
}

// Covers reports whether d is one of the days off.
func (o DayOff) Covers(d Date) bool { return !d.Before(o.First) && !d.After(o.Last) }

// AppliesTo reports whether the day off concerns practitioner pr.
func (o DayOff) AppliesTo(pr string) bool { return o.PractitionerID == "" || o.PractitionerID == pr }

func (o *DayOff) row() row {
	return row{"days_off", &o.ID,
		[]string{"practitioner_id", "first_day", "last_day", "kind", "reason"},
		[]any{nullable(o.PractitionerID), o.First, o.Last, o.Kind, o.Reason}}
}

// DaysOff returns the days off that overlap [from, to], for every
// practitioner and the practice, by first day.
func (s *Store) DaysOff(ctx context.Context, from, to Date) ([]DayOff, error) {
	return daysOffBetween(ctx, s.r, from, to, "*")
}

// daysOffBetween reads days off overlapping [from, to]: those of one
// practitioner and the practice's, or everybody's when practitioner is "*".
func daysOffBetween(ctx context.Context, q querier, from, to Date, practitioner string) ([]DayOff, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(practitioner_id, ''), first_day, last_day, kind, reason
		FROM days_off
		WHERE deleted = 0 AND last_day >= ? AND first_day <= ?
		AND (? = '*' OR practitioner_id IS NULL OR practitioner_id = ?)
		ORDER BY first_day, id`, from.String(), to.String(), practitioner, practitioner)
	if err != nil {
		return nil, sqlErr("reading days off", err)
	}
	defer rows.Close()
	var out []DayOff
	for rows.Next() {
		var o DayOff
		if err := rows.Scan(&o.ID, &o.PractitionerID, &o.First, &o.Last, &o.Kind, &o.Reason); err != nil {
			return nil, sqlErr("reading days off", err)
		}
		out = append(out, o)
	}
	return out, sqlErr("reading days off", rows.Err())
}

// DayOffOn returns the day off of practitioner pr (or the practice) that
// covers day d, and whether there is one. A practice holiday wins over a
// practitioner's own entry: it is what the calendar says first.
func DayOffOn(offs []DayOff, pr string, d Date) (DayOff, bool) {
	var found DayOff
	ok := false
	for _, o := range offs {
		if !o.Covers(d) || !o.AppliesTo(pr) {
			continue
		}
		if !ok || (o.PractitionerID == "" && found.PractitionerID != "") {
			found, ok = o, true
		}
	}
	return found, ok
}

// DayOff returns one day off by ID.
func (s *Store) DayOff(ctx context.Context, id string) (DayOff, error) {
	var o DayOff
	err := s.r.QueryRowContext(ctx, `SELECT id, COALESCE(practitioner_id, ''), first_day, last_day, kind, reason
		FROM days_off WHERE id = ? AND deleted = 0`, id).Scan(&o.ID, &o.PractitionerID, &o.First, &o.Last, &o.Kind, &o.Reason)
	if err == sql.ErrNoRows {
		return o, NewError(ENotFound, "day_off.error.gone")
	}
	return o, sqlErr("reading a day off", err)
}
