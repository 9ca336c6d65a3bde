package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// The small dialogs of the patient file: a question before a change that
// cannot be taken back lightly, an error in words, and the forms that add
// to the clinical lists. They are the booking screens' modals (Escape in
// a field closes them) and keep what was typed when saving fails.

// confirm asks once in the desk's language, naming what will happen,
// then runs yes.
func (d *desk) confirm(title, question, verb string, yes func()) *modal {
	return confirmIn(d.w, d, title, question, verb, yes)
}

func confirmIn(w words, d *desk, title, question, verb string, yes func()) *modal {
	var m *modal
	cancel := button(w.T("common.cancel"), false, func() { m.close() })
	ok := button(verb, true, func() { m.close(); yes() })
	m = showModal(d.win.Canvas(), title, widget.NewLabel(hardWrap(question, 70)), cancel, ok)
	return m
}

// notDone tells in the desk's language why something was not done.
func (d *desk) notDone(what string, err error) *modal {
	return notDoneIn(d.w, d, what, err)
}

func notDoneIn(w words, d *desk, what string, err error) *modal {
	var m *modal
	ok := button(w.T("common.ok"), true, func() { m.close() })
	l := widget.NewLabel(hardWrap(w.T("common.not_done", "What", what, "Why", w.Error(err)), 70))
	l.Importance = widget.DangerImportance
	m = showModal(d.win.Canvas(), w.T("common.not_done_title"), l, ok)
	return m
}

// recordDialog is a modal form that adds one record to the open file: it
// validates on every keystroke with the record's own Validate, keeps
// Save disabled until the record is valid, and on a failed save keeps
// everything typed and says why, all in the desk's language.
type recordDialog struct {
	f      *patientFile
	m      *modal
	msg    *widget.Label
	save   *widget.Button
	build  func() (data.Record, error) // the record from the fields, or why not
	write  func(tx *data.Tx, rec data.Record) error
	saved  string // what the status line says once it is saved
	saving bool
	// done is closed when the dialog is closed after a save (tests).
	done chan struct{}
}

// recordWords are a record dialog's own sentences: its title, the
// question Escape asks over typed work, and what is said once it is saved.
type recordWords struct{ title, discard, saved string }

func newRecordDialog(f *patientFile, rw recordWords, fields fyne.CanvasObject, entries []*deskEntry,
	build func() (data.Record, error), write func(tx *data.Tx, rec data.Record) error) *recordDialog {
	w := f.d.w
	r := &recordDialog{f: f, build: build, write: write, saved: rw.saved, done: make(chan struct{})}
	r.msg = fieldError()
	cancel := button(w.T("common.cancel"), false, func() { r.m.escape() })
	r.save = button(w.T("common.save"), true, func() { r.doSave() })
	for _, e := range entries {
		e.onEscape = func() { r.m.escape() }
		prev := e.OnChanged
		e.OnChanged = func(s string) {
			if prev != nil {
				prev(s)
			}
			r.check()
		}
	}
	r.m = showModal(f.d.win.Canvas(), rw.title, container.NewVBox(fields, r.msg), cancel, r.save)
	r.check()
	r.m.guardIn(w, rw.discard, nil)
	if len(entries) > 0 {
		f.d.win.Canvas().Focus(entries[0])
	}
	return r
}

// check validates what is typed; the first field starts empty, so its
// "missing" is not shown until something was typed anywhere.
func (r *recordDialog) check() bool {
	rec, err := r.build()
	if err == nil {
		err = validateAs(rec, r.f.d.pr.DateFormat)
	}
	if err != nil {
		msg := r.f.d.w.Error(err)
		if onlyMissing(data.ProblemsOf(err)) && !r.msg.Visible() {
			msg = ""
		}
		showError(r.msg, msg)
		r.save.Disable()
		return false
	}
	showError(r.msg, "")
	if !r.saving {
		r.save.Enable()
	}
	return true
}

// onlyMissing reports whether every problem is a value not typed yet.
func onlyMissing(ps data.Problems) bool {
	for _, is := range ps {
		if is.Key != "problem.missing" {
			return false
		}
	}
	return len(ps) > 0
}

// validateAs validates rec with the dates of its messages in the
// practice's format when it names dates, else as the store does.
func validateAs(rec data.Record, df data.DateFormat) error {
	if dated, ok := rec.(interface{ ValidateAs(data.DateFormat) error }); ok {
		return dated.ValidateAs(df)
	}
	return rec.Validate()
}

func (r *recordDialog) doSave() {
	if r.saving || !r.check() {
		return
	}
	rec, _ := r.build()
	r.saving = true
	r.save.Disable()
	w := r.f.d.w
	r.f.d.write(func(tx *data.Tx) error { return r.write(tx, rec) }, func(err error) {
		r.saving = false
		r.f.d.sayLogged(err)
		showError(r.msg, w.T("common.not_saved", "Why", w.Error(err)))
		r.save.Enable()
	}, func() <-chan struct{} {
		r.saving = false
		r.m.close()
		r.f.d.say(r.saved)
		reloaded := r.f.reload()
		closeAfter(reloaded, r.done)
		return reloaded
	})
}

// labelled puts a field's name above it.
func labelled(label string, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(bold(label), obj)
}

// parseOptionalDate reads an optional date typed in the practice's
// format; a date that cannot be read is a problem of field, named by label.
func parseOptionalDate(df data.DateFormat, field string, label i18n.Key, s string) (data.Date, error) {
	if strings.TrimSpace(s) == "" {
		return data.Date{}, nil
	}
	d, err := df.Parse(s)
	if err != nil {
		var p data.Problems
		p.ReportErr(field, label, err)
		return data.Date{}, p.Err()
	}
	return d, nil
}

// severityChoices are the severities the allergy dialog offers, most
// dangerous first, as data.Severities orders them.
func severityChoices(w words) []string {
	out := make([]string, len(data.Severities))
	for i, s := range data.Severities {
		out[i] = w.severity(s)
	}
	return out
}

func showAllergyDialog(f *patientFile) *recordDialog {
	w := f.d.w
	substance, reaction := newDeskEntry(f.d.focusSearch), newDeskEntry(f.d.focusSearch)
	substance.SetPlaceHolder(w.T("allergy_form.placeholder.substance"))
	reaction.SetPlaceHolder(w.T("allergy_form.placeholder.reaction"))
	severity := newDeskSelect(severityChoices(w), nil)
	severity.SetSelectedIndex(len(data.Severities) - 1) // unknown
	fields := container.New(&fixedWidth{w: 460}, container.NewVBox(
		labelled(w.T("allergy.field.substance"), substance), labelled(w.T("allergy.field.reaction"), reaction),
		labelled(w.T("allergy.field.severity"), severity)))
	r := newRecordDialog(f, recordWords{w.T("allergy_form.title"), w.T("allergy_form.discard"), w.T("allergy_form.saved")},
		fields, []*deskEntry{substance, reaction},
		func() (data.Record, error) {
			sev := data.SeverityUnknown
			if i := severity.SelectedIndex(); i >= 0 {
				sev = data.Severities[i]
			}
			return &data.Allergy{PatientID: f.id, Substance: substance.Text, Reaction: reaction.Text, Severity: sev}, nil
		},
		func(tx *data.Tx, rec data.Record) error { return tx.AddAllergy(rec.(*data.Allergy)) })
	severity.OnChanged = func(string) { r.check() }
	return r
}

func showProblemDialog(f *patientFile) *recordDialog {
	w := f.d.w
	df := f.d.pr.DateFormat
	text, since := newDeskEntry(f.d.focusSearch), newDeskEntry(f.d.focusSearch)
	text.SetPlaceHolder(w.T("problem_form.placeholder.text"))
	since.SetPlaceHolder(w.T("record_form.placeholder.optional_date", "Example", df.Example()))
	fields := container.New(&fixedWidth{w: 460}, container.NewVBox(labelled(w.T("patient_problem.field.text"), text),
		labelled(w.T("patient_problem.field.since"), since)))
	return newRecordDialog(f, recordWords{w.T("problem_form.title"), w.T("problem_form.discard"), w.T("problem_form.saved")},
		fields, []*deskEntry{text, since},
		func() (data.Record, error) {
			d, err := parseOptionalDate(df, data.FieldSince, "patient_problem.field.since", since.Text)
			return &data.Problem{PatientID: f.id, Text: text.Text, Since: d}, err
		},
		func(tx *data.Tx, rec data.Record) error { return tx.Save(rec) })
}

func showMedicationDialog(f *patientFile) *recordDialog {
	w := f.d.w
	df := f.d.pr.DateFormat
	name, dose, from, to := newDeskEntry(f.d.focusSearch), newDeskEntry(f.d.focusSearch), newDeskEntry(f.d.focusSearch), newDeskEntry(f.d.focusSearch)
	name.SetPlaceHolder(w.T("medication_form.placeholder.name"))
	dose.SetPlaceHolder(w.T("medication_form.placeholder.dose"))
	from.SetPlaceHolder(w.T("record_form.placeholder.optional_date", "Example", df.Example()))
	to.SetPlaceHolder(w.T("medication_form.placeholder.to"))
	fields := container.New(&fixedWidth{w: 460}, container.NewVBox(labelled(w.T("medication.field.name"), name),
		labelled(w.T("medication.field.dose"), dose),
		container.NewGridWithColumns(2, labelled(w.T("medication.field.from"), from), labelled(w.T("medication.field.to"), to))))
	return newRecordDialog(f, recordWords{w.T("medication_form.title"), w.T("medication_form.discard"), w.T("medication_form.saved")},
		fields, []*deskEntry{name, dose, from, to},
		func() (data.Record, error) {
			a, err := parseOptionalDate(df, data.FieldFrom, "medication.field.from", from.Text)
			if err != nil {
				return nil, err
			}
			b, err := parseOptionalDate(df, data.FieldTo, "medication.field.to", to.Text)
			return &data.Medication{PatientID: f.id, Name: name.Text, Dose: dose.Text, From: a, To: b}, err
		},
		func(tx *data.Tx, rec data.Record) error { return tx.Save(rec) })
}
