package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data/i18n"
)

// palette is the colours a practitioner or an appointment type may take.
// A free colour field would let a secretary pick a pale yellow whose tag
// vanishes on white, or two blues nobody tells apart; these are mid-dark
// and distinct, so a tag, the strip of an appointment and its light fill
// behind dark text all stay readable. Each has a name, shown beside the
// swatches, so the choice is never told by colour alone.
var palette = []struct {
	name i18n.Key
	hex  string
}{
	{"colour.teal", "#2E7D6B"},
	{"colour.blue", "#3A6EA5"},
	{"colour.sky", "#4A90D9"},
	{"colour.petrol", "#1F7A8C"},
	{"colour.green", "#4C8C2B"},
	{"colour.ochre", "#C08A1E"},
	{"colour.copper", "#B5651D"},
	{"colour.coral", "#D96459"},
	{"colour.raspberry", "#A63D57"},
	{"colour.purple", "#8E5BA8"},
	{"colour.brown", "#7B4B2A"},
	{"colour.slate", "#5D6D7E"},
}

// colourName names a colour of the palette, or says it is another one
// (a colour stored before the palette, or synced from elsewhere).
func colourName(w words, hex string) string {
	for _, c := range palette {
		if strings.EqualFold(c.hex, hex) {
			return w.T(c.name)
		}
	}
	if hex == "" {
		return w.T("colour.none")
	}
	return w.T("colour.custom", "Hex", strings.ToUpper(hex))
}

// colourPicker is a row of swatches with the chosen colour's name. A
// colour that is not in the palette is offered as one more swatch, so an
// edit never changes a colour nobody touched.
type colourPicker struct {
	widget.BaseWidget
	w         words
	selected  string
	swatches  []*swatch
	name      *widget.Label
	onChanged func(hex string)
	row       *fyne.Container
	content   fyne.CanvasObject
}

func newColourPicker(w words, selected string, onChanged func(string)) *colourPicker {
	p := &colourPicker{w: w, onChanged: onChanged, name: quiet("")}
	p.row = container.NewHBox()
	known := false
	for _, c := range palette {
		p.addSwatch(w.T(c.name), c.hex)
		known = known || strings.EqualFold(c.hex, selected)
	}
	if !known && selected != "" {
		p.addSwatch(w.T("colour.current"), selected) // as stored: a save must not change its case
	}
	p.content = container.NewHBox(p.row, p.name)
	p.ExtendBaseWidget(p)
	p.set(selected)
	return p
}

func (p *colourPicker) addSwatch(name, hex string) {
	s := &swatch{hex: hex, name: name, picker: p, rect: canvas.NewRectangle(parseColour(hex))}
	s.rect.CornerRadius = 3
	s.ExtendBaseWidget(s)
	p.swatches = append(p.swatches, s)
	p.row.Add(s)
}

func (p *colourPicker) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// set chooses a colour (by its #RRGGBB) without telling onChanged.
func (p *colourPicker) set(hex string) {
	p.selected = ""
	for _, s := range p.swatches {
		on := strings.EqualFold(s.hex, hex)
		if on {
			p.selected = s.hex
		}
		s.setChosen(on)
	}
	p.name.SetText(colourName(p.w, p.selected))
}

// choose is a tap on a swatch.
func (p *colourPicker) choose(hex string) {
	p.set(hex)
	if p.onChanged != nil {
		p.onChanged(p.selected)
	}
}

// swatch is one colour of the picker: a square, ringed when chosen.
type swatch struct {
	widget.BaseWidget
	hex, name string
	picker    *colourPicker
	rect      *canvas.Rectangle
}

const swatchSize = 22

func (s *swatch) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&fixedBox{size: fyne.NewSize(swatchSize, swatchSize)}, s.rect))
}

func (s *swatch) Tapped(*fyne.PointEvent) { s.picker.choose(s.hex) }

func (s *swatch) setChosen(on bool) {
	if on {
		s.rect.StrokeColor, s.rect.StrokeWidth = ink, 3
	} else {
		s.rect.StrokeColor, s.rect.StrokeWidth = color.Transparent, 0
	}
	s.rect.Refresh()
}

// unusedColour is the first colour of the palette that none of used has,
// so that a new practitioner's column or a new type's tag is told apart
// at a glance.
func unusedColour(used []string) string {
	for _, c := range palette {
		taken := false
		for _, u := range used {
			taken = taken || strings.EqualFold(u, c.hex)
		}
		if !taken {
			return c.hex
		}
	}
	return palette[0].hex
}

// colourOf lists the colours of records.
func colourOf[T any](records []T, colour func(T) string) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = colour(r)
	}
	return out
}
