package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// mergeDialog finds the duplicate of the open file and merges it into
// the open file (the survivor), after saying what will happen.
type mergeDialog struct {
	f      *patientFile
	m      *modal
	search *deskEntry
	hits   []data.PatientHit
	list   *widget.List
	chosen data.PatientHit
	what   *widget.Label
	merge  *widget.Button
	finds  *loader[string, []data.PatientHit]
	// searched is closed when the latest search is on the list (tests).
	searched <-chan struct{}
	// merged is closed once a merge is done and the file shows it.
	merged chan struct{}
}

// startMerge opens the merge dialog, its search filled with the open
// patient's family name: a duplicate usually shares it.
func (f *patientFile) startMerge() *mergeDialog {
	if f.id == "" || f.patient.MergedInto != "" {
		return nil
	}
	w := f.d.w
	md := &mergeDialog{f: f, searched: make(chan struct{}), merged: make(chan struct{})}
	md.finds = newLoader[string, []data.PatientHit](f.d, func() string { return md.search.Text })
	md.finds.failed = func(err error) { md.what.SetText(w.Error(err)) }
	md.search = newDeskEntry(f.d.focusSearch)
	md.search.SetPlaceHolder(w.T("merge_form.placeholder"))
	md.search.OnChanged = func(string) { md.find() }
	md.search.onEscape = func() { md.m.close() }
	md.list = widget.NewList(
		func() int { return len(md.hits) },
		func() fyne.CanvasObject { return truncated("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(md.hitText(md.hits[id])) })
	md.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(md.hits) {
			md.choose(md.hits[id])
		}
	}
	md.what = widget.NewLabel(w.T("merge_form.choose"))
	md.what.Wrapping = fyne.TextWrapWord
	cancel := button(w.T("common.cancel"), false, func() { md.m.close() })
	md.merge = button(w.T("merge_form.merge"), true, func() { md.doMerge() })
	md.merge.Disable()
	intro := widget.NewLabel(hardWrap(w.T("merge_form.intro", "Name", listName(f.patient.FamilyName, f.patient.GivenName),
		"Chart", f.patient.ChartNumber), 92))
	body := container.New(&fixedWidth{w: 700}, container.NewBorder(container.NewVBox(intro, md.search), md.what, nil, nil,
		container.New(&fixedHeight{h: 180}, md.list)))
	md.m = showModal(f.d.win.Canvas(), w.T("merge_form.title"), body, cancel, md.merge)
	md.search.SetText(f.patient.FamilyName) // runs the first search
	f.d.win.Canvas().Focus(md.search)
	return md
}

func (md *mergeDialog) hitText(h data.PatientHit) string {
	return listName(h.FamilyName, h.GivenName) + " · " + orDash(md.f.d.w.Day(h.BirthDate)) + " · " + h.ChartNumber + prefixed(" · ", h.Phone, "")
}

// find searches as the duplicate's name is typed.
func (md *mergeDialog) find() {
	q, store, self := md.search.Text, md.f.d.store, md.f.id
	md.searched = md.finds.load(q, func(ctx context.Context) ([]data.PatientHit, error) {
		return store.SearchPatients(ctx, q, 30)
	}, func(hits []data.PatientHit) {
		md.hits = md.hits[:0]
		for _, h := range hits {
			if h.ID != self {
				md.hits = append(md.hits, h)
			}
		}
		md.list.UnselectAll()
		md.list.Refresh()
		md.choose(data.PatientHit{})
	})
}

// choose says what merging the chosen patient will do.
func (md *mergeDialog) choose(h data.PatientHit) {
	w := md.f.d.w
	md.chosen = h
	if h.ID == "" {
		md.what.SetText(w.T("merge_form.choose"))
		md.merge.Disable()
		return
	}
	p := md.f.patient
	births := !h.BirthDate.IsZero() && !p.BirthDate.IsZero() && h.BirthDate != p.BirthDate
	names := data.Fold(h.FamilyName) != data.Fold(p.FamilyName)
	text := w.T("merge_form.what", "Patient", md.hitText(h))
	switch {
	case births && names:
		text = w.T("merge_form.check", "What", text, "Differences", i18n.Key("merge_form.differ.both"))
	case births:
		text = w.T("merge_form.check", "What", text, "Differences", i18n.Key("merge_form.differ.birth"))
	case names:
		text = w.T("merge_form.check", "What", text, "Differences", i18n.Key("merge_form.differ.family"))
	}
	md.what.SetText(text)
	md.merge.Enable()
}

func (md *mergeDialog) doMerge() {
	h, f := md.chosen, md.f
	if h.ID == "" {
		return
	}
	md.m.close()
	survivor := f.id
	ch := f.run(f.d.w.T("merge_form.done", "Name", listName(h.FamilyName, h.GivenName), "Chart", h.ChartNumber), func(tx *data.Tx) error {
		_, err := tx.MergePatients(survivor, h.ID)
		return err
	})
	closeAfter(ch, md.merged)
}

// undoMerge takes back a pending merge, after asking.
func (f *patientFile) undoMerge(m data.MergeView) {
	w := f.d.w
	name := listName(m.Duplicate.FamilyName, m.Duplicate.GivenName) + " (" + m.Duplicate.ChartNumber + ")"
	f.d.confirm(w.T("merge.undo.title"), w.T("merge.undo.question", "Name", name), w.T("merge.undo"), func() {
		f.run(w.T("merge.undo.done", "Name", name), func(tx *data.Tx) error { return tx.UndoMerge(m.ID) })
	})
}

// confirmMerge makes a pending merge final, after asking.
func (f *patientFile) confirmMerge(m data.MergeView) {
	w := f.d.w
	name := listName(m.Duplicate.FamilyName, m.Duplicate.GivenName) + " (" + m.Duplicate.ChartNumber + ")"
	f.d.confirm(w.T("merge.confirm.title"), w.T("merge.confirm.question", "Name", name), w.T("merge.confirm"), func() {
		f.run(w.T("merge.confirm.done", "Name", name), func(tx *data.Tx) error { return tx.ConfirmMerge(m.ID) })
	})
}
