package ui

import (
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// bookShortcut is Ctrl+N (Cmd+N on macOS): book an appointment.
var bookShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}

// submitShortcut is Ctrl+Enter (Cmd+Enter): in a multi-line field, what
// Enter does in a one-line field.
var submitShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}

func isSubmit(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) && cs.Modifier == submitShortcut.Modifier
}

// Where a key works, in the order Help → Keyboard shortcuts lists them.
const (
	keysAnywhere = "Anywhere"
	keysSearch   = "Patient search (top bar, and the patient of a booking)"
	keysForms    = "Dialogs and forms"
	keysCalendar = "Calendar"
	keysWaiting  = "Waiting room"
)

// deskKey is one key of the desk. One with a shortcut and an action is
// registered on the window; one with keys and an action is run by the
// window when no widget takes the key; the others are the widgets' own
// (Enter in a field, Tab), listed so that the help names every key.
type deskKey struct {
	group    string
	shortcut *desktop.CustomShortcut
	keys     []fyne.KeyName
	label    string // how the key reads, when neither says it
	what     string
	run      func(d *desk)
	when     func(d *desk) bool // nil: always
}

// keyTable is every key of the desk: the window's shortcuts and keys are
// installed from it and the help lists it, so the two cannot drift.
func keyTable() []deskKey {
	return []deskKey{
		{group: keysAnywhere, shortcut: findShortcut, what: "Find a patient: the cursor goes to the search in the top bar.",
			run: (*desk).focusSearch},
		{group: keysAnywhere, shortcut: bookShortcut, what: "Book an appointment; in a patient's file, for that patient.",
			run: (*desk).bookAnywhere},
		{group: keysAnywhere, keys: []fyne.KeyName{fyne.KeyF1}, what: "This list of keys.", run: func(d *desk) { d.showHelp() }},
		{group: keysAnywhere, label: "Tab, Shift+Tab", what: "The next or the previous field or button."},
		{group: keysAnywhere, label: "Space", what: "Press the button that has the focus."},

		{group: keysSearch, label: "Down, Up", what: "Move the highlight through the results; the first is highlighted as soon as they show."},
		{group: keysSearch, label: "Enter", what: "Open the highlighted patient's file; in a booking, choose the patient and go on to the time."},
		{group: keysSearch, label: "Tab", what: "From the search field into the results."},
		{group: keysSearch, label: "Escape", what: "Clear the search."},

		{group: keysForms, label: "Enter", what: "In a one-line field: press the default button (Book, Save, Create…) once the form is complete."},
		{group: keysForms, shortcut: submitShortcut, what: "The same in a notes or address field, where Enter starts a new line."},
		{group: keysForms, label: "Escape", what: "Close. With changes it asks first: Escape again or Enter discards them, any other key goes back."},
		{group: keysForms, label: "Space, Down", what: "Open a drop-down on its value; a letter jumps to the first choice that starts with it."},

		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyLeft, fyne.KeyUp}, what: "The day before (the week before in the week view).",
			run: func(d *desk) { d.calendar.step(-1) }, when: calendarKeys},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyRight, fyne.KeyDown}, what: "The next day (the next week in the week view).",
			run: func(d *desk) { d.calendar.step(1) }, when: calendarKeys},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyPageUp}, what: "A week back.",
			run: func(d *desk) { d.calendar.setDay(d.calendar.day.AddDays(-7)) }, when: calendarKeys},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyPageDown}, what: "A week ahead.",
			run: func(d *desk) { d.calendar.setDay(d.calendar.day.AddDays(7)) }, when: calendarKeys},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyHome}, what: "Today.",
			run: func(d *desk) { d.calendar.setDay(d.today()) }, when: calendarKeys},
		{group: keysCalendar, label: "Tab", what: "From the calendar to its appointments, one at a time."},
		{group: keysCalendar, label: "Enter", what: "Open the appointment that has the focus."},
		{group: keysCalendar, label: "A", what: "Mark the appointment that has the focus arrived (today's, booked or confirmed)."},

		{group: keysWaiting, label: "Tab, Space", what: "Reach a patient's button (Arrived, To the room, Done) and press it."},
	}
}

// calendarKeys reports whether the calendar's keys apply: it is shown
// and no dialog is open over it.
func calendarKeys(d *desk) bool {
	return d.current == screenCalendar && topModal(d.win.Canvas()) == nil
}

// installKeys registers the table's shortcuts on the window and makes
// the window answer the keys that reach it: those typed while no widget
// has the focus, and those a widget passes on (passKey).
func (d *desk) installKeys() {
	cv := d.win.Canvas()
	for _, k := range keyTable() {
		if k.shortcut != nil && k.run != nil {
			run := k.run
			cv.AddShortcut(k.shortcut, func(fyne.Shortcut) { run(d) })
		}
	}
	cv.SetOnTypedKey(d.typedKey)
}

// typedKey answers a key that reached the window: Escape and Enter are
// the open dialog's (close, default button), the others the table's.
func (d *desk) typedKey(k *fyne.KeyEvent) {
	if m := topModal(d.win.Canvas()); m != nil {
		switch k.Name {
		case fyne.KeyEscape:
			m.escape()
			return
		case fyne.KeyReturn, fyne.KeyEnter:
			m.submit()
			return
		}
	}
	for _, dk := range keyTable() {
		if dk.run != nil && slices.Contains(dk.keys, k.Name) && (dk.when == nil || dk.when(d)) {
			dk.run(d)
			return
		}
	}
}

// isDeskShortcut reports whether s is one of the window's shortcuts.
func isDeskShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	for _, k := range keyTable() {
		if k.shortcut != nil && k.run != nil && k.shortcut.KeyName == cs.KeyName && k.shortcut.Modifier == cs.Modifier {
			return true
		}
	}
	return false
}

// isFunctionKey reports whether k is F1…F12, which no widget uses.
func isFunctionKey(k fyne.KeyName) bool {
	return len(k) >= 2 && k[0] == 'F' && strings.Trim(string(k[1:]), "0123456789") == ""
}

// canvasOf is the canvas that shows o (nil before it is shown).
func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	if a := fyne.CurrentApp(); a != nil {
		return a.Driver().CanvasForObject(o)
	}
	return nil
}

// passKey hands a key that the focused widget o does not use to the
// window, as if no widget had the focus.
func passKey(o fyne.CanvasObject, k *fyne.KeyEvent) {
	if c := canvasOf(o); c != nil {
		if f := c.OnTypedKey(); f != nil {
			f(k)
		}
	}
}

// passShortcut hands a shortcut that the focused widget o does not use to
// the window's registered shortcuts.
func passShortcut(o fyne.CanvasObject, s fyne.Shortcut) {
	if c := canvasOf(o); c != nil {
		if sc, ok := c.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		}
	}
}

// keyText is how the help writes a key.
func (k deskKey) keyText() string {
	switch {
	case k.label != "":
		return k.label
	case k.shortcut != nil:
		return shortcutText(k.shortcut)
	}
	names := make([]string, len(k.keys))
	for i, n := range k.keys {
		names[i] = keyName(n)
	}
	return strings.Join(names, ", ")
}

// shortcutText writes a shortcut as the keyboard of this system names it:
// Ctrl+N, or Cmd+N on macOS.
func shortcutText(s *desktop.CustomShortcut) string {
	var parts []string
	for _, m := range []struct {
		mod  fyne.KeyModifier
		name string
	}{{fyne.KeyModifierControl, "Ctrl"}, {fyne.KeyModifierAlt, "Alt"}, {fyne.KeyModifierShift, "Shift"}, {fyne.KeyModifierSuper, superName()}} {
		if s.Modifier&m.mod != 0 {
			parts = append(parts, m.name)
		}
	}
	return strings.Join(append(parts, keyName(s.KeyName)), "+")
}

func superName() string {
	if runtime.GOOS == "darwin" {
		return "Cmd"
	}
	return "Super"
}

// keyName is a key as it is printed on keyboards.
func keyName(n fyne.KeyName) string {
	switch n {
	case fyne.KeyPageUp:
		return "Page Up"
	case fyne.KeyPageDown:
		return "Page Down"
	case fyne.KeyReturn, fyne.KeyEnter:
		return "Enter"
	}
	return string(n)
}
