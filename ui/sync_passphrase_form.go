package ui

import (
	"context"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/backup"
	psync "frontdesk/data/sync"
)

// syncPassphraseForm changes the sync folder's passphrase: the one in use,
// then the new one twice. The computers of the practice go on syncing (they
// hold the key); a computer that joins from then on needs the new one.
type syncPassphraseForm struct {
	d       *desk
	m       *modal
	old     *deskEntry
	pass    *deskEntry
	repeat  *deskEntry
	probs   *widget.Label
	result  *widget.Label
	save    *widget.Button
	saving  bool
	changed func() // Settings → Sync reloads
	done    chan struct{}
}

func openSyncPassphraseForm(d *desk, changed func()) *syncPassphraseForm {
	w := d.w
	f := &syncPassphraseForm{d: d, changed: changed, done: make(chan struct{})}
	f.old, f.pass, f.repeat = passwordEntry(d), passwordEntry(d), passwordEntry(d)
	for _, e := range []*deskEntry{f.old, f.pass, f.repeat} {
		e.OnChanged = func(string) { f.check() }
	}
	f.probs, f.result = fieldError(), fieldError()
	body := container.NewVBox(
		widget.NewLabel(hardWrap(w.T("sync.passphrase.intro", "Min", backup.MinPassphrase), 72)),
		bold(w.T("sync.passphrase.old")), f.old,
		bold(w.T("sync.passphrase.new")), f.pass,
		bold(w.T("sync.form.repeat")), f.repeat,
		f.probs, f.result)
	cancel := button(w.T("common.cancel"), false, nil)
	f.save = button(w.T("sync.passphrase.save"), true, func() { f.doSave() })
	f.m = showModal(d.win.Canvas(), w.T("sync.passphrase.title"), container.New(&fixedWidth{w: 560}, body), cancel, f.save)
	cancel.OnTapped = f.m.escape
	f.m.guardIn(w, w.T("sync.form.discard"), nil)
	d.win.Canvas().Focus(f.old)
	f.check()
	return f
}

func (f *syncPassphraseForm) check() bool {
	var msg string
	if f.pass.Text != "" {
		problems := fieldProblems(f.d.w, data.ProblemsOf(backup.CheckNewPassphrase(f.pass.Text, f.repeat.Text)))
		msg = problems[backup.FieldPassphrase]
		if msg == "" && f.repeat.Text != "" {
			msg = problems[backup.FieldRepeat]
		}
	}
	showError(f.probs, hardWrap(msg, 72))
	f.m.fit()
	ok := f.old.Text != "" && f.pass.Text != "" && f.repeat.Text == f.pass.Text && msg == ""
	if ok && !f.saving {
		f.save.Enable()
	} else {
		f.save.Disable()
	}
	return ok
}

// doSave checks the old passphrase and rewraps the key off the UI
// goroutine (two scrypts, a second or two).
func (f *syncPassphraseForm) doSave() <-chan struct{} {
	if !f.check() || f.saving {
		return closed()
	}
	f.saving = true
	f.save.Disable()
	f.result.Importance = widget.LowImportance
	showError(f.result, f.d.w.T("sync.passphrase.changing"))
	store, old, pass := f.d.store, f.old.Text, f.pass.Text
	return background(f.d.do, func() (struct{}, error) {
		ctx := context.Background()
		folder, _, ok, err := psync.Remembered(ctx, store)
		if err == nil && !ok {
			err = data.NewError(data.ENotFound, "sync.error.not_set_up")
		}
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, psync.ChangePassphrase(ctx, store, folder, old, pass, psync.Options{})
	}, func(_ struct{}, err error) {
		f.saving = false
		if err != nil {
			f.d.opts.logf("ui: changing the sync passphrase: %v", err)
			f.result.Importance = widget.DangerImportance
			showError(f.result, hardWrap(f.d.w.Error(err), 72))
			f.check()
			return
		}
		f.m.close()
		f.d.say(f.d.w.T("sync.said.passphrase_changed"))
		close(f.done)
		f.changed()
	})
}
