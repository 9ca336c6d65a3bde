package data

import (
	"context"
	"strings"

	"frontdesk/data/i18n"
)

// Allergy severities.
const (
	SeverityMild     = "mild"
	SeverityModerate = "moderate"
	SeveritySevere   = "severe"
	SeverityUnknown  = "unknown"
)

// Severities lists them from the most to the least dangerous, as the
// banner orders allergies.
var Severities = []string{SeveritySevere, SeverityModerate, SeverityMild, SeverityUnknown}

// severityNames are the severities as screens and paper write them.
var severityNames = map[string]i18n.Key{
	SeverityMild:     "allergy.severity.mild",
	SeverityModerate: "allergy.severity.moderate",
	SeveritySevere:   "allergy.severity.severe",
	SeverityUnknown:  "allergy.severity.unknown",
}

// SeverityName is the catalogue's word for a severity ("severe"); an
// unknown value reads as severity unknown.
func SeverityName(s string) i18n.Key {
	if k, ok := severityNames[s]; ok {
		return k
	}
	return severityNames[SeverityUnknown]
}

// Allergy is one recorded allergy, or (NoneKnown) the explicit statement
// that the patient has no known allergies: "nobody asked" and "asked,
// none" must read differently on the banner.
type Allergy struct {
	ID         string
	PatientID  string
	NoneKnown  bool
	Substance  string
	Reaction   string
	Severity   string
	RecordedOn Date
}

// Fields of an allergy.
const (
	FieldSubstance = "substance"
	FieldReaction  = "reaction"
	FieldSeverity  = "severity"
)

// Validate cleans and checks the fields.
func (a *Allergy) Validate() error {
	var p Problems
	a.Substance = CleanText(a.Substance)
	a.Reaction = CleanText(a.Reaction)
	if a.PatientID == "" {
		p.Report("", "problem.no_patient", "Record", i18n.Key("allergy.record"))
	}
	if a.NoneKnown {
		if a.Substance != "" || a.Reaction != "" {
			p.Report(FieldSubstance, "allergy.problem.none_known_substance")
		}
	} else {
		p.required(FieldSubstance, "allergy.field.substance", a.Substance, MaxName)
	}
	p.length(FieldReaction, "allergy.field.reaction", a.Reaction, MaxShort)
	if a.Severity == "" {
		a.Severity = SeverityUnknown
	}
	if !oneOf(a.Severity, Severities) {
		p.Report(FieldSeverity, "allergy.problem.severity", "Field", i18n.Key("allergy.field.severity"), "Text", clip(a.Severity))
	}
	if a.RecordedOn.IsZero() {
		a.RecordedOn = DateOf(Now())
	}
	return p.Err()
}

func (a *Allergy) row() row {
	return row{"allergies", &a.ID,
		[]string{"patient_id", "none_known", "substance", "reaction", "severity", "recorded_on"},
		[]any{a.PatientID, a.NoneKnown, a.Substance, a.Reaction, a.Severity, a.RecordedOn}}
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// AddAllergy records an allergy. A standing "no known allergies" of the
// patient is withdrawn in the same transaction: it is no longer true.
func (tx *Tx) AddAllergy(a *Allergy) error {
	a.NoneKnown = false
	if err := a.Validate(); err != nil {
		return err
	}
	current, err := allergiesOf(tx.ctx, tx.tx, a.PatientID)
	if err != nil {
		return err
	}
	for _, c := range current {
		if c.NoneKnown {
			if err := tx.Delete(&c); err != nil {
				return err
			}
		} else if Fold(c.Substance) == Fold(a.Substance) {
			return NewError(EConflict, "allergy.error.already_recorded", "Field", i18n.Key("allergy.field.substance"), "Substance", c.Substance)
		}
	}
	return tx.Save(a)
}

// RecordNoKnownAllergies states that the patient was asked and has no
// known allergies. It is refused while allergies are recorded: remove
// those first (they may have been entered in error).
func (tx *Tx) RecordNoKnownAllergies(patientID string) error {
	current, err := allergiesOf(tx.ctx, tx.tx, patientID)
	if err != nil {
		return err
	}
	var names []string
	for _, c := range current {
		if c.NoneKnown {
			return nil // already stated
		}
		names = append(names, c.Substance)
	}
	if len(names) > 0 {
		return NewError(EConflict, "allergy.error.allergies_recorded", "Substances", strings.Join(names, ", "))
	}
	return tx.Save(&Allergy{PatientID: patientID, NoneKnown: true})
}

const allergyColumns = `id, patient_id, none_known, substance, reaction, severity, recorded_on`

func scanAllergies(ctx context.Context, q querier, query string, args ...any) ([]Allergy, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("reading allergies", err)
	}
	defer rows.Close()
	var out []Allergy
	for rows.Next() {
		var a Allergy
		if err := rows.Scan(&a.ID, &a.PatientID, &a.NoneKnown, &a.Substance, &a.Reaction, &a.Severity, &a.RecordedOn); err != nil {
			return nil, sqlErr("reading allergies", err)
		}
		out = append(out, a)
	}
	return out, sqlErr("reading allergies", rows.Err())
}

// allergiesOf returns the allergies recorded for a patient and the
// duplicates merged into it, most severe first.
func allergiesOf(ctx context.Context, q querier, patientID string) ([]Allergy, error) {
	return scanAllergies(ctx, q, `WITH RECURSIVE `+patientFamily+`
		SELECT `+allergyColumns+` FROM allergies WHERE patient_id IN (SELECT id FROM fam) AND deleted = 0
		ORDER BY none_known, CASE severity WHEN 'severe' THEN 0 WHEN 'moderate' THEN 1 WHEN 'mild' THEN 2 ELSE 3 END, substance, id`, patientID)
}

// Allergies returns a patient's allergy list (see AllergyState).
func (s *Store) Allergies(ctx context.Context, patientID string) ([]Allergy, error) {
	if err := s.require(RightAllergiesRead); err != nil {
		return nil, err
	}
	return allergiesOf(ctx, cached{s}, patientID)
}

// Allergy states, as the banner shows them.
const (
	AllergiesNotRecorded = "not_recorded" // nobody has asked yet
	AllergiesNoneKnown   = "none_known"   // asked: no known allergies
	AllergiesPresent     = "present"      // at least one allergy
)

// AllergyState sums a patient's list up for the banner. Real allergies
// win over a "none known" (two merged files may disagree).
func AllergyState(list []Allergy) (string, []Allergy) {
	var real []Allergy
	none := false
	for _, a := range list {
		if a.NoneKnown {
			none = true
		} else {
			real = append(real, a)
		}
	}
	switch {
	case len(real) > 0:
		return AllergiesPresent, real
	case none:
		return AllergiesNoneKnown, nil
	}
	return AllergiesNotRecorded, nil
}

// loadAllergy reads one allergy for the write path.
func loadAllergy(ctx context.Context, q querier, id string) (Allergy, error) {
	list, err := scanAllergies(ctx, q, `SELECT `+allergyColumns+` FROM allergies WHERE id = ? AND deleted = 0`, id)
	if err != nil {
		return Allergy{}, err
	}
	if len(list) == 0 {
		return Allergy{}, NewError(ENotFound, "allergy.error.gone")
	}
	return list[0], nil
}

// RemoveAllergy withdraws an allergy entered in error (a tombstone: the
// change history keeps it).
func (tx *Tx) RemoveAllergy(id string) error {
	a, err := loadAllergy(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	return tx.Delete(&a)
}
