package data_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"frontdesk/data"
)

func TestCSVWriterDefusesFormulasButKeepsNumbers(t *testing.T) {
	var buf bytes.Buffer
	c := data.NewCSVWriter(&buf, "name", "phone", "amount")
	c.Row("=HYPERLINK(\"x\")", "+33 6 12 34 56 78", "-12.50")
	c.Row("@SUM(A1)", "-cmd", "Zoé, \"la\" Gómez")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	want := "name,phone,amount\n" +
		"\"'=HYPERLINK(\"\"x\"\")\",+33 6 12 34 56 78,-12.50\n" +
		"'@SUM(A1),'-cmd,\"Zoé, \"\"la\"\" Gómez\"\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// TestCSVDefusingFollowsOWASP checks each cell on its own: the attacks of
// OWASP's CSV-injection page and issue 9, and the numbers a practice keeps.
func TestCSVDefusingFollowsOWASP(t *testing.T) {
	for _, c := range []struct{ cell, want string }{
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"+ HYPERLINK(\"http://x\", \"click\")", "'+ HYPERLINK(\"http://x\", \"click\")"},
		{"+1 HYPERLINK(1)", "'+1 HYPERLINK(1)"},
		{"-(1)+A1", "'-(1)+A1"},
		{"-1+1", "'-1+1"},
		{"+A1", "'+A1"},
		{"-", "'-"},
		{"+", "'+"},
		{"=1+1", "'=1+1"},
		{"@SUM(1)", "'@SUM(1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"＝1+1", "'＝1+1"},
		{"＋HYPERLINK(1)", "'＋HYPERLINK(1)"},
		{"－1", "'－1"},
		{"＠SUM(1)", "'＠SUM(1)"},
		// Kept: plain numbers, phone numbers, ordinary text.
		{"-12.50", "-12.50"},
		{"+33 1 23 45 67 89", "+33 1 23 45 67 89"},
		{"+1 (555) 123-4567", "+1 (555) 123-4567"},
		{"-0,5", "-0,5"},
		{"06 12 34 56 78", "06 12 34 56 78"},
		{"Zoé", "Zoé"},
		{"a=b", "a=b"},
	} {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{c.want})
		w.Flush()
		want := buf.String()
		buf.Reset()
		d := data.NewCSVWriter(&buf, "cell")
		d.Row(c.cell)
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimPrefix(buf.String(), "cell\n"); got != want {
			t.Errorf("%q became %q, want %q", c.cell, got, want)
		}
	}
}
