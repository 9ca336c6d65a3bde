package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"frontdesk/data"
	"frontdesk/data/interop"
)

// calendarQuery reads the flags of export ics: days in ISO form, parsed
// strictly, the first not after the last.
func calendarQuery(f exportFlags) (interop.CalendarQuery, error) {
	q := interop.CalendarQuery{Practitioner: f.practitioner}
	var err error
	if f.from != "" {
		if q.From, err = data.ParseISODate(f.from); err != nil {
			return q, usageError{fmt.Sprintf("export ics --from: %v", err)}
		}
	}
	if f.to != "" {
		if q.To, err = data.ParseISODate(f.to); err != nil {
			return q, usageError{fmt.Sprintf("export ics --to: %v", err)}
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, usageError{fmt.Sprintf("export ics: --from %s comes after --to %s", q.From, q.To)}
	}
	return q, nil
}

// prepareCalendar reads the appointments of an iCalendar export.
func prepareCalendar(ctx context.Context, s *data.Store, q interop.CalendarQuery) (data.Output, func(io.Writer) error, error) {
	c, err := interop.LoadCalendar(ctx, s, q)
	if err != nil {
		return data.Output{}, nil, err
	}
	o := data.Output{What: "The calendar", Action: "export", Entity: "calendar", Detail: calendarDetail(c)}
	return o, func(w io.Writer) error { return interop.WriteCalendar(w, c, time.Now()) }, nil
}

// calendarDetail says in the audit log what a calendar export held.
func calendarDetail(c interop.Calendar) string {
	d := fmt.Sprintf("iCalendar of %d appointment(s)", len(c.Entries))
	if c.Practitioner.ID != "" {
		d += " of " + c.Practitioner.DisplayName
	}
	if !c.From.IsZero() {
		d += " from " + c.From.String()
	}
	if !c.To.IsZero() {
		d += " to " + c.To.String()
	}
	return d
}

// prepareFHIR reads the records of a FHIR export: the whole practice, or
// one patient by chart number (audited against that patient).
func prepareFHIR(ctx context.Context, s *data.Store, chart string) (data.Output, func(io.Writer) error, error) {
	r, err := s.ExchangeRecords(ctx, chart)
	if err != nil {
		return data.Output{}, nil, err
	}
	o := data.Output{What: "The FHIR export", Action: "export", Entity: "fhir",
		Detail: fmt.Sprintf("FHIR R4 bundle of %d patient(s)", len(r.Patients))}
	if chart != "" && len(r.Patients) == 1 {
		o.Entity, o.EntityID = "patients", r.Patients[0].ID
		o.Detail = "FHIR R4 bundle of the patient file " + r.Patients[0].ChartNumber
	}
	return o, func(w io.Writer) error { return interop.WriteFHIR(w, r, time.Now()) }, nil
}
