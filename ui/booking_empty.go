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
func noPractitionersText(w words) string { return w.T("booking.no_practitioners") }

// settingsButton goes to Settings, where practitioners are added; before
// it goes, it runs closing (a dialog closes itself).
func settingsButton(d *desk, closing func()) *widget.Button {
	b := widget.NewButtonWithIcon(d.w.T("booking.open_settings"), theme.SettingsIcon(), func() {
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
		subheading(noPractitionersText(d.w)),
		quiet(d.w.T("calendar.no_practitioners")),
		container.NewHBox(settingsButton(d, nil)))
}

// showNoPractitioners is the booking dialog of a practice without an
// active practitioner: it says so plainly and leads to Settings.
func showNoPractitioners(d *desk) *modal {
	var m *modal
	body := container.NewVBox(bold(noPractitionersText(d.w)), quiet(d.w.T("booking.no_practitioners_why")))
	m = showModal(d.win.Canvas(), d.w.T("booking.title.new"), body,
		button(d.w.T("booking.close"), false, func() { m.close() }), settingsButton(d, func() { m.close() }))
	return m
}
