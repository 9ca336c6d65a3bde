package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// searchLimit is how many patients one search shows.
const searchLimit = 50

// searchDelay is how long typing must pause before the search runs: the
// store answers in well under a millisecond, so this only spares the
// list from flickering while someone types fast.
var searchDelay = 120 * time.Millisecond

// resultText says what the list shows, from how the query was read.
func resultText(w words, query string, res data.PatientSearch, n, total int) string {
	var more any = ""
	if n >= searchLimit {
		more = i18n.Key("patients.result.narrow")
	}
	switch res.Kind {
	case data.SearchAll:
		if n == 0 {
			return w.T("patients.result.none_yet")
		}
		if n >= searchLimit {
			return w.T("patients.result.first_of", "Shown", n, "Total", total)
		}
		return w.N("patients.result.by_name", n)
	case data.SearchUnfinished:
		return i18n.Title(w.Render(res.Why))
	case data.SearchBirthDate:
		if n == 0 {
			return w.T("patients.result.born_none", "Date", res.Date)
		}
		return w.N("patients.result.born", n, "Date", res.Date, "More", more)
	case data.SearchPhone:
		if n == 0 {
			return w.T("patients.result.phone_none", "Query", query)
		}
		return w.N("patients.result.phone", n, "Query", query, "More", more)
	case data.SearchChart:
		if n == 0 {
			return w.T("patients.result.chart_none", "Query", query)
		}
		return w.N("patients.result.chart", n, "Query", query)
	}
	if n == 0 {
		return w.T("patients.result.name_none", "Query", query)
	}
	return w.N("patients.result.name", n, "Query", query, "More", more)
}

// patientShares are the widths of the list's columns.
var patientShares = []float32{0.30, 0.16, 0.07, 0.16, 0.20, 0.11}

// patientsScreen is the search list, full width, or the opened patient's
// file in its place. The query is typed in the top bar's search field;
// typing there while a file is open comes back to the list, and so does
// the Patients item of the rail, always: the list then offers the way
// back to the file, which keeps its state (a form with what was typed).
type patientsScreen struct {
	d         *desk
	query     string
	result    data.PatientSearch
	hits      []data.PatientHit
	total     int
	today     data.Date
	w         words // the words the rows were written with
	list      *pickList
	info      *widget.Label
	newBtn    *widget.Button
	importBtn *widget.Button // the CSV import wizard (patient_import.go)
	backBtn   *widget.Button // back to the file behind the list
	file      *patientFile
	listBox   fyne.CanvasObject
	main      *fyne.Container // the list or the file
	content   fyne.CanvasObject

	shownQuery string // the query of the results on the list
	searches   *loader[string, searchResult]
	// openFirst is set by Enter typed before the results of the query
	// showed: the first result opens when they do.
	openFirst bool
}

func newPatientsScreen(d *desk) *patientsScreen {
	p := &patientsScreen{d: d, w: d.w}
	p.searches = newLoader[string, searchResult](d, func() string { return p.query })
	p.searches.failed = func(err error) { setText(p.info, p.d.w.Error(err), widget.DangerImportance) }
	p.info = quiet("")
	p.info.Truncation = fyne.TextTruncateEllipsis
	p.list = newPickList(
		func() int { return len(p.hits) },
		func() fyne.CanvasObject { return newPatientRow() },
		func(id int, o fyne.CanvasObject) { o.(*patientRow).set(p.w, p.hits[id], p.today) },
		func(id int) { p.open(p.hits[id].ID) })
	p.list.onRune = d.typeInSearch
	p.file = newPatientFile(d, p.showList)
	w := d.w
	p.newBtn = widget.NewButtonWithIcon(w.T("patients.new"), theme.ContentAddIcon(), func() { p.newPatient() })
	p.importBtn = widget.NewButtonWithIcon(w.T("import.wizard.button"), theme.UploadIcon(), func() { p.startImport() })
	// An import creates patients: only for those who may (the store
	// refuses the others anyway). A new sign-in builds a new desk.
	if !d.can(data.RightPatientsWrite) {
		p.importBtn.Hide()
	}
	p.backBtn = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.showFile() })
	p.backBtn.IconPlacement = widget.ButtonIconTrailingText
	p.backBtn.Importance = widget.LowImportance
	p.backBtn.Hide()
	header := container.New(&columns{shares: patientShares},
		quietBold(w.T("patients.column.name")), quietBold(w.T("patients.column.birth_date")), quietBold(w.T("patients.column.age")),
		quietBold(w.T("patients.column.phone")), quietBold(w.T("patients.column.next")), quietBold(w.T("patients.column.chart")))
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(heading(w.T("patients.heading")), p.backBtn), container.NewHBox(p.importBtn, p.newBtn)), p.info)
	p.listBox = container.NewBorder(
		container.NewVBox(container.New(layout.NewCustomPaddedLayout(6, 0, 10, 10), top),
			withBackground(barColour, container.NewBorder(hline(), hline(), nil, nil,
				container.New(layout.NewCustomPaddedLayout(-2, -2, 0, 0), header)))),
		nil, nil, nil, p.list)
	p.main = container.NewStack(p.listBox)
	p.content = p.main
	p.installDrop()
	return p
}

func quietBold(text string) *widget.Label {
	l := quiet(text)
	l.TextStyle.Bold = true
	return l
}

func (p *patientsScreen) view() fyne.CanvasObject { return p.content }

// shown brings the list in front and searches at once for what the
// search field holds. An open file stays behind it, one click away.
func (p *patientsScreen) shown() <-chan struct{} {
	p.showList()
	return p.search(0)
}

// searchSoon searches when typing pauses; typing in the top bar brings
// the list back in front of an open file.
func (p *patientsScreen) searchSoon() <-chan struct{} {
	p.showList()
	return p.search(searchDelay)
}

// showList puts the search list in the main area, with the way back to
// the file that was in front, if any.
func (p *patientsScreen) showList() {
	if len(p.main.Objects) == 1 && p.main.Objects[0] == p.listBox {
		return
	}
	if label := p.file.backLabel(); label != "" {
		p.backBtn.SetText(label)
		p.backBtn.Show()
	} else {
		p.backBtn.Hide()
	}
	p.main.Objects = []fyne.CanvasObject{p.listBox}
	p.main.Refresh()
}

// showFile puts the patient file in the main area.
func (p *patientsScreen) showFile() {
	p.main.Objects = []fyne.CanvasObject{p.file.view()}
	p.main.Refresh()
}

// fileShown reports whether the file, not the list, is in front.
func (p *patientsScreen) fileShown() bool {
	return len(p.main.Objects) == 1 && p.main.Objects[0] == p.file.view()
}

// open opens a patient's file in the main area, after asking when a
// demographics form holds unsaved changes.
func (p *patientsScreen) open(id string) <-chan struct{} {
	return p.askBeforeLeaving(func() <-chan struct{} {
		p.showFile()
		return p.file.open(id)
	})
}

// newPatient shows an empty demographics form with the duplicate check,
// after asking when another form holds unsaved changes (then it returns
// nil, and the form opens once they are discarded).
func (p *patientsScreen) newPatient() *patientForm {
	var form *patientForm
	p.askBeforeLeaving(func() <-chan struct{} {
		p.showFile()
		form = p.file.startNew()
		return nil
	})
	return form
}

// searchResult is what one search found.
type searchResult struct {
	res   data.PatientSearch
	total int // patients in all, for the list of every patient
}

// search runs the query after delay in the background. Each search makes
// the ones before it stale: their pause is cut short, their query
// cancelled, and their results, should they still arrive, dropped. The
// returned channel is closed when this search is over (shown, or
// overtaken by a newer one). Searches are not audited: a list of names
// is not opening anyone's file.
func (p *patientsScreen) search(delay time.Duration) <-chan struct{} {
	q, store := p.query, p.d.store
	return p.searches.loadAfter(delay, q, func(ctx context.Context) (searchResult, error) {
		var r searchResult
		var err error
		r.res, err = store.FindPatients(ctx, q, searchLimit)
		if err == nil && r.res.Kind == data.SearchAll {
			r.total, err = store.CountPatients(ctx)
		}
		return r, err
	}, func(r searchResult) { p.apply(q, r.res, r.total) })
}

func (p *patientsScreen) apply(q string, res data.PatientSearch, total int) {
	p.today, p.w = p.d.today(), p.d.w
	p.result, p.hits, p.total, p.shownQuery = res, res.Hits, total, q
	imp := widget.LowImportance
	if res.Kind == data.SearchUnfinished {
		imp = widget.WarningImportance
	}
	setText(p.info, resultText(p.w, q, res, len(res.Hits), total), imp)
	p.list.reset()
	if p.openFirst {
		p.openFirst = false
		p.list.pick()
	}
}

// openRow opens the file of the patient on row i, as a click would.
func (p *patientsScreen) openRow(i int) <-chan struct{} {
	if i < 0 || i >= len(p.hits) {
		return closed()
	}
	p.list.highlight(i)
	return p.open(p.hits[i].ID)
}

// searchKey takes the keys of the top bar's search that belong to the
// results on the list: Up and Down move the highlight, Enter opens the
// highlighted patient's file, or the first one as soon as the results of
// what was typed show.
func (p *patientsScreen) searchKey(k *fyne.KeyEvent) bool {
	if p.d.current != screenPatients || p.fileShown() {
		return false
	}
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && p.query != p.shownQuery {
		p.openFirst = true
		return true
	}
	return p.list.keyFrom(k)
}

func (p *patientsScreen) focusTarget() fyne.Focusable { return p.d.search }

// patientRow is one line of the search list.
type patientRow struct {
	widget.BaseWidget
	name, birth, age, phone, next, chart *widget.Label
	body                                 fyne.CanvasObject
}

func newPatientRow() *patientRow {
	r := &patientRow{name: truncated(""), birth: truncated(""), age: truncated(""), phone: truncated(""), next: truncated(""), chart: truncated("")}
	r.name.TextStyle.Bold = true
	r.chart.Importance = widget.LowImportance
	r.body = container.New(&columns{shares: patientShares}, r.name, r.birth, r.age, r.phone, r.next, r.chart)
	r.ExtendBaseWidget(r)
	return r
}

func (r *patientRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.body) }

func (r *patientRow) set(w words, h data.PatientHit, today data.Date) {
	r.name.SetText(listName(h.FamilyName, h.GivenName))
	r.birth.SetText(w.Day(h.BirthDate))
	age := ageIn(w, h.BirthDate, today)
	if !h.DeceasedDate.IsZero() {
		age = w.T("patients.deceased")
	}
	setText(r.age, age, widget.MediumImportance)
	r.phone.SetText(h.Phone)
	r.next.SetText(nextText(w, h.NextDay, h.NextStart, today))
	r.chart.SetText(h.ChartNumber)
}

// nextText writes a next appointment for a list: "today 14:30",
// "tomorrow 09:00", "Fri 27/11/2026 10:15", "" for none.
func nextText(w words, day data.Date, start data.WallTime, today data.Date) string {
	switch {
	case day.IsZero():
		return ""
	case day == today:
		return w.T("patients.next.today", "Time", start.String())
	case day == today.AddDays(1):
		return w.T("patients.next.tomorrow", "Time", start.String())
	}
	return w.T("patients.next.day", "Weekday", w.ShortWeekday(day.Weekday()), "Date", day, "Time", start.String())
}
