package ui

import (
	"fyne.io/fyne/v2"
)

// settingsShots adds the practitioner editor to screenshot mode
// (settings-practitioner.png): the first practitioner open, with a slip
// typed on Saturday (an afternoon that overlaps the morning) so that the
// picture shows the form answering it. It runs on the screenshot
// goroutine after settings.png, whose load filled the lists.
func (sh *shell) settingsShots(d *desk, shoot func(string, func() <-chan struct{})) {
	shoot("settings-practitioner", func() <-chan struct{} {
		var p *practitionerWeek
		if len(d.settings.refs.Practitioners) > 0 {
			p = &d.settings.refs.Practitioners[0]
		}
		f := d.settings.editPractitioner(p)
		sat := f.days[5]
		sat.amFrom.SetText("09:00")
		sat.amTo.SetText("12:30")
		sat.pmFrom.SetText("12:00")
		sat.pmTo.SetText("13:00")
		return closed()
	})
	fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
}
