package data

import (
	"context"
	"sort"
	"time"

	"frontdesk/data/i18n"
)

// maxRecallMonths bounds a recall interval: ten years.
const maxRecallMonths = 120

// Recall puts one patient on the recall list every IntervalMonths after
// their last visit done (of TypeID, or of any type when it is empty). It
// overrides the interval of the appointment type for that patient.
type Recall struct {
	ID             string
	PatientID      string
	TypeID         string
	IntervalMonths int
	Reason         string // "annual diabetes check"
	Active         bool
}

// FieldInterval is the months between a recall's check-ups.
const FieldInterval = "interval"

// recallLabels are the names of a recall's fields.
var recallLabels = map[string]i18n.Key{
	FieldPatient:  "recall.field.patient",
	FieldInterval: "recall.field.interval",
	FieldReason:   "recall.field.reason",
}

// RecallLabel is the catalogue's name of a recall's field.
func RecallLabel(field string) i18n.Key { return recallLabels[field] }

// Validate cleans and checks the fields.
func (r *Recall) Validate() error {
	var p Problems
	l := RecallLabel
	r.Reason = CleanText(r.Reason)
	p.length(FieldReason, l(FieldReason), r.Reason, MaxShort)
	if r.PatientID == "" {
		p.Report(FieldPatient, "recall.problem.no_patient", "Field", l(FieldPatient))
	}
	if r.IntervalMonths < 1 || r.IntervalMonths > maxRecallMonths {
		p.Report(FieldInterval, "recall.problem.interval", "Field", l(FieldInterval), "Months", r.IntervalMonths, "Max", maxRecallMonths)
	}
	return p.Err()
}

func (r *Recall) row() row {
	return row{"recalls", &r.ID,
		[]string{"patient_id", "type_id", "interval_months", "reason", "active"},
		[]any{r.PatientID, nullable(r.TypeID), r.IntervalMonths, r.Reason, r.Active}}
}

// RecallDue is one line of the recall list: a patient due for a check-up.
type RecallDue struct {
	PatientID   string
	PatientName string // "Given Family"
	ChartNumber string
	Phone       string
	LastSeen    Date // the last visit done, of any type
	Due         Date
	Reason      string // the type's name, or the patient's recall reason
	Months      int    // the interval that made it due
}

// AddMonths returns the same day n months later, or the last day of that
// month when it is shorter (31 January + 1 month = 28 or 29 February).
func (d Date) AddMonths(n int) Date {
	y, m := addMonths(d.Year, d.Month, n)
	return Date{y, m, min(d.Day, DaysIn(y, m))}
}

// RecallsDue lists the patients due for a check-up between from and until
// (a patient overdue for longer than that is taken as gone elsewhere):
// for each appointment type with a recall interval, the patients whose
// last visit of that type was done that many months ago; for each
// patient recall, the same with the patient's own interval (which
// replaces the type's). Patients who already have an appointment booked
// after now, who died or were merged into another file are left out. One
// line per patient (the earliest due), the most overdue first. now is on
// the practice clock; a patient with a recall but no visit yet is due on
// its day.
func (s *Store) RecallsDue(ctx context.Context, from, until Date, now time.Time) ([]RecallDue, error) {
	type key struct{ patient, typ string }
	type rule struct {
		months int
		reason string
	}
	// The patient's own recalls, by patient and type ("" = any).
	own := map[key]rule{}
	rows, err := s.r.QueryContext(ctx, `SELECT r.patient_id, COALESCE(r.type_id, ''), r.interval_months,
		CASE WHEN r.reason != '' THEN r.reason ELSE COALESCE(t.name, 'Check-up') END
		FROM recalls r LEFT JOIN appointment_types t ON t.id = r.type_id
		WHERE r.deleted = 0 AND r.active = 1`)
	if err != nil {
		return nil, sqlErr("reading the patients' own recalls", err)
	}
	for rows.Next() {
		var k key
		var r rule
		if err := rows.Scan(&k.patient, &k.typ, &r.months, &r.reason); err != nil {
			rows.Close()
			return nil, sqlErr("reading the patients' own recalls", err)
		}
		own[k] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, sqlErr("reading the patients' own recalls", err)
	}

	// Last visit done per patient and type, for the types that recall and
	// the patients with a recall of their own; the partial index
	// appointments_done_by_type serves both.
	due := map[string]RecallDue{}
	consider := func(patient, name string, last Date, months int) {
		d := last.AddMonths(months)
		if d.After(until) || d.Before(from) {
			return
		}
		if cur, ok := due[patient]; !ok || d.Before(cur.Due) {
			due[patient] = RecallDue{PatientID: patient, Due: d, Reason: name, Months: months}
		}
	}
	rows, err = s.r.QueryContext(ctx, `SELECT a.patient_id, a.type_id, t.name, t.recall_months, MAX(a.start_local)
		FROM appointments a JOIN appointment_types t ON t.id = a.type_id
		WHERE a.status = 'done' AND a.deleted = 0 AND a.patient_id IS NOT NULL
		AND (t.recall_months > 0 OR a.patient_id IN (SELECT patient_id FROM recalls WHERE deleted = 0 AND active = 1))
		GROUP BY a.patient_id, a.type_id`)
	if err != nil {
		return nil, sqlErr("reading the last visits for recalls", err)
	}
	lastAny := map[string]Date{}
	for rows.Next() {
		var patient, typ, name, stamp string
		var months int
		if err := rows.Scan(&patient, &typ, &name, &months, &stamp); err != nil {
			rows.Close()
			return nil, sqlErr("reading the last visits for recalls", err)
		}
		last, _, err := parseLocalStamp(stamp)
		if err != nil {
			continue
		}
		if last.After(lastAny[patient]) {
			lastAny[patient] = last
		}
		if r, ok := own[key{patient, typ}]; ok {
			consider(patient, r.reason, last, r.months)
		} else if months > 0 {
			consider(patient, name, last, months)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, sqlErr("reading the last visits for recalls", err)
	}
	// Recalls for any type count from the last visit of any type; a
	// patient never seen is due at once.
	for k, r := range own {
		if k.typ == "" {
			last := lastAny[k.patient]
			if last.IsZero() {
				if _, ok := due[k.patient]; !ok {
					due[k.patient] = RecallDue{PatientID: k.patient, Due: DateOf(now), Reason: r.reason, Months: r.months}
				}
				continue
			}
			consider(k.patient, r.reason, last, r.months)
		}
	}
	return s.recallDetails(ctx, due, now)
}

// recallDetails adds names and the last visit to the due patients and
// drops those already booked, deceased or merged.
func (s *Store) recallDetails(ctx context.Context, due map[string]RecallDue, now time.Time) ([]RecallDue, error) {
	out := make([]RecallDue, 0, len(due))
	for id, r := range due {
		var deceased, merged, last string
		var booked int
		err := s.r.QueryRowContext(ctx, `SELECT p.given_name || ' ' || p.family_name, p.chart_number, p.phone,
			COALESCE(p.deceased_date, ''), COALESCE(p.merged_into, ''),
			EXISTS (SELECT 1 FROM appointments f WHERE f.patient_id = p.id AND f.start_utc > ? AND f.deleted = 0
				AND f.status IN ('booked', 'confirmed')),
			COALESCE((SELECT MAX(l.start_local) FROM appointments l WHERE l.patient_id = p.id AND l.status = 'done' AND l.deleted = 0), '')
			FROM patients p WHERE p.id = ? AND p.deleted = 0`, now.Unix(), id).
			Scan(&r.PatientName, &r.ChartNumber, &r.Phone, &deceased, &merged, &booked, &last)
		if err != nil {
			continue // removed since: not on the list
		}
		if deceased != "" || merged != "" || booked == 1 {
			continue
		}
		if len(last) >= 10 {
			r.LastSeen, _ = ParseISODate(last[:10])
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := out[i].Due.Compare(out[j].Due); c != 0 {
			return c < 0
		}
		return out[i].PatientName < out[j].PatientName || out[i].PatientName == out[j].PatientName && out[i].PatientID < out[j].PatientID
	})
	return out, nil
}

// PatientRecall is one of a patient's own recalls with the name of its
// type ("" for a recall after a visit of any type).
type PatientRecall struct {
	Recall
	TypeName string
}

// RecallsOf returns a patient's own recalls, active ones first, the
// shortest interval first.
func (s *Store) RecallsOf(ctx context.Context, patientID string) ([]PatientRecall, error) {
	return patientRecalls(ctx, s.r, patientID)
}

func patientRecalls(ctx context.Context, q querier, patientID string) ([]PatientRecall, error) {
	return recallsOf(ctx, q, `r.patient_id = ?`, patientID)
}

func recallsOf(ctx context.Context, q querier, where string, arg string) ([]PatientRecall, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.patient_id, COALESCE(r.type_id, ''), r.interval_months, r.reason, r.active,
		COALESCE(t.name, '')
		FROM recalls r LEFT JOIN appointment_types t ON t.id = r.type_id
		WHERE `+where+` AND r.deleted = 0 ORDER BY r.active DESC, r.interval_months, r.id`, arg)
	if err != nil {
		return nil, sqlErr("reading recalls", err)
	}
	defer rows.Close()
	var out []PatientRecall
	for rows.Next() {
		var r PatientRecall
		if err := rows.Scan(&r.ID, &r.PatientID, &r.TypeID, &r.IntervalMonths, &r.Reason, &r.Active, &r.TypeName); err != nil {
			return nil, sqlErr("reading recalls", err)
		}
		out = append(out, r)
	}
	return out, sqlErr("reading recalls", rows.Err())
}

// RemoveRecall takes a patient off a recall of their own (a tombstone:
// the change history keeps it).
func (tx *Tx) RemoveRecall(id string) error {
	list, err := recallsOf(tx.ctx, tx.tx, `r.id = ?`, id)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return NewError(ENotFound, "recall.error.gone")
	}
	return tx.Delete(&list[0].Recall)
}
