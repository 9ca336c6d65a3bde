package data

import (
	"context"
	"database/sql"
)

// The patient file's and the booking's tables travel as field changes
// like patients and appointments. Decisions taken here (issue 15):
//
//   - vital_signs are not append-only, though a reading is never edited
//     once taken: a merge of duplicates moves it to the survivor
//     (patient_id) and a reading entered in error is withdrawn (deleted).
//     Both are field changes after creation, which the engine refuses on
//     append-only tables. Its flag is derived: every device works it out
//     from the value with its own bounds.
//   - practice is one row, created with the practice and received by the
//     devices that join it: it merges field by field, last writer wins,
//     so that the name changed on one computer and the currency on the
//     other both stay. Should two devices ever hold two rows (two
//     practices set up apart), every reader takes the same one (the
//     lowest ID), so they still agree.
//   - working_hours merge row by row: two devices that change one
//     practitioner's week while apart may leave blocks that overlap;
//     they are kept (nothing is lost) and the next save of the week in
//     the practitioner form checks the week as a whole again.
//   - attachments carry their record as field changes and their bytes as
//     files of their own in the sync folder (data/sync, files.go).
//   - patient_merges carry the merge record; the rows of the merged file
//     that another device made meanwhile are moved to the survivor when
//     the merge arrives (sync_merge.go).
func init() {
	registerSyncTables(
		syncTable{name: "allergies", blank: func() Record { return &Allergy{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				return firstOf(scanAllergies(ctx, q, `SELECT `+allergyColumns+` FROM allergies WHERE id = ?`, id))
			}},
		syncTable{name: "medications", blank: func() Record { return &Medication{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				return firstOf(scanMedications(ctx, q, `SELECT `+medicationColumns+` FROM medications WHERE id = ?`, id))
			}},
		syncTable{name: "problems", blank: func() Record { return &Problem{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				return firstOf(scanProblems(ctx, q, `SELECT `+problemColumns+` FROM problems WHERE id = ?`, id))
			}},
		syncTable{name: "vital_signs", blank: func() Record { return &Vital{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				return firstOf(scanVitals(ctx, q, `SELECT `+vitalColumns+` FROM vital_signs WHERE id = ?`, id))
			},
			derived: []string{"flag"}},
		syncTable{name: "recalls", blank: func() Record { return &Recall{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				var r Recall
				err := q.QueryRowContext(ctx, `SELECT id, patient_id, COALESCE(type_id, ''), interval_months, reason, active
					FROM recalls WHERE id = ?`, id).Scan(&r.ID, &r.PatientID, &r.TypeID, &r.IntervalMonths, &r.Reason, &r.Active)
				return &r, err
			}},
		syncTable{name: "attachments", blank: func() Record { return &Attachment{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				return firstOf(scanAttachments(ctx, q, `SELECT `+attachmentColumns+` FROM attachments WHERE id = ?`, id))
			}},
		syncTable{name: "appointment_series", blank: func() Record { return &Series{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				var sr Series
				err := q.QueryRowContext(ctx, `SELECT id, practitioner_id, COALESCE(patient_id, ''), COALESCE(type_id, ''), first_day,
					start_min, end_min, time_zone, freq, every, month_day, week_of_month, until_day, count, notes
					FROM appointment_series WHERE id = ?`, id).Scan(&sr.ID, &sr.PractitionerID, &sr.PatientID, &sr.TypeID,
					&sr.First, &sr.Start, &sr.End, &sr.TimeZone, &sr.Freq, &sr.Every, &sr.MonthDay, &sr.WeekOfMonth, &sr.Until, &sr.Count, &sr.Notes)
				return &sr, err
			}},
		syncTable{name: "appointment_types", blank: func() Record { return &AppointmentType{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				var t AppointmentType
				err := q.QueryRowContext(ctx, `SELECT id, name, duration_min, colour, default_fee, active, recall_months,
					COALESCE(fee_item_id, '') FROM appointment_types WHERE id = ?`, id).
					Scan(&t.ID, &t.Name, &t.DurationMin, &t.Colour, &t.DefaultFee, &t.Active, &t.RecallMonths, &t.FeeItemID)
				return &t, err
			}},
		syncTable{name: "days_off", blank: func() Record { return &DayOff{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				var o DayOff
				err := q.QueryRowContext(ctx, `SELECT id, COALESCE(practitioner_id, ''), first_day, last_day, kind, reason
					FROM days_off WHERE id = ?`, id).Scan(&o.ID, &o.PractitionerID, &o.First, &o.Last, &o.Kind, &o.Reason)
				return &o, err
			}},
		syncTable{name: "working_hours", blank: func() Record { return &WorkingHours{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				var w WorkingHours
				err := q.QueryRowContext(ctx, `SELECT id, practitioner_id, weekday, start_min, end_min FROM working_hours WHERE id = ?`, id).
					Scan(&w.ID, &w.PractitionerID, &w.Weekday, &w.Start, &w.End)
				return &w, err
			}},
		syncTable{name: "waitlist", blank: func() Record { return &WaitlistEntry{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				vs, err := scanWaitlist(ctx, q, waitlistSelect+` WHERE w.id = ?`, id)
				if err != nil {
					return nil, err
				} else if len(vs) == 0 {
					return nil, sql.ErrNoRows
				}
				return &vs[0].WaitlistEntry, nil
			}},
		syncTable{name: "patient_merges", blank: func() Record { return &Merge{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				return firstOf(scanMerges(ctx, q, `SELECT id, survivor_id, duplicate_id, merged_utc, merged_by, state, moved
					FROM patient_merges WHERE id = ?`, id))
			}},
		syncTable{name: "practice", blank: func() Record { return &Practice{} },
			load: func(ctx context.Context, q querier, id string) (Record, error) {
				pr, err := scanPractice(q.QueryRowContext(ctx, practiceSelect+` WHERE id = ?`, id))
				return &pr, err
			}},
	)
}

// firstOf returns the one record a load by ID read, sql.ErrNoRows when
// there is none.
func firstOf[T any, P interface {
	*T
	Record
}](list []T, err error) (Record, error) {
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, sql.ErrNoRows
	}
	return P(&list[0]), nil
}
