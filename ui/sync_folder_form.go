package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/backup"
	"frontdesk/data/i18n"
)

// syncFolderForm is the dialog that picks the practice's sync folder with
// its passphrase, for the three ways a computer starts syncing:
//
//   - syncCreate (Settings → Sync): this practice's first computer makes
//     the folder; the passphrase is typed twice with the backups' rule,
//     and it is said that nobody can recover it;
//   - syncOpen (Settings → Sync): this data folder already syncs with a
//     folder (it joined from the command line): the passphrase opens it;
//   - syncJoin (the first start): an empty data folder joins the practice
//     of the folder, under this computer's name.
//
// The work runs off the UI goroutine with a bar that moves while it
// does; run does it and says what became of it.
type syncFolderForm struct {
	w       words
	win     fyne.Window
	do      func(func()) // back to the UI goroutine
	mode    syncFormMode
	m       *modal
	folder  *deskEntry
	choose  *widget.Button
	pass    *deskEntry
	repeat  *deskEntry // syncCreate only
	name    *deskEntry // syncJoin only
	probs   *widget.Label
	result  *widget.Label
	bar     *widget.ProgressBarInfinite
	cancel  *widget.Button
	ok      *widget.Button
	running bool
	// stop cancels the work under way (a join); nil when it cannot be
	// cancelled.
	stop context.CancelFunc
	// run does the work off the UI goroutine; then is given its error on
	// the UI goroutine and returns true when the dialog may close.
	run  func(ctx context.Context, folder, pass, name string) error
	then func(err error) bool
	done chan struct{} // closed once the dialog closed after success (tests)
}

type syncFormMode int

const (
	syncCreate syncFormMode = iota
	syncOpen
	syncJoin
)

// syncFormWords are each mode's title, introduction and button.
var syncFormWords = map[syncFormMode]struct{ title, intro, ok i18n.Key }{
	syncCreate: {"sync.create.title", "sync.create.intro", "sync.create.ok"},
	syncOpen:   {"sync.open.title", "sync.open.intro", "sync.open.ok"},
	syncJoin:   {"sync.join.title", "sync.join.intro", "sync.join.ok"},
}

func openSyncFolderForm(w words, win fyne.Window, do func(func()), focusSearch func(), mode syncFormMode) *syncFolderForm {
	f := &syncFolderForm{w: w, win: win, do: do, mode: mode, done: make(chan struct{})}
	ws := syncFormWords[mode]
	entry := func(password bool) *deskEntry {
		e := newDeskEntry(focusSearch)
		e.Password = password
		e.OnChanged = func(string) { f.check() }
		return e
	}
	f.folder = entry(false)
	f.folder.SetPlaceHolder(w.T("sync.form.folder_placeholder"))
	f.choose = widget.NewButton(w.T("sync.form.choose"), f.chooseFolder)
	f.pass = entry(true)
	f.probs, f.result = fieldError(), fieldError()
	f.bar = widget.NewProgressBarInfinite()
	f.bar.Stop()
	f.bar.Hide()
	intro := w.T(ws.intro)
	if mode == syncCreate {
		intro = w.T(ws.intro, "Min", backup.MinPassphrase)
	}
	rows := []fyne.CanvasObject{
		widget.NewLabel(hardWrap(intro, 74)),
		bold(w.T("sync.form.folder")),
		container.NewBorder(nil, nil, nil, f.choose, f.folder),
		bold(w.T("sync.form.passphrase")), f.pass,
	}
	if mode == syncCreate {
		f.repeat = entry(true)
		rows = append(rows, bold(w.T("sync.form.repeat")), f.repeat)
		warn := widget.NewLabel(hardWrap(w.T("sync.create.warning"), 74))
		warn.Importance = widget.WarningImportance
		rows = append(rows, warn)
	}
	if mode == syncJoin {
		f.name = entry(false)
		host, _ := os.Hostname()
		f.name.SetText(data.CleanText(host))
		rows = append(rows, bold(w.T("sync.join.name")), f.name, quiet(hardWrap(w.T("sync.join.name_hint"), 74)))
	}
	rows = append(rows, f.probs, f.bar, f.result)
	f.cancel = button(w.T("common.cancel"), false, nil)
	f.ok = button(w.T(ws.ok), true, func() { f.start() })
	f.m = showModal(win.Canvas(), w.T(ws.title), container.New(&fixedWidth{w: 580}, container.NewVBox(rows...)), f.cancel, f.ok)
	f.cancel.OnTapped = f.m.escape
	f.m.guardIn(w, w.T("sync.form.discard"), nil)
	win.Canvas().Focus(f.folder)
	f.check()
	return f
}

// typed is what the fields hold.
func (f *syncFolderForm) typed() (folder, pass, name string) {
	folder = strings.TrimSpace(f.folder.Text)
	if f.name != nil {
		name = data.CleanText(f.name.Text)
	}
	return folder, f.pass.Text, name
}

// check says the first thing missing or wrong, once something was typed,
// and enables the button when nothing is.
func (f *syncFolderForm) check() bool {
	if f.m == nil {
		return false // still being built
	}
	folder, pass, name := f.typed()
	var msg string
	switch {
	case folder == "" || pass == "":
		// nothing to say yet: the empty fields say it
	case !filepath.IsAbs(folder):
		msg = f.w.T("sync.problem.folder_relative")
	case f.mode == syncCreate:
		problems := fieldProblems(f.w, data.ProblemsOf(backup.CheckNewPassphrase(pass, f.repeat.Text)))
		msg = problems[backup.FieldPassphrase]
		if msg == "" && f.repeat.Text != "" {
			msg = problems[backup.FieldRepeat]
		}
	case f.mode == syncJoin && name == "":
		msg = f.w.T("sync.problem.name")
	}
	showError(f.probs, hardWrap(msg, 74))
	ok := folder != "" && pass != "" && msg == "" && (f.mode != syncCreate || f.repeat.Text == pass) && (f.mode != syncJoin || name != "")
	if ok && !f.running {
		f.ok.Enable()
	} else {
		f.ok.Disable()
	}
	f.m.fit()
	return ok
}

// start runs the work with the bar moving; the fields wait.
func (f *syncFolderForm) start() <-chan struct{} {
	if !f.check() || f.running || f.run == nil {
		return closed()
	}
	folder, pass, name := f.typed()
	f.running = true
	f.ok.Disable()
	f.setFields(false)
	showError(f.result, "")
	f.bar.Show()
	f.bar.Start()
	ctx, cancel := context.WithCancel(context.Background())
	if f.mode == syncJoin {
		f.stop = cancel
		f.cancel.SetText(f.w.T("sync.join.stop"))
	} else {
		f.cancel.Disable() // a folder half made is worse than waiting
	}
	f.m.onEscape = func() {
		if f.stop != nil {
			f.stop()
		}
	}
	f.cancel.OnTapped = f.m.onEscape
	f.m.fit()
	return background(f.do, func() (struct{}, error) {
		defer cancel()
		return struct{}{}, f.run(ctx, folder, pass, name)
	}, func(_ struct{}, err error) {
		f.running, f.stop = false, nil
		f.bar.Stop()
		f.bar.Hide()
		f.setFields(true)
		f.cancel.Enable()
		f.cancel.SetText(f.w.T("common.cancel"))
		f.cancel.OnTapped = f.m.escape
		f.m.onEscape = nil
		if f.then(err) {
			f.m.close()
			close(f.done)
			return
		}
		if err != nil {
			f.result.Importance = widget.DangerImportance
			showError(f.result, hardWrap(f.w.Error(err), 74))
		}
		f.check()
	})
}

func (f *syncFolderForm) setFields(on bool) {
	for _, e := range []*deskEntry{f.folder, f.pass, f.repeat, f.name} {
		if e == nil {
			continue
		}
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	if on {
		f.choose.Enable()
	} else {
		f.choose.Disable()
	}
}

// chooseFolder picks the folder with the system's folder dialog; typing
// its path does the same for the keyboard.
func (f *syncFolderForm) chooseFolder() {
	dlg := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		f.folder.SetText(u.Path())
		f.win.Canvas().Focus(f.pass)
	}, f.win)
	if dir, _, _ := f.typed(); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			dlg.SetLocation(l)
		}
	}
	dlg.Resize(fyne.NewSize(800, 560))
	dlg.Show()
}
