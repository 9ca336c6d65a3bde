package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// The date picker starts its weeks where the practice does, as the
// week view: Monday in Paris, Sunday in New York.
func TestWeeksStartOnThePracticesFirstDay(t *testing.T) {
	h, c, f := calendarHarness(t)
	p := c.pickDate()
	if first := p.month.days.Objects[0].(*widget.Label).Text; first != "Mon" {
		t.Errorf("in Paris the picker's weeks start on %s", first)
	}
	// A day clicked goes there.
	target := data.Date{Year: f.today.Year, Month: f.today.Month, Day: 1}
	for _, o := range p.month.days.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "1" {
			test.Tap(b)
			break
		}
	}
	h.until("the first of the month", func() bool { return c.day == target })

	pr := h.desk().pr
	pr.TimeZone = "America/New_York"
	mustUpdate(t, h.store, func(tx *data.Tx) error { return tx.Save(&pr) })
	h.desk().setPractice(pr)
	p = c.pickDate()
	if first := p.month.days.Objects[0].(*widget.Label).Text; first != "Sun" {
		t.Errorf("in New York the picker's weeks start on %s", first)
	}
	closeTopModal(h.win.Canvas())
	h.wait(c.setMode(modeWeek))
	if got := c.loaded.Columns[0].Day.Weekday(); got != time.Sunday {
		t.Errorf("in New York the week view starts on %s", got)
	}
}
