package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/reports"
)

// fileField is one line of the demographics on the Summary tab.
type fileField struct{ Label, Value string }

// patientFields lists the demographics the Summary shows, in order: the
// summary PDF's list, empty values as dashes, then the notes (clipped)
// and, for the deceased, the date of death.
func patientFields(pt data.Patient, df data.DateFormat) []fileField {
	var fs []fileField
	for _, f := range reports.Demographics(pt, df) {
		fs = append(fs, fileField{f.Label, orDash(f.Value)})
	}
	fs = append(fs, fileField{"Notes", orDash(clipNotes(pt.Notes))})
	if !pt.DeceasedDate.IsZero() {
		fs = append(fs, fileField{"Date of death", df.Format(pt.DeceasedDate)})
	}
	return fs
}

// clipNotes keeps the Summary readable when the free notes are long
// (they may hold 20 000 characters): the start, and where the rest is.
func clipNotes(s string) string {
	const keep = 400
	r := []rune(s)
	if len(r) <= keep {
		return s
	}
	return string(r[:keep]) + "… (the whole text is in Edit)"
}

// summaryTab shows the demographics on the left; the next appointment,
// allergies, problems, medications and the latest vital signs on the
// right, each list with its actions.
type summaryTab struct {
	f                                                    *patientFile
	demo                                                 *fyne.Container
	next, recalls, allergies, problems, meds, vitals     *fyne.Container
	addRecall, addAllergy, noAllergy, addProblem, addMed *widget.Button
	content                                              fyne.CanvasObject
	// recallForm is the recall dialog opened last (tests).
	recallForm *recallForm
}

func newSummaryTab(f *patientFile) *summaryTab {
	t := &summaryTab{f: f}
	t.demo = container.New(&formGrid{labelWidth: 132})
	t.next, t.allergies, t.problems, t.meds, t.vitals = container.NewVBox(), container.NewVBox(), container.NewVBox(), container.NewVBox(), container.NewVBox()
	t.recalls = container.NewVBox()
	t.addRecall = smallButton("Add recall", theme.ContentAddIcon(), func() {
		showRecallDialog(f, func(rf *recallForm) { t.recallForm = rf })
	})
	t.addAllergy = smallButton("Add allergy", theme.ContentAddIcon(), func() { showAllergyDialog(f) })
	t.noAllergy = smallButton("No known allergies", theme.ConfirmIcon(), func() {
		f.run("No known allergies recorded", func(tx *data.Tx) error { return tx.RecordNoKnownAllergies(f.id) })
	})
	t.addProblem = smallButton("Add problem", theme.ContentAddIcon(), func() { showProblemDialog(f) })
	t.addMed = smallButton("Add medication", theme.ContentAddIcon(), func() { showMedicationDialog(f) })
	right := container.NewVBox(
		sectionHead("Next appointment"), t.next,
		sectionHead("Recall", t.addRecall), t.recalls,
		sectionHead("Allergies", t.addAllergy, t.noAllergy), t.allergies,
		sectionHead("Problems", t.addProblem), t.problems,
		sectionHead("Medications", t.addMed), t.meds,
		sectionHead("Latest vital signs"), t.vitals)
	left := container.NewVBox(sectionHead("Demographics"), t.demo)
	t.content = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(4, 10, 10, 10),
		container.New(&splitColumns{left: 0.46, gap: 24}, left, right)))
	return t
}

func (t *summaryTab) view() fyne.CanvasObject { return t.content }

// sectionHead is a part's title with its buttons on the right.
func sectionHead(title string, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	h := bold(title)
	h.SizeName = theme.SizeNameSubHeadingText
	return container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), h)
}

// smallButton is a quiet button with an icon, for actions in a list.
func smallButton(label string, icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, tapped)
	b.Importance = widget.LowImportance
	return b
}

// listLine is one entry of a clinical list: its text (coloured by imp,
// which is never the only sign) and its buttons.
func listLine(text string, imp widget.Importance, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Importance = imp
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), l)
}

func (t *summaryTab) apply(pf data.PatientFile) {
	f := t.f
	df, today, loc := f.d.pr.DateFormat, f.d.today(), f.d.pr.Location()
	merged := pf.Patient.MergedInto != ""
	t.demo.Objects = nil
	for _, fl := range patientFields(pf.Patient, df) {
		v := widget.NewLabel(hardWrap(fl.Value, 60))
		if fl.Value == "—" {
			v.Importance = widget.LowImportance
		}
		t.demo.Add(quiet(fl.Label))
		t.demo.Add(v)
	}
	t.demo.Refresh()

	t.next.Objects = nil
	if pf.HasNext {
		n := pf.Next
		t.next.Add(listLine(nextText(n.Day, n.Start, df, today)+" with "+n.PractitionerName+prefixed(" · ", n.TypeName, "")+
			" · "+data.StatusLabel(n.Status), widget.MediumImportance))
	} else {
		t.next.Add(quiet("None booked."))
	}
	t.next.Refresh()

	t.recalls.Objects = nil
	if len(pf.Recalls) == 0 {
		t.recalls.Add(quiet("None of the patient's own; the recall intervals of the appointment types apply."))
	}
	for _, r := range pf.Recalls {
		r := r
		imp := widget.MediumImportance
		if !r.Active {
			imp = widget.LowImportance
		}
		remove := smallButton("Remove", theme.DeleteIcon(), func() {
			confirmAction(f.d, "Remove the recall?", "Remove the recall “"+recallText(r)+"”? The patient is no longer put on the recall list "+
				"for it; the intervals of the appointment types still apply. The removal is recorded in the audit log.",
				"Remove", func() { f.run("Recall removed", func(tx *data.Tx) error { return tx.RemoveRecall(r.ID) }) })
		})
		t.recalls.Add(listLine(recallText(r), imp, remove))
	}
	t.recalls.Refresh()

	t.allergies.Objects = nil
	state, real := data.AllergyState(pf.Allergies)
	switch state {
	case data.AllergiesNotRecorded:
		t.allergies.Add(listLine("Not recorded: ask the patient, then add each allergy or record “no known allergies”.", widget.WarningImportance))
	case data.AllergiesNoneKnown:
		t.allergies.Add(listLine("No known allergies (recorded).", widget.SuccessImportance))
	}
	for _, a := range real {
		a := a
		severity := a.Severity
		if severity == data.SeverityUnknown {
			severity = "severity unknown"
		}
		text := a.Substance + prefixed(" — ", a.Reaction, "") + " · " + severity + " · recorded " + df.Format(a.RecordedOn)
		t.allergies.Add(listLine(text, widget.DangerImportance, t.removeButton("the allergy to "+a.Substance,
			func(tx *data.Tx) error { return tx.RemoveAllergy(a.ID) })))
	}
	t.allergies.Refresh()

	t.problems.Objects = nil
	if len(pf.Problems) == 0 {
		t.problems.Add(quiet("None recorded."))
	}
	for _, p := range pf.Problems {
		p := p
		text := p.Text + prefixed(" · since ", df.Format(p.Since), "")
		imp := widget.MediumImportance
		toggle := smallButton("Mark resolved", theme.ConfirmIcon(), func() {
			f.run("Problem marked resolved", func(tx *data.Tx) error { return tx.SetProblemStatus(p.ID, data.ProblemResolved) })
		})
		if p.Status == data.ProblemResolved {
			text += " · resolved " + df.Format(p.ResolvedOn)
			imp = widget.LowImportance
			toggle = smallButton("Mark active", theme.ViewRefreshIcon(), func() {
				f.run("Problem marked active", func(tx *data.Tx) error { return tx.SetProblemStatus(p.ID, data.ProblemActive) })
			})
		}
		t.problems.Add(listLine(text, imp, toggle, t.removeButton("the problem “"+p.Text+"”", func(tx *data.Tx) error { return tx.RemoveProblem(p.ID) })))
	}
	t.problems.Refresh()

	t.meds.Objects = nil
	if len(pf.Medications) == 0 {
		t.meds.Add(quiet("None recorded."))
	}
	for _, m := range pf.Medications {
		m := m
		text := m.Name + prefixed(" · ", m.Dose, "") + prefixed(" · from ", df.Format(m.From), "")
		imp := widget.MediumImportance
		var buttons []fyne.CanvasObject
		if m.Current(today) {
			buttons = append(buttons, smallButton("Stop", theme.MediaStopIcon(), func() {
				f.run("Medication stopped", func(tx *data.Tx) error { return tx.StopMedication(m.ID, f.d.today()) })
			}))
		} else {
			text += " · until " + df.Format(m.To)
			imp = widget.LowImportance
		}
		buttons = append(buttons, t.removeButton("the medication "+m.Name, func(tx *data.Tx) error { return tx.RemoveMedication(m.ID) }))
		t.meds.Add(listLine(text, imp, buttons...))
	}
	t.meds.Refresh()

	t.vitals.Objects = nil
	if len(pf.LatestVitals) == 0 {
		t.vitals.Add(quiet("None recorded. Record them on the Clinical tab."))
	}
	for _, v := range pf.LatestVitals {
		k, _ := data.KindOf(v.Kind)
		taken := v.Taken.In(loc)
		text := k.Label + ": " + v.Text() + " · " + df.Format(data.DateOf(taken))
		imp := widget.MediumImportance
		if v.Flag == data.VitalFlagUnusual {
			text += " · unusual"
			imp = widget.WarningImportance
		}
		t.vitals.Add(listLine(text, imp))
	}
	if bmi, ok := data.BMI(pf.LatestVitals); ok {
		t.vitals.Add(listLine("BMI: "+data.FormatBMI(bmi)+" (from the latest weight and height)", widget.MediumImportance))
	}
	t.vitals.Refresh()

	for _, b := range []*widget.Button{t.addRecall, t.addAllergy, t.noAllergy, t.addProblem, t.addMed} {
		if merged {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if state != data.AllergiesNotRecorded {
		t.noAllergy.Disable()
	}
}

// removeButton withdraws an entry made in error, after asking once.
func (t *summaryTab) removeButton(what string, fn func(tx *data.Tx) error) fyne.CanvasObject {
	f := t.f
	return smallButton("Remove", theme.DeleteIcon(), func() {
		confirmAction(f.d, "Remove "+what+"?",
			"Remove "+what+" from the file because it was entered in error? The removal is recorded in the audit log.",
			"Remove", func() { f.run("Removed "+what, fn) })
	})
}
