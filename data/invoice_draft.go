package data

import (
	"context"
	"time"
)

// NewDraft is a draft invoice to the patient, in the practice currency,
// with no lines yet.
func NewDraft(pt Patient, pr Practice, service Date) Invoice {
	return Invoice{Kind: KindInvoice, Status: InvoiceDraft, PatientID: pt.ID, PayerKind: PayerPatient,
		PayerName: pt.FullName(), PayerAddress: pt.Address, ServiceDate: service, Currency: pr.Currency}
}

// DraftForAppointment prepares (without saving) the invoice of a visit:
// to the patient, for the visit's day, with the line of its type's fee
// item, or of the type's name and default fee when the type has none.
func (s *Store) DraftForAppointment(ctx context.Context, appointmentID string) (Invoice, error) {
	if err := s.require(RightBilling); err != nil {
		return Invoice{}, err
	}
	a, err := s.Appointment(ctx, appointmentID)
	if err != nil {
		return Invoice{}, err
	}
	if a.PatientID == "" {
		return Invoice{}, NewError(EInvalid, "invoice.problem.no_patient")
	}
	pt, err := s.Patient(ctx, a.PatientID)
	if err != nil {
		return Invoice{}, err
	}
	pr, err := s.Practice(ctx)
	if err != nil {
		return Invoice{}, err
	}
	inv := NewDraft(pt, pr, a.Day)
	inv.AppointmentID = a.ID
	if a.TypeID == "" {
		return inv, nil
	}
	types, err := s.AppointmentTypes(ctx)
	if err != nil {
		return inv, err
	}
	fs, err := s.FeeSchedule(ctx)
	if err != nil {
		return inv, err
	}
	for _, t := range types {
		if t.ID != a.TypeID {
			continue
		}
		if f, ok := fs.Item(t.FeeItemID); ok {
			r, _ := fs.Rate(f.TaxRateID)
			inv.Lines = append(inv.Lines, LineFromFee(f, r, 1, a.Day))
		} else if t.DefaultFee > 0 {
			inv.Lines = append(inv.Lines, InvoiceLine{Description: t.Name, ServiceDate: a.Day, Quantity: 1, UnitPrice: t.DefaultFee})
		}
	}
	return inv, inv.ComputeTotals()
}

// UnbilledVisits lists the visits done on day (the practice clock) that
// have no invoice, draft or final, other than one credited in full: what
// the desk bills at the end of the visit.
func (s *Store) UnbilledVisits(ctx context.Context, day Date, loc *time.Location) ([]AppointmentView, error) {
	if err := s.require(RightBilling); err != nil {
		return nil, err
	}
	from, to := dayBounds(day, loc)
	return scanAppointmentViews(ctx, s.r, appointmentViewSelect+`
		WHERE a.start_utc >= ? AND a.start_utc < ? AND a.deleted = 0 AND a.status = 'done' AND a.patient_id IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.appointment_id = a.id AND i.kind = 'invoice' AND i.deleted = 0
			AND NOT EXISTS (SELECT 1 FROM invoices c WHERE c.credits_id = i.id AND c.status = 'final' AND c.deleted = 0))
		ORDER BY a.start_utc, pr.display_name`, from, to)
}
