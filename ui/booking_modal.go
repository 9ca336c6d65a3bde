package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// modal is a dialog of the desk: a modal pop-up with a title, a body and a
// row of buttons. Enter presses its default button (the last one) and
// Escape closes it, asking first when it guards typed work (guard in
// discard.go). Fyne's own dialogs do not answer Escape, and the
// screenshot mode needs the pop-up itself to draw it on its software
// canvas. A modal never shrinks while it is shown: the pop-up is centred
// on its size, so a dialog that shrank when a message went away or a
// list was replaced would move its buttons away from under the mouse.
type modal struct {
	pop     *widget.PopUp
	canvas  fyne.Canvas
	body    fyne.CanvasObject
	steady  *steadySize
	onClose func()
	closed  bool
	// defaultBtn is what Enter presses: the last button.
	defaultBtn *widget.Button
	// changed reports typed work that closing would lose, and question
	// is what Escape asks then; nil when nothing is guarded.
	changed  func() bool
	question string
	words    words  // the language question is asked in
	asking   *modal // the question on show
	onEscape func() // what Escape does instead of closing (a question's discard)
}

// openModals is the stack of shown modals per canvas, top last. Only the
// UI goroutine touches it.
var openModals = map[fyne.Canvas][]*modal{}

// showModal shows body under title with buttons on the right of its
// bottom row (the last one is the default, drawn as primary).
func showModal(c fyne.Canvas, title string, body fyne.CanvasObject, buttons ...fyne.CanvasObject) *modal {
	m := &modal{canvas: c, body: body}
	head := subheading(title)
	row := container.NewHBox(layout.NewSpacer())
	for _, b := range buttons {
		row.Add(b)
	}
	if len(buttons) > 0 {
		m.defaultBtn, _ = buttons[len(buttons)-1].(*widget.Button)
	}
	if b := m.defaultBtn; b != nil && b.Importance == widget.MediumImportance {
		b.Importance = widget.HighImportance // the default looks it
	}
	m.steady = &steadySize{}
	content := container.New(m.steady, container.New(layout.NewCustomPaddedLayout(4, 4, 8, 8),
		container.NewBorder(head, row, nil, nil, body)))
	// The sensor hears the mouse over the dialog, which covers the desk.
	sensor := newActivitySensor(func() {
		if f := activity[c]; f != nil {
			f()
		}
	})
	m.pop = widget.NewModalPopUp(container.NewStack(sensor, content), c)
	if ls := lockedCanvases[c]; ls != nil {
		ls.modals = append(ls.modals, m) // opened behind the lock: shown on unlocking
		return m
	}
	openModals[c] = append(openModals[c], m)
	m.pop.Show()
	return m
}

// close hides the modal (once) and runs its onClose.
func (m *modal) close() {
	if m.closed {
		return
	}
	m.closed = true
	m.pop.Hide()
	stack := openModals[m.canvas]
	for i, o := range stack {
		if o == m {
			openModals[m.canvas] = append(stack[:i:i], stack[i+1:]...)
			break
		}
	}
	if len(openModals[m.canvas]) == 0 {
		delete(openModals, m.canvas)
	}
	if m.onClose != nil {
		m.onClose()
	}
}

// submit presses the default button when it is enabled, as Enter does; it
// reports whether it did.
func (m *modal) submit() bool {
	b := m.defaultBtn
	if m.closed || b == nil || b.Disabled() || !b.Visible() || b.OnTapped == nil {
		return false
	}
	b.OnTapped()
	return true
}

// fit lays the pop-up out again after its body grew or shrank (a
// message shown under the fields). The GL driver would do it on its next
// frame, but a screenshot taken before that frame draws the message over
// the fields.
func (m *modal) fit() {
	if m != nil && !m.closed {
		m.pop.Refresh()
	}
}

// holdHeight gives the modal at least height h (within the canvas,
// less a margin), for a dialog whose content changes a lot: with its
// body scrolling inside, it keeps one size and one place throughout.
func (m *modal) holdHeight(h float32) {
	if ch := m.canvas.Size().Height - 2*modalMargin; ch > 0 {
		h = min(h, ch)
	}
	m.steady.min.Height = max(m.steady.min.Height, h)
	m.pop.Refresh()
}

// modalMargin is the room left above and below a dialog that holds its height.
const modalMargin = 24

// steadySize lays out its only child at no less than the largest size
// the child has asked for so far: what holds a modal's size.
type steadySize struct{ min fyne.Size }

func (s *steadySize) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s.min = s.min.Max(objs[0].MinSize())
	return s.min
}

func (s *steadySize) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// topModal returns the modal shown last on c, or nil.
func topModal(c fyne.Canvas) *modal {
	stack := openModals[c]
	if len(stack) == 0 {
		return nil
	}
	return stack[len(stack)-1]
}

// closeTopModal closes the top modal of c without asking (screenshot
// mode); it reports whether there was one.
func closeTopModal(c fyne.Canvas) bool {
	if m := topModal(c); m != nil {
		m.close()
		return true
	}
	return false
}

// button makes a button; primary ones are drawn in the accent colour.
func button(label string, primary bool, tapped func()) *widget.Button {
	b := widget.NewButton(label, tapped)
	if primary {
		b.Importance = widget.HighImportance
	}
	return b
}

// fieldError is the red line under a field that says what is wrong.
func fieldError() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// showError shows msg under a field, or hides the line when msg is "".
func showError(l *widget.Label, msg string) {
	if msg == "" {
		if l.Visible() {
			l.Hide()
		}
		return
	}
	l.SetText(msg)
	l.Show()
}

// buttonObjects turns buttons into the canvas objects showModal takes.
func buttonObjects(bs []*widget.Button) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(bs))
	for i, b := range bs {
		out[i] = b
	}
	return out
}
