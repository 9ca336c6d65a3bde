package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// guardIn makes Escape, and the dialog's Close or Cancel, ask question
// (with its buttons and hint in w's language) before closing once a field
// differs from what it held when guardIn was called; a dialog nobody
// touched closes at once. extra, if not nil, adds what the fields do not
// hold (the patient chosen in a booking).
func (m *modal) guardIn(w words, question string, extra func() string) {
	state := func() string {
		s := formState(m.body)
		if extra != nil {
			s += "\x01" + extra()
		}
		return s
	}
	start := state()
	m.words, m.question = w, question
	m.changed = func() bool { return state() != start }
}

// escape closes the modal, or first asks whether to discard what was
// typed in it.
func (m *modal) escape() {
	switch {
	case m.closed:
	case m.onEscape != nil:
		m.onEscape()
	case m.changed == nil || !m.changed():
		m.close()
	case m.asking == nil || m.asking.closed:
		m.asking = askDiscardIn(m.words, m.canvas, m.question, m.close)
	}
}

// askDiscardIn asks in the desk's language.
func askDiscardIn(w words, c fyne.Canvas, question string, discard func()) *modal {
	return askDiscardOr(w, c, question, w.T("discard.go_back"), discard, nil)
}

// askDiscardOr is askDiscardIn with the way back named backLabel; back,
// when set, is the way back instead of returning the focus (to show
// again a form that something else had covered).
func askDiscardOr(w words, c fyne.Canvas, question, backLabel string, discard, back func()) *modal {
	focused := c.Focused()
	var q *modal
	goBack := func() {
		q.close()
		if back != nil {
			back()
		} else if focused != nil {
			c.Focus(focused)
		}
	}
	yes := func() {
		q.close()
		discard()
	}
	catcher := newKeyCatcher(w.T("discard.hint"), yes, goBack)
	q = showModal(c, question, catcher, button(backLabel, false, goBack), button(w.T("discard.discard"), true, yes))
	q.onEscape = yes // when the focus left the question, Escape still discards
	c.Focus(catcher)
	return q
}

// keyCatcher is the text of a question that takes the focus so that its
// keys decide: Escape and Enter say yes, any other key no.
type keyCatcher struct {
	widget.BaseWidget
	label   *widget.Label
	yes, no func()
}

func newKeyCatcher(text string, yes, no func()) *keyCatcher {
	k := &keyCatcher{label: widget.NewLabel(text), yes: yes, no: no}
	k.ExtendBaseWidget(k)
	return k
}

func (k *keyCatcher) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(k.label) }
func (k *keyCatcher) FocusGained()                        {}
func (k *keyCatcher) FocusLost()                          {}
func (k *keyCatcher) TypedRune(rune)                      { k.no() }

// AcceptsTab keeps Tab too: it is "any other key".
func (k *keyCatcher) AcceptsTab() bool { return true }

func (k *keyCatcher) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
		k.yes()
	default:
		k.no()
	}
}

// formState writes down what the fields under o hold (entries, choices,
// ticks, colours), to tell later whether anything was changed.
func formState(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	field := func(v string) {
		b.WriteString(v)
		b.WriteByte(0)
	}
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *deskEntry:
			field(x.Text)
		case *noteEntry:
			field(x.Text)
		case *widget.Entry:
			field(x.Text)
		case *deskSelect:
			field(x.Selected)
		case *widget.Select:
			field(x.Selected)
		case *widget.Check:
			field(strconv.FormatBool(x.Checked))
		case *widget.RadioGroup:
			field(x.Selected)
		case *colourPicker:
			field(x.selected)
		case *widget.Form:
			for _, it := range x.Items {
				walk(it.Widget)
			}
		case *container.Scroll:
			walk(x.Content)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}
