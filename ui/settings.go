package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// practitionerWeek is a practitioner with their week, as stored and
// written out.
type practitionerWeek struct {
	data.Practitioner
	Hours []data.WorkingHours
	Week  []string // "Mon 08:00–12:00, 14:00–18:00", Monday first
}

// referenceData is what Settings lists below the practice form.
type referenceData struct {
	Practitioners []practitionerWeek
	Types         []data.AppointmentType
}

func loadReferenceData(ctx context.Context, s *data.Store) (referenceData, error) {
	var rd referenceData
	prs, err := s.Practitioners(ctx)
	if err != nil {
		return rd, err
	}
	for _, p := range prs {
		whs, err := s.WorkingHoursOf(ctx, p.ID)
		if err != nil {
			return rd, err
		}
		rd.Practitioners = append(rd.Practitioners, practitionerWeek{p, whs, weekText(whs)})
	}
	rd.Types, err = s.AppointmentTypes(ctx)
	return rd, err
}

// settingsScreen edits the practice settings, the practitioners with
// their working hours and the appointment types.
type settingsScreen struct {
	d       *desk
	form    *practiceForm
	lang    *deskLanguageChoice
	save    *widget.Button
	revert  *widget.Button
	result  *widget.Label
	saving  bool
	addPr   *widget.Button
	addType *widget.Button
	prList  *fyne.Container
	tyList  *fyne.Container
	page    *fyne.Container // re-laid out when the lists change height
	content fyne.CanvasObject
	loads   *loader[struct{}, referenceData]
	// refs is the reference data on the widgets; the buttons of each row
	// by practitioner or type ID, and the editor opened last: for tests
	// and screenshot mode.
	refs     referenceData
	prEdit   map[string]*widget.Button
	prToggle map[string]*widget.Button
	tyEdit   map[string]*widget.Button
	tyToggle map[string]*widget.Button
	prForm   *practitionerForm
	tyForm   *typeForm
}

func newSettingsScreen(d *desk) *settingsScreen {
	s := &settingsScreen{d: d}
	s.loads = newLoader[struct{}, referenceData](d, nil)
	s.loads.failed = s.failedRefs
	s.form = newPracticeForm(d.w, d.pr, true, d.focusSearch)
	s.lang = newDeskLanguageChoice(d.w)
	s.save = widget.NewButtonWithIcon(d.w.T("common.save"), theme.DocumentSaveIcon(), func() { s.doSave() })
	s.save.Importance = widget.HighImportance
	s.revert = widget.NewButton(d.w.T("settings.undo_changes"), func() {
		s.form.reset(s.d.pr)
		setText(s.result, "", widget.LowImportance)
	})
	s.result = widget.NewLabel("")
	s.result.Wrapping = fyne.TextWrapWord
	s.form.onState = s.updateButtons
	s.form.onSubmit = func() { s.doSave() }
	s.updateButtons()

	s.addPr = smallButton("Add practitioner", theme.ContentAddIcon(), func() { s.editPractitioner(nil) })
	s.addType = smallButton("Add type", theme.ContentAddIcon(), func() { s.editType(nil) })
	s.addPr.Disable() // until the lists are loaded: a new colour is one no one has
	s.addType.Disable()
	s.prList = container.NewVBox(quiet("Loading…"))
	s.tyList = container.NewVBox(quiet("Loading…"))
	buttons := container.NewBorder(nil, nil, container.NewHBox(s.save, s.revert), nil, s.result)
	lists := container.New(&splitColumns{left: 0.5, gap: 24},
		container.NewVBox(sectionHead("Practitioners", s.addPr), s.prList),
		container.NewVBox(sectionHead("Appointment types", s.addType), s.tyList))
	s.page = container.NewVBox(
		heading(d.w.T("settings.heading")),
		subheading(d.w.T("settings.practice")),
		s.form.content,
		buttons,
		s.lang.content,
		hline(),
		lists)
	s.content = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(6, 10, 10, 14), s.page))
	return s
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.content }

// updateButtons keeps Save disabled until the form is valid and changed.
func (s *settingsScreen) updateButtons() {
	if s.form.valid && s.form.changed && !s.saving {
		s.save.Enable()
	} else {
		s.save.Disable()
	}
	if s.form.changed && !s.saving {
		s.revert.Enable()
	} else {
		s.revert.Disable()
	}
	if s.form.changed && s.result.Text == s.d.w.T("settings.saved") {
		setText(s.result, "", widget.LowImportance)
	}
}

// shown reloads the lists; the form keeps what is typed.
func (s *settingsScreen) shown() <-chan struct{} {
	store, cur := s.d.store, s.d.pr.Money()
	return s.loads.load(struct{}{}, func(ctx context.Context) (referenceData, error) {
		return loadReferenceData(ctx, store)
	}, func(rd referenceData) { s.applyRefs(rd, cur) })
}

// failedRefs says in place of the lists why they could not be read.
func (s *settingsScreen) failedRefs(err error) {
	msg := widget.NewLabel(data.ErrorMessage(err))
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	s.prList.Objects = []fyne.CanvasObject{msg}
	s.tyList.Objects = nil
	s.page.Refresh()
}

func (s *settingsScreen) applyRefs(rd referenceData, cur data.Currency) {
	s.refs = rd
	s.addPr.Enable()
	s.addType.Enable()
	s.prEdit, s.prToggle = map[string]*widget.Button{}, map[string]*widget.Button{}
	s.tyEdit, s.tyToggle = map[string]*widget.Button{}, map[string]*widget.Button{}
	s.prList.Objects = nil
	for i := range rd.Practitioners {
		p := &rd.Practitioners[i]
		edit := smallButton("Edit", theme.DocumentCreateIcon(), func() { s.editPractitioner(p) })
		toggle := s.toggleButton(p.Active, p.DisplayName, p.DisplayName, "Their column leaves the calendar and they are no longer offered for new bookings. "+
			"Appointments already booked with them stay booked and keep showing on their days, and their history is kept. "+
			"They can be made active again here.",
			func(tx *data.Tx, active bool) error { return tx.SetPractitionerActive(p.ID, active) })
		s.prEdit[p.ID], s.prToggle[p.ID] = edit, toggle
		s.prList.Add(practitionerView(*p, edit, toggle))
	}
	if len(rd.Practitioners) == 0 {
		s.prList.Add(quiet(hardWrap("No practitioners yet. Add one with their working hours to give the calendar its first column.", 70)))
	}
	s.tyList.Objects = nil
	for i := range rd.Types {
		t := &rd.Types[i]
		edit := smallButton("Edit", theme.DocumentCreateIcon(), func() { s.editType(t) })
		toggle := s.toggleButton(t.Active, "the type "+t.Name, "The type "+t.Name, "It is no longer offered for new bookings; appointments of this type keep it. "+
			"It can be made active again here.",
			func(tx *data.Tx, active bool) error { return tx.SetAppointmentTypeActive(t.ID, active) })
		s.tyEdit[t.ID], s.tyToggle[t.ID] = edit, toggle
		s.tyList.Add(typeView(*t, cur, edit, toggle))
	}
	if len(rd.Types) == 0 {
		s.tyList.Add(quiet(hardWrap("No appointment types yet. Bookings can be made with typed times meanwhile; "+
			"a type gives them a length, a colour, a fee and a recall.", 70)))
	}
	s.page.Refresh() // the lists' new height moves what is below them
}

// toggleButton deactivates (after asking once, naming what happens) or
// makes active again, through the write path.
// what names the practitioner or type inside a sentence, subject at its
// start. Making active again takes nothing away, so it does not ask.
func (s *settingsScreen) toggleButton(active bool, what, subject, consequence string, set func(tx *data.Tx, active bool) error) *widget.Button {
	if !active {
		return smallButton("Reactivate", theme.ViewRefreshIcon(), func() {
			s.run(subject+" is active again.", func(tx *data.Tx) error { return set(tx, true) })
		})
	}
	return smallButton("Deactivate", theme.ContentRemoveIcon(), func() {
		confirmAction(s.d, "Deactivate "+what+"?", "Deactivate "+what+"? "+consequence, "Deactivate", func() {
			s.run(subject+" was deactivated.", func(tx *data.Tx) error { return set(tx, false) })
		})
	})
}

// run makes a change in the background through the write path, then
// reloads the lists; a failure is said in the status line and a dialog.
func (s *settingsScreen) run(said string, fn func(tx *data.Tx) error) <-chan struct{} {
	return s.d.write(fn, func(err error) {
		s.d.sayLogged(err)
		dialogError(s.d, "The change", err)
	}, func() <-chan struct{} {
		s.d.say(said)
		return s.changed()
	})
}

// changed follows a change of practitioners or types: the lists are read
// again, and so are the booking lists the calendar keeps, which bookings
// made from other screens (call lists, waitlist) use.
func (s *settingsScreen) changed() <-chan struct{} {
	store := s.d.store
	background(s.d.do, func() (bookingRefs, error) { return loadRefs(context.Background(), store) }, func(refs bookingRefs, err error) {
		if err != nil {
			s.d.calendar.refs = bookingRefs{} // read again by the next booking
			return
		}
		s.d.calendar.refs = refs
	})
	return s.shown()
}

// editPractitioner opens the practitioner editor (nil: a new one).
func (s *settingsScreen) editPractitioner(p *practitionerWeek) *practitionerForm {
	s.prForm = openPractitionerForm(s.d, p, s.refs.Practitioners, func() { s.changed() })
	return s.prForm
}

// editType opens the appointment type editor (nil: a new one).
func (s *settingsScreen) editType(t *data.AppointmentType) *typeForm {
	s.tyForm = openTypeForm(s.d, t, s.refs.Types, func() { s.changed() })
	return s.tyForm
}

func practitionerView(p practitionerWeek, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	name := bold(p.DisplayName)
	name.Truncation = fyne.TextTruncateEllipsis
	about := []string{}
	if p.Speciality != "" {
		about = append(about, p.Speciality)
	}
	if !p.Active {
		about = append(about, "inactive")
	}
	state := quiet(strings.Join(about, " · "))
	state.Truncation = fyne.TextTruncateEllipsis
	head := container.NewBorder(nil, nil, tag(parseColour(p.Colour)), container.NewHBox(buttons...),
		container.New(&columns{shares: []float32{0.55, 0.45}}, name, state))
	week := "No working hours set."
	if len(p.Week) > 0 {
		week = strings.Join(p.Week, "\n")
	}
	hours := widget.NewLabel(week)
	hours.Wrapping = fyne.TextWrapWord
	if !p.Active {
		hours.Importance = widget.LowImportance
	}
	return container.New(&tight{overlap: theme.InnerPadding() + 2}, head, container.New(layout.NewCustomPaddedLayout(0, 0, 18, 0), hours))
}

var typeShares = []float32{0.33, 0.13, 0.20, 0.34}

func typeView(t data.AppointmentType, cur data.Currency, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	name := truncated(t.Name)
	if !t.Active {
		name.Importance = widget.LowImportance
		name.SetText(t.Name + " (inactive)")
	}
	fee := widget.NewLabel(moneyText(cur, t.DefaultFee))
	fee.Alignment = fyne.TextAlignTrailing
	recall := quiet("")
	if t.RecallMonths > 0 {
		recall.SetText("recall " + countText(t.RecallMonths, "month", "months"))
	}
	recall.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, tag(parseColour(t.Colour)), container.NewHBox(buttons...),
		container.New(&columns{shares: typeShares}, name, widget.NewLabel(strconv.Itoa(t.DurationMin)+" min"), fee, recall))
}

// doSave saves the practice settings in the background. On failure the
// message is shown and the form keeps everything typed.
func (s *settingsScreen) doSave() <-chan struct{} {
	if !s.form.valid || !s.form.changed || s.saving {
		return closed()
	}
	pr, store := s.form.result, s.d.store
	s.saving = true
	s.updateButtons()
	setText(s.result, s.d.w.T("common.saving"), widget.LowImportance)
	return s.d.write(func(tx *data.Tx) error {
		p := pr
		return tx.Save(&p)
	}, func(err error) {
		s.saving = false
		setText(s.result, s.d.w.T("common.not_saved", "Why", s.d.w.Error(err)), widget.DangerImportance)
		s.updateButtons()
	}, func() <-chan struct{} {
		return backgroundThen(s.d.do, func() (data.Practice, error) { return store.Practice(context.Background()) },
			func(saved data.Practice, err error) <-chan struct{} {
				if err != nil {
					saved = pr // saved all the same; only the read back failed
				}
				s.saving = false
				s.d.setPractice(saved)
				s.form.reset(saved)
				setText(s.result, s.d.w.T("settings.saved"), widget.SuccessImportance)
				s.d.say(s.d.w.T("settings.said_saved"))
				return s.shown() // fees are written in the practice currency
			})
	})
}
