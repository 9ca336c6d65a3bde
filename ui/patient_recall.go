package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/container"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// recallText is one line of the patient's recalls on the Summary:
// "Every 12 months after any visit · annual diabetes check".
func recallText(w words, r data.PatientRecall) string {
	s := w.N("recall.every_any", r.IntervalMonths)
	if r.TypeID != "" {
		s = w.N("recall.every_type", r.IntervalMonths, "Type", orDash(r.TypeName))
	}
	s += prefixed(" · ", r.Reason, "")
	if !r.Active {
		s += " · " + w.T("recall.paused")
	}
	return s
}

// recallForm is the dialog that puts the patient on a recall of their
// own: every so many months after a visit (of one type, or any), for a
// reason. It is a record dialog of the file: checked as typed with
// Recall.Validate, saved through the write path, kept open with what
// was typed when the save fails.
type recallForm struct {
	r       *recordDialog
	months  *deskEntry
	reason  *deskEntry
	typeSel *deskSelect
}

// showRecallDialog reads the appointment types in the background (the
// patient file does not keep them) and then opens the dialog.
func showRecallDialog(f *patientFile, opened func(*recallForm)) {
	store := f.d.store
	background(f.d.do, func() ([]data.AppointmentType, error) { return store.AppointmentTypes(context.Background()) },
		func(types []data.AppointmentType, err error) {
			if err != nil {
				f.d.sayError(err)
				f.d.notDone(f.d.w.T("recall_form.adding"), err)
				return
			}
			rf := newRecallForm(f, types)
			if opened != nil {
				opened(rf)
			}
		})
}

func newRecallForm(f *patientFile, types []data.AppointmentType) *recallForm {
	rf := &recallForm{}
	w := f.d.w
	rf.months, rf.reason = newDeskEntry(f.d.focusSearch), newDeskEntry(f.d.focusSearch)
	rf.months.SetText("12") // the usual yearly check-up; changed as needed
	rf.reason.SetPlaceHolder(w.T("recall_form.placeholder.reason"))
	names, ids := []string{w.T("recall_form.any_visit")}, []string{""}
	for _, t := range types {
		if t.Active {
			names, ids = append(names, t.Name), append(ids, t.ID)
		}
	}
	rf.typeSel = newDeskSelect(names, nil)
	rf.typeSel.SetSelectedIndex(0)
	fields := container.New(&fixedWidth{w: 460}, container.NewVBox(
		container.NewGridWithColumns(2,
			labelled(w.T("recall_form.every"), container.NewBorder(nil, nil, nil, quiet(w.T("recall_form.months")), rf.months)),
			labelled(w.T("recall_form.after"), rf.typeSel)),
		labelled(w.T("recall.field.reason"), rf.reason),
		quiet(hardWrap(w.T("recall_form.explained"), 64))))
	rf.r = newRecordDialog(f, recordWords{w.T("recall_form.title"), w.T("recall_form.discard"), w.T("recall_form.saved")},
		fields, []*deskEntry{rf.months, rf.reason},
		func() (data.Record, error) {
			s := strings.TrimSpace(rf.months.Text)
			n, err := strconv.Atoi(s)
			if err != nil {
				var p data.Problems
				p.Report(data.FieldInterval, "recall_form.problem.months", "Field", i18n.Key("recall_form.every"), "Text", s)
				return nil, p.Err()
			}
			typeID := ""
			if i := rf.typeSel.SelectedIndex(); i > 0 {
				typeID = ids[i]
			}
			return &data.Recall{PatientID: f.id, TypeID: typeID, IntervalMonths: n, Reason: rf.reason.Text, Active: true}, nil
		},
		func(tx *data.Tx, rec data.Record) error { return tx.Save(rec) })
	rf.typeSel.OnChanged = func(string) { rf.r.check() }
	return rf
}
