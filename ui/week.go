package ui

import (
	"context"
	"strconv"
	"time"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// buildWeek makes the columns of one practitioner's week, from its first
// day (the practice's first weekday). A Saturday or Sunday the
// practitioner does not work and has nothing booked on is left out, to
// give the other days the room.
func buildWeek(w words, refs bookingRefs, practitioner string, first data.Date, offs []data.DayOff, appts []data.AppointmentView) dayData {
	dd := dayData{Refs: refs}
	byDay := map[data.Date][]data.AppointmentView{}
	for _, a := range appts {
		byDay[a.Day] = append(byDay[a.Day], a)
		dd.count(a)
	}
	for i := 0; i < 7; i++ {
		d := first.AddDays(i)
		work := workBlocks(refs.Hours[practitioner], d)
		weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
		if weekend && len(work) == 0 && len(byDay[d]) == 0 {
			continue
		}
		col := gridColumn{PractitionerID: practitioner, Day: d, Title: w.shortDay(d),
			Short: w.T("calendar.short_day_of_month", "Weekday", i18n.ShortWeekdayKey(d.Weekday()), "Day", strconv.Itoa(d.Day)),
			Work:  work, Appts: byDay[d], Subtitle: blocksText(work)}
		if col.Subtitle == "" {
			col.Subtitle = w.T("calendar.column.not_working")
		}
		if o, ok := data.DayOffOn(offs, practitioner, d); ok {
			col.Off, col.OffID = offLabel(w, o), o.ID
		}
		dd.Columns = append(dd.Columns, col)
	}
	return dd
}

// loadWeek reads a practitioner's week (the first active practitioner
// when none is given) from the store.
func loadWeek(ctx context.Context, w words, s *data.Store, practitioner string, first data.Date, loc *time.Location) (dayData, error) {
	refs, err := loadRefs(ctx, s)
	if err != nil {
		return dayData{}, err
	}
	if practitioner == "" {
		if ps := refs.activePractitioners(); len(ps) > 0 {
			practitioner = ps[0].ID
		} else {
			return dayData{Refs: refs}, nil
		}
	}
	offs, err := s.DaysOff(ctx, first, first.AddDays(6))
	if err != nil {
		return dayData{}, err
	}
	from, _ := data.ResolveLocal(first, 0, loc)
	to, _ := data.ResolveLocal(first.AddDays(7), 0, loc)
	appts, err := s.AppointmentsOf(ctx, practitioner, from, to)
	if err != nil {
		return dayData{}, err
	}
	return buildWeek(w, refs, practitioner, first, offs, appts), nil
}
