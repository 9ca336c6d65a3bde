package interop

import (
	"encoding/json"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"

	"frontdesk/data"
)

// Code systems of the observations.
const (
	systemLOINC               = "http://loinc.org"
	systemUCUM                = "http://unitsofmeasure.org"
	systemObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
)

// vitalCode is how FHIR codes one of Frontdesk's signs: its LOINC code,
// its UCUM unit, the category, and the profile of FHIR's vital signs
// that it follows ("" for none).
type vitalCode struct {
	loinc, display string
	ucum           string
	category       string
	profile        string
}

// vitalCodes follow FHIR R4's vital signs profiles (observation-vitalsigns).
// Blood glucose is not a vital sign there: it is written as a laboratory
// observation, Glucose [Moles/volume] in Blood, without a profile.
var vitalCodes = map[string]vitalCode{
	data.VitalBP:          {"85354-9", "Blood pressure panel with all children optional", "mm[Hg]", "vital-signs", "http://hl7.org/fhir/StructureDefinition/bp"},
	data.VitalPulse:       {"8867-4", "Heart rate", "/min", "vital-signs", "http://hl7.org/fhir/StructureDefinition/heartrate"},
	data.VitalTemperature: {"8310-5", "Body temperature", "Cel", "vital-signs", "http://hl7.org/fhir/StructureDefinition/bodytemp"},
	data.VitalWeight:      {"29463-7", "Body weight", "kg", "vital-signs", "http://hl7.org/fhir/StructureDefinition/bodyweight"},
	data.VitalHeight:      {"8302-2", "Body height", "cm", "vital-signs", "http://hl7.org/fhir/StructureDefinition/bodyheight"},
	data.VitalSpO2:        {"2708-6", "Oxygen saturation in Arterial blood", "%", "vital-signs", "http://hl7.org/fhir/StructureDefinition/oxygensat"},
	data.VitalGlucose:     {"15074-8", "Glucose [Moles/volume] in Blood", "mmol/L", "laboratory", ""},
}

// The two parts of a blood pressure panel.
var (
	systolicCode  = coded(systemLOINC, "8480-6", "Systolic blood pressure")
	diastolicCode = coded(systemLOINC, "8462-4", "Diastolic blood pressure")
)

// categories of observations, with their display words.
var categoryDisplay = map[string]string{"vital-signs": "Vital Signs", "laboratory": "Laboratory"}

// fhirObservation writes a reading as an Observation; ok is false for a
// sign this version does not know how to code.
func fhirObservation(v data.Vital) (fhir.Observation, bool) {
	code, ok := vitalCodes[v.Kind]
	kind, known := data.KindOf(v.Kind)
	if !ok || !known {
		return fhir.Observation{}, false
	}
	out := fhir.Observation{
		Id:                ptr(v.ID),
		Status:            fhir.ObservationStatusFinal,
		Category:          []fhir.CodeableConcept{coded(systemObservationCategory, code.category, categoryDisplay[code.category])},
		Code:              coded(systemLOINC, code.loinc, code.display),
		Subject:           ptr(ref(v.PatientID)),
		EffectiveDateTime: ptr(v.Taken.UTC().Format(time.RFC3339)),
	}
	if code.profile != "" {
		out.Meta = &fhir.Meta{Profile: []string{"http://hl7.org/fhir/StructureDefinition/vitalsigns", code.profile}}
	}
	if kind.Pair {
		out.Component = []fhir.ObservationComponent{
			{Code: systolicCode, ValueQuantity: quantity(kind, v.Value, kind.Unit, code.ucum)},
			{Code: diastolicCode, ValueQuantity: quantity(kind, v.Value2, kind.Unit, code.ucum)},
		}
	} else {
		out.ValueQuantity = quantity(kind, v.Value, kind.Unit, code.ucum)
	}
	return out, true
}

// quantity is a reading in its unit: the stored integer in the sign's
// scale written as the exact decimal people read ("37.2"), never through
// a float.
func quantity(k data.VitalKind, value int, unit, ucum string) *fhir.Quantity {
	return &fhir.Quantity{
		Value:  ptr(json.Number(k.Format(value))),
		Unit:   ptr(unit),
		System: ptr(systemUCUM),
		Code:   ptr(ucum),
	}
}
