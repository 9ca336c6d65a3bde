package data

import (
	"context"
	"database/sql"
	"sort"
	"strings"
)

// ExchangeRecords is what an export for another program (FHIR) carries
// of the whole practice or of one patient, read in one read transaction
// so that its parts agree. A duplicate merged into a patient is not a
// patient of its own here: its allergies, medications, problems, vital
// signs and appointments are the kept patient's, as the patient file
// shows them, and their PatientID says so.
type ExchangeRecords struct {
	Practice      Practice
	Practitioners []Practitioner // every practitioner an appointment names; all of them for the whole practice
	Patients      []Patient      // not deleted, not merged away; in chart-number order
	Allergies     []Allergy
	Medications   []Medication
	Problems      []Problem
	Vitals        []Vital
	Appointments  []AppointmentView // in start order
}

// ExchangeRecords reads the whole practice, or the patient with the
// chart number chart when it is not "" (a chart number of a duplicate
// merged away reads the patient it was merged into). It does not record
// the read: the caller audits the export it is for.
func (s *Store) ExchangeRecords(ctx context.Context, chart string) (ExchangeRecords, error) {
	var r ExchangeRecords
	// A file that leaves the practice, with the clinical records in it.
	for _, right := range []Right{RightExport, RightClinicalRead} {
		if err := s.require(right); err != nil {
			return r, err
		}
	}
	err := s.readTx(ctx, func(q querier) error {
		var err error
		if r.Practice, err = loadPractice(ctx, q); err != nil {
			return err
		}
		kept, err := exchangePatients(ctx, q, chart, &r)
		if err != nil {
			return err
		}
		return exchangeLists(ctx, q, kept, chart == "", &r)
	})
	return r, err
}

// exchangePatients fills r.Patients and returns, for every patient ID
// whose records belong in the export (merged duplicates included), the
// ID of the exported patient they belong to.
func exchangePatients(ctx context.Context, q querier, chart string, r *ExchangeRecords) (map[string]string, error) {
	const op = "reading the patients to export"
	where := `WHERE deleted = 0 AND merged_into IS NULL ORDER BY chart_number`
	args := []any{}
	if chart != "" {
		id, err := keptPatientOf(ctx, q, chart)
		if err != nil {
			return nil, err
		}
		where, args = `WHERE id = ? AND deleted = 0`, []any{id}
	}
	rows, err := q.QueryContext(ctx, `SELECT `+patientColumns+` FROM patients `+where, args...)
	if err != nil {
		return nil, sqlErr(op, err)
	}
	for rows.Next() {
		p, err := scanPatient(rows)
		if err != nil {
			rows.Close()
			return nil, sqlErr(op, err)
		}
		r.Patients = append(r.Patients, p)
	}
	if err := rows.Close(); err != nil {
		return nil, sqlErr(op, err)
	}
	if err := rows.Err(); err != nil {
		return nil, sqlErr(op, err)
	}

	// Every merged duplicate, to the patient it was merged into; chains
	// (a merged into b, b into c) lead to the patient at their end.
	mergedInto := map[string]string{}
	rows, err = q.QueryContext(ctx, `SELECT id, merged_into FROM patients WHERE merged_into IS NOT NULL AND deleted = 0`)
	if err != nil {
		return nil, sqlErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, into string
		if err := rows.Scan(&id, &into); err != nil {
			return nil, sqlErr(op, err)
		}
		mergedInto[id] = into
	}
	if err := rows.Err(); err != nil {
		return nil, sqlErr(op, err)
	}
	kept := map[string]string{}
	for _, p := range r.Patients {
		kept[p.ID] = p.ID
	}
	for id := range mergedInto {
		end := id
		for steps := 0; mergedInto[end] != "" && steps <= len(mergedInto); steps++ {
			end = mergedInto[end]
		}
		if _, ok := kept[end]; ok && end != id {
			kept[id] = end
		}
	}
	return kept, nil
}

// keptPatientOf returns the ID of the patient with a chart number, or of
// the patient it was merged into.
func keptPatientOf(ctx context.Context, q querier, chart string) (string, error) {
	var id string
	var into sql.NullString
	err := q.QueryRowContext(ctx, `SELECT id, merged_into FROM patients WHERE chart_number = ? AND deleted = 0`,
		strings.ToUpper(strings.TrimSpace(chart))).Scan(&id, &into)
	if err == sql.ErrNoRows {
		return "", NewError(ENotFound, "patient.error.no_chart", "Chart", clip(chart))
	}
	if err != nil {
		return "", sqlErr("finding the patient to export", err)
	}
	for seen := 0; into.Valid && seen < 1000; seen++ {
		id = into.String
		err := q.QueryRowContext(ctx, `SELECT merged_into FROM patients WHERE id = ? AND deleted = 0`, id).Scan(&into)
		if err == sql.ErrNoRows {
			return "", NewError(ENotFound, "patient.error.gone")
		}
		if err != nil {
			return "", sqlErr("finding the patient to export", err)
		}
	}
	return id, nil
}

// exchangeLists reads the clinical lists and the appointments of the
// exported patients (every appointment, blocked times included, for the
// whole practice) and the practitioners they name.
func exchangeLists(ctx context.Context, q querier, kept map[string]string, whole bool, r *ExchangeRecords) error {
	belongs := func(patientID *string) bool {
		to, ok := kept[*patientID]
		*patientID = to
		return ok
	}
	allergies, err := scanAllergies(ctx, q, `SELECT `+allergyColumns+` FROM allergies WHERE deleted = 0 ORDER BY id`)
	if err != nil {
		return err
	}
	for _, a := range allergies {
		if belongs(&a.PatientID) {
			r.Allergies = append(r.Allergies, a)
		}
	}
	meds, err := scanMedications(ctx, q, `SELECT `+medicationColumns+` FROM medications WHERE deleted = 0 ORDER BY id`)
	if err != nil {
		return err
	}
	for _, m := range meds {
		if belongs(&m.PatientID) {
			r.Medications = append(r.Medications, m)
		}
	}
	problems, err := scanProblems(ctx, q, `SELECT `+problemColumns+` FROM problems WHERE deleted = 0 ORDER BY id`)
	if err != nil {
		return err
	}
	for _, p := range problems {
		if belongs(&p.PatientID) {
			r.Problems = append(r.Problems, p)
		}
	}
	vitals, err := scanVitals(ctx, q, `SELECT `+vitalColumns+` FROM vital_signs WHERE deleted = 0 ORDER BY taken_utc, id`)
	if err != nil {
		return err
	}
	for _, v := range vitals {
		if belongs(&v.PatientID) {
			r.Vitals = append(r.Vitals, v)
		}
	}
	appts, err := scanAppointmentViews(ctx, q, appointmentViewSelect+` WHERE a.deleted = 0 ORDER BY a.start_utc, a.id`)
	if err != nil {
		return err
	}
	for _, a := range appts {
		if (a.PatientID == "" && whole) || (a.PatientID != "" && belongs(&a.PatientID)) {
			r.Appointments = append(r.Appointments, a)
		}
	}

	prs, err := scanPractitioners(ctx, q)
	if err != nil {
		return err
	}
	named := map[string]bool{}
	for _, a := range r.Appointments {
		named[a.PractitionerID] = true
	}
	for _, p := range prs {
		if whole || named[p.ID] {
			r.Practitioners = append(r.Practitioners, p)
		}
	}
	sort.SliceStable(r.Practitioners, func(i, j int) bool { return r.Practitioners[i].ID < r.Practitioners[j].ID })
	return nil
}
