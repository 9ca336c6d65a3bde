package data

import (
	"context"
	"database/sql"
	"strings"

	"frontdesk/data/i18n"
)

// Kinds of clash a booking can meet.
const (
	ClashDouble = "double"  // another appointment of the same practitioner at that time
	ClashHours  = "hours"   // outside the practitioner's working hours
	ClashDayOff = "day_off" // a practice holiday or the practitioner's day off
)

// Clash is a reason to think twice before booking: the secretary is
// warned and may book anyway; a double booking then stays visible in the
// calendar.
type Clash struct {
	Kind         string
	Practitioner string          // display name
	Day          Date            // the day of the booking
	Start, End   WallTime        // the booking's wall times
	Other        AppointmentView // ClashDouble: the appointment already there
	Hours        []WorkingHours  // ClashHours: the practitioner's blocks that weekday
	DayOff       DayOff          // ClashDayOff
}

// Msg says what the clash is, naming it, in words any language writes.
func (c Clash) Msg() i18n.Message {
	switch c.Kind {
	case ClashDouble:
		var who any = c.Other.PatientName
		if c.Other.PatientID == "" {
			who = i18n.Key("clash.blocked_time")
		}
		if c.Other.TypeName != "" {
			return i18n.Msg("clash.double_type", "Practitioner", c.Practitioner, "Who", who, "Start", c.Other.Start.String(),
				"End", c.Other.End.String(), "Type", c.Other.TypeName)
		}
		return i18n.Msg("clash.double", "Practitioner", c.Practitioner, "Who", who, "Start", c.Other.Start.String(),
			"End", c.Other.End.String())
	case ClashHours:
		on := onWeekdayKeys[c.Day.Weekday()]
		if len(c.Hours) == 0 {
			return i18n.Msg("clash.no_work", "Practitioner", c.Practitioner, "OnWeekday", on)
		}
		blocks := make([]string, len(c.Hours))
		for i, h := range c.Hours {
			blocks[i] = h.Start.String() + "–" + h.End.String()
		}
		return i18n.Msg("clash.hours", "Start", c.Start.String(), "End", c.End.String(), "Practitioner", c.Practitioner,
			"OnWeekday", on, "Hours", strings.Join(blocks, ", "))
	case ClashDayOff:
		var why any = c.DayOff.KindKey()
		if c.DayOff.Reason != "" {
			why = i18n.Msg("day_off.with_reason", "Kind", c.DayOff.KindKey(), "Reason", c.DayOff.Reason)
		}
		if c.DayOff.PractitionerID == "" {
			return i18n.Msg("clash.closed", "Weekday", c.Day.Weekday(), "Date", c.Day, "Why", why)
		}
		return i18n.Msg("clash.day_off", "Weekday", c.Day.Weekday(), "Date", c.Day, "Practitioner", c.Practitioner, "Why", why)
	}
	return i18n.Msg("clash.other")
}

// Text says what the clash is in English, with dates in df, for the log
// and the command line.
func (c Clash) Text(df DateFormat) string { return englishIn(df).Render(c.Msg()) }

// englishIn is English with dates in df: the Message of an error about
// what a person typed, in the order they typed it.
func englishIn(df DateFormat) *i18n.Localizer {
	return i18n.For(i18n.English).WithDateOrder(string(df))
}

// onWeekdayKeys say "on Mondays" as a sentence about every such day
// writes it ("le lundi", "los lunes").
var onWeekdayKeys = [7]i18n.Key{"date.on_weekday.sunday", "date.on_weekday.monday", "date.on_weekday.tuesday",
	"date.on_weekday.wednesday", "date.on_weekday.thursday", "date.on_weekday.friday", "date.on_weekday.saturday"}

// clashError is the refusal of a booking with clashes that was not
// confirmed: EClash, each clash a problem of its own line, then what to
// do. The screens write them in their language, by the code (never the
// words) offering to book anyway.
func clashError(clashes []Clash, df DateFormat) error {
	var p Problems
	for _, c := range clashes {
		m := c.Msg()
		p.Report("", m.Key, m.Args...)
	}
	p.Report("", "clash.advice")
	return problemsError(EClash, p, df)
}

// problemsError is an error of code carrying problems, its Message their
// English with dates in df, one a line.
func problemsError(code string, p Problems, df DateFormat) error {
	err := p.errAs(df).(*Error)
	err.Code = code
	return err
}

// blocksTime reports whether an appointment in this status holds its
// slot: cancelled appointments and no-shows leave it free.
func blocksTime(status string) bool {
	return status != StatusCancelled && status != StatusNoShow
}

// Clashes returns what booking a (validated, so its instants are set)
// would clash with, for a warning while the secretary is still typing.
func (s *Store) Clashes(ctx context.Context, a Appointment) ([]Clash, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return findClashes(ctx, s.r, a)
}

// clashes checks a inside the write transaction, so that what is warned
// about is what is there when the booking is written.
func (tx *Tx) clashes(a *Appointment) ([]Clash, error) {
	return findClashes(tx.ctx, tx.tx, *a)
}

func findClashes(ctx context.Context, q querier, a Appointment) ([]Clash, error) {
	if !blocksTime(a.Status) {
		return nil, nil
	}
	var name string
	err := q.QueryRowContext(ctx, `SELECT display_name FROM practitioners WHERE id = ?`, a.PractitionerID).Scan(&name)
	if err == sql.ErrNoRows {
		return nil, NewError(EInvalid, "appointment.error.practitioner_gone", "Field", AppointmentLabel(FieldPractitioner))
	} else if err != nil {
		return nil, sqlErr("looking up the practitioner to check clashes", err) // a cancelled or failed query, not a missing practitioner
	}
	base := Clash{Practitioner: name, Day: a.Day, Start: a.Start, End: a.End}
	var out []Clash
	// Touching intervals (10:00–10:30 and 10:30–11:00) do not clash: the
	// comparison is strict. No appointment lasts more than a day, so the
	// search starts a day before, which keeps it on the index.
	others, err := scanAppointmentViews(ctx, q, appointmentViewSelect+`
		WHERE a.practitioner_id = ? AND a.start_utc >= ? AND a.start_utc < ? AND a.end_utc > ?
		AND a.id != ? AND a.deleted = 0 AND a.status NOT IN ('cancelled', 'no_show')
		ORDER BY a.start_utc`, a.PractitionerID, a.StartUTC.Unix()-86400, a.EndUTC.Unix(), a.StartUTC.Unix(), a.ID)
	if err != nil {
		return nil, err
	}
	for _, o := range others {
		c := base
		c.Kind, c.Other = ClashDouble, o
		out = append(out, c)
	}
	hours, err := workingHoursOf(ctx, q, a.PractitionerID)
	if err != nil {
		return nil, err
	}
	var today []WorkingHours
	inside := false
	for _, h := range hours {
		if h.Weekday == int(a.Day.Weekday()) {
			today = append(today, h)
			if h.Start <= a.Start && a.End <= h.End {
				inside = true
			}
		}
	}
	if !inside {
		c := base
		c.Kind, c.Hours = ClashHours, today
		out = append(out, c)
	}
	offs, err := daysOffBetween(ctx, q, a.Day, a.Day, a.PractitionerID)
	if err != nil {
		return nil, err
	}
	for _, off := range offs {
		c := base
		c.Kind, c.DayOff = ClashDayOff, off
		out = append(out, c)
	}
	return out, nil
}
