package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// Geometry of the time grid.
const (
	gridGutter   = 48  // width of the hour labels on the left
	gridPxPerMin = 1.6 // a quarter of an hour is 24 px: one line of small text
	gridMinColW  = 90
)

var (
	offHoursColour = color.NRGBA{R: 0xee, G: 0xf0, B: 0xf3, A: 0xff}
	dayOffColour   = color.NRGBA{R: 0xe3, G: 0xe6, B: 0xeb, A: 0xff}
	hourLineColour = color.NRGBA{R: 0xd5, G: 0xd9, B: 0xdf, A: 0xff}
	halfLineColour = color.NRGBA{R: 0xec, G: 0xee, B: 0xf1, A: 0xff}
	nowColour      = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	doubleColour   = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	cancelledFill  = color.NRGBA{R: 0xf2, G: 0xf3, B: 0xf5, A: 0xff}
)

// gridHandlers are what the calendar does with taps and drags on the grid.
type gridHandlers struct {
	empty func(col gridColumn, at data.WallTime)                                 // a tap on free time
	open  func(a data.AppointmentView)                                           // a tap on an appointment
	drop  func(a data.AppointmentView, col gridColumn, start, end data.WallTime) // an appointment dragged
	off   func(col gridColumn)                                                   // a tap on a day off
	hover func(col gridColumn, in bool)                                          // the mouse entered or left a column
	// arrive marks one of today's appointments arrived (its Arrived
	// control, or A on the focused block).
	arrive func(a data.AppointmentView)
}

// timeGrid is the calendar's grid: a header row of columns over a
// vertically scrolling body of hours, with each column's working hours
// white, the rest shaded, days off blocked out, and the appointments drawn
// to scale, side by side where they overlap.
type timeGrid struct {
	w       words // the words the columns were written with
	header  *fyne.Container
	heads   *gridHeaderLayout
	body    *gridBody
	scroll  *container.Scroll
	content fyne.CanvasObject
}

func newTimeGrid(h gridHandlers) *timeGrid {
	g := &timeGrid{body: newGridBody(h), heads: &gridHeaderLayout{}}
	g.header = container.New(g.heads)
	g.scroll = container.NewVScroll(g.body)
	g.body.reveal = g.reveal
	g.content = container.NewBorder(
		container.New(&col0{}, withBackground(barColour, g.header), hline()), nil, nil, nil, g.scroll)
	return g
}

// set shows cols in w's words; the columns of today get a line at wall
// time now.
func (g *timeGrid) set(w words, cols []gridColumn, showCancelled bool, today data.Date, now data.WallTime) {
	g.w, g.body.w = w, w
	g.header.Objects = g.header.Objects[:0]
	g.heads.cols = cols
	for _, c := range cols {
		title := bold(c.Title)
		title.Truncation = fyne.TextTruncateEllipsis
		sub := c.Subtitle
		if c.Off != "" {
			sub = c.Off
		}
		if c.narrow() { // who, in a word; the day off's label is cut short
			title.SetText(c.Short)
			if c.Off == "" {
				sub = w.T("calendar.column.not_working")
			}
		}
		s := quiet(sub)
		s.Truncation = fyne.TextTruncateEllipsis
		if c.Off != "" {
			s.Importance = widget.WarningImportance
		}
		g.header.Objects = append(g.header.Objects, container.New(&tight{overlap: theme.InnerPadding() + 2}, title, s))
	}
	g.header.Refresh()
	g.body.set(cols, showCancelled, today, now)
}

// scrollTo shows wall time w near the top of the grid.
func (g *timeGrid) scrollTo(w data.WallTime) {
	y := float32(w-g.body.from) * gridPxPerMin
	g.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y)))
}

// reveal scrolls the least that shows the part of the body from top to
// bottom (an appointment that took the focus).
func (g *timeGrid) reveal(top, bottom float32) {
	off, view := g.scroll.Offset.Y, g.scroll.Size().Height
	switch {
	case top < off:
		g.scroll.ScrollToOffset(fyne.NewPos(0, top))
	case bottom > off+view:
		g.scroll.ScrollToOffset(fyne.NewPos(0, min(top, bottom-view)))
	}
}

// gridHeaderLayout puts the column titles over the columns, which it
// lays out as the body does.
type gridHeaderLayout struct{ cols []gridColumn }

func (l *gridHeaderLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(gridMinWidth(l.cols), h)
}

func (l *gridHeaderLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != len(l.cols) {
		return
	}
	for i, sp := range columnSpans(l.cols, size.Width) {
		objs[i].Move(fyne.NewPos(sp.x, 0))
		objs[i].Resize(fyne.NewSize(sp.w, size.Height))
	}
}

// gridMinWidth is the least width that shows every column.
func gridMinWidth(cols []gridColumn) float32 {
	w := float32(gridGutter)
	for _, c := range cols {
		if c.narrow() {
			w += narrowColW
		} else {
			w += gridMinColW
		}
	}
	return max(w, gridGutter+gridMinColW)
}

// gridBody draws the hours of the columns and holds the appointment blocks.
type gridBody struct {
	widget.BaseWidget
	w             words // the desk's, when the columns were set
	h             gridHandlers
	cols          []gridColumn
	from, to      data.WallTime
	showCancelled bool
	now           data.WallTime // the now line, on columns of today
	today         data.Date
	blocks        []*apptBlock
	placed        [][]laneOf // per column, per visible appointment
	visible       [][]data.AppointmentView
	objects       []fyne.CanvasObject
	size          fyne.Size
	focused       bool                      // the grid has the keyboard's focus (calendar_keys.go)
	reveal        func(top, bottom float32) // scrolls a part of the body into view
	tip           *fyne.Container           // see showTip
	hoverCol      int                       // the column under the mouse, -1 when none
}

func newGridBody(h gridHandlers) *gridBody {
	b := &gridBody{w: englishWords, h: h, from: 7 * 60, to: 19 * 60, now: -1, tip: newGridTip(), hoverCol: -1}
	b.ExtendBaseWidget(b)
	return b
}

func (b *gridBody) set(cols []gridColumn, showCancelled bool, today data.Date, now data.WallTime) {
	b.cols, b.showCancelled, b.today, b.now = cols, showCancelled, today, now
	b.hoverCol = -1
	b.hideTip()
	b.from, b.to = gridRange(cols)
	b.visible = make([][]data.AppointmentView, len(cols))
	b.placed = make([][]laneOf, len(cols))
	b.blocks = b.blocks[:0]
	for i, c := range cols {
		b.visible[i] = visibleAppts(c.Appts, showCancelled)
		b.placed[i] = placeLanes(b.visible[i])
		for k, a := range b.visible[i] {
			b.blocks = append(b.blocks, newApptBlock(b, a, i, b.placed[i][k]))
		}
	}
	b.Refresh()
}

func (b *gridBody) MinSize() fyne.Size {
	return fyne.NewSize(gridMinWidth(b.cols), float32(b.to-b.from)*gridPxPerMin+1)
}

// spans is where the columns lie at the body's width.
func (b *gridBody) spans() []colSpan { return columnSpans(b.cols, b.Size().Width) }

// at turns a point of the body into a column and a wall time.
func (b *gridBody) at(p fyne.Position) (int, data.WallTime, bool) {
	col := -1
	for i, sp := range b.spans() {
		if p.X >= sp.x && p.X < sp.x+sp.w {
			col = i
		}
	}
	if col < 0 {
		return 0, 0, false
	}
	wt := b.from + data.WallTime(p.Y/gridPxPerMin)
	return col, min(max(wt, b.from), b.to-1), true
}

// MouseIn, MouseMoved and MouseOut follow which column the mouse is
// over: the one a new booking is for.
func (b *gridBody) MouseIn(ev *desktop.MouseEvent) { b.MouseMoved(ev) }

func (b *gridBody) MouseMoved(ev *desktop.MouseEvent) {
	col, _, ok := b.at(ev.Position)
	if !ok {
		col = -1
	}
	b.hovering(col)
}

func (b *gridBody) MouseOut() { b.hovering(-1) }

// hovering tells the calendar which column the mouse is over (-1: none).
func (b *gridBody) hovering(col int) {
	if col == b.hoverCol {
		return
	}
	if b.hoverCol >= 0 && b.hoverCol < len(b.cols) && b.h.hover != nil {
		b.h.hover(b.cols[b.hoverCol], false)
	}
	b.hoverCol = col
	if col >= 0 && col < len(b.cols) && b.h.hover != nil {
		b.h.hover(b.cols[col], true)
	}
}

// yOf is the vertical position of wall time w.
func (b *gridBody) yOf(w data.WallTime) float32 { return float32(w-b.from) * gridPxPerMin }

// Tapped on free time books it; on a day off, opens the day off.
func (b *gridBody) Tapped(ev *fyne.PointEvent) {
	col, wt, ok := b.at(ev.Position)
	if !ok {
		return
	}
	c := b.cols[col]
	if c.Off != "" {
		if b.h.off != nil {
			b.h.off(c)
		}
		return
	}
	if b.h.empty != nil {
		b.h.empty(c, slotAt(wt))
	}
}

func (b *gridBody) CreateRenderer() fyne.WidgetRenderer { return &gridBodyRenderer{b: b} }

type gridBodyRenderer struct{ b *gridBody }

func (r *gridBodyRenderer) Destroy()                     {}
func (r *gridBodyRenderer) MinSize() fyne.Size           { return r.b.MinSize() }
func (r *gridBodyRenderer) Objects() []fyne.CanvasObject { return r.b.objects }
func (r *gridBodyRenderer) Refresh() {
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}

// Layout rebuilds the drawing: it is cheap (a few hundred rectangles) and
// only runs when the day or the size changes.
func (r *gridBodyRenderer) Layout(size fyne.Size) {
	b := r.b
	b.size = size
	objs := make([]fyne.CanvasObject, 0, 64+len(b.blocks))
	rect := func(c color.Color, x, y, w, h float32) {
		o := canvas.NewRectangle(c)
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
		objs = append(objs, o)
	}
	spans := columnSpans(b.cols, size.Width)
	height := float32(b.to-b.from) * gridPxPerMin
	rect(theme.Color(theme.ColorNameBackground), 0, 0, size.Width, max(height, size.Height))
	for i, c := range b.cols {
		x, cw := spans[i].x, spans[i].w
		rect(offHoursColour, x, 0, cw, height)
		if c.Off == "" {
			for _, w := range c.Work {
				rect(color.White, x, b.yOf(max(w.start, b.from)), cw, float32(min(w.end, b.to)-max(w.start, b.from))*gridPxPerMin)
			}
		}
	}
	for t := b.from; t <= b.to; t += 30 {
		c := halfLineColour
		if t%60 == 0 {
			c = hourLineColour
			if t < b.to {
				l := canvas.NewText(t.String(), theme.Color(theme.ColorNamePlaceHolder))
				l.TextSize = theme.CaptionTextSize()
				l.Move(fyne.NewPos(6, b.yOf(t)+1))
				objs = append(objs, l)
			}
		}
		rect(c, gridGutter, b.yOf(t), size.Width-gridGutter, 1)
	}
	for i, c := range b.cols {
		x, cw := spans[i].x, spans[i].w
		rect(lineColour, x, 0, 1, height)
		if c.Off != "" {
			rect(dayOffColour, x+1, 0, cw-1, height)
			for y := float32(0); y < height; y += 24 { // a light hatch: blocked, not merely shaded
				rect(color.NRGBA{R: 0xd0, G: 0xd4, B: 0xda, A: 0xff}, x+1, y, cw-1, 1)
			}
			// A narrow column writes the kind, then the reason word by word.
			lines := []string{c.Off}
			if c.narrow() {
				kind, reason, _ := strings.Cut(c.Off, ":")
				lines = append([]string{kind}, wrapWords(reason, theme.CaptionTextSize(), cw-12, 4)...)
			}
			for n, line := range lines {
				l := canvas.NewText(fitText(line, theme.TextSize(), fyne.TextStyle{Bold: n == 0}, cw-12), inkSecondary)
				l.TextStyle.Bold = n == 0
				if n > 0 {
					l.TextSize = theme.CaptionTextSize()
					l.Text = fitText(line, l.TextSize, l.TextStyle, cw-12)
				}
				l.Move(fyne.NewPos(x+6, 6+float32(n)*20))
				objs = append(objs, l)
			}
		}
	}
	// The now line goes under the appointments, so it never strikes
	// through a name: it shows across free time, and a mark in the
	// gutter says where the day stands.
	if b.now >= b.from && b.now < b.to {
		for i, c := range b.cols {
			if c.Day == b.today {
				rect(nowColour, spans[i].x, b.yOf(b.now)-1, spans[i].w, 2)
				rect(nowColour, gridGutter-8, b.yOf(b.now)-3, 8, 6)
			}
		}
	}
	k := 0
	for i := range b.cols {
		x, cw := spans[i].x, spans[i].w
		for n, a := range b.visible[i] {
			bl := b.blocks[k]
			k++
			lx, lw := laneSpan(b.placed[i][n], cw)
			top, bottom := b.yOf(max(a.Start, b.from)), b.yOf(min(a.End, b.to))
			bl.Move(fyne.NewPos(x+lx, top+1))
			bl.Resize(fyne.NewSize(lw, max(bottom-top-2, 14)))
			bl.home = bl.Position()
			objs = append(objs, bl)
		}
	}
	if b.focused {
		objs = append(objs, focusFrame(size))
	}
	b.objects = append(objs, b.tip)
}

// apptBlock is one appointment on the grid: a tinted box with the type's
// colour on its left edge, the time and patient on the first line, the
// type and status below when there is room. Tapping opens it; dragging it
// moves it (by five minutes, and to another column); dragging its lower
// edge changes its end.
type apptBlock struct {
	widget.BaseWidget
	grid *gridBody
	a    data.AppointmentView
	col  int
	lane laneOf
	home fyne.Position

	dragging, resizing bool
	dragStart          fyne.Position // pointer position within the block when the drag began
	dragDelta          fyne.Delta
	origSize           fyne.Size
	focused            bool // the keyboard's focus is on it (calendar_keys.go)
	// hidden is set when the block does not show all it holds (a status
	// drawn as a mark, a name cut short): hovering it then shows it all.
	hidden bool
}

func newApptBlock(g *gridBody, a data.AppointmentView, col int, lane laneOf) *apptBlock {
	bl := &apptBlock{grid: g, a: a, col: col, lane: lane}
	bl.ExtendBaseWidget(bl)
	return bl
}

// MouseIn shows what the block holds in full when it cannot write it
// all, and tells the calendar which column the mouse is over.
func (bl *apptBlock) MouseIn(*desktop.MouseEvent) {
	bl.grid.hovering(bl.col)
	if bl.hidden {
		bl.grid.showTip(bl)
	}
}

func (bl *apptBlock) MouseMoved(*desktop.MouseEvent) {}

// MouseOut forgets the column too: the mouse may have left the grid
// from the block (moving onto the body brings the column back at once).
func (bl *apptBlock) MouseOut() {
	bl.grid.hideTip()
	bl.grid.hovering(-1)
}

func (bl *apptBlock) Tapped(*fyne.PointEvent) {
	if bl.grid.h.open != nil {
		bl.grid.h.open(bl.a)
	}
}

// resizeHandle is the height of the lower edge that resizes.
const resizeHandle = 6

func (bl *apptBlock) Dragged(ev *fyne.DragEvent) {
	bl.grid.hideTip()
	if !bl.dragging {
		bl.dragging = true
		bl.dragStart = ev.Position.Subtract(ev.Dragged)
		bl.resizing = bl.dragStart.Y >= bl.Size().Height-resizeHandle
		bl.dragDelta = fyne.Delta{}
		bl.origSize = bl.Size()
	}
	bl.dragDelta.DX += ev.Dragged.DX
	bl.dragDelta.DY += ev.Dragged.DY
	if bl.resizing {
		bl.Resize(fyne.NewSize(bl.origSize.Width, max(14, bl.origSize.Height+bl.dragDelta.DY)))
	} else {
		bl.Move(bl.home.Add(bl.dragDelta))
	}
	canvas.Refresh(bl.grid)
}

func (bl *apptBlock) DragEnd() {
	if !bl.dragging {
		return
	}
	bl.dragging = false
	g := bl.grid
	minutes := data.WallTime(bl.dragDelta.DY/gridPxPerMin+2.5) / 5 * 5
	if bl.dragDelta.DY < 0 {
		minutes = -(data.WallTime(-bl.dragDelta.DY/gridPxPerMin+2.5) / 5 * 5)
	}
	start, end, col := bl.a.Start, bl.a.End, bl.col
	if bl.resizing {
		end = max(start+5, min(end+minutes, 24*60))
	} else {
		start, end = start+minutes, end+minutes
		if c, _, ok := g.at(bl.home.Add(bl.dragDelta).Add(fyne.NewPos(bl.Size().Width/2, 0))); ok {
			col = c
		}
	}
	changed := start != bl.a.Start || end != bl.a.End || col != bl.col
	// Back home until the move is saved: the reload draws it anew.
	bl.Move(bl.home)
	bl.Resize(bl.origSize)
	canvas.Refresh(g)
	if changed && start >= 0 && end <= 24*60 && g.h.drop != nil {
		g.h.drop(bl.a, g.cols[col], start, end)
	}
}

func (bl *apptBlock) CreateRenderer() fyne.WidgetRenderer {
	r := &apptBlockRenderer{bl: bl, bg: canvas.NewRectangle(color.Transparent), strip: canvas.NewRectangle(color.Transparent),
		line1: canvas.NewText("", ink), line2: canvas.NewText("", inkSecondary), status: canvas.NewText("", ink),
		arrive: newArriveTag(bl.grid.w.T("calendar.arrived"), func() { bl.grid.h.arrive(bl.a) }), mark: canvas.NewCircle(color.Transparent)}
	r.line1.TextSize = theme.CaptionTextSize() + 1
	r.line1.TextStyle.Bold = true
	r.line2.TextSize = theme.CaptionTextSize()
	r.status.TextSize = theme.CaptionTextSize()
	r.status.TextStyle.Bold = true
	r.bg.CornerRadius = 3
	r.Refresh()
	return r
}

type apptBlockRenderer struct {
	bl                   *apptBlock
	bg, strip            *canvas.Rectangle
	line1, line2, status *canvas.Text
	arrive               *arriveTag     // on today's appointments that are still expected
	mark                 *canvas.Circle // the status in a narrow block
}

func (r *apptBlockRenderer) Destroy()           {}
func (r *apptBlockRenderer) MinSize() fyne.Size { return fyne.NewSize(10, 14) }
func (r *apptBlockRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.strip, r.line1, r.line2, r.status, r.mark, r.arrive}
}

// Below narrowBlockW a block has no room for its status word: a mark in
// the status colour stands for it (the word shows on hover) and the
// family name comes first, which is what a secretary scans for. Below
// tinyBlockW (a cancelled appointment in its lane aside) it writes
// nothing at all.
const (
	narrowBlockW = 200
	tinyBlockW   = 40
	markSize     = 9
)

// blockName is who the appointment is for, as a block writes it: the
// family name first in a narrow block.
func blockName(w words, a data.AppointmentView, familyFirst bool) string {
	who := a.PatientName
	switch {
	case a.PatientID == "":
		who = w.T("calendar.block.blocked")
	case familyFirst && a.PatientFamily != "":
		who = a.PatientFamily
		if a.PatientGiven != "" {
			who += ", " + a.PatientGiven
		}
	}
	if a.SeriesID != "" {
		who = "↻ " + who
	}
	return who
}

// blockTip is everything about an appointment in one line, for the
// hover of a block that cannot show it all.
func blockTip(w words, a data.AppointmentView, double bool) string {
	parts := []string{timeRange(a.Start, a.End) + " " + blockName(w, a, true)}
	if a.TypeName != "" {
		parts = append(parts, a.TypeName)
	}
	status := blockStatus(w, a, double)
	if a.Status == data.StatusCancelled && a.CancelReason != "" {
		status = w.T("calendar.block.status_reason", "Status", status, "Reason", a.CancelReason)
	}
	return strings.Join(append(parts, status), " · ")
}

func (r *apptBlockRenderer) Refresh() {
	a := r.bl.a
	tc := parseColour(a.TypeColour).(color.NRGBA)
	cancelled := a.Status == data.StatusCancelled
	fill := tc
	fill.A = 0x2e
	if cancelled {
		r.bg.FillColor = cancelledFill
		tc = color.NRGBA{R: 0xb8, G: 0xbd, B: 0xc4, A: 0xff}
	} else {
		r.bg.FillColor = blend(color.White, fill)
	}
	r.strip.FillColor = tc
	r.bg.StrokeWidth = 0
	if r.bl.lane.double {
		r.bg.StrokeColor, r.bg.StrokeWidth = doubleColour, 1.5
	}
	if r.bl.focused {
		r.bg.StrokeColor, r.bg.StrokeWidth = accent, 2
	}
	r.line1.Color = ink
	if cancelled {
		r.line1.Color = inkSecondary
	}
	r.status.Color = statusColour(a.Status)
	r.mark.FillColor = statusColour(a.Status)
	r.Layout(r.bl.Size())
	r.bg.Refresh()
	r.strip.Refresh()
	r.line1.Refresh()
	r.line2.Refresh()
	r.status.Refresh()
	r.mark.Refresh()
}

func (r *apptBlockRenderer) Layout(size fyne.Size) {
	a := r.bl.a
	r.bg.Resize(size)
	r.strip.Move(fyne.NewPos(0, 0))
	r.strip.Resize(fyne.NewSize(4, size.Height))
	if size.Width < tinyBlockW {
		r.line1.Text, r.line2.Text, r.status.Text = "", "", ""
		r.mark.Hide()
		r.arrive.Hide()
		r.bl.hidden = true
		return
	}
	narrow := size.Width < narrowBlockW
	x := float32(8)
	w := size.Width - x - 3
	tagW := r.placeArrive(size)
	words := r.bl.grid.w
	status := blockStatus(words, a, r.bl.lane.double)
	first := a.Start.String() + " " + blockName(words, a, narrow)
	second := a.TypeName
	if a.Status == data.StatusCancelled && a.CancelReason != "" {
		second = words.T("calendar.block.status_reason", "Status", words.status(a.Status), "Reason", a.CancelReason)
	}
	lineH := fyne.MeasureText("Mg", r.line1.TextSize, r.line1.TextStyle).Height
	twoLines := size.Height >= 2*lineH+2
	fit := func(t *canvas.Text, s string, width float32) {
		t.Text = fitText(s, t.TextSize, t.TextStyle, width)
		if t.Text != s {
			r.bl.hidden = true
		}
	}
	r.bl.hidden = narrow
	if narrow {
		// The status as a mark at the right of the first line.
		r.status.Text = ""
		r.mark.Show()
		r.mark.Resize(fyne.NewSize(markSize, markSize))
		markY := (size.Height - markSize) / 2
		if twoLines {
			markY = 1 + (lineH-markSize)/2
			fit(r.line1, first, w-markSize-4)
			fit(r.line2, second, w)
			r.line1.Move(fyne.NewPos(x, 1))
			r.line2.Move(fyne.NewPos(x, lineH+1))
			r.line2.Show()
		} else {
			if second != "" {
				first += " · " + second
			}
			fit(r.line1, first, w-markSize-4)
			r.line1.Move(fyne.NewPos(x, (size.Height-lineH)/2))
			r.line2.Hide()
		}
		r.mark.Move(fyne.NewPos(size.Width-markSize-4, markY))
		return
	}
	r.mark.Hide()
	sw := fyne.MeasureText(status, r.status.TextSize, r.status.TextStyle).Width
	if twoLines {
		fit(r.line1, first, w-tagW)
		fit(r.status, status, w)
		sw = fyne.MeasureText(r.status.Text, r.status.TextSize, r.status.TextStyle).Width
		fit(r.line2, second, w-sw-6)
		r.line1.Move(fyne.NewPos(x, 1))
		r.line2.Move(fyne.NewPos(x, lineH+1))
		r.status.Move(fyne.NewPos(size.Width-sw-4, lineH+1))
		r.line2.Show()
	} else {
		// One line: the status stays readable; the name gives way.
		if sw > w/2 {
			fit(r.status, status, w/2)
			status = r.status.Text
			sw = fyne.MeasureText(status, r.status.TextSize, r.status.TextStyle).Width
		}
		r.status.Text = status
		if second != "" {
			first += " · " + second
		}
		fit(r.line1, first, w-sw-6-tagW)
		y := (size.Height - lineH) / 2
		r.line1.Move(fyne.NewPos(x, y))
		r.status.Move(fyne.NewPos(size.Width-sw-4-tagW, y))
		r.line2.Hide()
	}
}

// newGridTip makes the hover box of a block that cannot show all it holds:
// drawn by the body over everything else, never taking a tap.
func newGridTip() *fyne.Container {
	bg := canvas.NewRectangle(color.NRGBA{R: 0x26, G: 0x2b, B: 0x33, A: 0xf0})
	bg.CornerRadius = 3
	text := canvas.NewText("", color.White)
	text.TextSize = theme.CaptionTextSize() + 1
	tip := container.NewWithoutLayout(bg, text)
	tip.Hide()
	return tip
}

// showTip shows the whole of bl's appointment under it (over it near
// the bottom of the day), kept inside the body.
func (b *gridBody) showTip(bl *apptBlock) {
	bg, text := b.tip.Objects[0].(*canvas.Rectangle), b.tip.Objects[1].(*canvas.Text)
	text.Text = blockTip(b.w, bl.a, bl.lane.double)
	ts := fyne.MeasureText(text.Text, text.TextSize, text.TextStyle)
	size := fyne.NewSize(ts.Width+12, ts.Height+6)
	text.Move(fyne.NewPos(6, 3))
	text.Resize(ts)
	bg.Resize(size)
	b.tip.Resize(size)
	at := bl.Position()
	x := min(max(at.X, 0), b.Size().Width-size.Width)
	y := at.Y + bl.Size().Height + 2
	if y+size.Height > b.Size().Height {
		y = at.Y - size.Height - 2
	}
	b.tip.Move(fyne.NewPos(max(x, 0), y))
	b.tip.Show()
	b.tip.Refresh()
}

func (b *gridBody) hideTip() {
	if b.tip.Visible() {
		b.tip.Hide()
	}
}

// blockStatus is the status as the block writes it, with what else the
// secretary must see: a double booking, a clock change.
func blockStatus(w words, a data.AppointmentView, double bool) string {
	s := w.status(a.Status)
	if double {
		s = w.T("calendar.block.double") + " · " + s
	}
	if a.TimeFlag != "" {
		s += " · " + w.T("calendar.block.clock_change")
	}
	return s
}

// statusColour is the text colour of a status; the status is always
// written too, colour is never alone.
func statusColour(status string) color.Color {
	switch status {
	case data.StatusConfirmed, data.StatusDone:
		return theme.Color(theme.ColorNameSuccess)
	case data.StatusArrived:
		return color.NRGBA{R: 0x9a, G: 0x5b, B: 0x00, A: 0xff}
	case data.StatusInRoom:
		return accent
	case data.StatusNoShow:
		return theme.Color(theme.ColorNameError)
	case data.StatusCancelled:
		return inkSecondary
	}
	return ink
}

// blend paints a translucent colour over an opaque one.
func blend(base color.Color, over color.NRGBA) color.Color {
	r, g, b, _ := base.RGBA()
	a := uint32(over.A)
	mix := func(bc uint32, oc uint8) uint8 { return uint8((bc>>8*(255-a) + uint32(oc)*a) / 255) }
	return color.NRGBA{R: mix(r, over.R), G: mix(g, over.G), B: mix(b, over.B), A: 0xff}
}

// wrapWords breaks s into at most n lines of width at the given text
// size, the last one cut short when there is more.
func wrapWords(s string, size, width float32, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && fyne.MeasureText(line+" "+w, size, fyne.TextStyle{}).Width > width {
			lines = append(lines, line)
			line = ""
		}
		line = strings.TrimSpace(line + " " + w)
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > n {
		lines = append(lines[:n-1], strings.Join(lines[n-1:], " "))
	}
	return lines
}

// fitText shortens s with "…" until it fits width at the given size.
func fitText(s string, size float32, style fyne.TextStyle, width float32) string {
	if width <= 0 {
		return ""
	}
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(r[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return string(r[:lo]) + "…"
}
