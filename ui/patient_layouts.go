package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// formGrid lays its children out in pairs, a label then a value taking
// the rest of the width, one pair per row. The labels' column is
// labelWidth wide, or as wide as its longest label: a label never runs
// into its value, in a language with longer words either.
type formGrid struct{ labelWidth float32 }

func (g *formGrid) labelColumn(objs []fyne.CanvasObject) float32 {
	w := g.labelWidth
	for i := 0; i+1 < len(objs); i += 2 {
		w = max(w, objs[i].MinSize().Width)
	}
	return w
}

func (g *formGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	lw := g.labelColumn(objs)
	for i := 0; i+1 < len(objs); i += 2 {
		l, v := objs[i].MinSize(), objs[i+1].MinSize()
		s.Width = max(s.Width, lw+v.Width)
		s.Height += max(l.Height, v.Height) - theme.Padding()
	}
	return s
}

func (g *formGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	lw := g.labelColumn(objs)
	for i := 0; i+1 < len(objs); i += 2 {
		l, v := objs[i], objs[i+1]
		h := max(l.MinSize().Height, v.MinSize().Height)
		l.Resize(fyne.NewSize(lw, l.MinSize().Height))
		l.Move(fyne.NewPos(0, y))
		v.Resize(fyne.NewSize(size.Width-lw, h))
		v.Move(fyne.NewPos(lw, y))
		y += h - theme.Padding()
	}
}

// splitColumns puts two children side by side: the first takes the
// share left of the width, the second the rest, gap apart.
type splitColumns struct{ left, gap float32 }

func (c *splitColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(a.Width+b.Width+c.gap, max(a.Height, b.Height))
}

func (c *splitColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lw := (size.Width - c.gap) * c.left
	objs[0].Resize(fyne.NewSize(lw, size.Height))
	objs[0].Move(fyne.NewPos(0, 0))
	objs[1].Resize(fyne.NewSize(size.Width-lw-c.gap, size.Height))
	objs[1].Move(fyne.NewPos(lw+c.gap, 0))
}
