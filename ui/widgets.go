package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// findShortcut is Ctrl+F (Cmd+F on macOS): focus the patient search.
var findShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}

func isFind(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && cs.KeyName == findShortcut.KeyName && cs.Modifier == findShortcut.Modifier
}

// deskEntry is the entry every form of the desk uses. A focused entry
// receives keys and shortcuts before the window does, and widget.Entry
// drops the ones it does not know; so this one passes the desk's
// shortcuts (Ctrl+F, Ctrl+N) and function keys (F1) on to the window,
// lets Enter press the form's default button, and never keeps Tab: in a
// multi-line field Enter starts a new line, and Tab and Shift+Tab leave
// it like any other field, so that no field is a trap for the keyboard.
type deskEntry struct {
	widget.Entry
	onFind   func()
	onEscape func()
	// onKey sees a key before the entry does and reports whether it took
	// it: a search field moves through its results with Up and Down.
	onKey func(*fyne.KeyEvent) bool
	// onSubmit is what Enter does (Ctrl+Enter in a multi-line field):
	// nil presses the default button of the dialog the entry is in.
	onSubmit func()
}

func newDeskEntry(onFind func()) *deskEntry {
	e := &deskEntry{onFind: onFind}
	e.ExtendBaseWidget(e)
	return e
}

func newDeskMultiLine(onFind func(), rows int) *deskEntry {
	e := newDeskEntry(onFind)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// AcceptsTab is false even for a multi-line entry (widget.Entry keeps
// Tab there, to type a tab character): Tab moves to the next field.
func (e *deskEntry) AcceptsTab() bool { return false }

func (e *deskEntry) TypedShortcut(s fyne.Shortcut) {
	noteActivity(e)
	switch {
	case isFind(s) && e.onFind != nil:
		e.onFind()
	case isSubmit(s):
		e.submit()
	case isDeskShortcut(s):
		passShortcut(e, s)
	default:
		e.Entry.TypedShortcut(s)
	}
}

func (e *deskEntry) TypedKey(k *fyne.KeyEvent) {
	noteActivity(e)
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	if e.onKey != nil && e.onKey(k) {
		return
	}
	switch {
	case isFunctionKey(k.Name):
		passKey(e, k)
	case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && !e.MultiLine && e.OnSubmitted == nil:
		e.submit()
	default:
		e.Entry.TypedKey(k)
	}
}

// TypedRune types a character, which tells the idle lock someone is
// at work.
func (e *deskEntry) TypedRune(r rune) {
	noteActivity(e)
	e.Entry.TypedRune(r)
}

// submit does what Enter in the field means: its own action, or the
// default button of the dialog it is in, when the form is valid.
func (e *deskEntry) submit() {
	if e.Disabled() {
		return
	}
	if e.onSubmit != nil {
		e.onSubmit()
		return
	}
	if c := canvasOf(e); c != nil {
		if m := topModal(c); m != nil {
			m.submit()
		}
	}
}

// selectAllOnFocus puts the cursor in e with its text selected, so that
// typing replaces it and Enter keeps it.
func selectAllOnFocus(e *deskEntry) {
	if c := canvasOf(e); c != nil {
		c.Focus(e)
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// tag is the small colour square of an appointment type.
func tag(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.CornerRadius = 2
	return container.New(&fixedBox{size: fyne.NewSize(10, 10)}, r)
}

// fixedBox gives its children one fixed size, vertically centred.
type fixedBox struct{ size fyne.Size }

func (f *fixedBox) MinSize([]fyne.CanvasObject) fyne.Size { return f.size }

func (f *fixedBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(f.size)
		o.Move(fyne.NewPos(0, (size.Height-f.size.Height)/2))
	}
}

// columns lays its children out side by side, each taking its share of
// the width (the shares sum to 1). The rows of a list use it so that
// their columns line up with the header row.
type columns struct{ shares []float32 }

func (c *columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Height = max(s.Height, m.Height)
	}
	s.Width = 100
	return s
}

func (c *columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := size.Width * c.shares[i]
		if i == len(objs)-1 {
			w = size.Width - x
		}
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w
	}
}

// tight stacks children vertically and lets their inner padding overlap,
// so two labels make a two-line row without a gap of two paddings.
type tight struct{ overlap float32 }

func (t *tight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		n++
	}
	if n > 1 {
		s.Height -= float32(n-1) * t.overlap
	}
	return s
}

func (t *tight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h - t.overlap
	}
}

// withBackground paints c behind obj.
func withBackground(c color.Color, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(canvas.NewRectangle(c), obj)
}

// vline is a vertical rule one pixel wide.
func vline() fyne.CanvasObject {
	return container.New(&fixedWidth{w: 1}, canvas.NewRectangle(lineColour))
}

// hline is a horizontal rule one pixel high.
func hline() fyne.CanvasObject {
	return container.New(&fixedHeight{h: 1}, canvas.NewRectangle(lineColour))
}

type fixedWidth struct{ w float32 }

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(f.w, size.Height))
		o.Move(fyne.NewPos(0, 0))
	}
}

type fixedHeight struct{ h float32 }

func (f *fixedHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, f.h)
}

func (f *fixedHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(size.Width, f.h))
		o.Move(fyne.NewPos(0, 0))
	}
}

// heading is the title of a screen.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// subheading titles a part of a screen.
func subheading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// quiet is secondary text: hints, notes, units.
func quiet(text string) *widget.Label { return labelOf(text, widget.LowImportance) }

// dangerLabel is text that says something is wrong or lost.
func dangerLabel(text string) *widget.Label { return labelOf(text, widget.DangerImportance) }

// warningLabel is text that asks for attention before something goes wrong.
func warningLabel(text string) *widget.Label { return labelOf(text, widget.WarningImportance) }

func labelOf(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = imp
	return l
}

// paragraph is wrapped text.
func paragraph(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// bold is a bold label.
func bold(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// truncated is a one-line label that ends in "…" when it does not fit.
func truncated(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// setText changes a label's text and colour together.
func setText(l *widget.Label, text string, imp widget.Importance) {
	if l.Text == text && l.Importance == imp {
		return
	}
	l.Text = text
	l.Importance = imp
	l.Refresh()
}

// row0 lays children left to right at their minimum widths, with no
// padding between them; the last one takes what width is left.
type row0 struct{}

func (row0) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width += m.Width
		s.Height = max(s.Height, m.Height)
	}
	return s
}

func (row0) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := o.MinSize().Width
		if i == len(objs)-1 {
			w = max(w, size.Width-x)
		}
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w
	}
}

// col0 stacks children top to bottom at their minimum heights, with no
// padding between them; the first one takes what height is left.
type col0 struct{}

func (col0) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Height += m.Height
		s.Width = max(s.Width, m.Width)
	}
	return s
}

func (col0) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	rest := size.Height
	for _, o := range objs[1:] {
		rest -= o.MinSize().Height
	}
	y := float32(0)
	for i, o := range objs {
		h := o.MinSize().Height
		if i == 0 {
			h = max(h, rest)
		}
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h
	}
}

// topBarLayout places the practice name on the left, the search field
// (objs[1], searchWidth wide) centred in the window unless the name
// needs the room, and the user on the right.
type topBarLayout struct {
	searchWidth float32
	// leftWidth is the width the left part would like: its label
	// truncates, so its MinSize says little.
	leftWidth func() float32
	// rightFirst: the objects are left, right, search, so that Tab from
	// the search goes on into the screen, not to the right part's buttons.
	rightFirst bool
}

// parts returns the left part, the search and the right part.
func (t *topBarLayout) parts(objs []fyne.CanvasObject) (left, search, right fyne.CanvasObject) {
	if t.rightFirst {
		return objs[0], objs[2], objs[1]
	}
	return objs[0], objs[1], objs[2]
}

func (t *topBarLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	_, _, right := t.parts(objs)
	return fyne.NewSize(t.searchWidth+right.MinSize().Width+200, h)
}

func (t *topBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 4
	left, search, right := t.parts(objs)
	rw := right.MinSize().Width
	right.Resize(fyne.NewSize(rw, size.Height))
	right.Move(fyne.NewPos(size.Width-rw, 0))
	sw := min(t.searchWidth, size.Width-rw-2*pad-120)
	sx := (size.Width - sw) / 2
	want := max(left.MinSize().Width, t.leftWidth())
	lw := min(want, sx-pad)
	if lw < want { // a long name pushes the search right, up to a point
		sx = max(sx, min(want+pad, size.Width-rw-pad-sw))
		lw = sx - pad
	}
	left.Resize(fyne.NewSize(lw, size.Height))
	left.Move(fyne.NewPos(0, 0))
	sh := search.MinSize().Height
	search.Resize(fyne.NewSize(sw, sh))
	search.Move(fyne.NewPos(sx, (size.Height-sh)/2))
}
