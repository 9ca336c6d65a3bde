package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// RunStartupError shows a small window explaining why the desk cannot
// open (a damaged database, a data folder that cannot be written) with a
// Quit button, and runs the event loop until it is closed.
func RunStartupError(a fyne.App, title, message string) {
	a.Settings().SetTheme(deskTheme{})
	w := a.NewWindow("Frontdesk")
	w.SetContent(startupErrorView(title, message, a.Quit))
	w.Resize(fyne.NewSize(600, 220))
	w.SetMaster()
	w.CenterOnScreen()
	w.ShowAndRun()
}

// startupErrorView is the explanation with its Quit button. The message
// can be selected and copied (it often names a folder).
func startupErrorView(title, message string, quit func()) fyne.CanvasObject {
	t := subheading(hardWrap(title, 60))
	msg := widget.NewLabel(hardWrap(message, 76))
	msg.Selectable = true
	q := widget.NewButton("Quit", quit)
	q.Importance = widget.HighImportance
	icon := container.New(layout.NewCustomPaddedLayout(6, 0, 0, 0), container.NewVBox(widget.NewIcon(theme.ErrorIcon())))
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), q), icon, nil,
		container.NewVBox(t, msg))
	return container.New(layout.NewCustomPaddedLayout(12, 12, 12, 12), body)
}
