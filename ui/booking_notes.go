package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// noteEntry is a multi-line field with a length cap that it keeps while
// the secretary types and pastes: 100 kB pasted by mistake is refused
// with a message instead of being laid out (Fyne rewraps a multi-line
// entry's whole text on each change, which takes minutes at that size and
// would freeze the window).
type noteEntry struct {
	deskEntry
	w         words // the language of the refusals
	max       int
	onRefused func(msg string)
}

func newNoteEntry(w words, onFind func(), rows, max int, onRefused func(string)) *noteEntry {
	e := &noteEntry{w: w, max: max, onRefused: onRefused}
	e.onFind = onFind
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut refuses a paste that would pass the cap.
func (e *noteEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		pasted := utf8.RuneCountInString(p.Clipboard.Content())
		if have := utf8.RuneCountInString(e.Text); have+pasted > e.max {
			e.refuse(e.w.T("notes.paste_refused", "Pasted", pasted, "Max", e.max))
			return
		}
	}
	e.deskEntry.TypedShortcut(s)
}

// TypedRune stops at the cap.
func (e *noteEntry) TypedRune(r rune) {
	if utf8.RuneCountInString(e.Text) >= e.max {
		e.refuse(e.w.T("notes.full", "Max", e.max))
		return
	}
	e.deskEntry.TypedRune(r)
}

func (e *noteEntry) refuse(msg string) {
	if e.onRefused != nil {
		e.onRefused(msg)
	}
}
