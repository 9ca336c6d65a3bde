package assets

import _ "embed"

// DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew and Arabic (with its
// presentation forms): the names a practice meets. Bitstream Vera licence,
// see fonts/LICENSE-DejaVu.txt.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// FontRegular returns a fresh copy of the regular PDF font, so that no
// caller can change the embedded bytes. Upstream gofpdf wrote into the
// bytes it was given; the patched copy in third_party/gofpdf does not,
// and reports keeps one copy per process for every document.
func FontRegular() []byte { return append([]byte(nil), fontRegular...) }

// FontBold returns a fresh copy of the bold PDF font.
func FontBold() []byte { return append([]byte(nil), fontBold...) }
