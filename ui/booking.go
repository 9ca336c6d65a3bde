package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
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

// scopes are the choices of a series edit, in the order the form offers
// them, with their words.
var scopes = []struct {
	scope data.Scope
	label i18n.Key
}{
	{data.ScopeOne, "booking.scope.one"},
	{data.ScopeFollowing, "booking.scope.following"},
	{data.ScopeAll, "booking.scope.all"},
}

// newScopeChoice is the radio group of a series edit or cancellation,
// on "this appointment only".
func newScopeChoice(w words, changed func()) *widget.RadioGroup {
	var labels []string
	for _, sc := range scopes {
		labels = append(labels, w.T(sc.label))
	}
	g := widget.NewRadioGroup(labels, func(string) { changed() })
	g.Required = true
	g.SetSelected(labels[0])
	return g
}

// scopeOf is the scope chosen in g (nil: this appointment only).
func scopeOf(g *widget.RadioGroup) data.Scope {
	if g != nil {
		for i, o := range g.Options {
			if o == g.Selected && i < len(scopes) {
				return scopes[i].scope
			}
		}
	}
	return data.ScopeOne
}

// selectScope chooses sc in g, as a click would.
func selectScope(g *widget.RadioGroup, sc data.Scope) {
	for i, s := range scopes {
		if s.scope == sc && i < len(g.Options) {
			g.SetSelected(g.Options[i])
		}
	}
}

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

// openBooking opens the form for a new booking. The lists it needs are
// the calendar's when loaded, else read first in the background. A
// practice without an active practitioner cannot book: it is told how
// to get one instead of being shown a form it cannot complete.
func openBooking(d *desk, st bookingStart, onSaved func(data.Date)) {
	if !d.can(data.RightBook) {
		d.sayError(data.NewError(data.EForbidden, "access.forbidden", "Right", data.RightLabel(data.RightBook)))
		return
	}
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

// Fields of the booking dialog beside the appointment's: the times typed.
const (
	fieldFrom = "from"
	fieldTo   = "to"
)

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
	w := d.w
	f.clashCheck.failed = func(err error) {
		// The save checks again anyway.
		f.lastClashes = nil
		showError(f.clashes, hardWrap(w.T("booking.clash_check_failed", "Why", w.Error(err)), 95))
		f.m.fit()
	}
	df := d.pr.DateFormat
	escape := func() { f.m.escape() }
	f.patient = newPatientPicker(d, f.changed, escape)
	f.patient.onPicked = f.focusTime

	var typeNames []string
	for _, t := range refs.Types {
		if t.Active || (orig != nil && t.ID == orig.TypeID) {
			typeNames = append(typeNames, t.Name+" · "+w.duration(t.DurationMin))
			f.typeIDs = append(f.typeIDs, t.ID)
		}
	}
	f.typeSel = newDeskSelect(typeNames, func(string) { f.typeChanged() })
	f.typeSel.PlaceHolder = w.T("booking.type_placeholder")
	noTypes := len(typeNames) == 0
	if noTypes {
		// Booking still works: the times typed give the length.
		f.typeSel.PlaceHolder = w.T("booking.no_types_placeholder")
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
	f.prSel.PlaceHolder = w.T("appointment.field.practitioner")

	f.date, f.from, f.to = newDeskEntry(f.patient.focus), newDeskEntry(f.patient.focus), newDeskEntry(f.patient.focus)
	f.date.SetPlaceHolder(df.Example())
	f.from.SetPlaceHolder("09:00")
	f.to.SetPlaceHolder("09:20")
	f.notes = newNoteEntry(w, f.patient.focus, 2, data.MaxAppointmentNote, func(msg string) { showError(f.result, msg) })
	f.notes.SetPlaceHolder(w.T("booking.notes_placeholder"))
	f.repeat = newRepeatFields(w, df, f.patient.focus, f.changed, escape)
	f.waitlist = widget.NewCheck(w.T("booking.waitlist"), func(bool) {})
	f.problems, f.clashes, f.result = fieldError(), fieldError(), fieldError()
	f.clashes.Importance = widget.WarningImportance
	f.save = button(w.T("booking.book"), true, f.doSave)
	f.slot = widget.NewButton(w.T("booking.first_free_slot"), f.findSlot)

	f.fill()
	for _, e := range []*deskEntry{f.date, f.from, f.to, &f.notes.deskEntry} {
		e.OnChanged = func(string) { f.changed() }
		e.onEscape = escape
	}
	f.from.OnChanged = func(string) { f.startChanged() }

	when := container.NewGridWithColumns(4, captioned(w.T("booking.field.date"), f.date), captioned(w.T("booking.field.from"), f.from),
		captioned(w.T("booking.field.to"), f.to), captioned(" ", f.slot))
	rows := []fyne.CanvasObject{
		captioned(w.T("booking.field.patient"), f.patient.content),
		container.NewGridWithColumns(2, captioned(w.T("booking.field.type"), f.typeSel),
			captioned(w.T("appointment.field.practitioner"), f.prSel)),
		when,
	}
	if noTypes {
		rows = append(rows, quiet(w.T("booking.no_types")))
	}
	rows = append(rows, captioned(w.T("appointment.field.notes"), f.notes))
	title := w.T("booking.title.new")
	buttons := []*widget.Button{button(w.T("booking.close"), false, escape)}
	if orig == nil {
		rows = append(rows, captioned(w.T("series.field.repeat"), f.repeat.content), f.waitlist)
	} else {
		title = w.T("booking.title.open")
		f.save.SetText(w.T("common.save"))
		if sr != nil {
			title = w.T("booking.title.series")
			f.scope = newScopeChoice(w, f.changed)
			f.scope.Horizontal = true
			rows = append(rows, quiet(hardWrap(w.T("booking.repeats", "Rule", sr.Description()), 95)),
				captioned(w.T("booking.field.change"), f.scope))
		}
		f.status = newStatusBar(f)
		rows = append(rows, f.status.content)
		buttons = append([]*widget.Button{f.status.cancelBtn}, buttons...)
	}
	if st.waitlistID != "" {
		title = w.T("booking.title.offer")
		f.save.SetText(w.T("booking.book_patient"))
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
	f.m.guardIn(w, f.discardQuestion(), f.patient.state)
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
		return f.d.w.T("booking.discard_changes")
	}
	return f.d.w.T("booking.discard_new")
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
func (f *bookingForm) draft() (data.Appointment, data.Problems) {
	df := f.d.pr.DateFormat
	var problems data.Problems
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
		problems.Report(data.FieldPractitioner, "appointment.problem.no_practitioner", "Field", data.AppointmentLabel(data.FieldPractitioner))
	}
	if i := f.typeSel.SelectedIndex(); i >= 0 {
		a.TypeID = f.typeIDs[i]
	}
	var err error
	if a.Day, err = df.Parse(f.date.Text); err != nil {
		problems.ReportErr(data.FieldDate, "booking.field.date", err)
	}
	if a.Start, err = data.ParseWallTime(f.from.Text); err != nil {
		problems.ReportErr(fieldFrom, "booking.field.from", err)
	}
	if strings.TrimSpace(f.to.Text) == "24:00" {
		a.End = 24 * 60
	} else if a.End, err = data.ParseWallTime(f.to.Text); err != nil {
		problems.ReportErr(fieldTo, "booking.field.to", err)
	}
	if len(problems) == 0 {
		check := a
		problems = append(problems, data.ProblemsOf(check.ValidateAs(df))...)
	} else if n := len([]rune(a.Notes)); n > data.MaxAppointmentNote {
		problems.Report(data.FieldNotes, "problem.too_long", "Field", data.AppointmentLabel(data.FieldNotes), "Length", n,
			"Max", data.MaxAppointmentNote)
	}
	return a, problems
}

// seriesDraft is the series a new repeating booking makes.
func (f *bookingForm) seriesDraft(a data.Appointment) (data.Series, data.Problems) {
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
		showError(f.problems, hardWrap(strings.Join(f.d.w.problemLines(problems), "\n"), 95))
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
	w := f.d.w
	switch {
	case f.allow:
		return w.T("booking.book_anyway")
	case f.start.waitlistID != "":
		return w.T("booking.book_patient")
	case f.orig != nil:
		return w.T("common.save")
	}
	return w.T("booking.book")
}

// checkClashesSoon warns, while the secretary is still typing, of what the
// booking would clash with: once typing pauses, so that a time typed
// makes one query; each keystroke cancels the check before it, and a
// check that fails says so.
func (f *bookingForm) checkClashesSoon(a data.Appointment) {
	store, w := f.d.store, f.d.w
	f.clashChecked = f.clashCheck.loadAfter(clashDelay, struct{}{}, func(ctx context.Context) ([]data.Clash, error) {
		return store.Clashes(ctx, a)
	}, func(clashes []data.Clash) {
		f.lastClashes = clashes
		showError(f.clashes, hardWrap(clashText(w, clashes), 95))
		f.m.fit() // the line under the fields came or went
	})
}

// clashText is the warning of a list of clashes: each named, one a line.
func clashText(w words, clashes []data.Clash) string {
	if len(clashes) == 0 {
		return ""
	}
	lines := make([]string, len(clashes))
	for i, c := range clashes {
		lines[i] = "⚠ " + w.Render(c.Msg())
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
	scope := scopeOf(f.scope)
	rule := f.seriesRule(a, scope)
	allow, waitlist, entry := f.allow, f.waitlist.Checked && f.orig == nil, f.start.waitlistID
	f.saving = true
	f.save.Disable()
	var said string
	w := f.d.w
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
			said = seriesSaid(w, res)
			return err
		case scope != data.ScopeOne:
			res, err := tx.ChangeSeries(a.ID, scope, rule, allow)
			said = seriesSaid(w, res)
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

// seriesSaid is what the status line says of a saved series: "Series
// saved: 10 appointments booked, 2 moved."
func seriesSaid(w words, res data.SeriesResult) string {
	parts := []string{w.N("booking.series.booked", res.Created)}
	if res.Updated > 0 {
		parts = append(parts, w.N("booking.series.moved", res.Updated))
	}
	if res.Removed > 0 {
		parts = append(parts, w.N("booking.series.removed", res.Removed))
	}
	if res.Kept > 0 {
		parts = append(parts, w.N("booking.series.kept", res.Kept))
	}
	if len(res.Moved) > 0 {
		return w.T("booking.series.saved_clock", "What", strings.Join(parts, ", "),
			"Clock", w.N("booking.series.clock_change", len(res.Moved)))
	}
	return w.T("booking.series.saved", "What", strings.Join(parts, ", "))
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
		showError(f.result, hardWrap(f.d.w.Error(err), 95))
		return
	}
	f.m.close()
	if said == "" {
		said = f.d.w.T("booking.said_booked", "Date", a.Day, "Time", a.Start.String())
		if f.orig != nil {
			said = f.d.w.T("booking.said_saved")
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
		showError(f.result, hardWrap(f.d.w.T("booking.slot_needs"), 95))
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
			showError(f.result, f.d.w.Error(err))
		case !fs.found:
			showError(f.result, f.d.w.T("booking.no_free_slot"))
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
