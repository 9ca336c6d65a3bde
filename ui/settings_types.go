package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"frontdesk/data"
)

// typeForm adds an appointment type or edits one: its name, length,
// colour, default fee in the practice currency (typed as text and read
// with data.Currency, never through a float) and the recall interval it
// puts patients on. It validates as the secretary types, keeps Save
// disabled until valid and keeps what was typed when saving fails.
type typeForm struct {
	orig     *data.AppointmentType // nil for a new type
	cur      data.Currency
	name     *deskEntry
	duration *deskEntry
	fee      *deskEntry
	recall   *deskEntry
	colour   *colourPicker
	editDialog
}

func openTypeForm(d *desk, orig *data.AppointmentType, others []data.AppointmentType, onSaved func()) *typeForm {
	f := &typeForm{orig: orig, cur: d.pr.Money(), editDialog: newEditDialog(d, 80, onSaved)}
	escape := func() { f.m.escape() }
	entry := func(placeholder string) *deskEntry {
		e := newDeskEntry(d.focusSearch)
		e.SetPlaceHolder(placeholder)
		e.onEscape = escape
		return e
	}
	f.name, f.duration, f.fee, f.recall = entry("Consultation"), entry("20"), entry(f.cur.Format(2500)), entry("0")
	start := data.AppointmentType{Active: true, DurationMin: 20, Colour: unusedColour(colourOf(others, func(o data.AppointmentType) string { return o.Colour }))}
	if orig != nil {
		start = *orig
	}
	f.name.SetText(start.Name)
	f.duration.SetText(strconv.Itoa(start.DurationMin))
	if orig != nil {
		f.fee.SetText(f.cur.Format(start.DefaultFee))
		f.recall.SetText(strconv.Itoa(start.RecallMonths))
	}
	f.colour = newColourPicker(start.Colour, func(string) { f.check() })
	f.probs, f.result = fieldError(), fieldError()
	f.save = button("Add type", true, f.doSave)
	title := "New appointment type"
	if orig != nil {
		title = "Appointment type"
		f.save.SetText("Save")
	}
	for _, e := range []*deskEntry{f.name, f.duration, f.fee, f.recall} {
		e.OnChanged = func(string) { f.touched = true; f.check() }
	}
	suffix := func(field fyne.CanvasObject, unit string) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, quiet(unit), field)
	}
	body := container.NewVBox(
		captioned("Name", f.name),
		container.NewGridWithColumns(3,
			captioned("Duration", suffix(f.duration, "minutes")),
			captioned("Default fee", suffix(f.fee, f.cur.Code)),
			captioned("Recall after", suffix(f.recall, "months"))),
		quiet("Recall: patients are put on the recall list this many months after a visit of this type; 0 for none."),
		container.NewBorder(nil, nil, quiet("Colour"), nil, f.colour),
		f.probs, f.result)
	f.m = showModal(d.win.Canvas(), title, container.New(&minWidth{w: 560}, body), button("Cancel", false, escape), f.save)
	f.check()
	question := "Discard this new appointment type?"
	if orig != nil {
		question = "Discard the changes to this appointment type?"
	}
	f.m.guard(question, nil)
	d.win.Canvas().Focus(f.name)
	return f
}

// draft reads the fields into a type, with every problem found.
func (f *typeForm) draft() (data.AppointmentType, []formProblem) {
	t := data.AppointmentType{Active: true}
	if f.orig != nil {
		t = *f.orig
	}
	t.Name, t.Colour = f.name.Text, f.colour.selected
	var problems []formProblem
	add := func(text string) { problems = append(problems, formProblem{text: text}) }
	if s := strings.TrimSpace(f.duration.Text); s == "" {
		add("Duration: type the length of the visit in minutes, like 20.")
	} else if n, err := strconv.Atoi(s); err != nil {
		add("Duration: " + strconv.Quote(s) + " is not a number of minutes; write it like 20.")
	} else {
		t.DurationMin = n
	}
	t.DefaultFee = 0 // an empty fee is a visit without a default fee
	if s := strings.TrimSpace(f.fee.Text); s != "" {
		m, err := f.cur.Parse(s)
		if err != nil {
			add("Default fee: " + err.Error() + ".")
		}
		t.DefaultFee = m
	}
	t.RecallMonths = 0
	if s := strings.TrimSpace(f.recall.Text); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			add("Recall: " + strconv.Quote(s) + " is not a number of months; write 0 for no recall, or like 12.")
		}
		t.RecallMonths = n
	}
	const nameHint = "Name: type what the visit is called, like Consultation."
	if len(problems) == 0 {
		check := t
		for _, is := range data.ProblemsOf(check.Validate()) {
			text := is.In(englishWords.Localizer)
			if is.Field == data.FieldName && is.Key == "problem.missing" {
				text = nameHint
			}
			problems = append(problems, formProblem{is.Field, text})
		}
	} else if strings.TrimSpace(t.Name) == "" {
		problems = append(problems, formProblem{data.FieldName, nameHint})
	}
	return t, problems
}

// check re-validates after every edit; a missing name is not called a
// problem before anything was typed.
func (f *typeForm) check() bool {
	if f.save == nil {
		return false
	}
	_, problems := f.draft()
	return f.showProblems(problems, strings.TrimSpace(f.name.Text) == "", 0)
}

// doSave writes the type in the background; the dialog stays open with
// what was typed when it fails.
func (f *typeForm) doSave() {
	t, problems := f.draft()
	if len(problems) > 0 || f.saving {
		return
	}
	f.saveInBackground("appointment type", func(tx *data.Tx) error { return tx.Save(&t) },
		"Appointment type "+t.Name+" saved.", f.check)
}
