package ui

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/software"

	"frontdesk/data"
)

// shotTimeout bounds the wait for one screen's background load.
const shotTimeout = 60 * time.Second

// screenshots visits every screen in the real window and writes a PNG of
// each to dir. It runs on its own goroutine and reaches the widgets only
// through fyne.DoAndWait; it waits for each screen's load through the
// channel the screen returns, not by sleeping. At the end the window is
// back on the Calendar.
func (sh *shell) screenshots(dir string) error {
	// Screens show patients' names: the owner's only, like the prints.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &data.Error{Code: data.EStorage, Err: err, Message: fmt.Sprintf("The screenshot folder %s cannot be created.", dir)}
	}
	var errs []error
	shoot := func(file string, prepare func() <-chan struct{}) {
		var wait <-chan struct{}
		fyne.DoAndWait(func() { wait = prepare() })
		select {
		case <-wait:
		case <-time.After(shotTimeout):
			errs = append(errs, data.Errorf(data.EInternal, "The %s screen did not finish loading within %s.", file, shotTimeout))
			return
		}
		var img image.Image
		fyne.DoAndWait(func() { img = sh.capture() })
		if err := writePNG(filepath.Join(dir, file+".png"), img); err != nil {
			errs = append(errs, err)
		}
	}

	var d *desk
	var si *signInScreen
	fyne.DoAndWait(func() { d, si = sh.desk, sh.signin })
	if d == nil && si != nil {
		// The sign-in form, then in through it (sign-in.png).
		shoot("sign-in", closed)
		if err := sh.shotsSignIn(si); err != nil {
			return joinShotErrors(append(errs, err))
		}
		fyne.DoAndWait(func() { d = sh.desk })
	}
	if d == nil {
		shoot("first-start", closed)
		errs = append(errs, data.Errorf(data.ENotFound, "The practice is not set up yet, so only the first-start form was captured (first-start.png)."))
		return joinShotErrors(errs)
	}
	for _, it := range navItems {
		name := it.name
		shoot(name, func() <-chan struct{} { return d.show(name) })
		if name == screenCalendar {
			sh.bookingShots(d, shoot) // day.png, week.png, booking.png (calendar_shots.go)
		}
		if name == screenCalls {
			sh.callShots(d, shoot) // reminders-waitlist.png, reminders-recalls.png (calendar_shots.go)
		}
		if name == screenPatients {
			sh.patientShots(d, shoot) // patient-search, -file, -clinical, -edit.png (patient_shots.go)
			sh.importShots(d, shoot)  // import-file, -columns, -report.png (patient_import_shots.go)
		}
		if name == screenLetters {
			sh.letterShots(d, shoot) // letter-templates, letter-editor, recall-letters.png (letter_shots.go)
		}
		if name == screenSettings {
			sh.settingsShots(d, shoot)                            // settings-practitioner.png (settings_shots.go)
			sh.accessShots(d, shoot)                              // users.png, audit.png, lock.png (access_shots.go)
			errs = append(errs, sh.backupShots(d, shoot, dir)...) // settings-backups.png, restore.png… (backup_shots.go)
			sh.syncSettingsShots(d, shoot)                        // settings-sync.png, first-start-join.png… (settings_sync_shots.go)
		}
		if name == screenBilling {
			sh.billingShots(d, shoot) // billing-invoice.png, billing-payment.png (billing_shots.go)
		}
		if name == screenReports {
			sh.reportsShots(d, shoot) // reports-takings, -revenue, -activity.png (billing_shots.go)
		}
	}
	sh.syncShots(d, shoot) // sync-synced, -missing, -rejoin, -conflicts.png (sync_shots.go)
	// Help → Keyboard shortcuts (help.png).
	shoot("help", func() <-chan struct{} {
		d.showHelp()
		return closed()
	})
	fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
	var back <-chan struct{}
	fyne.DoAndWait(func() { back = d.show(screenCalendar) })
	<-back
	return joinShotErrors(errs)
}

// joinShotErrors makes one error a person can read of what went wrong.
func joinShotErrors(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]string, len(errs))
	for i, err := range errs {
		msgs[i] = err.Error()
		var de *data.Error
		if errors.As(err, &de) {
			msgs[i] = de.Message
		}
	}
	return &data.Error{Code: data.EStorage, Err: errors.Join(errs...), Message: strings.Join(msgs, " ")}
}

// capture renders the window's whole content (rail, top bar, screen) on
// a software canvas at the window's design size. The GL canvas of the
// real window captures black here (DESIGN §5); the software painter
// draws the same widgets. Runs on the UI goroutine.
func (sh *shell) capture() image.Image {
	content := sh.win.Canvas().Content()
	size, pos := content.Size(), content.Position()
	c := software.NewCanvas()
	c.SetPadded(false)
	c.Resize(windowSize)
	c.SetContent(content)
	// Dialogs open in the window (the booking form) are drawn over it.
	overlays := sh.win.Canvas().Overlays().List()
	for _, o := range overlays {
		c.Overlays().Add(o)
	}
	// A text set since the window's last frame may have grown, and the
	// window lays its containers out again only on its next frame: do it
	// here, or the capture may show the old layout (a summary squeezed
	// behind the button beside it).
	content.Refresh()
	for _, o := range overlays {
		o.Refresh()
	}
	img := c.Capture()
	for _, o := range overlays {
		c.Overlays().Remove(o)
	}
	// Give the content back to the window as it was.
	c.SetContent(canvas.NewRectangle(nil))
	content.Resize(size)
	content.Move(pos)
	if b := img.Bounds(); b.Dx() != int(windowSize.Width) || b.Dy() != int(windowSize.Height) {
		sh.opts.logf("ui: the screen needs %dx%d, more than %v", b.Dx(), b.Dy(), windowSize)
	}
	return img
}

func writePNG(path string, img image.Image) error {
	fail := func(err error) error {
		return &data.Error{Code: data.EStorage, Err: err, Message: fmt.Sprintf("The screenshot %s could not be written.", path)}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fail(err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	return nil
}
