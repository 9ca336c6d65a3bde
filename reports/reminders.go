package reports

import (
	"io"

	"frontdesk/data"
)

var reminderColumns = []Column{
	{Title: "Time", Width: 16},
	{Title: "Patient", Width: 50},
	{Title: "Phone", Width: 32},
	{Title: "Practitioner", Width: 40},
	{Title: "Type", Width: 28},
	{Title: "Called"},
}

// WriteReminders writes the call list of day as a PDF: one row per
// appointment to confirm, with a box to tick once the patient was called.
func WriteReminders(w io.Writer, pr data.Practice, day data.Date, rems []data.Reminder, o Options) error {
	title := "Reminder calls — " + day.Weekday().String() + " " + pr.DateFormat.Format(day)
	return build(w, title, o, func(d *Doc) error {
		d.footer = pr.Name + " · " + title
		d.Title(title, pr.Name+" · "+countWord(len(rems), "appointment to confirm", "appointments to confirm"))
		if len(rems) == 0 {
			d.Paragraph("Nobody to call: no booked appointment on this day.")
			return nil
		}
		rows := make([][]string, len(rems))
		for i, r := range rems {
			called := "☐"
			if r.Status == data.StatusConfirmed {
				called = "☑ confirmed"
			}
			rows[i] = []string{r.Start.String(), r.PatientName + "\n" + r.ChartNumber, r.Phone, r.Practitioner, r.TypeName, called}
		}
		d.Table(reminderColumns, rows)
		return nil
	})
}
