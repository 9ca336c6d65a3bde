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
	hitsFor   string // the search text the hits answer
	list      *pickList
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

	onChange func()
	onEscape func()
	onPicked func() // after a patient was picked from the results
	// enters counts Enter typed before the results of the search text
	// showed: the first result is picked when they do, and a second Enter
	// goes on to the booking's default button, as it would have had the
	// results been quicker than the secretary.
	enters     int
	onSearched func() // after a search's results are on the list (screenshot mode)
	searches   *loader[string, []data.PatientHit]
}

// pickerRows is how many search results show at once.
const pickerRows = 4

func newPatientPicker(d *desk, onChange, onEscape func()) *patientPicker {
	p := &patientPicker{d: d, onChange: onChange, onEscape: onEscape}
	w := d.w
	p.searches = newLoader[string, []data.PatientHit](d, func() string { return strings.TrimSpace(p.search.Text) })
	p.searches.failed = func(err error) { setText(p.info, p.d.w.Error(err), widget.DangerImportance) }
	p.chosenLbl = bold("")
	p.chosenLbl.Truncation = fyne.TextTruncateEllipsis
	change := widget.NewButton(w.T("picker.change"), func() { p.choose(data.PatientHit{}) })
	p.chosenBox = container.NewBorder(nil, nil, nil, change, p.chosenLbl)

	p.search = newDeskEntry(p.focus)
	p.search.SetPlaceHolder(w.T("picker.placeholder"))
	p.search.OnChanged = func(string) { p.enters = 0; p.searchSoon() }
	p.search.onEscape = func() { p.onEscape() }
	p.search.onKey = p.searchKey
	p.info = quiet(w.T("picker.hint"))
	p.info.Truncation = fyne.TextTruncateEllipsis
	p.list = newPickList(
		func() int { return len(p.hits) },
		func() fyne.CanvasObject { return truncated("") },
		func(id int, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.hitText(p.hits[id])) },
		func(id int) { p.pick(p.hits[id]) })
	p.list.onRune = func(r rune) {
		p.focus()
		p.search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
		p.search.TypedRune(r)
	}
	p.newBtn = widget.NewButton(w.T("patients.new"), func() { p.setCreating(true) })
	// In this order Tab goes from the search to its results, then to New
	// patient, which sits beside what the results say.
	bottom := container.NewBorder(nil, nil, nil, p.newBtn, p.info)
	p.searchBox = container.New(layout.NewBorderLayout(p.search, bottom, nil, nil),
		p.search, container.New(&fixedHeight{h: pickerRows * 30}, p.list), bottom)

	p.family, p.given, p.born, p.phone = newDeskEntry(p.focus), newDeskEntry(p.focus), newDeskEntry(p.focus), newDeskEntry(p.focus)
	p.born.SetPlaceHolder(d.pr.DateFormat.BirthExample())
	for _, e := range []*deskEntry{p.family, p.given, p.born, p.phone} {
		e.OnChanged = func(string) { p.onChange() }
		e.onEscape = func() { p.onEscape() }
	}
	back := widget.NewButton(w.T("picker.search_instead"), func() { p.setCreating(false) })
	label := data.PatientLabel
	p.newBox = container.NewVBox(
		container.NewGridWithColumns(2, captioned(w.T(label(data.FieldFamilyName)), p.family), captioned(w.T(label(data.FieldGivenName)), p.given)),
		container.NewGridWithColumns(2, captioned(w.T(label(data.FieldBirthDate)), p.born), captioned(w.T(label(data.FieldPhone)), p.phone)),
		container.NewHBox(back))
	p.blocked = widget.NewCheck(w.T("picker.blocked"), func(bool) { p.layout(); p.onChange() })
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
		w := p.d.w
		if age := ageIn(w, h.BirthDate, p.d.today()); age != "" {
			parts = append(parts, w.T("picker.born_age", "Date", h.BirthDate, "Age", age))
		} else {
			parts = append(parts, w.Day(h.BirthDate))
		}
	}
	if h.Phone != "" {
		parts = append(parts, h.Phone)
	}
	return strings.Join(parts, " · ")
}

// searchKey takes the search field's keys that are its results': Up and
// Down move the highlight, Enter picks the highlighted patient, or the
// first one as soon as the results of what was typed show.
func (p *patientPicker) searchKey(k *fyne.KeyEvent) bool {
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && strings.TrimSpace(p.search.Text) != p.hitsFor {
		p.enters++
		return true
	}
	return p.list.keyFrom(k)
}

// typedAhead plays the Enters typed before the results showed: the first
// picks the first result, a second presses the booking's default button.
func (p *patientPicker) typedAhead() {
	n := p.enters
	p.enters = 0
	if n == 0 || !p.list.pick() || n < 2 {
		return
	}
	if c := canvasOf(p.content); c != nil {
		if m := topModal(c); m != nil {
			m.submit()
		}
	}
}

// pick chooses a patient from the results and moves on (onPicked).
func (p *patientPicker) pick(h data.PatientHit) {
	p.choose(h)
	if p.onPicked != nil {
		p.onPicked()
	}
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
	q := strings.TrimSpace(p.search.Text)
	if q == "" {
		p.searches.stop()
		p.hits, p.hitsFor = nil, ""
		p.list.reset()
		setText(p.info, p.d.w.T("picker.hint"), widget.LowImportance)
		return
	}
	store := p.d.store
	p.searches.loadAfter(searchDelay, q, func(ctx context.Context) ([]data.PatientHit, error) {
		return store.SearchPatients(ctx, q, 20)
	}, func(hits []data.PatientHit) {
		p.hits, p.hitsFor = hits, q
		p.list.reset()
		w := p.d.w
		switch len(hits) {
		case 0:
			setText(p.info, w.T("picker.none", "Query", q), widget.LowImportance)
		default:
			setText(p.info, w.N("picker.found", len(hits)), widget.LowImportance)
		}
		p.typedAhead()
		if p.onSearched != nil {
			p.onSearched()
		}
	})
}

// newPatient reads the new patient's fields, or says what is wrong.
func (p *patientPicker) newPatient() (data.Patient, data.Problems) {
	pt := data.Patient{FamilyName: p.family.Text, GivenName: p.given.Text, Phone: p.phone.Text}
	var problems data.Problems
	if strings.TrimSpace(p.born.Text) != "" {
		d, err := p.d.pr.DateFormat.Parse(p.born.Text)
		if err != nil {
			problems.ReportErr(data.FieldBirthDate, data.PatientLabel(data.FieldBirthDate), err)
		}
		pt.BirthDate = d
	}
	check := pt
	check.ChartNumber = "-" // given by the store when saved
	return pt, append(problems, data.ProblemsOf(check.ValidateAs(p.d.pr.DateFormat))...)
}

// state is what the picker holds besides its visible fields, for the
// booking's "Discard…?" (the patient chosen, a new patient half typed).
func (p *patientPicker) state() string {
	return strings.Join([]string{p.chosen.ID, strconv.FormatBool(p.creating), p.search.Text,
		p.family.Text, p.given.Text, p.born.Text, p.phone.Text}, "\x00")
}

// problems says what the booking still needs from the picker.
func (p *patientPicker) problems() data.Problems {
	switch {
	case p.blocked.Checked || p.chosen.ID != "":
		return nil
	case p.creating:
		_, probs := p.newPatient()
		return probs
	}
	var probs data.Problems
	probs.Report(data.FieldPatient, "booking.problem.no_patient", "Field", data.AppointmentLabel(data.FieldPatient))
	return probs
}
