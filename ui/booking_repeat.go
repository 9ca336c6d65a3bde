package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"frontdesk/data"
)

// The ways a new booking can repeat, in the order the form offers them.
var repeatFreqs = []string{"", data.FreqDaily, data.FreqWeekly, data.FreqMonthlyDay, data.FreqMonthlyWeekday}

// repeatFields turn a new booking into a recurring series: how often,
// every how many, and until a date or a number of times.
type repeatFields struct {
	w       words
	df      data.DateFormat
	freq    *deskSelect
	every   *deskEntry
	until   *deskEntry
	count   *deskEntry
	details *fyne.Container
	content *fyne.Container
	day     data.Date
}

func newRepeatFields(w words, df data.DateFormat, onFind func(), onChange, onEscape func()) *repeatFields {
	r := &repeatFields{w: w, df: df}
	r.freq = newDeskSelect(nil, func(string) {
		r.showDetails()
		onChange()
	})
	r.every, r.until, r.count = newDeskEntry(onFind), newDeskEntry(onFind), newDeskEntry(onFind)
	r.every.SetText("1")
	r.until.SetPlaceHolder(df.Example())
	r.count.SetPlaceHolder("10")
	for _, e := range []*deskEntry{r.every, r.until, r.count} {
		e.OnChanged = func(string) { onChange() }
		e.onEscape = onEscape
	}
	r.details = container.NewHBox(quiet(w.T("repeat.every")), container.New(&minWidth{w: 44}, r.every), quiet(w.T("repeat.until")),
		container.New(&minWidth{w: 110}, r.until), quiet(w.T("repeat.or")), container.New(&minWidth{w: 52}, r.count), quiet(w.T("repeat.times")))
	// The details go under the choice: "Monthly on the second Tuesday"
	// and its details are too long for one line in French.
	r.content = container.NewVBox(container.NewHBox(container.New(&minWidth{w: 340}, r.freq)), r.details)
	r.setDay(data.Date{Year: 2026, Month: 1, Day: 1})
	r.freq.SetSelectedIndex(0)
	return r
}

// setDay words the choices for the booking's day: "every month on the
// second Tuesday" depends on it.
func (r *repeatFields) setDay(d data.Date) {
	if d == r.day || d.IsZero() {
		return
	}
	r.day = d
	w := r.w
	sel := max(r.freq.SelectedIndex(), 0)
	monthDay := w.T("repeat.monthly_day", "Day", d.Day)
	if d.Day > 28 {
		monthDay = w.T("repeat.monthly_day_or_last", "Day", d.Day)
	}
	r.freq.Options = []string{w.T("repeat.none"), w.T("repeat.daily"), w.T("repeat.weekly", "Weekday", d.Weekday()), monthDay,
		w.T("repeat.monthly_weekday", "Nth", data.OrdinalKey(data.WeekOfMonthOf(d)), "Weekday", d.Weekday())}
	r.freq.SetSelectedIndex(sel)
}

func (r *repeatFields) showDetails() {
	if r.freq.SelectedIndex() > 0 {
		r.details.Show()
	} else {
		r.details.Hide()
	}
}

// repeats reports whether a series is asked for.
func (r *repeatFields) repeats() bool { return r.freq.SelectedIndex() > 0 }

// rule fills the repetition into sr (which holds the rest of the
// booking), or says what is wrong.
func (r *repeatFields) rule(sr data.Series) (data.Series, data.Problems) {
	var problems data.Problems
	l := data.SeriesLabel
	sr.Freq = repeatFreqs[r.freq.SelectedIndex()]
	n, err := strconv.Atoi(strings.TrimSpace(r.every.Text))
	if err != nil || n < 1 {
		problems.Report(data.FieldRepeat, "repeat.problem.every", "Field", l(data.FieldRepeat), "Text", strings.TrimSpace(r.every.Text))
	}
	sr.Every = n
	if s := strings.TrimSpace(r.until.Text); s != "" {
		d, err := r.df.Parse(s)
		if err != nil {
			problems.ReportErr(data.FieldUntil, l(data.FieldUntil), err)
		}
		sr.Until = d
	}
	if s := strings.TrimSpace(r.count.Text); s != "" {
		c, err := strconv.Atoi(s)
		if err != nil || c < 1 {
			problems.Report(data.FieldTimes, "repeat.problem.times", "Field", l(data.FieldTimes), "Text", s)
		}
		sr.Count = c
	}
	if len(problems) > 0 {
		return sr, problems
	}
	return sr, data.ProblemsOf(sr.ValidateAs(r.df))
}
