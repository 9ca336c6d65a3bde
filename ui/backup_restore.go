package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/backup"
)

// restoreFlow restores a backup a person chose: its passphrase; the
// backup read and checked with a bar and Cancel (nothing replaced yet);
// one question naming what will be replaced; then the swap, and the
// practice opened again. It serves the desk (Settings → Backups) and the
// window that says the database cannot be opened.
type restoreFlow struct {
	w    words
	c    fyne.Canvas
	do   func(func())
	logf func(format string, args ...any)
	dir  string
	file string
	user string // who restores, for the audit row
	// release lets go of the practice before the swap (the desk closes
	// its store), off the UI goroutine; nil when nothing holds it.
	release func()
	// reopened gets the practice opened again after the swap, restored
	// (r not nil) or not (err says why); on the UI goroutine. s is nil
	// when the practice could not be opened at all.
	reopened func(s *data.Store, r *backup.Restored, err error)

	m        *modal
	pass     *deskEntry
	passErr  *widget.Label
	open     *widget.Button
	progress *progressDialog
	confirm  *modal
	staged   *backup.Staged
	// done is closed when the flow ends, however it ends (tests).
	done chan struct{}
}

func (f *restoreFlow) start() *restoreFlow {
	w := f.w
	f.done = make(chan struct{})
	f.pass = newDeskEntry(nil)
	f.pass.Password = true
	f.pass.OnChanged = func(string) {
		showError(f.passErr, "")
		f.m.fit()
	}
	f.passErr = fieldError()
	body := container.NewVBox(
		widget.NewLabel(hardWrap(w.T("backup.restore.file", "File", f.file), 76)),
		quiet(hardWrap(w.T("backup.restore.intro"), 76)),
		bold(w.T("backup.passphrase.field")), f.pass, f.passErr)
	cancel := button(w.T("common.cancel"), false, nil)
	f.open = button(w.T("backup.restore.open"), true, func() { f.read() })
	f.m = showModal(f.c, w.T("backup.restore.title"), container.New(&fixedWidth{w: 580}, body), cancel, f.open)
	f.m.onClose = func() {
		if f.confirm == nil && f.progress == nil {
			f.finish()
		}
	}
	cancel.OnTapped = f.m.close
	f.c.Focus(f.pass)
	return f
}

// finish ends the flow: the staging folder goes.
func (f *restoreFlow) finish() {
	f.staged.Discard()
	select {
	case <-f.done:
	default:
		close(f.done)
	}
}

// read reads and checks the backup in the background.
func (f *restoreFlow) read() <-chan struct{} {
	if f.open.Disabled() {
		return closed()
	}
	w := f.w
	f.open.Disable()
	ctx, cancel := context.WithCancel(context.Background())
	f.progress = showProgress(w, f.c, w.T("backup.restore.title"), w.T("backup.restore.reading"), w.T("common.cancel"), cancel)
	dir, file, pass, do := f.dir, f.file, f.pass.Text, f.do
	progress := func(done, total int64) { do(func() { f.progress.set(done, total) }) }
	return background(f.do, func() (*backup.Staged, error) {
		return backup.Prepare(ctx, dir, file, pass, progress)
	}, func(st *backup.Staged, err error) {
		cancel()
		f.progress.close()
		f.progress = nil
		f.open.Enable()
		if err != nil {
			f.logf("ui: reading the backup %s: %v", file, err)
			msg := w.Error(err)
			if errors.Is(err, context.Canceled) {
				msg = w.T("backup.error.cancelled")
			}
			showError(f.passErr, hardWrap(msg, 76))
			f.m.fit()
			f.c.Focus(f.pass)
			f.pass.TypedShortcut(&fyne.ShortcutSelectAll{})
			return
		}
		f.staged = st
		f.ask()
	})
}

// ask names what the restore replaces and waits for a yes.
func (f *restoreFlow) ask() {
	w := f.w
	about := f.staged.About
	made := about.Created.Local()
	question := w.T("backup.restore.question", "Practice", about.Practice, "Date", data.DateOf(made), "Time", made.Format("15:04"))
	f.confirm = &modal{} // the passphrase dialog's close must not end the flow
	f.m.close()
	var m *modal
	cancel := button(w.T("common.cancel"), false, func() { m.close() })
	replace := button(w.T("backup.restore.replace"), true, func() {
		m.onClose = nil
		m.close()
		f.apply()
	})
	m = showModal(f.c, w.T("backup.restore.question_title"), widget.NewLabel(hardWrap(question, 76)), cancel, replace)
	m.onClose = f.finish
	f.confirm = m
}

// apply swaps the backup in and opens the practice again.
func (f *restoreFlow) apply() <-chan struct{} {
	w := f.w
	f.progress = showProgress(w, f.c, w.T("backup.restore.title"), w.T("backup.restore.replacing"), w.T("common.cancel"), func() {})
	f.progress.say(w.T("backup.restore.replacing"), false)
	f.progress.bar.SetValue(1)
	staged, dir, file, user, release := f.staged, f.dir, f.file, f.user, f.release
	type outcome struct {
		s *data.Store
		r *backup.Restored
	}
	return background(f.do, func() (outcome, error) {
		if release != nil {
			release()
		}
		r, err := staged.Apply()
		s, openErr := data.Open(dir)
		if openErr != nil {
			return outcome{}, errors.Join(err, openErr)
		}
		if err != nil {
			return outcome{s: s}, err // the practice as it was, opened again
		}
		s.SetUser(user)
		if err := backup.RecordRestore(context.Background(), s, r, file); err != nil {
			f.logf("ui: recording the restore in the audit log: %v", err)
		}
		return outcome{s: s, r: &r}, nil
	}, func(o outcome, err error) {
		f.progress.close()
		if err != nil {
			f.logf("ui: restoring %s: %v", file, err)
		}
		f.reopened(o.s, o.r, err)
		f.finish()
	})
}

// restoreFrom starts restoring the backup in file over the desk's
// practice.
func (b *backupCenter) restoreFrom(file string) *restoreFlow {
	d := b.d
	if b.running() {
		b.cancelRunning()
	}
	store := d.store
	f := &restoreFlow{w: d.w, c: d.win.Canvas(), do: d.do, logf: d.opts.logf, dir: store.Dir(), file: file, user: store.User(),
		release: func() { store.Close() }}
	f.reopened = func(s *data.Store, r *backup.Restored, err error) {
		if s == nil {
			d.notDone(d.w.T("backup.restore.what"), err)
			return
		}
		tell := func(nd *desk) {
			if err != nil {
				nd.notDone(nd.w.T("backup.restore.what"), err)
				return
			}
			nd.say(restoredWords(nd.w, r))
		}
		nd := d
		if d.reopened != nil {
			nd = d.reopened(s)
		}
		if nd == nil {
			// The window asks who signs in to the restored practice (or
			// why it cannot be used): the desk that opens next says it.
			if d.whenNextOpens != nil {
				d.whenNextOpens(tell)
			}
			return
		}
		tell(nd)
	}
	return f.start()
}

// restoredWords says what a restore did.
func restoredWords(w words, r *backup.Restored) string {
	made := r.About.Created.Local()
	msg := w.T("backup.said.restored", "Date", data.DateOf(made), "Time", made.Format("15:04"))
	if r.KeptAside != "" {
		msg += " " + w.T("backup.said.kept_aside", "Folder", r.KeptAside)
	}
	return msg
}
