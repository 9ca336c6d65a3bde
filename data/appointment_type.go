package data

import (
	"context"
	"database/sql"
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
}

// Validate cleans and checks the fields.
func (t *AppointmentType) Validate() error {
	var p Problems
	t.Name = CleanText(t.Name)
	checkRequired(&p, "Type name", t.Name, MaxName)
	if t.DurationMin < 5 || t.DurationMin > 8*60 {
		p.Add("Duration: %d minutes is not between 5 minutes and 8 hours.", t.DurationMin)
	}
	checkColour(&p, "Colour", t.Colour)
	if t.DefaultFee < 0 {
		p.Add("Default fee: a fee cannot be negative.")
	} else if t.DefaultFee > MaxMoney {
		p.Add("Default fee: the amount is too large.")
	}
	if t.RecallMonths < 0 || t.RecallMonths > maxRecallMonths {
		p.Add("Recall: %d months is not between 0 and %d.", t.RecallMonths, maxRecallMonths)
	}
	return p.Err()
}

func (t *AppointmentType) row() row {
	return row{"appointment_types", &t.ID,
		[]string{"name", "duration_min", "colour", "default_fee", "active", "recall_months"},
		[]any{t.Name, t.DurationMin, t.Colour, int64(t.DefaultFee), t.Active, t.RecallMonths}}
}

// AppointmentTypes returns the types, active ones first, by name.
func (s *Store) AppointmentTypes(ctx context.Context) ([]AppointmentType, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, duration_min, colour, default_fee, active, recall_months
		FROM appointment_types WHERE deleted = 0 ORDER BY active DESC, name`)
	if err != nil {
		return nil, mapSQLError(err)
	}
	defer rows.Close()
	var out []AppointmentType
	for rows.Next() {
		var t AppointmentType
		if err := rows.Scan(&t.ID, &t.Name, &t.DurationMin, &t.Colour, &t.DefaultFee, &t.Active, &t.RecallMonths); err != nil {
			return nil, mapSQLError(err)
		}
		out = append(out, t)
	}
	return out, mapSQLError(rows.Err())
}

// SetAppointmentTypeActive retires a type (no longer offered for new
// bookings; the appointments of that type keep it) or offers it again.
// Only the active field is written.
func (tx *Tx) SetAppointmentTypeActive(id string, active bool) error {
	var t AppointmentType
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT id, name, duration_min, colour, default_fee, active, recall_months
		FROM appointment_types WHERE id = ? AND deleted = 0`, id).
		Scan(&t.ID, &t.Name, &t.DurationMin, &t.Colour, &t.DefaultFee, &t.Active, &t.RecallMonths)
	if err == sql.ErrNoRows {
		return Errorf(ENotFound, "This appointment type no longer exists.")
	} else if err != nil {
		return mapSQLError(err)
	}
	t.Active = active
	return tx.Save(&t)
}
