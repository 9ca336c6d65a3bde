package interop

import (
	"strings"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"

	"frontdesk/data"
)

// Code systems of FHIR R4 and HL7 that the export names.
const (
	systemV2IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203"
	systemV2ContactRole    = "http://terminology.hl7.org/CodeSystem/v2-0131"
)

// chartSystem is the identifier system of a practice's chart numbers:
// the practice's own ID as a URN, since a chart number means something
// only inside the practice that gave it.
func chartSystem(pr data.Practice) string { return "urn:uuid:" + pr.ID }

// genders maps the administrative sex onto FHIR's administrative-gender
// value set, which has the same four codes.
var genders = map[string]fhir.AdministrativeGender{
	data.SexFemale:  fhir.AdministrativeGenderFemale,
	data.SexMale:    fhir.AdministrativeGenderMale,
	data.SexOther:   fhir.AdministrativeGenderOther,
	data.SexUnknown: fhir.AdministrativeGenderUnknown,
}

func fhirPatient(p data.Patient, pr data.Practice) fhir.Patient {
	out := fhir.Patient{
		Id:     ptr(p.ID),
		Active: ptr(true),
		Identifier: []fhir.Identifier{{
			Use:    ptr(fhir.IdentifierUseUsual),
			Type:   ptr(coded(systemV2IdentifierType, "MR", "Medical record number")),
			System: ptr(chartSystem(pr)),
			Value:  ptr(p.ChartNumber),
		}},
		Name: []fhir.HumanName{humanName(fhir.NameUseOfficial, p.FamilyName, p.GivenName)},
	}
	if p.PreferredName != "" {
		out.Name = append(out.Name, fhir.HumanName{Use: ptr(fhir.NameUseUsual), Text: ptr(p.PreferredName)})
	}
	if g, ok := genders[p.Sex]; ok {
		out.Gender = ptr(g)
	}
	if !p.BirthDate.IsZero() {
		out.BirthDate = ptr(p.BirthDate.String())
	}
	if !p.DeceasedDate.IsZero() {
		out.DeceasedDateTime = ptr(p.DeceasedDate.String())
	}
	out.Telecom = telecoms(p.Phone, p.Phone2, p.Email)
	if p.Address != "" {
		out.Address = []fhir.Address{{Use: ptr(fhir.AddressUseHome), Text: ptr(p.Address), Line: lines(p.Address)}}
	}
	if p.EmergencyContact != "" || p.EmergencyPhone != "" {
		c := fhir.PatientContact{Relationship: []fhir.CodeableConcept{coded(systemV2ContactRole, "C", "Emergency Contact")}}
		if p.EmergencyContact != "" {
			c.Name = &fhir.HumanName{Text: ptr(p.EmergencyContact)}
		}
		c.Telecom = telecoms(p.EmergencyPhone, "", "")
		out.Contact = []fhir.PatientContact{c}
	}
	return out
}

// humanName is a name as FHIR splits it; given names are kept as typed,
// one string (Frontdesk does not know where one given name ends).
func humanName(use fhir.NameUse, family, given string) fhir.HumanName {
	n := fhir.HumanName{Use: ptr(use), Text: ptr(strings.TrimSpace(given + " " + family))}
	if family != "" {
		n.Family = ptr(family)
	}
	if given != "" {
		n.Given = []string{given}
	}
	return n
}

func telecoms(phone, phone2, email string) []fhir.ContactPoint {
	var out []fhir.ContactPoint
	for i, ph := range []string{phone, phone2} {
		if ph != "" {
			out = append(out, fhir.ContactPoint{System: ptr(fhir.ContactPointSystemPhone), Value: ptr(ph), Rank: ptr(i + 1)})
		}
	}
	if email != "" {
		out = append(out, fhir.ContactPoint{System: ptr(fhir.ContactPointSystemEmail), Value: ptr(email)})
	}
	return out
}

// lines splits a multi-line address into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func fhirPractitioner(p data.Practitioner) fhir.Practitioner {
	out := fhir.Practitioner{
		Id:     ptr(p.ID),
		Active: ptr(p.Active),
		Name:   []fhir.HumanName{{Text: ptr(p.DisplayName)}},
	}
	if p.Title != "" {
		out.Name[0].Prefix = []string{p.Title}
	}
	if p.Speciality != "" {
		out.Qualification = []fhir.PractitionerQualification{{Code: text(p.Speciality)}}
	}
	return out
}
