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

// practitionerWeek is a practitioner with their week written out.
type practitionerWeek struct {
	data.Practitioner
	Week []string // "Mon 08:00–12:00, 14:00–18:00", Monday first
}

// referenceData is what Settings lists read-only below the form.
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
		rd.Practitioners = append(rd.Practitioners, practitionerWeek{p, weekText(whs)})
	}
	rd.Types, err = s.AppointmentTypes(ctx)
	return rd, err
}

// settingsScreen edits the practice settings and lists the practitioners
// and appointment types.
type settingsScreen struct {
	d       *desk
	form    *practiceForm
	save    *widget.Button
	revert  *widget.Button
	result  *widget.Label
	saving  bool
	prList  *fyne.Container
	tyList  *fyne.Container
	page    *fyne.Container // re-laid out when the lists change height
	content fyne.CanvasObject
	gen     int
	// refs is the reference data on the widgets, for tests.
	refs referenceData
}

func newSettingsScreen(d *desk) *settingsScreen {
	s := &settingsScreen{d: d}
	s.form = newPracticeForm(d.pr, true, d.focusSearch)
	s.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { s.doSave() })
	s.save.Importance = widget.HighImportance
	s.revert = widget.NewButton("Undo changes", func() {
		s.form.reset(s.d.pr)
		setText(s.result, "", widget.LowImportance)
	})
	s.result = widget.NewLabel("")
	s.result.Wrapping = fyne.TextWrapWord
	s.form.onState = s.updateButtons
	s.updateButtons()

	s.prList = container.NewVBox(quiet("Loading…"))
	s.tyList = container.NewVBox(quiet("Loading…"))
	buttons := container.NewBorder(nil, nil, container.NewHBox(s.save, s.revert), nil, s.result)
	lists := container.NewGridWithColumns(2,
		container.NewVBox(subheading("Practitioners"), s.prList),
		container.NewVBox(subheading("Appointment types"), s.tyList))
	note := quiet("Practitioners, working hours and appointment types are read-only here for now; " +
		"changing them arrives with the booking work.")
	note.Wrapping = fyne.TextWrapWord
	note.TextStyle.Italic = true
	s.page = container.NewVBox(
		heading("Settings"),
		subheading("Practice"),
		s.form.content,
		buttons,
		hline(),
		lists,
		note)
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
	if s.form.changed && s.result.Text == "Saved." {
		setText(s.result, "", widget.LowImportance)
	}
}

// shown reloads the lists; the form keeps what is typed.
func (s *settingsScreen) shown() <-chan struct{} {
	s.gen++
	gen := s.gen
	store, cur := s.d.store, s.d.pr.Money()
	done := make(chan struct{})
	go func() {
		ctx, cancel := loadContext()
		defer cancel()
		rd, err := loadReferenceData(ctx, store)
		s.d.do(func() {
			defer close(done)
			if gen != s.gen {
				return
			}
			s.applyRefs(rd, cur, err)
		})
	}()
	return done
}

func (s *settingsScreen) applyRefs(rd referenceData, cur data.Currency, err error) {
	if err != nil {
		s.d.sayError(err)
		msg := widget.NewLabel(data.ErrorMessage(err))
		msg.Importance = widget.DangerImportance
		msg.Wrapping = fyne.TextWrapWord
		s.prList.Objects = []fyne.CanvasObject{msg}
		s.tyList.Objects = nil
		s.page.Refresh()
		return
	}
	s.refs = rd
	s.prList.Objects = nil
	for _, p := range rd.Practitioners {
		s.prList.Add(practitionerView(p))
	}
	if len(rd.Practitioners) == 0 {
		s.prList.Add(quiet("No practitioners yet."))
	}
	s.tyList.Objects = nil
	for _, t := range rd.Types {
		s.tyList.Add(typeView(t, cur))
	}
	if len(rd.Types) == 0 {
		s.tyList.Add(quiet("No appointment types yet."))
	}
	s.page.Refresh() // the lists' new height moves what is below them
}

func practitionerView(p practitionerWeek) fyne.CanvasObject {
	name := bold(p.DisplayName)
	head := container.NewHBox(tag(parseColour(p.Colour)), name)
	about := []string{}
	if p.Speciality != "" {
		about = append(about, p.Speciality)
	}
	if !p.Active {
		about = append(about, "inactive")
	}
	if len(about) > 0 {
		head.Add(quiet(strings.Join(about, " · ")))
	}
	week := "No working hours set."
	if len(p.Week) > 0 {
		week = strings.Join(p.Week, "\n")
	}
	hours := widget.NewLabel(week)
	hours.Wrapping = fyne.TextWrapWord
	return container.New(&tight{overlap: theme.InnerPadding() + 2}, head, container.New(layout.NewCustomPaddedLayout(0, 0, 18, 0), hours))
}

var typeShares = []float32{0.46, 0.17, 0.22, 0.15}

func typeView(t data.AppointmentType, cur data.Currency) fyne.CanvasObject {
	name := truncated(t.Name)
	state := quiet("")
	if !t.Active {
		state.SetText("inactive")
	}
	fee := widget.NewLabel(moneyText(cur, t.DefaultFee))
	fee.Alignment = fyne.TextAlignTrailing
	return container.New(&columns{shares: typeShares},
		container.NewBorder(nil, nil, tag(parseColour(t.Colour)), nil, name),
		widget.NewLabel(strconv.Itoa(t.DurationMin)+" min"),
		fee,
		state)
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
	setText(s.result, "Saving…", widget.LowImportance)
	done := make(chan struct{})
	go func() {
		ctx := context.Background()
		err := store.Update(ctx, func(tx *data.Tx) error {
			p := pr
			return tx.Save(&p)
		})
		saved := pr
		if err == nil {
			if rb, rerr := store.Practice(ctx); rerr == nil {
				saved = rb
			}
		}
		s.d.do(func() {
			defer close(done)
			s.saving = false
			if err != nil {
				s.d.opts.logf("ui: saving the practice settings: %v", err)
				setText(s.result, "Not saved: "+data.ErrorMessage(err), widget.DangerImportance)
				s.updateButtons()
				return
			}
			s.d.setPractice(saved)
			s.form.reset(saved)
			setText(s.result, "Saved.", widget.SuccessImportance)
			s.d.say("The practice settings were saved.")
			s.shown() // fees are written in the practice currency
		})
	}()
	return done
}
