package ui

import (
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// cancelForm asks for the reason of a cancellation (kept with the
// appointment, which stays on the calendar, greyed) and, for a series,
// which occurrences it concerns. It names what will happen before it
// happens.
type cancelForm struct {
	f       *bookingForm
	m       *modal
	reason  *deskEntry
	scope   *widget.RadioGroup
	confirm *widget.Button
	problem *widget.Label
}

// cancelReasons are offered as a start; any reason may be typed.
var cancelReasons = []string{"Patient cancelled", "Patient is ill", "Practitioner unavailable", "Booked by mistake"}

func openCancel(f *bookingForm) *cancelForm {
	cf := &cancelForm{f: f}
	a := f.orig
	cf.reason = newDeskEntry(f.patient.focus)
	cf.reason.SetPlaceHolder("Why is it cancelled?")
	cf.reason.OnChanged = func(string) { cf.validate() }
	cf.reason.onEscape = func() { cf.m.escape() }
	quick := container.NewHBox()
	for _, r := range cancelReasons {
		r := r
		quick.Add(widget.NewButton(r, func() { cf.reason.SetText(r) }))
	}
	cf.problem = fieldError()
	cf.confirm = button("Cancel appointment", true, cf.doCancel)
	cf.confirm.Importance = widget.DangerImportance
	what := whoOf(*a) + ", " + a.Day.Weekday().String() + " " + f.d.pr.DateFormat.Format(a.Day) + " at " + a.Start.String() +
		" with " + a.PractitionerName + "."
	rows := []*widget.Label{quiet(what), quiet("It stays on the calendar, greyed, with its reason, and can be restored.")}
	body := container.NewVBox()
	for _, r := range rows {
		body.Add(r)
	}
	body.Add(widget.NewForm(widget.NewFormItem("Reason", cf.reason)))
	body.Add(quick)
	if f.series != nil {
		cf.scope = widget.NewRadioGroup([]string{scopeOne, scopeFollowing, scopeAll}, func(string) { cf.validate() })
		cf.scope.Required = true
		cf.scope.SetSelected(scopeOne)
		body.Add(captioned("Cancel", cf.scope))
	}
	body.Add(cf.problem)
	cf.m = showModal(f.d.win.Canvas(), "Cancel the appointment", container.New(&minWidth{w: 560}, body),
		button("Keep it", false, func() { cf.m.escape() }), cf.confirm)
	f.d.win.Canvas().Focus(cf.reason)
	cf.validate()
	cf.m.guard("Discard this cancellation?", nil)
	f.d.calendar.cancelForm = cf
	return cf
}

func (cf *cancelForm) validate() {
	r := data.CleanText(cf.reason.Text)
	switch {
	case r == "":
		showError(cf.problem, "Reason: say why, so that the calendar can tell later.")
		cf.confirm.Disable()
	case len([]rune(r)) > data.MaxShort:
		showError(cf.problem, "Reason: at most 200 characters.")
		cf.confirm.Disable()
	default:
		showError(cf.problem, "")
		cf.confirm.Enable()
	}
	if cf.scope != nil {
		label := map[string]string{scopeOne: "Cancel appointment", scopeFollowing: "Cancel this and the following", scopeAll: "Cancel the series"}
		cf.confirm.SetText(label[cf.scope.Selected])
	}
}

func (cf *cancelForm) doCancel() {
	f := cf.f
	a := *f.orig
	reason := cf.reason.Text
	scope := data.ScopeOne
	if cf.scope != nil {
		switch cf.scope.Selected {
		case scopeFollowing:
			scope = data.ScopeFollowing
		case scopeAll:
			scope = data.ScopeAll
		}
	}
	cf.confirm.Disable()
	var n int
	f.d.write(func(tx *data.Tx) error {
		var err error
		n, err = tx.CancelSeries(a.ID, scope, reason)
		return err
	}, func(err error) {
		cf.confirm.Enable()
		showError(cf.problem, hardWrap(data.ErrorMessage(err), 80))
	}, func() <-chan struct{} {
		cf.m.close()
		f.m.close()
		msg := whoOf(a) + ": cancelled (" + strings.TrimSpace(reason) + ")."
		if n > 1 {
			msg = countText(n, "appointment", "appointments") + " of the series cancelled (" + strings.TrimSpace(reason) + ")."
		}
		f.d.say(msg)
		if f.onSaved != nil {
			f.onSaved(a.Day)
		}
		offerFreedSlot(f.d, a, f.onSaved)
		return nil
	})
}
