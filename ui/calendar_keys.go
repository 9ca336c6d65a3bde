package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// The calendar's keys. The arrows, Page Up/Down and Home move through the
// days (the key table in keys.go runs them when they reach the window).
// So that they work as soon as Calendar is chosen on the rail with the
// keyboard, the grid then takes the focus and passes them on; Tab goes on
// from the grid to each appointment in turn, where Enter opens it and A
// marks it arrived.

// focusTarget is the grid, once the calendar has columns.
func (c *calendarScreen) focusTarget() fyne.Focusable {
	if len(c.body.Objects) == 1 && c.body.Objects[0] == c.grid.content {
		return c.grid.body
	}
	return nil
}

// keepFocus runs redraw, which replaces the appointment blocks, and gives
// the focus back to where it was in the grid: the same appointment when
// it is still drawn, else the grid.
func (g *timeGrid) keepFocus(cv fyne.Canvas, redraw func()) {
	was := cv.Focused()
	id, inGrid := "", was == fyne.Focusable(g.body)
	if bl, ok := was.(*apptBlock); ok && bl.grid == g.body {
		id, inGrid = bl.a.ID, true
	}
	redraw()
	if !inGrid {
		return
	}
	for _, bl := range g.body.blocks {
		if bl.a.ID == id {
			cv.Focus(bl)
			return
		}
	}
	cv.Focus(g.body)
}

func (b *gridBody) FocusGained()   { b.setFocused(true) }
func (b *gridBody) FocusLost()     { b.setFocused(false) }
func (b *gridBody) TypedRune(rune) {}

// TypedKey passes every key to the window, which moves the days.
func (b *gridBody) TypedKey(k *fyne.KeyEvent) { passKey(b, k) }

func (b *gridBody) setFocused(on bool) {
	b.focused = on
	b.Refresh()
}

// focusFrame is the mark of a focused grid: an accent frame.
func focusFrame(size fyne.Size) fyne.CanvasObject {
	r := canvas.NewRectangle(nil)
	r.StrokeColor, r.StrokeWidth = accent, 2
	r.Resize(size)
	return r
}

func (bl *apptBlock) FocusGained() {
	bl.focused = true
	bl.Refresh()
	if bl.grid.reveal != nil {
		bl.grid.reveal(bl.Position().Y, bl.Position().Y+bl.Size().Height)
	}
}

func (bl *apptBlock) FocusLost() {
	bl.focused = false
	bl.Refresh()
}

// TypedKey opens the appointment on Enter or Space; the other keys are
// the window's (the arrows move the days).
func (bl *apptBlock) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		bl.Tapped(nil)
	default:
		passKey(bl, k)
	}
}

// TypedRune marks the appointment arrived on A, when it can be.
func (bl *apptBlock) TypedRune(r rune) {
	if (r == 'a' || r == 'A') && bl.canArrive() {
		bl.grid.h.arrive(bl.a)
	}
}
