package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// forUser fits the Settings page to the signed-in user: an administrator
// gets it whole, with the way to Users and to the audit log on top;
// anyone else only the language of this computer's desk, and a word on
// who changes the rest.
func (s *settingsScreen) forUser(page *fyne.Container) *fyne.Container {
	d, w := s.d, s.d.w
	if !d.can(data.RightSettings) {
		note := widget.NewLabel(hardWrap(w.T("settings.admin_only"), 100))
		return container.NewVBox(heading(w.T("settings.heading")), note, s.lang.content)
	}
	var links []fyne.CanvasObject
	if d.can(data.RightUsers) {
		s.usersBtn = widget.NewButtonWithIcon(w.T("settings.users"), theme.AccountIcon(), func() { d.show(screenUsers) })
		links = append(links, s.usersBtn)
	}
	if d.can(data.RightAudit) {
		s.auditBtn = widget.NewButtonWithIcon(w.T("settings.audit"), theme.ListIcon(), func() { d.show(screenAudit) })
		links = append(links, s.auditBtn)
	}
	head := page.Objects[0]
	page.Objects[0] = container.NewBorder(nil, nil, nil, container.NewHBox(links...), head)
	return page
}
