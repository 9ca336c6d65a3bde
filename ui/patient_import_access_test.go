package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// TestImportButtonOnlyForRolesThatMayCreatePatients signs in as each
// role and looks for Import… on the Patients screen: it shows for the
// roles with the right to create patients, and for billing it is
// neither shown nor reachable (the wizard does not open, and says why).
func TestImportButtonOnlyForRolesThatMayCreatePatients(t *testing.T) {
	s, _ := fixtureStore(t)
	for _, role := range data.Roles {
		h := newSignedOutHarness(t, s, Options{Logf: t.Logf})
		h.signInAs(role)
		d := h.desk()
		h.wait(d.show(screenPatients))
		b := findButton(d.patients.view(), d.w.T("import.wizard.button"))
		shown := b != nil && b.Visible() && isShownIn(d.win.Canvas().Content(), b)
		may := data.Can(s.Actor(), data.RightPatientsWrite)
		if shown != may {
			t.Errorf("%s: Import shown %v, may create patients %v", role, shown, may)
		}
		wz := d.patients.startImport()
		if (wz != nil) != may {
			t.Errorf("%s: the wizard opened %v, may create patients %v", role, wz != nil, may)
		}
		if wz == nil && !strings.Contains(d.message.Text, "does not give access") {
			t.Errorf("%s: the refused import said %q", role, d.message.Text)
		}
		if wz != nil {
			closeTopModal(h.win.Canvas())
		}
	}
}

// isShownIn reports whether o is in root's tree with every container on
// the way visible.
func isShownIn(root, o fyne.CanvasObject) bool {
	if root == o {
		return o.Visible()
	}
	c, ok := root.(*fyne.Container)
	if !ok || !c.Visible() {
		return false
	}
	for _, child := range c.Objects {
		if isShownIn(child, o) {
			return true
		}
	}
	return false
}
