package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// The patient file shows what the signed-in user's role allows
// (data/permission.go), and says what it leaves out: a secretary sees
// the demographics, allergies and appointments, not the clinical
// records, unless they break the glass; billing sees no allergies either.

// applyAccess fits the file's buttons and banner to the user's rights,
// once a summary is on show.
func (f *patientFile) applyAccess(pf data.PatientFile) {
	d := f.d
	merged := pf.Patient.MergedInto != ""
	enable := func(b *widget.Button, ok bool) {
		if ok && !merged {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(f.editBtn, d.can(data.RightPatientsWrite))
	enable(f.mergeBtn, d.can(data.RightPatientsWrite))
	enable(f.bookBtn, d.can(data.RightBook))
	if pf.Hidden.Allergies {
		f.banner.Hide()
	} else {
		f.banner.Show()
	}
	t := f.summary
	enable(t.addRecall, d.can(data.RightBook))
	for _, b := range []*widget.Button{t.addAllergy, t.addProblem, t.addMed} {
		enable(b, d.can(data.RightClinicalWrite))
	}
	if !d.can(data.RightClinicalWrite) {
		t.noAllergy.Disable()
	}
}

// hiddenLine is what a section of the Summary says in place of what the
// user may not see.
func hiddenLine(w words) fyne.CanvasObject {
	l := widget.NewLabel(w.T("patient_file.hidden"))
	l.Importance = widget.WarningImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// hideSections replaces the Summary's sections that the user may not see
// with a line that says so, and takes their buttons away.
func (t *summaryTab) hideSections(pf data.PatientFile) {
	w := t.f.d.w
	if pf.Hidden.Allergies {
		t.allergies.Objects = []fyne.CanvasObject{hiddenLine(w)}
		t.allergies.Refresh()
		t.addAllergy.Hide()
		t.noAllergy.Hide()
	} else {
		t.addAllergy.Show()
		t.noAllergy.Show()
	}
	for _, sec := range []struct {
		box *fyne.Container
		add *widget.Button
	}{{t.problems, t.addProblem}, {t.meds, t.addMed}, {t.vitals, nil}} {
		if !pf.Hidden.Clinical {
			if sec.add != nil {
				sec.add.Show()
			}
			continue
		}
		sec.box.Objects = []fyne.CanvasObject{hiddenLine(w)}
		sec.box.Refresh()
		if sec.add != nil {
			sec.add.Hide()
		}
	}
}

// glassPanel stands in a tab whose records the user may not see: it
// says so and lets them open the file after typing why ("break the
// glass"), which is audited and listed for the administrator.
type glassPanel struct {
	f       *patientFile
	reason  *deskEntry
	open    *widget.Button
	msg     *widget.Label
	content fyne.CanvasObject
}

func newGlassPanel(f *patientFile) *glassPanel {
	w := f.d.w
	g := &glassPanel{f: f}
	g.reason = newDeskEntry(f.d.focusSearch)
	g.reason.SetPlaceHolder(w.T("glass.placeholder"))
	g.reason.onSubmit = func() { g.breakGlass() }
	g.open = widget.NewButtonWithIcon(w.T("glass.open"), theme.VisibilityIcon(), func() { g.breakGlass() })
	g.open.Importance = widget.WarningImportance
	g.msg = widget.NewLabel("")
	g.msg.Wrapping = fyne.TextWrapWord
	g.msg.Hide()
	g.content = container.New(layout.NewCustomPaddedLayout(10, 10, 12, 12), container.NewVBox(
		subheading(w.T("glass.heading")),
		widget.NewLabel(hardWrap(w.T("glass.intro"), 100)),
		bold(w.T("glass.reason")),
		container.NewBorder(nil, nil, nil, g.open, g.reason),
		g.msg))
	return g
}

// breakGlass opens the clinical records of the file on show, in the
// background, then shows them.
func (g *glassPanel) breakGlass() <-chan struct{} {
	f := g.f
	id, reason, store := f.id, g.reason.Text, f.d.store
	if id == "" {
		return closed()
	}
	g.open.Disable()
	return backgroundThen(f.d.do, func() (struct{}, error) {
		return struct{}{}, store.BreakGlass(context.Background(), id, reason)
	}, func(_ struct{}, err error) <-chan struct{} {
		g.open.Enable()
		if err != nil {
			f.d.opts.logf("ui: breaking the glass: %v", err)
			setText(g.msg, f.d.w.Error(err), widget.DangerImportance)
			g.msg.Show()
			return nil
		}
		g.reason.SetText("")
		g.msg.Hide()
		f.d.say(f.d.w.T("glass.said", "Name", f.patient.FullName()))
		return f.reload()
	})
}

// guardTab shows tab i's records or, when the user may not see them,
// its glass panel; it reports whether the records may be loaded.
func (f *patientFile) guardTab(i int) bool {
	g, ok := f.glass[i]
	if !ok {
		return true
	}
	allowed := f.d.store.CanSeeClinical(f.id)
	if allowed {
		g.content.Hide()
		f.tabViews[i].Show()
	} else {
		f.tabViews[i].Hide()
		g.content.Show()
	}
	return allowed
}
