package data

import (
	"io"
	"strconv"
)

// The reports as CSV (DESIGN §7): a header row of English column names,
// ISO dates, amounts with a '.' decimal point, the same data giving the
// same bytes.

// WriteCSV writes the unpaid invoices with their age and bucket.
func (a Aging) WriteCSV(w io.Writer, cur Currency) error {
	c := NewCSVWriter(w, "number", "patient", "chart_number", "payer", "issue_date", "due_date", "days", "bucket", "due")
	for _, r := range a.Rows {
		b := AgingBuckets[AgingBucket(r.Days)]
		bucket := strconv.Itoa(b.From) + "-" + strconv.Itoa(b.To)
		if b.To < 0 {
			bucket = strconv.Itoa(b.From) + "+"
		}
		c.Row(r.Number, r.PatientName, r.ChartNumber, r.PayerName, r.IssueDate.String(), r.DueDate.String(),
			strconv.Itoa(r.Days), bucket, cur.Format(r.Due))
	}
	return c.Close()
}

// WriteCSV writes the day's takings, one row per method and the total.
func (t Takings) WriteCSV(w io.Writer, cur Currency) error {
	c := NewCSVWriter(w, "date", "method", "payments", "amount")
	n := 0
	for _, m := range t.Methods {
		c.Row(t.Day.String(), m.Method, strconv.Itoa(m.Count), cur.Format(m.Amount))
		n += m.Count
	}
	c.Row(t.Day.String(), "total", strconv.Itoa(n), cur.Format(t.Total))
	return c.Close()
}

// WriteCSV writes the month's revenue by fee item, then by tax rate.
func (r Revenue) WriteCSV(w io.Writer, cur Currency) error {
	c := NewCSVWriter(w, "month", "by", "code", "description", "rate_bp", "quantity", "net", "tax", "total")
	month := MonthKey(r.Month)
	for _, it := range r.Items {
		c.Row(month, "fee_item", it.Code, it.Description, "", strconv.Itoa(it.Quantity), cur.Format(it.Net), cur.Format(it.Tax),
			cur.Format(it.Net+it.Tax))
	}
	for _, rr := range r.Rates {
		c.Row(month, "tax_rate", "", rr.Name, strconv.Itoa(rr.BasisPoints), "", cur.Format(rr.Net), cur.Format(rr.Tax),
			cur.Format(rr.Net+rr.Tax))
	}
	return c.Close()
}

// WriteCSV writes the appointments per month, then each practitioner's
// visits done and no-shows.
func (a Activity) WriteCSV(w io.Writer) error {
	c := NewCSVWriter(w, "month", "practitioner", "appointments", "done", "no_shows", "no_show_rate_permille")
	for _, m := range a.Months {
		c.Row(MonthKey(m.Month), "", strconv.Itoa(m.Count), "", "", "")
	}
	if len(a.Months) > 0 {
		period := MonthKey(a.Months[0].Month) + "/" + MonthKey(a.Months[len(a.Months)-1].Month)
		for _, p := range a.Practitioners {
			c.Row(period, p.Name, "", strconv.Itoa(p.Done), strconv.Itoa(p.NoShows), strconv.Itoa(p.NoShowPermille()))
		}
	}
	return c.Close()
}
