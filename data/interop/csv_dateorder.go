package interop

import (
	"regexp"
	"strconv"

	"frontdesk/data"
)

// DateOrder is what the dates of a file say about the order they are
// written in. A date like 25/05/1989 can only be day first, 05/25/1989
// only month first; 03/04/1985 can be either, and needs the file's other
// dates, or a person, to say which. ISO dates (1989-05-25) settle
// themselves and say nothing about the others.
type DateOrder struct {
	// Proved is the order some date proves (DMY or MDY), with the first
	// such date and its line; "" when none does.
	Proved    data.DateFormat
	Proof     string
	ProofLine int
	// Mixed is set when other dates prove the other order: the file
	// mixes both (Against is the first of those, on AgainstLine).
	Mixed       bool
	Against     string
	AgainstLine int
	// Ambiguous counts the dates that read differently either way;
	// Example is the first of them, on ExampleLine.
	Ambiguous   int
	Example     string
	ExampleLine int
}

// NeedsChoice reports whether a person must say the order: some dates
// read differently either way and no date of the file settles it.
func (o DateOrder) NeedsChoice() bool { return o.Proved == "" && o.Ambiguous > 0 }

// Contradicts reports whether order goes against what the file proves:
// reading it so would misread its dates.
func (o DateOrder) Contradicts(order data.DateFormat) bool {
	return o.Proved != "" && !o.Mixed && order != "" && order != o.Proved
}

// Use returns the order to read the file's dates in: the one it proves,
// else chosen (which a file that needs no choice may leave ""), else
// day first, which only matters for dates whose day and month are equal.
// A file that mixes both orders is read date by date (see mixedOrder).
func (o DateOrder) Use(chosen data.DateFormat) data.DateFormat {
	switch {
	case o.Mixed:
		return mixedOrder
	case o.Proved != "":
		return o.Proved
	case chosen != "":
		return chosen
	}
	return data.DMY
}

// mixedOrder reads each date of a file that writes dates both ways in
// the only order that makes it a date, and refuses those that could be
// either.
const mixedOrder data.DateFormat = "mixed"

// dayMonthYear matches a date with its day and month first, in some order.
var dayMonthYear = regexp.MustCompile(`^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-][0-9]{4}$`)

// observe takes one date cell into account.
func (o *DateOrder) observe(cell string, line int) {
	if m := atMidnight.FindStringSubmatch(cell); m != nil {
		cell = m[1]
	}
	m := dayMonthYear.FindStringSubmatch(cell)
	if m == nil {
		return
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	var proves data.DateFormat
	switch {
	case a > 12 && b >= 1 && b <= 12:
		proves = data.DMY
	case b > 12 && a >= 1 && a <= 12:
		proves = data.MDY
	case a != b && a >= 1 && b >= 1 && a <= 12 && b <= 12:
		o.Ambiguous++
		if o.Example == "" {
			o.Example, o.ExampleLine = cell, line
		}
		return
	default:
		return
	}
	switch {
	case o.Proved == "":
		o.Proved, o.Proof, o.ProofLine = proves, cell, line
	case proves != o.Proved && !o.Mixed:
		o.Mixed, o.Against, o.AgainstLine = true, cell, line
	}
}

// DateOrder reads every date of the columns that hold dates under cols.
func (src *Source) DateOrder(cols []Target) DateOrder {
	var o DateOrder
	for i, t := range cols {
		if t != field(data.FieldBirthDate) && t != field(data.FieldDeceasedDate) {
			continue
		}
		for _, r := range src.Records {
			o.observe(trimCell(r.Fields[i]), r.Line)
		}
	}
	return o
}

// readDateIn reads a date cell in order; in mixedOrder, day first and
// month first must agree, or only one of them make a date.
func readDateIn(p *data.Problems, f, s string, order data.DateFormat) data.Date {
	if order != mixedOrder {
		return readDate(p, f, s, order)
	}
	var dmy, mdy data.Problems
	d1 := readDate(&dmy, f, s, data.DMY)
	d2 := readDate(&mdy, f, s, data.MDY)
	switch {
	case len(dmy) == 0 && len(mdy) == 0 && d1 != d2:
		p.Report(f, "import.problem.date_mixed", "Field", data.PatientLabel(f), "Text", s)
		return data.Date{}
	case len(dmy) == 0:
		return d1
	case len(mdy) == 0:
		return d2
	}
	*p = append(*p, dmy...)
	return data.Date{}
}
