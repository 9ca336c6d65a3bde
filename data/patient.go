package data

import (
	"context"
	"database/sql"
	"strings"
)

// Administrative sex values.
const (
	SexFemale  = "female"
	SexMale    = "male"
	SexOther   = "other"
	SexUnknown = "unknown"
)

// Patient is a person the practice cares for.
type Patient struct {
	ID            string
	ChartNumber   string // A-000123, from the creating device's series
	FamilyName    string
	GivenName     string
	PreferredName string
	Sex           string
	BirthDate     Date
	Phone         string
	Email         string
	Address       string
	Notes         string
	DeceasedDate  Date
	MergedInto    string
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
// dates; the store passes the practice's today.
func (pt *Patient) Validate() error {
	return pt.validateOn(DateOf(nowFunc()))
}

func (pt *Patient) validateOn(today Date) error {
	var p Problems
	pt.FamilyName = CleanText(pt.FamilyName)
	pt.GivenName = CleanText(pt.GivenName)
	pt.PreferredName = CleanText(pt.PreferredName)
	pt.Phone = CleanText(pt.Phone)
	pt.Email = CleanText(pt.Email)
	pt.Address = CleanMultiline(pt.Address)
	pt.Notes = CleanMultiline(pt.Notes)
	checkRequired(&p, "Family name", pt.FamilyName, MaxName)
	checkLength(&p, "Given name", pt.GivenName, MaxName)
	checkLength(&p, "Preferred name", pt.PreferredName, MaxName)
	checkPhone(&p, "Phone", pt.Phone)
	checkEmail(&p, "Email", pt.Email)
	checkLength(&p, "Address", pt.Address, MaxAddress)
	checkLength(&p, "Notes", pt.Notes, MaxNote)
	if pt.Sex == "" {
		pt.Sex = SexUnknown
	}
	switch pt.Sex {
	case SexFemale, SexMale, SexOther, SexUnknown:
	default:
		p.Add("Sex: %q is not one of female, male, other or unknown.", clip(pt.Sex))
	}
	if !pt.BirthDate.IsZero() {
		if pt.BirthDate.After(today) {
			p.Add("Date of birth: %s is in the future.", pt.BirthDate)
		} else if pt.BirthDate.Year < today.Year-130 {
			p.Add("Date of birth: %s is more than 130 years ago.", pt.BirthDate)
		}
	}
	if !pt.DeceasedDate.IsZero() {
		if pt.DeceasedDate.After(today) {
			p.Add("Date of death: %s is in the future.", pt.DeceasedDate)
		} else if !pt.BirthDate.IsZero() && pt.DeceasedDate.Before(pt.BirthDate) {
			p.Add("Date of death: %s is before the date of birth.", pt.DeceasedDate)
		}
	}
	if pt.ChartNumber == "" {
		p.Add("Chart number is missing.")
	}
	return p.Err()
}

func (pt *Patient) row() row {
	var merged any
	if pt.MergedInto != "" {
		merged = pt.MergedInto
	}
	return row{"patients", &pt.ID,
		[]string{"chart_number", "family_name", "given_name", "preferred_name", "sex", "birth_date", "phone",
			"email", "address", "notes", "deceased_date", "merged_into", "name_key", "phone_digits"},
		[]any{pt.ChartNumber, pt.FamilyName, pt.GivenName, pt.PreferredName, pt.Sex, pt.BirthDate, pt.Phone,
			pt.Email, pt.Address, pt.Notes, pt.DeceasedDate, merged, patientNameKey(pt), Digits(pt.Phone)}}
}

// patientNameKey is the search form of the name: folded family name then
// given name, so a prefix of the family name finds the patient through
// the index.
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
		pt.ChartNumber = ChartNumber(tx.s.device.Series, n)
	}
	return tx.Save(pt)
}

const patientColumns = `id, chart_number, family_name, given_name, preferred_name, sex, birth_date, phone,
	email, address, notes, deceased_date, COALESCE(merged_into, '')`

func scanPatient(sc interface{ Scan(...any) error }) (Patient, error) {
	var p Patient
	err := sc.Scan(&p.ID, &p.ChartNumber, &p.FamilyName, &p.GivenName, &p.PreferredName, &p.Sex, &p.BirthDate,
		&p.Phone, &p.Email, &p.Address, &p.Notes, &p.DeceasedDate, &p.MergedInto)
	return p, err
}

// Patient returns one patient by ID. Reading the list is not audited;
// opening a file is, by the screen through AuditRead.
func (s *Store) Patient(ctx context.Context, id string) (Patient, error) {
	return loadPatient(ctx, s.r, id)
}

func loadPatient(ctx context.Context, q querier, id string) (Patient, error) {
	p, err := scanPatient(q.QueryRowContext(ctx, `SELECT `+patientColumns+` FROM patients WHERE id = ? AND deleted = 0`, id))
	if err == sql.ErrNoRows {
		return p, Errorf(ENotFound, "This patient no longer exists.")
	}
	return p, mapSQLError(err)
}

// PatientHit is one line of the search list.
type PatientHit struct {
	ID          string
	ChartNumber string
	FamilyName  string
	GivenName   string
	BirthDate   Date
	Phone       string
}

// SortName is "FAMILY, Given".
func (h PatientHit) SortName() string {
	if h.GivenName == "" {
		return h.FamilyName
	}
	return h.FamilyName + ", " + h.GivenName
}

// SearchPatients returns up to limit patients whose folded family name
// (then given name) starts with the folded query, in name order. Merged
// duplicates are left out.
func (s *Store) SearchPatients(ctx context.Context, query string, limit int) ([]PatientHit, error) {
	key := Fold(query)
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	rows, err := s.r.QueryContext(ctx, `SELECT id, chart_number, family_name, given_name, birth_date, phone
		FROM patients INDEXED BY patients_name_key
		WHERE name_key >= ? AND name_key < ? AND deleted = 0 AND merged_into IS NULL
		ORDER BY name_key LIMIT ?`, key, prefixEnd(key), limit)
	if err != nil {
		return nil, mapSQLError(err)
	}
	defer rows.Close()
	out := make([]PatientHit, 0, limit)
	for rows.Next() {
		var h PatientHit
		if err := rows.Scan(&h.ID, &h.ChartNumber, &h.FamilyName, &h.GivenName, &h.BirthDate, &h.Phone); err != nil {
			return nil, mapSQLError(err)
		}
		out = append(out, h)
	}
	return out, mapSQLError(rows.Err())
}

// prefixEnd returns the smallest string greater than every string that
// starts with prefix: the exclusive upper bound of a prefix range.
func prefixEnd(prefix string) string {
	return prefix + "\U0010FFFF"
}

// CountPatients counts the patients who are not merged duplicates.
func (s *Store) CountPatients(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM patients WHERE deleted = 0 AND merged_into IS NULL`).Scan(&n)
	return n, mapSQLError(err)
}
