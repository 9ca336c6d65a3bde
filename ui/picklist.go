package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pickList is a list the keyboard can choose from: one row is highlighted
// (the first as soon as rows show, see reset), Up and Down move the
// highlight, Enter or Space picks the highlighted row, a click picks the
// row clicked. A search field above it moves the highlight too (keyFrom),
// so the cursor can stay where the secretary types; Tab from the field
// reaches the list itself.
type pickList struct {
	widget.List
	current int // the highlighted row, -1 when there is none
	focused bool
	onPick  func(id int)
	// onRune gets a letter typed while the list has the focus (a search
	// list sends it back to its field); onKey sees a key first and
	// reports whether it took it.
	onRune func(r rune)
	onKey  func(*fyne.KeyEvent) bool
}

func newPickList(length func() int, create func() fyne.CanvasObject, update func(id int, o fyne.CanvasObject), pick func(id int)) *pickList {
	l := &pickList{current: -1, onPick: pick}
	l.Length = length
	l.CreateItem = func() fyne.CanvasObject { return newPickRow(create()) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		r := o.(*pickRow)
		r.setHighlighted(id == l.current, l.focused)
		update(id, r.content)
	}
	// A click selects; the selection is only the way in: the highlight
	// shows the row, so that clicking it again picks it again.
	l.OnSelected = func(id widget.ListItemID) {
		l.UnselectAll()
		l.highlight(id)
		l.pick()
	}
	l.ExtendBaseWidget(l)
	return l
}

// reset highlights the first row, or none when there is none, after the
// rows changed.
func (l *pickList) reset() {
	l.current = -1
	if l.Length() > 0 {
		l.current = 0
	}
	l.Refresh()
	l.ScrollToTop()
}

// highlight moves the highlight to row id and shows it.
func (l *pickList) highlight(id int) {
	if id < 0 || id >= l.Length() {
		return
	}
	old := l.current
	l.current = id
	if old >= 0 && old != id {
		l.RefreshItem(old)
	}
	l.RefreshItem(id)
	l.ScrollTo(id)
}

// move moves the highlight by n rows, stopping at the ends.
func (l *pickList) move(n int) {
	if last := l.Length() - 1; last >= 0 {
		l.highlight(min(max(l.current+n, 0), last))
	}
}

// pick picks the highlighted row; it reports whether there was one.
func (l *pickList) pick() bool {
	if l.current < 0 || l.current >= l.Length() {
		return false
	}
	l.onPick(l.current)
	return true
}

// pageRows is how far Page Up and Page Down move the highlight.
const pageRows = 5

// keyFrom takes the keys of the list's search field that are the list's:
// Up, Down, Page Up, Page Down, and Enter when a row is highlighted. It
// reports whether it took the key.
func (l *pickList) keyFrom(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyUp:
		l.move(-1)
	case fyne.KeyDown:
		l.move(1)
	case fyne.KeyPageUp:
		l.move(-pageRows)
	case fyne.KeyPageDown:
		l.move(pageRows)
	case fyne.KeyReturn, fyne.KeyEnter:
		return l.pick()
	default:
		return false
	}
	return true
}

// TypedKey drives the list when it has the focus; the keys it does not
// use (Escape, F1) go to the window.
func (l *pickList) TypedKey(k *fyne.KeyEvent) {
	noteActivity(l)
	if l.onKey != nil && l.onKey(k) {
		return
	}
	switch k.Name {
	case fyne.KeySpace:
		l.pick()
	case fyne.KeyHome:
		l.highlight(0)
	case fyne.KeyEnd:
		l.highlight(l.Length() - 1)
	default:
		if !l.keyFrom(k) {
			passKey(l, k)
		}
	}
}

func (l *pickList) TypedRune(r rune) {
	if l.onRune != nil {
		l.onRune(r)
	}
}

// FocusGained and FocusLost replace widget.List's, whose own focus mark
// would show a second row besides the highlight.
func (l *pickList) FocusGained() {
	l.focused = true
	if l.current >= 0 {
		l.RefreshItem(l.current)
	}
}

func (l *pickList) FocusLost() {
	l.focused = false
	if l.current >= 0 {
		l.RefreshItem(l.current)
	}
}

// pickRow is a row of a pickList: its content over the highlight.
type pickRow struct {
	widget.BaseWidget
	bg      *canvas.Rectangle
	content fyne.CanvasObject
}

func newPickRow(content fyne.CanvasObject) *pickRow {
	r := &pickRow{bg: canvas.NewRectangle(color.Transparent), content: content}
	r.ExtendBaseWidget(r)
	return r
}

func (r *pickRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, r.content))
}

// setHighlighted paints the highlight, stronger while the list itself has
// the focus.
func (r *pickRow) setHighlighted(on, focused bool) {
	var c color.Color = color.Transparent
	if on {
		c = theme.Color(theme.ColorNameSelection)
		if focused {
			c = theme.Color(theme.ColorNameFocus)
		}
	}
	if r.bg.FillColor != c {
		r.bg.FillColor = c
		r.bg.Refresh()
	}
}
