package data

import (
	"context"
	"io"
	"strings"
)

// ExportLetters writes every letter as CSV (DESIGN §7): id, date, the
// patient's full name and chart number, template, recipient (its lines
// joined by " / "), author and status, by date then id.
func (s *Store) ExportLetters(ctx context.Context, w io.Writer) error {
	if err := s.requireAll(RightExport, RightLetters); err != nil {
		return err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT l.id, l.letter_date, p.given_name || ' ' || p.family_name, p.chart_number,
		l.template_name, l.recipient, l.author, l.status
		FROM letters l JOIN patients p ON p.id = l.patient_id
		WHERE l.deleted = 0 ORDER BY l.letter_date, l.id`)
	if err != nil {
		return sqlErr("exporting the letters", err)
	}
	defer rows.Close()
	c := NewCSVWriter(w, "id", "date", "patient", "chart_number", "template", "recipient", "author", "status")
	for rows.Next() {
		var id, day, patient, chart, tpl, recipient, author, status string
		if err := rows.Scan(&id, &day, &patient, &chart, &tpl, &recipient, &author, &status); err != nil {
			return sqlErr("exporting the letters", err)
		}
		lines := strings.Split(recipient, "\n")
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		c.Row(id, day, strings.TrimSpace(patient), chart, tpl, strings.Join(lines, " / "), author, status)
	}
	if err := rows.Err(); err != nil {
		return sqlErr("exporting the letters", err)
	}
	return c.Close()
}
