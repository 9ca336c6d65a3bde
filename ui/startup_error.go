package ui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/backup"
)

// RunStartupError shows a small window explaining why the desk cannot
// open (a damaged database, a data folder that cannot be written) with a
// Quit button, and runs the event loop until it is closed. Nothing is
// written to the database. When it is damaged, the window offers the
// newest backup of the practice (from its backups folder, or the second
// folder of this computer), or another one chosen, and restores it; the
// desk then opens in the same window, and the store it opened is
// returned for the caller to close (nil when there was no restore).
func RunStartupError(a fyne.App, dir string, openErr error, opts Options) *data.Store {
	a.Settings().SetTheme(deskTheme{})
	l := deskLanguage(a, opts.Lang)
	opts.Lang = string(l)
	win := a.NewWindow("Frontdesk")
	newest, found := backup.Newest(dir)
	se := newStartupError(win, newWords(l, data.DMY), dir, openErr, newest, found, opts, fyne.Do)
	win.SetContent(se.content)
	win.Resize(startupSize)
	win.SetMaster()
	win.CenterOnScreen()
	win.ShowAndRun()
	if se.sh != nil {
		return se.sh.store
	}
	return nil
}

// startupSize leaves room for the restore's dialogs.
var startupSize = fyne.NewSize(780, 340)

// startupError is the window's content: why, and what can be done.
type startupError struct {
	win     fyne.Window
	w       words
	dir     string
	opts    Options
	do      func(func())
	newest  backup.Found
	found   bool
	restore *widget.Button // the newest backup, when there is one
	choose  *widget.Button
	result  *widget.Label
	flow    *restoreFlow
	sh      *shell // the desk, once a restore brought the practice back
	content fyne.CanvasObject
}

func newStartupError(win fyne.Window, w words, dir string, openErr error, newest backup.Found, found bool, opts Options, do func(func())) *startupError {
	se := &startupError{win: win, w: w, dir: dir, opts: opts, do: do, newest: newest, found: found}
	title, why := w.T("shell.cannot_open"), w.Error(openErr)
	if data.ErrorCode(openErr) == data.EDamaged {
		// Damage is said here with what this window offers: nothing was
		// written, and the newest backup (the cause is in the log).
		opts.logf("ui: the practice cannot be opened: %v", openErr)
		title, why = w.T("startup.damaged"), w.T("startup.damaged_why")
	}
	msg := widget.NewLabel(hardWrap(why, 80))
	msg.Selectable = true
	body := container.NewVBox(subheading(hardWrap(title, 60)), msg)
	quit := widget.NewButton(w.T("common.quit"), win.Close)
	buttons := container.NewHBox(layout.NewSpacer())
	if data.ErrorCode(openErr) == data.EDamaged {
		se.result = fieldError()
		se.choose = widget.NewButton(w.T("startup.choose_backup"), se.chooseBackup)
		if se.found {
			made := se.newest.Made
			body.Add(widget.NewLabel(hardWrap(w.T("startup.newest", "Date", data.DateOf(made), "Time", made.Format("15:04"), "File", se.newest.Path), 80)))
			se.restore = widget.NewButton(w.T("startup.restore_newest"), func() { se.restoreFrom(se.newest.Path) })
			se.restore.Importance = widget.HighImportance
			buttons.Add(se.choose)
			buttons.Add(se.restore)
		} else {
			body.Add(widget.NewLabel(hardWrap(w.T("startup.no_backup", "Folder", filepath.Join(dir, backup.Folder)), 80)))
			se.choose.Importance = widget.HighImportance
			buttons.Add(se.choose)
		}
		body.Add(se.result)
	}
	buttons.Add(quit)
	if se.restore == nil && se.choose == nil {
		quit.Importance = widget.HighImportance
	}
	icon := container.New(layout.NewCustomPaddedLayout(6, 0, 0, 0), container.NewVBox(widget.NewIcon(theme.ErrorIcon())))
	se.content = container.New(layout.NewCustomPaddedLayout(12, 12, 12, 12), container.NewBorder(nil, buttons, icon, nil, body))
	return se
}

// restoreFrom restores file over the damaged practice; the damaged
// database is kept aside, as every replaced one is.
func (se *startupError) restoreFrom(file string) *restoreFlow {
	showError(se.result, "")
	se.flow = &restoreFlow{w: se.w, c: se.win.Canvas(), do: se.do, logf: se.opts.logf, dir: se.dir, file: file, user: se.opts.User}
	se.flow.reopened = func(s *data.Store, r *backup.Restored, err error) {
		if s == nil || err != nil {
			if s != nil {
				s.Close()
			}
			showError(se.result, hardWrap(se.w.Error(err), 80))
			return
		}
		se.openDesk(s, r)
	}
	return se.flow.start()
}

// openDesk turns the window into the desk on the restored practice.
func (se *startupError) openDesk(s *data.Store, r *backup.Restored) {
	se.win.SetPadded(false)
	se.win.Resize(windowSize)
	se.win.CenterOnScreen()
	se.sh = newShell(se.win, s, se.opts, se.do)
	se.win.SetCloseIntercept(se.sh.closeWindow)
	pr, err := s.Practice(context.Background())
	// The desk that opens once someone signed in says what was done.
	se.sh.onNextDesk = func(d *desk) { d.say(restoredWords(d.w, r)) }
	se.sh.begin(pr, err)
	se.sh.goLive()
}

// chooseBackup picks a backup file with the system's dialog.
func (se *startupError) chooseBackup() {
	dlg := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		se.restoreFrom(path)
	}, se.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Join(se.dir, backup.Folder))); err == nil {
		dlg.SetLocation(l)
	}
	dlg.Resize(fyne.NewSize(640, 420))
	dlg.Show()
}
