package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/container"

	"frontdesk/data"
)

// anyVisit is the choice of a recall counted from a visit of any type.
const anyVisit = "Any visit"

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
				dialogError(f.d, "Adding a recall", err)
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
	rf.months, rf.reason = newDeskEntry(f.d.focusSearch), newDeskEntry(f.d.focusSearch)
	rf.months.SetText("12") // the usual yearly check-up; changed as needed
	rf.reason.SetPlaceHolder("Annual diabetes check, blood pressure…")
	names, ids := []string{anyVisit}, []string{""}
	for _, t := range types {
		if t.Active {
			names, ids = append(names, t.Name), append(ids, t.ID)
		}
	}
	rf.typeSel = newDeskSelect(names, nil)
	rf.typeSel.SetSelectedIndex(0)
	fields := container.New(&fixedWidth{w: 460}, container.NewVBox(
		container.NewGridWithColumns(2,
			labelled("Every", container.NewBorder(nil, nil, nil, quiet("months"), rf.months)),
			labelled("After", rf.typeSel)),
		labelled("Reason", rf.reason),
		quiet(hardWrap("The patient comes on the recall list this long after their last such visit; "+
			"for that type it replaces the type's own interval.", 64))))
	rf.r = newRecordDialog(f, "Add a recall", "Recall", fields, []*deskEntry{rf.months, rf.reason},
		func() (data.Record, error) {
			s := strings.TrimSpace(rf.months.Text)
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, data.Errorf(data.EInvalid, "Every: %q is not a number of months; write it like 12.", s)
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
