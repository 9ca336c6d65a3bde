package interop

import (
	"context"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// Outcome is what becomes of one line of the file.
type Outcome int

// The outcomes of a line, from the best.
const (
	Imported Outcome = iota // goes in as written
	Noted                   // goes in, with a remark: a name with digits, a likely duplicate
	Skipped                 // not again: already in the practice, or a repeat of an earlier line
	Refused                 // cannot go in as written; the issues say why
)

// LineReport is what the report says of one line (a record may span
// several; Line is its first).
type LineReport struct {
	Line, LastLine int
	Outcome        Outcome
	Issues         []data.Issue
}

// Report is what an import finds in a file, the same for a dry run and
// the import itself.
type Report struct {
	File      string
	Encoding  Encoding
	Delimiter byte
	Header    []string
	Columns   []Target
	Dates     DateOrder
	Order     data.DateFormat // the order the dates were read in
	Records   int             // records holding values, broken ones included (not the header, nor blank rows)
	Blank     int
	// ToImport counts the patients that go in, Noted among them; Skipped
	// and Refused the lines that do not.
	ToImport, Noted, Skipped, Refused int
	// Lines are the lines with something to say, in file order.
	Lines []LineReport
}

// Plan is a checked file: its report and the patients it imports.
type Plan struct {
	Report
	patients []data.Patient
}

// Choices are what a person decided before the check: what each column
// holds (nil: as guessed) and, when the file's dates need it, their order.
type Choices struct {
	Columns   []Target
	DateOrder data.DateFormat
}

// checkChunk is how many lines are read at once, on every core, before
// they are placed in file order (duplicates looked for, outcomes
// counted); between two chunks the check notices a cancel and reports
// its progress.
const checkChunk = 2048

// Check reads every line of src as a patient, without writing anything:
// each value read strictly (dates in the file's order), each patient
// validated as the desk validates a form, names with odd characters and
// likely duplicates (of the practice's patients and of earlier lines)
// noted, exact repeats skipped. A line with a value that cannot be read
// as written is refused, with the reason. progress, if not nil, is
// called now and then with the lines done and their total.
//
// The caller asks for the date order first when src.DateOrder(columns)
// NeedsChoice, and refuses an order that Contradicts it: Check fails on
// either, and when no column holds the family name.
func Check(ctx context.Context, s *data.Store, src *Source, ch Choices, progress func(done, total int)) (*Plan, error) {
	cols := ch.Columns
	if cols == nil {
		cols = src.Columns
	}
	if err := checkColumns(src.Header, cols); err != nil {
		return nil, err
	}
	dates := src.DateOrder(cols)
	switch {
	case dates.NeedsChoice() && ch.DateOrder == "":
		return nil, data.NewError(data.EInvalid, "import.error.date_order", "Example", dates.Example, "Line", strconv.Itoa(dates.ExampleLine))
	case dates.Contradicts(ch.DateOrder):
		return nil, data.NewError(data.EInvalid, "import.error.date_order_contradicted", "Example", dates.Proof, "Line", strconv.Itoa(dates.ProofLine))
	}
	c := &checker{cols: cols, order: dates.Use(ch.DateOrder), seen: map[string]int{}, lines: map[int]data.Patient{}}
	c.compared = comparedFields(cols)
	c.sex = newSexReader(func(yield func(string) bool) {
		for i, t := range cols {
			if t != field(data.FieldSex) {
				continue
			}
			for _, r := range src.Records {
				if !yield(trimCell(r.Fields[i])) {
					return
				}
			}
		}
	})
	if err := c.readPractice(ctx, s); err != nil {
		return nil, err
	}
	pl := &Plan{Report: Report{File: src.Name, Encoding: src.Encoding, Delimiter: src.Delimiter, Header: src.Header,
		Columns: cols, Dates: dates, Order: c.order, Records: len(src.Records) + len(src.Broken), Blank: src.Blank},
		// A patient is large: growing the slice line by line copied 100 000
		// of them over and over.
		patients: make([]data.Patient, 0, len(src.Records))}
	for _, b := range src.Broken {
		pl.Lines = append(pl.Lines, LineReport{Line: b.Line, LastLine: b.LastLine, Outcome: Refused, Issues: []data.Issue{b.Issue}})
		pl.Refused++
	}
	for start := 0; start < len(src.Records); start += checkChunk {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if progress != nil {
			progress(start, len(src.Records))
		}
		recs := src.Records[start:min(start+checkChunk, len(src.Records))]
		read := c.readAll(recs)
		for i := range recs {
			lr, pt := c.place(recs[i], read[i])
			switch lr.Outcome {
			case Imported, Noted:
				pl.patients = append(pl.patients, pt)
				pl.ToImport++
				if lr.Outcome == Noted {
					pl.Noted++
				}
			case Skipped:
				pl.Skipped++
			case Refused:
				pl.Refused++
			}
			if len(lr.Issues) > 0 {
				pl.Lines = append(pl.Lines, lr)
			}
		}
	}
	if progress != nil {
		progress(len(src.Records), len(src.Records))
	}
	sortLines(pl.Lines)
	return pl, nil
}

// checkColumns requires a column of family names and each target at
// most once.
func checkColumns(header []string, cols []Target) error {
	if len(cols) != len(header) {
		return data.Errorf(data.EInternal, "The columns chosen do not match the file's %d columns.", len(header))
	}
	seen := map[Target]bool{}
	family := false
	for _, t := range cols {
		if t == Skip {
			continue
		}
		if seen[t] {
			return data.NewError(data.EInvalid, "import.error.column_twice", "Target", t.Label())
		}
		seen[t] = true
		family = family || t == field(data.FieldFamilyName)
	}
	if !family {
		return data.NewError(data.EInvalid, "import.error.no_family_column")
	}
	return nil
}

// checker reads the lines of one file.
type checker struct {
	cols     []Target
	order    data.DateFormat
	sex      sexReader
	compared []string // the fields an exact repeat must share
	// practice maps a name and date of birth (dupKey) to the chart
	// numbers of the practice's patients who have them, and each of
	// those to its compared fields.
	practice map[string][]string
	exact    map[string]string // chart number → sameKey of the compared fields
	seen     map[string]int    // dupKey → first line of the file with it
	lines    map[int]data.Patient
}

// readPractice indexes the practice's patients by name and date of birth.
func (c *checker) readPractice(ctx context.Context, s *data.Store) error {
	c.practice, c.exact = map[string][]string{}, map[string]string{}
	return s.EachPatient(ctx, func(p data.Patient) error {
		k := dupKey(&p)
		if k == "" {
			return nil
		}
		c.practice[k] = append(c.practice[k], p.ChartNumber)
		c.exact[p.ChartNumber] = c.sameKey(&p)
		return nil
	})
}

// dupKey is what makes two patients likely the same person: the folded
// names and the date of birth (the desk's own duplicate warning); ""
// without a date of birth, which names alone cannot stand for.
func dupKey(p *data.Patient) string {
	if p.BirthDate.IsZero() {
		return ""
	}
	return data.Fold(p.FamilyName+" "+p.GivenName) + "\x00" + p.BirthDate.String()
}

// sameKey writes the compared fields of p: two patients with the same
// are the same record, and the second is not imported again.
func (c *checker) sameKey(p *data.Patient) string {
	var b strings.Builder
	for _, f := range c.compared {
		b.WriteString(fieldValue(p, f))
		b.WriteByte(0)
	}
	return b.String()
}

// lineRead is one line read as a patient, on its own: the patient, the
// problems that refuse it, the notes about its names, its dupKey.
type lineRead struct {
	p       data.Patient
	refused data.Problems
	notes   data.Problems
	key     string
}

// readAll reads recs, split between the cores: reading a line needs
// nothing of the others.
func (c *checker) readAll(recs []Record) []lineRead {
	out := make([]lineRead, len(recs))
	parts := max(1, min(runtime.GOMAXPROCS(0), len(recs)/256))
	var wg sync.WaitGroup
	for w := range parts {
		lo, hi := w*len(recs)/parts, (w+1)*len(recs)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				out[i] = c.read(recs[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// read reads one record as a patient, validated as the desk's form
// validates one. It only reads the checker's settings, so that lines can
// be read at once.
func (c *checker) read(r Record) lineRead {
	var lr lineRead
	p := &lr.p
	var addr address
	for i, t := range c.cols {
		v := trimCell(r.Fields[i])
		if t == Skip || v == "" {
			continue
		}
		if t != field(data.FieldNotes) && mangledNumber(v) {
			lr.refused.Report(string(t), "import.problem.number_mangled", "Field", t.Label(), "Text", v)
			continue
		}
		c.set(p, &addr, &lr.refused, t, v)
	}
	p.Address = addr.join()
	if len(lr.refused) == 0 {
		p.ChartNumber = "-" // numbered when imported; Validate wants one
		if err := p.ValidateAs(data.YMD); err != nil {
			lr.refused = data.ProblemsOf(err)
		}
		p.ChartNumber = ""
	}
	if len(lr.refused) > 0 {
		return lr
	}
	for _, f := range []string{data.FieldFamilyName, data.FieldGivenName, data.FieldPreferredName} {
		if v := fieldValue(p, f); oddName(v) {
			lr.notes.Report(f, "import.note.name_characters", "Field", data.PatientLabel(f), "Text", v)
		}
	}
	lr.key = dupKey(p)
	return lr
}

// place says what becomes of a line read, in file order: refused,
// skipped as a repeat of a patient of the practice or of an earlier
// line, imported with notes (likely duplicates, odd names) or without.
func (c *checker) place(r Record, rd lineRead) (LineReport, data.Patient) {
	lr := LineReport{Line: r.Line, LastLine: r.LastLine}
	p := rd.p
	if len(rd.refused) > 0 {
		lr.Outcome, lr.Issues = Refused, rd.refused
		return lr, p
	}
	notes := rd.notes
	if k := rd.key; k != "" {
		same := c.sameKey(&p)
		for _, chart := range c.practice[k] {
			if c.exact[chart] == same {
				lr.Outcome = Skipped
				lr.Issues = []data.Issue{issue("import.skip.existing", "Chart", chart)}
				return lr, p
			}
		}
		if first, ok := c.seen[k]; ok {
			if prev := c.lines[first]; c.sameKey(&prev) == same {
				lr.Outcome = Skipped
				lr.Issues = []data.Issue{issue("import.skip.line", "Line", strconv.Itoa(first))}
				return lr, p
			}
			notes = append(notes, issue("import.note.duplicate_line", "Line", strconv.Itoa(first)))
		} else {
			c.seen[k] = r.Line
			c.lines[r.Line] = p
		}
		if charts := c.practice[k]; len(charts) > 0 {
			notes = append(notes, issue("import.note.duplicate_existing", "Chart", strings.Join(charts, ", ")))
		}
	}
	if len(notes) > 0 {
		lr.Outcome, lr.Issues = Noted, notes
	}
	return lr, p
}

func issue(key i18n.Key, args ...any) data.Issue {
	var p data.Problems
	p.Report("", key, args...)
	return p[0]
}

// set puts one value where its column says.
func (c *checker) set(p *data.Patient, addr *address, probs *data.Problems, t Target, v string) {
	switch t {
	case field(data.FieldSex):
		p.Sex = c.sex.read(probs, v)
	case field(data.FieldBirthDate):
		p.BirthDate = readDateIn(probs, data.FieldBirthDate, v, c.order)
	case field(data.FieldDeceasedDate):
		p.DeceasedDate = readDeath(probs, v, c.order)
	case field(data.FieldAddress):
		addr.street = v
	case AddressLine2:
		addr.line2 = v
	case Postcode:
		addr.postcode = v
	case City:
		addr.city = v
	case Region:
		addr.region = v
	case Country:
		addr.country = v
	default:
		if ptr := textField(p, string(t)); ptr != nil {
			*ptr = v
		}
	}
}

// textField points at the text field of p named f; nil for the others.
func textField(p *data.Patient, f string) *string {
	switch f {
	case data.FieldFamilyName:
		return &p.FamilyName
	case data.FieldGivenName:
		return &p.GivenName
	case data.FieldPreferredName:
		return &p.PreferredName
	case data.FieldGenderIdentity:
		return &p.GenderIdentity
	case data.FieldPhone:
		return &p.Phone
	case data.FieldPhone2:
		return &p.Phone2
	case data.FieldEmail:
		return &p.Email
	case data.FieldAddress:
		return &p.Address
	case data.FieldEmergencyContact:
		return &p.EmergencyContact
	case data.FieldEmergencyPhone:
		return &p.EmergencyPhone
	case data.FieldPayerName:
		return &p.PayerName
	case data.FieldPayerNumber:
		return &p.PayerNumber
	case data.FieldReferringDoctor:
		return &p.ReferringDoctor
	case data.FieldLanguage:
		return &p.Language
	case data.FieldNotes:
		return &p.Notes
	}
	return nil
}

// fieldValue is the value of p's field f as text.
func fieldValue(p *data.Patient, f string) string {
	switch f {
	case data.FieldSex:
		return p.Sex
	case data.FieldBirthDate:
		return p.BirthDate.String()
	case data.FieldDeceasedDate:
		return p.DeceasedDate.String()
	}
	if ptr := textField(p, f); ptr != nil {
		return *ptr
	}
	return ""
}

// comparedFields are the patient's fields the columns fill: the address
// once for all its parts.
func comparedFields(cols []Target) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range cols {
		f := string(t)
		switch t {
		case Skip:
			continue
		case AddressLine2, Postcode, City, Region, Country:
			f = data.FieldAddress
		}
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// address gathers the parts of a postal address from their columns.
type address struct{ street, line2, postcode, city, region, country string }

// join writes the address on lines as a letter puts it: the street, its
// second line, then "69001 Lyon" (postcode before the town, as most of
// Europe writes it) or, where the file has a state or province column,
// "Springfield, IL 62701" as North America does; the country last.
func (a address) join() string {
	var lines []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			lines = append(lines, s)
		}
	}
	add(a.street)
	add(a.line2)
	if a.region != "" {
		town := a.city
		if town != "" {
			town += ", "
		}
		add(town + strings.TrimSpace(a.region+" "+a.postcode))
	} else {
		add(a.postcode + " " + a.city)
	}
	add(a.country)
	return strings.Join(lines, "\n")
}

// sortLines puts the report's lines in file order: the broken records
// were listed first.
func sortLines(lines []LineReport) {
	slices.SortStableFunc(lines, func(a, b LineReport) int { return a.Line - b.Line })
}
