package reports

import (
	"context"
	"io"
	"sort"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// DayList is what the day list of one day prints: a section per
// practitioner (or the one asked for).
type DayList struct {
	Practice data.Practice
	Day      data.Date
	Sections []DayListSection
}

// DayListSection is one practitioner's day.
type DayListSection struct {
	Practitioner string
	Hours        string       // "08:30–12:30, 14:00–18:30"; "" when not working that day
	DayOff       *data.DayOff // the day off that blocks the day, if any
	Appts        []data.AppointmentView
	Cancelled    []data.AppointmentView
}

// LoadDayList reads the day list of day from the store. practitioner, when
// not empty, names the one practitioner to print: their full name, or a
// part of it that only they have, in any case and with or without accents.
func LoadDayList(ctx context.Context, s *data.Store, day data.Date, practitioner string) (DayList, error) {
	dl, err := loadDayList(ctx, s, day, practitioner)
	return dl, data.WithOp("loading the day list of "+day.String(), err)
}

func loadDayList(ctx context.Context, s *data.Store, day data.Date, practitioner string) (DayList, error) {
	pr, err := s.Practice(ctx)
	if err != nil {
		return DayList{}, err
	}
	dl := DayList{Practice: pr, Day: day}
	prs, err := s.Practitioners(ctx)
	if err != nil {
		return dl, err
	}
	appts, err := s.AppointmentsOn(ctx, day, pr.Location())
	if err != nil {
		return dl, err
	}
	offs, err := s.DaysOff(ctx, day, day)
	if err != nil {
		return dl, err
	}
	if practitioner != "" {
		p, err := data.MatchPractitioner(prs, practitioner)
		if err != nil {
			return dl, err
		}
		prs = []data.Practitioner{p}
	}
	byPr := map[string][]data.AppointmentView{}
	for _, a := range appts {
		byPr[a.PractitionerID] = append(byPr[a.PractitionerID], a)
	}
	for _, p := range prs {
		if !p.Active && len(byPr[p.ID]) == 0 {
			continue
		}
		hours, err := s.WorkingHoursOf(ctx, p.ID)
		if err != nil {
			return dl, err
		}
		sec := DayListSection{Practitioner: p.DisplayName, Hours: hoursText(hours, day.Weekday())}
		if o, ok := data.DayOffOn(offs, p.ID, day); ok {
			sec.DayOff = &o
		}
		for _, a := range byPr[p.ID] {
			if a.Status == data.StatusCancelled {
				sec.Cancelled = append(sec.Cancelled, a)
			} else {
				sec.Appts = append(sec.Appts, a)
			}
		}
		dl.Sections = append(dl.Sections, sec)
	}
	return dl, nil
}

// hoursText lists the blocks of one weekday: "08:00–12:00, 14:00–18:00".
func hoursText(whs []data.WorkingHours, wd time.Weekday) string {
	var blocks []data.WorkingHours
	for _, h := range whs {
		if h.Weekday == int(wd) {
			blocks = append(blocks, h)
		}
	}
	sort.Slice(blocks, func(i, j int) bool { return blocks[i].Start < blocks[j].Start })
	parts := make([]string, len(blocks))
	for i, b := range blocks {
		parts[i] = b.Start.String() + "–" + b.End.String()
	}
	return strings.Join(parts, ", ")
}

// dayListColumns share the page by their content (columnWidths): times,
// chart numbers and phone numbers stay on one line, a status is never cut
// inside its word, and what is left goes mostly to names and notes, so
// that most appointments take one line.
func dayListColumns(l *i18n.Localizer) []Column {
	return []Column{
		{Title: l.T("daylist.column.time"), NoWrap: true},
		{Title: l.T("daylist.column.patient")},
		{Title: l.T("daylist.column.chart"), NoWrap: true},
		{Title: l.T("daylist.column.phone"), NoWrap: true},
		{Title: l.T("daylist.column.type")},
		{Title: l.T("daylist.column.status")},
		{Title: l.T("daylist.column.notes")},
	}
}

// WriteDayList writes the day list as a PDF in the language of l, with
// dates in the practice's order: a section per practitioner with the
// day's appointments in time order (patient's full name, chart number,
// phone, type, status, notes); cancelled ones are listed after, in one
// line each. A long day continues on the next page with the table header
// repeated.
//
// The day list is for the desk, not for patients: the desk prints it in
// its own language, the one the secretary reads, whatever the practice's
// document language (which is for letters and invoices that leave the
// practice). The command line, where no desk speaks, prints it in the
// document language unless told otherwise.
func WriteDayList(w io.Writer, dl DayList, l *i18n.Localizer, o Options) error {
	l = l.WithDateOrder(string(dl.Practice.DateFormat))
	o.words = l
	title := l.T("daylist.title", "Weekday", dl.Day.Weekday(), "Date", dl.Day)
	return build(w, title, o, func(d *Doc) error {
		d.footer = dl.Practice.Name + " · " + title
		printed := o.Created
		if printed.IsZero() {
			printed = time.Now()
		}
		at := printed.In(dl.Practice.Location())
		d.Title(title, l.T("daylist.printed", "Practice", dl.Practice.Name, "Date", data.DateOf(at), "Time", at.Format("15:04")))
		if len(dl.Sections) == 0 {
			d.Paragraph(l.T("daylist.no_practitioners"))
		}
		for _, sec := range dl.Sections {
			drawDayListSection(d, l, sec)
		}
		return nil
	})
}

func drawDayListSection(d *Doc, l *i18n.Localizer, sec DayListSection) {
	d.Heading(sec.Practitioner, 20)
	var about []string
	switch {
	case sec.DayOff != nil:
		about = append(about, l.T("daylist.day_off", "What", dayOffText(l, *sec.DayOff)))
	case sec.Hours == "":
		about = append(about, l.T("daylist.not_working"))
	default:
		about = append(about, l.T("daylist.hours", "Hours", sec.Hours))
	}
	about = append(about, l.N("calendar.summary.booked", len(sec.Appts)))
	if len(sec.Cancelled) > 0 {
		about = append(about, l.N("calendar.summary.cancelled", len(sec.Cancelled)))
	}
	d.pdf.SetTextColor(80, 80, 80)
	d.Paragraph(strings.Join(about, " · "))
	d.pdf.SetTextColor(0, 0, 0)
	if len(sec.Appts) > 0 {
		rows := make([][]string, len(sec.Appts))
		for i, a := range sec.Appts {
			rows[i] = []string{a.Start.String() + "–" + a.End.String(), patientCell(l, a), a.ChartNumber, a.Phone, a.TypeName,
				statusText(l, a), a.Notes}
		}
		d.Table(dayListColumns(l), rows)
	}
	if len(sec.Cancelled) > 0 {
		d.pdf.SetTextColor(110, 110, 110)
		for _, a := range sec.Cancelled {
			line := l.T("daylist.cancelled_line", "Time", a.Start.String(), "Patient", a.PatientName)
			if a.CancelReason != "" {
				line = l.T("daylist.cancelled_line_reason", "Time", a.Start.String(), "Patient", a.PatientName, "Reason", a.CancelReason)
			}
			d.Paragraph(line)
		}
		d.pdf.SetTextColor(0, 0, 0)
	}
}

// dayOffText is how a day off reads: "Leave: Brittany".
func dayOffText(l *i18n.Localizer, o data.DayOff) string {
	kind := i18n.Title(l.T(o.KindKey()))
	if o.Reason != "" {
		return l.T("day_off.with_reason", "Kind", kind, "Reason", o.Reason)
	}
	return kind
}

// patientCell is the patient's full name.
func patientCell(l *i18n.Localizer, a data.AppointmentView) string {
	if a.PatientID == "" {
		return l.T("daylist.blocked")
	}
	return a.PatientName
}

func statusText(l *i18n.Localizer, a data.AppointmentView) string {
	s := l.T(data.StatusKey(a.Status))
	switch a.TimeFlag {
	case data.FlagOverlap:
		return l.T("daylist.status.overlap", "Status", s, "Time", a.Start.String())
	case data.FlagGap:
		return l.T("daylist.status.gap", "Status", s)
	}
	return s
}
