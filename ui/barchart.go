package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chartBar is one bar: its label under it, its value, the value written
// above it.
type chartBar struct {
	label string
	value int64
	text  string
}

// barChart draws bars side by side, scaled to the largest, with their
// values written above them (a chart never says it by height alone).
// It draws nothing when idle: no animation, no ticker.
type barChart struct {
	widget.BaseWidget
	bars   []chartBar
	height float32
}

func newBarChart(height float32) *barChart {
	c := &barChart{height: height}
	c.ExtendBaseWidget(c)
	return c
}

// set replaces the bars.
func (c *barChart) set(bars []chartBar) {
	c.bars = bars
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{c: c}
	r.rebuild()
	return r
}

type barChartRenderer struct {
	c       *barChart
	rects   []*canvas.Rectangle
	values  []*canvas.Text
	labels  []*canvas.Text
	base    *canvas.Line
	objects []fyne.CanvasObject
}

func (r *barChartRenderer) rebuild() {
	r.rects, r.values, r.labels = nil, nil, nil
	r.base = canvas.NewLine(theme.Color(theme.ColorNameDisabled))
	r.objects = []fyne.CanvasObject{r.base}
	for _, b := range r.c.bars {
		rect := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		value := canvas.NewText(b.text, theme.Color(theme.ColorNameForeground))
		value.TextSize = theme.CaptionTextSize()
		value.Alignment = fyne.TextAlignCenter
		label := canvas.NewText(b.label, theme.Color(theme.ColorNamePlaceHolder))
		label.TextSize = theme.CaptionTextSize()
		label.Alignment = fyne.TextAlignCenter
		r.rects, r.values, r.labels = append(r.rects, rect), append(r.values, value), append(r.labels, label)
		r.objects = append(r.objects, rect, value, label)
	}
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	n := len(r.c.bars)
	if n == 0 {
		return
	}
	text := theme.CaptionTextSize() + 4
	top, bottom := text, size.Height-text
	var peak int64 = 1
	for _, b := range r.c.bars {
		peak = max(peak, b.value)
	}
	slot := size.Width / float32(n)
	barW := slot * 0.6
	r.base.Position1, r.base.Position2 = fyne.NewPos(0, bottom), fyne.NewPos(size.Width, bottom)
	for i, b := range r.c.bars {
		h := float32(0)
		if b.value > 0 {
			h = (bottom - top) * float32(b.value) / float32(peak)
		}
		x := float32(i) * slot
		r.rects[i].Move(fyne.NewPos(x+(slot-barW)/2, bottom-h))
		r.rects[i].Resize(fyne.NewSize(barW, h))
		r.values[i].Move(fyne.NewPos(x, bottom-h-text))
		r.values[i].Resize(fyne.NewSize(slot, text))
		r.labels[i].Move(fyne.NewPos(x, bottom+1))
		r.labels[i].Resize(fyne.NewSize(slot, text))
	}
}

func (r *barChartRenderer) MinSize() fyne.Size { return fyne.NewSize(200, r.c.height) }

func (r *barChartRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *barChartRenderer) Destroy() {}
