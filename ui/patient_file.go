package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// fileField is one line of the read-only patient file.
type fileField struct{ Label, Value string }

// patientSummary is the heading line under a patient's name:
// "Chart A-000123 · Female · 36 y".
func patientSummary(pt data.Patient, today data.Date) string {
	parts := []string{"Chart " + pt.ChartNumber, sexText(pt.Sex)}
	if age := ageText(pt.BirthDate, today); age != "" && pt.DeceasedDate.IsZero() {
		parts = append(parts, age)
	}
	if !pt.DeceasedDate.IsZero() {
		parts = append(parts, "deceased")
	}
	return strings.Join(parts, " · ")
}

// patientFields lists the demographics the file shows, in order.
func patientFields(pt data.Patient, df data.DateFormat, today data.Date) []fileField {
	fs := []fileField{
		{"Family name", pt.FamilyName},
		{"Given name", orDash(pt.GivenName)},
		{"Preferred name", orDash(pt.PreferredName)},
		{"Date of birth", orDash(birthText(df, pt.BirthDate, today))},
		{"Phone", orDash(pt.Phone)},
		{"Email", orDash(pt.Email)},
		{"Address", orDash(pt.Address)},
		{"Notes", orDash(pt.Notes)},
	}
	if !pt.DeceasedDate.IsZero() {
		fs = append(fs, fileField{"Date of death", df.Format(pt.DeceasedDate)})
	}
	if pt.MergedInto != "" {
		fs = append(fs, fileField{"Merged", "This file is a duplicate merged into another one."})
	}
	return fs
}

// patientFile is the read-only panel of an opened patient. Opening a
// file is a read of patient data, so it is recorded in the audit log;
// a file whose read could not be recorded is not shown.
type patientFile struct {
	d       *desk
	id      string // the patient on show, "" when none
	gen     int
	body    *fyne.Container
	content fyne.CanvasObject
	// patient is the patient on show, for tests.
	patient data.Patient
}

func newPatientFile(d *desk) *patientFile {
	f := &patientFile{d: d}
	f.body = container.NewStack()
	f.content = container.New(layout.NewCustomPaddedLayout(6, 6, 12, 12), f.body)
	f.showEmpty()
	return f
}

func (f *patientFile) view() fyne.CanvasObject { return f.content }

func (f *patientFile) showEmpty() {
	f.id, f.patient = "", data.Patient{}
	f.body.Objects = []fyne.CanvasObject{container.NewVBox(
		subheading("Patient file"),
		paragraph("Choose a patient in the list to open their file. Opening a file is recorded in the audit log."))}
	f.body.Refresh()
}

// open reads a patient and records the read, in the background.
func (f *patientFile) open(id string) <-chan struct{} {
	f.gen++
	gen := f.gen
	f.id = id
	store := f.d.store
	done := make(chan struct{})
	f.body.Objects = []fyne.CanvasObject{container.NewVBox(quiet("Opening the file…"))}
	f.body.Refresh()
	go func() {
		// Not cancelled when overtaken: a read that reached the audit log
		// stays recorded even if the secretary has moved on.
		ctx := context.Background()
		pt, err := store.Patient(ctx, id)
		if err == nil {
			err = store.AuditRead(ctx, "read", "patients", id, "opened the file")
		}
		f.d.do(func() {
			defer close(done)
			if gen != f.gen {
				return
			}
			f.apply(pt, err)
		})
	}()
	return done
}

func (f *patientFile) apply(pt data.Patient, err error) {
	if err != nil {
		f.d.sayError(err)
		msg := widget.NewLabel("The file was not opened: " + data.ErrorMessage(err))
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.DangerImportance
		f.body.Objects = []fyne.CanvasObject{container.NewVBox(subheading("Patient file"), msg)}
		f.body.Refresh()
		return
	}
	f.patient = pt
	today, df := f.d.today(), f.d.pr.DateFormat
	name := heading(pt.FullName())
	name.Truncation = fyne.TextTruncateEllipsis
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), f.showEmpty)
	closeBtn.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, closeBtn, name)
	form := widget.NewForm()
	for _, fl := range patientFields(pt, df, today) {
		v := widget.NewLabel(fl.Value)
		v.Wrapping = fyne.TextWrapWord
		if fl.Value == "—" {
			v.Importance = widget.LowImportance
		}
		form.Append(fl.Label, v)
	}
	note := quiet("Read-only. Editing the file, and the patient's appointments, clinical notes, letters and " +
		"billing, arrive with their screens. This opening was recorded in the audit log.")
	note.Wrapping = fyne.TextWrapWord
	note.TextStyle.Italic = true
	f.body.Objects = []fyne.CanvasObject{container.NewBorder(
		container.NewVBox(head, quiet(patientSummary(pt, today)), hline()), note, nil, nil,
		container.NewVScroll(form))}
	f.body.Refresh()
	f.d.say("Opened the file of " + pt.FullName() + " (" + pt.ChartNumber + ").")
}
