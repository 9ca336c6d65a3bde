package interop

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"frontdesk/data"
)

// Encoding names how the bytes of a file were read.
type Encoding string

// The encodings spreadsheets and practice programs write CSV in.
const (
	UTF8        Encoding = "UTF-8"
	UTF8BOM     Encoding = "UTF-8 with BOM"
	UTF16LE     Encoding = "UTF-16LE"
	UTF16BE     Encoding = "UTF-16BE"
	Windows1252 Encoding = "Windows-1252"
)

// decode returns the text of b and the encoding it was read in: a byte
// order mark settles it (Excel writes one before UTF-8 and UTF-16);
// without one, text that is valid UTF-8 is UTF-8, text with a zero byte
// in every other place is UTF-16, and anything else is Windows-1252, the
// code page of Western-European Windows, which can decode any byte.
//
// A workbook (.xlsx, .ods, .xls) or another file with zero bytes in it is
// refused: people pick the spreadsheet itself instead of its CSV export.
func decode(b []byte) (string, Encoding, error) {
	if err := workbook(b); err != nil {
		return "", "", err
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(bytes.ToValidUTF8(b[3:], []byte("\uFFFD"))), UTF8BOM, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeUTF16(b[2:], UTF16LE)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b[2:], UTF16BE)
	}
	if e, ok := utf16WithoutBOM(b); ok {
		return decodeUTF16(b, e)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", "", data.NewError(data.EInvalid, "import.error.not_text")
	}
	if utf8.Valid(b) {
		return string(b), UTF8, nil
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(s), Windows1252, err
}

func decodeUTF16(b []byte, e Encoding) (string, Encoding, error) {
	order := unicode.LittleEndian
	if e == UTF16BE {
		order = unicode.BigEndian
	}
	s, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(b)
	return string(s), e, err
}

// utf16WithoutBOM recognises UTF-16 text of Latin letters written without
// a byte order mark: a zero byte at most odd places (little-endian) or
// at most even places (big-endian) of its first kilobytes.
func utf16WithoutBOM(b []byte) (Encoding, bool) {
	n := min(len(b), 4096) &^ 1
	if n < 4 {
		return "", false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*7 && even*10 < pairs:
		return UTF16LE, true
	case even*10 >= pairs*7 && odd*10 < pairs:
		return UTF16BE, true
	}
	return "", false
}

// workbook recognises a spreadsheet workbook: .xlsx and .ods files are
// zip archives, .xls files OLE compound files.
func workbook(b []byte) error {
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) || bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return data.NewError(data.EInvalid, "import.error.workbook")
	}
	return nil
}
