package reports

import (
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"frontdesk/data/i18n"
)

func TestColumnWidthsShareThePage(t *testing.T) {
	d := newDoc("Columns", Options{Created: fixedTime})
	d.pdf.AddPage()
	page := d.pageWidth()
	sum := func(ws []float64) float64 {
		s := 0.0
		for _, w := range ws {
			s += w
		}
		return s
	}
	// Fixed widths stay; one open column takes the rest, as before.
	ws := d.columnWidths([]Column{{Title: "A", Width: 30}, {Title: "B", Width: 50}, {Title: "C"}}, [][]string{{"x", "y", "z"}})
	if ws[0] != 30 || ws[1] != 50 || math.Abs(ws[2]-(page-80)) > 1e-9 {
		t.Errorf("fixed and one open column: %v", ws)
	}
	// Short content: every cell whole, the page filled, the last column taking the rest.
	cols := []Column{{Title: "Time", NoWrap: true}, {Title: "Name"}, {Title: "Notes"}}
	ws = d.columnWidths(cols, [][]string{{"09:00–09:15", "Zoé Lefèvre", "Fasting"}})
	if math.Abs(sum(ws)-page) > 1e-6 || ws[0] < d.width("09:00–09:15")+cellPadding || ws[1] < d.width("Zoé Lefèvre")+cellPadding || ws[2] < ws[1] {
		t.Errorf("short content: %v (page %.1f)", ws, page)
	}
	// Too much for the page: the phone numbers stay whole, and the row
	// that can go on one line does, while the long note wraps.
	rows := [][]string{
		{"+33 6 12 34 56 78", "Zoé", strings.Repeat("word ", 60)},
		{"+33 6 12 34 56 79", "Marie-Françoise Bertrand-Renault de la Tour", "ok"},
	}
	ws = d.columnWidths([]Column{{Title: "Phone", NoWrap: true}, {Title: "Name"}, {Title: "Notes"}}, rows)
	if math.Abs(sum(ws)-page) > 1e-6 || ws[0] < d.width("+33 6 12 34 56 78")+cellPadding ||
		ws[1] < d.width("Marie-Françoise Bertrand-Renault de la Tour")+cellPadding {
		t.Errorf("long content: %v", ws)
	}
	// A row too wide for one line keeps its name and type whole and lets
	// the long note wrap.
	row1 := []string{"13:30–14:00", "Fatima Boumediene", "A-000026", "06 64 92 46 65", "Long consultation", "done",
		"Recurring: Long consultation, then a word with the practitioner about the results"}
	ws = d.columnWidths(dayListColumns(i18n.For(i18n.English)), [][]string{row1})
	for i, cell := range row1[:6] {
		if ws[i] < d.width(cell)+cellPadding {
			t.Errorf("%q is cut in a %.1f mm column: %v", cell, ws[i], ws)
		}
	}
	if math.Abs(sum(ws)-page) > 1e-6 {
		t.Errorf("one wide row: %v", ws)
	}
	// Not even the words fit: all shrink alike, none below zero.
	var wide []Column
	var row []string
	for i := range 12 {
		wide = append(wide, Column{Title: fmt.Sprintf("C%d", i)})
		row = append(row, strings.Repeat("m", 20))
	}
	ws = d.columnWidths(wide, [][]string{row})
	if math.Abs(sum(ws)-page) > 1e-6 || ws[0] <= 0 || math.Abs(ws[0]-ws[11]) > 1e-9 {
		t.Errorf("nothing fits: %v", ws)
	}
	// A long table is weighed on a sample of its rows.
	long := make([][]string, 5000)
	for i := range long {
		long[i] = []string{fmt.Sprintf("%02d:00", i%24), fmt.Sprintf("Patient %d with a name", i), strings.Repeat("note ", i%9)}
	}
	ws = d.columnWidths(cols, long)
	if math.Abs(sum(ws)-page) > 1e-6 {
		t.Errorf("long table: %v", ws)
	}
}

// The cost of measuring the day list's columns, beside the same table
// with fixed widths (the layout before the columns were measured).
func BenchmarkDayListTable(b *testing.B) {
	names := []string{"Zoé Lefèvre-Gómez", "דוד כהן", "محمد حداد", "Jeanne Bertrand-Renault", "Åse Øster"}
	notes := []string{"", "Needs interpreter", "Follow-up after hospital stay", "Prescription renewal", ""}
	rows := make([][]string, 60)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("%02d:%02d–%02d:%02d", 8+i/6, i%6*10, 8+i/6, i%6*10+10), names[i%5], fmt.Sprintf("A-%06d", i),
			fmt.Sprintf("+33 6 12 34 56 %02d", i), "Consultation", "confirmed", notes[i%5]}
	}
	fixed := []Column{{Title: "Time", Width: 24}, {Title: "Patient", Width: 42}, {Title: "Chart", Width: 18},
		{Title: "Phone", Width: 30}, {Title: "Type", Width: 25}, {Title: "Status", Width: 17}, {Title: "Notes"}}
	for _, c := range []struct {
		name string
		cols []Column
	}{{"measured", dayListColumns(i18n.For(i18n.English))}, {"floor-fixed-widths", fixed}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				err := build(io.Discard, "Bench", Options{Created: fixedTime}, func(d *Doc) error {
					d.Table(c.cols, rows)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
