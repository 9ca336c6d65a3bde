package reports

import (
	"io"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// PatientSummary writes the summary of a patient's file: demographics,
// allergies (first, and in words, whatever their state), medications,
// problems, the latest vital signs and the next appointment, under the
// practice's letterhead. It is in the practice's document language,
// dates in its date order. The caller audits the printing.
func PatientSummary(w io.Writer, pr data.Practice, lh data.Letterhead, f data.PatientFile, o Options) error {
	created := o.Created
	if created.IsZero() {
		created = time.Now()
	}
	l := i18n.For(pr.DocumentLanguage).WithDateOrder(string(pr.DateFormat))
	loc := pr.Location()
	today := data.DateOf(created.In(loc))
	pt := f.Patient
	return build(w, l.T("summary_pdf.title", "Name", pt.FullName()), o, func(d *Doc) error {
		d.words = l
		d.Letterhead(lh)
		d.footer = l.T("summary_pdf.footer", "Practice", pr.Name, "Name", pt.FullName(), "Chart", pt.ChartNumber,
			"Date", today, "Time", created.In(loc).Format("15:04"))
		sub := []string{l.T("patient_file.chart", "Chart", pt.ChartNumber)}
		if !pt.BirthDate.IsZero() {
			if age := ageOf(l, pt.BirthDate, today, pt.DeceasedDate); age != "" {
				sub = append(sub, l.T("patient_file.born_age", "Date", pt.BirthDate, "Age", age))
			} else {
				sub = append(sub, l.T("patient_file.born", "Date", pt.BirthDate))
			}
		}
		sub = append(sub, l.T(sexWords(pt.Sex)))
		if !pt.DeceasedDate.IsZero() {
			sub = append(sub, l.T("patient_file.died", "Date", pt.DeceasedDate))
		}
		d.Title(l.T("summary_pdf.title", "Name", strings.ToUpper(pt.FamilyName)+", "+pt.GivenName), strings.Join(sub, " · ")+" · "+pr.Name)

		d.Heading(l.T("summary.section.allergies"), 12)
		state, allergies := data.AllergyState(f.Allergies)
		switch state {
		case data.AllergiesNotRecorded:
			d.Paragraph(l.T("summary_pdf.allergies_not_recorded"))
		case data.AllergiesNoneKnown:
			d.Paragraph(l.T("summary_pdf.no_known_allergies"))
		default:
			rows := make([][]string, len(allergies))
			for i, a := range allergies {
				rows[i] = []string{a.Substance, a.Reaction, l.T(data.SeverityName(a.Severity)), day(l, a.RecordedOn)}
			}
			d.Table([]Column{{Title: l.T("allergy.field.substance"), Width: 55}, {Title: l.T("allergy.field.reaction"), Width: 70},
				{Title: l.T("allergy.field.severity"), Width: 25}, {Title: l.T("summary_pdf.recorded")}}, rows)
		}

		d.Heading(l.T("summary.section.demographics"), 20)
		var rows [][]string
		fields := append(Demographics(pt, l), Field{l.T(data.PatientLabel(data.FieldDeceasedDate)), day(l, pt.DeceasedDate)})
		for _, fl := range fields {
			if strings.TrimSpace(fl.Value) != "" {
				rows = append(rows, []string{fl.Label, fl.Value})
			}
		}
		keyValues(d, rows)

		d.Heading(l.T("summary.section.problems"), 12)
		if len(f.Problems) == 0 {
			d.Paragraph(l.T("summary.none_recorded"))
		} else {
			rows = rows[:0]
			for _, p := range f.Problems {
				status := l.T("summary_pdf.problem.active")
				if p.Status == data.ProblemResolved {
					status = l.T("summary_pdf.problem.resolved")
					if !p.ResolvedOn.IsZero() {
						status = l.T("summary.resolved_on", "Date", p.ResolvedOn)
					}
				}
				rows = append(rows, []string{p.Text, day(l, p.Since), status})
			}
			d.Table([]Column{{Title: l.T("patient_problem.field.text"), Width: 100}, {Title: l.T("patient_problem.field.since"), Width: 30},
				{Title: l.T("summary_pdf.status")}}, rows)
		}

		d.Heading(l.T("summary.section.medications"), 12)
		if len(f.Medications) == 0 {
			d.Paragraph(l.T("summary.none_recorded"))
		} else {
			rows = rows[:0]
			for _, m := range f.Medications {
				to := day(l, m.To)
				if m.Current(today) {
					to = l.T("summary_pdf.current")
				}
				rows = append(rows, []string{m.Name, m.Dose, day(l, m.From), to})
			}
			d.Table([]Column{{Title: l.T("medication.field.name"), Width: 55}, {Title: l.T("medication.field.dose"), Width: 65},
				{Title: l.T("medication.field.from"), Width: 30}, {Title: l.T("medication.field.to")}}, rows)
		}

		d.Heading(l.T("summary.section.vitals"), 12)
		if len(f.LatestVitals) == 0 {
			d.Paragraph(l.T("summary.none_recorded"))
		} else {
			rows = rows[:0]
			for _, v := range f.LatestVitals {
				k, _ := data.KindOf(v.Kind)
				flag := ""
				if v.Flag == data.VitalFlagUnusual {
					flag = l.T("summary.unusual")
				}
				t := v.Taken.In(loc)
				rows = append(rows, []string{l.T(k.Name), reading(l, k, v), day(l, data.DateOf(t)) + " " + t.Format("15:04"), flag})
			}
			if bmi, ok := data.BMI(f.LatestVitals); ok {
				rows = append(rows, []string{l.T("summary_pdf.bmi"), l.Decimal(int64(bmi), 1) + " kg/m²", l.T("summary_pdf.bmi_from"), ""})
			}
			d.Table([]Column{{Title: l.T("summary_pdf.sign"), Width: 45}, {Title: l.T("summary_pdf.reading"), Width: 40},
				{Title: l.T("summary_pdf.taken"), Width: 60}, {Title: l.T("summary_pdf.flag")}}, rows)
		}

		d.Heading(l.T("summary.section.next"), 8)
		if f.HasNext {
			n := f.Next
			next := l.T("summary_pdf.next", "Date", l.LongDate(n.Day.Year, n.Day.Month, n.Day.Day), "Start", n.Start, "End", n.End,
				"Practitioner", n.PractitionerName)
			d.Paragraph(next + prefixed(" · ", n.TypeName))
		} else {
			d.Paragraph(l.T("summary.none_booked"))
		}
		// The free notes last: they can be long, and the clinical lists
		// above are what the summary is printed for.
		if pt.Notes != "" {
			d.Heading(l.T(data.PatientLabel(data.FieldNotes)), 10)
			d.Paragraph(pt.Notes)
		}
		return nil
	})
}

// keyValues draws label–value lines: the label in grey, the value
// wrapped beside it, a new page between any two lines, so that even a
// value longer than a page (20 000 characters of notes) is printed whole.
// The labels' column is as wide as the longest label ("Contacto de
// emergencia"), and at least 42 mm.
func keyValues(d *Doc, rows [][]string) {
	labelWidth := 42.0
	for _, r := range rows {
		labelWidth = max(labelWidth, d.width(r[0])+3)
	}
	valueWidth := d.pageWidth() - labelWidth
	for _, r := range rows {
		lines := d.wrap(r[1], valueWidth)
		if d.remaining() < lineHeight*float64(min(len(lines), 3))+1 {
			d.pdf.AddPage()
		}
		for i, line := range lines {
			if d.remaining() < lineHeight {
				d.pdf.AddPage()
			}
			y := d.pdf.GetY()
			if i == 0 {
				d.pdf.SetTextColor(90, 90, 90)
				d.pdf.CellFormat(labelWidth, lineHeight, d.text(r[0]), "", 0, "L", false, 0, "")
				d.pdf.SetTextColor(0, 0, 0)
			}
			d.pdf.SetXY(margin+labelWidth, y)
			d.pdf.CellFormat(valueWidth, lineHeight, d.text(line), "", 1, "L", false, 0, "")
		}
		d.pdf.Ln(0.8)
	}
	d.pdf.Ln(1)
}

// sexWords are the administrative sexes as the summary's heading line
// says them ("female", "sex unknown").
func sexWords(s string) i18n.Key {
	switch s {
	case data.SexFemale:
		return "summary_pdf.sex.female"
	case data.SexMale:
		return "summary_pdf.sex.male"
	case data.SexOther:
		return "summary_pdf.sex.other"
	}
	return "summary_pdf.sex.unknown"
}

// ageOf is "36 y" in l's words, or "" for the deceased and the unborn.
func ageOf(l *i18n.Localizer, born, today, died data.Date) string {
	if !died.IsZero() || born.After(today) {
		return ""
	}
	return l.N("patients.age.years", born.AgeOn(today))
}

// day writes a date in the document's date order, "" for no date.
func day(l *i18n.Localizer, d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return l.Date(d.Civil())
}

// reading writes a vital sign with the language's decimal separator:
// "64,5 kg", "128/82 mmHg".
func reading(l *i18n.Localizer, k data.VitalKind, v data.Vital) string {
	val := func(n int) string { d := k.Dec(n); return l.Decimal(d.Value, d.Digits) }
	s := val(v.Value)
	if k.Pair {
		s += "/" + val(v.Value2)
	}
	return s + " " + k.Unit
}

func prefixed(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}
