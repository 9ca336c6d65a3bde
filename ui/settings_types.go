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
	feeItem  *deskSelect    // the fee item the type is billed with; the first choice is none
	items    []data.FeeItem // the fee items offered, in the select's order after "none"
	editDialog
}

func openTypeForm(d *desk, orig *data.AppointmentType, others []data.AppointmentType, items []data.FeeItem, onSaved func()) *typeForm {
	f := &typeForm{orig: orig, cur: d.pr.Money(), editDialog: newEditDialog(d, 80, onSaved)}
	w := d.w
	escape := func() { f.m.escape() }
	entry := func(placeholder string) *deskEntry {
		e := newDeskEntry(d.focusSearch)
		e.SetPlaceHolder(placeholder)
		e.onEscape = escape
		return e
	}
	f.name, f.duration, f.fee, f.recall = entry(w.T("type_form.placeholder.name")), entry("20"), entry(w.amountInput(f.cur, 2500)), entry("0")
	start := data.AppointmentType{Active: true, DurationMin: 20, Colour: unusedColour(colourOf(others, func(o data.AppointmentType) string { return o.Colour }))}
	if orig != nil {
		start = *orig
	}
	f.name.SetText(start.Name)
	f.duration.SetText(strconv.Itoa(start.DurationMin))
	if orig != nil {
		f.fee.SetText(w.amountInput(f.cur, start.DefaultFee))
		f.recall.SetText(strconv.Itoa(start.RecallMonths))
	}
	f.colour = newColourPicker(w, start.Colour, func(string) { f.check() })
	feeNames := []string{w.T("settings.fees.type_none")}
	for _, it := range items {
		if it.Active || it.ID == start.FeeItemID {
			f.items = append(f.items, it)
			feeNames = append(feeNames, it.Code+" — "+it.Description+" ("+d.money(it.Price)+")")
		}
	}
	f.feeItem = newDeskSelect(feeNames, nil)
	f.feeItem.SetSelectedIndex(0)
	for i, it := range f.items {
		if it.ID == start.FeeItemID {
			f.feeItem.SetSelectedIndex(i + 1)
		}
	}
	f.feeItem.OnChanged = func(string) { f.touched = true; f.check() }
	f.probs, f.result = fieldError(), fieldError()
	f.save = button(w.T("settings.add_type"), true, f.doSave)
	title := w.T("type_form.title.new")
	if orig != nil {
		title = w.T("type_form.title.edit")
		f.save.SetText(w.T("common.save"))
	}
	for _, e := range []*deskEntry{f.name, f.duration, f.fee, f.recall} {
		e.OnChanged = func(string) { f.touched = true; f.check() }
	}
	suffix := func(field fyne.CanvasObject, unit string) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, quiet(unit), field)
	}
	body := container.NewVBox(
		captioned(w.T("type_form.name"), f.name),
		container.NewGridWithColumns(3,
			captioned(w.T("appointment_type.field.duration"), suffix(f.duration, w.T("type_form.minutes"))),
			captioned(w.T("appointment_type.field.default_fee"), suffix(f.fee, f.cur.Code)),
			captioned(w.T("type_form.recall_after"), suffix(f.recall, w.T("type_form.months")))),
		quiet(w.T("type_form.recall_hint")),
		container.NewBorder(nil, nil, quiet(w.T("appointment_type.field.colour")), nil, f.colour),
		captioned(w.T("settings.fees.type_item"), f.feeItem),
		f.probs, f.result)
	f.m = showModal(d.win.Canvas(), title, container.New(&minWidth{w: 560}, body), button(w.T("common.cancel"), false, escape), f.save)
	f.check()
	question := w.T("type_form.discard_new")
	if orig != nil {
		question = w.T("type_form.discard_changes")
	}
	f.m.guardIn(w, question, nil)
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
	w := f.d.w
	t.FeeItemID = ""
	if i := f.feeItem.SelectedIndex() - 1; i >= 0 && i < len(f.items) {
		t.FeeItemID = f.items[i].ID
	}
	var problems []formProblem
	add := func(field, text string) { problems = append(problems, formProblem{field: field, text: text}) }
	if s := strings.TrimSpace(f.duration.Text); s == "" {
		add(data.FieldDuration, w.T("type_form.problem.no_duration"))
	} else if n, err := strconv.Atoi(s); err != nil {
		add(data.FieldDuration, w.T("type_form.problem.duration", "Text", s))
	} else {
		t.DurationMin = n
	}
	t.DefaultFee = 0 // an empty fee is a visit without a default fee
	if s := strings.TrimSpace(f.fee.Text); s != "" {
		m, err := f.cur.Parse(s)
		if err != nil {
			var p data.Problems
			p.ReportErr(data.FieldDefaultFee, "appointment_type.field.default_fee", err)
			add(data.FieldDefaultFee, p[0].In(w.Localizer))
		}
		t.DefaultFee = m
	}
	t.RecallMonths = 0
	if s := strings.TrimSpace(f.recall.Text); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			add(data.FieldRecall, w.T("type_form.problem.recall", "Text", s))
		}
		t.RecallMonths = n
	}
	nameHint := w.T("type_form.problem.name")
	if len(problems) == 0 {
		check := t
		for _, is := range data.ProblemsOf(check.Validate()) {
			text := is.In(w.Localizer)
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
		f.d.w.T("type_form.saved", "Name", t.Name), f.check)
}
