package ui

import (
	"errors"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// dayRow is one weekday of the working-hours grid: a morning and an
// afternoon block, each typed as From and To. A day with both blocks
// empty is a day off; the gap between the blocks is the lunch break.
type dayRow struct {
	weekday                    int // as time.Weekday
	amFrom, amTo, pmFrom, pmTo *deskEntry
}

func (r dayRow) entries() []*deskEntry { return []*deskEntry{r.amFrom, r.amTo, r.pmFrom, r.pmTo} }

// practitionerForm adds a practitioner or edits one with their weekly
// working hours. It checks on every keystroke, names the field and the
// fix, keeps Save disabled until all is valid, and keeps everything
// typed when saving fails. The practitioner and the week are saved in
// one transaction.
type practitionerForm struct {
	orig   *practitionerWeek // nil for a new practitioner
	name   *deskEntry
	title  *deskEntry
	spec   *deskEntry
	colour *colourPicker
	days   [7]dayRow // Monday first
	copyWk *widget.Button
	note   *widget.Label // a stored week the form cannot show whole
	editDialog
}

// mondayFirst lists the weekdays as a week is read at the desk.
var mondayFirst = [7]int{1, 2, 3, 4, 5, 6, 0}

// maxShownProblems is how many problems the form lists at once.
const maxShownProblems = 4

// practitionerFormWidth is the width of the dialog's body.
const practitionerFormWidth = 640

// openPractitionerForm opens the editor on orig, or on a new
// practitioner whose colour is the first one no one else has.
func openPractitionerForm(d *desk, orig *practitionerWeek, others []practitionerWeek, onSaved func()) *practitionerForm {
	f := &practitionerForm{orig: orig, editDialog: newEditDialog(d, 90, onSaved)}
	w := d.w
	escape := func() { f.m.escape() }
	entry := func(placeholder string) *deskEntry {
		e := newDeskEntry(d.focusSearch)
		e.SetPlaceHolder(placeholder)
		e.onEscape = escape
		return e
	}
	f.name = entry(w.T("practitioner_form.placeholder.name"))
	f.title = entry(w.T("practitioner_form.placeholder.title"))
	f.spec = entry(w.T("practitioner_form.placeholder.speciality"))
	start := data.Practitioner{Active: true, Colour: unusedColour(colourOf(others, func(o practitionerWeek) string { return o.Colour }))}
	if orig != nil {
		start = orig.Practitioner
	}
	f.colour = newColourPicker(w, start.Colour, func(string) { f.check() })
	for i, wd := range mondayFirst {
		f.days[i] = dayRow{weekday: wd, amFrom: entry(""), amTo: entry(""), pmFrom: entry(""), pmTo: entry("")}
	}
	f.copyWk = widget.NewButtonWithIcon(w.T("practitioner_form.copy_monday"), theme.ContentCopyIcon(), f.copyMonday)
	f.copyWk.Importance = widget.LowImportance
	f.note = quiet("")
	f.note.Importance = widget.WarningImportance
	f.note.Hide()
	f.probs, f.result = fieldError(), fieldError()
	f.save = button(w.T("settings.add_practitioner"), true, f.doSave)
	title := w.T("practitioner_form.title.new")
	if orig != nil {
		title = w.T("practitioner_form.title.edit")
		f.save.SetText(w.T("common.save"))
	}
	f.fill(start)
	for _, e := range f.allEntries() {
		e.OnChanged = func(string) { f.touched = true; f.check() }
	}

	grid := container.NewVBox(container.NewGridWithColumns(5, quietBold(w.T("practitioner_form.column.day")),
		quietBold(w.T("practitioner_form.column.morning_from")), quietBold(w.T("practitioner_form.column.to")),
		quietBold(w.T("practitioner_form.column.afternoon_from")), quietBold(w.T("practitioner_form.column.to"))))
	for _, r := range f.days {
		cells := []fyne.CanvasObject{widget.NewLabel(dayName(w, r.weekday))}
		for _, e := range r.entries() {
			cells = append(cells, e)
		}
		grid.Add(container.NewGridWithColumns(5, cells...))
	}
	who := container.New(&columns{shares: []float32{0.46, 0.16, 0.38}},
		captioned(w.T("practitioner_form.name"), f.name), captioned(w.T("practitioner.field.title"), f.title),
		captioned(w.T("practitioner.field.speciality"), f.spec))
	body := container.NewVBox(
		who,
		container.NewBorder(nil, nil, quiet(w.T("practitioner.field.colour")), nil, f.colour),
		container.NewBorder(nil, nil, bold(w.T("practitioner_form.hours")), f.copyWk,
			quiet(w.T("practitioner_form.hours_hint"))),
		grid, f.note, f.probs, f.result)
	f.m = showModal(d.win.Canvas(), title, container.New(&minWidth{w: practitionerFormWidth}, body),
		button(w.T("common.cancel"), false, escape), f.save)
	f.check()
	question := w.T("practitioner_form.discard_new")
	if orig != nil {
		question = w.T("practitioner_form.discard_changes")
	}
	f.m.guardIn(w, question, nil)
	d.win.Canvas().Focus(f.name)
	return f
}

func (f *practitionerForm) allEntries() []*deskEntry {
	out := []*deskEntry{f.name, f.title, f.spec}
	for _, r := range f.days {
		out = append(out, r.entries()...)
	}
	return out
}

// fill puts a stored practitioner and week on the fields.
func (f *practitionerForm) fill(p data.Practitioner) {
	f.name.SetText(p.DisplayName)
	f.title.SetText(p.Title)
	f.spec.SetText(p.Speciality)
	if f.orig == nil {
		return
	}
	var extra []string
	for _, r := range f.days {
		var bs []data.WorkingHours
		for _, h := range f.orig.Hours {
			if h.Weekday == r.weekday {
				bs = append(bs, h)
			}
		}
		sort.Slice(bs, func(i, j int) bool { return bs[i].Start < bs[j].Start })
		if len(bs) > 0 {
			r.amFrom.SetText(bs[0].Start.String())
			r.amTo.SetText(wallText(bs[0].End))
		}
		if len(bs) > 1 {
			r.pmFrom.SetText(bs[1].Start.String())
			r.pmTo.SetText(wallText(bs[1].End))
		}
		if len(bs) > 2 {
			extra = append(extra, f.d.w.Weekday(time.Weekday(r.weekday)))
		}
	}
	// Another device may have stored three blocks on a day; the form
	// shows two, so it says what a save would drop rather than hide it.
	if len(extra) > 0 {
		setText(f.note, hardWrap(f.d.w.T("practitioner_form.extra_blocks", "Days", strings.Join(extra, ", ")), 90), widget.WarningImportance)
		f.note.Show()
	}
}

// wallText writes a block's end, which may be midnight at the end of the day.
func wallText(w data.WallTime) string {
	if w == 24*60 {
		return "24:00"
	}
	return w.String()
}

// copyMonday gives Tuesday to Friday Monday's hours: most practices keep
// the same hours on weekdays, and typing them five times invites slips.
func (f *practitionerForm) copyMonday() {
	mon := f.days[0]
	for _, r := range f.days[1:5] {
		for k, e := range r.entries() {
			e.SetText(mon.entries()[k].Text)
		}
	}
	f.touched = true
	f.check()
}

// parseEnd reads the end of a block: a time of day, or 24:00 for a block
// that runs to midnight.
func parseEnd(s string) (data.WallTime, error) {
	if strings.TrimSpace(s) == "24:00" {
		return 24 * 60, nil
	}
	return data.ParseWallTime(s)
}

// dayName is a weekday as the grid's first column names it: "Monday".
func dayName(w words, weekday int) string { return i18n.Title(w.Weekday(time.Weekday(weekday))) }

// timeProblem is the message of a time that could not be read, with the
// fix when the parser's words do not give it already (an hour past 23).
func timeProblem(w words, field string, err error) string {
	var m i18n.Message
	if !errors.As(err, &m) {
		return w.T("problem.about_field", "Field", field, "Problem", err.Error())
	}
	if m.Key == "time.parse.not_time_of_day" {
		return w.T("practitioner_form.problem.time_hint", "Field", field, "Problem", m)
	}
	return w.T("problem.about_field", "Field", field, "Problem", m)
}

// draft reads the fields into a practitioner and a week, with every
// problem found, each naming its field and the fix.
func (f *practitionerForm) draft() (data.Practitioner, []data.WorkingHours, []formProblem) {
	p := data.Practitioner{Active: true}
	if f.orig != nil {
		p = f.orig.Practitioner
	}
	p.DisplayName, p.Title, p.Speciality, p.Colour = f.name.Text, f.title.Text, f.spec.Text, f.colour.selected
	w := f.d.w
	var problems []formProblem
	add := func(text string) { problems = append(problems, formProblem{field: data.FieldHours, text: text}) }
	check := p
	for _, is := range data.ProblemsOf(check.Validate()) {
		text := is.In(w.Localizer)
		if is.Field == data.FieldName && is.Key == "problem.missing" {
			text = w.T("practitioner_form.problem.name")
		}
		problems = append(problems, formProblem{is.Field, text})
	}
	var week []data.WorkingHours
	for _, r := range f.days {
		day := dayName(w, r.weekday)
		var blocks [2]*data.WorkingHours
		for k, part := range []struct {
			block, both i18n.Key
			from, to    *deskEntry
		}{{"practitioner_form.block.morning", "practitioner_form.problem.both_morning", r.amFrom, r.amTo},
			{"practitioner_form.block.afternoon", "practitioner_form.problem.both_afternoon", r.pmFrom, r.pmTo}} {
			from, to := strings.TrimSpace(part.from.Text), strings.TrimSpace(part.to.Text)
			block := w.T(part.block, "Day", day)
			if from == "" && to == "" {
				continue
			}
			if from == "" || to == "" {
				add(w.T(part.both, "Block", block))
				continue
			}
			start, err := data.ParseWallTime(from)
			if err != nil {
				add(timeProblem(w, w.T("practitioner_form.block.from", "Block", block), err))
				continue
			}
			end, err := parseEnd(to)
			if err != nil {
				add(timeProblem(w, w.T("practitioner_form.block.to", "Block", block), err))
				continue
			}
			if end <= start {
				add(w.T("practitioner_form.problem.end_before_start", "Block", block, "End", to, "Start", from))
				continue
			}
			blocks[k] = &data.WorkingHours{PractitionerID: p.ID, Weekday: r.weekday, Start: start, End: end}
		}
		if am, pm := blocks[0], blocks[1]; am != nil && pm != nil && am.Start < pm.End && pm.Start < am.End {
			add(w.T("practitioner_form.problem.overlap", "Day", day, "Afternoon", timeRange(pm.Start, pm.End),
				"Morning", timeRange(am.Start, am.End)))
			continue
		}
		for _, b := range blocks {
			if b != nil {
				week = append(week, *b)
			}
		}
	}
	if len(problems) == 0 {
		// The same check the store makes, so that Save never enables on
		// a week the store would refuse.
		for _, is := range data.ProblemsOf(data.ValidateWeek(week)) {
			problems = append(problems, formProblem{is.Field, is.In(w.Localizer)})
		}
	}
	return p, week, problems
}

// check re-validates after every edit and enables Save when all is valid.
// An empty name on a new form is not called a problem before anything
// was typed: the form would open scolding.
func (f *practitionerForm) check() bool {
	if f.save == nil {
		return false
	}
	_, _, problems := f.draft()
	return f.showProblems(problems, strings.TrimSpace(f.name.Text) == "", maxShownProblems)
}

// doSave writes the practitioner and the week in one transaction, in the
// background. On failure the dialog stays open with what was typed.
func (f *practitionerForm) doSave() {
	p, week, problems := f.draft()
	if len(problems) > 0 || f.saving {
		return
	}
	f.saveInBackground("practitioner", func(tx *data.Tx) error { return tx.SavePractitioner(&p, week) },
		f.d.w.T("practitioner_form.saved", "Name", p.DisplayName), f.check)
}
