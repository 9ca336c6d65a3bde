package data

import (
	"context"
	"time"

	"frontdesk/data/i18n"
)

// Waitlist statuses.
const (
	WaitWaiting = "waiting"
	WaitBooked  = "booked"  // an earlier slot was booked for the patient
	WaitRemoved = "removed" // no longer wanted
)

// WaitlistEntry is a patient who would take an earlier slot: with a
// practitioner (or any), for a type of visit, before a day. When a slot
// frees up, the entries it fits are offered.
type WaitlistEntry struct {
	ID             string
	PatientID      string
	PractitionerID string // empty: any practitioner
	TypeID         string
	AppointmentID  string // the later booking an earlier slot replaces, if any
	Before         Date   // a slot must be before this day
	Notes          string
	Status         string
	Added          time.Time
}

// FieldBefore is the day before which a waitlisted patient wants a slot.
const FieldBefore = "before"

// waitlistLabels are the names of a waitlist entry's fields.
var waitlistLabels = map[string]i18n.Key{
	FieldPatient: "waitlist.field.patient",
	FieldBefore:  "waitlist.field.before",
	FieldStatus:  "waitlist.field.status",
	FieldNotes:   "waitlist.field.notes",
}

// Validate cleans and checks the fields.
func (e *WaitlistEntry) Validate() error {
	var p Problems
	l := func(field string) i18n.Key { return waitlistLabels[field] }
	e.Notes = CleanMultiline(e.Notes)
	p.length(FieldNotes, l(FieldNotes), e.Notes, MaxShort)
	if e.PatientID == "" {
		p.Report(FieldPatient, "waitlist.problem.no_patient", "Field", l(FieldPatient))
	}
	if e.Before.IsZero() {
		p.Report(FieldBefore, "waitlist.problem.no_before", "Field", l(FieldBefore))
	}
	if e.Status == "" {
		e.Status = WaitWaiting
	}
	if e.Status != WaitWaiting && e.Status != WaitBooked && e.Status != WaitRemoved {
		p.Report(FieldStatus, "waitlist.problem.status", "Field", l(FieldStatus), "Text", clip(e.Status))
	}
	if e.Added.IsZero() {
		e.Added = Now().UTC()
	}
	return p.Err()
}

func (e *WaitlistEntry) row() row {
	return row{"waitlist", &e.ID,
		[]string{"patient_id", "practitioner_id", "type_id", "appointment_id", "before_day", "notes", "status", "added_at"},
		[]any{e.PatientID, nullable(e.PractitionerID), nullable(e.TypeID), nullable(e.AppointmentID), e.Before, e.Notes, e.Status, e.Added.Unix()}}
}

// WaitlistView is an entry with the names a list shows.
type WaitlistView struct {
	WaitlistEntry
	PatientName  string
	ChartNumber  string
	Phone        string
	Practitioner string // "" for any
	TypeName     string
	DurationMin  int // the type's length (0 without a type)
}

const waitlistSelect = `SELECT w.id, w.patient_id, COALESCE(w.practitioner_id, ''), COALESCE(w.type_id, ''),
	COALESCE(w.appointment_id, ''), w.before_day, w.notes, w.status, w.added_at,
	p.given_name || ' ' || p.family_name, p.chart_number, p.phone, COALESCE(pr.display_name, ''),
	COALESCE(t.name, ''), COALESCE(t.duration_min, 0)
	FROM waitlist w
	JOIN patients p ON p.id = w.patient_id
	LEFT JOIN practitioners pr ON pr.id = w.practitioner_id
	LEFT JOIN appointment_types t ON t.id = w.type_id`

func scanWaitlist(ctx context.Context, q querier, query string, args ...any) ([]WaitlistView, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("reading the waitlist", err)
	}
	defer rows.Close()
	var out []WaitlistView
	for rows.Next() {
		var v WaitlistView
		var added int64
		if err := rows.Scan(&v.ID, &v.PatientID, &v.PractitionerID, &v.TypeID, &v.AppointmentID, &v.Before, &v.Notes, &v.Status,
			&added, &v.PatientName, &v.ChartNumber, &v.Phone, &v.Practitioner, &v.TypeName, &v.DurationMin); err != nil {
			return nil, sqlErr("reading the waitlist", err)
		}
		v.Added = time.Unix(added, 0).UTC()
		out = append(out, v)
	}
	return out, sqlErr("reading the waitlist", rows.Err())
}

// Waitlist returns the patients waiting, longest waiting first.
func (s *Store) Waitlist(ctx context.Context) ([]WaitlistView, error) {
	return scanWaitlist(ctx, s.r, waitlistSelect+` WHERE w.deleted = 0 AND w.status = 'waiting' AND p.deleted = 0
		ORDER BY w.added_at, w.id`)
}

// WaitlistFor returns the waiting patients a free slot fits: with its
// practitioner or any, a visit no longer than the slot, wanted before the
// slot's day is too late, and no appointment of theirs already at that
// time. Longest waiting first.
func (s *Store) WaitlistFor(ctx context.Context, slot Slot) ([]WaitlistView, error) {
	length := int(slot.End - slot.Start)
	return scanWaitlist(ctx, s.r, waitlistSelect+`
		WHERE w.deleted = 0 AND w.status = 'waiting' AND p.deleted = 0
		AND (w.practitioner_id IS NULL OR w.practitioner_id = ?)
		AND w.before_day > ?
		AND COALESCE(t.duration_min, 0) <= ?
		AND NOT EXISTS (SELECT 1 FROM appointments o WHERE o.patient_id = w.patient_id AND o.deleted = 0
			AND o.status NOT IN ('cancelled', 'no_show') AND o.start_utc < ? AND o.end_utc > ?)
		ORDER BY w.added_at, w.id`,
		slot.PractitionerID, slot.Day.String(), length, slot.EndUTC.Unix(), slot.StartUTC.Unix())
}

// WaitlistEntry returns one entry inside the transaction.
func (tx *Tx) WaitlistEntry(id string) (WaitlistEntry, error) {
	vs, err := scanWaitlist(tx.ctx, tx.tx, waitlistSelect+` WHERE w.id = ? AND w.deleted = 0`, id)
	if err != nil {
		return WaitlistEntry{}, err
	}
	if len(vs) == 0 {
		return WaitlistEntry{}, NewError(ENotFound, "waitlist.error.gone")
	}
	return vs[0].WaitlistEntry, nil
}

// TakeSlot books a freed slot for a waiting patient: the appointment a
// (with the entry's patient) is booked, the entry is marked booked, and
// the later appointment it was to replace, if still booked, is cancelled
// as moved. All in one transaction.
func (tx *Tx) TakeSlot(entryID string, a *Appointment, allowClash bool) ([]Clash, error) {
	e, err := tx.WaitlistEntry(entryID)
	if err != nil {
		return nil, err
	}
	if e.Status != WaitWaiting {
		return nil, NewError(EConflict, "waitlist.error.not_waiting")
	}
	a.PatientID = e.PatientID
	if a.TypeID == "" {
		a.TypeID = e.TypeID
	}
	clashes, err := tx.Book(a, allowClash)
	if err != nil {
		return clashes, err
	}
	e.Status = WaitBooked
	if err := tx.Save(&e); err != nil {
		return clashes, err
	}
	if e.AppointmentID != "" && e.AppointmentID != a.ID {
		old, err := tx.Appointment(e.AppointmentID)
		if err == nil && (old.Status == StatusBooked || old.Status == StatusConfirmed) && old.StartUTC.After(a.StartUTC) {
			if _, err := tx.SetStatus(old.ID, StatusCancelled, "Moved to an earlier slot ("+a.Day.String()+" "+a.Start.String()+")"); err != nil {
				return clashes, err
			}
		}
	}
	return clashes, nil
}

// RemoveFromWaitlist takes a patient off the waitlist (status removed:
// the entry stays for the history and sync carries the change). A patient
// already booked into an earlier slot or removed is not changed.
func (tx *Tx) RemoveFromWaitlist(id string) error {
	e, err := tx.WaitlistEntry(id)
	if err != nil {
		return err
	}
	if e.Status != WaitWaiting {
		return NewError(EConflict, "waitlist.error.not_waiting")
	}
	e.Status = WaitRemoved
	return tx.Save(&e)
}
