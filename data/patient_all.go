package data

import "context"

// EachPatient calls fn with every patient who is not deleted or merged
// into another, in chart-number order (one query, so one snapshot): an
// import compares the rows of a file with the practice's patients. It
// stops at fn's first error and returns it.
func (s *Store) EachPatient(ctx context.Context, fn func(Patient) error) error {
	if err := s.require(RightPatientsRead); err != nil {
		return err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+patientColumns+` FROM patients
		WHERE deleted = 0 AND merged_into IS NULL ORDER BY chart_number`)
	if err != nil {
		return sqlErr("reading every patient", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPatient(rows)
		if err != nil {
			return sqlErr("reading every patient", err)
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return sqlErr("reading every patient", rows.Err())
}
