package data

import (
	"time"
)

// StatusTimes records when an appointment reached each status of the
// visit. A zero time means the status was not reached, or was undone.
type StatusTimes struct {
	Booked    time.Time
	Confirmed time.Time
	Arrived   time.Time
	InRoom    time.Time
	Done      time.Time
	NoShow    time.Time
	Cancelled time.Time
}

// At returns the time status was reached (zero when it was not).
func (st StatusTimes) At(status string) time.Time {
	if p := st.field(status); p != nil {
		return *p
	}
	return time.Time{}
}

func (st *StatusTimes) field(status string) *time.Time {
	switch status {
	case StatusBooked:
		return &st.Booked
	case StatusConfirmed:
		return &st.Confirmed
	case StatusArrived:
		return &st.Arrived
	case StatusInRoom:
		return &st.InRoom
	case StatusDone:
		return &st.Done
	case StatusNoShow:
		return &st.NoShow
	case StatusCancelled:
		return &st.Cancelled
	}
	return nil
}

// statusTimesOf reads the seven stored Unix times, in the order of Statuses.
func statusTimesOf(v [7]int64) StatusTimes {
	var st StatusTimes
	for i, s := range Statuses {
		if v[i] != 0 {
			*st.field(s) = time.Unix(v[i], 0).UTC()
		}
	}
	return st
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// visitStep is the place of a status on the path of a visit; the other
// outcomes (no-show, cancelled) are off the path.
var visitStep = map[string]int{StatusBooked: 0, StatusConfirmed: 1, StatusArrived: 2, StatusInRoom: 3, StatusDone: 4}

// CanChangeStatus reports whether an appointment in status from may be
// put in status to. A visit moves forward along booked → confirmed →
// arrived → in room → done (steps may be skipped: a patient seen at once),
// and one step back to undo a mis-click. No-show is for a patient expected
// but not (yet) arrived; cancelling is possible until the patient is in
// the room. A cancelled appointment is restored as booked; a no-show
// becomes booked again, or arrived when the patient turns up late.
// Everything else (done → booked, cancelled → done) makes no sense and is
// refused.
func CanChangeStatus(from, to string) bool {
	if from == to {
		return true
	}
	fs, fok := visitStep[from]
	ts, tok := visitStep[to]
	switch {
	case fok && tok:
		return ts > fs || ts == fs-1 || (from == StatusArrived && to == StatusBooked)
	case to == StatusNoShow:
		return from == StatusBooked || from == StatusConfirmed
	case to == StatusCancelled:
		return from == StatusBooked || from == StatusConfirmed || from == StatusArrived
	case from == StatusCancelled:
		return to == StatusBooked
	case from == StatusNoShow:
		return to == StatusBooked || to == StatusArrived
	}
	return false
}

// statusChangeError explains a refused change in plain words.
func statusChangeError(from, to string) error {
	l := AppointmentLabel(FieldStatus)
	switch from {
	case StatusCancelled:
		return NewError(EInvalid, "appointment.error.status_change.cancelled", "Field", l, "From", StatusKey(from), "To", StatusKey(to))
	case StatusDone:
		return NewError(EInvalid, "appointment.error.status_change.done", "Field", l, "From", StatusKey(from), "To", StatusKey(to))
	}
	return NewError(EInvalid, "appointment.error.status_change", "Field", l, "From", StatusKey(from), "To", StatusKey(to))
}

// applyStatus moves a to status at time at: the new status gets its time
// stamp, and the stamps of the steps a move backwards undoes are cleared,
// so the waiting room never counts from an arrival that was a mis-click.
func (a *Appointment) applyStatus(to, reason string, at time.Time) error {
	from := a.Status
	if from == "" {
		from = StatusBooked
	}
	if !CanChangeStatus(from, to) {
		return statusChangeError(from, to)
	}
	if from == to {
		if to == StatusCancelled && reason != "" {
			a.CancelReason = reason
		}
		return nil
	}
	if to == StatusCancelled {
		if CleanText(reason) == "" {
			return NewError(EInvalid, "appointment.problem.no_cancel_reason", "Field", AppointmentLabel(FieldCancelReason))
		}
		a.CancelReason = reason
	} else {
		a.CancelReason = ""
		a.Times.Cancelled = time.Time{}
	}
	if to != StatusNoShow {
		a.Times.NoShow = time.Time{}
	}
	if ts, ok := visitStep[to]; ok {
		for s, step := range visitStep {
			if step > ts {
				*a.Times.field(s) = time.Time{}
			}
		}
	}
	*a.Times.field(to) = at.UTC().Truncate(time.Second)
	a.Status = to
	return nil
}

// SetStatus moves one appointment to a new status (with a reason when it
// is cancelled), stamping the time. A change that makes no sense is
// refused with a message naming it. Cancelling one occurrence of a series
// makes it an exception: later edits of the series leave it cancelled.
func (tx *Tx) SetStatus(id, status, reason string) (Appointment, error) {
	a, err := tx.Appointment(id)
	if err != nil {
		return a, err
	}
	if !validStatus(status) {
		return a, NewError(EInvalid, "appointment.problem.status", "Field", AppointmentLabel(FieldStatus), "Text", clip(status))
	}
	if err := a.applyStatus(status, reason, tx.now); err != nil {
		return a, err
	}
	if status == StatusCancelled && a.SeriesID != "" {
		a.SeriesException = true
	}
	return a, tx.Save(&a)
}
