package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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

// Text says what the clash is, naming it, with dates in the practice's
// format.
func (c Clash) Text(df DateFormat) string {
	switch c.Kind {
	case ClashDouble:
		who := c.Other.PatientName
		if c.Other.PatientID == "" {
			who = "blocked time"
		}
		what := ""
		if c.Other.TypeName != "" {
			what = " (" + c.Other.TypeName + ")"
		}
		return fmt.Sprintf("%s already has %s from %s to %s%s.", c.Practitioner, who, c.Other.Start, c.Other.End, what)
	case ClashHours:
		day := weekdayPlural(c.Day)
		if len(c.Hours) == 0 {
			return fmt.Sprintf("%s does not work on %s.", c.Practitioner, day)
		}
		blocks := make([]string, len(c.Hours))
		for i, h := range c.Hours {
			blocks[i] = h.Start.String() + "–" + h.End.String()
		}
		return fmt.Sprintf("%s–%s is outside %s's working hours on %s (%s).", c.Start, c.End, c.Practitioner, day, strings.Join(blocks, ", "))
	case ClashDayOff:
		when := c.Day.Weekday().String() + " " + df.Format(c.Day)
		why := c.DayOff.KindLabel()
		if c.DayOff.Reason != "" {
			why += ": " + c.DayOff.Reason
		}
		if c.DayOff.PractitionerID == "" {
			return fmt.Sprintf("%s is a day the practice is closed (%s).", when, why)
		}
		return fmt.Sprintf("%s is a day off for %s (%s).", when, c.Practitioner, why)
	}
	return "This booking clashes with the calendar."
}

func weekdayPlural(d Date) string { return d.Weekday().String() + "s" }

// clashError is the refusal of a booking with clashes that was not
// confirmed: EConflict, each clash on its own line.
func clashError(clashes []Clash, df DateFormat) error {
	lines := make([]string, 0, len(clashes)+1)
	for _, c := range clashes {
		lines = append(lines, c.Text(df))
	}
	lines = append(lines, "Book anyway, or choose another time.")
	return Errorf(EClash, "%s", strings.Join(lines, "\n"))
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
		return nil, Errorf(EInvalid, "Practitioner: the chosen practitioner no longer exists.")
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
