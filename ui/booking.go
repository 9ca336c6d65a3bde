package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// bookingStart is what a new booking starts from: the slot clicked, and
// for bookings made from a list the patient and type.
type bookingStart struct {
	practitioner string
	day          data.Date
	start        data.WallTime
	patient      data.PatientHit
	typeID       string
	waitlistID   string // booking a waitlisted patient into a freed slot
	minutes      int    // length of the slot, 0: the type's
	// propose: day and start are only where to look from; the form puts
	// the next free slot in their place (proposeSlot).
	propose bool
}

// Scopes of a series edit, as the form words them.
const (
	scopeOne       = "This appointment only"
	scopeFollowing = "This one and the following"
	scopeAll       = "Every appointment of the series"
)

// bookingForm books a new appointment or changes one. It validates as
// the secretary types (Save is disabled until the booking is complete),
// warns of clashes while there is still time to choose another slot, and
// keeps everything typed when a save fails; a clash found on saving turns
// Save into "Book anyway".
type bookingForm struct {
	d       *desk
	refs    bookingRefs
	orig    *data.AppointmentView // nil for a new booking
	series  *data.Series          // the series of orig, if any
	start   bookingStart
	onSaved func(data.Date)
	m       *modal

	patient  *patientPicker
	typeSel  *deskSelect
	prSel    *deskSelect
	date     *deskEntry
	from, to *deskEntry
	notes    *noteEntry
	repeat   *repeatFields
	waitlist *widget.Check
	scope    *widget.RadioGroup
	status   *statusBar
	problems *widget.Label
	clashes  *widget.Label
	result   *widget.Label
	save     *widget.Button
	slot     *widget.Button

	prIDs   []string
	typeIDs []string
	lastLen int  // the length of the times last typed valid, when no type gives one
	allow   bool // the clash warning was seen: the next save books anyway
	saving  bool
	// quiet is set while the form fills its own fields; touched once the
	// secretary changed something: problems show only then, not as red
	// lines on a form she has not typed in yet.
	quiet, touched bool
	// proposed is closed once the proposed slot is on the form, or
	// given up (tests).
	proposed chan struct{}
	// clashCheck is the live clash check; clashChecked is closed once
	// the check of the latest input is on screen (tests).
	clashCheck   *loader[struct{}, []data.Clash]
	clashChecked <-chan struct{}
	// lastClashes is the live clash check's finding, for tests.
	lastClashes []data.Clash
}

// clashDelay is the pause in typing after which the live clash check
// runs: one query for a time typed, not one per keystroke.
const clashDelay = 250 * time.Millisecond

// clashCheckFailed starts the line shown when the live check could not
// run; the save checks again anyway.
const clashCheckFailed = "Clashes could not be checked: "

// openBooking opens the form for a new booking. The lists it needs are
// the calendar's when loaded, else read first in the background. A
// practice without an active practitioner cannot book: it is told how
// to get one instead of being shown a form it cannot complete.
func openBooking(d *desk, st bookingStart, onSaved func(data.Date)) {
	withRefs(d, func(refs bookingRefs) {
		if len(refs.activePractitioners()) == 0 {
			showNoPractitioners(d)
			return
		}
		newBookingForm(d, refs, st, nil, nil, onSaved)
	})
}

// openAppointment loads an appointment (and its series) and opens it.
func openAppointment(d *desk, id string, onSaved func(data.Date)) {
	store := d.store
	type opened struct {
		v  data.AppointmentView
		sr *data.Series
	}
	background(d.do, func() (opened, error) {
		ctx := context.Background()
		v, err := store.Appointment(ctx, id)
		var sr *data.Series
		if err == nil && v.SeriesID != "" {
			if s, serr := store.Series(ctx, v.SeriesID); serr == nil {
				sr = &s
			}
		}
		return opened{v, sr}, err
	}, func(o opened, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		withRefs(d, func(refs bookingRefs) { newBookingForm(d, refs, bookingStart{}, &o.v, o.sr, onSaved) })
	})
}

// withRefs runs fn with the booking lists, loading them when the
// calendar has not.
func withRefs(d *desk, fn func(bookingRefs)) {
	if len(d.calendar.refs.Practitioners) > 0 {
		fn(d.calendar.refs)
		return
	}
	store := d.store
	background(d.do, func() (bookingRefs, error) { return loadRefs(context.Background(), store) }, func(refs bookingRefs, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		d.calendar.refs = refs
		fn(refs)
	})
}

// bookingWidth is the width of the booking dialog; bookingMessageRoom
// the height it keeps for messages under its fields (three lines).
const (
	bookingWidth       = 700
	bookingMessageRoom = 96
)

func newBookingForm(d *desk, refs bookingRefs, st bookingStart, orig *data.AppointmentView, sr *data.Series, onSaved func(data.Date)) *bookingForm {
	f := &bookingForm{d: d, refs: refs, orig: orig, series: sr, start: st, onSaved: onSaved, quiet: true, proposed: make(chan struct{}),
		clashChecked: closed()}
	f.clashCheck = newLoader[struct{}, []data.Clash](d, nil)
	f.clashCheck.failed = func(err error) {
		f.lastClashes = nil
		showError(f.clashes, hardWrap(clashCheckFailed+data.ErrorMessage(err)+" Saving checks again.", 95))
		f.m.fit()
	}
	df := d.pr.DateFormat
	escape := func() { f.m.escape() }
	f.patient = newPatientPicker(d, f.changed, escape)
	f.patient.onPicked = f.focusTime

	var typeNames []string
	for _, t := range refs.Types {
		if t.Active || (orig != nil && t.ID == orig.TypeID) {
			typeNames = append(typeNames, t.Name+" · "+durationText(t.DurationMin))
			f.typeIDs = append(f.typeIDs, t.ID)
		}
	}
	f.typeSel = newDeskSelect(typeNames, func(string) { f.typeChanged() })
	f.typeSel.PlaceHolder = "Type of visit"
	noTypes := len(typeNames) == 0
	if noTypes {
		// Booking still works: the times typed give the length.
		f.typeSel.PlaceHolder = "No types yet"
		f.typeSel.Disable()
	}
	var prNames []string
	for _, p := range refs.Practitioners {
		// A deactivated practitioner is offered only to keep an existing
		// appointment of theirs as it is, never for a new booking (not
		// even from free time in their column, kept for their history).
		if p.Active || (orig != nil && p.ID == orig.PractitionerID) {
			prNames = append(prNames, p.DisplayName)
			f.prIDs = append(f.prIDs, p.ID)
		}
	}
	f.prSel = newDeskSelect(prNames, func(string) { f.changed() })
	f.prSel.PlaceHolder = "Practitioner"

	f.date, f.from, f.to = newDeskEntry(f.patient.focus), newDeskEntry(f.patient.focus), newDeskEntry(f.patient.focus)
	f.date.SetPlaceHolder(df.Example())
	f.from.SetPlaceHolder("09:00")
	f.to.SetPlaceHolder("09:20")
	f.notes = newNoteEntry(f.patient.focus, 2, data.MaxAppointmentNote, func(msg string) { showError(f.result, msg) })
	f.notes.SetPlaceHolder("Notes for the day list: reason for the visit, what to bring…")
	f.repeat = newRepeatFields(df, f.patient.focus, f.changed, escape)
	f.waitlist = widget.NewCheck("Put on the waitlist for an earlier slot", func(bool) {})
	f.problems, f.clashes, f.result = fieldError(), fieldError(), fieldError()
	f.clashes.Importance = widget.WarningImportance
	f.save = button("Book", true, f.doSave)
	f.slot = widget.NewButton("First free slot", f.findSlot)

	f.fill()
	for _, e := range []*deskEntry{f.date, f.from, f.to, &f.notes.deskEntry} {
		e.OnChanged = func(string) { f.changed() }
		e.onEscape = escape
	}
	f.from.OnChanged = func(string) { f.startChanged() }

	when := container.NewGridWithColumns(4, captioned("Date", f.date), captioned("From", f.from), captioned("To", f.to),
		captioned(" ", f.slot))
	rows := []fyne.CanvasObject{
		captioned("Patient", f.patient.content),
		container.NewGridWithColumns(2, captioned("Type", f.typeSel), captioned("Practitioner", f.prSel)),
		when,
	}
	if noTypes {
		rows = append(rows, quiet("No appointment types yet: type the times, or add types in Settings."))
	}
	rows = append(rows, captioned("Notes", f.notes))
	title := "New appointment"
	buttons := []*widget.Button{button("Close", false, escape)}
	if orig == nil {
		rows = append(rows, captioned("Repeat", f.repeat.content), f.waitlist)
	} else {
		title = "Appointment"
		f.save.SetText("Save")
		if sr != nil {
			title = "Appointment of a series"
			f.scope = widget.NewRadioGroup([]string{scopeOne, scopeFollowing, scopeAll}, func(string) { f.changed() })
			f.scope.Horizontal = true
			f.scope.Required = true
			f.scope.SetSelected(scopeOne)
			rows = append(rows, quiet("Repeats "+sr.Describe(df)+"."), captioned("Change", f.scope))
		}
		f.status = newStatusBar(f)
		rows = append(rows, f.status.content)
		buttons = append([]*widget.Button{f.status.cancelBtn}, buttons...)
	}
	if st.waitlistID != "" {
		title = "Offer the freed slot"
		f.save.SetText("Book this patient")
	}
	// The fields scroll above the messages, which stay in sight over the
	// buttons; the dialog holds the height of its fields plus room for a
	// few lines of messages, so that choosing a patient, a warning or a
	// problem never resizes it or moves it under the mouse.
	fields := container.New(&minWidth{w: bookingWidth}, container.NewVBox(rows...))
	scroll := container.NewVScroll(fields)
	messages := container.NewVBox(f.problems, f.clashes, f.result)
	f.m = showModal(d.win.Canvas(), title, container.NewBorder(nil, messages, nil, nil, scroll),
		buttonObjects(append(buttons, f.save))...)
	f.m.holdHeight(f.m.pop.Content.MinSize().Height - scroll.MinSize().Height + fields.MinSize().Height + bookingMessageRoom)
	if st.propose && orig == nil {
		f.proposeSlot()
	} else {
		close(f.proposed)
	}
	f.changed()
	f.m.guard(f.discardQuestion(), f.patient.state)
	f.quiet = false
	d.calendar.form = f
	switch {
	case orig == nil && st.patient.ID == "":
		d.win.Canvas().Focus(f.patient.search)
	case orig == nil:
		f.focusTime()
	}
	return f
}

// focusTime puts the cursor on the start time, selected, once the patient
// is known: Enter then books at the time proposed, and typing replaces it.
func (f *bookingForm) focusTime() {
	selectAllOnFocus(f.from)
}

// discardQuestion is what Escape asks when the form holds changes.
func (f *bookingForm) discardQuestion() string {
	if f.orig != nil {
		return "Discard the changes to this appointment?"
	}
	return "Discard this booking?"
}

// fill puts the start values (a new booking) or the stored appointment
// on the widgets.
func (f *bookingForm) fill() {
	df := f.d.pr.DateFormat
	if a := f.orig; a != nil {
		f.selectPractitioner(a.PractitionerID)
		f.selectType(a.TypeID)
		f.date.SetText(df.Format(a.Day))
		f.from.SetText(a.Start.String())
		f.to.SetText(a.End.String())
		f.notes.SetText(a.Notes)
		if a.PatientID == "" {
			f.patient.blocked.SetChecked(true)
		} else {
			f.patient.chosen = data.PatientHit{ID: a.PatientID, ChartNumber: a.ChartNumber, Phone: a.Phone}
			f.patient.chosen.GivenName, f.patient.chosen.FamilyName = splitName(a.PatientName)
			f.patient.layout()
		}
		f.repeat.setDay(a.Day)
		return
	}
	st := f.start
	f.selectPractitioner(st.practitioner)
	typeID := st.typeID
	if typeID == "" && len(f.typeIDs) > 0 {
		typeID = f.typeIDs[0]
	}
	f.date.SetText(df.Format(st.day))
	f.from.SetText(st.start.String())
	f.selectType(typeID) // sets the end from the type's length
	minutes := st.minutes
	if minutes == 0 && typeID == "" {
		minutes = 15 // no type to give a length: a quarter of an hour to start from
	}
	if minutes > 0 {
		f.to.SetText(min(st.start+data.WallTime(minutes), 24*60).String())
	}
	if st.patient.ID != "" {
		f.patient.choose(st.patient)
	}
	f.repeat.setDay(st.day)
}

// splitName undoes "Given Family" for display only; the first word is
// taken as the given name.
func splitName(full string) (given, family string) {
	given, family, ok := strings.Cut(full, " ")
	if !ok {
		return "", full
	}
	return given, family
}

func (f *bookingForm) selectPractitioner(id string) {
	for i, pid := range f.prIDs {
		if pid == id {
			f.prSel.SetSelectedIndex(i)
			return
		}
	}
}

func (f *bookingForm) selectType(id string) {
	for i, tid := range f.typeIDs {
		if tid == id {
			f.typeSel.SetSelectedIndex(i)
			return
		}
	}
}

func (f *bookingForm) typeOf(id string) (data.AppointmentType, bool) {
	for _, t := range f.refs.Types {
		if t.ID == id {
			return t, true
		}
	}
	return data.AppointmentType{}, false
}

// typeChanged gives the booking the type's length.
func (f *bookingForm) typeChanged() {
	if i := f.typeSel.SelectedIndex(); i >= 0 {
		if t, ok := f.typeOf(f.typeIDs[i]); ok {
			if start, err := data.ParseWallTime(f.from.Text); err == nil {
				f.to.SetText(min(start+data.WallTime(t.DurationMin), 24*60).String())
			}
		}
	}
	f.changed()
}

// startChanged keeps the length when the start moves.
func (f *bookingForm) startChanged() {
	start, err1 := data.ParseWallTime(f.from.Text)
	if err1 == nil {
		if length := f.length(); length > 0 {
			f.to.SetText(min(start+data.WallTime(length), 24*60).String())
		}
	}
	f.changed()
}

// length is the booking's length in minutes as last seen valid: the
// appointment's, the type's, or without a type the times last typed.
func (f *bookingForm) length() int {
	if f.orig != nil {
		return int(f.orig.End - f.orig.Start)
	}
	if i := f.typeSel.SelectedIndex(); i >= 0 {
		if t, ok := f.typeOf(f.typeIDs[i]); ok {
			return t.DurationMin
		}
	}
	return f.lastLen
}

// draft reads the form into an appointment, with every problem found.
func (f *bookingForm) draft() (data.Appointment, []string) {
	df := f.d.pr.DateFormat
	var problems []string
	a := data.Appointment{TimeZone: f.d.pr.TimeZone, Notes: f.notes.Text}
	if f.orig != nil {
		// A cancelled appointment keeps its reason: without it the
		// appointment is not valid, and the form could not be saved.
		a.ID, a.Status, a.CancelReason = f.orig.ID, f.orig.Status, f.orig.CancelReason
	}
	problems = append(problems, f.patient.problems()...)
	if !f.patient.blocked.Checked {
		a.PatientID = f.patient.chosen.ID
	}
	if i := f.prSel.SelectedIndex(); i >= 0 {
		a.PractitionerID = f.prIDs[i]
	} else {
		problems = append(problems, "Practitioner: choose who the appointment is with.")
	}
	if i := f.typeSel.SelectedIndex(); i >= 0 {
		a.TypeID = f.typeIDs[i]
	}
	var err error
	if a.Day, err = df.Parse(f.date.Text); err != nil {
		problems = append(problems, "Date: "+err.Error()+".")
	}
	if a.Start, err = data.ParseWallTime(f.from.Text); err != nil {
		problems = append(problems, "From: "+err.Error()+".")
	}
	if strings.TrimSpace(f.to.Text) == "24:00" {
		a.End = 24 * 60
	} else if a.End, err = data.ParseWallTime(f.to.Text); err != nil {
		problems = append(problems, "To: "+err.Error()+".")
	}
	if len(problems) == 0 {
		check := a
		if err := check.ValidateAs(df); err != nil {
			problems = append(problems, strings.Split(data.ErrorMessage(err), "\n")...)
		}
	} else if n := len([]rune(a.Notes)); n > data.MaxAppointmentNote {
		problems = append(problems, "Notes is too long ("+strconv.Itoa(n)+" characters; at most "+strconv.Itoa(data.MaxAppointmentNote)+").")
	}
	return a, problems
}

// seriesDraft is the series a new repeating booking makes.
func (f *bookingForm) seriesDraft(a data.Appointment) (data.Series, []string) {
	sr := data.Series{PractitionerID: a.PractitionerID, PatientID: a.PatientID, TypeID: a.TypeID, First: a.Day,
		Start: a.Start, End: a.End, TimeZone: a.TimeZone, Notes: a.Notes}
	return f.repeat.rule(sr)
}

// changed re-validates after every edit, and checks clashes soon.
func (f *bookingForm) changed() {
	if f.save == nil {
		return // still building
	}
	if !f.quiet {
		f.touched = true
	}
	a, problems := f.draft()
	if !a.Day.IsZero() {
		f.repeat.setDay(a.Day)
	}
	if start, err := data.ParseWallTime(f.from.Text); err == nil && a.End > start {
		f.lastLen = int(a.End - start)
	}
	if len(problems) == 0 && f.orig == nil && f.repeat.repeats() {
		_, problems = f.seriesDraft(a)
	}
	f.allow = false
	f.save.SetText(f.saveLabel())
	if f.patient.blocked.Checked {
		f.waitlist.Disable()
	} else {
		f.waitlist.Enable()
	}
	if f.touched {
		showError(f.problems, hardWrap(strings.Join(problems, "\n"), 95))
	}
	showError(f.result, "")
	if len(problems) > 0 || f.saving {
		f.save.Disable()
	} else {
		f.save.Enable()
	}
	if len(problems) == 0 {
		f.checkClashesSoon(a)
	} else {
		f.clashCheck.stop()
		showError(f.clashes, "")
	}
}

func (f *bookingForm) saveLabel() string {
	switch {
	case f.allow:
		return "Book anyway"
	case f.start.waitlistID != "":
		return "Book this patient"
	case f.orig != nil:
		return "Save"
	}
	return "Book"
}

// checkClashesSoon warns, while the secretary is still typing, of what the
// booking would clash with: once typing pauses, so that a time typed
// makes one query; each keystroke cancels the check before it, and a
// check that fails says so.
func (f *bookingForm) checkClashesSoon(a data.Appointment) {
	store, df := f.d.store, f.d.pr.DateFormat
	f.clashChecked = f.clashCheck.loadAfter(clashDelay, struct{}{}, func(ctx context.Context) ([]data.Clash, error) {
		return store.Clashes(ctx, a)
	}, func(clashes []data.Clash) {
		f.lastClashes = clashes
		showError(f.clashes, hardWrap(clashText(clashes, df), 95))
		f.m.fit() // the line under the fields came or went
	})
}

// clashText is the warning of a list of clashes: each named, one a line.
func clashText(clashes []data.Clash, df data.DateFormat) string {
	if len(clashes) == 0 {
		return ""
	}
	lines := make([]string, len(clashes))
	for i, c := range clashes {
		lines[i] = "⚠ " + c.Text(df)
	}
	return strings.Join(lines, "\n")
}

// doSave writes the booking in the background. The form stays open with
// what was typed when it fails; a clash turns the button into Book anyway.
func (f *bookingForm) doSave() {
	a, problems := f.draft()
	if len(problems) > 0 || f.saving {
		return
	}
	var newPt *data.Patient
	if f.patient.creating && !f.patient.blocked.Checked {
		pt, probs := f.patient.newPatient()
		if len(probs) > 0 {
			return
		}
		newPt = &pt
	}
	var sr data.Series
	repeats := f.orig == nil && f.repeat.repeats()
	if repeats {
		if sr, problems = f.seriesDraft(a); len(problems) > 0 {
			return
		}
	}
	scope := data.ScopeOne
	if f.scope != nil {
		switch f.scope.Selected {
		case scopeFollowing:
			scope = data.ScopeFollowing
		case scopeAll:
			scope = data.ScopeAll
		}
	}
	rule := f.seriesRule(a, scope)
	allow, waitlist, entry := f.allow, f.waitlist.Checked && f.orig == nil, f.start.waitlistID
	f.saving = true
	f.save.Disable()
	var said string
	f.d.write(func(tx *data.Tx) error {
		if newPt != nil {
			pt := *newPt
			if err := tx.CreatePatient(&pt); err != nil {
				return err
			}
			a.PatientID, sr.PatientID = pt.ID, pt.ID
		}
		switch {
		case repeats:
			res, err := tx.CreateSeries(&sr, allow)
			said = seriesSaid(res)
			return err
		case scope != data.ScopeOne:
			res, err := tx.ChangeSeries(a.ID, scope, rule, allow)
			said = seriesSaid(res)
			return err
		case entry != "":
			_, err := tx.TakeSlot(entry, &a, allow)
			return err
		}
		if _, err := tx.Book(&a, allow); err != nil {
			return err
		}
		if waitlist && a.PatientID != "" {
			return tx.Save(&data.WaitlistEntry{PatientID: a.PatientID, PractitionerID: a.PractitionerID, TypeID: a.TypeID,
				AppointmentID: a.ID, Before: a.Day})
		}
		return nil
	}, func(err error) { f.saved(a, said, err) }, func() <-chan struct{} {
		f.saved(a, said, nil)
		return nil
	})
}

// seriesRule is the series' rule as an edit of scope changes it: the
// booking's practitioner, patient, type, times and notes, and its day
// shifted by as many days as this occurrence moved.
func (f *bookingForm) seriesRule(a data.Appointment, scope data.Scope) data.Series {
	if f.series == nil || scope == data.ScopeOne {
		return data.Series{}
	}
	sr := *f.series
	if scope == data.ScopeFollowing {
		sr = sr.From(f.orig.SeriesDay)
	}
	shift := f.orig.SeriesDay.DaysUntil(a.Day)
	if shift != 0 {
		sr.First = sr.First.AddDays(shift)
		sr.MonthDay, sr.WeekOfMonth = 0, 0
	}
	sr.PractitionerID, sr.PatientID, sr.TypeID = a.PractitionerID, a.PatientID, a.TypeID
	sr.Start, sr.End, sr.Notes = a.Start, a.End, a.Notes
	return sr
}

func seriesSaid(res data.SeriesResult) string {
	s := "Series saved: " + countText(res.Created, "appointment booked", "appointments booked")
	if res.Updated > 0 {
		s += ", " + countText(res.Updated, "moved", "moved")
	}
	if res.Removed > 0 {
		s += ", " + countText(res.Removed, "removed", "removed")
	}
	if res.Kept > 0 {
		s += ", " + countText(res.Kept, "kept as it was", "kept as they were")
	}
	if len(res.Moved) > 0 {
		s += "; " + countText(len(res.Moved), "occurrence falls", "occurrences fall") + " in the spring clock change and moved to the first hour after it"
	}
	return s + "."
}

// saved closes the form after a save, or shows why it failed.
func (f *bookingForm) saved(a data.Appointment, said string, err error) {
	f.saving = false
	if err != nil {
		f.changed()
		if data.ErrorCode(err) == data.EClash {
			f.allow = true
			f.save.SetText(f.saveLabel())
			showError(f.clashes, "")
		}
		showError(f.result, hardWrap(data.ErrorMessage(err), 95))
		return
	}
	f.m.close()
	if said == "" {
		said = "Booked " + f.d.pr.DateFormat.Format(a.Day) + " at " + a.Start.String() + "."
		if f.orig != nil {
			said = "Appointment saved."
		}
	}
	f.d.say(said)
	if f.onSaved != nil {
		f.onSaved(a.Day)
	}
}

// findSlot fills in the first free time of the practitioner, for the
// type's length, from the typed date (or now, whichever is later).
func (f *bookingForm) findSlot() {
	i := f.prSel.SelectedIndex()
	length := f.length()
	a, _ := f.draft()
	if i < 0 || length <= 0 {
		showError(f.result, "Choose the practitioner and the type (or type the times) first: the free slot depends on both.")
		return
	}
	loc := f.d.pr.Location()
	from := nowFunc()
	if !a.Day.IsZero() {
		if t, _ := data.ResolveLocal(a.Day, 0, loc); t.After(from) {
			from = t
		}
	}
	q := data.SlotQuery{PractitionerIDs: []string{f.prIDs[i]}, Minutes: length, From: from}
	store := f.d.store
	f.slot.Disable()
	background(f.d.do, func() (freeSlot, error) {
		sl, ok, err := store.FirstFreeSlot(context.Background(), q, loc)
		return freeSlot{sl, ok}, err
	}, func(fs freeSlot, err error) {
		f.slot.Enable()
		switch {
		case err != nil:
			showError(f.result, data.ErrorMessage(err))
		case !fs.found:
			showError(f.result, "No free slot of that length in the next six months.")
		default:
			f.date.SetText(f.d.pr.DateFormat.Format(fs.slot.Day))
			f.from.SetText(fs.slot.Start.String())
			f.to.SetText(fs.slot.End.String())
		}
	})
}

// freeSlot is the answer of a free-slot search.
type freeSlot struct {
	slot  data.Slot
	found bool
}
