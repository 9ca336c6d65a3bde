package data

import (
	"context"
	"io"
	"time"
)

// ExportAppointments writes every appointment as CSV (DESIGN §7): one row
// each, start and end as ISO 8601 local times with their offset (so the
// hour that happens twice in autumn is not ambiguous), in start order.
// Cancelled appointments are included with their reason.
func (s *Store) ExportAppointments(ctx context.Context, w io.Writer) error {
	if err := s.require(RightExport); err != nil {
		return err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.time_zone, a.start_utc, a.end_utc, pr.display_name,
		COALESCE(p.given_name || ' ' || p.family_name, ''), COALESCE(p.chart_number, ''), COALESCE(t.name, ''),
		a.status, a.cancel_reason
		FROM appointments a
		JOIN practitioners pr ON pr.id = a.practitioner_id
		LEFT JOIN patients p ON p.id = a.patient_id
		LEFT JOIN appointment_types t ON t.id = a.type_id
		WHERE a.deleted = 0
		ORDER BY a.start_utc, a.id`)
	if err != nil {
		return sqlErr("exporting appointments", err)
	}
	defer rows.Close()
	c := NewCSVWriter(w, "id", "start", "end", "practitioner", "patient", "chart_number", "type", "status", "cancellation_reason")
	for rows.Next() {
		var id, zone, practitioner, patient, chart, typ, status, reason string
		var start, end int64
		if err := rows.Scan(&id, &zone, &start, &end, &practitioner, &patient, &chart, &typ, &status, &reason); err != nil {
			return sqlErr("exporting appointments", err)
		}
		loc, err := LoadZone(zone)
		if err != nil {
			return err
		}
		c.Row(id, time.Unix(start, 0).In(loc).Format(time.RFC3339), time.Unix(end, 0).In(loc).Format(time.RFC3339),
			practitioner, patient, chart, typ, status, reason)
	}
	if err := rows.Err(); err != nil {
		return sqlErr("exporting appointments", err)
	}
	return c.Close()
}
