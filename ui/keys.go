package ui

import (
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"frontdesk/data/i18n"
)

// bookShortcut is Ctrl+N (Cmd+N on macOS): book an appointment.
var bookShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}

// lockShortcut is Ctrl+L (Cmd+L): lock the desk.
var lockShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}

// submitShortcut is Ctrl+Enter (Cmd+Enter): in a multi-line field, what
// Enter does in a one-line field.
var submitShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}

func isSubmit(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) && cs.Modifier == submitShortcut.Modifier
}

// Where a key works, in the order Help → Keyboard shortcuts lists them.
const (
	keysAnywhere i18n.Key = "keys.group.anywhere"
	keysSearch   i18n.Key = "keys.group.search"
	keysForms    i18n.Key = "keys.group.forms"
	keysCalendar i18n.Key = "keys.group.calendar"
	keysWaiting  i18n.Key = "keys.group.waiting"
)

// deskKey is one key of the desk. One with a shortcut and an action is
// registered on the window; one with keys and an action is run by the
// window when no widget takes the key; the others are the widgets' own
// (Enter in a field, Tab), listed so that the help names every key.
type deskKey struct {
	group    i18n.Key
	shortcut *desktop.CustomShortcut
	keys     []fyne.KeyName
	what     i18n.Key
	run      func(d *desk)
	when     func(d *desk) bool // nil: always
}

// shiftTab is Shift+Tab, listed beside Tab.
var shiftTab = &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierShift}

// keyTable is every key of the desk: the window's shortcuts and keys are
// installed from it and the help lists it, so the two cannot drift.
func keyTable() []deskKey {
	return []deskKey{
		{group: keysAnywhere, shortcut: findShortcut, what: "keys.anywhere.find", run: (*desk).focusSearch},
		{group: keysAnywhere, shortcut: bookShortcut, what: "keys.anywhere.book", run: (*desk).bookAnywhere},
		{group: keysAnywhere, keys: []fyne.KeyName{fyne.KeyF1}, what: "keys.anywhere.help", run: func(d *desk) { d.showHelp() }},
		{group: keysAnywhere, shortcut: lockShortcut, what: "keys.anywhere.lock", run: (*desk).lock},
		{group: keysAnywhere, keys: []fyne.KeyName{fyne.KeyF9}, what: "keys.anywhere.sync", run: func(d *desk) { d.sync.syncNow() }},
		{group: keysAnywhere, keys: []fyne.KeyName{fyne.KeyTab}, shortcut: shiftTab, what: "keys.anywhere.tab"},
		{group: keysAnywhere, keys: []fyne.KeyName{fyne.KeySpace}, what: "keys.anywhere.space"},

		{group: keysSearch, keys: []fyne.KeyName{fyne.KeyDown, fyne.KeyUp}, what: "keys.search.move"},
		{group: keysSearch, keys: []fyne.KeyName{fyne.KeyReturn}, what: "keys.search.enter"},
		{group: keysSearch, keys: []fyne.KeyName{fyne.KeyTab}, what: "keys.search.tab"},
		{group: keysSearch, keys: []fyne.KeyName{fyne.KeyEscape}, what: "keys.search.escape"},

		{group: keysForms, keys: []fyne.KeyName{fyne.KeyReturn}, what: "keys.forms.enter"},
		{group: keysForms, shortcut: submitShortcut, what: "keys.forms.submit"},
		{group: keysForms, keys: []fyne.KeyName{fyne.KeyEscape}, what: "keys.forms.escape"},
		{group: keysForms, keys: []fyne.KeyName{fyne.KeySpace, fyne.KeyDown}, what: "keys.forms.choice"},

		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyLeft, fyne.KeyUp}, what: "keys.calendar.back",
			run: func(d *desk) { d.calendar.step(-1) }, when: calendarKeys},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyRight, fyne.KeyDown}, what: "keys.calendar.next",
			run: func(d *desk) { d.calendar.step(1) }, when: calendarKeys},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyPageUp}, what: "keys.calendar.week_back",
			run: func(d *desk) { d.calendar.setDay(d.calendar.day.AddDays(-7)) }, when: calendarKeys},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyPageDown}, what: "keys.calendar.week_ahead",
			run: func(d *desk) { d.calendar.setDay(d.calendar.day.AddDays(7)) }, when: calendarKeys},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyHome}, what: "keys.calendar.today",
			run: func(d *desk) { d.calendar.setDay(d.today()) }, when: calendarKeys},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyTab}, what: "keys.calendar.tab"},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyReturn}, what: "keys.calendar.enter"},
		{group: keysCalendar, keys: []fyne.KeyName{fyne.KeyA}, what: "keys.calendar.arrive"},
		{group: keysCalendar, shortcut: exportShortcut, what: "keys.calendar.export",
			run: func(d *desk) {
				if calendarKeys(d) {
					d.calendar.exportCalendar()
				}
			}},

		{group: keysWaiting, keys: []fyne.KeyName{fyne.KeyTab, fyne.KeySpace}, what: "keys.waiting.buttons"},
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
			cv.AddShortcut(k.shortcut, func(fyne.Shortcut) {
				if d.locked {
					return // the lock screen's, not the hidden desk's
				}
				noteActivity(d.root)
				run(d)
			})
		}
	}
	cv.SetOnTypedKey(d.typedKey)
}

// typedKey answers a key that reached the window: Escape and Enter are
// the open dialog's (close, default button), the others the table's.
func (d *desk) typedKey(k *fyne.KeyEvent) {
	if d.locked {
		return
	}
	noteActivity(d.root)
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

// keyText is how the help writes a key, in w's language: its keys,
// then its shortcut ("Tab, Shift+Tab").
func (k deskKey) keyText(w words) string {
	var names []string
	for _, n := range k.keys {
		names = append(names, keyName(w, n))
	}
	if k.shortcut != nil {
		names = append(names, shortcutText(w, k.shortcut))
	}
	return strings.Join(names, ", ")
}

// shortcutText writes a shortcut as the keyboard of this system names it,
// in w's language: Ctrl+N, or Cmd+N on macOS; Maj+Tab in French.
func shortcutText(w words, s *desktop.CustomShortcut) string {
	var parts []string
	for _, m := range []struct {
		mod  fyne.KeyModifier
		name string
	}{{fyne.KeyModifierControl, w.T("key.ctrl")}, {fyne.KeyModifierAlt, w.T("key.alt")}, {fyne.KeyModifierShift, w.T("key.shift")},
		{fyne.KeyModifierSuper, superName()}} {
		if s.Modifier&m.mod != 0 {
			parts = append(parts, m.name)
		}
	}
	return strings.Join(append(parts, keyName(w, s.KeyName)), "+")
}

func superName() string {
	if runtime.GOOS == "darwin" {
		return "Cmd"
	}
	return "Super"
}

// keyNames are the keys whose name a keyboard of the language prints in
// its words; the others (F1, A, Tab) read as Fyne names them.
var keyNames = map[fyne.KeyName]i18n.Key{
	fyne.KeyReturn: "key.enter", fyne.KeyEnter: "key.enter", fyne.KeyEscape: "key.escape",
	fyne.KeyPageUp: "key.page_up", fyne.KeyPageDown: "key.page_down", fyne.KeyHome: "key.home",
	fyne.KeyLeft: "key.left", fyne.KeyRight: "key.right", fyne.KeyUp: "key.up", fyne.KeyDown: "key.down",
	fyne.KeySpace: "key.space",
}

// keyName is a key as it is printed on keyboards of w's language.
func keyName(w words, n fyne.KeyName) string {
	if k, ok := keyNames[n]; ok {
		return w.T(k)
	}
	return string(n)
}
