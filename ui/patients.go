package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// searchLimit is how many patients one search shows.
const searchLimit = 50

// searchDelay is how long typing must pause before the search runs.
var searchDelay = 150 * time.Millisecond

// resultText says what the list shows.
func resultText(query string, n, total int) string {
	switch {
	case query == "" && n == 0:
		return "No patients yet."
	case query == "" && n >= searchLimit:
		return fmt.Sprintf("The first %d of %d patients by name. Type a family name in the search field above to find a patient.", n, total)
	case query == "":
		return countText(n, "patient", "patients") + " by name."
	case n == 0:
		return "No patient's name starts with “" + query + "”."
	case n >= searchLimit:
		return "The first " + countText(n, "patient", "patients") + " whose name starts with “" + query + "”; type more to narrow the search."
	}
	return countText(n, "patient", "patients") + " whose name starts with “" + query + "”."
}

var patientShares = []float32{0.40, 0.15, 0.25, 0.20}

// patientsScreen is the search list on the left and the opened patient's
// file on the right. The query is typed in the top bar's search field.
type patientsScreen struct {
	d       *desk
	query   string
	hits    []data.PatientHit
	total   int
	today   data.Date
	df      data.DateFormat
	list    *widget.List
	info    *widget.Label
	file    *patientFile
	content fyne.CanvasObject

	gen       int
	cancel    context.CancelFunc
	timer     *time.Timer
	timerDone chan struct{}
	// openOnSelect is false while the list's selection is changed by code.
	openOnSelect bool
}

func newPatientsScreen(d *desk) *patientsScreen {
	p := &patientsScreen{d: d, openOnSelect: true}
	p.info = quiet("")
	p.info.Truncation = fyne.TextTruncateEllipsis
	p.list = widget.NewList(
		func() int { return len(p.hits) },
		func() fyne.CanvasObject { return newPatientRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*patientRow).set(p.hits[id], p.df, p.today) })
	p.list.OnSelected = func(id widget.ListItemID) {
		if p.openOnSelect && id >= 0 && id < len(p.hits) {
			p.file.open(p.hits[id].ID)
		}
	}
	p.file = newPatientFile(d)
	header := container.New(&columns{shares: patientShares},
		quietBold("Name"), quietBold("Chart"), quietBold("Date of birth"), quietBold("Phone"))
	left := container.NewBorder(
		container.NewVBox(container.New(layout.NewCustomPaddedLayout(6, 0, 10, 10), container.NewVBox(heading("Patients"), p.info)),
			withBackground(barColour, container.NewBorder(hline(), hline(), nil, nil, container.New(layout.NewCustomPaddedLayout(-2, -2, 0, 0), header)))),
		nil, nil, nil, p.list)
	split := container.NewHSplit(left, container.NewBorder(nil, nil, vline(), nil, p.file.view()))
	split.SetOffset(0.60)
	p.content = split
	return p
}

func quietBold(text string) *widget.Label {
	l := quiet(text)
	l.TextStyle.Bold = true
	return l
}

func (p *patientsScreen) view() fyne.CanvasObject { return p.content }

// shown searches at once for what the search field holds.
func (p *patientsScreen) shown() <-chan struct{} {
	return p.search(0)
}

// searchSoon searches when typing pauses.
func (p *patientsScreen) searchSoon() <-chan struct{} {
	return p.search(searchDelay)
}

// search runs the query after delay in the background. Each search makes
// the ones before it stale: their timer is stopped, their query
// cancelled, and their results, should they still arrive, dropped. The
// returned channel is closed when this search is over (shown, or
// overtaken by a newer one).
func (p *patientsScreen) search(delay time.Duration) <-chan struct{} {
	p.gen++
	gen := p.gen
	if p.timer != nil && p.timer.Stop() {
		close(p.timerDone)
	}
	p.timer = nil
	if p.cancel != nil {
		p.cancel()
	}
	ctx, cancel := loadContext()
	p.cancel = cancel
	q, store := p.query, p.d.store
	p.today, p.df = p.d.today(), p.d.pr.DateFormat
	done := make(chan struct{})
	run := func() {
		hits, err := store.SearchPatients(ctx, q, searchLimit)
		total := 0
		if err == nil && q == "" {
			total, err = store.CountPatients(ctx)
		}
		p.d.do(func() {
			defer close(done)
			if gen != p.gen {
				return
			}
			cancel()
			p.apply(q, hits, total, err)
		})
	}
	if delay <= 0 {
		go run()
	} else {
		p.timer = time.AfterFunc(delay, run)
		p.timerDone = done
	}
	return done
}

func (p *patientsScreen) apply(q string, hits []data.PatientHit, total int, err error) {
	if err != nil {
		p.d.sayError(err)
		setText(p.info, data.ErrorMessage(err), widget.DangerImportance)
		return
	}
	p.hits, p.total = hits, total
	setText(p.info, resultText(q, len(hits), total), widget.LowImportance)
	p.openOnSelect = false
	p.list.UnselectAll()
	for i, h := range hits {
		if h.ID == p.file.id {
			p.list.Select(i)
			break
		}
	}
	p.openOnSelect = true
	p.list.Refresh()
	p.list.ScrollToTop()
}

// openRow opens the file of the patient on row i, as a click would.
func (p *patientsScreen) openRow(i int) <-chan struct{} {
	if i < 0 || i >= len(p.hits) {
		return closed()
	}
	p.openOnSelect = false
	p.list.Select(i)
	p.openOnSelect = true
	return p.file.open(p.hits[i].ID)
}

// patientRow is one line of the search list.
type patientRow struct {
	widget.BaseWidget
	name, chart, birth, phone *widget.Label
	body                      fyne.CanvasObject
}

func newPatientRow() *patientRow {
	r := &patientRow{name: truncated(""), chart: truncated(""), birth: truncated(""), phone: truncated("")}
	r.name.TextStyle.Bold = true
	r.body = container.New(&columns{shares: patientShares}, r.name, r.chart, r.birth, r.phone)
	r.ExtendBaseWidget(r)
	return r
}

func (r *patientRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.body) }

func (r *patientRow) set(h data.PatientHit, df data.DateFormat, today data.Date) {
	r.name.SetText(listName(h.FamilyName, h.GivenName))
	r.chart.SetText(h.ChartNumber)
	r.birth.SetText(birthText(df, h.BirthDate, today))
	r.phone.SetText(h.Phone)
}
