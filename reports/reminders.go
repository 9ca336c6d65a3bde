package reports

import (
	"io"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

func reminderColumns(l *i18n.Localizer) []Column {
	return []Column{
		{Title: l.T("daylist.column.time"), Width: 16},
		{Title: l.T("daylist.column.patient"), Width: 50},
		{Title: l.T("daylist.column.phone"), Width: 32},
		{Title: l.T("reminders.column.practitioner"), Width: 40},
		{Title: l.T("daylist.column.type"), Width: 28},
		{Title: l.T("reminders.column.called")},
	}
}

// WriteReminders writes the call list of day as a PDF in the language of
// l: one row per appointment to confirm, with a box to tick once the
// patient was called. Like the day list it is the desk's paper, in the
// language of the desk that prints it.
func WriteReminders(w io.Writer, pr data.Practice, day data.Date, rems []data.Reminder, l *i18n.Localizer, o Options) error {
	l = l.WithDateOrder(string(pr.DateFormat))
	o.words = l
	title := l.T("reminders.pdf.title", "Weekday", day.Weekday(), "Date", day)
	return build(w, title, o, func(d *Doc) error {
		d.footer = pr.Name + " · " + title
		d.Title(title, l.N("reminders.pdf.subtitle", len(rems), "Practice", pr.Name))
		if len(rems) == 0 {
			d.Paragraph(l.T("reminders.pdf.none"))
			return nil
		}
		rows := make([][]string, len(rems))
		for i, r := range rems {
			called := "☐"
			if r.Status == data.StatusConfirmed {
				called = "☑ " + l.T(data.StatusKey(data.StatusConfirmed))
			}
			rows[i] = []string{r.Start.String(), r.PatientName + "\n" + r.ChartNumber, r.Phone, r.Practitioner, r.TypeName, called}
		}
		d.Table(reminderColumns(l), rows)
		return nil
	})
}
