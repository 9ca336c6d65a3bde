package reports

import (
	"strings"

	"frontdesk/data"
)

// Field is one labelled line of a patient's demographics.
type Field struct{ Label, Value string }

// Demographics lists a patient's demographics as the patient file and the
// summary PDF show them, in the same order on screen and on paper. Values
// may be empty; each caller decides how to show "not recorded".
func Demographics(pt data.Patient, df data.DateFormat) []Field {
	var consents []string
	for _, c := range []struct {
		ok   bool
		what string
	}{{pt.ConsentLetters, "letters"}, {pt.ConsentSMS, "text messages"}, {pt.ConsentEmail, "email"}} {
		if c.ok {
			consents = append(consents, c.what)
		}
	}
	consent := "none recorded"
	if len(consents) > 0 {
		consent = strings.Join(consents, ", ")
	}
	emergency := pt.EmergencyContact
	if pt.EmergencyPhone != "" {
		emergency = strings.TrimSpace(emergency + " · " + pt.EmergencyPhone)
	}
	payer := pt.PayerName
	if pt.PayerNumber != "" {
		payer = strings.TrimSpace(payer + " · no. " + pt.PayerNumber)
	}
	return []Field{
		{"Family name", pt.FamilyName},
		{"Given name", pt.GivenName},
		{"Preferred name", pt.PreferredName},
		{"Sex", SexName(pt.Sex)},
		{"Gender identity", pt.GenderIdentity},
		{"Date of birth", df.Format(pt.BirthDate)},
		{"Phone", pt.Phone},
		{"Other phone", pt.Phone2},
		{"Email", pt.Email},
		{"Address", pt.Address},
		{"Emergency contact", emergency},
		{"Payer", payer},
		{"Referring doctor", pt.ReferringDoctor},
		{"Preferred language", pt.Language},
		{"Agreed to receive", consent},
	}
}

// SexName is the administrative sex as a heading word.
func SexName(s string) string {
	switch s {
	case data.SexFemale:
		return "Female"
	case data.SexMale:
		return "Male"
	case data.SexOther:
		return "Other"
	}
	return "Unknown"
}
