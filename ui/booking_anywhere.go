package ui

import (
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// bookBusyText is said when Ctrl+N comes while a dialog is open: the key
// is not dropped without a word.
func bookBusyText(w words) string {
	return w.T("booking.busy", "Key", shortcutText(w, bookShortcut))
}

// bookAnywhere is Ctrl+N from any screen: in an open patient file it
// books for that patient, elsewhere it opens the booking dialog as the
// calendar's Book button does.
func (d *desk) bookAnywhere() {
	if topModal(d.win.Canvas()) != nil {
		d.say(bookBusyText(d.w))
		return
	}
	if d.current == screenPatients && d.patients.fileShown() && d.patients.file.book() {
		return
	}
	d.calendar.bookNow()
}

// bookButton is the file's Book button: a booking for this patient.
func (f *patientFile) bookButton() *widget.Button {
	b := widget.NewButtonWithIcon(f.d.w.T("patient_file.book"), theme.ContentAddIcon(), func() { f.book() })
	b.Importance = widget.HighImportance
	return b
}

// book opens a booking for the patient on show, already chosen; after the
// save the calendar and the file show it. It reports whether it could
// (no file loaded, or a file merged into another, cannot book).
func (f *patientFile) book() bool {
	pt := f.patient
	if f.id == "" || pt.ID != f.id || pt.MergedInto != "" {
		return false
	}
	hit := data.PatientHit{ID: pt.ID, ChartNumber: pt.ChartNumber, FamilyName: pt.FamilyName, GivenName: pt.GivenName,
		BirthDate: pt.BirthDate, Phone: pt.Phone}
	f.d.calendar.bookNowFor(hit, func(day data.Date) {
		f.d.calendar.saved(day)
		f.reload()
	})
	return true
}
