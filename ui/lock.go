package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// Credentials are a sign-in name and password the program types in by
// itself: the demo's secretary (--demo), the demo's administrator in
// screenshot mode. A real practice's desk is never given any.
type Credentials struct {
	Login, Password string
}

// lockState is what the lock took away from the window and gives back:
// the dialogs that were open over the desk (their typed contents
// intact), which of them Escape and Enter reach, and the focus.
type lockState struct {
	overlays []fyne.CanvasObject
	modals   []*modal
	focused  fyne.Focusable
	why      string
}

// lockedCanvases are the canvases whose desk is locked: a dialog that a
// background task opens meanwhile (a failed save) waits behind the lock
// instead of showing over it.
var lockedCanvases = map[fyne.Canvas]*lockState{}

// showSignIn shows the sign-in form; the demo signs its secretary in by
// itself, saying so in the top bar.
func (sh *shell) showSignIn(pr data.Practice) {
	sh.win.SetTitle(windowTitle(sh.words(), pr.Name, sh.opts.Demo))
	si := newSignInScreen(sh.words(), sh.store, sh.do, sh.opts.logf, pr.Name, data.Actor{})
	si.onSignedIn = func(u data.User) { sh.enter(pr, u, false) }
	sh.signin = si
	sh.win.SetContent(si.content)
	si.focus(sh.win.Canvas())
	if c := sh.opts.AutoSignIn; c != nil {
		store := sh.store
		background(sh.do, func() (data.User, error) {
			return store.SignIn(context.Background(), c.Login, c.Password)
		}, func(u data.User, err error) {
			if err != nil || sh.signin != si {
				sh.opts.logf("ui: the demo's automatic sign-in: %v", err) // the form stays
				return
			}
			sh.enter(pr, u, true)
		})
	}
}

// enter opens the desk for a user who just signed in. auto marks the
// demo's automatic sign-in, which the top bar names.
func (sh *shell) enter(pr data.Practice, u data.User, auto bool) {
	sh.admin, sh.signin = nil, nil
	if sh.desk != nil {
		sh.dropDesk()
	}
	if p, err := sh.store.Practice(context.Background()); err == nil {
		pr = p // the lock time may have changed since the form opened
	}
	d := newDesk(sh.win, sh.store, pr, sh.opts, sh.do)
	d.user, d.autoSignedIn = u, auto
	d.onLock = func() { sh.lockDesk("button") }
	d.reopened = sh.reopened
	d.whenNextOpens = func(f func(*desk)) { sh.onNextDesk = f }
	d.showUser()
	sh.desk = d
	activity[sh.win.Canvas()] = sh.idle.touch
	d.sensor.touch = sh.idle.touch
	sh.win.SetContent(d.root)
	d.show(screenCalendar)
	sh.idle.start()
	if sh.started {
		d.watchOpeningCheck()
	}
	if sh.live {
		d.backups.start()
		d.sync.start()
	}
	if f := sh.onNextDesk; f != nil {
		sh.onNextDesk = nil
		f(d)
	}
}

// lockAfter is the practice's idle time.
func (sh *shell) lockAfter() time.Duration {
	m := data.DefaultLockMinutes
	if sh.desk != nil && sh.desk.pr.LockMinutes > 0 {
		m = sh.desk.pr.LockMinutes
	}
	return time.Duration(m) * time.Minute
}

// locked reports whether the desk is behind its lock screen.
func (sh *shell) locked() bool { return sh.lock != nil }

// lockDesk hides the desk at once behind the lock screen. Nothing is
// rebuilt: the desk's content and its open dialogs are only taken off
// the window, with what was typed in them, and put back on unlocking.
func (sh *shell) lockDesk(why string) {
	d := sh.desk
	if d == nil || sh.locked() {
		return
	}
	c := sh.win.Canvas()
	ls := &lockState{focused: c.Focused(), why: why}
	ls.overlays = append(ls.overlays, c.Overlays().List()...)
	for _, o := range ls.overlays {
		c.Overlays().Remove(o)
	}
	ls.modals = openModals[c]
	delete(openModals, c)
	c.Unfocus()
	sh.lock = ls
	lockedCanvases[c] = ls
	d.locked = true
	sh.idle.halt()
	si := newSignInScreen(d.w, sh.store, sh.do, sh.opts.logf, d.pr.Name, sh.store.Actor())
	si.onUnlocked = sh.unlockDesk
	si.onSignedIn = func(u data.User) {
		if u.ID == d.user.ID {
			sh.unlockDesk() // "switched" to the same user
			return
		}
		sh.enter(d.pr, u, false)
	}
	sh.signin = si
	sh.win.SetContent(si.content)
	si.focus(c)
	store := sh.store
	go func() {
		if err := store.AuditLock(context.Background(), true, why); err != nil {
			sh.opts.logf("ui: auditing the lock: %v", err)
		}
	}()
}

// unlockDesk gives the desk back as it was locked.
func (sh *shell) unlockDesk() {
	d, ls := sh.desk, sh.lock
	if d == nil || ls == nil {
		return
	}
	c := sh.win.Canvas()
	sh.lock, sh.signin = nil, nil
	delete(lockedCanvases, c)
	d.locked = false
	sh.win.SetContent(d.root)
	for _, o := range ls.overlays {
		c.Overlays().Add(o)
	}
	openModals[c] = append(ls.modals, openModals[c]...)
	if len(openModals[c]) == 0 {
		delete(openModals, c)
	}
	for _, m := range ls.modals {
		if !m.closed && !m.pop.Visible() {
			m.pop.Show() // opened while locked
		}
	}
	if ls.focused != nil {
		c.Focus(ls.focused)
	}
	sh.idle.start()
}

// dropDesk closes the desk of the user who leaves (switch user): their
// dialogs are closed without asking, which the lock screen said.
func (sh *shell) dropDesk() {
	c := sh.win.Canvas()
	if ls := sh.lock; ls != nil {
		for _, m := range ls.modals {
			m.closed = true
		}
	}
	for closeTopModal(c) {
	}
	for _, o := range c.Overlays().List() {
		c.Overlays().Remove(o)
	}
	delete(lockedCanvases, c)
	sh.lock = nil
	sh.idle.halt()
	sh.desk.locked = true // its late background results go nowhere
	sh.desk.sync.halt()
	sh.desk = nil
}
