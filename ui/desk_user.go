package ui

import (
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// can reports whether the signed-in user may do what r guards: the
// screens hide or disable what they may not, and the store refuses it
// anyway (data/permission.go).
func (d *desk) can(r data.Right) bool { return data.Can(d.store.Actor(), r) }

// enableIf enables b when the user may do what it does, and disables it
// otherwise: a button the role may not use is greyed, not a refusal later.
func enableIf(b *widget.Button, ok bool) {
	if ok {
		b.Enable()
	} else {
		b.Disable()
	}
}

// notForRole is what a screen or tab shows in place of records the
// user's role may not see: hidden, and said so, never an empty list.
func notForRole(w words, r data.Right) *widget.Label {
	l := paragraph(w.Error(data.NewError(data.EForbidden, "access.forbidden", "Right", data.RightLabel(r))))
	l.Importance = widget.WarningImportance
	return l
}

// showUser names the signed-in user in the top bar, and says when the
// demo signed them in by itself.
func (d *desk) showUser() {
	text := d.w.T("desk.user", "Name", d.user.FullName, "Role", d.w.T(data.RoleLabel(d.user.Role)))
	if d.autoSignedIn {
		text = d.w.T("desk.user_demo", "Name", d.user.FullName, "Role", d.w.T(data.RoleLabel(d.user.Role)))
	}
	d.userLabel.SetText(text)
}

// lock locks the desk: the Lock button and Ctrl+L.
func (d *desk) lock() {
	if d.onLock != nil {
		d.onLock()
	}
}
