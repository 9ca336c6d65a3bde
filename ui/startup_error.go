package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// RunStartupError shows a small window explaining why the desk cannot
// open (a damaged database, a data folder that cannot be written) with a
// Quit button, and runs the event loop until it is closed. It speaks the
// desk's language: lang as given (the --lang flag), else this computer's
// choice, else the system's.
func RunStartupError(a fyne.App, lang string, err error) {
	a.Settings().SetTheme(deskTheme{})
	w := a.NewWindow("Frontdesk")
	w.SetContent(startupErrorView(newWords(deskLanguage(a, lang), data.DMY), err, a.Quit))
	w.Resize(fyne.NewSize(600, 220))
	w.SetMaster()
	w.CenterOnScreen()
	w.ShowAndRun()
}

// startupErrorView is the explanation with its Quit button. The message
// can be selected and copied (it often names a folder).
func startupErrorView(w words, err error, quit func()) fyne.CanvasObject {
	t := subheading(hardWrap(w.T("shell.cannot_open"), 60))
	msg := widget.NewLabel(hardWrap(w.Error(err), 76))
	msg.Selectable = true
	q := widget.NewButton(w.T("common.quit"), quit)
	q.Importance = widget.HighImportance
	icon := container.New(layout.NewCustomPaddedLayout(6, 0, 0, 0), container.NewVBox(widget.NewIcon(theme.ErrorIcon())))
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), q), icon, nil,
		container.NewVBox(t, msg))
	return container.New(layout.NewCustomPaddedLayout(12, 12, 12, 12), body)
}
