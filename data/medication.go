package data

import (
	"context"

	"frontdesk/data/i18n"
)

// Medication is a medicine the patient takes or took: its name, the dose
// as prescribed ("500 mg twice a day") and the period.
type Medication struct {
	ID        string
	PatientID string
	Name      string
	Dose      string
	From      Date // zero: not known
	To        Date // zero: still taken
}

// Current reports whether the medication is still taken on day.
func (m Medication) Current(day Date) bool { return m.To.IsZero() || !m.To.Before(day) }

// Fields of a medication (its name is FieldName).
const (
	FieldDose = "dose"
	FieldFrom = "from"
	FieldTo   = "to"
)

// Validate cleans and checks the fields; dates in its messages are
// written in ISO 8601.
func (m *Medication) Validate() error { return m.ValidateAs(YMD) }

// ValidateAs is Validate with the dates of its messages written in df.
func (m *Medication) ValidateAs(df DateFormat) error {
	var p Problems
	m.Name = CleanText(m.Name)
	m.Dose = CleanText(m.Dose)
	if m.PatientID == "" {
		p.Report("", "problem.no_patient", "Record", i18n.Key("medication.field.name"))
	}
	p.required(FieldName, "medication.field.name", m.Name, MaxName)
	p.length(FieldDose, "medication.field.dose", m.Dose, MaxShort)
	today := DateOf(Now())
	if m.From.After(today) {
		p.Report(FieldFrom, "problem.date.future", "Field", i18n.Key("medication.field.from"), "Date", m.From)
	}
	if !m.To.IsZero() && !m.From.IsZero() && m.To.Before(m.From) {
		p.Report(FieldTo, "problem.date.before_start", "Field", i18n.Key("medication.field.to"), "Date", m.To, "Start", m.From)
	}
	return p.errAs(df)
}

func (m *Medication) row() row {
	return row{"medications", &m.ID,
		[]string{"patient_id", "name", "dose", "from_date", "to_date"},
		[]any{m.PatientID, m.Name, m.Dose, m.From, m.To}}
}

const medicationColumns = `id, patient_id, name, dose, from_date, to_date`

func scanMedications(ctx context.Context, q querier, query string, args ...any) ([]Medication, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("reading medications", err)
	}
	defer rows.Close()
	var out []Medication
	for rows.Next() {
		var m Medication
		if err := rows.Scan(&m.ID, &m.PatientID, &m.Name, &m.Dose, &m.From, &m.To); err != nil {
			return nil, sqlErr("reading medications", err)
		}
		out = append(out, m)
	}
	return out, sqlErr("reading medications", rows.Err())
}

// Medications returns a patient's medications (and those of duplicates
// merged into it): current ones first, then by start, newest first.
func (s *Store) Medications(ctx context.Context, patientID string) ([]Medication, error) {
	if err := s.requireClinical(patientID); err != nil {
		return nil, err
	}
	return medicationsOf(ctx, cached{s}, patientID)
}

func medicationsOf(ctx context.Context, q querier, patientID string) ([]Medication, error) {
	return scanMedications(ctx, q, `WITH RECURSIVE `+patientFamily+`
		SELECT `+medicationColumns+` FROM medications WHERE patient_id IN (SELECT id FROM fam) AND deleted = 0
		ORDER BY to_date IS NOT NULL, to_date DESC, from_date DESC, name, id`, patientID)
}

func loadMedication(ctx context.Context, q querier, id string) (Medication, error) {
	list, err := scanMedications(ctx, q, `SELECT `+medicationColumns+` FROM medications WHERE id = ? AND deleted = 0`, id)
	if err != nil {
		return Medication{}, err
	}
	if len(list) == 0 {
		return Medication{}, NewError(ENotFound, "medication.error.gone")
	}
	return list[0], nil
}

// StopMedication records that a medication was stopped on day.
func (tx *Tx) StopMedication(id string, day Date) error {
	m, err := loadMedication(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	m.To = day
	return tx.Save(&m)
}

// RemoveMedication withdraws a medication entered in error.
func (tx *Tx) RemoveMedication(id string) error {
	m, err := loadMedication(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	return tx.Delete(&m)
}
