package reports

import (
	"bytes"
	"strings"
	"sync"

	"github.com/jung-kurt/gofpdf"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// The one letterhead of the practice's documents: letters, invoices,
// receipts and the patient summary all start their first page with it,
// so a change in Settings → Practice changes them all alike.

// Area is the part of a page left to a document's content, in millimetres.
type Area struct {
	X, Y, W float64 // top left corner and width
	Bottom  float64 // the content stops above this line
}

// Sizes of the letterhead, in millimetres.
const (
	logoMaxHeight      = 22.0
	logoMaxWidth       = 45.0
	signatureMaxHeight = 18.0
	signatureMaxWidth  = 50.0
)

// Letterhead draws the practice's letterhead at the top of the current
// page (logo, name, address, phone and e-mail, registration and tax
// numbers) and puts its footer line at the foot of every page. It
// returns the area below it, for the document's content; the cursor is
// at its top left corner. Labels are in the document's language (SetLanguage).
func (d *Doc) Letterhead(lh data.Letterhead) Area {
	d.letterFooter = lh.Footer
	top := margin
	x := margin
	bottom := top
	if w, h, ok := d.image(lh.Logo, margin, top, logoMaxWidth, logoMaxHeight); ok {
		x += w + 5
		bottom = top + h
	}
	width := d.pageWidth() - (x - margin)
	d.pdf.SetXY(x, top)
	d.pdf.SetFont("DejaVu", "B", 13)
	for _, line := range d.wrap(lh.Name, width) {
		d.pdf.SetX(x)
		d.pdf.CellFormat(width, 6, d.text(line), "", 1, "L", false, 0, "")
	}
	d.pdf.SetFont("DejaVu", "", 9)
	d.pdf.SetTextColor(60, 60, 60)
	var details []string
	for _, line := range strings.Split(lh.Address, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			details = append(details, line)
		}
	}
	if contact := joinNonEmpty(" · ", lh.Phone, lh.Email); contact != "" {
		details = append(details, contact)
	}
	for _, s := range details {
		for _, line := range d.wrap(s, width) {
			d.pdf.SetX(x)
			d.pdf.CellFormat(width, 4.2, d.text(line), "", 1, "L", false, 0, "")
		}
	}
	var numbers []string
	if lh.Registration != "" {
		numbers = append(numbers, d.words.T("pdf.letterhead.registration", "Number", lh.Registration))
	}
	if lh.TaxNumber != "" {
		numbers = append(numbers, d.words.T("pdf.letterhead.tax_number", "Number", lh.TaxNumber))
	}
	if len(numbers) > 0 {
		d.pdf.SetFont("DejaVu", "", 8)
		d.pdf.SetTextColor(100, 100, 100)
		for _, line := range d.wrap(strings.Join(numbers, " · "), width) {
			d.pdf.SetX(x)
			d.pdf.CellFormat(width, 4, d.text(line), "", 1, "L", false, 0, "")
		}
	}
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetFont("DejaVu", "", fontSize)
	bottom = max(bottom, d.pdf.GetY()) + 3
	d.pdf.SetXY(margin, bottom)
	d.rule()
	d.pdf.SetXY(margin, bottom+5)
	_, pageHeight := d.pdf.GetPageSize()
	return Area{X: margin, Y: bottom + 5, W: d.pageWidth(), Bottom: pageHeight - margin}
}

// Signature draws the practice's signature image with its top left at
// (x, y) and returns its height; 0 when there is none.
func (d *Doc) Signature(lh data.Letterhead, x, y float64) float64 {
	if _, h, ok := d.image(lh.Signature, x, y, signatureMaxWidth, signatureMaxHeight); ok {
		return h
	}
	return 0
}

// image draws im inside a box of maxW × maxH millimetres at (x, y),
// keeping its proportions, and returns the size it took. An image gofpdf
// cannot read is left out (the document is printed without it), never
// allowed to fail the document.
func (d *Doc) image(im *data.Image, x, y, maxW, maxH float64) (w, h float64, ok bool) {
	if im == nil || im.Width <= 0 || im.Height <= 0 {
		return 0, 0, false
	}
	opts := gofpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
	if im.MediaType == "image/jpeg" {
		opts.ImageType = "JPG"
	}
	name := "img-" + im.ID
	if d.pdf.GetImageInfo(name) == nil {
		if !readableImage(name, opts, im.Data) {
			return 0, 0, false
		}
		d.pdf.RegisterImageOptionsReader(name, opts, bytes.NewReader(im.Data))
	}
	w, h = maxW, maxW*float64(im.Height)/float64(im.Width)
	if h > maxH {
		w, h = maxH*float64(im.Width)/float64(im.Height), maxH
	}
	d.pdf.ImageOptions(name, x, y, w, h, false, opts, 0, "")
	return w, h, true
}

// readableImages remembers the images gofpdf was seen to read, by name
// (their content's hash): a letterhead's logo is tried once per process.
var readableImages sync.Map

// readableImage reports whether gofpdf reads the image, trying it on a
// scratch document: a failed image must not put the document itself in
// its error state.
func readableImage(name string, opts gofpdf.ImageOptions, raw []byte) bool {
	if ok, seen := readableImages.Load(name); seen {
		return ok.(bool)
	}
	probe := gofpdf.New("P", "mm", "A4", "")
	probe.RegisterImageOptionsReader(name, opts, bytes.NewReader(raw))
	ok := !probe.Err()
	readableImages.Store(name, ok)
	return ok
}

// SetLanguage chooses the language of the document's own words (its
// labels, "Page 1 of 2"): the practice's document language.
func (d *Doc) SetLanguage(l i18n.Lang) { d.words = i18n.For(l) }

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
