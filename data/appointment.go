package data

import (
	"context"
	"fmt"
	"time"

	"frontdesk/data/i18n"
)

// Appointment statuses. A cancelled appointment is kept (greyed, with its
// reason), never deleted, so that it can be restored.
const (
	StatusBooked    = "booked"
	StatusConfirmed = "confirmed"
	StatusArrived   = "arrived"
	StatusInRoom    = "in_room"
	StatusDone      = "done"
	StatusNoShow    = "no_show"
	StatusCancelled = "cancelled"
)

// Statuses lists every status in the order of a visit.
var Statuses = []string{StatusBooked, StatusConfirmed, StatusArrived, StatusInRoom, StatusDone, StatusNoShow, StatusCancelled}

// statusKeys are the catalogue's names of the statuses.
var statusKeys = map[string]i18n.Key{
	StatusBooked:    "appointment.status.booked",
	StatusConfirmed: "appointment.status.confirmed",
	StatusArrived:   "appointment.status.arrived",
	StatusInRoom:    "appointment.status.in_room",
	StatusDone:      "appointment.status.done",
	StatusNoShow:    "appointment.status.no_show",
	StatusCancelled: "appointment.status.cancelled",
}

// StatusKey is the catalogue's name of a status ("" for an unknown one).
func StatusKey(s string) i18n.Key { return statusKeys[s] }

// StatusLabel is how a status reads in English, for the log and the
// command line; screens and paper write StatusKey in their language.
func StatusLabel(s string) string {
	if k, ok := statusKeys[s]; ok {
		return i18n.EnglishText.T(k)
	}
	return s
}

// Fields of an appointment, a series, a day off, a waitlist entry and a
// recall (FieldNotes and FieldTimeZone are the patient's and the
// practice's names, reused).
const (
	FieldPractitioner = "practitioner"
	FieldPatient      = "patient"
	FieldStatus       = "status"
	FieldCancelReason = "cancel_reason"
	FieldDate         = "date"
	FieldTime         = "time"
	FieldSeries       = "series"
)

// appointmentLabels are the names of an appointment's fields, as the
// booking dialog and the problems call them.
var appointmentLabels = map[string]i18n.Key{
	FieldPractitioner: "appointment.field.practitioner",
	FieldPatient:      "appointment.field.patient",
	FieldStatus:       "appointment.field.status",
	FieldCancelReason: "appointment.field.cancel_reason",
	FieldDate:         "appointment.field.date",
	FieldTime:         "appointment.field.time",
	FieldSeries:       "appointment.field.series",
	FieldNotes:        "appointment.field.notes",
}

// AppointmentLabel is the catalogue's name of an appointment's field.
func AppointmentLabel(field string) i18n.Key { return appointmentLabels[field] }

// MaxAppointmentNote caps the notes of a booking: a reason for the visit
// or what to bring, printed on the day list; clinical notes belong in the
// patient file.
const MaxAppointmentNote = 2000

// Time flags, set when a daylight-saving rule decided the instant.
const (
	FlagOverlap = "overlap" // the wall time happens twice; the earlier instant was taken
	FlagGap     = "gap"     // an occurrence fell in a gap and was moved to the first valid time
)

// Appointment is a booking on the practice clock. The wall time (Day,
// Start, End) and the zone are what people typed and see; the instants
// are derived from them by Validate, so that a change of the zone rules
// can be detected and the calendar can be queried by instant.
type Appointment struct {
	ID             string
	PractitionerID string
	PatientID      string // empty for a blocked slot without a patient
	TypeID         string
	Day            Date
	Start, End     WallTime
	TimeZone       string
	StartUTC       time.Time
	EndUTC         time.Time
	Status         string
	Notes          string
	CancelReason   string
	TimeFlag       string

	// A recurring series' occurrence names its series and the day the
	// rule gave it; an exception was changed on its own and is left alone
	// when the series is edited.
	SeriesID        string
	SeriesDay       Date
	SeriesException bool

	// Times records when each status was reached (zero: not reached).
	Times StatusTimes
}

// Validate checks the booking and derives the instants. A start time
// inside a daylight-saving gap does not exist and is refused; in an
// overlap the earlier instant is taken and the appointment flagged.
// Dates in its messages are written in ISO 8601.
func (a *Appointment) Validate() error { return a.ValidateAs(YMD) }

// ValidateAs is Validate with the dates of its messages written in df.
func (a *Appointment) ValidateAs(df DateFormat) error {
	var p Problems
	l := AppointmentLabel
	a.Notes = CleanMultiline(a.Notes)
	a.CancelReason = CleanText(a.CancelReason)
	p.length(FieldNotes, l(FieldNotes), a.Notes, MaxAppointmentNote)
	p.length(FieldCancelReason, l(FieldCancelReason), a.CancelReason, MaxShort)
	if a.PractitionerID == "" {
		p.Report(FieldPractitioner, "appointment.problem.no_practitioner", "Field", l(FieldPractitioner))
	}
	if a.Status == "" {
		a.Status = StatusBooked
	}
	if !validStatus(a.Status) {
		p.Report(FieldStatus, "appointment.problem.status", "Field", l(FieldStatus), "Text", clip(a.Status))
	}
	if a.Status == StatusCancelled && a.CancelReason == "" {
		p.Report(FieldCancelReason, "appointment.problem.no_cancel_reason", "Field", l(FieldCancelReason))
	}
	if a.Day.IsZero() {
		p.Report(FieldDate, "appointment.problem.no_date", "Field", l(FieldDate))
	}
	if a.SeriesID != "" && a.SeriesDay.IsZero() {
		p.Report(FieldSeries, "appointment.problem.no_series_day", "Field", l(FieldSeries))
	}
	if a.Start < 0 || a.End > 24*60 || a.End <= a.Start {
		p.Report(FieldTime, "appointment.problem.period", "Field", l(FieldTime), "Start", a.Start.String(), "End", a.End.String())
	}
	// An end not after its start is the one problem that still leaves
	// times on the clock: the instants are worked out all the same, for a
	// row two computers' edits merged that way (sync keeps it, listed for
	// a person), so that every computer stores the same instants.
	onlyOrder := len(p) == 1 && a.Start >= 0 && a.End <= 24*60
	loc, err := LoadZone(a.TimeZone)
	if err != nil {
		p.reportError(FieldTimeZone, err)
	}
	if len(p) > 0 && !onlyOrder {
		return p.errAs(df)
	}
	start, res := ResolveLocal(a.Day, a.Start, loc)
	switch res {
	case Gap:
		p.Report(FieldTime, "appointment.problem.clock_gap", "Field", l(FieldTime), "Time", a.Start.String(), "Date", a.Day,
			"Zone", a.TimeZone, "Next", start.Format("15:04"))
		return p.errAs(df)
	case Overlap:
		a.TimeFlag = FlagOverlap
	default:
		if a.TimeFlag == FlagOverlap {
			a.TimeFlag = ""
		}
	}
	a.StartUTC = start.UTC()
	// The end is read on the practice clock too, not added as a duration:
	// on the night the clocks change, 01:30–03:30 is one or three hours.
	// An end inside a gap ends at the first valid time after it; in an
	// overlap at the earlier instant, as the start does.
	endDay, endWall := a.Day, a.End
	if a.End == 24*60 {
		endDay, endWall = a.Day.AddDays(1), 0
	}
	end, _ := ResolveLocal(endDay, endWall, loc)
	a.EndUTC = end.UTC()
	if len(p) > 0 {
		return p.errAs(df)
	}
	return nil
}

func validStatus(s string) bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

func (a *Appointment) row() row {
	t := &a.Times
	return row{"appointments", &a.ID,
		[]string{"practitioner_id", "patient_id", "type_id", "start_local", "end_local", "time_zone",
			"start_utc", "end_utc", "status", "notes", "cancel_reason", "time_flag",
			"series_id", "series_day", "series_exception",
			"booked_at", "confirmed_at", "arrived_at", "in_room_at", "done_at", "no_show_at", "cancelled_at"},
		[]any{a.PractitionerID, nullable(a.PatientID), nullable(a.TypeID), localStamp(a.Day, a.Start), localStamp(a.Day, a.End), a.TimeZone,
			a.StartUTC.Unix(), a.EndUTC.Unix(), a.Status, a.Notes, a.CancelReason, a.TimeFlag,
			nullable(a.SeriesID), a.SeriesDay, a.SeriesException,
			unixOrZero(t.Booked), unixOrZero(t.Confirmed), unixOrZero(t.Arrived), unixOrZero(t.InRoom),
			unixOrZero(t.Done), unixOrZero(t.NoShow), unixOrZero(t.Cancelled)}}
}

// nullable stores an empty reference as NULL, which the foreign keys
// accept as "none".
func nullable(id string) any {
	if id == "" {
		return nil
	}
	return id
}

// localStamp writes a wall time as YYYY-MM-DDTHH:MM (24:00 for the end of a day).
func localStamp(d Date, w WallTime) string {
	return fmt.Sprintf("%sT%s", d, w)
}

// parseLocalStamp reads what localStamp wrote.
func parseLocalStamp(s string) (Date, WallTime, error) {
	if len(s) != 16 || s[10] != 'T' {
		return Date{}, 0, fmt.Errorf("%q is not a local time stamp", s)
	}
	d, err := ParseISODate(s[:10])
	if err != nil {
		return Date{}, 0, err
	}
	if s[11:] == "24:00" {
		return d, 24 * 60, nil
	}
	w, err := ParseWallTime(s[11:])
	return d, w, err
}

// AppointmentView is an appointment with the names the calendar shows.
type AppointmentView struct {
	Appointment
	PractitionerName string
	PatientName      string // "Given Family"
	ChartNumber      string
	Phone            string
	TypeName         string
	TypeColour       string

	// PatientFamily and PatientGiven are the parts of the name, for a
	// narrow column that writes the family name first.
	PatientFamily, PatientGiven string
}

const appointmentViewSelect = `SELECT a.id, a.practitioner_id, COALESCE(a.patient_id, ''), COALESCE(a.type_id, ''),
	a.start_local, a.end_local, a.time_zone, a.start_utc, a.end_utc, a.status, a.notes, a.cancel_reason, a.time_flag,
	COALESCE(a.series_id, ''), COALESCE(a.series_day, ''), a.series_exception,
	a.booked_at, a.confirmed_at, a.arrived_at, a.in_room_at, a.done_at, a.no_show_at, a.cancelled_at,
	pr.display_name, COALESCE(p.given_name || ' ' || p.family_name, ''), COALESCE(p.chart_number, ''), COALESCE(p.phone, ''),
	COALESCE(t.name, ''), COALESCE(t.colour, ''), COALESCE(p.family_name, ''), COALESCE(p.given_name, '')
	FROM appointments a
	JOIN practitioners pr ON pr.id = a.practitioner_id
	LEFT JOIN patients p ON p.id = a.patient_id
	LEFT JOIN appointment_types t ON t.id = a.type_id`

func scanAppointmentViews(ctx context.Context, q querier, query string, args ...any) ([]AppointmentView, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("reading appointments", err)
	}
	defer rows.Close()
	var out []AppointmentView
	for rows.Next() {
		var v AppointmentView
		var startLocal, endLocal string
		var startUTC, endUTC int64
		var st [7]int64
		if err := rows.Scan(&v.ID, &v.PractitionerID, &v.PatientID, &v.TypeID, &startLocal, &endLocal, &v.TimeZone,
			&startUTC, &endUTC, &v.Status, &v.Notes, &v.CancelReason, &v.TimeFlag,
			&v.SeriesID, &v.SeriesDay, &v.SeriesException,
			&st[0], &st[1], &st[2], &st[3], &st[4], &st[5], &st[6],
			&v.PractitionerName, &v.PatientName, &v.ChartNumber, &v.Phone, &v.TypeName, &v.TypeColour,
			&v.PatientFamily, &v.PatientGiven); err != nil {
			return nil, sqlErr("reading appointments", err)
		}
		var err1, err2 error
		var endDay Date
		v.Day, v.Start, err1 = parseLocalStamp(startLocal)
		endDay, v.End, err2 = parseLocalStamp(endLocal)
		if err1 != nil || err2 != nil {
			return nil, Errorf(EDamaged, "An appointment has an unreadable time (%s); run \"frontdesk check\".", startLocal)
		}
		if endDay != v.Day { // an appointment running past midnight ends at 24:00 on screen
			v.End = 24 * 60
		}
		v.StartUTC, v.EndUTC = time.Unix(startUTC, 0).UTC(), time.Unix(endUTC, 0).UTC()
		v.Times = statusTimesOf(st)
		out = append(out, v)
	}
	return out, sqlErr("reading appointments", rows.Err())
}

// AppointmentsOn returns every appointment of day d on the practice
// clock (loc), all practitioners, in start order. Cancelled ones are
// included: the calendar shows them greyed.
func (s *Store) AppointmentsOn(ctx context.Context, d Date, loc *time.Location) ([]AppointmentView, error) {
	from, to := dayBounds(d, loc)
	return scanAppointmentViews(ctx, s.r, appointmentViewSelect+`
		WHERE a.start_utc >= ? AND a.start_utc < ? AND a.deleted = 0
		ORDER BY a.start_utc, pr.display_name`, from, to)
}

// AppointmentsOf returns one practitioner's appointments that start in
// [from, to), in start order: a week of the calendar.
func (s *Store) AppointmentsOf(ctx context.Context, practitionerID string, from, to time.Time) ([]AppointmentView, error) {
	return scanAppointmentViews(ctx, s.r, appointmentViewSelect+`
		WHERE a.practitioner_id = ? AND a.start_utc >= ? AND a.start_utc < ? AND a.deleted = 0
		ORDER BY a.start_utc`, practitionerID, from.Unix(), to.Unix())
}

// dayBounds returns the Unix seconds of the first instant of d and of the
// day after, on the practice clock (a day is 23 or 25 hours at DST changes).
func dayBounds(d Date, loc *time.Location) (int64, int64) {
	return d.StartIn(loc).Unix(), d.AddDays(1).StartIn(loc).Unix()
}
