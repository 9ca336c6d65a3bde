package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// usersData is what Settings → Users shows: the users, the practitioners
// a user may be linked to, and the latest files opened by breaking the
// glass, with their patients.
type usersData struct {
	Users         []data.User
	Practitioners []data.Practitioner
	Glass         []glassRow
}

// glassRow is one opening of a file by breaking the glass.
type glassRow struct {
	Entry   data.AuditEntry
	Patient data.Patient
}

// glassShown is how many break-the-glass openings the screen lists; the
// audit screen has them all.
const glassShown = 12

func loadUsersData(ctx context.Context, s *data.Store) (usersData, error) {
	var ud usersData
	var err error
	if ud.Users, err = s.Users(ctx); err != nil {
		return ud, err
	}
	if ud.Practitioners, err = s.Practitioners(ctx); err != nil {
		return ud, err
	}
	page, err := s.AuditLog(ctx, data.AuditFilter{Action: "break_glass"}, data.AuditCursor{}, glassShown)
	if err != nil {
		return ud, err
	}
	for _, e := range page.Entries {
		p, err := s.Patient(ctx, e.EntityID)
		if err != nil && data.ErrorCode(err) != data.ENotFound {
			return ud, err
		}
		ud.Glass = append(ud.Glass, glassRow{e, p})
	}
	return ud, nil
}

// usersScreen is Settings → Users, for administrators: the users with
// their roles, the idle time before the desk locks, and the files opened
// by breaking the glass.
type usersScreen struct {
	d       *desk
	loads   *loader[struct{}, usersData]
	list    *fyne.Container
	glass   *fyne.Container
	add     *widget.Button
	minutes *deskEntry
	saveMin *widget.Button
	minMsg  *widget.Label
	page    *fyne.Container
	content fyne.CanvasObject
	// loaded is what is on the widgets; edit holds each user's Edit
	// button and form the dialog opened last (tests, screenshots).
	loaded usersData
	edit   map[string]*widget.Button
	form   *userDialog
}

func newUsersScreen(d *desk) *usersScreen {
	u := &usersScreen{d: d}
	w := d.w
	u.loads = newLoader[struct{}, usersData](d, nil)
	u.list = container.NewVBox(quiet(w.T("users.loading")))
	u.glass = container.NewVBox()
	u.add = smallButton(w.T("users.add"), theme.ContentAddIcon(), func() { u.openForm(nil) })
	u.add.Disable()
	u.minutes = newDeskEntry(d.focusSearch)
	u.minutes.SetText(strconv.Itoa(d.pr.LockMinutes))
	u.minutes.onSubmit = func() { u.saveMinutes() }
	u.minMsg = widget.NewLabel("")
	u.minMsg.Wrapping = fyne.TextWrapWord
	u.saveMin = widget.NewButton(w.T("common.save"), func() { u.saveMinutes() })
	u.minMsg.Hide()
	u.minutes.OnChanged = func(string) { u.minMsg.Hide() }
	audit := widget.NewButtonWithIcon(w.T("users.open_audit"), theme.ListIcon(), func() { d.show(screenAudit) })
	back := widget.NewButtonWithIcon(w.T("users.back"), theme.NavigateBackIcon(), func() { d.show(screenSettings) })
	back.Importance = widget.LowImportance
	lock := container.NewBorder(nil, nil, bold(w.T("practice.field.lock_minutes")),
		container.NewHBox(u.saveMin), container.New(&fixedWidth{w: 80}, u.minutes))
	u.page = container.NewVBox(
		container.NewBorder(nil, nil, back, audit, heading(w.T("users.heading"))),
		paragraph(w.T("users.intro")),
		sectionHead(w.T("users.section.users"), u.add), u.list,
		hline(),
		sectionHead(w.T("users.section.lock")), container.NewHBox(lock), u.minMsg,
		hline(),
		sectionHead(w.T("users.section.glass")), u.glass)
	if !d.can(data.RightUsers) {
		u.page = container.NewVBox(heading(w.T("users.heading")), paragraph(w.Error(data.NewError(data.EForbidden, "access.forbidden",
			"Right", data.RightLabel(data.RightUsers)))))
	}
	u.content = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(6, 10, 10, 14), u.page))
	return u
}

func (u *usersScreen) view() fyne.CanvasObject { return u.content }

func (u *usersScreen) shown() <-chan struct{} {
	if !u.d.can(data.RightUsers) {
		return closed()
	}
	store := u.d.store
	return u.loads.load(struct{}{}, func(ctx context.Context) (usersData, error) { return loadUsersData(ctx, store) }, u.apply)
}

// roleText is how a user's role and access read in the list.
func roleText(w words, usr data.User, prs []data.Practitioner) string {
	parts := []string{w.T(data.RoleLabel(usr.Role))}
	for _, p := range prs {
		if p.ID == usr.PractitionerID {
			parts = append(parts, p.DisplayName)
		}
	}
	for _, g := range usr.Grants {
		if g == data.RightClinicalRead {
			parts = append(parts, w.T("users.granted_clinical"))
		}
	}
	if !usr.Active {
		parts = append(parts, w.T("users.inactive"))
	}
	return strings.Join(parts, " · ")
}

func (u *usersScreen) apply(ud usersData) {
	w := u.d.w
	u.loaded = ud
	u.add.Enable()
	u.edit = map[string]*widget.Button{}
	u.list.Objects = nil
	for i := range ud.Users {
		usr := ud.Users[i]
		edit := smallButton(w.T("users.edit"), theme.DocumentCreateIcon(), func() { u.openForm(&usr) })
		u.edit[usr.ID] = edit
		name := bold(usr.FullName)
		if !usr.Active {
			name.Importance = widget.LowImportance
		}
		u.list.Add(container.NewBorder(nil, nil, nil, edit, container.New(&columns{shares: []float32{0.34, 0.2, 0.46}},
			name, quiet(usr.Login), truncated(roleText(w, usr, ud.Practitioners)))))
	}
	u.glass.Objects = nil
	if len(ud.Glass) == 0 {
		u.glass.Add(quiet(w.T("users.glass_none")))
	}
	loc := u.d.pr.Location()
	for _, g := range ud.Glass {
		patient := g.Entry.EntityID
		if g.Patient.ID != "" {
			patient = listName(g.Patient.FamilyName, g.Patient.GivenName) + " (" + g.Patient.ChartNumber + ")"
		}
		u.glass.Add(truncated(w.T("users.glass_row", "When", auditWhen(w, g.Entry.At, loc), "User", g.Entry.User,
			"Patient", patient, "Reason", g.Entry.Detail)))
	}
	u.page.Refresh()
}

// saveMinutes saves the idle time before the desk locks.
func (u *usersScreen) saveMinutes() <-chan struct{} {
	n, err := strconv.Atoi(strings.TrimSpace(u.minutes.Text))
	if err != nil || n < 1 || n > data.MaxLockMinutes {
		setText(u.minMsg, u.d.w.T("practice.problem.lock_minutes", "Field", u.d.w.T("practice.field.lock_minutes"), "Max", data.MaxLockMinutes),
			widget.DangerImportance)
		u.minMsg.Show()
		return closed()
	}
	pr := u.d.pr
	pr.LockMinutes = n
	return u.d.write(func(tx *data.Tx) error { return tx.Save(&pr) }, func(err error) {
		setText(u.minMsg, u.d.w.T("common.not_saved", "Why", u.d.w.Error(err)), widget.DangerImportance)
		u.minMsg.Show()
	}, func() <-chan struct{} {
		u.d.setPractice(pr)
		setText(u.minMsg, u.d.w.N("users.lock_saved", n), widget.SuccessImportance)
		u.minMsg.Show()
		return nil
	})
}

// userDialog adds or changes one user.
type userDialog struct {
	u      *usersScreen
	form   *userForm
	m      *modal
	save   *widget.Button
	result *widget.Label
	saving bool
	done   chan struct{} // closed once saved and the dialog closed (tests)
}

// openForm opens the user dialog on usr, or on a new user (nil).
func (u *usersScreen) openForm(usr *data.User) *userDialog {
	w := u.d.w
	base := data.User{Role: data.RoleSecretary, Active: true}
	title := w.T("users.title.add")
	if usr != nil {
		base = *usr
		title = w.T("users.title.edit", "Name", usr.FullName)
	}
	ud := &userDialog{u: u, done: make(chan struct{})}
	ud.form = newUserForm(w, base, u.loaded.Practitioners, false, u.d.focusSearch)
	ud.result = fieldError()
	ud.save = button(w.T("common.save"), true, func() { ud.doSave() })
	cancel := button(w.T("common.cancel"), false, func() { ud.m.escape() })
	for _, e := range []*deskEntry{ud.form.fullName, ud.form.login, ud.form.password, ud.form.repeat} {
		e.onEscape = func() { ud.m.escape() }
	}
	ud.form.onState = func() {
		if ud.form.valid && ud.form.changed && !ud.saving {
			ud.save.Enable()
		} else {
			ud.save.Disable()
		}
	}
	ud.form.onState()
	ud.m = showModal(u.d.win.Canvas(), title, container.New(&minWidth{w: 560}, container.NewVBox(ud.form.content, ud.result)), cancel, ud.save)
	ud.m.guardIn(w, w.T("users.discard"), nil)
	u.d.win.Canvas().Focus(ud.form.fullName)
	u.form = ud
	return ud
}

// doSave hashes a new password and saves in the background; a failure
// keeps the dialog open with everything typed.
func (ud *userDialog) doSave() <-chan struct{} {
	f := ud.form
	if !f.valid || ud.saving {
		f.touchAll()
		return closed()
	}
	usr, password := f.user()
	d, store := ud.u.d, ud.u.d.store
	ud.saving = true
	f.onState()
	showError(ud.result, "")
	return backgroundThen(d.do, func() (data.User, error) {
		return saveUser(context.Background(), store, usr, password)
	}, func(saved data.User, err error) <-chan struct{} {
		ud.saving = false
		f.onState()
		if err != nil {
			d.opts.logf("ui: saving a user: %v", err)
			if ps := fieldProblems(d.w, data.ProblemsOf(err)); len(ps) > 0 && ps[""] == "" {
				f.touchAll()
			}
			showError(ud.result, d.w.T("common.not_saved", "Why", d.w.Error(err)))
			ud.m.fit()
			return nil
		}
		ud.m.close()
		close(ud.done)
		d.say(d.w.T("users.said_saved", "Name", saved.FullName))
		return ud.u.shown()
	})
}
