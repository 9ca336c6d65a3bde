package ui

import (
	"image/color"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// vitalsPlot draws one sign's readings over time with Fyne's canvas
// lines: the usual range as a pale band, a line through the readings,
// a dot per reading (red and larger when unusual, so not by colour
// alone), the values on the left axis and dates below. Blood pressure
// draws systolic and diastolic, each with its band. Pointing at a
// reading (or tapping it) shows its value and date. Plain canvas
// objects keep it light and render the same in the window and on the
// screenshot canvas. Values and dates are written in the desk's words.
type vitalsPlot struct {
	widget.BaseWidget
	w      words
	kind   data.VitalKind
	points []data.Vital
	bands  []plotBand
	loc    *time.Location
	hover  int // the reading pointed at, -1 when none
}

// plotBand is a usual range drawn behind the readings, in a pale shade
// of its line's colour.
type plotBand struct {
	r      data.Range
	colour color.NRGBA
}

func newVitalsPlot(w words) *vitalsPlot {
	p := &vitalsPlot{w: w, loc: time.UTC, hover: -1}
	p.ExtendBaseWidget(p)
	return p
}

// set shows readings of one sign, oldest first, over bands.
func (p *vitalsPlot) set(kind data.VitalKind, points []data.Vital, bands []plotBand, loc *time.Location) {
	p.kind, p.points, p.bands, p.loc, p.hover = kind, points, bands, loc, -1
	p.Refresh()
}

// pointAt is the reading nearest x (within a dot's reach), or -1.
func (p *vitalsPlot) pointAt(x float32) int {
	best, dist := -1, float32(16)
	for i := range p.points {
		if d := abs32(p.xOf(i, p.Size().Width) - x); d < dist {
			best, dist = i, d
		}
	}
	return best
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// xOf is where reading i is drawn across a plot of width w.
func (p *vitalsPlot) xOf(i int, w float32) float32 {
	inner := w - plotLeft - plotRight
	t0, t1 := p.points[0].Taken, p.points[len(p.points)-1].Taken
	span := t1.Sub(t0).Seconds()
	if span <= 0 {
		return plotLeft + inner/2
	}
	return plotLeft + float32(p.points[i].Taken.Sub(t0).Seconds()/span)*inner
}

// point shows the value and date of the reading nearest x.
func (p *vitalsPlot) point(x float32) {
	if i := p.pointAt(x); i != p.hover {
		p.hover = i
		p.Refresh()
	}
}

func (p *vitalsPlot) MouseIn(ev *desktop.MouseEvent)    { p.point(ev.Position.X) }
func (p *vitalsPlot) MouseMoved(ev *desktop.MouseEvent) { p.point(ev.Position.X) }
func (p *vitalsPlot) Tapped(ev *fyne.PointEvent)        { p.point(ev.Position.X) }

func (p *vitalsPlot) MouseOut() {
	if p.hover >= 0 {
		p.hover = -1
		p.Refresh()
	}
}

// readingText is a reading as the plot's pointer box writes it:
// "129/68 mmHg · 17/09/2026 10:15", unusual ones said so.
func (p *vitalsPlot) readingText(v data.Vital) string {
	t := v.Taken.In(p.loc)
	s := p.w.vital(v) + " · " + p.w.Day(data.DateOf(t)) + " " + t.Format("15:04")
	if v.Flag == data.VitalFlagUnusual {
		s += " · " + p.w.T("summary.unusual")
	}
	return s
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
	plotBandGreen = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
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
	if p.hover >= len(p.points) {
		p.hover = -1
	}
	if len(p.points) == 0 || s.Width < plotLeft+plotRight+20 || s.Height < plotTop+plotBottom+20 {
		if p.kind.Code != "" {
			text(p.w.T("clinical.plot.none", "Sign", lowerFirst(p.w.T(p.kind.Name))), inkSecondary, s.Width/2, s.Height/2, fyne.TextAlignCenter)
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
	for _, bd := range p.bands {
		top, bottom := y(math.Min(float64(bd.r.Max), hi)), y(math.Max(float64(bd.r.Min), lo))
		if bottom <= top {
			continue
		}
		fill := bd.colour
		fill.A = 0x26
		b := canvas.NewRectangle(fill)
		b.Move(fyne.NewPos(plotLeft, top))
		b.Resize(fyne.NewSize(w, bottom-top))
		r.objects = append(r.objects, b)
	}
	for v := lo; v <= hi+step/2; v += step {
		g := canvas.NewLine(plotGrid)
		g.Position1, g.Position2 = fyne.NewPos(plotLeft, y(v)), fyne.NewPos(plotLeft+w, y(v))
		r.objects = append(r.objects, g)
		text(p.w.value(p.kind, int(math.Round(v))), inkSecondary, plotLeft-6, y(v), fyne.TextAlignTrailing)
	}
	axis := canvas.NewLine(lineColour)
	axis.Position1, axis.Position2 = fyne.NewPos(plotLeft, plotTop+h), fyne.NewPos(plotLeft+w, plotTop+h)
	r.objects = append(r.objects, axis)
	// Dates under the axis: the first, the last, and evenly between
	// them as many as fit (one per 110 px), never the same day twice.
	dateOf := func(t time.Time) string { return p.w.Day(data.DateOf(t.In(p.loc))) }
	text(dateOf(t0), inkSecondary, plotLeft, plotTop+h+14, fyne.TextAlignLeading)
	if span > 0 {
		text(dateOf(t1), inkSecondary, plotLeft+w, plotTop+h+14, fyne.TextAlignTrailing)
		n := min(int(w/110), int(t1.Sub(t0).Hours()/24))
		last := dateOf(t0)
		for i := 1; i < n; i++ {
			t := t0.Add(time.Duration(float64(t1.Sub(t0)) * float64(i) / float64(n)))
			if d := dateOf(t); d != last && d != dateOf(t1) {
				text(d, inkSecondary, x(t), plotTop+h+14, fyne.TextAlignCenter)
				last = d
			}
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
	if p.hover >= 0 {
		r.pointer(p.points[p.hover], x, y, s)
	}
}

// pointer marks the reading pointed at with a ring and a box holding
// its value and date, above the reading, kept inside the plot.
func (r *plotRenderer) pointer(v data.Vital, x func(time.Time) float32, y func(float64) float32, s fyne.Size) {
	p := r.p
	cx, cy := x(v.Taken), y(float64(v.Value))
	ring := canvas.NewCircle(color.Transparent)
	ring.StrokeColor, ring.StrokeWidth = ink, 1.5
	ring.Move(fyne.NewPos(cx-6, cy-6))
	ring.Resize(fyne.NewSize(12, 12))
	label := canvas.NewText(p.readingText(v), color.White)
	label.TextSize = theme.CaptionTextSize() + 1
	ts := label.MinSize()
	box := fyne.NewSize(ts.Width+12, ts.Height+6)
	bx := min(max(cx-box.Width/2, 2), s.Width-box.Width-2)
	by := cy - box.Height - 10
	if by < 2 {
		by = cy + 10
	}
	bg := canvas.NewRectangle(color.NRGBA{R: 0x26, G: 0x2b, B: 0x33, A: 0xf0})
	bg.CornerRadius = 3
	bg.Move(fyne.NewPos(bx, by))
	bg.Resize(box)
	label.Move(fyne.NewPos(bx+6, by+3))
	label.Resize(ts)
	r.objects = append(r.objects, ring, bg, label)
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

// lowerFirst writes "Blood pressure" as "blood pressure" ("Tensión"
// as "tensión") but keeps "SpO2", whose other capitals say it is an
// abbreviation.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) || strings.IndexFunc(s[n:], unicode.IsUpper) >= 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// usualBands are the bands of a sign's plot for a patient, with the
// words the caption says of them: the adult range of the sign; for
// weight the healthy weights for the latest height; nothing for height,
// nor for a child, whose ranges depend on age.
func usualBands(w words, k data.VitalKind, birth, today data.Date, latestHeight int) ([]plotBand, string) {
	if !birth.IsZero() && birth.AgeOn(today) < 18 {
		return nil, w.T("clinical.band.child")
	}
	if k.Code == data.VitalWeight {
		if latestHeight <= 0 {
			return nil, w.T("clinical.band.weight_needs_height")
		}
		hk, _ := data.KindOf(data.VitalHeight)
		r := data.HealthyWeight(latestHeight)
		return []plotBand{{r, plotBandGreen}}, w.T("clinical.band.healthy_weight", "Height", hk.Dec(latestHeight), "HeightUnit", hk.Unit,
			"Min", k.Dec(r.Min), "Max", k.Dec(r.Max), "Unit", k.Unit)
	}
	r, r2, ok := data.AdultRange(k.Code)
	if !ok {
		return nil, ""
	}
	if k.Pair {
		return []plotBand{{r, plotSystolic}, {r2, plotDiastolic}}, w.T("clinical.band.adult_pair",
			"Min", k.Dec(r.Min), "Max", k.Dec(r.Max), "Min2", k.Dec(r2.Min), "Max2", k.Dec(r2.Max), "Unit", k.Unit)
	}
	return []plotBand{{r, plotBandGreen}}, w.T("clinical.band.adult", "Min", k.Dec(r.Min), "Max", k.Dec(r.Max), "Unit", k.Unit)
}
