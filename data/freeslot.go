package data

import (
	"context"
	"sort"
	"strings"
	"time"

	"frontdesk/data/i18n"
)

// Slot is a period of one practitioner's day.
type Slot struct {
	PractitionerID   string
	Day              Date
	Start, End       WallTime
	StartUTC, EndUTC time.Time
}

// SlotQuery asks for the first free time.
type SlotQuery struct {
	PractitionerIDs []string  // one or more practitioners; the earliest of them wins
	Minutes         int       // length of the visit
	From            time.Time // no earlier than this instant
	Days            int       // how many days to look ahead (0: 180)
	Step            int       // slots start on multiples of Step minutes from the block's start (0: 5)
}

// slotChunkDays is how many days one query of busy times covers.
const slotChunkDays = 14

// FirstFreeSlot finds the earliest period of q.Minutes, no earlier than
// q.From, inside one of a practitioner's working blocks, on no day off,
// overlapping no appointment that holds its time (cancelled ones and
// no-shows do not). ok is false when nothing is free within q.Days.
func (s *Store) FirstFreeSlot(ctx context.Context, q SlotQuery, loc *time.Location) (slot Slot, ok bool, err error) {
	if q.Minutes <= 0 || q.Minutes > 24*60 {
		return Slot{}, false, NewError(EInvalid, "free_slot.problem.duration", "Field", i18n.Key("appointment_type.field.duration"), "Minutes", q.Minutes)
	}
	if len(q.PractitionerIDs) == 0 {
		return Slot{}, false, NewError(EInvalid, "free_slot.problem.no_practitioner", "Field", AppointmentLabel(FieldPractitioner))
	}
	if q.Days <= 0 {
		q.Days = 180
	}
	if q.Step <= 0 {
		q.Step = 5
	}
	hours := map[string][]WorkingHours{}
	for _, id := range q.PractitionerIDs {
		if hours[id], err = workingHoursOf(ctx, s.r, id); err != nil {
			return Slot{}, false, err
		}
	}
	from := q.From.In(loc)
	first := DateOf(from)
	nowWall := WallTime(from.Hour()*60 + from.Minute())
	if from.Second() > 0 {
		nowWall++
	}
	last := first.AddDays(q.Days - 1)
	offs, err := daysOffBetween(ctx, s.r, first, last, "*")
	if err != nil {
		return Slot{}, false, err
	}
	for chunk := first; !chunk.After(last); chunk = chunk.AddDays(slotChunkDays) {
		end := chunk.AddDays(slotChunkDays - 1)
		if end.After(last) {
			end = last
		}
		busy, err := s.busyTimes(ctx, q.PractitionerIDs, chunk, end, loc)
		if err != nil {
			return Slot{}, false, err
		}
		for d := chunk; !d.After(end); d = d.AddDays(1) {
			var best Slot
			found := false
			for _, pr := range q.PractitionerIDs {
				if _, off := DayOffOn(offs, pr, d); off {
					continue
				}
				after := WallTime(0)
				if d == first {
					after = nowWall
				}
				sl, ok := freeIn(hours[pr], busy[busyKey{pr, d}], d, after, q, loc)
				if ok && (!found || sl.StartUTC.Before(best.StartUTC)) {
					sl.PractitionerID = pr
					best, found = sl, true
				}
			}
			if found {
				return best, true, nil
			}
		}
	}
	return Slot{}, false, nil
}

type busyKey struct {
	practitioner string
	day          Date
}

type span struct{ start, end WallTime }

// busyTimes reads the periods taken on days [from, to], per practitioner
// and day, sorted by start.
func (s *Store) busyTimes(ctx context.Context, prs []string, from, to Date, loc *time.Location) (map[busyKey][]span, error) {
	lo, _ := dayBounds(from, loc)
	_, hi := dayBounds(to, loc)
	args := []any{}
	for _, p := range prs {
		args = append(args, p)
	}
	args = append(args, lo, hi)
	rows, err := s.r.QueryContext(ctx, `SELECT practitioner_id, start_local, end_local FROM appointments
		WHERE practitioner_id IN (?`+strings.Repeat(", ?", len(prs)-1)+`) AND start_utc >= ? AND start_utc < ?
		AND deleted = 0 AND status NOT IN ('cancelled', 'no_show')`, args...)
	if err != nil {
		return nil, sqlErr("reading booked times to find a free slot", err)
	}
	defer rows.Close()
	out := map[busyKey][]span{}
	for rows.Next() {
		var pr, sl, el string
		if err := rows.Scan(&pr, &sl, &el); err != nil {
			return nil, sqlErr("reading booked times to find a free slot", err)
		}
		d, st, err1 := parseLocalStamp(sl)
		ed, et, err2 := parseLocalStamp(el)
		if err1 != nil || err2 != nil {
			continue
		}
		if ed != d {
			et = 24 * 60
		}
		k := busyKey{pr, d}
		out[k] = append(out[k], span{st, et})
	}
	for _, v := range out {
		sort.Slice(v, func(i, j int) bool { return v[i].start < v[j].start })
	}
	return out, sqlErr("reading booked times to find a free slot", rows.Err())
}

// freeIn finds the first start in the day's working blocks, at or after
// after, where q.Minutes fit between the busy spans. Starts on a wall time
// the clocks skip are passed over.
func freeIn(hours []WorkingHours, busy []span, d Date, after WallTime, q SlotQuery, loc *time.Location) (Slot, bool) {
	length := WallTime(q.Minutes)
	var blocks []WorkingHours
	for _, h := range hours {
		if h.Weekday == int(d.Weekday()) {
			blocks = append(blocks, h)
		}
	}
	sort.Slice(blocks, func(i, j int) bool { return blocks[i].Start < blocks[j].Start })
	for _, b := range blocks {
		start := b.Start
		if after > start {
			// Round up onto the block's grid of Step minutes.
			step := WallTime(q.Step)
			start += (after - start + step - 1) / step * step
		}
		for start+length <= b.End {
			clash := false
			for _, sp := range busy {
				if sp.start < start+length && sp.end > start {
					clash = true
					// Jump past the busy span, onto the grid.
					step := WallTime(q.Step)
					start += (sp.end - start + step - 1) / step * step
					break
				}
			}
			if clash {
				continue
			}
			t, res := ResolveLocal(d, start, loc)
			if res == Gap {
				start += WallTime(q.Step)
				continue
			}
			endT, _ := ResolveLocal(d, start+length, loc)
			if start+length == 24*60 {
				endT, _ = ResolveLocal(d.AddDays(1), 0, loc)
			}
			return Slot{Day: d, Start: start, End: start + length, StartUTC: t.UTC(), EndUTC: endT.UTC()}, true
		}
	}
	return Slot{}, false
}
