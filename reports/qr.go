package reports

import (
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
// one rectangle each.
func (q *qrCode) draw(d *Doc, x, y, side float64) {
	n := q.code.Size
	module := side / float64(n+8)
	x0, y0 := x+4*module, y+4*module
	d.pdf.SetFillColor(0, 0, 0)
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
			// A hair wider and taller than a module: no white seams
			// between neighbours in viewers that anti-alias.
			d.pdf.Rect(x0+float64(start)*module, y0+float64(row)*module, float64(col-start)*module+0.01, module+0.01, "F")
		}
	}
	d.pdf.SetFillColor(255, 255, 255)
}
