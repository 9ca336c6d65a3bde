package ui

import (
	"context"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// dayOffForm adds or edits days off: who, from, to, kind, reason. It
// validates as the secretary types and keeps what was typed when saving
// fails.
type dayOffForm struct {
	c        *calendarScreen
	m        *modal
	off      data.DayOff
	who      *deskSelect
	whoIDs   []string
	from, to *deskEntry
	kind     *deskSelect
	reason   *deskEntry
	problem  *widget.Label
	save     *widget.Button
	remove   *widget.Button // nil for a new day off
	saving   bool
}

// newDayOff opens the form on the calendar's day, for the practitioner of
// the week view or the whole practice.
func (c *calendarScreen) newDayOff() *dayOffForm {
	o := data.DayOff{First: c.day, Last: c.day, Kind: data.OffLeave}
	if c.mode == modeWeek {
		o.PractitionerID = c.weekPr
	} else {
		o.Kind = data.OffHoliday
	}
	return c.dayOffForm(o)
}

// openDayOff loads a day off and opens it, to change or remove it.
func (c *calendarScreen) openDayOff(id string) {
	if id == "" {
		return
	}
	store := c.d.store
	background(c.d.do, func() (data.DayOff, error) { return store.DayOff(context.Background(), id) }, func(o data.DayOff, err error) {
		if err != nil {
			c.d.sayError(err)
			return
		}
		c.dayOffForm(o)
	})
}

func (c *calendarScreen) dayOffForm(o data.DayOff) *dayOffForm {
	df, w := c.d.pr.DateFormat, c.d.w
	f := &dayOffForm{c: c, off: o}
	names := []string{w.T("day_off.whole_practice")}
	f.whoIDs = []string{""}
	for _, p := range c.refs.activePractitioners() {
		names = append(names, p.DisplayName)
		f.whoIDs = append(f.whoIDs, p.ID)
	}
	f.who = newDeskSelect(names, func(string) { f.validate() })
	for i, id := range f.whoIDs {
		if id == o.PractitionerID {
			f.who.SetSelectedIndex(i)
		}
	}
	f.from, f.to = newDeskEntry(c.d.focusSearch), newDeskEntry(c.d.focusSearch)
	f.from.SetText(df.Format(o.First))
	f.to.SetText(df.Format(o.Last))
	var kinds []string
	for _, k := range data.DayOffKinds {
		kinds = append(kinds, i18n.Title(w.T(data.DayOff{Kind: k, PractitionerID: "x"}.KindKey())))
	}
	f.kind = newDeskSelect(kinds, func(string) { f.validate() })
	for i, k := range data.DayOffKinds {
		if k == o.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	f.reason = newDeskEntry(c.d.focusSearch)
	f.reason.SetPlaceHolder(w.T("day_off.reason_placeholder"))
	f.reason.SetText(o.Reason)
	f.problem = fieldError()
	for _, e := range []*deskEntry{f.from, f.to, f.reason} {
		e.OnChanged = func(string) { f.validate() }
		e.onEscape = func() { f.m.escape() }
	}
	f.save = button(w.T("common.save"), true, f.doSave)
	buttons := []*widget.Button{button(w.T("common.cancel"), false, func() { f.m.escape() })}
	if o.ID != "" {
		f.remove = button(w.T("day_off.remove"), false, f.doRemove)
		f.remove.Importance = widget.DangerImportance
		buttons = append([]*widget.Button{f.remove}, buttons...)
	}
	l := data.DayOffLabel
	form := widget.NewForm(
		widget.NewFormItem(w.T(l(data.FieldPractitioner)), f.who),
		widget.NewFormItem(w.T(l(data.FieldFirst)), f.from),
		widget.NewFormItem(w.T(l(data.FieldLast)), f.to),
		widget.NewFormItem(w.T(l(data.FieldKind)), f.kind),
		widget.NewFormItem(w.T(l(data.FieldReason)), f.reason))
	title := w.T("day_off.title.open")
	if o.ID == "" {
		title = w.T("day_off.title.new")
	}
	objs := []*widget.Button{}
	objs = append(objs, buttons...)
	objs = append(objs, f.save)
	f.m = showModal(c.d.win.Canvas(), title, container.New(&minWidth{w: 460}, container.NewVBox(form,
		quiet(hardWrap(w.T("day_off.booked_stay"), 62)), f.problem)), buttonObjects(objs)...)
	f.validate()
	question := w.T("day_off.discard_new")
	if o.ID != "" {
		question = w.T("day_off.discard_changes")
	}
	f.m.guardIn(w, question, nil)
	c.dayOff = f
	return f
}

// input reads the form into a day off, or says what is wrong.
func (f *dayOffForm) input() (data.DayOff, string) {
	df := f.c.d.pr.DateFormat
	o := f.off
	if i := f.who.SelectedIndex(); i >= 0 && i < len(f.whoIDs) {
		o.PractitionerID = f.whoIDs[i]
	}
	if i := f.kind.SelectedIndex(); i >= 0 {
		o.Kind = data.DayOffKinds[i]
	}
	o.Reason = f.reason.Text
	w := f.c.d.w
	var err error
	if o.First, err = df.Parse(f.from.Text); err != nil {
		return o, w.fieldProblem(data.DayOffLabel(data.FieldFirst), err)
	}
	if o.Last, err = df.Parse(f.to.Text); err != nil {
		return o, w.fieldProblem(data.DayOffLabel(data.FieldLast), err)
	}
	check := o
	if err := check.ValidateAs(df); err != nil {
		return o, w.Error(err)
	}
	return o, ""
}

func (f *dayOffForm) validate() {
	if f.save == nil {
		return // still building
	}
	_, problem := f.input()
	showError(f.problem, hardWrap(problem, 70))
	if problem != "" || f.saving {
		f.save.Disable()
	} else {
		f.save.Enable()
	}
}

func (f *dayOffForm) doSave() {
	o, problem := f.input()
	if problem != "" {
		return
	}
	f.write(func(tx *data.Tx) error { return tx.Save(&o) }, o.First, f.c.d.w.T("day_off.said_saved"))
}

func (f *dayOffForm) doRemove() {
	o := f.off
	f.write(func(tx *data.Tx) error { return tx.Delete(&o) }, o.First, f.c.d.w.T("day_off.said_removed"))
}

// write runs the change in the background; the form stays open, with
// what was typed, when it fails.
func (f *dayOffForm) write(fn func(tx *data.Tx) error, day data.Date, said string) {
	f.saving = true
	f.validate()
	f.c.d.write(fn, func(err error) {
		f.saving = false
		f.validate()
		showError(f.problem, hardWrap(f.c.d.w.Error(err), 70))
	}, func() <-chan struct{} {
		f.saving = false
		f.m.close()
		f.c.d.say(said)
		f.c.saved(day)
		return nil
	})
}
