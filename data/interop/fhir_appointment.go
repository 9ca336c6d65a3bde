package interop

import (
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"

	"frontdesk/data"
)

// appointmentStatuses maps the statuses of a visit onto FHIR's
// appointmentstatus value set. FHIR has no "confirmed" (a booking the
// patient confirmed is booked; the participant accepted it), and a
// patient in the consulting room has checked in.
var appointmentStatuses = map[string]fhir.AppointmentStatus{
	data.StatusBooked:    fhir.AppointmentStatusBooked,
	data.StatusConfirmed: fhir.AppointmentStatusBooked,
	data.StatusArrived:   fhir.AppointmentStatusArrived,
	data.StatusInRoom:    fhir.AppointmentStatusCheckedIn,
	data.StatusDone:      fhir.AppointmentStatusFulfilled,
	data.StatusNoShow:    fhir.AppointmentStatusNoshow,
	data.StatusCancelled: fhir.AppointmentStatusCancelled,
}

// fhirAppointment writes an appointment with its practitioner and
// patient (none for blocked time) as participants. The notes of the
// booking go with it as its comment: a FHIR export carries clinical
// data by design, unlike a calendar file.
func fhirAppointment(a data.AppointmentView, pr data.Practice) fhir.Appointment {
	loc, err := data.LoadZone(a.TimeZone)
	if err != nil {
		loc = pr.Location()
	}
	status, ok := appointmentStatuses[a.Status]
	if !ok {
		status = fhir.AppointmentStatusBooked
	}
	out := fhir.Appointment{
		Id:              ptr(a.ID),
		Status:          status,
		Start:           ptr(a.StartUTC.In(loc).Format(time.RFC3339)),
		End:             ptr(a.EndUTC.In(loc).Format(time.RFC3339)),
		MinutesDuration: ptr(int(a.EndUTC.Sub(a.StartUTC) / time.Minute)),
		Participant: []fhir.AppointmentParticipant{{
			Actor:  ptr(ref(a.PractitionerID)),
			Status: fhir.ParticipationStatusAccepted,
		}},
	}
	if a.PatientID != "" {
		out.Participant = append(out.Participant, fhir.AppointmentParticipant{
			Actor:  ptr(ref(a.PatientID)),
			Status: fhir.ParticipationStatusAccepted,
		})
	}
	if a.TypeName != "" {
		out.ServiceType = []fhir.CodeableConcept{text(a.TypeName)}
	}
	if a.Notes != "" {
		out.Comment = ptr(a.Notes)
	}
	if a.Status == data.StatusCancelled && a.CancelReason != "" {
		out.CancelationReason = ptr(text(a.CancelReason))
	}
	if !a.Times.Booked.IsZero() {
		out.Created = ptr(a.Times.Booked.In(loc).Format("2006-01-02"))
	}
	return out
}
