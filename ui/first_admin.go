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

// firstAdminScreen asks for the practice's first administrator: right
// after the practice form at the first start, and at the start of a
// practice set up before the desk had users. The practice cannot be used
// without one. The person who creates it is signed in as it.
type firstAdminScreen struct {
	w       words
	store   *data.Store
	do      func(func())
	logf    func(string, ...any)
	form    *userForm
	create  *widget.Button
	result  *widget.Label
	saving  bool
	content fyne.CanvasObject
	onDone  func(data.User)
}

func newFirstAdminScreen(w words, s *data.Store, do func(func()), logf func(string, ...any), onDone func(data.User)) *firstAdminScreen {
	fa := &firstAdminScreen{w: w, store: s, do: do, logf: logf, onDone: onDone}
	fa.form = newUserForm(w, data.User{Role: data.RoleAdmin, Active: true}, nil, true, nil)
	fa.create = widget.NewButtonWithIcon(w.T("first_admin.create"), theme.ConfirmIcon(), func() { fa.doCreate() })
	fa.create.Importance = widget.HighImportance
	fa.result = widget.NewLabel("")
	fa.result.Wrapping = fyne.TextWrapWord
	fa.form.onState = fa.updateButton
	for _, e := range []*deskEntry{fa.form.fullName, fa.form.login, fa.form.password, fa.form.repeat} {
		e.onSubmit = func() { fa.doCreate() }
	}
	fa.updateButton()
	card := container.NewVBox(
		heading(w.T("first_admin.heading")),
		widget.NewLabel(hardWrap(w.T("first_admin.intro"), 84)),
		fa.form.content,
		container.NewHBox(fa.create),
		fa.result)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = lineColour, 1, 6
	fa.content = withBackground(railColour, container.NewCenter(container.New(&fixedWidth{w: 600},
		container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(16, 20, 20, 20), card)))))
	return fa
}

func (fa *firstAdminScreen) updateButton() {
	if fa.form.valid && !fa.saving {
		fa.create.Enable()
	} else {
		fa.create.Disable()
	}
}

// doCreate hashes the password and saves the administrator in the
// background, then signs them in.
func (fa *firstAdminScreen) doCreate() <-chan struct{} {
	if !fa.form.valid || fa.saving {
		fa.form.touchAll()
		return closed()
	}
	u, password := fa.form.user()
	store := fa.store
	fa.saving = true
	fa.updateButton()
	setText(fa.result, fa.w.T("common.saving"), widget.LowImportance)
	return background(fa.do, func() (data.User, error) {
		ctx := context.Background()
		saved, err := saveUser(ctx, store, u, password)
		if err != nil {
			return saved, err
		}
		store.ActAs(saved)
		return saved, store.AuditRead(ctx, "sign_in", "users", saved.ID, "the first administrator")
	}, func(saved data.User, err error) {
		fa.saving = false
		if err != nil {
			fa.logf("ui: creating the first administrator: %v", err)
			setText(fa.result, fa.w.T("common.not_saved", "Why", fa.w.Error(err)), widget.DangerImportance)
			fa.updateButton()
			return
		}
		fa.onDone(saved)
	})
}
