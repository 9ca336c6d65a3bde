package ui

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// Fields of the user form that data does not have.
const fieldRepeat = "repeat"

// userForm is the form of one user: the first administrator at the first
// start, and a user added or changed in Settings → Users. It validates
// as typed, with data's own checks (User.Validate, CheckPassword), and
// puts each problem under its field once the field was touched.
type userForm struct {
	w     words
	base  data.User // the user changed; ID "" for a new one
	prs   []data.Practitioner
	first bool // the first administrator: no role, no column, no grants

	fullName, login, password, repeat *deskEntry
	role, practitioner                *deskSelect
	clinical, active                  *widget.Check
	msgs                              map[string]*widget.Label
	touched                           map[string]bool
	loginTyped                        bool // the login was typed, not proposed from the name

	valid   bool
	changed bool
	onState func()
	content fyne.CanvasObject
}

func newUserForm(w words, base data.User, prs []data.Practitioner, first bool, onFind func()) *userForm {
	f := &userForm{w: w, base: base, prs: prs, first: first, msgs: map[string]*widget.Label{}, touched: map[string]bool{}}
	entry := func(field string, e *deskEntry) *deskEntry {
		e.OnChanged = func(string) {
			f.touched[field] = true
			f.check()
		}
		return e
	}
	f.fullName = entry(data.FieldFullName, newDeskEntry(onFind))
	f.login = entry(data.FieldLogin, newDeskEntry(onFind))
	f.password = entry(data.FieldPassword, newDeskEntry(onFind))
	f.repeat = entry(fieldRepeat, newDeskEntry(onFind))
	f.password.Password, f.repeat.Password = true, true
	f.fullName.OnChanged = func(string) {
		f.touched[data.FieldFullName] = true
		if !f.loginTyped && f.base.ID == "" {
			f.login.OnChanged = nil
			f.login.SetText(proposedLogin(f.fullName.Text))
			f.login.OnChanged = func(string) { f.loginTyped = true; f.touched[data.FieldLogin] = true; f.check() }
		}
		f.check()
	}
	f.login.OnChanged = func(string) { f.loginTyped = true; f.touched[data.FieldLogin] = true; f.check() }
	roles := make([]string, len(data.Roles))
	for i, r := range data.Roles {
		roles[i] = w.T(data.RoleLabel(r))
	}
	f.role = newDeskSelect(roles, func(string) { f.check() })
	prNames := []string{w.T("users.no_column")}
	for _, p := range prs {
		prNames = append(prNames, p.DisplayName)
	}
	f.practitioner = newDeskSelect(prNames, func(string) { f.check() })
	f.clinical = widget.NewCheck(w.T("users.grant.clinical"), func(bool) { f.check() })
	f.active = widget.NewCheck(w.T("users.active"), func(bool) { f.check() })

	block := func(field string, obj fyne.CanvasObject) fyne.CanvasObject {
		msg := widget.NewLabel("")
		msg.Wrapping = fyne.TextWrapWord
		msg.Hide()
		f.msgs[field] = msg
		label := w.T("users.field.repeat")
		if field != fieldRepeat {
			label = w.T(data.UserLabel(field))
		}
		return container.NewVBox(bold(label), obj, msg)
	}
	names := container.NewGridWithColumns(2, block(data.FieldFullName, f.fullName), block(data.FieldLogin, f.login))
	passwords := container.NewGridWithColumns(2, block(data.FieldPassword, f.password), block(fieldRepeat, f.repeat))
	hint := quiet(w.T("users.hint.password", "Min", data.MinPasswordLength))
	hint.Wrapping = fyne.TextWrapWord
	if base.ID != "" {
		hint.SetText(w.T("users.hint.password_keep"))
	}
	if first {
		f.content = container.NewVBox(names, passwords, hint)
	} else {
		f.content = container.NewVBox(names,
			container.NewGridWithColumns(2, block(data.FieldRole, f.role), block(data.FieldPractitioner, f.practitioner)),
			block(data.FieldGrants, container.NewVBox(f.clinical, f.active)),
			passwords, hint)
	}
	f.reset(base)
	return f
}

// proposedLogin makes a sign-in name of a full name: "Marie-Claire
// Dubois" → "marie-claire.dubois".
func proposedLogin(name string) string {
	var b strings.Builder
	for _, r := range data.Fold(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '_':
			b.WriteRune('.')
		}
	}
	s := strings.Trim(b.String(), ".-")
	for strings.Contains(s, "..") {
		s = strings.ReplaceAll(s, "..", ".")
	}
	if len(s) > data.MaxLogin {
		s = s[:data.MaxLogin]
	}
	return s
}

// reset fills the form with a user.
func (f *userForm) reset(u data.User) {
	f.base = u
	onState := f.onState
	f.onState = nil
	f.loginTyped = u.ID != ""
	f.fullName.SetText(u.FullName)
	f.login.SetText(u.Login)
	if u.ID != "" {
		f.login.Disable() // it names the user in the audit log
	}
	f.password.SetText("")
	f.repeat.SetText("")
	role := u.Role
	if !role.Valid() {
		role = data.RoleSecretary
	}
	f.role.SetSelectedIndex(slices.Index(data.Roles, role))
	f.practitioner.SetSelectedIndex(0)
	for i, p := range f.prs {
		if p.ID == u.PractitionerID {
			f.practitioner.SetSelectedIndex(i + 1)
		}
	}
	f.clinical.SetChecked(slices.Contains(u.Grants, data.RightClinicalRead))
	f.active.SetChecked(u.Active || u.ID == "")
	f.touched = map[string]bool{}
	f.onState = onState
	f.check()
}

// user is what the form holds, and the password typed ("" to keep it).
func (f *userForm) user() (data.User, string) {
	u := f.base
	u.FullName, u.Login = f.fullName.Text, f.login.Text
	if f.first {
		u.Role, u.Active = data.RoleAdmin, true
		return u, f.password.Text
	}
	if i := f.role.SelectedIndex(); i >= 0 {
		u.Role = data.Roles[i]
	}
	u.PractitionerID = ""
	if i := f.practitioner.SelectedIndex(); i > 0 {
		u.PractitionerID = f.prs[i-1].ID
	}
	u.Grants = nil
	if f.clinical.Checked && !data.Can(data.Actor{Role: u.Role}, data.RightClinicalRead) {
		u.Grants = []data.Right{data.RightClinicalRead}
	}
	u.Active = f.active.Checked
	return u, f.password.Text
}

// problems checks the form as the store will, by field.
func (f *userForm) problems() map[string]string {
	u, password := f.user()
	var ps data.Problems
	if f.base.PasswordHash == "" || password != "" {
		u.PasswordHash = placeholderHash // the hash is made on saving
		if err := data.CheckPassword(password, u.Login, u.FullName); err != nil {
			ps = append(ps, data.ProblemsOf(err)...)
		}
	}
	ps = append(ps, data.ProblemsOf(u.Validate())...)
	out := fieldProblems(f.w, ps)
	if password != f.repeat.Text {
		if out == nil {
			out = map[string]string{}
		}
		out[fieldRepeat] = f.w.T("users.problem.repeat")
	}
	return out
}

// placeholderHash passes Validate's check of a hash while the form is
// typed in: the real hash is made on saving, off the UI goroutine.
const placeholderHash = "$argon2id$v=19$m=65536,t=8,p=2$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

// check shows each touched field's problem and tells the owner.
func (f *userForm) check() {
	problems := f.problems()
	f.valid = len(problems) == 0
	u, password := f.user()
	b := f.base
	f.changed = b.ID == "" || password != "" || u.FullName != b.FullName || u.Role != b.Role || u.PractitionerID != b.PractitionerID ||
		u.Active != b.Active || !slices.Equal(u.Grants, b.Grants)
	for field, msg := range f.msgs {
		p, ok := problems[field]
		if ok && f.touched[field] {
			setText(msg, p, widget.DangerImportance)
			msg.Show()
		} else {
			msg.Hide()
		}
	}
	if f.onState != nil {
		f.onState()
	}
}

// touchAll shows every problem, as when Save is pressed.
func (f *userForm) touchAll() {
	for field := range f.msgs {
		f.touched[field] = true
	}
	f.check()
}

// saveUser hashes a new password (off the UI goroutine: it takes a
// fraction of a second) and saves the user through the write path.
func saveUser(ctx context.Context, store *data.Store, u data.User, password string) (data.User, error) {
	if password != "" {
		hash, err := data.HashPassword(password, u.Login, u.FullName)
		if err != nil {
			return u, err
		}
		u.PasswordHash = hash
	}
	err := store.Update(ctx, func(tx *data.Tx) error { return tx.SaveUser(&u) })
	return u, err
}
