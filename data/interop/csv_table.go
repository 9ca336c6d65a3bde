package interop

import (
	"strconv"
	"strings"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// maxRecordLines bounds the lines one record may span: a value in quotes
// may hold line breaks (an address on three lines), but a quote that is
// never closed must not swallow the rest of the file.
const maxRecordLines = 50

// Record is one record of the file: its values, one per column, and the
// lines it spans (1-based, the header included; a value in quotes may
// hold line breaks, so a record may span several).
type Record struct {
	Line, LastLine int
	Fields         []string
}

// LineIssue is what is wrong with a line of the file, or said about it.
type LineIssue struct {
	Line, LastLine int
	Issue          data.Issue
}

// Table is a CSV file read into records under its header.
type Table struct {
	Delimiter byte
	Header    []string
	Records   []Record
	// Broken are the records that could not be read (a quote never
	// closed, more values than the header has columns), by line.
	Broken []LineIssue
	// Blank counts the records with no value at all (spreadsheet rows
	// left empty), which are passed over.
	Blank int
}

// rawRecord is one record as the file writes it.
type rawRecord struct {
	line, last int
	fields     []string
	resume     int // the offset of the record's second line, where reading resumes when it is broken
}

// scanner splits text into records: RFC 4180, with the line breaks of
// every system (\n, \r\n, \r), bare quotes inside an unquoted value kept
// as they are, and a quoted value that is not closed properly reported
// at the line where its record starts, reading going on from the next
// line (encoding/csv would take the rest of the file for one value, or
// stop there).
type scanner struct {
	text  string
	delim byte
	pos   int
	line  int
}

func newScanner(text string, delim byte) *scanner { return &scanner{text: text, delim: delim, line: 1} }

// next returns the next record; broken, when not "", names why it could
// not be read (reading then goes on from the record's second line). ok
// is false at the end of the text.
func (sc *scanner) next() (rec rawRecord, broken i18n.Key, ok bool) {
	t := sc.text
	for sc.pos < len(t) && (t[sc.pos] == '\n' || t[sc.pos] == '\r') { // empty lines
		sc.skipBreak()
	}
	if sc.pos >= len(t) {
		return rec, "", false
	}
	start, startLine := sc.pos, sc.line
	rec.line = startLine
	rec.resume = lineEnd(t, start)
	fail := func(why i18n.Key) (rawRecord, i18n.Key, bool) {
		rec.last = sc.line
		sc.pos, sc.line = rec.resume, startLine+1
		return rec, why, true
	}
	for {
		var field string
		if sc.pos < len(t) && t[sc.pos] == '"' {
			var why i18n.Key
			if field, why = sc.quoted(startLine); why != "" {
				return fail(why)
			}
		} else {
			end := sc.pos
			for end < len(t) && t[end] != sc.delim && t[end] != '\n' && t[end] != '\r' {
				end++
			}
			field, sc.pos = t[sc.pos:end], end
		}
		rec.fields = append(rec.fields, field)
		if sc.pos >= len(t) {
			break
		}
		if t[sc.pos] == sc.delim {
			sc.pos++
			continue
		}
		sc.skipBreak()
		rec.last = sc.line - 1
		return rec, "", true
	}
	rec.last = sc.line
	return rec, "", true
}

// quoted reads a quoted value at sc.pos: "" stands for one quote, line
// breaks inside become \n. The closing quote must be followed by the
// delimiter, a line break or the end of the text.
func (sc *scanner) quoted(startLine int) (string, i18n.Key) {
	t := sc.text
	sc.pos++
	var b strings.Builder
	for {
		i := strings.IndexByte(t[sc.pos:], '"')
		if i < 0 {
			return "", "import.line.unclosed_quote"
		}
		if !sc.copyLines(&b, t[sc.pos:sc.pos+i]) || sc.line-startLine >= maxRecordLines {
			return "", "import.line.unclosed_quote"
		}
		sc.pos += i + 1
		switch {
		case sc.pos < len(t) && t[sc.pos] == '"':
			b.WriteByte('"')
			sc.pos++
		case sc.pos >= len(t) || t[sc.pos] == sc.delim || t[sc.pos] == '\n' || t[sc.pos] == '\r':
			return b.String(), ""
		default:
			return "", "import.line.stray_quote"
		}
	}
}

// copyLines writes s to b with its line breaks as \n, counting them; it
// returns false once the value spans more lines than a record may.
func (sc *scanner) copyLines(b *strings.Builder, s string) bool {
	for {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			b.WriteString(s)
			return true
		}
		b.WriteString(s[:i])
		b.WriteByte('\n')
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		s = s[i+1:]
		sc.line++
	}
}

// skipBreak passes one line break (\n, \r\n or \r) at sc.pos.
func (sc *scanner) skipBreak() {
	if sc.text[sc.pos] == '\r' && sc.pos+1 < len(sc.text) && sc.text[sc.pos+1] == '\n' {
		sc.pos++
	}
	sc.pos++
	sc.line++
}

// lineEnd returns the offset just after the line break that ends the
// line holding offset i (the end of the text on the last line).
func lineEnd(t string, i int) int {
	j := strings.IndexAny(t[i:], "\r\n")
	if j < 0 {
		return len(t)
	}
	j += i
	if t[j] == '\r' && j+1 < len(t) && t[j+1] == '\n' {
		j++
	}
	return j + 1
}

// delimiters are the separators spreadsheets write: comma, semicolon
// (where the comma is the decimal separator, as in France or Spain), tab
// and, from some practice programs, the vertical bar.
var delimiters = []byte{',', ';', '\t', '|'}

// sniffRecords is how many records the delimiter is chosen on.
const sniffRecords = 40

// sniff chooses the delimiter under which the first records agree with
// the header's number of columns most often; a header of one column
// under every delimiter means a file of one column (comma, say).
func sniff(text string) byte {
	best, bestScore := delimiters[0], -1
	for _, d := range delimiters {
		sc := newScanner(text, d)
		header, _, ok := sc.next()
		if !ok || len(header.fields) < 2 {
			continue
		}
		agree := 0
		for n := 0; n < sniffRecords; n++ {
			rec, broken, ok := sc.next()
			if !ok {
				break
			}
			if broken == "" && width(rec.fields) <= len(header.fields) && width(rec.fields) > 1 {
				agree++
			}
		}
		if score := agree*100 + min(len(header.fields), 99); score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// width is the number of fields up to the last one with a value.
func width(fields []string) int {
	n := len(fields)
	for n > 0 && strings.TrimSpace(fields[n-1]) == "" {
		n--
	}
	return n
}

// excelSeparator reads the "sep=;" line Excel writes and reads first in
// a CSV file to name its delimiter; it returns the text after that line.
func excelSeparator(text string) (byte, string, bool) {
	if len(text) < 5 || !strings.HasPrefix(strings.ToLower(text[:4]), "sep=") {
		return 0, text, false
	}
	end := lineEnd(text, 0)
	if sep := strings.TrimRight(text[4:end], "\r\n"); len(sep) == 1 {
		return sep[0], text[end:], true
	}
	return 0, text, false
}

// readTable reads text into a table: the delimiter named by a "sep="
// line or guessed, the first record as the header, every other record
// under it. Values beyond the header's columns must be empty (a
// spreadsheet pads rows with empty cells); a record with more values is
// broken, and when it spans several lines reading resumes at its second
// line, because a stray quote, not the file, most likely joined them.
func readTable(text string) (*Table, error) {
	delim, rest, named := excelSeparator(text)
	offset := 0
	if named {
		offset = 1
	} else {
		delim = sniff(text)
	}
	sc := newScanner(rest, delim)
	sc.line += offset
	tab := &Table{Delimiter: delim}
	var header rawRecord
	for {
		rec, broken, ok := sc.next()
		if !ok {
			return nil, data.NewError(data.EInvalid, "import.error.empty")
		}
		if broken != "" {
			return nil, data.NewError(data.EInvalid, "import.error.header", "Line", strconv.Itoa(rec.line))
		}
		if width(rec.fields) > 0 {
			header = rec
			break
		}
	}
	cols := width(header.fields)
	tab.Header = header.fields[:cols]
	for i, h := range tab.Header {
		tab.Header[i] = strings.TrimSpace(h)
	}
	for {
		rec, broken, ok := sc.next()
		if !ok {
			break
		}
		if broken != "" {
			tab.broken(rec, broken)
			continue
		}
		w := width(rec.fields)
		switch {
		case w == 0:
			tab.Blank++
			continue
		case w > cols:
			tab.broken(rec, "import.line.too_many_values", "Values", w, "Columns", cols)
			if rec.last > rec.line {
				sc.pos, sc.line = rec.resume, rec.line+1
			}
			continue
		}
		fields := make([]string, cols)
		copy(fields, rec.fields)
		tab.Records = append(tab.Records, Record{Line: rec.line, LastLine: rec.last, Fields: fields})
	}
	return tab, nil
}

func (tab *Table) broken(rec rawRecord, key i18n.Key, args ...any) {
	var p data.Problems
	p.Report("", key, args...)
	tab.Broken = append(tab.Broken, LineIssue{Line: rec.line, LastLine: rec.last, Issue: p[0]})
}
