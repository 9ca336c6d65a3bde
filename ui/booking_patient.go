package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// patientPicker chooses the patient of a booking: search as you type by
// family name, or create the patient on the spot (family name, given
// name, date of birth, phone), or book blocked time without a patient.
type patientPicker struct {
	d        *desk
	chosen   data.PatientHit
	blocked  *widget.Check
	creating bool

	chosenLbl *widget.Label
	search    *deskEntry
	hits      []data.PatientHit
	list      *widget.List
	info      *widget.Label
	newBtn    *widget.Button

	family, given, born, phone *deskEntry

	// banner is the chosen patient's allergy line, under the patient
	// field: the secretary sees it while booking, not only in the file.
	// bannerDone is closed once it shows the patient's state (tests).
	banner     *allergyBannerView
	bannerFor  string
	bannerDone <-chan struct{}

	chosenBox, searchBox, newBox *fyne.Container
	content                      *fyne.Container

	onChange   func()
	onEscape   func()
	onSearched func() // after a search's results are on the list (screenshot mode)
	gen        int
	cancel     context.CancelFunc
}

// pickerRows is how many search results show at once.
const pickerRows = 4

func newPatientPicker(d *desk, onChange, onEscape func()) *patientPicker {
	p := &patientPicker{d: d, onChange: onChange, onEscape: onEscape}
	p.chosenLbl = bold("")
	p.chosenLbl.Truncation = fyne.TextTruncateEllipsis
	change := widget.NewButton("Change", func() { p.choose(data.PatientHit{}) })
	p.chosenBox = container.NewBorder(nil, nil, nil, change, p.chosenLbl)

	p.search = newDeskEntry(p.focus)
	p.search.SetPlaceHolder("Type the family name: Dupont, Nguyen…")
	p.search.OnChanged = func(string) { p.searchSoon() }
	p.search.onEscape = func() { p.onEscape() }
	p.info = quiet("Type the first letters of the family name.")
	p.list = widget.NewList(
		func() int { return len(p.hits) },
		func() fyne.CanvasObject { return truncated("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.hitText(p.hits[id])) })
	p.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(p.hits) {
			p.choose(p.hits[id])
		}
		p.list.UnselectAll()
	}
	p.newBtn = widget.NewButton("New patient", func() { p.setCreating(true) })
	p.searchBox = container.NewBorder(container.NewBorder(nil, nil, nil, p.newBtn, p.search), p.info, nil, nil,
		container.New(&fixedHeight{h: pickerRows * 30}, p.list))

	p.family, p.given, p.born, p.phone = newDeskEntry(p.focus), newDeskEntry(p.focus), newDeskEntry(p.focus), newDeskEntry(p.focus)
	p.born.SetPlaceHolder(d.pr.DateFormat.Example())
	for _, e := range []*deskEntry{p.family, p.given, p.born, p.phone} {
		e.OnChanged = func(string) { p.onChange() }
		e.onEscape = func() { p.onEscape() }
	}
	back := widget.NewButton("Search instead", func() { p.setCreating(false) })
	p.newBox = container.NewVBox(
		container.NewGridWithColumns(2, captioned("Family name", p.family), captioned("Given name", p.given)),
		container.NewGridWithColumns(2, captioned("Date of birth", p.born), captioned("Phone", p.phone)),
		container.NewHBox(back))
	p.blocked = widget.NewCheck("No patient: block the time", func(bool) { p.layout(); p.onChange() })
	p.content = container.NewVBox()
	p.layout()
	return p
}

// labelled puts a small caption above a field.
func captioned(caption string, field fyne.CanvasObject) fyne.CanvasObject {
	l := quiet(caption)
	return container.New(&tight{overlap: theme.InnerPadding()}, l, field)
}

func (p *patientPicker) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p.search); c != nil {
		c.Focus(p.search)
	}
}

func (p *patientPicker) hitText(h data.PatientHit) string {
	parts := []string{listName(h.FamilyName, h.GivenName), h.ChartNumber}
	if !h.BirthDate.IsZero() {
		parts = append(parts, birthText(p.d.pr.DateFormat, h.BirthDate, p.d.today()))
	}
	if h.Phone != "" {
		parts = append(parts, h.Phone)
	}
	return strings.Join(parts, " · ")
}

// choose makes h the patient (the zero hit: none, search again).
func (p *patientPicker) choose(h data.PatientHit) {
	p.chosen = h
	p.creating = false
	p.layout()
	p.onChange()
}

func (p *patientPicker) setCreating(on bool) {
	p.creating = on
	if on && p.family.Text == "" {
		p.family.SetText(strings.TrimSpace(p.search.Text))
	}
	p.layout()
	p.onChange()
}

// layout shows the part of the picker that fits its state.
func (p *patientPicker) layout() {
	var objs []fyne.CanvasObject
	switch {
	case p.blocked.Checked:
	case p.chosen.ID != "":
		p.chosenLbl.SetText(p.hitText(p.chosen))
		if p.bannerFor != p.chosen.ID {
			p.banner, p.bannerDone = allergyBanner(p.d, p.chosen.ID)
			p.bannerFor = p.chosen.ID
		}
		objs = append(objs, p.chosenBox, p.banner)
	case p.creating:
		objs = append(objs, p.newBox)
	default:
		objs = append(objs, p.searchBox)
	}
	objs = append(objs, p.blocked)
	p.content.Objects = objs
	p.content.Refresh()
}

// searchSoon searches when typing pauses; each keystroke makes the
// searches before it stale.
func (p *patientPicker) searchSoon() {
	p.gen++
	gen := p.gen
	if p.cancel != nil {
		p.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	q := strings.TrimSpace(p.search.Text)
	if q == "" {
		p.hits = nil
		p.list.Refresh()
		setText(p.info, "Type the first letters of the family name.", widget.LowImportance)
		return
	}
	store := p.d.store
	go func() {
		select {
		case <-time.After(searchDelay):
		case <-ctx.Done():
			return
		}
		hits, err := store.SearchPatients(ctx, q, 20)
		p.d.do(func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				setText(p.info, data.ErrorMessage(err), widget.DangerImportance)
				return
			}
			p.hits = hits
			p.list.Refresh()
			p.list.ScrollToTop()
			switch len(hits) {
			case 0:
				setText(p.info, "No patient's name starts with “"+q+"”. Create the patient with New patient.", widget.LowImportance)
			default:
				setText(p.info, countText(len(hits), "patient", "patients")+" — click one to choose.", widget.LowImportance)
			}
			if p.onSearched != nil {
				p.onSearched()
			}
		})
	}()
}

// newPatient reads the new patient's fields, or says what is wrong.
func (p *patientPicker) newPatient() (data.Patient, []string) {
	pt := data.Patient{FamilyName: p.family.Text, GivenName: p.given.Text, Phone: p.phone.Text}
	var problems []string
	if strings.TrimSpace(p.born.Text) != "" {
		d, err := p.d.pr.DateFormat.Parse(p.born.Text)
		if err != nil {
			problems = append(problems, "Date of birth: "+err.Error()+".")
		}
		pt.BirthDate = d
	}
	check := pt
	check.ChartNumber = "-" // given by the store when saved
	if err := check.Validate(); err != nil {
		problems = append(problems, strings.Split(data.ErrorMessage(err), "\n")...)
	}
	return pt, problems
}

// problems says what the booking still needs from the picker.
func (p *patientPicker) problems() []string {
	switch {
	case p.blocked.Checked || p.chosen.ID != "":
		return nil
	case p.creating:
		_, probs := p.newPatient()
		return probs
	}
	return []string{"Patient: choose the patient, create a new one, or book the time as blocked."}
}
