package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// practitionerWeek is a practitioner with their week, as stored.
type practitionerWeek struct {
	data.Practitioner
	Hours []data.WorkingHours
}

// referenceData is what Settings lists below the practice form.
type referenceData struct {
	Practitioners []practitionerWeek
	Types         []data.AppointmentType
	// The letterhead's pictures, for the previews of the practice form.
	Logo, Signature *data.Image
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
		rd.Practitioners = append(rd.Practitioners, practitionerWeek{p, whs})
	}
	rd.Types, err = s.AppointmentTypes(ctx)
	if err != nil {
		return rd, err
	}
	lh, err := s.Letterhead(ctx)
	if err != nil && data.ErrorCode(err) != data.ENotFound {
		return rd, err
	}
	rd.Logo, rd.Signature = lh.Logo, lh.Signature
	return rd, nil
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
	scroll  *container.Scroll
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
	// usersBtn and auditBtn lead an administrator to Settings → Users
	// and → Audit log (settings_access.go).
	usersBtn, auditBtn *widget.Button
	fees               *feeSettings    // bank details, tax rates, fee schedule (settings_fees.go)
	backups            *backupSettings // Settings → Backups (settings_backup.go)
	sync               *syncSettings   // Settings → Sync, administrators only (settings_sync.go)
}

func newSettingsScreen(d *desk) *settingsScreen {
	s := &settingsScreen{d: d}
	s.loads = newLoader[struct{}, referenceData](d, nil)
	s.loads.failed = s.failedRefs
	s.form = newPracticeForm(d.w, d.pr, true, d.focusSearch)
	for _, p := range []*imagePicker{s.form.logo, s.form.signature} {
		p.win, p.do = d.win, d.do
	}
	s.lang = newDeskLanguageChoice(d.w)
	s.save = widget.NewButtonWithIcon(d.w.T("common.save"), theme.DocumentSaveIcon(), func() { s.doSave() })
	s.save.Importance = widget.HighImportance
	s.revert = widget.NewButton(d.w.T("settings.undo_changes"), func() {
		s.form.reset(s.d.pr)
		s.form.logo.showStored(s.refs.Logo)
		s.form.signature.showStored(s.refs.Signature)
		setText(s.result, "", widget.LowImportance)
	})
	s.result = widget.NewLabel("")
	s.result.Wrapping = fyne.TextWrapWord
	s.form.onState = s.updateButtons
	s.form.onSubmit = func() { s.doSave() }
	s.updateButtons()

	w := d.w
	s.addPr = smallButton(w.T("settings.add_practitioner"), theme.ContentAddIcon(), func() { s.editPractitioner(nil) })
	s.addType = smallButton(w.T("settings.add_type"), theme.ContentAddIcon(), func() { s.editType(nil) })
	s.addPr.Disable() // until the lists are loaded: a new colour is one no one has
	s.addType.Disable()
	s.prList = container.NewVBox(quiet(w.T("common.loading")))
	s.tyList = container.NewVBox(quiet(w.T("common.loading")))
	buttons := container.NewBorder(nil, nil, container.NewHBox(s.save, s.revert), nil, s.result)
	s.fees = newFeeSettings(d)
	lists := container.New(&splitColumns{left: 0.5, gap: 24},
		container.NewVBox(sectionHead(w.T("settings.practitioners"), s.addPr), s.prList),
		container.NewVBox(sectionHead(w.T("settings.types"), s.addType), s.tyList))
	s.backups = newBackupSettings(d)
	s.sync = newSyncSettings(d)
	s.page = container.NewVBox(
		heading(d.w.T("settings.heading")),
		subheading(d.w.T("settings.practice")),
		s.form.content,
		buttons,
		s.lang.content,
		hline(),
		s.backups.content,
		hline(),
		s.sync.content,
		hline(),
		lists,
		hline(),
		s.fees.content)
	s.page = s.forUser(s.page)
	s.scroll = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(6, 10, 10, 14), s.page))
	s.content = s.scroll
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
	fees := s.fees.load()
	if s.d.can(data.RightSettings) {
		s.sync.load() // its own part: the lists do not wait for a folder on a slow drive
	}
	refs := s.loads.load(struct{}{}, func(ctx context.Context) (referenceData, error) {
		return loadReferenceData(ctx, store)
	}, func(rd referenceData) { s.applyRefs(rd, cur) })
	both := make(chan struct{}) // closed once the lists and the fee schedule are on the widgets
	go func() { <-fees; <-refs; close(both) }()
	return both
}

// failedRefs says in place of the lists why they could not be read.
func (s *settingsScreen) failedRefs(err error) {
	msg := widget.NewLabel(s.d.w.Error(err))
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	s.prList.Objects = []fyne.CanvasObject{msg}
	s.tyList.Objects = nil
	s.page.Refresh()
}

func (s *settingsScreen) applyRefs(rd referenceData, cur data.Currency) {
	w := s.d.w
	s.refs = rd
	s.form.logo.showStored(rd.Logo)
	s.form.signature.showStored(rd.Signature)
	s.addPr.Enable()
	s.addType.Enable()
	s.prEdit, s.prToggle = map[string]*widget.Button{}, map[string]*widget.Button{}
	s.tyEdit, s.tyToggle = map[string]*widget.Button{}, map[string]*widget.Button{}
	s.prList.Objects = nil
	for i := range rd.Practitioners {
		p := &rd.Practitioners[i]
		edit := smallButton(w.T("common.edit"), theme.DocumentCreateIcon(), func() { s.editPractitioner(p) })
		toggle := s.toggleButton(p.Active, toggleWords{
			title:       w.T("settings.practitioner.deactivate_title", "Name", p.DisplayName),
			question:    w.T("settings.practitioner.deactivate_question", "Name", p.DisplayName),
			deactivated: w.T("settings.practitioner.deactivated", "Name", p.DisplayName),
			reactivated: w.T("settings.practitioner.reactivated", "Name", p.DisplayName),
		}, func(tx *data.Tx, active bool) error { return tx.SetPractitionerActive(p.ID, active) })
		s.prEdit[p.ID], s.prToggle[p.ID] = edit, toggle
		s.prList.Add(practitionerView(w, *p, edit, toggle))
	}
	if len(rd.Practitioners) == 0 {
		s.prList.Add(quiet(hardWrap(w.T("settings.practitioners.none"), 70)))
	}
	s.tyList.Objects = nil
	for i := range rd.Types {
		t := &rd.Types[i]
		edit := smallButton(w.T("common.edit"), theme.DocumentCreateIcon(), func() { s.editType(t) })
		toggle := s.toggleButton(t.Active, toggleWords{
			title:       w.T("settings.type.deactivate_title", "Name", t.Name),
			question:    w.T("settings.type.deactivate_question", "Name", t.Name),
			deactivated: w.T("settings.type.deactivated", "Name", t.Name),
			reactivated: w.T("settings.type.reactivated", "Name", t.Name),
		}, func(tx *data.Tx, active bool) error { return tx.SetAppointmentTypeActive(t.ID, active) })
		s.tyEdit[t.ID], s.tyToggle[t.ID] = edit, toggle
		s.tyList.Add(typeView(w, *t, cur, edit, toggle))
	}
	if len(rd.Types) == 0 {
		s.tyList.Add(quiet(hardWrap(w.T("settings.types.none"), 70)))
	}
	s.page.Refresh() // the lists' new height moves what is below them
}

// toggleWords are what a deactivation asks (its title and its
// question, which names what happens) and what the status line says once
// it is done, or undone.
type toggleWords struct{ title, question, deactivated, reactivated string }

// toggleButton deactivates (after asking once, naming what happens) or
// makes active again, through the write path. Making active again takes
// nothing away, so it does not ask.
func (s *settingsScreen) toggleButton(active bool, tw toggleWords, set func(tx *data.Tx, active bool) error) *widget.Button {
	w := s.d.w
	if !active {
		return smallButton(w.T("settings.reactivate"), theme.ViewRefreshIcon(), func() {
			s.run(tw.reactivated, func(tx *data.Tx) error { return set(tx, true) })
		})
	}
	return smallButton(w.T("settings.deactivate"), theme.ContentRemoveIcon(), func() {
		s.d.confirm(tw.title, tw.question, w.T("settings.deactivate"), func() {
			s.run(tw.deactivated, func(tx *data.Tx) error { return set(tx, false) })
		})
	})
}

// run makes a change in the background through the write path, then
// reloads the lists; a failure is said in the status line and a dialog.
func (s *settingsScreen) run(said string, fn func(tx *data.Tx) error) <-chan struct{} {
	return s.d.write(fn, func(err error) {
		s.d.sayLogged(err)
		s.d.notDone(s.d.w.T("settings.the_change"), err)
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
	s.tyForm = openTypeForm(s.d, t, s.refs.Types, s.fees.loaded.Schedule.Items, func() { s.changed() })
	return s.tyForm
}

func practitionerView(w words, p practitionerWeek, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	name := bold(p.DisplayName)
	name.Truncation = fyne.TextTruncateEllipsis
	about := []string{}
	if p.Speciality != "" {
		about = append(about, p.Speciality)
	}
	if !p.Active {
		about = append(about, w.T("settings.inactive"))
	}
	state := quiet(strings.Join(about, " · "))
	state.Truncation = fyne.TextTruncateEllipsis
	head := container.NewBorder(nil, nil, tag(parseColour(p.Colour)), container.NewHBox(buttons...),
		container.New(&columns{shares: []float32{0.55, 0.45}}, name, state))
	week := w.T("settings.no_hours")
	if days := weekText(w, p.Hours); len(days) > 0 {
		week = strings.Join(days, "\n")
	}
	hours := widget.NewLabel(week)
	hours.Wrapping = fyne.TextWrapWord
	if !p.Active {
		hours.Importance = widget.LowImportance
	}
	return container.New(&tight{overlap: theme.InnerPadding() + 2}, head, container.New(layout.NewCustomPaddedLayout(0, 0, 18, 0), hours))
}

// typeShares are the columns of a type's line; the length ("20 min")
// never shortens, the name and the recall may.
var typeShares = []float32{0.29, 0.15, 0.16, 0.40}

func typeView(w words, t data.AppointmentType, cur data.Currency, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	name := truncated(t.Name)
	if !t.Active {
		name.Importance = widget.LowImportance
		name.SetText(w.T("settings.type.inactive", "Name", t.Name))
	}
	fee := widget.NewLabel(w.Amount(t.DefaultFee, cur))
	fee.Alignment = fyne.TextAlignTrailing
	recall := quiet("")
	if t.RecallMonths > 0 {
		recall.SetText(w.N("settings.type.recall", t.RecallMonths))
	}
	recall.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, tag(parseColour(t.Colour)), container.NewHBox(buttons...),
		container.New(&columns{shares: typeShares}, name, widget.NewLabel(w.T("settings.type.minutes", "Minutes", t.DurationMin)), fee, recall))
}

// doSave saves the practice settings in the background. On failure the
// message is shown and the form keeps everything typed.
func (s *settingsScreen) doSave() <-chan struct{} {
	if !s.form.valid || !s.form.changed || s.saving {
		return closed()
	}
	pr, images, store := s.form.result, s.form.chosenImages(), s.d.store
	s.saving = true
	s.updateButtons()
	setText(s.result, s.d.w.T("common.saving"), widget.LowImportance)
	return s.d.write(func(tx *data.Tx) error {
		for _, im := range images {
			if err := tx.SaveImage(im); err != nil {
				return err
			}
		}
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
