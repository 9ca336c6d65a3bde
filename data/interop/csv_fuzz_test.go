package interop

import (
	"strings"
	"testing"
)

// FuzzRead feeds the reader any bytes: it must never panic, and what it
// returns must hold together: every record as wide as the header, every
// record and broken line numbered within the file, in order.
func FuzzRead(f *testing.F) {
	f.Add([]byte(messy))
	f.Add([]byte("sep=;\nnom;prénom\nA;\"b\"\"c\"\n"))
	f.Add([]byte("a,b\n\"x\ny\",z\r\n\"open,\n"))
	for _, enc := range encoders {
		f.Add(enc(writeCSV('\t', dateForms["dmy"], headers[0])))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		src, err := Read(strings.NewReader(string(b)), "fuzz.csv")
		if err != nil {
			return
		}
		lines := strings.Count(string(b), "\n") + strings.Count(string(b), "\r") + 2
		prev := 0
		for _, r := range src.Records {
			if len(r.Fields) != len(src.Header) || len(src.Columns) != len(src.Header) {
				t.Fatalf("record of %d fields under %d columns", len(r.Fields), len(src.Header))
			}
			if r.Line <= prev || r.LastLine < r.Line || r.LastLine > lines {
				t.Fatalf("record on lines %d-%d after line %d (file of %d lines)", r.Line, r.LastLine, prev, lines)
			}
			prev = r.Line
		}
		for _, l := range src.Broken {
			if l.Line < 1 || l.LastLine < l.Line || l.LastLine > lines || l.Issue.Key == "" {
				t.Fatalf("broken line %+v", l)
			}
		}
	})
}
