// Package reports writes the practice's PDFs (day list, patient summary,
// and later invoices, receipts and letters) to an io.Writer. It reads
// from data and never from the screen.
package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"

	"frontdesk/assets"
	"frontdesk/data/i18n"
)

// Page geometry, in millimetres (A4).
const (
	margin     = 15.0
	lineHeight = 5.0
	fontSize   = 9.5
)

// Doc is one PDF being written. Its methods take text as people typed it:
// Doc filters characters the font lacks and orders right-to-left text.
type Doc struct {
	pdf    *gofpdf.Fpdf
	title  string
	footer string
	words  *i18n.Localizer // the document's language: its page numbers
	// letterFooter is the practice's footer line, drawn at the foot of
	// every page of a document with a letterhead.
	letterFooter string
	// pageLabel, when set, is the page's number line ("Page 1 of 2" of one
	// letter among many); else the page of the whole document is given.
	pageLabel string
}

// Options fix what would otherwise vary between runs, for golden tests.
type Options struct {
	Created   time.Time // zero: now
	Landscape bool
	// words is the document's language, which its writer sets from its
	// own argument (nil: English).
	words *i18n.Localizer
}

func newDoc(title string, o Options) *Doc {
	orientation := "P"
	if o.Landscape {
		orientation = "L"
	}
	pdf := gofpdf.New(orientation, "mm", "A4", "")
	addFonts(pdf)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin) // rows are measured and broken by hand
	pdf.SetTitle(title, true)
	pdf.SetCreator("Frontdesk", true)
	pdf.SetCatalogSort(true)
	created := o.Created
	if created.IsZero() {
		created = time.Now()
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.AliasNbPages("{nb}")
	d := &Doc{pdf: pdf, title: title, words: o.words}
	if d.words == nil {
		d.words = i18n.For(i18n.English)
	}
	pdf.SetFooterFunc(d.drawFooter)
	pdf.SetFont("DejaVu", "", fontSize)
	return d
}

// The desk's PDF fonts, copied once per process and shared by every
// document: the gofpdf in third_party parses each font once, keeps its
// own copy and only reads the bytes it is given (its README), so the
// copy per document that upstream's gofpdf needed is gone.
var (
	fontRegular = sync.OnceValue(assets.FontRegular)
	fontBold    = sync.OnceValue(assets.FontBold)
)

// addFonts gives pdf the desk's regular and bold fonts as family "DejaVu".
func addFonts(pdf *gofpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes("DejaVu", "", fontRegular())
	pdf.AddUTF8FontFromBytes("DejaVu", "B", fontBold())
}

func (d *Doc) drawFooter() {
	w, h := d.pdf.GetPageSize()
	d.pdf.SetFont("DejaVu", "", 7.5)
	d.pdf.SetTextColor(110, 110, 110)
	if d.letterFooter != "" {
		d.pdf.SetXY(margin, h-margin+0.3)
		d.pdf.CellFormat(w-2*margin, 4, d.text(d.letterFooter), "", 0, "C", false, 0, "")
	}
	d.pdf.SetXY(margin, h-margin+4)
	d.pdf.CellFormat(w-2*margin, 4, d.text(d.footer), "", 0, "L", false, 0, "")
	d.pdf.SetXY(margin, h-margin+4)
	label := d.pageLabel
	if label == "" {
		label = d.words.T("report.page", "Page", strconv.Itoa(d.pdf.PageNo()), "Pages", "{nb}")
	}
	d.pdf.CellFormat(w-2*margin, 4, d.text(label), "", 0, "R", false, 0, "")
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetFont("DejaVu", "", fontSize)
}

// text prepares s for drawing: characters the font cannot draw become
// '?', Arabic is joined and right-to-left runs are put in visual order.
func (d *Doc) text(s string) string {
	return visual(covered(s))
}

// glyphs tells for each rune of the Basic Multilingual Plane whether the
// embedded font draws it. It is read from the font once per process: a
// bulk run of letters asks it for every character it draws or measures.
var glyphs = sync.OnceValue(func() *[0x10000 / 8]byte {
	var set [0x10000 / 8]byte
	font, err := sfnt.Parse(assets.FontRegular())
	if err != nil {
		for i := range set {
			set[i] = 0xff // no coverage data: let every character through, as before
		}
		return &set
	}
	var buf sfnt.Buffer
	for r := rune(0); r < 0x10000; r++ {
		if gi, err := font.GlyphIndex(&buf, r); err == nil && gi != 0 {
			set[r/8] |= 1 << (r % 8)
		}
	}
	return &set
})

// covered replaces what the embedded font has no glyph for (most CJK),
// and everything beyond the Basic Multilingual Plane (emoji: DejaVu has
// some, but gofpdf's glyph table stops at U+FFFF and panics), by '?'.
func covered(s string) string {
	set := glyphs()
	clean := true
	for _, r := range s {
		if r > 0xFFFF || set[r/8]&(1<<(r%8)) == 0 || r == '\t' || r == '\n' || unicode.IsControl(r) || r == 0x200D || r >= 0xFE00 && r <= 0xFE0F {
			clean = false
			break
		}
	}
	if clean {
		return s // the common case: nothing to replace, nothing to allocate
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n':
			b.WriteRune(' ')
		case unicode.IsControl(r), r >= 0xFE00 && r <= 0xFE0F, r == 0x200D: // variation selectors, joiners
		default:
			if r > 0xFFFF || set[r/8]&(1<<(r%8)) == 0 {
				b.WriteRune('?')
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// pageWidth is the width between the margins.
func (d *Doc) pageWidth() float64 {
	w, _ := d.pdf.GetPageSize()
	return w - 2*margin
}

// remaining is the height left above the bottom margin.
func (d *Doc) remaining() float64 {
	_, h := d.pdf.GetPageSize()
	return h - margin - d.pdf.GetY()
}

// Title draws the document's heading and a line under it.
func (d *Doc) Title(title, subtitle string) {
	d.pdf.SetFont("DejaVu", "B", 15)
	d.pdf.CellFormat(d.pageWidth(), 8, d.text(title), "", 1, "L", false, 0, "")
	if subtitle != "" {
		d.pdf.SetFont("DejaVu", "", 9.5)
		d.pdf.SetTextColor(80, 80, 80)
		d.pdf.CellFormat(d.pageWidth(), 5, d.text(subtitle), "", 1, "L", false, 0, "")
		d.pdf.SetTextColor(0, 0, 0)
	}
	d.pdf.Ln(2)
	d.rule()
	d.pdf.SetFont("DejaVu", "", fontSize)
}

// Heading draws a section heading, starting a new page when fewer than
// minBelow millimetres would follow it on this one.
func (d *Doc) Heading(s string, minBelow float64) {
	if d.remaining() < 8+minBelow {
		d.pdf.AddPage()
	}
	d.pdf.Ln(2)
	d.pdf.SetFont("DejaVu", "B", 11.5)
	d.pdf.CellFormat(d.pageWidth(), 7, d.text(s), "", 1, "L", false, 0, "")
	d.pdf.SetFont("DejaVu", "", fontSize)
}

// Paragraph draws wrapped text.
func (d *Doc) Paragraph(s string) {
	for _, line := range d.wrap(s, d.pageWidth()) {
		if d.remaining() < lineHeight {
			d.pdf.AddPage()
		}
		d.pdf.CellFormat(d.pageWidth(), lineHeight, d.text(line), "", 1, "L", false, 0, "")
	}
}

func (d *Doc) rule() {
	x, y := d.pdf.GetXY()
	d.pdf.SetDrawColor(160, 160, 160)
	d.pdf.Line(x, y, x+d.pageWidth(), y)
	d.pdf.Ln(1.5)
}

// wrap splits s into lines no wider than w at the current font, breaking
// at spaces, and inside words only when a word alone is too wide. Every
// line holds at least one character, so wrap ends for any width, even
// zero, negative or narrower than one glyph: there each character of a
// long word gets a line of its own.
func (d *Doc) wrap(s string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if d.width(try) <= w {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			pieces := d.breakWord(word, w)
			lines = append(lines, pieces[:len(pieces)-1]...)
			line = pieces[len(pieces)-1]
		}
		lines = append(lines, line)
	}
	return lines
}

// breakWord cuts word into pieces no wider than w, each the longest that
// fits but at least one character long. Pieces grow a character at a
// time, so a long word costs in proportion to its length times the
// column's, not to its length cubed.
func (d *Doc) breakWord(word string, w float64) []string {
	if d.width(word) <= w {
		return []string{word}
	}
	runes := []rune(word)
	var pieces []string
	for start := 0; start < len(runes); {
		end := start + 1
		for end < len(runes) && d.width(string(runes[start:end+1])) <= w {
			end++
		}
		pieces = append(pieces, string(runes[start:end]))
		start = end
	}
	return pieces
}

func (d *Doc) width(s string) float64 { return d.pdf.GetStringWidth(d.text(s)) }

// Column is one column of a Table.
type Column struct {
	Title  string
	Width  float64 // millimetres; 0: a share of what the others leave, measured from the content (columnWidths)
	Align  string  // "L" (default) or "R"
	NoWrap bool    // keep each line of a cell whole, like a phone number, while the page is wide enough
}

// cellPadding is the space a table cell keeps free, 1 mm on each side.
const cellPadding = 2.0

// Table draws rows under a header row. Each row is measured first (cells
// wrap) and goes to the next page whole, where the header is drawn again.
func (d *Doc) Table(cols []Column, rows [][]string) {
	widths := d.columnWidths(cols, rows)
	header := func() {
		d.pdf.SetFont("DejaVu", "B", fontSize)
		d.pdf.SetFillColor(232, 238, 238)
		for i, c := range cols {
			d.pdf.CellFormat(widths[i], 6, d.text(c.Title), "B", 0, align(c.Align), true, 0, "")
		}
		d.pdf.Ln(-1)
		d.pdf.SetFont("DejaVu", "", fontSize)
	}
	if d.remaining() < 6+lineHeight+1 {
		d.pdf.AddPage()
	}
	header()
	_, pageHeight := d.pdf.GetPageSize()
	fullPage := pageHeight - 2*margin - 6 // below the header on a fresh page
	for _, row := range rows {
		cells := make([][]string, len(cols))
		n := 1
		for i := range cols {
			if i < len(row) {
				cells[i] = d.wrap(row[i], widths[i]-cellPadding)
			}
			n = max(n, len(cells[i]))
		}
		height := float64(n)*lineHeight + 1
		// A row goes to the next page whole when it fits on one; a row
		// taller than a page is cut between lines and continues under the
		// header on the following pages.
		if d.remaining() < height && (height <= fullPage || d.remaining() < 3*lineHeight+1) {
			d.pdf.AddPage()
			header()
		}
		for from := 0; from < n; {
			fit := min(n-from, int((d.remaining()-1)/lineHeight))
			if fit < 1 {
				d.pdf.AddPage()
				header()
				continue
			}
			d.tableLines(cols, widths, cells, from, from+fit)
			from += fit
		}
	}
	d.pdf.Ln(2)
}

// tableLines draws lines [from, to) of a row's wrapped cells and the
// rule under them.
func (d *Doc) tableLines(cols []Column, widths []float64, cells [][]string, from, to int) {
	x, y := d.pdf.GetXY()
	for i, c := range cols {
		for k := from; k < to && k < len(cells[i]); k++ {
			d.pdf.SetXY(x+1, y+0.5+float64(k-from)*lineHeight)
			d.pdf.CellFormat(widths[i]-cellPadding, lineHeight, d.text(cells[i][k]), "", 0, align(c.Align), false, 0, "")
		}
		x += widths[i]
	}
	height := float64(to-from)*lineHeight + 1
	d.pdf.SetXY(margin, y+height)
	d.pdf.SetDrawColor(220, 220, 220)
	d.pdf.Line(margin, y+height, margin+d.pageWidth(), y+height)
}

func align(a string) string {
	if a == "" {
		return "L"
	}
	return a
}

// Write finishes the document onto w. gofpdf records the first error and
// stops drawing; a panic deep inside it (seen on odd glyphs) becomes an
// error here too, never a crash of the desk.
func (d *Doc) Write(w io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the PDF could not be written: %v", r)
		}
	}()
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("the PDF could not be drawn: %w", err)
	}
	return d.pdf.Output(w)
}

// build runs draw on a new document and writes it, turning a panic inside
// gofpdf into an error.
func build(w io.Writer, title string, o Options, draw func(d *Doc) error) (err error) {
	return buildPages(w, title, o, func(d *Doc) error {
		d.pdf.AddPage()
		return draw(d)
	})
}

// buildPages is build for a draw that adds its own pages.
func buildPages(w io.Writer, title string, o Options, draw func(d *Doc) error) (err error) {
	d := newDoc(title, o)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the PDF could not be drawn: %v", r)
		}
	}()
	if err := draw(d); err != nil {
		return err
	}
	return d.Write(w)
}
