package ui

import (
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
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
var cancelReasons = []i18n.Key{"cancel.reason.patient_cancelled", "cancel.reason.patient_ill", "cancel.reason.practitioner_away",
	"cancel.reason.mistake"}

func openCancel(f *bookingForm) *cancelForm {
	cf := &cancelForm{f: f}
	a, w := f.orig, f.d.w
	cf.reason = newDeskEntry(f.patient.focus)
	cf.reason.SetPlaceHolder(w.T("cancel.reason_placeholder"))
	cf.reason.OnChanged = func(string) { cf.validate() }
	cf.reason.onEscape = func() { cf.m.escape() }
	quick := container.NewGridWithColumns(2)
	for _, k := range cancelReasons {
		r := w.T(k)
		quick.Add(widget.NewButton(r, func() { cf.reason.SetText(r) }))
	}
	cf.problem = fieldError()
	cf.confirm = button(w.T("cancel.confirm.one"), true, cf.doCancel)
	cf.confirm.Importance = widget.DangerImportance
	what := w.T("cancel.what", "Who", whoOf(w, *a), "Weekday", a.Day.Weekday(), "Date", a.Day, "Time", a.Start.String(),
		"Practitioner", a.PractitionerName)
	rows := []*widget.Label{quiet(hardWrap(what, 80)), quiet(hardWrap(w.T("cancel.kept"), 80))}
	body := container.NewVBox()
	for _, r := range rows {
		body.Add(r)
	}
	body.Add(widget.NewForm(widget.NewFormItem(w.T("cancel.reason"), cf.reason)))
	body.Add(quick)
	if f.series != nil {
		cf.scope = newScopeChoice(w, cf.validate)
		body.Add(captioned(w.T("cancel.scope"), cf.scope))
	}
	body.Add(cf.problem)
	cf.m = showModal(f.d.win.Canvas(), w.T("cancel.title"), container.New(&minWidth{w: 560}, body),
		button(w.T("cancel.keep"), false, func() { cf.m.escape() }), cf.confirm)
	f.d.win.Canvas().Focus(cf.reason)
	cf.validate()
	cf.m.guardIn(w, w.T("cancel.discard"), nil)
	f.d.calendar.cancelForm = cf
	return cf
}

// confirmLabels name the cancel button for each scope.
var confirmLabels = map[data.Scope]i18n.Key{data.ScopeOne: "cancel.confirm.one", data.ScopeFollowing: "cancel.confirm.following",
	data.ScopeAll: "cancel.confirm.all"}

func (cf *cancelForm) validate() {
	w := cf.f.d.w
	r := data.CleanText(cf.reason.Text)
	switch {
	case r == "":
		showError(cf.problem, w.T("cancel.problem.missing", "Field", i18n.Key("cancel.reason")))
		cf.confirm.Disable()
	case len([]rune(r)) > data.MaxShort:
		showError(cf.problem, w.T("cancel.problem.too_long", "Field", i18n.Key("cancel.reason"), "Max", data.MaxShort))
		cf.confirm.Disable()
	default:
		showError(cf.problem, "")
		cf.confirm.Enable()
	}
	if cf.scope != nil {
		cf.confirm.SetText(w.T(confirmLabels[scopeOf(cf.scope)]))
	}
}

func (cf *cancelForm) doCancel() {
	f := cf.f
	a := *f.orig
	reason := cf.reason.Text
	scope := scopeOf(cf.scope)
	cf.confirm.Disable()
	var n int
	f.d.write(func(tx *data.Tx) error {
		var err error
		n, err = tx.CancelSeries(a.ID, scope, reason)
		return err
	}, func(err error) {
		cf.confirm.Enable()
		showError(cf.problem, hardWrap(f.d.w.Error(err), 80))
	}, func() <-chan struct{} {
		cf.m.close()
		f.m.close()
		w := f.d.w
		msg := w.T("cancel.said_one", "Who", whoOf(w, a), "Reason", strings.TrimSpace(reason))
		if n > 1 {
			msg = w.N("cancel.said_series", n, "Reason", strings.TrimSpace(reason))
		}
		f.d.say(msg)
		if f.onSaved != nil {
			f.onSaved(a.Day)
		}
		offerFreedSlot(f.d, a, f.onSaved)
		return nil
	})
}
