package interop

import (
	"fmt"
	"time"

	ics "github.com/arran4/golang-ical"
)

// icsLocal is the form of a local DATE-TIME: no "Z", read in the zone of
// the property's TZID.
const icsLocal = "20060102T150405"

// zoneSpan is a time zone and the instants an export needs it for.
type zoneSpan struct {
	loc       *time.Location
	from, to  time.Time
	hasEvents bool
}

// cover widens the span to include [from, to].
func (z *zoneSpan) cover(from, to time.Time) {
	if !z.hasEvents || from.Before(z.from) {
		z.from = from
	}
	if !z.hasEvents || to.After(z.to) {
		z.to = to
	}
	z.hasEvents = true
}

// vtimezone describes loc over [from, to] as a VTIMEZONE: the observances
// in force over the range, from the change that began the first to the
// change that ends the last, each with the onset and offsets of Go's zone
// data (time/tzdata is built in, so the Windows build writes the same
// rules). Listing the changes one by one, rather than as a yearly RRULE,
// stays right for zones whose rules changed over the years and for those
// that gave up daylight saving. The changes on both sides mean that even
// a range inside one summer names the standard time too: a VTIMEZONE of
// daylight time alone leaves some readers (python3-icalendar among them)
// unable to say how far daylight time is from standard.
func vtimezone(loc *time.Location, from, to time.Time) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	t := from.In(loc)
	if began := changeBefore(loc, t); began.IsZero() {
		// A zone that never changed (UTC), or whose first record is in
		// force: one observance, from the first instant exported.
		name, offset := t.Zone()
		tz.Components = append(tz.Components, observance(t.IsDST(), t.Format(icsLocal), offset, offset, name))
	} else {
		t = began.In(loc)
		tz.Components = append(tz.Components, change(loc, began))
	}
	for {
		end := changeAfter(loc, t)
		if end.IsZero() {
			break
		}
		tz.Components = append(tz.Components, change(loc, end))
		if end.After(to) {
			break
		}
		t = end.In(loc)
	}
	return tz
}

// changeBefore and changeAfter return the real changes of offset, name
// or daylight saving around t (zero when there is none). Go's zone
// bounds can also end at the turn of a year where nothing changes: the
// zone data Go embeds for Windows (time/tzdata) gives the far years as a
// rule, which Go applies a year at a time, while Linux's fuller files
// list them. Skipping those bounds makes both systems write the same
// file. In a leap year Go ends that rule's last bound on 31 December,
// a day early, and gives the same bound again from there: stepping
// past it an hour at a time reaches the new year instead of circling.
func changeBefore(loc *time.Location, t time.Time) time.Time {
	for range 1000 {
		began, _ := t.ZoneBounds()
		if began.IsZero() || !sameZone(began.Add(-time.Second).In(loc), began.In(loc)) {
			return began
		}
		t = began.Add(-time.Second).In(loc)
	}
	return time.Time{}
}

func changeAfter(loc *time.Location, t time.Time) time.Time {
	for range 1000 {
		_, end := t.ZoneBounds()
		switch {
		case end.IsZero() || end.After(t) && !sameZone(end.Add(-time.Second).In(loc), end.In(loc)):
			return end
		case !end.After(t):
			t = t.Add(time.Hour)
		default:
			t = end.In(loc)
		}
	}
	return time.Time{}
}

// sameZone reports whether a and b are on the same clock: the same
// offset, abbreviation and daylight saving.
func sameZone(a, b time.Time) bool {
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return an == bn && ao == bo && a.IsDST() == b.IsDST()
}

// change is the observance that begins at the instant at.
func change(loc *time.Location, at time.Time) ics.Component {
	_, before := at.Add(-time.Second).In(loc).Zone()
	after := at.In(loc)
	name, offset := after.Zone()
	onset := at.In(time.FixedZone("", before)).Format(icsLocal) // on the clock of the observance it ends
	return observance(after.IsDST(), onset, before, offset, name)
}

// observance is one STANDARD or DAYLIGHT sub-component.
func observance(dst bool, onset string, from, to int, name string) ics.Component {
	var c ics.ComponentBase
	c.AddProperty(ics.ComponentPropertyDtStart, onset)
	c.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(from))
	c.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(to))
	if name != "" {
		c.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
	}
	if dst {
		return &ics.Daylight{ComponentBase: c}
	}
	return &ics.Standard{ComponentBase: c}
}

// utcOffset writes an offset in seconds as RFC 5545's UTC-OFFSET: +0100,
// -0330, and the seconds where old local mean times had them (+001921).
func utcOffset(secs int) string {
	sign := '+'
	if secs < 0 {
		sign, secs = '-', -secs
	}
	s := fmt.Sprintf("%c%02d%02d", sign, secs/3600, secs/60%60)
	if secs%60 != 0 {
		s += fmt.Sprintf("%02d", secs%60)
	}
	return s
}
