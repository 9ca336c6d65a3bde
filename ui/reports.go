package ui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
	"frontdesk/reports"
)

// Tabs of the Reports screen, in order.
const (
	reportAging = iota
	reportTakings
	reportRevenue
	reportActivity
)

// reportsScreen shows the practice's reports: unpaid invoices by age,
// the day's takings by payment method (the cash-up), a month's revenue
// by fee item and tax rate, and the activity of twelve months. Each has
// its chart, its table, and PDF and CSV buttons. Every report is read in
// the background: the window never waits for it.
type reportsScreen struct {
	d    *desk
	tabs *container.AppTabs

	day   data.Date // of the takings
	month data.Date // first day: of the revenue and activity

	aging    *reportPane[data.Aging]
	takings  *reportPane[data.Takings]
	revenue  *reportPane[data.Revenue]
	activity *reportPane[data.Activity]

	agingRows []data.AgingRow
	agingList *widget.List
	content   fyne.CanvasObject
}

// reportPane is one report's tab: its period line, chart, table, and
// what was loaded last.
type reportPane[T any] struct {
	period *widget.Label
	info   *widget.Label
	chart  *barChart
	table  *fyne.Container
	loads  *loader[string, T]
	loaded T
	key    string // the period loaded
	ready  bool
	view   fyne.CanvasObject
}

func newReportPane[T any](d *desk, nav fyne.CanvasObject, pdf, csv func(), body fyne.CanvasObject, table *fyne.Container) *reportPane[T] {
	w := d.w
	p := &reportPane[T]{period: bold(""), info: quiet(""), chart: newBarChart(150), table: table}
	p.loads = newLoader[string, T](d, nil)
	p.loads.failed = func(err error) { setText(p.info, w.Error(err), widget.DangerImportance) }
	pdfBtn := widget.NewButtonWithIcon(w.T("reports.pdf"), theme.DocumentPrintIcon(), pdf)
	csvBtn := widget.NewButtonWithIcon(w.T("reports.csv"), theme.DocumentSaveIcon(), csv)
	head := container.NewBorder(nil, nil, nav, container.NewHBox(pdfBtn, csvBtn), container.NewCenter(p.period))
	top := container.NewVBox(head, p.info, p.chart, hline())
	p.view = container.New(layout.NewCustomPaddedLayout(6, 6, 10, 10), container.NewBorder(top, nil, nil, nil, body))
	return p
}

func newReportsScreen(d *desk) *reportsScreen {
	w := d.w
	r := &reportsScreen{d: d, day: d.today()}
	r.month = data.Date{Year: r.day.Year, Month: r.day.Month, Day: 1}
	navButtons := func(step func(int)) fyne.CanvasObject {
		prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { step(-1) })
		next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { step(1) })
		return container.NewHBox(prev, next)
	}
	// Unpaid invoices: a list, as there may be many.
	r.agingList = widget.NewList(func() int { return len(r.agingRows) },
		func() fyne.CanvasObject {
			return container.New(&columns{shares: agingShares}, truncated(""), truncated(""), truncated(""), truncated(""), truncated(""), truncated(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { r.setAgingRow(r.agingRows[id], o.(*fyne.Container)) })
	agingHead := container.New(&columns{shares: agingShares}, quietBold(w.T("report.column.number")), quietBold(w.T("report.column.issued")),
		quietBold(w.T("report.column.patient")), quietBold(w.T("report.column.payer")), quietBold(w.T("report.column.days")),
		quietBold(w.T("report.column.due")))
	agingBody := container.NewBorder(withBackground(barColour, agingHead), nil, nil, nil, r.agingList)
	r.aging = newReportPane[data.Aging](d, widget.NewLabel(""), r.agingPDF, r.agingCSV, agingBody, nil)

	table := func() *fyne.Container { return container.NewVBox() }
	tk := table()
	r.takings = newReportPane[data.Takings](d, navButtons(func(n int) { r.day = r.day.AddDays(n); r.loadTab(reportTakings) }),
		r.takingsPDF, r.takingsCSV, container.NewVScroll(tk), tk)
	rv := table()
	r.revenue = newReportPane[data.Revenue](d, navButtons(r.stepMonth), r.revenuePDF, r.revenueCSV, container.NewVScroll(rv), rv)
	ac := table()
	r.activity = newReportPane[data.Activity](d, navButtons(r.stepMonth), r.activityPDF, r.activityCSV, container.NewVScroll(ac), ac)

	r.tabs = container.NewAppTabs(
		container.NewTabItem(w.T("reports.tab.aging"), r.aging.view),
		container.NewTabItem(w.T("reports.tab.takings"), r.takings.view),
		container.NewTabItem(w.T("reports.tab.revenue"), r.revenue.view),
		container.NewTabItem(w.T("reports.tab.activity"), r.activity.view),
	)
	r.tabs.OnSelected = func(*container.TabItem) { r.loadTab(r.tabs.SelectedIndex()) }
	r.content = container.NewBorder(container.New(layout.NewCustomPaddedLayout(6, 0, 10, 10), heading(w.T("reports.heading"))),
		nil, nil, nil, r.tabs)
	return r
}

var agingShares = []float32{0.15, 0.12, 0.27, 0.26, 0.08, 0.12}

func (r *reportsScreen) view() fyne.CanvasObject { return r.content }

func (r *reportsScreen) shown() <-chan struct{} { return r.loadTab(r.tabs.SelectedIndex()) }

// showTab selects a tab and returns its load (tests, screenshots).
func (r *reportsScreen) showTab(i int) <-chan struct{} {
	r.tabs.SelectIndex(i)
	return r.loadTab(i)
}

func (r *reportsScreen) stepMonth(n int) {
	m := r.month
	for ; n > 0; n-- {
		m = data.Date{Year: m.Year + int(m.Month)/12, Month: m.Month%12 + 1, Day: 1}
	}
	for ; n < 0; n++ {
		if m.Month == 1 {
			m = data.Date{Year: m.Year - 1, Month: 12, Day: 1}
		} else {
			m = data.Date{Year: m.Year, Month: m.Month - 1, Day: 1}
		}
	}
	r.month = m
	r.loadTab(r.tabs.SelectedIndex())
}

// loadTab reads the report of a tab for its period in the background.
func (r *reportsScreen) loadTab(i int) <-chan struct{} {
	store, w := r.d.store, r.d.w
	switch i {
	case reportAging:
		today := r.d.today()
		return loadPane(r.aging, w, today.String(), func(ctx context.Context) (data.Aging, error) { return store.AgingReport(ctx, today) }, r.applyAging)
	case reportTakings:
		day := r.day
		r.takings.period.SetText(i18n.Title(w.LongDate(day.Year, day.Month, day.Day)))
		return loadPane(r.takings, w, day.String(), func(ctx context.Context) (data.Takings, error) { return store.TakingsOn(ctx, day) }, r.applyTakings)
	case reportRevenue:
		m := r.month
		r.revenue.period.SetText(i18n.Title(w.Month(m.Month)) + " " + fmt.Sprint(m.Year))
		return loadPane(r.revenue, w, m.String(), func(ctx context.Context) (data.Revenue, error) { return store.RevenueOf(ctx, m) }, r.applyRevenue)
	case reportActivity:
		m := r.month
		r.activity.period.SetText(w.T("reports.activity.period", "Month", i18n.Title(w.Month(m.Month)), "Year", fmt.Sprint(m.Year)))
		return loadPane(r.activity, w, m.String(), func(ctx context.Context) (data.Activity, error) { return store.ActivityOf(ctx, m) }, r.applyActivity)
	}
	return closed()
}

func loadPane[T any](p *reportPane[T], w words, key string, fetch func(ctx context.Context) (T, error), apply func(T)) <-chan struct{} {
	setText(p.info, w.T("billing.loading"), widget.LowImportance)
	return p.loads.load(key, fetch, func(v T) {
		p.loaded, p.key, p.ready = v, key, true
		apply(v)
	})
}

func (r *reportsScreen) applyAging(a data.Aging) {
	w := r.d.w
	r.aging.period.SetText(w.T("reports.aging.period", "Date", a.AsOf))
	bars := make([]chartBar, len(a.Buckets))
	for i, m := range a.Buckets {
		bars[i] = chartBar{label: reports.AgingBucketLabel(w.Localizer, i) + " (" + w.Number(int64(a.Counts[i])) + ")", value: int64(m), text: r.d.money(m)}
	}
	r.aging.chart.set(bars)
	setText(r.aging.info, w.T("reports.aging.summary", "Count", w.N("billing.invoices.count", len(a.Rows)), "Total", r.d.money(a.Total)), widget.LowImportance)
	r.agingRows = a.Rows
	r.agingList.Refresh()
}

func (r *reportsScreen) setAgingRow(a data.AgingRow, c *fyne.Container) {
	w := r.d.w
	texts := []string{a.Number, w.Day(a.IssueDate), a.ChartNumber + "  " + a.PatientName, a.PayerName, w.Number(int64(a.Days)), r.d.money(a.Due)}
	for i, o := range c.Objects {
		imp := widget.MediumImportance
		if a.Days > 90 {
			imp = widget.DangerImportance
		}
		setText(o.(*widget.Label), texts[i], imp)
	}
}

// tableRow is a row of a small report table: its first left cells are
// words, aligned left; the others are figures, aligned right.
func tableRow(shares []float32, bold bool, left int, cells ...string) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(cells))
	for i, c := range cells {
		l := truncated(c)
		l.TextStyle.Bold = bold
		if i >= left {
			l.Alignment = fyne.TextAlignTrailing
		}
		objs[i] = l
	}
	return container.New(&columns{shares: shares}, objs...)
}

func (r *reportsScreen) applyTakings(t data.Takings) {
	w := r.d.w
	bars := make([]chartBar, len(t.Methods))
	shares := []float32{0.5, 0.2, 0.3}
	rows := []fyne.CanvasObject{tableRow(shares, true, 1, w.T("report.column.method"), w.T("report.column.payments"), w.T("report.column.amount"))}
	count := 0
	for i, m := range t.Methods {
		bars[i] = chartBar{label: w.method(m.Method), value: int64(m.Amount), text: r.d.money(m.Amount)}
		rows = append(rows, tableRow(shares, false, 1, w.method(m.Method), w.Number(int64(m.Count)), r.d.money(m.Amount)))
		count += m.Count
	}
	rows = append(rows, tableRow(shares, true, 1, w.T("report.total"), w.Number(int64(count)), r.d.money(t.Total)))
	r.takings.chart.set(bars)
	setText(r.takings.info, w.T("report.takings.note"), widget.LowImportance)
	r.takings.table.Objects = rows
	r.takings.table.Refresh()
}

func (r *reportsScreen) applyRevenue(rv data.Revenue) {
	w := r.d.w
	bars := make([]chartBar, len(rv.History))
	for i, m := range rv.History {
		bars[i] = chartBar{label: fmt.Sprintf("%02d/%02d", int(m.Month.Month), m.Month.Year%100), value: int64(m.Total),
			text: w.Number(int64(m.Total) / int64(pow10(r.d.pr.Money().Digits)))}
	}
	r.revenue.chart.set(bars)
	setText(r.revenue.info, w.T("report.revenue.summary", "Net", r.d.money(rv.Net), "Tax", r.d.money(rv.Tax), "Total", r.d.money(rv.Total)), widget.LowImportance)
	items := []float32{0.12, 0.40, 0.09, 0.13, 0.13, 0.13}
	rows := []fyne.CanvasObject{subheading(w.T("report.revenue.by_item")),
		tableRow(items, true, 2, w.T("report.column.code"), w.T("report.column.description"), w.T("report.column.quantity"),
			w.T("report.column.net"), w.T("report.column.tax"), w.T("report.column.total"))}
	for _, it := range rv.Items {
		rows = append(rows, tableRow(items, false, 2, it.Code, it.Description, w.Number(int64(it.Quantity)), r.d.money(it.Net),
			r.d.money(it.Tax), r.d.money(it.Net+it.Tax)))
	}
	rates := []float32{0.40, 0.12, 0.16, 0.16, 0.16}
	rows = append(rows, subheading(w.T("report.revenue.by_rate")), tableRow(rates, true, 1, w.T("report.column.rate_name"),
		w.T("report.column.rate"), w.T("report.column.net"), w.T("report.column.tax"), w.T("report.column.total")))
	for _, rr := range rv.Rates {
		rows = append(rows, tableRow(rates, false, 1, rr.Name, reports.PermilleText(w.Localizer, rr.BasisPoints/10), r.d.money(rr.Net),
			r.d.money(rr.Tax), r.d.money(rr.Net+rr.Tax)))
	}
	r.revenue.table.Objects = rows
	r.revenue.table.Refresh()
}

func pow10(n int) int {
	p := 1
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

func (r *reportsScreen) applyActivity(a data.Activity) {
	w := r.d.w
	bars := make([]chartBar, len(a.Months))
	total := 0
	for i, m := range a.Months {
		bars[i] = chartBar{label: fmt.Sprintf("%02d/%02d", int(m.Month.Month), m.Month.Year%100), value: int64(m.Count), text: w.Number(int64(m.Count))}
		total += m.Count
	}
	r.activity.chart.set(bars)
	setText(r.activity.info, w.T("reports.activity.summary", "Count", w.Number(int64(total))), widget.LowImportance)
	shares := []float32{0.4, 0.2, 0.2, 0.2}
	rows := []fyne.CanvasObject{subheading(w.T("report.activity.no_shows")), tableRow(shares, true, 1, w.T("report.column.practitioner"),
		w.T("report.column.done"), w.T("report.column.no_shows"), w.T("report.column.no_show_rate"))}
	for _, p := range a.Practitioners {
		rows = append(rows, tableRow(shares, false, 1, p.Name, w.Number(int64(p.Done)), w.Number(int64(p.NoShows)),
			reports.PermilleText(w.Localizer, p.NoShowPermille())))
	}
	r.activity.table.Objects = rows
	r.activity.table.Refresh()
}

// header is what every report PDF says of the practice, in the desk's words.
func (r *reportsScreen) header() reports.ReportHeader {
	return reports.ReportHeader{Practice: r.d.pr.Name, Currency: r.d.pr.Currency, Words: r.d.w.Localizer}
}

// writeReport writes a report (PDF, opened; or CSV, with its folder
// offered) into the prints folder through the one output writer.
func (r *reportsScreen) writeReport(ready bool, file, what string, pdf bool, write func(w io.Writer) error) {
	if !ready {
		return
	}
	d := r.d
	store := d.store
	background(d.do, func() (printResult, error) {
		dir, err := store.PrintsDir()
		if err != nil {
			return printResult{}, err
		}
		action := "export"
		if pdf {
			action = "print"
		}
		path, err := store.WriteOutput(context.Background(), data.Output{Path: filepath.Join(dir, file), What: what, Action: action,
			Entity: "reports", Detail: what}, write)
		if err != nil || !pdf {
			return printResult{path: path}, err
		}
		return printResult{path, openDocument(path)}, nil
	}, func(res printResult, err error) {
		switch {
		case err != nil:
			d.sayError(err)
		case pdf:
			d.printed(what, res.path, res.viewerErr)
		default:
			d.sayWith(d.w.T("reports.said.csv", "What", what, "Path", d.shownPath(res.path)), d.w.T("printout.open_folder"),
				d.folderOpener(filepath.Dir(res.path)))
		}
	})
}

func (r *reportsScreen) agingPDF() {
	a, h := r.aging.loaded, r.header()
	r.writeReport(r.aging.ready, "aging-"+a.AsOf.String()+".pdf", h.Words.T("report.aging.title"), true,
		func(w io.Writer) error { return reports.WriteAging(w, h, a, reports.Options{}) })
}

func (r *reportsScreen) agingCSV() {
	a, cur := r.aging.loaded, r.d.pr.Money()
	r.writeReport(r.aging.ready, "aging-"+a.AsOf.String()+".csv", r.d.w.T("report.aging.title"), false,
		func(w io.Writer) error { return a.WriteCSV(w, cur) })
}

func (r *reportsScreen) takingsPDF() {
	t, h := r.takings.loaded, r.header()
	r.writeReport(r.takings.ready, "takings-"+t.Day.String()+".pdf", h.Words.T("report.takings.title"), true,
		func(w io.Writer) error { return reports.WriteTakings(w, h, t, reports.Options{}) })
}

func (r *reportsScreen) takingsCSV() {
	t, cur := r.takings.loaded, r.d.pr.Money()
	r.writeReport(r.takings.ready, "takings-"+t.Day.String()+".csv", r.d.w.T("report.takings.title"), false,
		func(w io.Writer) error { return t.WriteCSV(w, cur) })
}

func (r *reportsScreen) revenuePDF() {
	rv, h := r.revenue.loaded, r.header()
	r.writeReport(r.revenue.ready, "revenue-"+data.MonthKey(rv.Month)+".pdf", r.d.w.T("reports.tab.revenue"), true,
		func(w io.Writer) error { return reports.WriteRevenue(w, h, rv, reports.Options{}) })
}

func (r *reportsScreen) revenueCSV() {
	rv, cur := r.revenue.loaded, r.d.pr.Money()
	r.writeReport(r.revenue.ready, "revenue-"+data.MonthKey(rv.Month)+".csv", r.d.w.T("reports.tab.revenue"), false,
		func(w io.Writer) error { return rv.WriteCSV(w, cur) })
}

func (r *reportsScreen) activityPDF() {
	a, h := r.activity.loaded, r.header()
	r.writeReport(r.activity.ready, "activity-"+r.activity.key+".pdf", h.Words.T("report.activity.title"), true,
		func(w io.Writer) error { return reports.WriteActivity(w, h, a, reports.Options{}) })
}

func (r *reportsScreen) activityCSV() {
	a := r.activity.loaded
	r.writeReport(r.activity.ready, "activity-"+r.activity.key+".csv", r.d.w.T("report.activity.title"), false,
		func(w io.Writer) error { return a.WriteCSV(w) })
}
