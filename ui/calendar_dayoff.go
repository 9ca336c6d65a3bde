package ui

import (
	"context"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// wholePractice is the first choice of a day off's "who".
const wholePractice = "The whole practice (closed)"

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
	df := c.d.pr.DateFormat
	f := &dayOffForm{c: c, off: o}
	names := []string{wholePractice}
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
		kinds = append(kinds, data.DayOff{Kind: k, PractitionerID: "x"}.KindLabel())
	}
	f.kind = newDeskSelect(kinds, func(string) { f.validate() })
	for i, k := range data.DayOffKinds {
		if k == o.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	f.reason = newDeskEntry(c.d.focusSearch)
	f.reason.SetPlaceHolder("Christmas, annual leave, a course…")
	f.reason.SetText(o.Reason)
	f.problem = fieldError()
	for _, e := range []*deskEntry{f.from, f.to, f.reason} {
		e.OnChanged = func(string) { f.validate() }
		e.onEscape = func() { f.m.escape() }
	}
	f.save = button("Save", true, f.doSave)
	buttons := []*widget.Button{button("Cancel", false, func() { f.m.escape() })}
	if o.ID != "" {
		f.remove = button("Remove day off", false, f.doRemove)
		f.remove.Importance = widget.DangerImportance
		buttons = append([]*widget.Button{f.remove}, buttons...)
	}
	form := widget.NewForm(
		widget.NewFormItem("Who", f.who),
		widget.NewFormItem("From", f.from),
		widget.NewFormItem("To", f.to),
		widget.NewFormItem("Kind", f.kind),
		widget.NewFormItem("Reason", f.reason))
	title := "Day off"
	if o.ID == "" {
		title = "New day off"
	}
	objs := []*widget.Button{}
	objs = append(objs, buttons...)
	objs = append(objs, f.save)
	f.m = showModal(c.d.win.Canvas(), title, container.New(&minWidth{w: 460}, container.NewVBox(form,
		quiet("Appointments already booked on these days stay booked;"),
		quiet("the calendar shows them over the blocked day."), f.problem)), buttonObjects(objs)...)
	f.validate()
	question := "Discard this day off?"
	if o.ID != "" {
		question = "Discard the changes to this day off?"
	}
	f.m.guard(question, nil)
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
	var err error
	if o.First, err = df.Parse(f.from.Text); err != nil {
		return o, "From: " + err.Error() + "."
	}
	if o.Last, err = df.Parse(f.to.Text); err != nil {
		return o, "To: " + err.Error() + "."
	}
	check := o
	if err := check.ValidateAs(df); err != nil {
		return o, data.ErrorMessage(err)
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
	f.write(func(tx *data.Tx) error { return tx.Save(&o) }, o.First, "Day off saved.")
}

func (f *dayOffForm) doRemove() {
	o := f.off
	f.write(func(tx *data.Tx) error { return tx.Delete(&o) }, o.First, "Day off removed.")
}

// write runs the change in the background; the form stays open, with
// what was typed, when it fails.
func (f *dayOffForm) write(fn func(tx *data.Tx) error, day data.Date, said string) {
	f.saving = true
	f.validate()
	f.c.d.write(fn, func(err error) {
		f.saving = false
		f.validate()
		showError(f.problem, hardWrap(data.ErrorMessage(err), 70))
	}, func() <-chan struct{} {
		f.saving = false
		f.m.close()
		f.c.d.say(said)
		f.c.saved(day)
		return nil
	})
}
