package data

import (
	"context"
	"io"
)

// patientExportHeader is the header row of `frontdesk export patients`.
var patientExportHeader = []string{"chart_number", "family_name", "given_name", "birth_date", "sex",
	"phone", "phone2", "email", "address", "deceased_date"}

// ExportPatients writes one CSV row per patient (DESIGN §7): merged
// duplicates are left out, the deceased are in; dates are ISO 8601; rows
// are in chart-number order, so the same data gives the same bytes.
// Multi-line addresses stay one quoted cell.
func (s *Store) ExportPatients(ctx context.Context, w io.Writer) error {
	if err := s.require(RightExport); err != nil {
		return err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT chart_number, family_name, given_name, birth_date, sex,
		phone, phone2, email, address, deceased_date
		FROM patients WHERE deleted = 0 AND merged_into IS NULL ORDER BY chart_number`)
	if err != nil {
		return sqlErr("exporting patients", err)
	}
	defer rows.Close()
	c := NewCSVWriter(w, patientExportHeader...)
	for rows.Next() {
		var chart, family, given, sex, phone, phone2, email, address string
		var born, died Date
		if err := rows.Scan(&chart, &family, &given, &born, &sex, &phone, &phone2, &email, &address, &died); err != nil {
			return sqlErr("exporting patients", err)
		}
		c.Row(chart, family, given, born.String(), sex, phone, phone2, email, address, died.String())
	}
	if err := rows.Err(); err != nil {
		return sqlErr("exporting patients", err)
	}
	if err := c.Close(); err != nil {
		return &Error{Code: EStorage, Err: err, Message: "The export could not be written to the end (is the disk full?)."}
	}
	return nil
}
