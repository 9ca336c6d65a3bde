package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// selectRows is how many choices an open drop-down shows at once.
const selectRows = 8

// deskSelect is the drop-down of the desk's forms. Fyne's Select opens a
// menu with nothing highlighted and ignores letters; this one opens on
// its current value, highlighted (Space, Up, Down or a click), lets a
// letter jump to the first choice that starts with it (the next such
// choice when typed again) whether it is open or closed, and chooses
// with Enter or a click. Escape closes the open list; Enter on the
// closed drop-down presses the dialog's default button, as in a field.
type deskSelect struct {
	widget.Select
	list  *pickList
	popUp *widget.PopUp
}

func newDeskSelect(options []string, changed func(string)) *deskSelect {
	s := &deskSelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// Tapped opens the list, as the keyboard does.
func (s *deskSelect) Tapped(*fyne.PointEvent) { s.open() }

func (s *deskSelect) TypedKey(k *fyne.KeyEvent) {
	noteActivity(s)
	switch k.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown:
		s.open()
	case fyne.KeyLeft, fyne.KeyRight:
		s.Select.TypedKey(k)
	default:
		passKey(s, k) // Enter, Escape, F1: the dialog's and the window's
	}
}

// TypedRune jumps to the next choice that starts with r.
func (s *deskSelect) TypedRune(r rune) {
	noteActivity(s)
	if s.Disabled() {
		return
	}
	if i := s.nextStartingWith(r, s.SelectedIndex()); i >= 0 {
		s.SetSelectedIndex(i)
	}
}

// nextStartingWith is the first choice after from (round the end) that
// starts with r, accents and case aside, else the first with a word that
// does ("p" finds "Dr Paul Roche"); -1 when none has.
func (s *deskSelect) nextStartingWith(r rune, from int) int {
	want := data.Fold(string(r))
	if strings.TrimSpace(want) == "" {
		return -1
	}
	n := len(s.Options)
	for _, matches := range []func(string) bool{
		func(o string) bool { return strings.HasPrefix(o, want) },
		func(o string) bool { return strings.Contains(o, " "+want) },
	} {
		for k := 1; k <= n; k++ {
			i := (from + k + n) % n
			if matches(data.Fold(s.Options[i])) {
				return i
			}
		}
	}
	return -1
}

// open shows the choices under the drop-down (above it when there is no
// room below), the current one highlighted, and gives them the focus.
func (s *deskSelect) open() {
	c := canvasOf(s)
	if c == nil || s.Disabled() || len(s.Options) == 0 || (s.popUp != nil && s.popUp.Visible()) {
		return
	}
	s.list = newPickList(func() int { return len(s.Options) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id int, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.Options[id]) },
		s.choose)
	s.list.onRune = func(r rune) {
		if i := s.nextStartingWith(r, s.list.current); i >= 0 {
			s.list.highlight(i)
		}
	}
	s.list.onKey = func(k *fyne.KeyEvent) bool {
		if k.Name == fyne.KeyEscape {
			s.close()
			return true
		}
		return false
	}
	s.popUp = widget.NewPopUp(s.list, c)
	rowH := widget.NewLabel("Mg").MinSize().Height + theme.SeparatorThicknessSize()
	size := fyne.NewSize(s.Size().Width, float32(min(len(s.Options), selectRows))*rowH)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s)
	below := pos.Add(fyne.NewPos(0, s.Size().Height))
	if below.Y+size.Height > c.Size().Height && pos.Y-size.Height >= 0 {
		below = pos.Subtract(fyne.NewPos(0, size.Height))
	}
	s.popUp.ShowAtPosition(below)
	s.popUp.Resize(size)
	s.list.current = max(s.SelectedIndex(), 0)
	s.list.Refresh()
	s.list.ScrollTo(s.list.current)
	c.Focus(s.list)
}

// choose takes choice id and closes the list.
func (s *deskSelect) choose(id int) {
	s.close()
	s.SetSelectedIndex(id)
}

// close hides the list and gives the focus back to the drop-down.
func (s *deskSelect) close() {
	if s.popUp == nil {
		return
	}
	s.popUp.Hide()
	s.popUp = nil
	if c := canvasOf(s); c != nil {
		c.Focus(s)
	}
}
