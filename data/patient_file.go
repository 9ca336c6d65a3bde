package data

import (
	"context"
	"database/sql"
	"time"
)

// PatientFile is what the Summary of a patient's file and the printed
// summary show: the demographics and the clinical lists (with those of
// duplicates merged into the patient), the latest vital signs and the
// next appointment.
type PatientFile struct {
	Patient      Patient
	Allergies    []Allergy
	Medications  []Medication
	Problems     []Problem
	LatestVitals []Vital
	Next         AppointmentView
	HasNext      bool
	Merges       []MergeView
	Recalls      []PatientRecall // the patient's own recall intervals
	// Hidden says what was left out because the actor may not see it:
	// the screens and the printed summary say so instead of "none".
	Hidden Hidden
}

// Hidden names the parts of a patient's file left out for the actor.
type Hidden struct {
	Allergies bool // no RightAllergiesRead
	Clinical  bool // problems, medications, vital signs (notes and attachments are other tabs)
}

// Any reports whether anything was left out.
func (h Hidden) Any() bool { return h.Allergies || h.Clinical }

// LoadPatientFile reads a patient's summary in one read transaction, so
// that its parts agree with each other even when a merge (or any other
// write) commits while it reads. It does not record the read: the caller
// audits the opening, printing or export it is for. What the actor may
// not see is left out and named in Hidden.
func (s *Store) LoadPatientFile(ctx context.Context, id string, now time.Time) (PatientFile, error) {
	var f PatientFile
	if err := s.require(RightPatientsRead); err != nil {
		return f, err
	}
	f.Hidden.Allergies = !Can(s.Actor(), RightAllergiesRead)
	f.Hidden.Clinical = !s.CanSeeClinical(id)
	err := s.readTx(ctx, func(q querier) error {
		var err error
		if f.Patient, err = loadPatient(ctx, q, id); err != nil {
			return err
		}
		afterPatientFilePart("patient")
		if !f.Hidden.Allergies {
			if f.Allergies, err = allergiesOf(ctx, q, id); err != nil {
				return err
			}
		}
		if !f.Hidden.Clinical {
			if f.Medications, err = medicationsOf(ctx, q, id); err != nil {
				return err
			}
			if f.Problems, err = problemsOf(ctx, q, id); err != nil {
				return err
			}
			if f.LatestVitals, err = latestVitals(ctx, q, id); err != nil {
				return err
			}
		}
		if f.Next, f.HasNext, err = nextAppointment(ctx, q, id, now); err != nil {
			return err
		}
		if f.Recalls, err = patientRecalls(ctx, q, id); err != nil {
			return err
		}
		f.Merges, err = mergesOf(ctx, q, id)
		return err
	})
	return f, err
}

// afterPatientFilePart runs after the first part of LoadPatientFile; a
// test commits a merge there to show that the parts still agree.
var afterPatientFilePart = func(part string) {}

// ShowcasePatient returns a patient whose file shows every part
// (allergies, medications, a series of blood pressures, notes if any),
// for screenshot
// mode and demonstrations; "" when there is none.
func (s *Store) ShowcasePatient(ctx context.Context) (string, error) {
	var id string
	err := s.r.QueryRowContext(ctx, `SELECT v.patient_id FROM vital_signs v
		JOIN patients p ON p.id = v.patient_id AND p.deleted = 0 AND p.merged_into IS NULL AND p.deceased_date IS NULL
		WHERE v.kind = 'bp' AND v.deleted = 0
			AND EXISTS (SELECT 1 FROM allergies a WHERE a.patient_id = v.patient_id AND a.none_known = 0 AND a.deleted = 0)
			AND EXISTS (SELECT 1 FROM medications m WHERE m.patient_id = v.patient_id AND m.deleted = 0)
		GROUP BY v.patient_id
		ORDER BY EXISTS (SELECT 1 FROM clinical_notes n WHERE n.patient_id = v.patient_id) DESC, COUNT(*) DESC, v.patient_id
		LIMIT 1`).Scan(&id)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return id, sqlErr("choosing the patient of the screenshots", err)
}
