package reports

import (
	"fmt"
	"io"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// The practice's reports as PDFs, in the language of the desk that
// prints them: each with its chart where a chart reads faster than a
// table, and the table below it.

// Bar is one bar of a chart: its label under it, its value, and the
// value written above it.
type Bar struct {
	Label string
	Value int64
	Text  string
}

// barChart draws bars side by side, scaled to the largest, in a band of
// height millimetres; negative values are drawn as nothing.
func (d *Doc) barChart(bars []Bar, height float64) {
	if len(bars) == 0 {
		return
	}
	if d.remaining() < height+12 {
		d.pdf.AddPage()
	}
	top := d.pdf.GetY() + 5
	var peak int64 = 1
	for _, b := range bars {
		peak = max(peak, b.Value)
	}
	slot := d.pageWidth() / float64(len(bars))
	barW := slot * 0.62
	base := top + height
	d.pdf.SetDrawColor(160, 160, 160)
	d.pdf.Line(margin, base, margin+d.pageWidth(), base)
	d.pdf.SetFont("DejaVu", "", 7)
	for i, b := range bars {
		x := margin + float64(i)*slot + (slot-barW)/2
		h := 0.0
		if b.Value > 0 {
			h = height * float64(b.Value) / float64(peak)
		}
		d.pdf.SetFillColor(58, 110, 165)
		if h > 0 {
			d.pdf.Rect(x, base-h, barW, h, "F")
		}
		d.pdf.SetXY(margin+float64(i)*slot, base-h-4)
		d.pdf.CellFormat(slot, 4, d.text(b.Text), "", 0, "C", false, 0, "")
		d.pdf.SetXY(margin+float64(i)*slot, base+0.5)
		d.pdf.CellFormat(slot, 4, d.text(b.Label), "", 0, "C", false, 0, "")
	}
	d.pdf.SetFillColor(255, 255, 255)
	d.pdf.SetFont("DejaVu", "", fontSize)
	d.pdf.SetXY(margin, base+7)
}

// ReportHeader is what every report says above its content.
type ReportHeader struct {
	Practice string
	Currency string
	Words    *i18n.Localizer // the desk's language, with the practice's date order
}

func (h ReportHeader) money(m data.Money) string { return h.Words.Money(int64(m), h.Currency) }

func (h ReportHeader) day(d data.Date) string { return day(h.Words, d) }

// monthLabel is a month as a chart's label: "nov. 2026" is too long for
// twelve bars, so "11/26".
func monthLabel(m data.Date) string { return fmt.Sprintf("%02d/%02d", int(m.Month), m.Year%100) }

// AgingBucketLabel names a bucket of the aging report.
func AgingBucketLabel(l *i18n.Localizer, i int) string {
	b := data.AgingBuckets[i]
	if b.To < 0 {
		return l.T("report.aging.bucket_over", "Days", fmt.Sprint(b.From-1))
	}
	return l.T("report.aging.bucket", "From", fmt.Sprint(b.From), "To", fmt.Sprint(b.To))
}

// WriteAging writes the unpaid invoices with their ages: a bar per
// bucket, then every invoice, oldest first.
func WriteAging(w io.Writer, h ReportHeader, a data.Aging, o Options) error {
	l := h.Words
	title := l.T("report.aging.title")
	return build(w, title, o, func(d *Doc) error {
		d.words = l
		d.footer = h.Practice + " · " + title
		d.Title(title, h.Practice+" · "+l.T("report.as_of", "Date", h.day(a.AsOf))+" · "+l.T("report.aging.total", "Amount", h.money(a.Total)))
		bars := make([]Bar, len(a.Buckets))
		for i, m := range a.Buckets {
			bars[i] = Bar{Label: AgingBucketLabel(l, i), Value: int64(m), Text: h.money(m)}
		}
		d.barChart(bars, 40)
		rows := make([][]string, len(a.Rows))
		for i, r := range a.Rows {
			rows[i] = []string{r.Number, h.day(r.IssueDate), r.PatientName + " (" + r.ChartNumber + ")", r.PayerName,
				fmt.Sprint(r.Days), h.money(r.Due)}
		}
		if len(rows) == 0 {
			d.Paragraph(l.T("report.aging.none"))
			return nil
		}
		d.Table([]Column{{Title: l.T("report.column.number"), NoWrap: true}, {Title: l.T("report.column.issued"), NoWrap: true},
			{Title: l.T("report.column.patient")}, {Title: l.T("report.column.payer")},
			{Title: l.T("report.column.days"), Align: "R", NoWrap: true}, {Title: l.T("report.column.due"), Align: "R", NoWrap: true}}, rows)
		return nil
	})
}

// WriteTakings writes the day's cash-up: a bar and a row per method.
func WriteTakings(w io.Writer, h ReportHeader, t data.Takings, o Options) error {
	l := h.Words
	title := l.T("report.takings.title")
	return build(w, title, o, func(d *Doc) error {
		d.words = l
		d.footer = h.Practice + " · " + title
		d.Title(title, h.Practice+" · "+i18n.Title(l.LongDate(t.Day.Year, t.Day.Month, t.Day.Day)))
		bars := make([]Bar, len(t.Methods))
		rows := make([][]string, 0, len(t.Methods)+1)
		count := 0
		for i, m := range t.Methods {
			bars[i] = Bar{Label: MethodName(l, m.Method), Value: int64(m.Amount), Text: h.money(m.Amount)}
			rows = append(rows, []string{MethodName(l, m.Method), l.Number(int64(m.Count)), h.money(m.Amount)})
			count += m.Count
		}
		rows = append(rows, []string{l.T("report.total"), l.Number(int64(count)), h.money(t.Total)})
		d.barChart(bars, 40)
		d.Table([]Column{{Title: l.T("report.column.method")}, {Title: l.T("report.column.payments"), Width: 30, Align: "R"},
			{Title: l.T("report.column.amount"), Width: 40, Align: "R"}}, rows)
		d.Paragraph(l.T("report.takings.note"))
		return nil
	})
}

// WriteRevenue writes a month's revenue: the twelve months to it as
// bars, then by fee item and by tax rate.
func WriteRevenue(w io.Writer, h ReportHeader, r data.Revenue, o Options) error {
	l := h.Words
	title := l.T("report.revenue.title", "Month", l.Month(r.Month.Month), "Year", fmt.Sprint(r.Month.Year))
	return build(w, title, o, func(d *Doc) error {
		d.words = l
		d.footer = h.Practice + " · " + title
		d.Title(title, h.Practice+" · "+l.T("report.revenue.summary", "Net", h.money(r.Net), "Tax", h.money(r.Tax), "Total", h.money(r.Total)))
		bars := make([]Bar, len(r.History))
		for i, m := range r.History {
			bars[i] = Bar{Label: monthLabel(m.Month), Value: int64(m.Total), Text: l.Number(int64(m.Total) / 100)}
		}
		d.Heading(l.T("report.revenue.history"), 50)
		d.barChart(bars, 40)
		d.Heading(l.T("report.revenue.by_item"), 20)
		rows := make([][]string, len(r.Items))
		for i, it := range r.Items {
			rows[i] = []string{it.Code, it.Description, l.Number(int64(it.Quantity)), h.money(it.Net), h.money(it.Tax), h.money(it.Net + it.Tax)}
		}
		d.Table([]Column{{Title: l.T("report.column.code"), NoWrap: true}, {Title: l.T("report.column.description")},
			{Title: l.T("report.column.quantity"), Align: "R", NoWrap: true}, {Title: l.T("report.column.net"), Align: "R", NoWrap: true},
			{Title: l.T("report.column.tax"), Align: "R", NoWrap: true}, {Title: l.T("report.column.total"), Align: "R", NoWrap: true}}, rows)
		d.Heading(l.T("report.revenue.by_rate"), 20)
		rows = make([][]string, len(r.Rates))
		for i, rr := range r.Rates {
			rows[i] = []string{rr.Name, rateText(l, rr.BasisPoints), h.money(rr.Net), h.money(rr.Tax), h.money(rr.Net + rr.Tax)}
		}
		d.Table([]Column{{Title: l.T("report.column.rate_name")}, {Title: l.T("report.column.rate"), Align: "R", NoWrap: true},
			{Title: l.T("report.column.net"), Align: "R", NoWrap: true}, {Title: l.T("report.column.tax"), Align: "R", NoWrap: true},
			{Title: l.T("report.column.total"), Align: "R", NoWrap: true}}, rows)
		return nil
	})
}

// WriteActivity writes the practice's activity: appointments per month
// as bars, then each practitioner's no-show rate.
func WriteActivity(w io.Writer, h ReportHeader, a data.Activity, o Options) error {
	l := h.Words
	title := l.T("report.activity.title")
	return build(w, title, o, func(d *Doc) error {
		d.words = l
		d.footer = h.Practice + " · " + title
		sub := h.Practice
		if len(a.Months) > 0 {
			first, last := a.Months[0].Month, a.Months[len(a.Months)-1].Month
			sub += " · " + monthLabel(first) + " – " + monthLabel(last)
		}
		d.Title(title, sub)
		bars := make([]Bar, len(a.Months))
		for i, m := range a.Months {
			bars[i] = Bar{Label: monthLabel(m.Month), Value: int64(m.Count), Text: l.Number(int64(m.Count))}
		}
		d.Heading(l.T("report.activity.per_month"), 50)
		d.barChart(bars, 40)
		d.Heading(l.T("report.activity.no_shows"), 20)
		rows := make([][]string, len(a.Practitioners))
		for i, p := range a.Practitioners {
			rows[i] = []string{p.Name, l.Number(int64(p.Done)), l.Number(int64(p.NoShows)), PermilleText(l, p.NoShowPermille())}
		}
		d.Table([]Column{{Title: l.T("report.column.practitioner")}, {Title: l.T("report.column.done"), Width: 30, Align: "R"},
			{Title: l.T("report.column.no_shows"), Width: 30, Align: "R"}, {Title: l.T("report.column.no_show_rate"), Width: 30, Align: "R"}}, rows)
		return nil
	})
}

// PermilleText writes thousandths as a percentage with one decimal: "4,2 %".
func PermilleText(l *i18n.Localizer, permille int) string {
	return l.T("pdf.invoice.rate", "Rate", l.Decimal(int64(permille), 1))
}
