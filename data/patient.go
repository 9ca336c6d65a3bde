package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode"

	"frontdesk/data/i18n"
)

// Administrative sex values.
const (
	SexFemale  = "female"
	SexMale    = "male"
	SexOther   = "other"
	SexUnknown = "unknown"
)

// Sexes lists the administrative sex values in the order forms offer them.
var Sexes = []string{SexFemale, SexMale, SexOther, SexUnknown}

// Patient is a person the practice cares for.
type Patient struct {
	ID            string
	ChartNumber   string // A-000123, from the creating device's series
	FamilyName    string
	GivenName     string
	PreferredName string
	Sex           string // administrative sex: one of Sexes
	// GenderIdentity is free text, as the patient puts it.
	GenderIdentity   string
	BirthDate        Date
	Phone            string
	Phone2           string // a second number: work, a relative's landline
	Email            string
	Address          string
	EmergencyContact string // who to call, and how they are related
	EmergencyPhone   string
	PayerName        string // insurer or paying body
	PayerNumber      string // the patient's number with that payer
	ReferringDoctor  string
	ConsentLetters   bool // agreed to receive letters
	ConsentSMS       bool // agreed to receive text messages (reminders)
	ConsentEmail     bool // agreed to receive emails
	Language         string
	Notes            string
	DeceasedDate     Date
	MergedInto       string
}

// FullName is "Given Family" as letters and lists print it.
func (pt *Patient) FullName() string {
	return strings.TrimSpace(pt.GivenName + " " + pt.FamilyName)
}

// SortName is "FAMILY, Given" as the search list shows it.
func (pt *Patient) SortName() string {
	if pt.GivenName == "" {
		return pt.FamilyName
	}
	return pt.FamilyName + ", " + pt.GivenName
}

// Validate cleans the text and checks every field. today bounds the
// dates; the store passes the practice's today. Dates in its messages are
// written in ISO 8601.
func (pt *Patient) Validate() error {
	return pt.ValidateAs(YMD)
}

// ValidateAs is Validate with the dates of its messages written in df,
// the order in which the person typed them.
func (pt *Patient) ValidateAs(df DateFormat) error {
	return pt.validateOn(DateOf(Now()), df)
}

// Fields are the stable names of a record's fields: a problem says which
// field it is about by them, and forms put it under that field. They are
// never shown; a field's words are its label in the catalogue.
const (
	FieldFamilyName       = "family_name"
	FieldGivenName        = "given_name"
	FieldPreferredName    = "preferred_name"
	FieldSex              = "sex"
	FieldGenderIdentity   = "gender_identity"
	FieldBirthDate        = "birth_date"
	FieldPhone            = "phone"
	FieldPhone2           = "phone2"
	FieldEmail            = "email"
	FieldAddress          = "address"
	FieldEmergencyContact = "emergency_contact"
	FieldEmergencyPhone   = "emergency_phone"
	FieldPayerName        = "payer_name"
	FieldPayerNumber      = "payer_number"
	FieldReferringDoctor  = "referring_doctor"
	FieldLanguage         = "language"
	FieldNotes            = "notes"
	FieldDeceasedDate     = "deceased_date"
	FieldChartNumber      = "chart_number"
	FieldConsent          = "consent"
)

// patientLabels are the names of a patient's fields, as the demographics
// form, the patient file and the problems call them.
var patientLabels = map[string]i18n.Key{
	FieldFamilyName:       "patient.field.family_name",
	FieldGivenName:        "patient.field.given_name",
	FieldPreferredName:    "patient.field.preferred_name",
	FieldSex:              "patient.field.sex",
	FieldGenderIdentity:   "patient.field.gender_identity",
	FieldBirthDate:        "patient.field.birth_date",
	FieldPhone:            "patient.field.phone",
	FieldPhone2:           "patient.field.phone2",
	FieldEmail:            "patient.field.email",
	FieldAddress:          "patient.field.address",
	FieldEmergencyContact: "patient.field.emergency_contact",
	FieldEmergencyPhone:   "patient.field.emergency_phone",
	FieldPayerName:        "patient.field.payer_name",
	FieldPayerNumber:      "patient.field.payer_number",
	FieldReferringDoctor:  "patient.field.referring_doctor",
	FieldLanguage:         "patient.field.language",
	FieldNotes:            "patient.field.notes",
	FieldDeceasedDate:     "patient.field.deceased_date",
	FieldChartNumber:      "patient.field.chart_number",
	FieldConsent:          "patient.field.consent",
	FieldConsentLetters:   "patient.field.consent_letters",
	FieldConsentSMS:       "patient.field.consent_sms",
	FieldConsentEmail:     "patient.field.consent_email",
}

// PatientLabel is the catalogue's name of a patient's field.
func PatientLabel(field string) i18n.Key { return patientLabels[field] }

func (pt *Patient) validateOn(today Date, df DateFormat) error {
	var p Problems
	pt.FamilyName = CleanText(pt.FamilyName)
	pt.GivenName = CleanText(pt.GivenName)
	pt.PreferredName = CleanText(pt.PreferredName)
	pt.GenderIdentity = CleanText(pt.GenderIdentity)
	pt.Phone = CleanText(pt.Phone)
	pt.Phone2 = CleanText(pt.Phone2)
	pt.Email = CleanText(pt.Email)
	pt.Address = CleanMultiline(pt.Address)
	pt.EmergencyContact = CleanText(pt.EmergencyContact)
	pt.EmergencyPhone = CleanText(pt.EmergencyPhone)
	pt.PayerName = CleanText(pt.PayerName)
	pt.PayerNumber = CleanText(pt.PayerNumber)
	pt.ReferringDoctor = CleanText(pt.ReferringDoctor)
	pt.Language = CleanText(pt.Language)
	pt.Notes = CleanMultiline(pt.Notes)
	l := PatientLabel
	p.required(FieldFamilyName, l(FieldFamilyName), pt.FamilyName, MaxName)
	if pt.FamilyName != "" && !hasLetter(pt.FamilyName) {
		// A name of digits or emoji only is a slip, and nobody could find
		// the patient by it.
		p.Report(FieldFamilyName, "patient.problem.no_letters", "Field", l(FieldFamilyName), "Text", clip(pt.FamilyName))
	}
	p.length(FieldGivenName, l(FieldGivenName), pt.GivenName, MaxName)
	p.length(FieldPreferredName, l(FieldPreferredName), pt.PreferredName, MaxName)
	p.length(FieldGenderIdentity, l(FieldGenderIdentity), pt.GenderIdentity, MaxName)
	p.phone(FieldPhone, l(FieldPhone), pt.Phone)
	p.phone(FieldPhone2, l(FieldPhone2), pt.Phone2)
	p.email(FieldEmail, l(FieldEmail), pt.Email)
	p.length(FieldAddress, l(FieldAddress), pt.Address, MaxAddress)
	p.length(FieldEmergencyContact, l(FieldEmergencyContact), pt.EmergencyContact, MaxShort)
	p.phone(FieldEmergencyPhone, l(FieldEmergencyPhone), pt.EmergencyPhone)
	p.length(FieldPayerName, l(FieldPayerName), pt.PayerName, MaxShort)
	p.length(FieldPayerNumber, l(FieldPayerNumber), pt.PayerNumber, 60)
	p.length(FieldReferringDoctor, l(FieldReferringDoctor), pt.ReferringDoctor, MaxShort)
	p.length(FieldLanguage, l(FieldLanguage), pt.Language, 60)
	p.length(FieldNotes, l(FieldNotes), pt.Notes, MaxNote)
	if pt.Sex == "" {
		pt.Sex = SexUnknown
	}
	switch pt.Sex {
	case SexFemale, SexMale, SexOther, SexUnknown:
	default:
		p.Report(FieldSex, "patient.problem.sex", "Field", l(FieldSex), "Text", clip(pt.Sex))
	}
	if !pt.BirthDate.IsZero() {
		if pt.BirthDate.After(today) {
			p.Report(FieldBirthDate, "problem.date.future", "Field", l(FieldBirthDate), "Date", pt.BirthDate)
		} else if pt.BirthDate.Year < today.Year-130 {
			p.Report(FieldBirthDate, "patient.problem.birth_too_early", "Field", l(FieldBirthDate), "Date", pt.BirthDate)
		}
	}
	if !pt.DeceasedDate.IsZero() {
		if pt.DeceasedDate.After(today) {
			p.Report(FieldDeceasedDate, "problem.date.future", "Field", l(FieldDeceasedDate), "Date", pt.DeceasedDate)
		} else if !pt.BirthDate.IsZero() && pt.DeceasedDate.Before(pt.BirthDate) {
			p.Report(FieldDeceasedDate, "patient.problem.death_before_birth", "Field", l(FieldDeceasedDate), "Date", pt.DeceasedDate)
		}
	}
	if pt.ChartNumber == "" {
		p.Report(FieldChartNumber, "problem.missing", "Field", l(FieldChartNumber))
	}
	return p.errAs(df)
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func (pt *Patient) row() row {
	var merged any
	if pt.MergedInto != "" {
		merged = pt.MergedInto
	}
	return row{"patients", &pt.ID,
		[]string{"chart_number", "family_name", "given_name", "preferred_name", "sex", "gender_identity", "birth_date",
			"phone", "phone2", "email", "address", "emergency_contact", "emergency_phone", "payer_name", "payer_number",
			"referring_doctor", "consent_letters", "consent_sms", "consent_email", "language", "notes", "deceased_date",
			"merged_into", "name_key", "phone_digits", "family_key", "search_tokens"},
		[]any{pt.ChartNumber, pt.FamilyName, pt.GivenName, pt.PreferredName, pt.Sex, pt.GenderIdentity, pt.BirthDate,
			pt.Phone, pt.Phone2, pt.Email, pt.Address, pt.EmergencyContact, pt.EmergencyPhone, pt.PayerName, pt.PayerNumber,
			pt.ReferringDoctor, pt.ConsentLetters, pt.ConsentSMS, pt.ConsentEmail, pt.Language, pt.Notes, pt.DeceasedDate,
			merged, patientNameKey(pt), Digits(pt.Phone), Fold(pt.FamilyName),
			searchTokensJSON(pt.FamilyName, pt.GivenName, pt.Phone, pt.Phone2)}}
}

// patientNameKey is the search form of the name: folded family name then
// given name, so a prefix of the family name finds the patient through
// the index, in name order.
func patientNameKey(pt *Patient) string {
	return Fold(pt.FamilyName + " " + pt.GivenName)
}

// CreatePatient gives the patient the next chart number of this device
// and saves it.
func (tx *Tx) CreatePatient(pt *Patient) error {
	if pt.ChartNumber == "" {
		n, err := tx.NextNumber("chart")
		if err != nil {
			return err
		}
		pt.ChartNumber = ChartNumber(tx.s.device().Series, n)
	}
	return tx.Save(pt)
}

const patientColumns = `id, chart_number, family_name, given_name, preferred_name, sex, gender_identity, birth_date,
	phone, phone2, email, address, emergency_contact, emergency_phone, payer_name, payer_number, referring_doctor,
	consent_letters, consent_sms, consent_email, language, notes, deceased_date, COALESCE(merged_into, '')`

func scanPatient(sc interface{ Scan(...any) error }) (Patient, error) {
	var p Patient
	err := sc.Scan(&p.ID, &p.ChartNumber, &p.FamilyName, &p.GivenName, &p.PreferredName, &p.Sex, &p.GenderIdentity,
		&p.BirthDate, &p.Phone, &p.Phone2, &p.Email, &p.Address, &p.EmergencyContact, &p.EmergencyPhone,
		&p.PayerName, &p.PayerNumber, &p.ReferringDoctor, &p.ConsentLetters, &p.ConsentSMS, &p.ConsentEmail,
		&p.Language, &p.Notes, &p.DeceasedDate, &p.MergedInto)
	return p, err
}

// Patient returns one patient by ID. Reading the list is not audited;
// opening a file is, by the screen through AuditRead.
func (s *Store) Patient(ctx context.Context, id string) (Patient, error) {
	if err := s.require(RightPatientsRead); err != nil {
		return Patient{}, err
	}
	return loadPatient(ctx, cached{s}, id)
}

func loadPatient(ctx context.Context, q querier, id string) (Patient, error) {
	p, err := scanPatient(q.QueryRowContext(ctx, `SELECT `+patientColumns+` FROM patients WHERE id = ? AND deleted = 0`, id))
	if err == sql.ErrNoRows {
		return p, NewError(ENotFound, "patient.error.gone")
	}
	return p, sqlErr("reading a patient", err)
}

// PatientByChart returns the patient with a chart number ("A-000123").
func (s *Store) PatientByChart(ctx context.Context, chart string) (Patient, error) {
	p, err := scanPatient(cached{s}.QueryRowContext(ctx, `SELECT `+patientColumns+` FROM patients WHERE chart_number = ? AND deleted = 0`,
		strings.ToUpper(strings.TrimSpace(chart))))
	if err == sql.ErrNoRows {
		return p, NewError(ENotFound, "patient.error.no_chart", "Chart", clip(chart))
	}
	return p, sqlErr("finding a patient by chart number", err)
}

// PossibleDuplicates returns the patients (not merged away) who have the
// same folded family and given names and the same date of birth as pt,
// other than pt itself: the warning shown before a new file is created.
func (s *Store) PossibleDuplicates(ctx context.Context, pt Patient) ([]PatientHit, error) {
	if pt.BirthDate.IsZero() || Fold(pt.FamilyName) == "" {
		return nil, nil
	}
	return scanHits(ctx, cached{s}, `SELECT `+hitColumns+` FROM patients p
		WHERE p.birth_date = ? AND p.name_key = ? AND p.id <> ? AND p.deleted = 0 AND p.merged_into IS NULL
		ORDER BY p.chart_number LIMIT 20`, Now().Unix(), pt.BirthDate, patientNameKey(&pt), pt.ID)
}

// CountPatients counts the patients who are not merged duplicates.
func (s *Store) CountPatients(ctx context.Context) (int, error) {
	var n int
	err := cached{s}.QueryRowContext(ctx, `SELECT COUNT(*) FROM patients WHERE deleted = 0 AND merged_into IS NULL`).Scan(&n)
	return n, sqlErr("counting patients", err)
}

// patientFamily is a recursive query of a patient and every patient
// merged into it (directly or through another merge): rows of a merged
// duplicate that were not moved, its clinical notes above all, are shown
// under the survivor through this link. Use it as
// "WITH RECURSIVE "+patientFamily+" SELECT … WHERE patient_id IN (SELECT id FROM fam)"
// with the patient's ID as the first argument.
const patientFamily = `fam(id) AS (SELECT ? UNION SELECT p.id FROM patients p JOIN fam ON p.merged_into = fam.id)`
