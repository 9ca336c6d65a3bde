package data

import (
	"context"
	"time"
)

// Appointment returns one appointment with its names, from the read pool.
func (s *Store) Appointment(ctx context.Context, id string) (AppointmentView, error) {
	return loadAppointment(ctx, s.r, id)
}

// Appointment returns one appointment as stored, inside the transaction.
func (tx *Tx) Appointment(id string) (Appointment, error) {
	v, err := loadAppointment(tx.ctx, tx.tx, id)
	return v.Appointment, err
}

func loadAppointment(ctx context.Context, q querier, id string) (AppointmentView, error) {
	vs, err := scanAppointmentViews(ctx, q, appointmentViewSelect+` WHERE a.id = ? AND a.deleted = 0`, id)
	if err != nil {
		return AppointmentView{}, err
	}
	if len(vs) == 0 {
		return AppointmentView{}, NewError(ENotFound, "appointment.error.gone")
	}
	return vs[0], nil
}

// Book saves a new or changed appointment the way the desk books: the
// status moves only along the rules of CanChangeStatus (with its time
// stamped), and a booking that clashes with another appointment of the
// practitioner, falls outside the working hours or on a day off is refused
// with EClash and the clashes named, unless allowClash says the
// secretary has seen the warning and books anyway. The clashes are
// returned either way.
//
// Editing an occurrence of a series on its own makes it an exception.
func (tx *Tx) Book(a *Appointment, allowClash bool) ([]Clash, error) {
	check := true
	if a.ID != "" {
		old, err := tx.Appointment(a.ID)
		switch {
		case err == nil:
			if err := a.mergeStored(old, tx.now); err != nil {
				return nil, err
			}
			// Only a change of time, practitioner or a status that takes
			// the slot again is checked: a note added to an appointment
			// that was booked anyway is not warned about again.
			check = a.Day != old.Day || a.Start != old.Start || a.End != old.End ||
				a.PractitionerID != old.PractitionerID || (!blocksTime(old.Status) && blocksTime(a.Status))
		case ErrorCode(err) != ENotFound:
			return nil, err
		}
	}
	if a.Status == "" {
		a.Status = StatusBooked
	}
	if a.Times.Booked.IsZero() {
		a.Times.Booked = tx.now.Truncate(time.Second)
	}
	if a.Status != StatusBooked {
		if p := a.Times.field(a.Status); p != nil && p.IsZero() {
			*p = tx.now.Truncate(time.Second)
		}
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	var clashes []Clash
	if check {
		var err error
		if clashes, err = tx.clashes(a); err != nil {
			return nil, err
		}
		if len(clashes) > 0 && !allowClash {
			pr, _ := loadPractice(tx.ctx, tx.tx)
			return clashes, clashError(clashes, pr.DateFormat)
		}
	}
	return clashes, tx.Save(a)
}

// mergeStored takes from the stored appointment what an edit form does
// not own: the status moves from the stored one through the rules, the
// status times and the series fields are the stored ones.
func (a *Appointment) mergeStored(old Appointment, now time.Time) error {
	want, reason := a.Status, a.CancelReason
	if want == "" {
		want = old.Status
	}
	moved := a.Day != old.Day || a.Start != old.Start || a.End != old.End
	changedOwn := moved || a.PractitionerID != old.PractitionerID || a.PatientID != old.PatientID ||
		a.TypeID != old.TypeID || CleanMultiline(a.Notes) != old.Notes
	a.Status, a.Times, a.CancelReason = old.Status, old.Times, old.CancelReason
	if err := a.applyStatus(want, reason, now); err != nil {
		return err
	}
	// A gap flag says the series moved this occurrence; once a person
	// has chosen its time it no longer applies.
	if moved && a.TimeFlag == FlagGap {
		a.TimeFlag = ""
	}
	a.SeriesID, a.SeriesDay = old.SeriesID, old.SeriesDay
	a.SeriesException = old.SeriesException || (old.SeriesID != "" && (changedOwn || want == StatusCancelled))
	return nil
}

// Book books a in its own transaction (see Tx.Book).
func (s *Store) Book(ctx context.Context, a *Appointment, allowClash bool) ([]Clash, error) {
	var clashes []Clash
	err := s.Update(ctx, func(tx *Tx) error {
		var err error
		clashes, err = tx.Book(a, allowClash)
		return err
	})
	return clashes, err
}
