package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// shotsSignIn signs screenshot mode in through the sign-in form, as the
// user of Options.ShotsSignIn (the demo's administrator). A practice
// without that user stops at the form.
func (sh *shell) shotsSignIn(si *signInScreen) error {
	c := sh.opts.ShotsSignIn
	if c == nil {
		return data.Errorf(data.EInvalid, "Screenshot mode was given nobody to sign in as, so only the sign-in form was captured (sign-in.png).")
	}
	var done <-chan struct{}
	fyne.DoAndWait(func() {
		si.name.SetText(c.Login)
		si.password.SetText(c.Password)
		done = si.submit()
	})
	select {
	case <-done:
	case <-time.After(shotTimeout):
	}
	var d *desk
	fyne.DoAndWait(func() { d = sh.desk })
	if d == nil {
		return data.Errorf(data.EInvalid, "Screenshot mode could not sign in as %q (a practice made by \"frontdesk demo\" has that user), so only the sign-in form was captured (sign-in.png).", c.Login)
	}
	return nil
}

// accessShots photographs Settings → Users (users.png), the audit log
// (audit.png) and the lock screen (lock.png), then unlocks through the
// lock screen's form and goes back to Settings.
func (sh *shell) accessShots(d *desk, shoot func(string, func() <-chan struct{})) {
	shoot("users", func() <-chan struct{} { return d.show(screenUsers) })
	shoot("audit", func() <-chan struct{} { return d.show(screenAudit) })
	shoot("lock", func() <-chan struct{} {
		d.lock()
		return closed()
	})
	var done <-chan struct{}
	fyne.DoAndWait(func() {
		si := sh.signin
		if si == nil || sh.opts.ShotsSignIn == nil {
			done = closed()
			return
		}
		si.password.SetText(sh.opts.ShotsSignIn.Password)
		done = si.submit()
	})
	select {
	case <-done:
	case <-time.After(shotTimeout):
	}
	var back <-chan struct{}
	fyne.DoAndWait(func() { back = d.show(screenSettings) })
	<-back
}
