package interop

import (
	"bufio"
	"context"
	"io"
	"sort"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// CalendarQuery chooses the appointments of a calendar export.
type CalendarQuery struct {
	// PractitionerID, or else Practitioner (a name as the command line
	// takes it, see data.MatchPractitioner), chooses one practitioner;
	// both empty: everyone.
	PractitionerID string
	Practitioner   string
	// From and To are days on the practice clock, both included; a zero
	// day leaves that side open.
	From, To data.Date
}

// Calendar is a calendar export, read and ready to write.
type Calendar struct {
	Practice     data.Practice
	Practitioner data.Practitioner // the one chosen; zero for everyone
	From, To     data.Date
	Entries      []data.CalendarEntry
}

// LoadCalendar reads the appointments a query chooses, cancelled ones
// included. It does not record the read: the caller writes the file
// through data.WriteOutput, which does.
func LoadCalendar(ctx context.Context, s *data.Store, q CalendarQuery) (Calendar, error) {
	pr, err := s.Practice(ctx)
	if err != nil {
		return Calendar{}, err
	}
	c := Calendar{Practice: pr, From: q.From, To: q.To}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return c, data.NewError(data.EInvalid, "calendar_export.problem.order", "From", q.From, "To", q.To)
	}
	if q.PractitionerID != "" {
		if c.Practitioner, err = s.Practitioner(ctx, q.PractitionerID); err != nil {
			return c, err
		}
	} else if q.Practitioner != "" {
		prs, err := s.Practitioners(ctx)
		if err != nil {
			return c, err
		}
		if c.Practitioner, err = data.MatchPractitioner(prs, q.Practitioner); err != nil {
			return c, err
		}
	}
	loc := pr.Location()
	var from, to time.Time
	if !q.From.IsZero() {
		from = q.From.StartIn(loc)
	}
	if !q.To.IsZero() {
		to = q.To.AddDays(1).StartIn(loc)
	}
	c.Entries, err = s.CalendarEntries(ctx, c.Practitioner.ID, from, to)
	return c, data.WithOp("reading the appointments of the calendar export", err)
}

// WriteCalendar writes c as an iCalendar file (RFC 5545) that phones and
// calendar programs import: one VEVENT per appointment, its UID the
// appointment's ID (so that a later export updates the same event
// instead of adding a copy), its times on the clock of the appointment's
// time zone with a VTIMEZONE for each zone, cancelled appointments as
// STATUS:CANCELLED. Lines are folded at 75 octets, never inside a
// character, and text is escaped, by github.com/arran4/golang-ical.
//
// What it carries: the patient's name, the type of visit, the
// practitioner and the chart number; when the appointment last changed.
// What it never carries, because a calendar leaves the practice's
// protection (a phone, a cloud account): clinical notes, the notes of a
// booking (the reason for the visit, typed freely, is often clinical),
// the reason of a cancellation (often an illness), phone numbers and
// addresses. now is the DTSTAMP of appointments whose last change is not
// known.
func WriteCalendar(w io.Writer, c Calendar, now time.Time) error {
	words := i18n.For(c.Practice.DocumentLanguage)
	cfg := &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}
	bw := bufio.NewWriter(w)

	cal := ics.NewCalendarFor("Frontdesk")
	cal.SetProductId("-//Frontdesk//Frontdesk calendar export//EN")
	cal.SetCalscale("GREGORIAN")
	name := c.Practice.Name
	if c.Practitioner.ID != "" {
		name += " – " + c.Practitioner.DisplayName
	}
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(c.Practice.TimeZone)
	bw.WriteString("BEGIN:VCALENDAR\r\n")
	for _, p := range cal.CalendarProperties {
		if err := p.SerializeTo(bw, cfg); err != nil {
			return err
		}
	}

	zones, err := zonesOf(c, now)
	if err != nil {
		return err
	}
	for _, z := range zones {
		if err := vtimezone(z.loc, z.from, z.to).SerializeTo(bw, cfg); err != nil {
			return err
		}
	}
	for _, e := range c.Entries {
		if err := calendarEvent(e, words, now).SerializeTo(bw, cfg); err != nil {
			return err
		}
	}
	bw.WriteString("END:VCALENDAR\r\n")
	return bw.Flush()
}

// zonesOf returns the zones of the appointments and of the practice
// (always described, so that even an empty export says which clock the
// practice keeps), each with the instants it must cover, by name.
func zonesOf(c Calendar, now time.Time) ([]*zoneSpan, error) {
	spans := map[string]*zoneSpan{}
	add := func(name string) (*zoneSpan, error) {
		if z, ok := spans[name]; ok {
			return z, nil
		}
		loc, err := data.LoadZone(name)
		if err != nil {
			return nil, err
		}
		z := &zoneSpan{loc: loc}
		spans[name] = z
		return z, nil
	}
	for _, e := range c.Entries {
		z, err := add(e.TimeZone)
		if err != nil {
			return nil, err
		}
		z.cover(e.StartUTC, e.EndUTC)
	}
	pz, err := add(c.Practice.TimeZone)
	if err != nil {
		return nil, err
	}
	if !pz.hasEvents {
		start := now
		if !c.From.IsZero() {
			start = c.From.StartIn(pz.loc)
		}
		pz.cover(start, start)
	}
	names := make([]string, 0, len(spans))
	for n := range spans {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*zoneSpan, len(names))
	for i, n := range names {
		out[i] = spans[n]
	}
	return out, nil
}

// calendarEvent is one appointment as a VEVENT.
func calendarEvent(e data.CalendarEntry, words *i18n.Localizer, now time.Time) *ics.VEvent {
	loc, err := data.LoadZone(e.TimeZone)
	if err != nil { // zonesOf loaded every zone already
		loc = time.UTC
	}
	ev := ics.NewEvent(e.ID)
	stamp := e.Revised
	if stamp.IsZero() {
		stamp = now
	}
	ev.SetDtStampTime(stamp)
	if !e.Revised.IsZero() {
		ev.SetLastModifiedAt(e.Revised)
	}
	ev.SetProperty(ics.ComponentPropertyDtStart, e.StartUTC.In(loc).Format(icsLocal), ics.WithTZID(e.TimeZone))
	ev.SetProperty(ics.ComponentPropertyDtEnd, e.EndUTC.In(loc).Format(icsLocal), ics.WithTZID(e.TimeZone))
	ev.SetSummary(eventSummary(e, words))
	desc := []string{words.T("calendar_export.event.practitioner", "Practitioner", e.PractitionerName)}
	if e.ChartNumber != "" {
		desc = append(desc, words.T("calendar_export.event.chart", "Chart", e.ChartNumber))
	}
	ev.SetDescription(strings.Join(desc, "\n"))
	if e.Status == data.StatusCancelled {
		ev.SetStatus(ics.ObjectStatusCancelled)
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	} else {
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
	ev.SetClass(ics.ClassificationPrivate)
	return ev
}

// eventSummary is the title of the event: the patient and the type of
// visit, "Jeanne Martin – Consultation"; blocked time without a patient
// says so.
func eventSummary(e data.CalendarEntry, words *i18n.Localizer) string {
	who := e.PatientName
	if e.PatientID == "" {
		who = words.T("calendar_export.event.blocked")
	}
	if e.TypeName == "" {
		return who
	}
	return who + " – " + e.TypeName
}
