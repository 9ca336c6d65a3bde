package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noPractitionersText is what the calendar and the booking dialog say
// while the practice has no active practitioner: every appointment is
// with someone, so there is nothing to book until one is added.
const noPractitionersText = "Add a practitioner in Settings to start booking."

// settingsButton goes to Settings, where practitioners are added; before
// it goes, it runs closing (a dialog closes itself).
func settingsButton(d *desk, closing func()) *widget.Button {
	b := widget.NewButtonWithIcon("Open Settings", theme.SettingsIcon(), func() {
		if closing != nil {
			closing()
		}
		d.show(screenSettings)
	})
	b.Importance = widget.HighImportance
	return b
}

// noPractitionersView is the calendar's body while it has no column.
func noPractitionersView(d *desk) fyne.CanvasObject {
	return container.NewVBox(
		subheading(noPractitionersText),
		quiet("The calendar has a column for each active practitioner, and this practice has none yet."),
		container.NewHBox(settingsButton(d, nil)))
}

// showNoPractitioners is the booking dialog of a practice without an
// active practitioner: it says so plainly and leads to Settings.
func showNoPractitioners(d *desk) *modal {
	var m *modal
	body := container.NewVBox(bold(noPractitionersText),
		quiet("An appointment is always with a practitioner, and this practice has no active one yet."))
	m = showModal(d.win.Canvas(), "New appointment", body,
		button("Close", false, func() { m.close() }), settingsButton(d, func() { m.close() }))
	return m
}
