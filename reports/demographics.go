package reports

import (
	"strings"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// Field is one labelled line of a patient's demographics.
type Field struct{ Label, Value string }

// Demographics lists a patient's demographics as the patient file and the
// summary PDF show them, in the same order on screen and on paper, in l's
// language (dates in l's order). Values may be empty; each caller decides
// how to show "not recorded".
func Demographics(pt data.Patient, l *i18n.Localizer) []Field {
	var consents []string
	for _, c := range []struct {
		ok   bool
		what i18n.Key
	}{{pt.ConsentLetters, "patient.consent.letters"}, {pt.ConsentSMS, "patient.consent.sms"}, {pt.ConsentEmail, "patient.consent.email"}} {
		if c.ok {
			consents = append(consents, l.T(c.what))
		}
	}
	consent := l.T("patient.consent.none")
	if len(consents) > 0 {
		consent = strings.Join(consents, ", ")
	}
	emergency := pt.EmergencyContact
	if pt.EmergencyPhone != "" {
		emergency = strings.TrimSpace(emergency + " · " + pt.EmergencyPhone)
	}
	payer := pt.PayerName
	if pt.PayerNumber != "" {
		payer = strings.TrimSpace(l.T("patient.payer_with_number", "Payer", pt.PayerName, "Number", pt.PayerNumber))
	}
	birth := ""
	if !pt.BirthDate.IsZero() {
		birth = l.Date(pt.BirthDate.Civil())
	}
	field := func(f, value string) Field { return Field{l.T(data.PatientLabel(f)), value} }
	return []Field{
		field(data.FieldFamilyName, pt.FamilyName),
		field(data.FieldGivenName, pt.GivenName),
		field(data.FieldPreferredName, pt.PreferredName),
		field(data.FieldSex, SexName(l, pt.Sex)),
		field(data.FieldGenderIdentity, pt.GenderIdentity),
		field(data.FieldBirthDate, birth),
		field(data.FieldPhone, pt.Phone),
		field(data.FieldPhone2, pt.Phone2),
		field(data.FieldEmail, pt.Email),
		field(data.FieldAddress, pt.Address),
		field(data.FieldEmergencyContact, emergency),
		field(data.FieldPayerName, payer),
		field(data.FieldReferringDoctor, pt.ReferringDoctor),
		field(data.FieldLanguage, pt.Language),
		field(data.FieldConsent, consent),
	}
}

// sexNames are the administrative sexes as heading words.
var sexNames = map[string]i18n.Key{
	data.SexFemale:  "patient.sex.female",
	data.SexMale:    "patient.sex.male",
	data.SexOther:   "patient.sex.other",
	data.SexUnknown: "patient.sex.unknown",
}

// SexName is the administrative sex as a heading word, in l's language.
func SexName(l *i18n.Localizer, s string) string {
	if k, ok := sexNames[s]; ok {
		return l.T(k)
	}
	return l.T(sexNames[data.SexUnknown])
}
