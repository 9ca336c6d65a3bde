package reports

import (
	"fmt"
	"io"
	"strings"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// LetterContent is a letter ready to print: its text with every merge
// field replaced, and the letterhead it goes out with.
type LetterContent struct {
	Letterhead data.Letterhead
	Language   i18n.Lang
	Date       data.Date // printed in words, in the letter's language
	DateFormat data.DateFormat
	Recipient  string
	Subject    string
	Body       string
	Signer     string // the practitioner's name under the signature
}

// Letter writes one letter as a PDF.
func Letter(w io.Writer, lc LetterContent, o Options) error {
	return Letters(w, []LetterContent{lc}, o, nil)
}

// Letters writes letters into one PDF, each starting on a new page and
// numbered on its own ("Page 1 of 2" within each letter). progress, when
// given, is told after each letter how many are done, and stops the
// run by returning false: nothing is written to w then, and the error
// is ErrCancelled.
func Letters(w io.Writer, letters []LetterContent, o Options, progress func(done int) bool) error {
	title := "Letters"
	if len(letters) == 1 {
		title = letters[0].Subject
	}
	return buildPages(w, title, o, func(d *Doc) error {
		for i, lc := range letters {
			d.letter(lc)
			if progress != nil && !progress(i+1) {
				return ErrCancelled
			}
		}
		return nil
	})
}

// ErrCancelled is returned by a run that its progress function stopped.
var ErrCancelled = fmt.Errorf("cancelled")

// Layout of a letter, in millimetres.
const (
	recipientX      = 110.0 // where a window envelope shows the address
	recipientY      = 50.0
	letterLine      = 5.2
	signatureGap    = 6.0
	signatureBottom = 30.0 // room kept under the body for the signature block
)

// letterLayout is a letter measured before it is drawn, so that every
// page can say "Page 1 of 2" of its own letter.
type letterLayout struct {
	pages [][]string // body lines, page by page
	first float64    // where the body starts on the first page
}

func (d *Doc) letter(lc LetterContent) {
	d.SetLanguage(lc.Language)
	d.pdf.AddPage()
	d.pageLabel = ""
	area := d.Letterhead(lc.Letterhead)
	words := d.words.WithDateOrder(string(lc.DateFormat))

	// The recipient where a window envelope shows it, the date under it.
	y := max(area.Y, recipientY)
	d.pdf.SetFont("DejaVu", "", 10)
	recipientWidth := area.X + area.W - recipientX
	for _, line := range d.wrap(lc.Recipient, recipientWidth) {
		if strings.TrimSpace(line) == "" && y == max(area.Y, recipientY) {
			continue
		}
		d.pdf.SetXY(recipientX, y)
		d.pdf.CellFormat(recipientWidth, letterLine, d.text(line), "", 0, "L", false, 0, "")
		y += letterLine
	}
	if strings.TrimSpace(lc.Recipient) != "" {
		y = max(y+8, area.Y+30) // below the window of the envelope
	} else {
		y = area.Y // a certificate: no address block to leave room for
	}
	d.pdf.SetXY(area.X, y)
	d.pdf.CellFormat(area.W, letterLine, d.text(data.LetterDate(words, lc.Date)), "", 0, "R", false, 0, "")
	y += letterLine * 2
	if lc.Subject != "" {
		d.pdf.SetFont("DejaVu", "B", 10)
		for _, line := range d.wrap(d.words.T("pdf.letter.subject", "Subject", lc.Subject), area.W) {
			d.pdf.SetXY(area.X, y)
			d.pdf.CellFormat(area.W, letterLine, d.text(line), "", 0, "L", false, 0, "")
			y += letterLine
		}
		y += letterLine
	}
	d.pdf.SetFont("DejaVu", "", 10)

	lay := d.layoutLetter(lc.Body, area, y)
	for p, lines := range lay.pages {
		if p > 0 {
			d.pdf.AddPage()
			y = margin
		} else {
			y = lay.first
		}
		d.pageLabel = d.words.T("report.page", "Page", fmt.Sprint(p+1), "Pages", fmt.Sprint(len(lay.pages)))
		for _, line := range lines {
			d.pdf.SetXY(area.X, y)
			d.pdf.CellFormat(area.W, letterLine, d.text(line), "", 0, "L", false, 0, "")
			y += letterLine
		}
	}
	// The signature block, kept on the body's last page by the layout.
	y += signatureGap
	x := area.X + area.W/2
	y += d.Signature(lc.Letterhead, x, y)
	if lc.Signer != "" {
		d.pdf.SetXY(x, y+1)
		d.pdf.CellFormat(area.W/2, letterLine, d.text(lc.Signer), "", 0, "L", false, 0, "")
	}
}

// layoutLetter breaks the body into lines and the lines into pages; the
// last page keeps room for the signature block.
func (d *Doc) layoutLetter(body string, area Area, first float64) letterLayout {
	lines := d.wrap(body, area.W)
	lay := letterLayout{first: first}
	perPage := func(top float64) int { return max(1, int((area.Bottom-top)/letterLine)) }
	top := first
	for len(lines) > 0 {
		n := perPage(top)
		if len(lines) <= n {
			// The last lines: the signature must fit below them too, or
			// it goes to a page of its own with the last two lines.
			if float64(len(lines))*letterLine+signatureBottom > area.Bottom-top && len(lines) > 2 {
				lay.pages = append(lay.pages, lines[:len(lines)-2])
				lines = lines[len(lines)-2:]
				top = margin
				continue
			}
			lay.pages = append(lay.pages, lines)
			break
		}
		lay.pages = append(lay.pages, lines[:n])
		lines = lines[n:]
		top = margin
	}
	if len(lay.pages) == 0 {
		lay.pages = [][]string{nil}
	}
	return lay
}
