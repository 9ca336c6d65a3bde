package data

import (
	"context"
	"database/sql"
	"time"
)

// The patient file reads the appointments table (the booking work owns
// it) without changing its shape: a patient's list, the next visit, and
// the whole record for a merge to re-link through Save.

// loadAppointmentForUpdate reads one appointment with every field its
// record saves, so that a Save which changes the patient changes nothing
// else (a test compares every column before and after).
func loadAppointmentForUpdate(ctx context.Context, q querier, id string) (Appointment, error) {
	list, err := scanAppointmentViews(ctx, q, appointmentViewSelect+` WHERE a.id = ? AND a.deleted = 0`, id)
	if err != nil {
		return Appointment{}, err
	}
	if len(list) == 0 {
		return Appointment{}, Errorf(ENotFound, "This appointment no longer exists.")
	}
	return list[0].Appointment, nil
}

// PatientAppointments returns a patient's appointments (with those of
// duplicates merged into it), the latest first, at most limit.
func (s *Store) PatientAppointments(ctx context.Context, patientID string, limit int) ([]AppointmentView, error) {
	return scanAppointmentViews(ctx, cached{s}, `WITH RECURSIVE `+patientFamily+` `+appointmentViewSelect+`
		WHERE a.patient_id IN (SELECT id FROM fam) AND a.deleted = 0
		ORDER BY a.start_utc DESC LIMIT ?`, patientID, limit)
}

// NextAppointment returns the patient's next appointment after now that
// is not cancelled; ok is false when there is none.
func (s *Store) NextAppointment(ctx context.Context, patientID string, now time.Time) (AppointmentView, bool, error) {
	return nextAppointment(ctx, cached{s}, patientID, now)
}

func nextAppointment(ctx context.Context, q querier, patientID string, now time.Time) (AppointmentView, bool, error) {
	list, err := scanAppointmentViews(ctx, q, `WITH RECURSIVE `+patientFamily+` `+appointmentViewSelect+`
		WHERE a.patient_id IN (SELECT id FROM fam) AND a.start_utc > ? AND a.status <> 'cancelled' AND a.deleted = 0
		ORDER BY a.start_utc LIMIT 1`, patientID, now.Unix())
	if err != nil || len(list) == 0 {
		return AppointmentView{}, false, err
	}
	return list[0], true, nil
}

// loadRecallForUpdate reads one recall with every field its record
// saves, for a merge to re-link it.
func loadRecallForUpdate(ctx context.Context, q querier, id string) (Recall, error) {
	var r Recall
	err := q.QueryRowContext(ctx, `SELECT id, patient_id, COALESCE(type_id, ''), interval_months, reason, active
		FROM recalls WHERE id = ? AND deleted = 0`, id).Scan(&r.ID, &r.PatientID, &r.TypeID, &r.IntervalMonths, &r.Reason, &r.Active)
	if err == sql.ErrNoRows {
		return r, NewError(ENotFound, "recall.error.gone")
	}
	return r, sqlErr("reading a recall to change it", err)
}
