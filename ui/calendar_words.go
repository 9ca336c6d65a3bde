package ui

import (
	"fmt"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// The words the calendar, the booking dialog, the waiting room and the
// call lists share, in the desk's language.

// dayTitle is the heading of a calendar day: "Wednesday 25/11/2026",
// "Mercredi 25/11/2026".
func (w words) dayTitle(d data.Date) string {
	return i18n.Title(w.T("calendar.day_title", "Weekday", d.Weekday(), "Date", d))
}

// shortDay is a day with its short name, for columns and lists: "Wed
// 25/11/2026", "mer. 25/11/2026".
func (w words) shortDay(d data.Date) string {
	return w.T("calendar.short_day", "Weekday", i18n.ShortWeekdayKey(d.Weekday()), "Date", d)
}

// duration writes a length of time: "25 min", "1 h 05".
func (w words) duration(minutes int) string {
	if minutes < 60 {
		return w.T("duration.minutes", "Minutes", fmt.Sprint(minutes))
	}
	return w.T("duration.hours", "Hours", fmt.Sprint(minutes/60), "Minutes", fmt.Sprintf("%02d", minutes%60))
}

// whoOf names an appointment's patient for messages, or its blocked
// time.
func whoOf(w words, a data.AppointmentView) string {
	if a.PatientID == "" {
		return w.T("calendar.blocked_time_at", "Time", a.Start.String())
	}
	return a.PatientName
}

// saidStatus is what the status line says of a patient moved on:
// "Jean Dupont: arrived."
func saidStatus(w words, a data.AppointmentView, status string) string {
	return w.T("calendar.said_status", "Who", whoOf(w, a), "Status", w.status(status))
}

// fieldProblem writes what a parser said of a field's text after the
// field's name: "Date: "31/02/2026" is not a date…".
func (w words) fieldProblem(label i18n.Key, err error) string {
	var p data.Problems
	p.ReportErr("", label, err)
	return p.In(w.Localizer)
}

// problemLines writes each problem on its own line.
func (w words) problemLines(ps data.Problems) []string {
	lines := make([]string, len(ps))
	for i, is := range ps {
		lines[i] = is.In(w.Localizer)
	}
	return lines
}
