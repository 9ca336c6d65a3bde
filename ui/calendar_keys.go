package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// newShortcut is Ctrl+N (Cmd+N on macOS): book an appointment.
var newShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}

// installKeys makes the window's keys work for the calendar: Escape
// closes the top dialog; with no dialog open and the calendar shown, the
// arrows and Page Up/Down move through the days, Home goes to today, and
// Ctrl+N books. Keys reach the window only when no field has the focus,
// which is when a secretary uses them to move around.
func (c *calendarScreen) installKeys() {
	cv := c.d.win.Canvas()
	cv.SetOnTypedKey(c.typedKey)
	cv.AddShortcut(newShortcut, func(fyne.Shortcut) {
		if topModal(cv) == nil && c.d.current == screenCalendar {
			c.bookNow()
		}
	})
}

func (c *calendarScreen) typedKey(k *fyne.KeyEvent) {
	cv := c.d.win.Canvas()
	if k.Name == fyne.KeyEscape {
		closeTopModal(cv)
		return
	}
	if topModal(cv) != nil || c.d.current != screenCalendar {
		return
	}
	switch k.Name {
	case fyne.KeyLeft, fyne.KeyUp:
		c.step(-1)
	case fyne.KeyRight, fyne.KeyDown:
		c.step(1)
	case fyne.KeyPageUp:
		c.setDay(c.day.AddDays(-7))
	case fyne.KeyPageDown:
		c.setDay(c.day.AddDays(7))
	case fyne.KeyHome:
		c.setDay(c.d.today())
	}
}
