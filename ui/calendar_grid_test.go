package ui

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// practiceOfEight adds six practitioners to the fixture, one of them on
// leave today: the eight columns of a large practice.
func practiceOfEight(t *testing.T, s *data.Store, f fixture) (onLeave data.Practitioner) {
	t.Helper()
	names := []string{"Dr Claire Martin", "Dr Ingrid Søndergaard", "Dr Lucía Fernández", "Dr Marc Lefèvre", "Dr Sarah Cohen", "Dr Youssef Benali"}
	mustUpdate(t, s, func(tx *data.Tx) error {
		for i, n := range names {
			p := data.Practitioner{DisplayName: n, Colour: "#8c564b", Active: true}
			if err := tx.Save(&p); err != nil {
				return err
			}
			for wd := 0; wd <= 6; wd++ {
				if err := tx.Save(&data.WorkingHours{PractitionerID: p.ID, Weekday: wd, Start: 8 * 60, End: 12 * 60}); err != nil {
					return err
				}
			}
			if i == 1 {
				onLeave = p
				if err := tx.Save(&data.DayOff{PractitionerID: p.ID, First: f.today, Last: f.today, Kind: data.OffLeave, Reason: "Family leave"}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return onLeave
}

// With eight practitioners, one on leave: the one on leave gets a
// narrow column; in the narrow columns of the others the family name
// comes first and the status is a coloured mark whose word shows on
// hover, so that names are not cut to a few letters.
func TestEightPractitionersInTheDayView(t *testing.T) {
	s, f := fixtureStore(t)
	leave := practiceOfEight(t, s, f)
	h := newHarness(t, s)
	c := h.desk().calendar
	h.until("eight columns", func() bool { return len(c.loaded.Columns) == 8 })
	b := c.grid.body
	spans := b.spans()
	for i, col := range c.loaded.Columns {
		if col.PractitionerID == leave.ID {
			if spans[i].w != narrowColW || !hasText(c.view(), "Søndergaard") {
				t.Errorf("the column of the practitioner on leave is %v wide, titled %q", spans[i].w, texts(c.grid.header))
			}
		} else if spans[i].w <= narrowColW {
			t.Errorf("%s's column is narrow", col.Title)
		}
	}
	jean, _ := findAppt(dayOf(t, s, f.today), f.dupont.ID, 9*60)
	bl := blockOf(t, c, jean.ID)
	if bl.Size().Width >= narrowBlockW {
		t.Fatalf("the block is %v wide: not a narrow column", bl.Size().Width)
	}
	r := test.WidgetRenderer(bl).(*apptBlockRenderer)
	if !strings.HasPrefix(r.line1.Text, "09:00 Dupont, Jean") && !strings.HasPrefix(r.line1.Text, "09:00 Dupont, J") {
		t.Errorf("the narrow block reads %q: the family name does not come first", r.line1.Text)
	}
	if r.status.Text != "" || !r.mark.Visible() || r.mark.FillColor != statusColour(data.StatusBooked) {
		t.Errorf("the narrow block's status: word %q, mark shown %v in %v", r.status.Text, r.mark.Visible(), r.mark.FillColor)
	}
	// Hovering shows the status in words, with the whole name.
	c.grid.scrollTo(8 * 60)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(bl).Add(fyne.NewPos(10, 5))
	test.MoveMouse(h.win.Canvas(), at)
	if !b.tip.Visible() || !hasText(b.tip, "09:00–09:20 Dupont, Jean · Consultation · booked") {
		t.Errorf("hovering the block shows %v %q", b.tip.Visible(), texts(b.tip))
	}
	if c.hoverPr != f.anna.ID {
		t.Errorf("the mouse over Anna's block is not over her column (%q)", c.hoverPr)
	}
	test.MoveMouse(h.win.Canvas(), fyne.NewPos(2, 2))
	if b.tip.Visible() {
		t.Error("the hover box stays after the mouse left")
	}
	if c.hoverPr != "" {
		t.Error("the mouse left the grid from a block, yet its column still counts as looked at")
	}
}

// A cancelled appointment beside a live booking takes a narrow lane:
// the live booking keeps nearly the whole column.
func TestCancelledAppointmentTakesANarrowLane(t *testing.T) {
	s, f := fixtureStore(t)
	var lea data.Appointment
	mustUpdate(t, s, func(tx *data.Tx) error {
		// In the place Paul Martin's cancelled appointment left free.
		lea = data.Appointment{PractitionerID: f.anna.ID, PatientID: f.durand.ID, TypeID: f.consult.ID, Day: f.today,
			Start: 10 * 60, End: 10*60 + 20, TimeZone: "Europe/Paris"}
		_, err := tx.Book(&lea, false)
		return err
	})
	h := newHarness(t, s)
	c := h.desk().calendar
	h.until("the day", func() bool { return c.loaded.Booked == 3 })
	martin, _ := findAppt(dayOf(t, s, f.today), f.martin.ID, 10*60)
	live, gone := blockOf(t, c, lea.ID), blockOf(t, c, martin.ID)
	col := c.grid.body.spans()[0].w
	if live.Size().Width < col-asideLaneW-10 {
		t.Errorf("the live booking is %v wide in a column of %v", live.Size().Width, col)
	}
	if gone.Size().Width > asideLaneW || gone.Position().X < live.Position().X+live.Size().Width {
		t.Errorf("the cancelled one is %v wide at %v, beside the live one ending at %v", gone.Size().Width, gone.Position().X,
			live.Position().X+live.Size().Width)
	}
	// Hidden with Show cancelled off; the live one keeps its width.
	test.TapAt(c.cxlCheck, fyne.NewPos(4, c.cxlCheck.Size().Height/2))
	if hasText(c.view(), "Patient is ill") {
		t.Error("the cancelled appointment is still drawn")
	}
}

// The current-time line runs under the appointments: it never strikes
// through a name.
func TestNowLineDoesNotStrikeThroughNames(t *testing.T) {
	s, f := fixtureStore(t)
	t0 := nowFunc().In(time.UTC)
	paris, _ := data.LoadZone("Europe/Paris")
	lt := t0.In(paris)
	now := data.WallTime(lt.Hour()*60 + lt.Minute())
	start, end := max(0, now-10)/5*5, min(24*60, now+30)
	var a data.Appointment
	mustUpdate(t, s, func(tx *data.Tx) error {
		a = data.Appointment{PractitionerID: f.paul.ID, PatientID: f.durand.ID, Day: f.today, Start: start, End: end,
			TimeZone: "Europe/Paris"}
		_, err := tx.Book(&a, true)
		return err
	})
	h := newHarness(t, s)
	c := h.desk().calendar
	h.until("the day", func() bool { return c.loaded.Booked == 3 })
	if c.grid.body.now != now {
		t.Skipf("the minute turned while the test set up (%s, now %s)", c.grid.body.now, now)
	}
	c.grid.scrollTo(max(0, now-60))
	img := h.win.Canvas().Capture()
	bl := blockOf(t, c, a.ID)
	drv := fyne.CurrentApp().Driver()
	blockAt := drv.AbsolutePositionForObject(bl)
	lineY := drv.AbsolutePositionForObject(c.grid.body).Y + c.grid.body.yOf(now)
	red := func(x, y float32) bool {
		r, g, b, _ := img.At(int(x), int(y)).RGBA()
		nr, ng, nb, _ := color.Color(nowColour).RGBA()
		return r>>8 == nr>>8 && g>>8 == ng>>8 && b>>8 == nb>>8
	}
	// The time is marked in the gutter, where the line starts…
	mark := drv.AbsolutePositionForObject(c.grid.body).X + gridGutter - 4
	var rows []float32
	for y := lineY - 8; y <= lineY+8; y++ {
		if red(mark, y) && red(mark+2, y) {
			rows = append(rows, y)
		}
	}
	if len(rows) == 0 {
		t.Fatalf("no now line near y %v", lineY)
	}
	// …and does not cross the block.
	for _, y := range rows {
		for x := blockAt.X + 6; x < blockAt.X+bl.Size().Width-6; x += 4 {
			if red(x, y) {
				t.Fatalf("the now line crosses the appointment at %v,%v (block at %v)", x, y, blockAt)
			}
		}
	}
}
