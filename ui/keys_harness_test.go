package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Fyne's test driver has no keyboard: test.Type sends runes to a widget
// and nothing sends keys to the window. press and typeKeys send them as
// the GLFW driver of the real window does (Fyne 2.7.1,
// internal/driver/glfw/window.go: processKeyPressed, capturesTab,
// triggersShortcut, processCharInput), so that a test goes through the
// same widgets, in the same order, as a secretary's keyboard.

// press sends one key, with modifiers, to the window.
func (h *harness) press(name fyne.KeyName, mods ...fyne.KeyModifier) {
	h.t.Helper()
	c := h.win.Canvas()
	var mod fyne.KeyModifier
	for _, m := range mods {
		mod |= m
	}
	focused := c.Focused()
	// Tab (or Shift+Tab) moves the focus, unless the focused widget keeps
	// tabs for itself.
	if name == fyne.KeyTab && mod&^fyne.KeyModifierShift == 0 {
		if t, ok := focused.(fyne.Tabbable); ok && t.AcceptsTab() {
			focused.TypedKey(&fyne.KeyEvent{Name: name})
			return
		}
		if mod == 0 {
			c.FocusNext()
		} else {
			c.FocusPrevious()
		}
		return
	}
	// A key with Ctrl (Cmd), Alt or Super is a shortcut: for the focused
	// widget when it takes shortcuts, else for the window.
	if mod != 0 && mod != fyne.KeyModifierShift {
		var s fyne.Shortcut = &desktop.CustomShortcut{KeyName: name, Modifier: mod}
		if mod == fyne.KeyModifierShortcutDefault {
			switch name {
			case fyne.KeyA:
				s = &fyne.ShortcutSelectAll{}
			case fyne.KeyV:
				s = &fyne.ShortcutPaste{Clipboard: fyne.CurrentApp().Clipboard()}
			case fyne.KeyC:
				s = &fyne.ShortcutCopy{Clipboard: fyne.CurrentApp().Clipboard()}
			case fyne.KeyX:
				s = &fyne.ShortcutCut{Clipboard: fyne.CurrentApp().Clipboard()}
			}
		}
		if sc, ok := focused.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
			return
		}
		c.(fyne.Shortcutable).TypedShortcut(s)
		return
	}
	ev := &fyne.KeyEvent{Name: name}
	if focused != nil {
		focused.TypedKey(ev)
	} else if f := c.OnTypedKey(); f != nil {
		f(ev)
	}
}

// typeKeys types text on the keyboard: each character goes to the
// focused widget, else to the window.
func (h *harness) typeKeys(text string) {
	h.t.Helper()
	c := h.win.Canvas()
	for _, r := range text {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if f := c.OnTypedRune(); f != nil {
			f(r)
		}
	}
}

// focused is the widget that has the keyboard's focus.
func (h *harness) focused() fyne.Focusable { return h.win.Canvas().Focused() }
