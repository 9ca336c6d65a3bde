package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// signInScreen is what the window shows before anyone has signed in,
// and over the desk while it is locked. Signing in runs argon2id (a
// fraction of a second) off the UI goroutine; a wrong name or password
// clears the password and says so, and after a few the store makes the
// next attempt wait (data.SignInDelay).
type signInScreen struct {
	w     words
	store *data.Store
	do    func(func())
	logf  func(string, ...any)
	// locked is the user of the desk behind the lock ("" UserID: the
	// plain sign-in form). Unlocking asks only their password; Switch
	// user asks for a name too.
	locked    data.Actor
	switching bool

	name, password *deskEntry
	nameBlock      fyne.CanvasObject
	intro          *widget.Label
	submitBtn      *widget.Button
	switchBtn      *widget.Button
	message        *widget.Label
	busy           bool
	content        fyne.CanvasObject

	// onSignedIn runs once a user signed in (after Switch user, perhaps
	// the very user of the lock); onUnlocked once the locked desk's user
	// typed their password.
	onSignedIn func(u data.User)
	onUnlocked func()
}

func newSignInScreen(w words, s *data.Store, do func(func()), logf func(string, ...any), practice string, locked data.Actor) *signInScreen {
	si := &signInScreen{w: w, store: s, do: do, logf: logf, locked: locked}
	si.name = newDeskEntry(nil)
	si.name.SetPlaceHolder(w.T("signin.placeholder.name"))
	si.name.onSubmit = func() { si.submit() }
	si.password = newDeskEntry(nil)
	si.password.Password = true
	si.password.onSubmit = func() { si.submit() }
	si.submitBtn = widget.NewButtonWithIcon(w.T("signin.sign_in"), theme.LoginIcon(), func() { si.submit() })
	si.submitBtn.Importance = widget.HighImportance
	si.switchBtn = widget.NewButtonWithIcon(w.T("signin.switch_user"), theme.AccountIcon(), func() { si.switchUser() })
	si.switchBtn.Importance = widget.LowImportance
	si.message = widget.NewLabel("")
	si.message.Wrapping = fyne.TextWrapWord
	si.message.Hide()
	si.intro = widget.NewLabel("")
	si.intro.Wrapping = fyne.TextWrapWord
	si.nameBlock = container.NewVBox(bold(w.T(data.UserLabel(data.FieldLogin))), si.name)
	title := w.T("signin.heading")
	if locked.IsUser() {
		title = w.T("signin.locked_heading")
		si.intro.SetText(w.T("signin.locked_intro", "Name", locked.FullName))
		si.submitBtn.SetText(w.T("signin.unlock"))
		si.nameBlock.Hide()
	} else {
		si.intro.SetText(w.T("signin.intro"))
		si.switchBtn.Hide()
	}
	if practice == "" {
		practice = "Frontdesk"
	}
	card := container.NewVBox(
		heading(practice),
		subheading(title),
		si.intro,
		si.nameBlock,
		container.NewVBox(bold(w.T(data.UserLabel(data.FieldPassword))), si.password),
		si.message,
		container.NewHBox(si.switchBtn, layout.NewSpacer(), si.submitBtn))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = lineColour, 1, 6
	si.content = withBackground(railColour, container.NewCenter(container.New(&fixedWidth{w: 460},
		container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(16, 20, 20, 20), card)))))
	return si
}

// unlocking reports whether the form unlocks the desk of its user
// rather than signing someone in.
func (si *signInScreen) unlocking() bool { return si.locked.IsUser() && !si.switching }

// focus puts the cursor where typing starts.
func (si *signInScreen) focus(c fyne.Canvas) {
	if si.unlocking() || si.name.Text != "" {
		c.Focus(si.password)
		return
	}
	c.Focus(si.name)
}

// switchUser turns the lock screen into a sign-in form for anyone: the
// desk behind it belongs to the locked user until someone else signs in.
func (si *signInScreen) switchUser() {
	si.switching = true
	si.switchBtn.Hide()
	si.nameBlock.Show()
	si.submitBtn.SetText(si.w.T("signin.sign_in"))
	si.intro.SetText(si.w.T("signin.switch_intro", "Name", si.locked.FullName))
	si.setMessage("", widget.LowImportance)
	if c := canvasOf(si.name); c != nil {
		c.Focus(si.name)
	}
}

func (si *signInScreen) setMessage(text string, imp widget.Importance) {
	if text == "" {
		si.message.Hide()
		return
	}
	setText(si.message, text, imp)
	si.message.Show()
}

// submit signs in or unlocks in the background.
func (si *signInScreen) submit() <-chan struct{} {
	if si.busy {
		return closed()
	}
	name, password := si.name.Text, si.password.Text
	if password == "" || (!si.unlocking() && name == "") {
		si.setMessage(si.w.T("signin.problem.empty"), widget.DangerImportance)
		return closed()
	}
	si.busy = true
	si.submitBtn.Disable()
	si.setMessage(si.w.T("signin.checking"), widget.LowImportance)
	store, unlocking := si.store, si.unlocking()
	return background(si.do, func() (data.User, error) {
		if unlocking {
			return data.User{}, store.Unlock(context.Background(), password)
		}
		return store.SignIn(context.Background(), name, password)
	}, func(u data.User, err error) {
		si.busy = false
		si.submitBtn.Enable()
		if err != nil {
			si.logf("ui: sign-in: %s", data.ErrorCode(err)) // the code only: never what was typed
			si.password.SetText("")
			si.setMessage(si.w.Error(err), widget.DangerImportance)
			if c := canvasOf(si.password); c != nil {
				c.Focus(si.password)
			}
			return
		}
		si.password.SetText("")
		si.setMessage("", widget.LowImportance)
		if unlocking {
			si.onUnlocked()
			return
		}
		si.onSignedIn(u)
	})
}
