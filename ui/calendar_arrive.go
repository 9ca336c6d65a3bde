package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// Check-in from the calendar: each of today's appointments that is still
// expected (booked or confirmed, with a patient) carries an Arrived
// control; a click on it, or A on the focused block, marks the patient
// arrived in one action, as the waiting room's Arrived button does.

// canArrive reports whether the appointment may be marked arrived from
// the calendar: today's, still expected, with a patient.
func (bl *apptBlock) canArrive() bool {
	a, g := bl.a, bl.grid
	return g.h.arrive != nil && a.PatientID != "" && (a.Status == data.StatusBooked || a.Status == data.StatusConfirmed) &&
		bl.col < len(g.cols) && g.cols[bl.col].Day == g.today
}

// placeArrive shows the Arrived control at the right of the block's first
// line when the appointment can be marked arrived and the block has the
// room; it returns the width the control takes from the text.
func (r *apptBlockRenderer) placeArrive(size fyne.Size) float32 {
	t := r.arrive
	m := t.MinSize()
	// A narrow block (a lane of a double booking, a day of eight
	// columns) keeps its room for the name: A on it still checks in.
	if !r.bl.canArrive() || size.Width < 5*m.Width || size.Height < m.Height+2 {
		t.Hide()
		return 0
	}
	t.Show()
	t.Resize(m)
	y := float32(2)
	if size.Height < 2*m.Height+4 { // one line: centred
		y = (size.Height - m.Height) / 2
	}
	t.Move(fyne.NewPos(size.Width-m.Width-3, y))
	return m.Width + 6
}

// arrive marks a patient arrived from the calendar and reloads it.
func (c *calendarScreen) arrive(a data.AppointmentView) <-chan struct{} {
	return c.d.write(func(tx *data.Tx) error {
		_, err := tx.SetStatus(a.ID, data.StatusArrived, "")
		return err
	}, nil, func() <-chan struct{} {
		c.d.say(saidStatus(c.d.w, a, data.StatusArrived))
		return c.load()
	})
}

// arriveTag is the small Arrived control of a block: an outlined word,
// clickable, with the hand pointer.
type arriveTag struct {
	widget.BaseWidget
	label string
	onTap func()
}

func newArriveTag(label string, onTap func()) *arriveTag {
	t := &arriveTag{label: label, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *arriveTag) Tapped(*fyne.PointEvent) { t.onTap() }

func (t *arriveTag) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (t *arriveTag) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.White)
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = accent, 1, 3
	txt := canvas.NewText(t.label, accent)
	txt.TextSize = theme.CaptionTextSize()
	txt.TextStyle.Bold = true
	return &arriveTagRenderer{bg: bg, txt: txt}
}

type arriveTagRenderer struct {
	bg  *canvas.Rectangle
	txt *canvas.Text
}

func (r *arriveTagRenderer) Destroy()                     {}
func (r *arriveTagRenderer) Refresh()                     { r.bg.Refresh(); r.txt.Refresh() }
func (r *arriveTagRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.txt} }

func (r *arriveTagRenderer) MinSize() fyne.Size {
	s := fyne.MeasureText(r.txt.Text, r.txt.TextSize, r.txt.TextStyle)
	return fyne.NewSize(s.Width+10, s.Height+2)
}

func (r *arriveTagRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	s := fyne.MeasureText(r.txt.Text, r.txt.TextSize, r.txt.TextStyle)
	r.txt.Move(fyne.NewPos((size.Width-s.Width)/2, (size.Height-s.Height)/2))
}
