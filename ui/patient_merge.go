package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
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
	md := &mergeDialog{f: f, searched: make(chan struct{}), merged: make(chan struct{})}
	md.finds = newLoader[string, []data.PatientHit](f.d, func() string { return md.search.Text })
	md.finds.failed = func(err error) { md.what.SetText(data.ErrorMessage(err)) }
	md.search = newDeskEntry(f.d.focusSearch)
	md.search.SetPlaceHolder("Find the duplicate: name, date of birth, phone or chart number")
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
	md.what = widget.NewLabel("Choose the duplicate in the list.")
	md.what.Wrapping = fyne.TextWrapWord
	cancel := button("Cancel", false, func() { md.m.close() })
	md.merge = button("Merge into this file", true, func() { md.doMerge() })
	md.merge.Disable()
	intro := widget.NewLabel(hardWrap("The duplicate's appointments, allergies, medications, problems, vital signs and attachments move to "+
		listName(f.patient.FamilyName, f.patient.GivenName)+" ("+f.patient.ChartNumber+"). Its clinical notes stay as written and are shown "+
		"here. The merge is recorded in the audit log and can be undone until it is confirmed.", 92))
	body := container.New(&fixedWidth{w: 700}, container.NewBorder(container.NewVBox(intro, md.search), md.what, nil, nil,
		container.New(&fixedHeight{h: 180}, md.list)))
	md.m = showModal(f.d.win.Canvas(), "Merge a duplicate into this file", body, cancel, md.merge)
	md.search.SetText(f.patient.FamilyName) // runs the first search
	f.d.win.Canvas().Focus(md.search)
	return md
}

func (md *mergeDialog) hitText(h data.PatientHit) string {
	df := md.f.d.pr.DateFormat
	return listName(h.FamilyName, h.GivenName) + " · " + orDash(df.Format(h.BirthDate)) + " · " + h.ChartNumber + prefixed(" · ", h.Phone, "")
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
	md.chosen = h
	if h.ID == "" {
		md.what.SetText("Choose the duplicate in the list.")
		md.merge.Disable()
		return
	}
	p := md.f.patient
	var diff []string
	if !h.BirthDate.IsZero() && !p.BirthDate.IsZero() && h.BirthDate != p.BirthDate {
		diff = append(diff, "the dates of birth differ")
	}
	if data.Fold(h.FamilyName) != data.Fold(p.FamilyName) {
		diff = append(diff, "the family names differ")
	}
	text := "Merge " + md.hitText(h) + " into this file."
	if len(diff) > 0 {
		text += " Check that they are the same person: " + strings.Join(diff, " and ") + "."
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
	ch := f.run("Merged "+listName(h.FamilyName, h.GivenName)+" ("+h.ChartNumber+") into this file", func(tx *data.Tx) error {
		_, err := tx.MergePatients(survivor, h.ID)
		return err
	})
	closeAfter(ch, md.merged)
}

// undoMerge takes back a pending merge, after asking.
func (f *patientFile) undoMerge(m data.MergeView) {
	name := listName(m.Duplicate.FamilyName, m.Duplicate.GivenName) + " (" + m.Duplicate.ChartNumber + ")"
	confirmAction(f.d, "Undo the merge?", "Undo the merge of "+name+"? What moved here goes back to that file, which becomes a file of its own again. "+
		"Records added here since stay here. This is recorded in the audit log.", "Undo merge", func() {
		f.run("Merge of "+name+" undone", func(tx *data.Tx) error { return tx.UndoMerge(m.ID) })
	})
}

// confirmMerge makes a pending merge final, after asking.
func (f *patientFile) confirmMerge(m data.MergeView) {
	name := listName(m.Duplicate.FamilyName, m.Duplicate.GivenName) + " (" + m.Duplicate.ChartNumber + ")"
	confirmAction(f.d, "Confirm the merge?", "Confirm the merge of "+name+"? It can no longer be undone afterwards. This is recorded in the audit log.",
		"Confirm merge", func() {
			f.run("Merge of "+name+" confirmed", func(tx *data.Tx) error { return tx.ConfirmMerge(m.ID) })
		})
}
