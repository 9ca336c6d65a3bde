package reports

import (
	"fmt"
	"strconv"

	"rsc.io/qr"
)

// qrCode is a QR code ready to draw as vector squares: crisp at any zoom
// and printer, and no image to embed.
type qrCode struct{ code *qr.Code }

// encodeQR encodes text at error correction level M, as the EPC's
// payment code asks.
func encodeQR(text string) (*qrCode, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, err
	}
	return &qrCode{c}, nil
}

// draw draws the code in a side × side square at (x, y), quiet zone
// included (four modules each side). Runs of black modules in a row are
// one rectangle each, all in one path filled at once and written in
// module units under a transformation: two small integers a rectangle
// instead of four millimetre figures through gofpdf's Rect, which made
// the code a fifth of an invoice's time and most of its page content.
func (q *qrCode) draw(d *Doc, x, y, side float64) {
	n := q.code.Size
	module := side / float64(n+8)
	x0, y0 := x+4*module, y+4*module
	k := d.pdf.GetConversionRatio()
	_, pageHeight := d.pdf.GetPageSize()
	// PDF space is in points from the bottom of the page: one module
	// across and one down, from the code's top-left corner.
	path := fmt.Appendf(nil, "q 0 g %.4f 0 0 %.4f %.2f %.2f cm\n", module*k, -module*k, x0*k, (pageHeight-y0)*k)
	for row := 0; row < n; row++ {
		for col := 0; col < n; {
			if !q.code.Black(col, row) {
				col++
				continue
			}
			start := col
			for col < n && q.code.Black(col, row) {
				col++
			}
			// A hair (0.02 module) wider and taller than the run: no
			// white seams between neighbours in viewers that anti-alias.
			// strconv, not fmt.Appendf: formatting was a twelfth of an
			// invoice whose fonts were kept.
			path = strconv.AppendInt(path, int64(start), 10)
			path = append(path, ' ')
			path = strconv.AppendInt(path, int64(row), 10)
			path = append(path, ' ')
			path = strconv.AppendInt(path, int64(col-start), 10)
			path = append(path, ".02 1.02 re\n"...)
		}
	}
	d.pdf.RawWriteStr(string(append(path, "f Q"...)))
	d.pdf.SetFillColor(255, 255, 255)
}
