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
func patientFields(w words, pt data.Patient) []fileField {
	var fs []fileField
	for _, f := range reports.Demographics(pt, w.Localizer) {
		fs = append(fs, fileField{f.Label, orDash(f.Value)})
	}
	fs = append(fs, fileField{w.T(data.PatientLabel(data.FieldNotes)), orDash(clipNotes(w, pt.Notes))})
	if !pt.DeceasedDate.IsZero() {
		fs = append(fs, fileField{w.T(data.PatientLabel(data.FieldDeceasedDate)), w.Day(pt.DeceasedDate)})
	}
	return fs
}

// clipNotes keeps the Summary readable when the free notes are long
// (they may hold 20 000 characters): the start, and where the rest is.
func clipNotes(w words, s string) string {
	const keep = 400
	r := []rune(s)
	if len(r) <= keep {
		return s
	}
	return string(r[:keep]) + w.T("summary.notes_clipped")
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
	w := f.d.w
	t.demo = container.New(&formGrid{labelWidth: 132})
	t.next, t.allergies, t.problems, t.meds, t.vitals = container.NewVBox(), container.NewVBox(), container.NewVBox(), container.NewVBox(), container.NewVBox()
	t.recalls = container.NewVBox()
	t.addRecall = smallButton(w.T("summary.add_recall"), theme.ContentAddIcon(), func() {
		showRecallDialog(f, func(rf *recallForm) { t.recallForm = rf })
	})
	t.addAllergy = smallButton(w.T("summary.add_allergy"), theme.ContentAddIcon(), func() { showAllergyDialog(f) })
	t.noAllergy = smallButton(w.T("summary.no_known_allergies"), theme.ConfirmIcon(), func() {
		f.run(w.T("summary.done.no_allergies"), func(tx *data.Tx) error { return tx.RecordNoKnownAllergies(f.id) })
	})
	t.addProblem = smallButton(w.T("summary.add_problem"), theme.ContentAddIcon(), func() { showProblemDialog(f) })
	t.addMed = smallButton(w.T("summary.add_medication"), theme.ContentAddIcon(), func() { showMedicationDialog(f) })
	right := container.NewVBox(
		sectionHead(w.T("summary.section.next")), t.next,
		sectionHead(w.T("summary.section.recall"), t.addRecall), t.recalls,
		sectionHead(w.T("summary.section.allergies"), t.addAllergy, t.noAllergy), t.allergies,
		sectionHead(w.T("summary.section.problems"), t.addProblem), t.problems,
		sectionHead(w.T("summary.section.medications"), t.addMed), t.meds,
		sectionHead(w.T("summary.section.vitals")), t.vitals)
	left := container.NewVBox(sectionHead(w.T("summary.section.demographics")), t.demo)
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
	w, today, loc := f.d.w, f.d.today(), f.d.pr.Location()
	merged := pf.Patient.MergedInto != ""
	t.demo.Objects = nil
	for _, fl := range patientFields(w, pf.Patient) {
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
		t.next.Add(listLine(w.T("summary.next", "When", nextText(w, n.Day, n.Start, today), "Practitioner", n.PractitionerName)+
			prefixed(" · ", n.TypeName, "")+" · "+w.status(n.Status), widget.MediumImportance))
	} else {
		t.next.Add(quiet(w.T("summary.none_booked")))
	}
	t.next.Refresh()

	t.recalls.Objects = nil
	if len(pf.Recalls) == 0 {
		t.recalls.Add(quiet(w.T("summary.no_recalls")))
	}
	for _, r := range pf.Recalls {
		r := r
		imp := widget.MediumImportance
		if !r.Active {
			imp = widget.LowImportance
		}
		remove := smallButton(w.T("common.remove"), theme.DeleteIcon(), func() {
			f.d.confirm(w.T("summary.remove_recall.title"), w.T("summary.remove_recall.question", "Recall", recallText(w, r)),
				w.T("common.remove"), func() {
					f.run(w.T("summary.done.recall_removed"), func(tx *data.Tx) error { return tx.RemoveRecall(r.ID) })
				})
		})
		t.recalls.Add(listLine(recallText(w, r), imp, remove))
	}
	t.recalls.Refresh()

	t.allergies.Objects = nil
	state, real := data.AllergyState(pf.Allergies)
	switch state {
	case data.AllergiesNotRecorded:
		t.allergies.Add(listLine(w.T("summary.allergies_not_recorded"), widget.WarningImportance))
	case data.AllergiesNoneKnown:
		t.allergies.Add(listLine(w.T("summary.allergies_none_known"), widget.SuccessImportance))
	}
	for _, a := range real {
		a := a
		text := a.Substance + prefixed(" — ", a.Reaction, "") + " · " + w.severity(a.Severity) + " · " +
			w.T("summary.recorded_on", "Date", a.RecordedOn)
		t.allergies.Add(listLine(text, widget.DangerImportance, t.removeButton(w.T("summary.what.allergy", "Substance", a.Substance),
			func(tx *data.Tx) error { return tx.RemoveAllergy(a.ID) })))
	}
	t.allergies.Refresh()

	t.problems.Objects = nil
	if len(pf.Problems) == 0 {
		t.problems.Add(quiet(w.T("summary.none_recorded")))
	}
	for _, p := range pf.Problems {
		p := p
		text := p.Text
		if !p.Since.IsZero() {
			text += " · " + w.T("summary.since", "Date", p.Since)
		}
		imp := widget.MediumImportance
		toggle := smallButton(w.T("summary.mark_resolved"), theme.ConfirmIcon(), func() {
			f.run(w.T("summary.done.problem_resolved"), func(tx *data.Tx) error { return tx.SetProblemStatus(p.ID, data.ProblemResolved) })
		})
		if p.Status == data.ProblemResolved {
			text += " · " + w.T("summary.resolved_on", "Date", p.ResolvedOn)
			imp = widget.LowImportance
			toggle = smallButton(w.T("summary.mark_active"), theme.ViewRefreshIcon(), func() {
				f.run(w.T("summary.done.problem_active"), func(tx *data.Tx) error { return tx.SetProblemStatus(p.ID, data.ProblemActive) })
			})
		}
		t.problems.Add(listLine(text, imp, toggle, t.removeButton(w.T("summary.what.problem", "Problem", p.Text),
			func(tx *data.Tx) error { return tx.RemoveProblem(p.ID) })))
	}
	t.problems.Refresh()

	t.meds.Objects = nil
	if len(pf.Medications) == 0 {
		t.meds.Add(quiet(w.T("summary.none_recorded")))
	}
	for _, m := range pf.Medications {
		m := m
		text := m.Name + prefixed(" · ", m.Dose, "")
		if !m.From.IsZero() {
			text += " · " + w.T("summary.from", "Date", m.From)
		}
		imp := widget.MediumImportance
		var buttons []fyne.CanvasObject
		if m.Current(today) {
			buttons = append(buttons, smallButton(w.T("summary.stop"), theme.MediaStopIcon(), func() {
				f.run(w.T("summary.done.medication_stopped"), func(tx *data.Tx) error { return tx.StopMedication(m.ID, f.d.today()) })
			}))
		} else {
			text += " · " + w.T("summary.until", "Date", m.To)
			imp = widget.LowImportance
		}
		buttons = append(buttons, t.removeButton(w.T("summary.what.medication", "Medication", m.Name),
			func(tx *data.Tx) error { return tx.RemoveMedication(m.ID) }))
		t.meds.Add(listLine(text, imp, buttons...))
	}
	t.meds.Refresh()

	t.vitals.Objects = nil
	if len(pf.LatestVitals) == 0 {
		t.vitals.Add(quiet(w.T("summary.no_vitals")))
	}
	for _, v := range pf.LatestVitals {
		text := w.T("summary.vital", "Kind", w.vitalName(v.Kind), "Value", w.vital(v), "Date", data.DateOf(v.Taken.In(loc)))
		imp := widget.MediumImportance
		if v.Flag == data.VitalFlagUnusual {
			text += " · " + w.T("summary.unusual")
			imp = widget.WarningImportance
		}
		t.vitals.Add(listLine(text, imp))
	}
	if bmi, ok := data.BMI(pf.LatestVitals); ok {
		t.vitals.Add(listLine(w.T("summary.bmi", "Value", w.Decimal(int64(bmi), 1)+" kg/m²"), widget.MediumImportance))
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

// removeButton withdraws an entry made in error, after asking once;
// what names the entry ("the allergy to penicillin").
func (t *summaryTab) removeButton(what string, fn func(tx *data.Tx) error) fyne.CanvasObject {
	f, w := t.f, t.f.d.w
	return smallButton(w.T("common.remove"), theme.DeleteIcon(), func() {
		f.d.confirm(w.T("summary.remove.title", "What", what), w.T("summary.remove.question", "What", what),
			w.T("common.remove"), func() { f.run(w.T("summary.done.removed", "What", what), fn) })
	})
}
