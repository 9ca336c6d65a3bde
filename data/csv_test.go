package data_test

import (
	"bytes"
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
