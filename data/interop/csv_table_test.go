package interop

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// scanAll splits text with the scanner: the records and the lines of
// the broken ones.
func scanAll(text string, delim byte) (recs []rawRecord, broken []int) {
	sc := newScanner(text, delim)
	for {
		rec, why, ok := sc.next()
		if !ok {
			return recs, broken
		}
		if why != "" {
			broken = append(broken, rec.line)
			continue
		}
		recs = append(recs, rec)
	}
}

func TestScannerLinesAndQuotes(t *testing.T) {
	text := "nom;prénom;adresse\r\n" + // 1
		"Dupont;Jean;\"12 rue X\r\n69001 Lyon\"\r\n" + // 2-3: a quoted line break
		"\r\n" + // 4: empty
		"Martin;\"Paul \"\"Popol\"\"\";\"\"\r\n" + // 5: doubled quotes, an empty quoted value
		"O\"Brien;Sean;\r" + // 6: a bare quote kept, an old Mac line end
		"Durand;\"Léa;rue Y\n" + // 7: a quote never closed on its line…
		"Petit;Luc;\"1 place Z\"\n" + // 8: …closed here by another value's quote, followed by a letter
		"\"Roux\" Jr;Max;\n" + // 9: a letter after a closing quote
		"Blanc;Eve;\"3 quai W" // 10: never closed at all
	recs, broken := scanAll(text, ';')
	var got [][]string
	var lines [][2]int
	for _, r := range recs {
		got = append(got, r.fields)
		lines = append(lines, [2]int{r.line, r.last})
	}
	want := [][]string{
		{"nom", "prénom", "adresse"},
		{"Dupont", "Jean", "12 rue X\n69001 Lyon"},
		{"Martin", `Paul "Popol"`, ""},
		{`O"Brien`, "Sean", ""},
		{"Petit", "Luc", "1 place Z"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("records:\n%q\nwant\n%q", got, want)
	}
	if want := [][2]int{{1, 1}, {2, 3}, {5, 5}, {6, 6}, {8, 8}}; !reflect.DeepEqual(lines, want) {
		t.Errorf("lines %v, want %v", lines, want)
	}
	if want := []int{7, 9, 10}; !reflect.DeepEqual(broken, want) {
		t.Errorf("broken lines %v, want %v", broken, want)
	}
}

// TestQuoteNeverClosedStopsAfterTheLimit: an opening quote with no
// closing one is given up after maxRecordLines lines, from wherever it
// is, and reading resumes on the next line.
func TestQuoteNeverClosedStopsAfterTheLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b\n1,\"open\n")
	for i := 0; i < 200; i++ {
		b.WriteString("x,y\n")
	}
	recs, broken := scanAll(b.String(), ',')
	if len(broken) != 1 || broken[0] != 2 || len(recs) != 201 || recs[1].line != 3 {
		t.Fatalf("broken %v, %d records, the second on line %d", broken, len(recs), recs[1].line)
	}
}

func TestSniffDelimiter(t *testing.T) {
	for _, c := range []struct {
		text string
		want byte
	}{
		{"nom;prénom;naissance\nDupont, Jean;Jean;25/05/1989\nMartin;Paul;01/02/1990\n", ';'},
		{"last,first,dob\n\"Smith; Jr\",John,1989-05-25\n", ','},
		{"last\tfirst\tdob\nSmith\tJohn\t1989-05-25\n", '\t'},
		{"last|first|dob\nSmith|John|1989-05-25\n", '|'},
		{"apellidos;nombre;importe\nGómez;José;12,50\nRuiz;Ana;3,20\n", ';'},
		{"name\nSmith\n", ','},
	} {
		if got := sniff(c.text); got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

func TestReadTableColumns(t *testing.T) {
	text := "sep=;\n" +
		"Nom;Prénom;Tél;;\n" + // trailing empty header cells
		"Dupont;Jean;0612345678;;;;\n" + // trailing empty values
		"Martin;Paul\n" + // trailing columns left out
		";;;\n" + // a blank spreadsheet row
		"Durand;Léa;06;x\n" + // a value beyond the header
		"Petit;Luc;\"x\n" + // too many values too, through a quote that joined two lines…
		"Roux\";07\n" // …whose second line is read again alone
	tab, err := readTable(text)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Delimiter != ';' || !reflect.DeepEqual(tab.Header, []string{"Nom", "Prénom", "Tél"}) || tab.Blank != 1 {
		t.Fatalf("delimiter %q, header %q, %d blank", tab.Delimiter, tab.Header, tab.Blank)
	}
	var got []string
	for _, r := range tab.Records {
		got = append(got, strings.Join(r.Fields, "|")+"@"+strconv.Itoa(r.Line))
	}
	if len(tab.Broken) != 2 || tab.Broken[0].Line != 6 || tab.Broken[1].Line != 7 || tab.Broken[1].LastLine != 8 ||
		tab.Broken[0].Issue.Key != "import.line.too_many_values" {
		t.Errorf("broken %+v", tab.Broken)
	}
	if !reflect.DeepEqual(got, []string{"Dupont|Jean|0612345678@3", "Martin|Paul|@4", "Roux\"|07|@8"}) {
		t.Errorf("records %q", got)
	}
}

// FuzzScanner checks the reader on any text: readTable never fails on
// a file with a header, and its records keep to the header's width in
// file order; where encoding/csv reads the text without an error, the
// scanner reads the same records.
func FuzzScanner(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n",
		"nom;prénom\r\nDupont;\"Jean\r\nPierre\"\r\n",
		"a,b\n\"x\"\"y\",z\n",
		"a\tb\n1\t\"2\n",
		"a|b\n\"1\"x|2\n",
		"sep=,\na,b\n1,2,3\n",
		"a,b\n,,\n\n\"\",\"\"\n",
		"a,b\r1,2\r3,4",
		"\"a\nb\",c\n1,2",
	} {
		f.Add(s, byte(0))
	}
	f.Fuzz(func(t *testing.T, text string, d byte) {
		if tab, err := readTable(text); err == nil {
			last := 0
			for _, r := range tab.Records {
				if r.Line <= last || r.LastLine < r.Line || len(r.Fields) != len(tab.Header) {
					t.Fatalf("record %+v after line %d under %d columns", r, last, len(tab.Header))
				}
				last = r.LastLine
			}
		}
		delim := delimiters[int(d)%len(delimiters)]
		if strings.Contains(strings.ReplaceAll(strings.TrimSuffix(text, "\r"), "\r\n", ""), "\r") {
			return // encoding/csv keeps a lone \r in a value; the scanner ends the line there
		}
		r := csv.NewReader(strings.NewReader(text))
		r.Comma = rune(delim)
		r.FieldsPerRecord = -1
		var want [][]string
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return // not RFC 4180: the scanner reports what csv refuses, its own way
			}
			want = append(want, rec)
		}
		recs, broken := scanAll(text, delim)
		if len(broken) > 0 {
			if strings.Count(text, "\n") >= maxRecordLines {
				return // a value over more lines than a record may span
			}
			t.Fatalf("the scanner broke lines %v that encoding/csv reads as %q", broken, want)
		}
		var got [][]string
		for _, rec := range recs {
			got = append(got, rec.fields)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("scanner %q\nencoding/csv %q", got, want)
		}
	})
}
