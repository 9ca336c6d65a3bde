package data

import (
	"context"
	"io"
	"time"
)

// Reminder is one line of the call list of a day: whom to phone, and
// about which appointment.
type Reminder struct {
	AppointmentID string
	PatientID     string
	PatientName   string // "Given Family"
	ChartNumber   string
	Phone         string
	Practitioner  string
	TypeName      string
	Day           Date
	Start, End    WallTime
	Status        string // booked or confirmed
}

// Reminders lists the appointments of day d (on the practice clock loc)
// that a reminder call is for: with a patient, booked or already
// confirmed; by time, then name.
func (s *Store) Reminders(ctx context.Context, d Date, loc *time.Location) ([]Reminder, error) {
	from, to := dayBounds(d, loc)
	vs, err := scanAppointmentViews(ctx, s.r, appointmentViewSelect+`
		WHERE a.start_utc >= ? AND a.start_utc < ? AND a.deleted = 0
		AND a.patient_id IS NOT NULL AND a.status IN ('booked', 'confirmed')
		ORDER BY a.start_utc, p.family_name, p.given_name, a.id`, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]Reminder, len(vs))
	for i, v := range vs {
		out[i] = Reminder{AppointmentID: v.ID, PatientID: v.PatientID, PatientName: v.PatientName, ChartNumber: v.ChartNumber,
			Phone: v.Phone, Practitioner: v.PractitionerName, TypeName: v.TypeName, Day: v.Day, Start: v.Start, End: v.End, Status: v.Status}
	}
	return out, nil
}

// WriteRemindersCSV writes a call list as CSV (DESIGN §7: header row, ISO
// dates, UTF-8).
func WriteRemindersCSV(w io.Writer, rems []Reminder) error {
	c := NewCSVWriter(w, "date", "time", "patient", "phone", "chart_number", "practitioner", "type", "status")
	for _, r := range rems {
		c.Row(r.Day.String(), r.Start.String(), r.PatientName, r.Phone, r.ChartNumber, r.Practitioner, r.TypeName, r.Status)
	}
	return c.Close()
}
