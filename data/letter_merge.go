package data

import (
	"context"
	"fmt"
	"strings"
	"time"

	"frontdesk/data/i18n"
)

// LetterDate writes a date as a letter does, in words and without the
// weekday: "25 November 2026", "25 novembre 2026", "25 de noviembre de 2026".
func LetterDate(l *i18n.Localizer, d Date) string {
	if d.IsZero() {
		return ""
	}
	args := []any{"Day", fmt.Sprint(d.Day), "Month", l.Month(d.Month), "Year", fmt.Sprint(d.Year)}
	if l.DateOrder() == string(MDY) {
		return l.T("letter.value.date_month_first", args...)
	}
	return l.T("letter.value.date", args...)
}

// MergeValuesFor reads the values of the merge fields a letter uses (and
// its signer's name), written in the letter's language. A value the
// practice does not have (no address, allergies never asked) is left
// empty, so that Merge names it as missing rather than print a gap. The
// patient's appointments and clinical lists are read only when the
// letter names them: a bulk run of recall letters reads neither.
func (s *Store) MergeValuesFor(ctx context.Context, lt Letter, pr Practice, now time.Time) (MergeValues, error) {
	used := map[string]bool{}
	for _, f := range FieldsUsed(lt.Subject + "\n" + lt.Recipient + "\n" + lt.Body) {
		used[f] = true
	}
	l := i18n.For(lt.Language).WithDateOrder(string(pr.DateFormat))
	pt, err := s.Patient(ctx, lt.PatientID)
	if err != nil {
		return nil, err
	}
	v := MergeValues{
		MergeFullName:      pt.FullName(),
		MergeSalutation:    salutation(l, pt),
		MergeAddress:       pt.Address,
		MergeBirthDate:     numericDate(l, pt.BirthDate),
		MergeChartNumber:   pt.ChartNumber,
		MergePractice:      pr.Name,
		MergePracticePhone: pr.Phone,
		MergeToday:         LetterDate(l, lt.Date),
		MergeReason:        lt.Reason,
	}
	if lt.PractitionerID != "" {
		p, err := s.Practitioner(ctx, lt.PractitionerID)
		if err != nil && ErrorCode(err) != ENotFound {
			return nil, err
		}
		v[MergePractitioner] = PractitionerSigner(p)
	}
	if used[MergeNextAppointment] {
		next, ok, err := s.NextAppointment(ctx, pt.ID, now)
		if err != nil {
			return nil, err
		}
		if ok {
			v[MergeNextAppointment] = l.T("letter.value.appointment", "Weekday", l.Weekday(next.Day.Weekday()),
				"Date", LetterDate(l, next.Day), "Time", next.Start.String(), "Practitioner", next.PractitionerName)
		}
	}
	if used[MergeLastVisit] {
		var last string
		err = s.r.QueryRowContext(ctx, `SELECT start_local FROM appointments WHERE patient_id = ? AND status = 'done'
			AND start_utc <= ? AND deleted = 0 ORDER BY start_utc DESC LIMIT 1`, pt.ID, now.Unix()).Scan(&last)
		if err != nil && !isNoRows(err) {
			return nil, sqlErr("reading the patient's last visit", err)
		}
		if day, _, err := parseLocalStamp(last); err == nil {
			v[MergeLastVisit] = LetterDate(l, day)
		}
	}
	if used[MergeAllergies] || used[MergeMedications] || used[MergeProblems] {
		if err := s.clinicalValues(ctx, l, pt.ID, DateOf(now.In(pr.Location())), v); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// clinicalValues fills the allergies, current medications and active
// problems. "None recorded" is a value; allergies never asked are not.
func (s *Store) clinicalValues(ctx context.Context, l *i18n.Localizer, patientID string, today Date, v MergeValues) error {
	allergies, err := s.Allergies(ctx, patientID)
	if err != nil {
		return err
	}
	switch state, list := AllergyState(allergies); state {
	case AllergiesNoneKnown:
		v[MergeAllergies] = l.T("letter.value.no_known_allergies")
	case AllergiesNotRecorded:
	default:
		parts := make([]string, len(list))
		for i, a := range list {
			parts[i] = a.Substance
			if a.Reaction != "" {
				parts[i] += " (" + a.Reaction + ")"
			}
		}
		v[MergeAllergies] = strings.Join(parts, ", ")
	}
	meds, err := s.Medications(ctx, patientID)
	if err != nil {
		return err
	}
	var current []string
	for _, m := range meds {
		if m.Current(today) {
			current = append(current, strings.TrimSpace(m.Name+" "+m.Dose))
		}
	}
	v[MergeMedications] = joinOrNone(l, current)
	problems, err := s.Problems(ctx, patientID)
	if err != nil {
		return err
	}
	var active []string
	for _, p := range problems {
		if p.Status == ProblemActive {
			active = append(active, p.Text)
		}
	}
	v[MergeProblems] = joinOrNone(l, active)
	return nil
}

func joinOrNone(l *i18n.Localizer, items []string) string {
	if len(items) == 0 {
		return l.T("letter.value.none_recorded")
	}
	return strings.Join(items, "; ")
}

// PractitionerSigner is a practitioner's name as a letter signs it: the
// title before the name, unless the name already starts with it.
func PractitionerSigner(p Practitioner) string {
	if p.Title == "" || strings.HasPrefix(p.DisplayName, p.Title+" ") {
		return p.DisplayName
	}
	return p.Title + " " + p.DisplayName
}

// Salutation greets the patient as a letter in l's language does.
func Salutation(l *i18n.Localizer, pt Patient) string { return salutation(l, pt) }

// salutation greets the patient as a letter in l's language does.
func salutation(l *i18n.Localizer, pt Patient) string {
	switch pt.Sex {
	case SexFemale:
		return l.T("letter.salutation.female", "Family", pt.FamilyName)
	case SexMale:
		return l.T("letter.salutation.male", "Family", pt.FamilyName)
	}
	return l.T("letter.salutation.other", "Name", pt.FullName())
}

// MergedLetter is a letter's text with every field replaced.
type MergedLetter struct {
	Subject, Recipient, Body string
	Missing                  []string // fields without a value, by name
}

// MergeLetter replaces the fields of a draft's subject, recipient and body.
func MergeLetter(lt Letter, v MergeValues) MergedLetter {
	var m MergedLetter
	var miss []string
	seen := map[string]bool{}
	collect := func(text string) string {
		out, missing := v.Merge(text)
		for _, f := range missing {
			if !seen[f] {
				seen[f] = true
				miss = append(miss, f)
			}
		}
		return out
	}
	m.Subject, m.Recipient, m.Body = collect(lt.Subject), collect(lt.Recipient), collect(lt.Body)
	m.Missing = miss
	return m
}

// numericDate writes a date in digits in the practice's order, "" for none.
func numericDate(l *i18n.Localizer, d Date) string {
	if d.IsZero() {
		return ""
	}
	return l.Date(d.Year, d.Month, d.Day)
}
