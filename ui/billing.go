package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// billingData is what the Billing screen shows.
type billingData struct {
	Unbilled []data.AppointmentView
	Invoices []data.InvoiceView
	Due      data.Money // of the invoices listed
	More     bool       // there are more invoices than invoicesShown
}

// invoicesShown is how many invoices the screen lists at most, drafts
// then the newest; it says so when there are more, and the filters
// narrow the list.
var invoicesShown = 500

// billingFilters are the choices of the status filter, in order.
var billingFilters = []struct {
	status string
	label  i18n.Key
}{
	{"", "billing.filter.all"},
	{data.BillDraft, "billing.filter.drafts"},
	{data.BillUnpaid, "billing.filter.unpaid"},
	{data.BillOverdue, "billing.filter.overdue"},
	{data.BillPaid, "billing.filter.paid"},
	{data.BillCredited, "billing.filter.credited"},
	{data.BillCreditNote, "billing.filter.credit_notes"},
}

// billingScreen bills the day: today's visits done that have no invoice
// come first, one click each; then the invoices, filtered by status,
// payer and dates, with the payment taken from the list.
type billingScreen struct {
	d        *desk
	toBill   *fyne.Container
	toBillTo *widget.Label
	billBtns map[string]*widget.Button // appointment ID → its Bill button (tests)
	status   *deskSelect
	payer    *deskEntry
	from, to *deskEntry
	filterOK *widget.Label
	summary  *widget.Label
	invoices *invoiceList
	loads    *loader[struct{}, billingData]
	loaded   billingData
	content  fyne.CanvasObject
}

func newBillingScreen(d *desk) *billingScreen {
	w := d.w
	b := &billingScreen{d: d, billBtns: map[string]*widget.Button{}}
	b.loads = newLoader[struct{}, billingData](d, nil)
	b.loads.failed = func(err error) { setText(b.summary, w.Error(err), widget.DangerImportance) }
	b.toBillTo = subheading(w.T("billing.to_bill.heading"))
	b.toBill = container.NewVBox(quiet(w.T("billing.loading")))
	names := make([]string, len(billingFilters))
	for i, f := range billingFilters {
		names[i] = w.T(f.label)
	}
	b.status = newDeskSelect(names, nil)
	b.status.SetSelectedIndex(0)
	b.status.OnChanged = func(string) { b.load() }
	b.payer = newDeskEntry(d.focusSearch)
	b.payer.SetPlaceHolder(w.T("billing.filter.payer_hint"))
	b.payer.OnChanged = func(string) { b.loadSoon() }
	b.from, b.to = newDeskEntry(d.focusSearch), newDeskEntry(d.focusSearch)
	for _, e := range []*deskEntry{b.from, b.to} {
		e.SetPlaceHolder(d.pr.DateFormat.Example())
		e.OnChanged = func(string) { b.loadSoon() }
	}
	b.filterOK = fieldError()
	b.summary = quiet("")
	b.invoices = newInvoiceList(d, func() { b.load() })
	refresh := widget.NewButtonWithIcon(w.T("billing.refresh"), theme.ViewRefreshIcon(), func() { b.load() })
	top := container.NewVBox(
		container.NewBorder(nil, nil, heading(w.T("billing.heading")), refresh),
		b.toBillTo,
		container.New(&maxHeight{h: 170}, container.NewVScroll(b.toBill)),
		hline(),
		container.NewBorder(nil, nil, subheading(w.T("billing.invoices.heading")), b.summary),
		container.New(&columns{shares: []float32{0.22, 0.34, 0.22, 0.22}},
			captioned(w.T("billing.filter.status"), b.status), captioned(w.T("billing.filter.payer"), b.payer),
			captioned(w.T("billing.filter.from"), b.from), captioned(w.T("billing.filter.to"), b.to)),
		b.filterOK,
		b.invoices.actions)
	b.content = container.NewBorder(container.New(layout.NewCustomPaddedLayout(6, 4, 10, 10), top), nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(0, 0, 10, 10), b.invoices.content))
	return b
}

func (b *billingScreen) view() fyne.CanvasObject { return b.content }

func (b *billingScreen) shown() <-chan struct{} { return b.load() }

// filter reads the filters; a date that cannot be read is said under them
// and does not filter.
func (b *billingScreen) filter() data.InvoiceFilter {
	f := data.InvoiceFilter{Status: billingFilters[max(b.status.SelectedIndex(), 0)].status, Payer: b.payer.Text,
		Limit: invoicesShown + 1} // one more tells that there are more
	var problems []string
	for _, p := range []struct {
		e     *deskEntry
		label i18n.Key
		into  *data.Date
	}{{b.from, "billing.filter.from", &f.From}, {b.to, "billing.filter.to", &f.To}} {
		text := strings.TrimSpace(p.e.Text)
		if text == "" {
			continue
		}
		day, err := b.d.pr.DateFormat.Parse(text)
		if err != nil {
			problems = append(problems, b.d.w.T(p.label)+": "+b.d.w.Error(err))
			continue
		}
		*p.into = day
	}
	showError(b.filterOK, strings.Join(problems, "\n"))
	return f
}

func (b *billingScreen) load() <-chan struct{} { return b.loadAfter(0) }

// loadSoon reloads once typing in a filter pauses.
func (b *billingScreen) loadSoon() { b.loadAfter(300 * time.Millisecond) }

func (b *billingScreen) loadAfter(delay time.Duration) <-chan struct{} {
	store, today, loc := b.d.store, b.d.today(), b.d.pr.Location()
	f := b.filter()
	return b.loads.loadAfter(delay, struct{}{}, func(ctx context.Context) (billingData, error) {
		var bd billingData
		var err error
		if bd.Unbilled, err = store.UnbilledVisits(ctx, today, loc); err != nil {
			return bd, err
		}
		if bd.Invoices, err = store.Invoices(ctx, f, today); err != nil {
			return bd, err
		}
		if bd.More = len(bd.Invoices) > invoicesShown; bd.More {
			bd.Invoices = bd.Invoices[:invoicesShown]
		}
		for _, v := range bd.Invoices {
			if v.Due > 0 && v.State == data.InvoiceFinal {
				bd.Due += v.Due
			}
		}
		return bd, nil
	}, b.apply)
}

func (b *billingScreen) apply(bd billingData) {
	w := b.d.w
	b.loaded = bd
	b.billBtns = map[string]*widget.Button{}
	b.toBillTo.SetText(w.N("billing.to_bill.count", len(bd.Unbilled)))
	var rows []fyne.CanvasObject
	if len(bd.Unbilled) == 0 {
		rows = append(rows, quiet(w.T("billing.to_bill.none")))
	}
	for _, a := range bd.Unbilled {
		id := a.ID
		bill := smallButton(w.T("billing.to_bill.bill"), theme.DocumentCreateIcon(), func() { b.d.billVisit(id, func() { b.load() }) })
		bill.Importance = widget.HighImportance
		b.billBtns[id] = bill
		line := timeRange(a.Start, a.End) + "  " + listName(a.PatientFamily, a.PatientGiven) + " · " + a.ChartNumber +
			" · " + orDash(a.TypeName) + " · " + a.PractitionerName
		rows = append(rows, container.NewBorder(nil, nil, nil, bill, truncated(line)))
	}
	b.toBill.Objects = rows
	b.toBill.Refresh()
	b.invoices.set(bd.Invoices)
	count := w.N("billing.invoices.count", len(bd.Invoices))
	if bd.More {
		count = w.N("billing.invoices.count_newest", len(bd.Invoices))
	}
	b.summary.SetText(w.T("billing.invoices.summary", "Count", count, "Due", b.d.money(bd.Due)))
}

// maxHeight gives its only child at most height h, scrolling inside.
type maxHeight struct{ h float32 }

func (m *maxHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	inner := s.Height
	if sc, ok := objs[0].(*container.Scroll); ok {
		inner = sc.Content.MinSize().Height
	}
	return fyne.NewSize(s.Width, min(max(inner, s.Height), m.h))
}

func (m *maxHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}
