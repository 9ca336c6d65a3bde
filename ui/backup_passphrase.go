package ui

import (
	"context"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/backup"
	"frontdesk/data/i18n"
)

// passphraseForm chooses the practice's backup passphrase, typed twice.
// It is asked once: backups are encrypted to the practice's key, which
// the passphrase only unlocks for a restore, so the desk never keeps it
// (see data/backup's package comment).
type passphraseForm struct {
	d          *desk
	m          *modal
	pass       *deskEntry
	repeat     *deskEntry
	passErr    *widget.Label
	repeatErr  *widget.Label
	result     *widget.Label
	save       *widget.Button
	saving     bool
	repeatSeen bool // the second field was typed in: "not the same" may be said
	done       chan struct{}
}

func (b *backupCenter) choosePassphrase() *passphraseForm {
	d := b.d
	w := d.w
	f := &passphraseForm{d: d, done: make(chan struct{})}
	f.pass = passwordEntry(d)
	f.repeat = passwordEntry(d)
	f.pass.OnChanged = func(string) { f.check() }
	f.repeat.OnChanged = func(string) { f.repeatSeen = true; f.check() }
	f.passErr, f.repeatErr, f.result = fieldError(), fieldError(), fieldError()
	intro := i18n.Key("backup.passphrase.intro")
	if b.state.hasKey {
		intro = "backup.passphrase.intro_change"
	}
	body := container.NewVBox(
		widget.NewLabel(hardWrap(w.T(intro, "Min", backup.MinPassphrase), 72)),
		bold(w.T("backup.passphrase.field")), f.pass, f.passErr,
		bold(w.T("backup.passphrase.repeat")), f.repeat, f.repeatErr,
		f.result)
	cancel := button(w.T("common.cancel"), false, nil)
	f.save = button(w.T("backup.passphrase.save"), true, func() { f.doSave() })
	f.m = showModal(d.win.Canvas(), w.T("backup.passphrase.title"), container.New(&fixedWidth{w: 560}, body), cancel, f.save)
	cancel.OnTapped = f.m.escape
	f.m.guardIn(w, w.T("backup.passphrase.discard"), nil)
	d.win.Canvas().Focus(f.pass)
	f.check()
	return f
}

// passwordEntry is a field whose text is not shown.
func passwordEntry(d *desk) *deskEntry {
	e := newDeskEntry(d.focusSearch)
	e.Password = true
	return e
}

// check puts each problem under its field; Save waits for none.
func (f *passphraseForm) check() bool {
	problems := fieldProblems(f.d.w, data.ProblemsOf(backup.CheckNewPassphrase(f.pass.Text, f.repeat.Text)))
	if f.pass.Text == "" {
		showError(f.passErr, "")
	} else {
		showError(f.passErr, hardWrap(problems[backup.FieldPassphrase], 72))
	}
	if f.repeatSeen && problems[backup.FieldPassphrase] == "" {
		showError(f.repeatErr, problems[backup.FieldRepeat])
	} else {
		showError(f.repeatErr, "")
	}
	f.m.fit()
	ok := len(problems) == 0
	if ok && !f.saving {
		f.save.Enable()
	} else {
		f.save.Disable()
	}
	return ok
}

// doSave makes the new key in the background (scrypt takes about a
// second) and keeps it through the write path.
func (f *passphraseForm) doSave() <-chan struct{} {
	if !f.check() || f.saving {
		return closed()
	}
	f.saving = true
	f.save.Disable()
	showError(f.result, f.d.w.T("common.saving"))
	f.result.Importance = widget.LowImportance
	store, pass := f.d.store, f.pass.Text
	return backgroundThen(f.d.do, func() (struct{}, error) {
		return struct{}{}, backup.SetPassphrase(context.Background(), store, pass)
	}, func(_ struct{}, err error) <-chan struct{} {
		f.saving = false
		if err != nil {
			f.d.opts.logf("ui: choosing the backup passphrase: %v", err)
			f.result.Importance = widget.DangerImportance
			showError(f.result, hardWrap(f.d.w.T("common.not_saved", "Why", f.d.w.Error(err)), 72))
			f.check()
			return nil
		}
		f.m.close()
		f.d.say(f.d.w.T("backup.said.key_chosen"))
		close(f.done)
		return f.d.backups.reload()
	})
}
