package data

import (
	"encoding/csv"
	"io"
	"strings"
)

// CSVWriter writes the exports of DESIGN §7: UTF-8, a header row, comma
// separated, CRLF-free ("\n") lines, cells quoted only when needed. Cells
// that a spreadsheet would run as a formula are defused.
type CSVWriter struct {
	w   *csv.Writer
	err error
}

// NewCSVWriter starts an export on w with its header row.
func NewCSVWriter(w io.Writer, header ...string) *CSVWriter {
	c := &CSVWriter{w: csv.NewWriter(w)}
	c.Row(header...)
	return c
}

// Row writes one row. Errors are kept and returned by Close.
func (c *CSVWriter) Row(cells ...string) {
	if c.err != nil {
		return
	}
	safe := make([]string, len(cells))
	for i, s := range cells {
		safe[i] = defuseFormula(s)
	}
	c.err = c.w.Write(safe)
}

// Close flushes the rows and reports the first error (a full disk, a
// closed pipe).
func (c *CSVWriter) Close() error {
	c.w.Flush()
	if c.err != nil {
		return c.err
	}
	return c.w.Error()
}

// defuseFormula prefixes a quote to cells that Excel or LibreOffice would
// evaluate ("=HYPERLINK(…)" typed as a name), but leaves phone numbers
// (+33 …) and negative amounts (-12.50) as they are.
func defuseFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if len(s) > 1 && !strings.ContainsRune("0123456789 .(", rune(s[1])) {
			return "'" + s
		}
	}
	return s
}
