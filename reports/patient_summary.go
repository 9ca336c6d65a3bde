package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// PatientSummary writes the summary of a patient's file: demographics,
// allergies (first, and in words, whatever their state), medications,
// problems, the latest vital signs and the next appointment. The caller
// audits the printing.
func PatientSummary(w io.Writer, pr data.Practice, f data.PatientFile, o Options) error {
	created := o.Created
	if created.IsZero() {
		created = time.Now()
	}
	loc := pr.Location()
	today := data.DateOf(created.In(loc))
	df := pr.DateFormat
	pt := f.Patient
	return build(w, "Patient summary — "+pt.FullName(), o, func(d *Doc) error {
		d.footer = fmt.Sprintf("Confidential · %s · %s (%s) · printed %s", pr.Name, pt.FullName(), pt.ChartNumber,
			df.Format(today)+" "+created.In(loc).Format("15:04"))
		sub := []string{"Chart " + pt.ChartNumber}
		if !pt.BirthDate.IsZero() {
			sub = append(sub, "born "+df.Format(pt.BirthDate)+ageSuffix(pt.BirthDate, today, pt.DeceasedDate))
		}
		sub = append(sub, sexLabel(pt.Sex))
		if !pt.DeceasedDate.IsZero() {
			sub = append(sub, "died "+df.Format(pt.DeceasedDate))
		}
		d.Title("Patient summary — "+strings.ToUpper(pt.FamilyName)+", "+pt.GivenName, strings.Join(sub, " · ")+" · "+pr.Name)

		d.Heading("Allergies", 12)
		state, allergies := data.AllergyState(f.Allergies)
		switch state {
		case data.AllergiesNotRecorded:
			d.Paragraph("Allergies not recorded: ask the patient.")
		case data.AllergiesNoneKnown:
			d.Paragraph("No known allergies.")
		default:
			rows := make([][]string, len(allergies))
			for i, a := range allergies {
				rows[i] = []string{a.Substance, a.Reaction, a.Severity, df.Format(a.RecordedOn)}
			}
			d.Table([]Column{{Title: "Substance", Width: 55}, {Title: "Reaction", Width: 70}, {Title: "Severity", Width: 25}, {Title: "Recorded"}}, rows)
		}

		d.Heading("Demographics", 20)
		var rows [][]string
		// The rest of the summary is not yet in the catalogue: its
		// demographics stay English with it.
		fields := append(Demographics(pt, i18n.For(i18n.English).WithDateOrder(string(df))), Field{"Date of death", df.Format(pt.DeceasedDate)})
		for _, fl := range fields {
			if strings.TrimSpace(fl.Value) != "" {
				rows = append(rows, []string{fl.Label, fl.Value})
			}
		}
		keyValues(d, rows)

		d.Heading("Problems", 12)
		if len(f.Problems) == 0 {
			d.Paragraph("None recorded.")
		} else {
			rows = rows[:0]
			for _, p := range f.Problems {
				status := p.Status
				if p.Status == data.ProblemResolved && !p.ResolvedOn.IsZero() {
					status = "resolved " + df.Format(p.ResolvedOn)
				}
				rows = append(rows, []string{p.Text, df.Format(p.Since), status})
			}
			d.Table([]Column{{Title: "Problem", Width: 100}, {Title: "Since", Width: 30}, {Title: "Status"}}, rows)
		}

		d.Heading("Medications", 12)
		if len(f.Medications) == 0 {
			d.Paragraph("None recorded.")
		} else {
			rows = rows[:0]
			for _, m := range f.Medications {
				to := df.Format(m.To)
				if m.Current(today) {
					to = "current"
				}
				rows = append(rows, []string{m.Name, m.Dose, df.Format(m.From), to})
			}
			d.Table([]Column{{Title: "Medication", Width: 55}, {Title: "Dose", Width: 65}, {Title: "From", Width: 30}, {Title: "To"}}, rows)
		}

		d.Heading("Latest vital signs", 12)
		if len(f.LatestVitals) == 0 {
			d.Paragraph("None recorded.")
		} else {
			rows = rows[:0]
			for _, v := range f.LatestVitals {
				k, _ := data.KindOf(v.Kind)
				flag := ""
				if v.Flag == data.VitalFlagUnusual {
					flag = "unusual"
				}
				t := v.Taken.In(loc)
				rows = append(rows, []string{i18n.EnglishText.T(k.Name), v.Text(), df.Format(data.DateOf(t)) + " " + t.Format("15:04"), flag})
			}
			if bmi, ok := data.BMI(f.LatestVitals); ok {
				rows = append(rows, []string{"BMI", data.FormatBMI(bmi), "from the latest weight and height", ""})
			}
			d.Table([]Column{{Title: "Sign", Width: 45}, {Title: "Reading", Width: 40}, {Title: "Taken", Width: 60}, {Title: "Flag"}}, rows)
		}

		d.Heading("Next appointment", 8)
		if f.HasNext {
			n := f.Next
			d.Paragraph(fmt.Sprintf("%s %s, %s–%s with %s%s", n.Day.Weekday(), df.Format(n.Day), n.Start, n.End,
				n.PractitionerName, prefixed(" · ", n.TypeName)))
		} else {
			d.Paragraph("None booked.")
		}
		// The free notes last: they can be long, and the clinical lists
		// above are what the summary is printed for.
		if pt.Notes != "" {
			d.Heading("Notes", 10)
			d.Paragraph(pt.Notes)
		}
		return nil
	})
}

// keyValues draws label–value lines: the label in grey, the value
// wrapped beside it, a new page between any two lines, so that even a
// value longer than a page (20 000 characters of notes) is printed whole.
func keyValues(d *Doc, rows [][]string) {
	const labelWidth = 42.0
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

func sexLabel(s string) string {
	switch s {
	case data.SexFemale:
		return "female"
	case data.SexMale:
		return "male"
	case data.SexOther:
		return "other"
	}
	return "sex unknown"
}

// ageSuffix is " (36 y)", or "" for the deceased and the unborn.
func ageSuffix(born, today, died data.Date) string {
	if !died.IsZero() || born.After(today) {
		return ""
	}
	return fmt.Sprintf(" (%d y)", born.AgeOn(today))
}

func prefixed(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}
