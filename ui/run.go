package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// Options tune Run.
type Options struct {
	Started       time.Time // process start, for the first-frame time
	ScreenshotDir string    // non-empty: screenshot mode
	Demo          bool      // show "Demo practice" in the title
	Logf          func(format string, args ...any)
	Out           io.Writer // where screenshot mode prints (os.Stdout)
	// User is who is at the keyboard, for the audit log of a practice
	// the desk opens itself (after a restore).
	User string
	// Lang is the desk's language ("en", "fr", "es"). Run resolves it:
	// as given (the --lang flag), else as chosen in Settings on this
	// computer, else the system's. Empty outside Run means English.
	Lang string
	// AutoSignIn signs someone in by itself: the demo's secretary
	// (--demo). A real practice's desk always asks.
	AutoSignIn *Credentials
	// ShotsSignIn is who screenshot mode signs in as, through the
	// sign-in form, once it has photographed it: the demo's
	// administrator, who sees every screen.
	ShotsSignIn *Credentials
}

// windowSize is the size the desk is designed for: a common laptop screen.
var windowSize = fyne.NewSize(1366, 768)

// nowFunc is the clock of the screens: the rules' clock, so that a test
// that sets one (data.SetClock) sets both.
func nowFunc() time.Time { return data.Now() }

// Run builds the main window on a, shows it and runs the event loop. It
// returns when the window is closed or, in screenshot mode, after the
// screenshots, with their error.
func Run(a fyne.App, s *data.Store, opts Options) error {
	if opts.Started.IsZero() {
		opts.Started = time.Now()
	}
	if opts.Out == nil {
		opts.Out = os.Stdout
	}
	a.Settings().SetTheme(deskTheme{})
	opts.Lang = string(deskLanguage(a, opts.Lang))
	w := a.NewWindow("Frontdesk")
	w.SetPadded(false)
	w.Resize(windowSize)
	w.SetMaster()
	sh := newShell(w, s, opts, fyne.Do)
	w.SetCloseIntercept(sh.closeWindow) // the backup at close (backup_shell.go)
	w.SetTitle(windowTitle(sh.words(), "", opts.Demo))
	pr, err := s.Practice(context.Background())
	sh.begin(pr, err)

	shots := make(chan error, 1)
	a.Lifecycle().SetOnStarted(func() {
		ms := time.Since(opts.Started).Milliseconds()
		sh.started = true
		if sh.desk != nil {
			sh.desk.watchOpeningCheck()
		} else {
			sh.store.Verified() // runs while the sign-in form waits; the desk says what it found
		}
		if opts.ScreenshotDir == "" {
			opts.logf("ui: first frame after %d ms", ms)
			sh.goLive()
			return
		}
		fmt.Fprintf(opts.Out, "first frame after %d ms\n", ms)
		go func() {
			err := sh.screenshots(opts.ScreenshotDir)
			shots <- err
			// Fyne 2.7.1 crashes (nil GLFW window) on a pointer event that
			// reaches a window being closed, as the first events of a window
			// just shown do when the screenshots fail at once: let them
			// arrive, hide the window, then quit.
			hold := time.Second
			if err == nil {
				fmt.Fprintf(opts.Out, "screenshots written to %s\n", opts.ScreenshotDir)
				// Hold the real window on screen so that an X screenshot
				// (import -window root) can be taken of it.
				hold = 3 * time.Second
			}
			time.Sleep(hold)
			fyne.Do(w.Hide)
			time.Sleep(200 * time.Millisecond)
			fyne.Do(a.Quit)
		}()
	})
	w.ShowAndRun()
	sh.closeReopened(s)
	if opts.ScreenshotDir == "" {
		return nil
	}
	select {
	case err := <-shots:
		return err
	default:
		return errors.New("the window was closed before the screenshots were written")
	}
}

// shell is the main window: the first-start forms, the sign-in form,
// the desk (or its lock screen), or a message when the practice cannot
// be read.
type shell struct {
	win   fyne.Window
	store *data.Store
	opts  Options
	do    func(func())
	desk  *desk
	setup *setupScreen
	admin *firstAdminScreen
	// signin is the sign-in form, or the lock screen while the desk is
	// locked (lock.go); nil while the desk is in use.
	signin *signInScreen
	lock   *lockState
	idle   *idleLock
	// started is set at the first frame, once the store's opening check
	// may run: a desk opened after it says what the check found.
	started bool
	// live is set once the real window is on screen: the desk's timers
	// (the daily backup) run from then on, never in tests.
	live bool
	// onNextDesk is run by the next desk to open: what a restore has to
	// say once someone signed in to the restored practice.
	onNextDesk func(*desk)
}

func newShell(w fyne.Window, s *data.Store, opts Options, do func(func())) *shell {
	sh := &shell{win: w, store: s, opts: opts, do: do}
	sh.idle = newIdleLock(do)
	sh.idle.onIdle = func() { sh.lockDesk("idle") }
	sh.idle.limit = sh.lockAfter
	return sh
}

// words are the desk's language before a practice (and its date order)
// is known: the first start and a practice that cannot be read.
func (sh *shell) words() words {
	l, _ := i18n.ParseLang(sh.opts.Lang)
	return newWords(l, data.DMY)
}

// begin shows what the practice's state calls for: its first settings,
// its first administrator, or the sign-in form (which the demo fills in
// by itself).
func (sh *shell) begin(pr data.Practice, err error) {
	var hasUsers bool
	if err == nil {
		hasUsers, err = sh.store.HasUsers(context.Background())
	}
	switch {
	case err == nil && !hasUsers:
		sh.setup = nil
		sh.admin = newFirstAdminScreen(sh.words(), sh.store, sh.do, sh.opts.logf, func(u data.User) { sh.enter(pr, u, false) })
		sh.win.SetTitle(windowTitle(sh.words(), pr.Name, sh.opts.Demo))
		sh.win.SetContent(sh.admin.content)
		sh.win.Canvas().Focus(sh.admin.form.fullName)
	case err == nil:
		sh.setup = nil
		sh.showSignIn(pr)
	case data.ErrorCode(err) == data.ENotFound:
		sh.setup = newSetupScreen(sh.words(), sh.win, sh.store, sh.do, sh.opts.logf, func(pr data.Practice) { sh.begin(pr, nil) })
		sh.setup.onStore = func(s *data.Store) { sh.store = s } // a join opened the data folder again
		sh.win.SetTitle(windowTitle(sh.words(), sh.words().T("setup.title_bar"), sh.opts.Demo))
		sh.win.SetContent(sh.setup.content)
	default:
		sh.opts.logf("ui: reading the practice: %v", err)
		w := sh.words()
		sh.win.SetContent(container.New(layout.NewCustomPaddedLayout(16, 16, 16, 16), container.NewVBox(
			heading(w.T("shell.cannot_open")),
			widget.NewLabel(hardWrap(w.Error(err), 100)),
			container.NewHBox(widget.NewButton(w.T("common.quit"), sh.win.Close)))))
	}
}
