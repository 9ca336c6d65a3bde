package ui

import (
	"fmt"
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
	df      data.DateFormat
	freq    *deskSelect
	every   *deskEntry
	until   *deskEntry
	count   *deskEntry
	details *fyne.Container
	content *fyne.Container
	day     data.Date
}

func newRepeatFields(df data.DateFormat, onFind func(), onChange, onEscape func()) *repeatFields {
	r := &repeatFields{df: df}
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
	r.details = container.NewHBox(quiet("every"), container.New(&minWidth{w: 44}, r.every), quiet("until"),
		container.New(&minWidth{w: 110}, r.until), quiet("or"), container.New(&minWidth{w: 52}, r.count), quiet("times"))
	r.content = container.NewHBox(container.New(&minWidth{w: 250}, r.freq), r.details)
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
	sel := max(r.freq.SelectedIndex(), 0)
	week := data.WeekOfMonthOf(d)
	nth := map[int]string{1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}[week]
	monthDay := fmt.Sprintf("Monthly on day %d", d.Day)
	if d.Day > 28 {
		monthDay += " (or the month's last)"
	}
	r.freq.Options = []string{"Does not repeat", "Daily", "Weekly on " + d.Weekday().String(), monthDay,
		"Monthly on the " + nth + " " + d.Weekday().String()}
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
func (r *repeatFields) rule(sr data.Series) (data.Series, []string) {
	var problems []string
	sr.Freq = repeatFreqs[r.freq.SelectedIndex()]
	n, err := strconv.Atoi(strings.TrimSpace(r.every.Text))
	if err != nil || n < 1 {
		problems = append(problems, fmt.Sprintf("Repeat: “every %s” needs a whole number, 1 or more.", strings.TrimSpace(r.every.Text)))
	}
	sr.Every = n
	if s := strings.TrimSpace(r.until.Text); s != "" {
		d, err := r.df.Parse(s)
		if err != nil {
			problems = append(problems, "Until: "+err.Error()+".")
		}
		sr.Until = d
	}
	if s := strings.TrimSpace(r.count.Text); s != "" {
		c, err := strconv.Atoi(s)
		if err != nil || c < 1 {
			problems = append(problems, fmt.Sprintf("Times: %q is not a number of appointments.", s))
		}
		sr.Count = c
	}
	if len(problems) > 0 {
		return sr, problems
	}
	if err := sr.ValidateAs(r.df); err != nil {
		problems = append(problems, strings.Split(data.ErrorMessage(err), "\n")...)
	}
	return sr, problems
}
