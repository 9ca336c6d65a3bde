package ui

import (
	"image/color"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// vitalsPlot draws one sign's readings over time with Fyne's canvas
// lines: the usual range as a pale band, a line through the readings,
// a dot per reading (red and larger when unusual, so not by colour
// alone), the values on the left axis and the dates below. Blood
// pressure draws systolic and diastolic. Plain canvas objects keep it
// light and render the same in the window and on the screenshot canvas.
type vitalsPlot struct {
	widget.BaseWidget
	kind   data.VitalKind
	points []data.Vital
	loc    *time.Location
	df     data.DateFormat
}

func newVitalsPlot() *vitalsPlot {
	p := &vitalsPlot{loc: time.UTC, df: data.DMY}
	p.ExtendBaseWidget(p)
	return p
}

// set shows readings of one sign, oldest first.
func (p *vitalsPlot) set(kind data.VitalKind, points []data.Vital, loc *time.Location, df data.DateFormat) {
	p.kind, p.points, p.loc, p.df = kind, points, loc, df
	p.Refresh()
}

func (p *vitalsPlot) MinSize() fyne.Size { return fyne.NewSize(420, 230) }

func (p *vitalsPlot) CreateRenderer() fyne.WidgetRenderer {
	return &plotRenderer{p: p}
}

type plotRenderer struct {
	p       *vitalsPlot
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *plotRenderer) Destroy()                     {}
func (r *plotRenderer) MinSize() fyne.Size           { return r.p.MinSize() }
func (r *plotRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *plotRenderer) Refresh()                     { r.build(r.size); canvas.Refresh(r.p) }
func (r *plotRenderer) Layout(s fyne.Size)           { r.size = s; r.build(s) }

var (
	plotSystolic  = accent
	plotDiastolic = color.NRGBA{R: 0x6a, G: 0x9c, B: 0xc4, A: 0xff}
	plotUnusual   = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	plotBand      = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0x1c}
	plotGrid      = color.NRGBA{R: 0xe3, G: 0xe6, B: 0xea, A: 0xff}
)

// plotArea is where the lines go, inside the axes' labels.
const (
	plotLeft   = 54
	plotRight  = 14
	plotTop    = 12
	plotBottom = 26
)

// build makes the canvas objects for size s.
func (r *plotRenderer) build(s fyne.Size) {
	p := r.p
	r.objects = r.objects[:0]
	bg := canvas.NewRectangle(color.White)
	bg.StrokeColor = lineColour
	bg.StrokeWidth = 1
	bg.Resize(s)
	r.objects = append(r.objects, bg)
	text := func(t string, c color.Color, x, y float32, align fyne.TextAlign) {
		ct := canvas.NewText(t, c)
		ct.TextSize = theme.CaptionTextSize()
		ct.Alignment = align
		ms := ct.MinSize()
		switch align {
		case fyne.TextAlignTrailing:
			x -= ms.Width
		case fyne.TextAlignCenter:
			x -= ms.Width / 2
		}
		ct.Move(fyne.NewPos(x, y-ms.Height/2))
		ct.Resize(ms)
		r.objects = append(r.objects, ct)
	}
	if len(p.points) == 0 || s.Width < plotLeft+plotRight+20 || s.Height < plotTop+plotBottom+20 {
		if p.kind.Code != "" {
			text("No "+lowerFirst(p.kind.Label)+" readings yet.", inkSecondary, s.Width/2, s.Height/2, fyne.TextAlignCenter)
		}
		return
	}
	w, h := s.Width-plotLeft-plotRight, s.Height-plotTop-plotBottom
	// Value range: the readings, padded; the usual band is drawn where it
	// falls inside, never stretching the range (a flat series of weights
	// must not become a line at the bottom of 2–200 kg).
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range p.points {
		lo, hi = math.Min(lo, float64(v.Value)), math.Max(hi, float64(v.Value))
		if p.kind.Pair {
			lo, hi = math.Min(lo, float64(v.Value2)), math.Max(hi, float64(v.Value2))
		}
	}
	pad := math.Max((hi-lo)*0.12, float64(p.kind.Scale)*2)
	lo, hi = lo-pad, hi+pad
	step := niceStep((hi - lo) / 4)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	y := func(v float64) float32 { return plotTop + float32((hi-v)/(hi-lo))*h }
	t0, t1 := p.points[0].Taken, p.points[len(p.points)-1].Taken
	span := t1.Sub(t0).Seconds()
	x := func(t time.Time) float32 {
		if span <= 0 {
			return plotLeft + w/2
		}
		return plotLeft + float32(t.Sub(t0).Seconds()/span)*w
	}
	band := func(rg data.Range) {
		top, bottom := y(math.Min(float64(rg.Max), hi)), y(math.Max(float64(rg.Min), lo))
		if bottom <= top {
			return
		}
		b := canvas.NewRectangle(plotBand)
		b.Move(fyne.NewPos(plotLeft, top))
		b.Resize(fyne.NewSize(w, bottom-top))
		r.objects = append(r.objects, b)
	}
	// One band only: the systolic and diastolic bands of a blood
	// pressure overlap, and two shades of green would need a legend.
	if !p.kind.Pair {
		band(p.kind.Usual)
	}
	for v := lo; v <= hi+step/2; v += step {
		g := canvas.NewLine(plotGrid)
		g.Position1, g.Position2 = fyne.NewPos(plotLeft, y(v)), fyne.NewPos(plotLeft+w, y(v))
		r.objects = append(r.objects, g)
		text(p.kind.Format(int(math.Round(v))), inkSecondary, plotLeft-6, y(v), fyne.TextAlignTrailing)
	}
	axis := canvas.NewLine(lineColour)
	axis.Position1, axis.Position2 = fyne.NewPos(plotLeft, plotTop+h), fyne.NewPos(plotLeft+w, plotTop+h)
	r.objects = append(r.objects, axis)
	// Dates under the axis: the first, the last, and the middle when
	// there is room.
	dateOf := func(t time.Time) string { return p.df.Format(data.DateOf(t.In(p.loc))) }
	text(dateOf(t0), inkSecondary, plotLeft, plotTop+h+14, fyne.TextAlignLeading)
	if span > 0 {
		text(dateOf(t1), inkSecondary, plotLeft+w, plotTop+h+14, fyne.TextAlignTrailing)
		if w > 360 {
			text(dateOf(t0.Add(t1.Sub(t0)/2)), inkSecondary, plotLeft+w/2, plotTop+h+14, fyne.TextAlignCenter)
		}
	}
	series := func(val func(data.Vital) int, c color.Color) {
		for i := 1; i < len(p.points); i++ {
			a, b := p.points[i-1], p.points[i]
			l := canvas.NewLine(c)
			l.StrokeWidth = 2
			l.Position1 = fyne.NewPos(x(a.Taken), y(float64(val(a))))
			l.Position2 = fyne.NewPos(x(b.Taken), y(float64(val(b))))
			r.objects = append(r.objects, l)
		}
		for _, v := range p.points {
			rad, fill := float32(3), c
			if v.Flag == data.VitalFlagUnusual {
				rad, fill = 4.5, plotUnusual
			}
			dot := canvas.NewCircle(fill)
			cx, cy := x(v.Taken), y(float64(val(v)))
			dot.Move(fyne.NewPos(cx-rad, cy-rad))
			dot.Resize(fyne.NewSize(2*rad, 2*rad))
			r.objects = append(r.objects, dot)
		}
	}
	series(func(v data.Vital) int { return v.Value }, plotSystolic)
	if p.kind.Pair {
		series(func(v data.Vital) int { return v.Value2 }, plotDiastolic)
	}
}

// niceStep rounds a raw step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	exp := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*exp {
			return m * exp
		}
	}
	return 10 * exp
}

// lowerFirst writes "Blood pressure" as "blood pressure" but keeps
// "SpO2", whose other capitals say it is an abbreviation.
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' || strings.ContainsAny(s[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
