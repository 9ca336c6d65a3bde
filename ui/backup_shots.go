package ui

import (
	"image"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/software"

	"frontdesk/data"
	"frontdesk/data/backup"
)

// backupShots adds the backups to screenshot mode, after settings.png:
// Settings at its Backups part (settings-backups.png); choosing the
// passphrase, its repeat mistyped (backup-passphrase.png); a restore's
// passphrase refused (restore.png) and its question (restore-question.png);
// the dialog of the backup at close, part way (backup-close.png); and the
// window a damaged database opens on, offering the newest backup
// (startup-damaged.png). Nothing is backed up or restored.
func (sh *shell) backupShots(d *desk, shoot func(string, func() <-chan struct{}), dir string) []error {
	shoot("settings-backups", func() <-chan struct{} {
		d.showBackups()
		return closed()
	})
	shoot("backup-passphrase", func() <-chan struct{} {
		f := d.backups.choosePassphrase()
		f.pass.SetText("lundi matin, café serré")
		f.repeat.SetText("lundi matin, cafe serré")
		return closed()
	})
	fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
	made := time.Date(2026, 11, 30, 18, 42, 0, 0, time.Local)
	file := filepath.Join(d.store.Dir(), backup.Folder, backup.AutoFileName(made))
	var f *restoreFlow
	shoot("restore", func() <-chan struct{} {
		f = d.backups.restoreFrom(file)
		f.pass.SetText("lundi matin")
		showError(f.passErr, hardWrap(d.w.Error(wrongPassphraseForShots()), 76))
		f.m.fit()
		return closed()
	})
	shoot("restore-question", func() <-chan struct{} {
		f.staged = &backup.Staged{About: backup.About{Practice: d.pr.Name, Created: made}}
		f.ask()
		return closed()
	})
	fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
	shoot("backup-close", func() <-chan struct{} {
		p := showProgress(d.w, d.win.Canvas(), d.w.T("backup.close.title"), d.w.T("backup.close.what"), d.w.T("backup.close.skip"), func() {})
		p.set(247<<20, 612<<20)
		return closed()
	})
	fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
	var img image.Image
	fyne.DoAndWait(func() {
		se := newStartupError(sh.win, sh.words(), d.store.Dir(), errDamagedForShots, backup.Found{Path: file, Made: made}, true, sh.opts, sh.do)
		img = renderAt(se.content, startupSize)
	})
	if err := writePNG(filepath.Join(dir, "startup-damaged.png"), img); err != nil {
		return []error{err}
	}
	return nil
}

// errDamagedForShots is the error a damaged database opens with.
var errDamagedForShots = &data.Error{Code: data.EDamaged, Message: "The practice database is damaged (its integrity check failed). Nothing was changed. Restore it from a backup, or run \"frontdesk check\" for details."}

// wrongPassphraseForShots is what a wrong passphrase says.
func wrongPassphraseForShots() error {
	var p data.Problems
	p.Report(backup.FieldPassphrase, "backup.problem.wrong_passphrase")
	return p.Err()
}

// renderAt draws o alone on a software canvas of size.
func renderAt(o fyne.CanvasObject, size fyne.Size) image.Image {
	c := software.NewCanvas()
	c.SetPadded(false)
	c.Resize(size)
	c.SetContent(o)
	img := c.Capture()
	c.SetContent(canvas.NewRectangle(nil))
	return img
}
