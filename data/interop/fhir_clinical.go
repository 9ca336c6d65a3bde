package interop

import (
	"encoding/json"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"

	"frontdesk/data"
)

// Code systems of the clinical lists.
const (
	systemAllergyClinical   = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
	systemAllergyVerify     = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
	systemConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
	systemConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category"
	systemSNOMED            = "http://snomed.info/sct"
)

// severities maps the allergy severities; "unknown" is left out, as FHIR
// has no code for it.
var severities = map[string]fhir.AllergyIntoleranceSeverity{
	data.SeverityMild:     fhir.AllergyIntoleranceSeverityMild,
	data.SeverityModerate: fhir.AllergyIntoleranceSeverityModerate,
	data.SeveritySevere:   fhir.AllergyIntoleranceSeveritySevere,
}

// fhirAllergy writes an allergy, or the statement that the patient has
// no known allergies, which FHIR records as an AllergyIntolerance coded
// with SNOMED CT's "No known allergy", so that a receiving system, like
// the banner, tells "asked, none" from "nobody asked".
func fhirAllergy(a data.Allergy) fhir.AllergyIntolerance {
	out := fhir.AllergyIntolerance{
		Id:             ptr(a.ID),
		ClinicalStatus: ptr(coded(systemAllergyClinical, "active", "Active")),
		Patient:        ref(a.PatientID),
		RecordedDate:   ptr(a.RecordedOn.String()),
	}
	if a.NoneKnown {
		out.Code = ptr(coded(systemSNOMED, "716186003", "No known allergy"))
		out.VerificationStatus = ptr(coded(systemAllergyVerify, "confirmed", "Confirmed"))
		return out
	}
	out.Code = ptr(text(a.Substance))
	sev, known := severities[a.Severity]
	if a.Reaction != "" || known {
		// A reaction needs its manifestation; a severity noted without
		// one says so in words rather than inventing a code.
		r := fhir.AllergyIntoleranceReaction{Manifestation: []fhir.CodeableConcept{text(a.Reaction)}}
		if a.Reaction == "" {
			r.Manifestation = []fhir.CodeableConcept{text("not recorded")}
		}
		if known {
			r.Severity = ptr(sev)
		}
		out.Reaction = []fhir.AllergyIntoleranceReaction{r}
	}
	return out
}

// fhirCondition writes an entry of the problem list.
func fhirCondition(p data.Problem) fhir.Condition {
	status := coded(systemConditionClinical, "active", "Active")
	if p.Status == data.ProblemResolved {
		status = coded(systemConditionClinical, "resolved", "Resolved")
	}
	out := fhir.Condition{
		Id:             ptr(p.ID),
		ClinicalStatus: ptr(status),
		Category:       []fhir.CodeableConcept{coded(systemConditionCategory, "problem-list-item", "Problem List Item")},
		Code:           ptr(text(p.Text)),
		Subject:        ref(p.PatientID),
	}
	if !p.Since.IsZero() {
		out.OnsetDateTime = ptr(p.Since.String())
	}
	if p.Status == data.ProblemResolved && !p.ResolvedOn.IsZero() {
		out.AbatementDateTime = ptr(p.ResolvedOn.String())
	}
	return out
}

// medicationStatement is the library's MedicationStatement with its
// medication[x] choice fixed: the generated struct has medicationReference
// as a plain struct, which would write an empty "medicationReference": {}
// beside the medicationCodeableConcept. The outer field, nil and omitted,
// hides it from encoding/json.
type medicationStatement struct {
	fhir.OtherMedicationStatement
	MedicationReference *fhir.Reference `json:"medicationReference,omitempty"`
	ResourceType        string          `json:"resourceType"`
}

func (m medicationStatement) MarshalJSON() ([]byte, error) {
	type plain medicationStatement // without this method
	m.ResourceType = "MedicationStatement"
	return json.Marshal(plain(m))
}

// fhirMedication writes a medication: taken now (active) or in the past
// (completed) on the practice's today, with the dose as prescribed.
func fhirMedication(m data.Medication, today data.Date) medicationStatement {
	status := "active"
	if !m.Current(today) {
		status = "completed"
	}
	out := fhir.MedicationStatement{
		Id:                        ptr(m.ID),
		Status:                    status,
		MedicationCodeableConcept: text(m.Name),
		Subject:                   ref(m.PatientID),
	}
	if !m.From.IsZero() || !m.To.IsZero() {
		out.EffectivePeriod = &fhir.Period{}
		if !m.From.IsZero() {
			out.EffectivePeriod.Start = ptr(m.From.String())
		}
		if !m.To.IsZero() {
			out.EffectivePeriod.End = ptr(m.To.String())
		}
	}
	if m.Dose != "" {
		out.Dosage = []fhir.Dosage{{Text: ptr(m.Dose)}}
	}
	return medicationStatement{OtherMedicationStatement: fhir.OtherMedicationStatement(out)}
}
