package ui

import (
	"context"
	"strconv"
	"time"

	"frontdesk/data"
)

// buildWeek makes the columns of one practitioner's week, Monday first.
// A Saturday or Sunday the practitioner does not work and has nothing
// booked on is left out, to give the other days the room.
func buildWeek(refs bookingRefs, practitioner string, monday data.Date, offs []data.DayOff, appts []data.AppointmentView, df data.DateFormat) dayData {
	dd := dayData{Refs: refs}
	byDay := map[data.Date][]data.AppointmentView{}
	for _, a := range appts {
		byDay[a.Day] = append(byDay[a.Day], a)
		dd.count(a)
	}
	for i := 0; i < 7; i++ {
		d := monday.AddDays(i)
		work := workBlocks(refs.Hours[practitioner], d)
		if i >= 5 && len(work) == 0 && len(byDay[d]) == 0 {
			continue
		}
		col := gridColumn{PractitionerID: practitioner, Day: d, Title: weekdayShort[d.Weekday()] + " " + df.Format(d),
			Short: weekdayShort[d.Weekday()] + " " + strconv.Itoa(d.Day), Work: work, Appts: byDay[d], Subtitle: blocksText(work)}
		if col.Subtitle == "" {
			col.Subtitle = "Not working"
		}
		if o, ok := data.DayOffOn(offs, practitioner, d); ok {
			col.Off, col.OffID = offLabel(o), o.ID
		}
		dd.Columns = append(dd.Columns, col)
	}
	return dd
}

// loadWeek reads a practitioner's week (the first active practitioner
// when none is given) from the store.
func loadWeek(ctx context.Context, s *data.Store, practitioner string, monday data.Date, loc *time.Location, df data.DateFormat) (dayData, error) {
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
	offs, err := s.DaysOff(ctx, monday, monday.AddDays(6))
	if err != nil {
		return dayData{}, err
	}
	from, _ := data.ResolveLocal(monday, 0, loc)
	to, _ := data.ResolveLocal(monday.AddDays(7), 0, loc)
	appts, err := s.AppointmentsOf(ctx, practitioner, from, to)
	if err != nil {
		return dayData{}, err
	}
	return buildWeek(refs, practitioner, monday, offs, appts, df), nil
}
