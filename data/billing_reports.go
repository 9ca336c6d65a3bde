package data

import (
	"context"
	"fmt"
	"time"
)

// AgingBuckets are the ages of unpaid invoices the aging report groups:
// days since the issue date, 0–30, 31–60, 61–90 and over 90.
var AgingBuckets = [4]struct{ From, To int }{{0, 30}, {31, 60}, {61, 90}, {91, -1}}

// AgingBucket returns the bucket of an invoice age in days.
func AgingBucket(days int) int {
	for i, b := range AgingBuckets {
		if b.To < 0 || days <= b.To {
			return i
		}
	}
	return len(AgingBuckets) - 1
}

// AgingRow is one unpaid invoice of the aging report.
type AgingRow struct {
	InvoiceID   string
	Number      string
	PatientName string
	ChartNumber string
	PayerName   string
	IssueDate   Date
	DueDate     Date
	Days        int // since the issue date
	Due         Money
}

// Aging is what is owed to the practice on a day, invoice by invoice and
// per bucket of age.
type Aging struct {
	AsOf    Date
	Rows    []AgingRow
	Buckets [4]Money
	Counts  [4]int
	Total   Money
}

// AgingQuery is the SQL of the aging report: the invoices with something
// due, oldest first. The benchmark runs it raw as the report's floor.
const AgingQuery = `SELECT d.invoice_id, i.number, p.given_name || ' ' || p.family_name, p.chart_number, i.payer_name,
	d.issue_date, d.due_date, d.due
	FROM invoice_due d
	JOIN invoices i ON i.id = d.invoice_id
	JOIN patients p ON p.id = d.patient_id
	WHERE d.due > 0 AND d.issue_date <= ?
	ORDER BY d.issue_date, i.number`

// AgingReport reads the unpaid invoices issued up to asOf with their age.
func (s *Store) AgingReport(ctx context.Context, asOf Date) (Aging, error) {
	if err := s.require(RightBilling); err != nil {
		return Aging{}, err
	}
	a := Aging{AsOf: asOf}
	rows, err := s.r.QueryContext(ctx, AgingQuery, asOf.String())
	if err != nil {
		return a, sqlErr("reading the aging report", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r AgingRow
		if err := rows.Scan(&r.InvoiceID, &r.Number, &r.PatientName, &r.ChartNumber, &r.PayerName, &r.IssueDate, &r.DueDate, &r.Due); err != nil {
			return a, sqlErr("reading the aging report", err)
		}
		r.Days = r.IssueDate.DaysUntil(asOf)
		b := AgingBucket(r.Days)
		a.Buckets[b] += r.Due
		a.Counts[b]++
		a.Total += r.Due
		a.Rows = append(a.Rows, r)
	}
	return a, sqlErr("reading the aging report", rows.Err())
}

// Takings is the end-of-day cash-up: the money taken on a day by method,
// refunds counted against it. Money moved from or to a patient's credit
// is not money taken and is left out.
type Takings struct {
	Day     Date
	Methods []MethodTotal
	Total   Money
}

// MethodTotal is what one payment method brought in.
type MethodTotal struct {
	Method string
	Count  int
	Amount Money
}

// TakingsOn reads the takings of a day, every method listed (a method
// with nothing taken says 0).
func (s *Store) TakingsOn(ctx context.Context, day Date) (Takings, error) {
	if err := s.require(RightBilling); err != nil {
		return Takings{}, err
	}
	t := Takings{Day: day}
	rows, err := s.r.QueryContext(ctx, `SELECT method, COUNT(DISTINCT receipt_id), SUM(amount) FROM payments
		WHERE paid_on = ? AND method <> 'credit' AND deleted = 0 GROUP BY method`, day.String())
	if err != nil {
		return t, sqlErr("reading the day's takings", err)
	}
	defer rows.Close()
	got := map[string]MethodTotal{}
	for rows.Next() {
		var m MethodTotal
		if err := rows.Scan(&m.Method, &m.Count, &m.Amount); err != nil {
			return t, sqlErr("reading the day's takings", err)
		}
		got[m.Method] = m
	}
	if err := rows.Err(); err != nil {
		return t, sqlErr("reading the day's takings", err)
	}
	for _, m := range PaymentMethods {
		mt := got[m]
		mt.Method = m
		t.Methods = append(t.Methods, mt)
		t.Total += mt.Amount
	}
	return t, nil
}

// Revenue is what was invoiced in a month (credit notes deducted), by fee
// item and by tax rate, and the month totals of the year up to it.
type Revenue struct {
	Month   Date // its first day
	Items   []RevenueItem
	Rates   []RevenueRate
	Net     Money
	Tax     Money
	Total   Money
	History []MonthTotal // the 12 months ending with Month, oldest first
}

// RevenueItem is what one fee item (or a line typed by hand) brought in.
type RevenueItem struct {
	Code        string
	Description string
	Quantity    int
	Net, Tax    Money
}

// RevenueRate is what was invoiced at one tax rate.
type RevenueRate struct {
	Name        string
	BasisPoints int
	Net, Tax    Money
}

// MonthTotal is the total invoiced in one month.
type MonthTotal struct {
	Month Date
	Total Money
}

// RevenueQuery is the SQL of the revenue by fee item: the lines of the
// documents issued in [from, to), grouped. The benchmark runs it raw.
const RevenueQuery = `SELECT l.code, l.description, SUM(l.quantity), SUM(l.net), SUM(l.tax)
	FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
	WHERE i.status = 'final' AND i.issue_date >= ? AND i.issue_date < ? AND i.deleted = 0 AND l.deleted = 0
	GROUP BY l.code, l.description ORDER BY SUM(l.net) DESC, l.code`

// RevenueOf reads the revenue of the month that month falls in.
func (s *Store) RevenueOf(ctx context.Context, month Date) (Revenue, error) {
	if err := s.require(RightBilling); err != nil {
		return Revenue{}, err
	}
	first := Date{Year: month.Year, Month: month.Month, Day: 1}
	next := firstOfNextMonth(first)
	r := Revenue{Month: first}
	rows, err := s.r.QueryContext(ctx, RevenueQuery, first.String(), next.String())
	if err != nil {
		return r, sqlErr("reading a month's revenue", err)
	}
	for rows.Next() {
		var it RevenueItem
		if err := rows.Scan(&it.Code, &it.Description, &it.Quantity, &it.Net, &it.Tax); err != nil {
			rows.Close()
			return r, sqlErr("reading a month's revenue", err)
		}
		r.Items = append(r.Items, it)
		r.Net += it.Net
		r.Tax += it.Tax
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, sqlErr("reading a month's revenue", err)
	}
	r.Total = r.Net + r.Tax
	rows, err = s.r.QueryContext(ctx, `SELECT l.tax_name, l.tax_bp, SUM(l.net), SUM(l.tax)
		FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
		WHERE i.status = 'final' AND i.issue_date >= ? AND i.issue_date < ? AND i.deleted = 0 AND l.deleted = 0
		GROUP BY l.tax_bp, l.tax_name ORDER BY l.tax_bp, l.tax_name`, first.String(), next.String())
	if err != nil {
		return r, sqlErr("reading a month's revenue", err)
	}
	for rows.Next() {
		var rr RevenueRate
		if err := rows.Scan(&rr.Name, &rr.BasisPoints, &rr.Net, &rr.Tax); err != nil {
			rows.Close()
			return r, sqlErr("reading a month's revenue", err)
		}
		r.Rates = append(r.Rates, rr)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, sqlErr("reading a month's revenue", err)
	}
	start := first
	for i := 0; i < 11; i++ {
		start = firstOfPreviousMonth(start)
	}
	rows, err = s.r.QueryContext(ctx, `SELECT substr(issue_date, 1, 7), SUM(total) FROM invoices
		WHERE status = 'final' AND issue_date >= ? AND issue_date < ? AND deleted = 0
		GROUP BY substr(issue_date, 1, 7)`, start.String(), next.String())
	if err != nil {
		return r, sqlErr("reading a month's revenue", err)
	}
	defer rows.Close()
	byMonth := map[string]Money{}
	for rows.Next() {
		var m string
		var total Money
		if err := rows.Scan(&m, &total); err != nil {
			return r, sqlErr("reading a month's revenue", err)
		}
		byMonth[m] = total
	}
	for m := start; m.Before(next); m = firstOfNextMonth(m) {
		r.History = append(r.History, MonthTotal{Month: m, Total: byMonth[m.String()[:7]]})
	}
	return r, sqlErr("reading a month's revenue", rows.Err())
}

func firstOfNextMonth(d Date) Date {
	if d.Month == time.December {
		return Date{Year: d.Year + 1, Month: time.January, Day: 1}
	}
	return Date{Year: d.Year, Month: d.Month + 1, Day: 1}
}

func firstOfPreviousMonth(d Date) Date {
	if d.Month == time.January {
		return Date{Year: d.Year - 1, Month: time.December, Day: 1}
	}
	return Date{Year: d.Year, Month: d.Month - 1, Day: 1}
}

// Activity is the practice's work over the 12 months ending with a month:
// appointments per month (cancelled ones left out) and, per
// practitioner, the visits done, the no-shows and their rate.
type Activity struct {
	Months        []MonthCount
	Practitioners []PractitionerActivity
}

// MonthCount is the appointments of one month.
type MonthCount struct {
	Month Date
	Count int
}

// PractitionerActivity is one practitioner's visits and no-shows.
type PractitionerActivity struct {
	Name    string
	Done    int
	NoShows int
}

// NoShowPermille is the share of no-shows among the visits expected (done
// or missed), in thousandths.
func (p PractitionerActivity) NoShowPermille() int {
	if p.Done+p.NoShows == 0 {
		return 0
	}
	return (p.NoShows*1000 + (p.Done+p.NoShows)/2) / (p.Done + p.NoShows)
}

// ActivityOf reads the activity of the 12 months ending with month's.
func (s *Store) ActivityOf(ctx context.Context, month Date) (Activity, error) {
	if err := s.require(RightBilling); err != nil {
		return Activity{}, err
	}
	var a Activity
	next := firstOfNextMonth(Date{Year: month.Year, Month: month.Month, Day: 1})
	start := next
	for i := 0; i < 12; i++ {
		start = firstOfPreviousMonth(start)
	}
	from, to := start.String()+"T00:00", next.String()+"T00:00"
	rows, err := s.r.QueryContext(ctx, `SELECT substr(start_local, 1, 7), COUNT(*) FROM appointments
		WHERE start_local >= ? AND start_local < ? AND status <> 'cancelled' AND patient_id IS NOT NULL AND deleted = 0
		GROUP BY substr(start_local, 1, 7)`, from, to)
	if err != nil {
		return a, sqlErr("reading the practice's activity", err)
	}
	counts := map[string]int{}
	for rows.Next() {
		var m string
		var n int
		if err := rows.Scan(&m, &n); err != nil {
			rows.Close()
			return a, sqlErr("reading the practice's activity", err)
		}
		counts[m] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return a, sqlErr("reading the practice's activity", err)
	}
	for m := start; m.Before(next); m = firstOfNextMonth(m) {
		a.Months = append(a.Months, MonthCount{Month: m, Count: counts[m.String()[:7]]})
	}
	rows, err = s.r.QueryContext(ctx, `SELECT pr.display_name, SUM(a.status = 'done'), SUM(a.status = 'no_show')
		FROM appointments a JOIN practitioners pr ON pr.id = a.practitioner_id
		WHERE a.start_local >= ? AND a.start_local < ? AND a.deleted = 0 AND a.patient_id IS NOT NULL
		GROUP BY pr.id ORDER BY pr.display_name`, from, to)
	if err != nil {
		return a, sqlErr("reading the practice's activity", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p PractitionerActivity
		if err := rows.Scan(&p.Name, &p.Done, &p.NoShows); err != nil {
			return a, sqlErr("reading the practice's activity", err)
		}
		a.Practitioners = append(a.Practitioners, p)
	}
	return a, sqlErr("reading the practice's activity", rows.Err())
}

// MonthKey writes a month as the exports do: 2026-11.
func MonthKey(d Date) string { return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month)) }
