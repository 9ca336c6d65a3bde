package data

import (
	"strings"
	"unicode/utf8"

	"frontdesk/data/i18n"
)

// Merge fields of the letter templates, written {{full_name}} in a
// template whatever its language; the picker shows them by their label.
const (
	MergeFullName        = "full_name"
	MergeSalutation      = "salutation"
	MergeAddress         = "address"
	MergeBirthDate       = "birth_date"
	MergeChartNumber     = "chart_number"
	MergeNextAppointment = "next_appointment"
	MergeLastVisit       = "last_visit"
	MergePractitioner    = "practitioner"
	MergePractice        = "practice"
	MergePracticePhone   = "practice_phone"
	MergeToday           = "today"
	MergeAllergies       = "allergies"
	MergeMedications     = "medications"
	MergeProblems        = "problems"
	MergeReason          = "reason"
)

// MergeField is one merge field as the picker offers it.
type MergeField struct {
	Name     string
	Label    i18n.Key
	Clinical bool // from the clinical record: printed only for those allowed to see it
}

// MergeFields lists the merge fields in the order the picker offers them.
var MergeFields = []MergeField{
	{MergeFullName, "letter.field.full_name", false},
	{MergeSalutation, "letter.field.salutation", false},
	{MergeAddress, "letter.field.address", false},
	{MergeBirthDate, "letter.field.birth_date", false},
	{MergeChartNumber, "letter.field.chart_number", false},
	{MergeNextAppointment, "letter.field.next_appointment", false},
	{MergeLastVisit, "letter.field.last_visit", false},
	{MergePractitioner, "letter.field.practitioner", false},
	{MergePractice, "letter.field.practice", false},
	{MergePracticePhone, "letter.field.practice_phone", false},
	{MergeToday, "letter.field.today", false},
	{MergeAllergies, "letter.field.allergies", true},
	{MergeMedications, "letter.field.medications", true},
	{MergeProblems, "letter.field.problems", true},
	{MergeReason, "letter.field.reason", false},
}

// mergeField finds a field by name.
func mergeField(name string) (MergeField, bool) {
	for _, f := range MergeFields {
		if f.Name == name {
			return f, true
		}
	}
	return MergeField{}, false
}

// FieldToken is how a field is written in a template: {{name}}.
func FieldToken(name string) string { return "{{" + name + "}}" }

// fieldUse is one {{…}} of a template's text.
type fieldUse struct {
	name       string
	line       int  // from 1
	start, end int  // byte offsets of the token, braces included
	closed     bool // false: "{{" without "}}" on its line
}

// scanFields finds the merge fields of text, line by line: a field never
// spans lines, so an unclosed "{{" is found on its own line.
func scanFields(text string) []fieldUse {
	var uses []fieldUse
	offset := 0
	for i, line := range strings.Split(text, "\n") {
		for at := 0; ; {
			open := strings.Index(line[at:], "{{")
			if open < 0 {
				break
			}
			open += at
			end := strings.Index(line[open+2:], "}}")
			if end < 0 {
				uses = append(uses, fieldUse{line: i + 1, start: offset + open, end: offset + len(line)})
				break
			}
			end += open + 2
			uses = append(uses, fieldUse{name: strings.TrimSpace(line[open+2 : end]), line: i + 1,
				start: offset + open, end: offset + end + 2, closed: true})
			at = end + 2
		}
		offset += len(line) + 1
	}
	return uses
}

// checkFields reports each unknown or unclosed merge field of a template's
// text under field (labelled label), naming its line and, for a
// misspelling, the field that was probably meant.
func (p *Problems) checkFields(field string, label i18n.Key, text string) {
	for _, u := range scanFields(text) {
		switch {
		case !u.closed:
			p.Report(field, "letter_template.problem.unclosed", "Field", label, "Line", u.line)
		case u.name == "":
			p.Report(field, "letter_template.problem.empty", "Field", label, "Line", u.line)
		default:
			if _, ok := mergeField(u.name); ok {
				continue
			}
			if near := nearestField(u.name); near != "" {
				p.Report(field, "letter_template.problem.misspelt", "Field", label, "Line", u.line,
					"Name", FieldToken(clip(u.name)), "Meant", FieldToken(near))
			} else {
				p.Report(field, "letter_template.problem.unknown", "Field", label, "Line", u.line, "Name", FieldToken(clip(u.name)))
			}
		}
	}
}

// nearestField is the known field within two edits of name (ignoring
// case, spaces and hyphens), "" when none is that close.
func nearestField(name string) string {
	norm := func(s string) string {
		return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(s))
	}
	n := norm(name)
	best, bestDist := "", 3
	for _, f := range MergeFields {
		if d := editDistance(n, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	if utf8.RuneCountInString(a) > 64 {
		return 64 // no field name is that long
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// MergeValues are the values of the merge fields for one letter, by
// field name; a field without a value is missing.
type MergeValues map[string]string

// Merge replaces the fields of text by their values. It returns the
// fields that have no value (each once, in order of appearance): a letter
// is not printed with a gap where the address should be.
func (v MergeValues) Merge(text string) (string, []string) {
	var b strings.Builder
	var missing []string
	seen := map[string]bool{}
	last := 0
	for _, u := range scanFields(text) {
		if !u.closed {
			continue
		}
		b.WriteString(text[last:u.start])
		val := strings.TrimSpace(v[u.name])
		if val == "" && !seen[u.name] {
			seen[u.name] = true
			missing = append(missing, u.name)
		}
		b.WriteString(val)
		last = u.end
	}
	b.WriteString(text[last:])
	return b.String(), missing
}

// FieldsUsed lists the fields text names, each once.
func FieldsUsed(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, u := range scanFields(text) {
		if u.closed && !seen[u.name] {
			seen[u.name] = true
			out = append(out, u.name)
		}
	}
	return out
}

// MergeLabel is the catalogue's name of a merge field.
func MergeLabel(name string) i18n.Key {
	if f, ok := mergeField(name); ok {
		return f.Label
	}
	return ""
}
