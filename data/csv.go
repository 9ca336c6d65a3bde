package data

import (
	"encoding/csv"
	"io"
	"strings"
	"unicode/utf8"
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

// defuseFormula follows OWASP's rule against CSV injection: a cell that
// begins with =, +, -, @, a tab or a carriage return (or the full-width
// ＝ ＋ － ＠ that some spreadsheets also accept) gets a single quote in
// front, so that Excel and LibreOffice show it as text instead of running
// it ("=HYPERLINK(…)" typed as a name, "-2+3+cmd|' /C calc'!A0").
//
// One exception keeps the practice's data readable by people and by the
// programs it is imported into: a cell that begins with + or - and holds
// nothing else but digits, spaces and the punctuation of numbers and phone
// numbers (. , ( ) / -), with at least one digit: a phone number such as
// "+33 1 23 45 67 89" or "+1 (555) 123-4567", an amount such as "-12.50".
// Such a cell names no function, no cell reference and no command (all
// need letters or symbols it cannot hold), so at worst a spreadsheet
// computes it as a number; a second + ("-1+1") is not let through.
func defuseFormula(s string) string {
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + s
	case '+', '-':
		if !plainNumber(s[1:]) {
			return "'" + s
		}
	}
	return s
}

// plainNumber reports whether s holds only digits, spaces and . , ( ) / -,
// with at least one digit.
func plainNumber(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" .,()/-", r):
		default:
			return false
		}
	}
	return digits > 0
}
