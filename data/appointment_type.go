package data

import (
	"context"
	"database/sql"

	"frontdesk/data/i18n"
)

// AppointmentType is a kind of visit: its default length, its colour tag
// in the calendar and its default fee.
type AppointmentType struct {
	ID          string
	Name        string
	DurationMin int
	Colour      string // #RRGGBB
	DefaultFee  Money
	Active      bool
	// RecallMonths puts a patient on the recall list this many months
	// after a visit of this type was done (0: no recall).
	RecallMonths int
	// FeeItemID is the fee item a visit of this type is billed with
	// ("": the type's name and default fee, without tax).
	FeeItemID string
}

// Validate cleans and checks the fields.
func (t *AppointmentType) Validate() error {
	var p Problems
	t.Name = CleanText(t.Name)
	p.required(FieldName, "appointment_type.field.name", t.Name, MaxName)
	if t.DurationMin < 5 || t.DurationMin > 8*60 {
		p.Report(FieldDuration, "appointment_type.problem.duration", "Field", i18n.Key("appointment_type.field.duration"),
			"Minutes", t.DurationMin)
	}
	p.colour(FieldColour, "appointment_type.field.colour", t.Colour)
	fee := i18n.Key("appointment_type.field.default_fee")
	if t.DefaultFee < 0 {
		p.Report(FieldDefaultFee, "appointment_type.problem.fee_negative", "Field", fee)
	} else if t.DefaultFee > MaxMoney {
		p.Report(FieldDefaultFee, "appointment_type.problem.fee_too_large", "Field", fee)
	}
	if t.RecallMonths < 0 || t.RecallMonths > maxRecallMonths {
		p.Report(FieldRecall, "appointment_type.problem.recall", "Field", i18n.Key("appointment_type.field.recall"),
			"Months", t.RecallMonths, "Max", maxRecallMonths)
	}
	return p.Err()
}

func (t *AppointmentType) row() row {
	return row{"appointment_types", &t.ID,
		[]string{"name", "duration_min", "colour", "default_fee", "active", "recall_months", "fee_item_id"},
		[]any{t.Name, t.DurationMin, t.Colour, int64(t.DefaultFee), t.Active, t.RecallMonths, nullable(t.FeeItemID)}}
}

// AppointmentTypes returns the types, active ones first, by name.
func (s *Store) AppointmentTypes(ctx context.Context) ([]AppointmentType, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, duration_min, colour, default_fee, active, recall_months,
		COALESCE(fee_item_id, '') FROM appointment_types WHERE deleted = 0 ORDER BY active DESC, name`)
	if err != nil {
		return nil, sqlErr("reading appointment types", err)
	}
	defer rows.Close()
	var out []AppointmentType
	for rows.Next() {
		var t AppointmentType
		if err := rows.Scan(&t.ID, &t.Name, &t.DurationMin, &t.Colour, &t.DefaultFee, &t.Active, &t.RecallMonths, &t.FeeItemID); err != nil {
			return nil, sqlErr("reading appointment types", err)
		}
		out = append(out, t)
	}
	return out, sqlErr("reading appointment types", rows.Err())
}

// SetAppointmentTypeActive retires a type (no longer offered for new
// bookings; the appointments of that type keep it) or offers it again.
// Only the active field is written.
func (tx *Tx) SetAppointmentTypeActive(id string, active bool) error {
	var t AppointmentType
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT id, name, duration_min, colour, default_fee, active, recall_months,
		COALESCE(fee_item_id, '') FROM appointment_types WHERE id = ? AND deleted = 0`, id).
		Scan(&t.ID, &t.Name, &t.DurationMin, &t.Colour, &t.DefaultFee, &t.Active, &t.RecallMonths, &t.FeeItemID)
	if err == sql.ErrNoRows {
		return NewError(ENotFound, "appointment_type.error.gone")
	} else if err != nil {
		return sqlErr("reading an appointment type to switch it on or off", err)
	}
	t.Active = active
	return tx.Save(&t)
}
