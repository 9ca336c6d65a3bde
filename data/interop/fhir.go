package interop

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"

	"frontdesk/data"
)

// WriteFHIR writes r as a FHIR R4 Bundle of type collection, in JSON:
// the practitioners, then each patient followed by their allergies,
// problems (Condition), medications (MedicationStatement), vital signs
// (Observation) and appointments, then the blocked times. Each resource
// keeps its Frontdesk ID, and each entry's fullUrl is that ID as a
// urn:uuid, which is what every reference inside the Bundle names, so a
// receiving system resolves them without a server.
//
// The resources come from github.com/samply/golang-fhir-models. The
// Bundle is written one entry per line as it goes, not built whole,
// so that a practice of a hundred thousand patients does not hold two
// copies of its export in memory.
func WriteFHIR(w io.Writer, r data.ExchangeRecords, now time.Time) error {
	bw := bufio.NewWriter(w)
	b := &bundleWriter{w: bw}
	head, err := fhir.Bundle{Type: fhir.BundleTypeCollection, Timestamp: ptr(now.UTC().Format(time.RFC3339))}.MarshalJSON()
	if err != nil {
		return err
	}
	// The Bundle without entries ends with its closing brace: the
	// entries go before it.
	bw.Write(head[:len(head)-1])

	for _, p := range r.Practitioners {
		b.add(p.ID, fhirPractitioner(p))
	}
	byPatient := groupByPatient(r)
	for _, p := range r.Patients {
		b.add(p.ID, fhirPatient(p, r.Practice))
		g := byPatient[p.ID]
		for _, a := range g.allergies {
			b.add(a.ID, fhirAllergy(a))
		}
		for _, pb := range g.problems {
			b.add(pb.ID, fhirCondition(pb))
		}
		today := data.DateOf(now.In(r.Practice.Location()))
		for _, m := range g.medications {
			b.add(m.ID, fhirMedication(m, today))
		}
		for _, v := range g.vitals {
			if obs, ok := fhirObservation(v); ok {
				b.add(v.ID, obs)
			}
		}
		for _, a := range g.appointments {
			b.add(a.ID, fhirAppointment(a, r.Practice))
		}
	}
	for _, a := range byPatient[""].appointments {
		b.add(a.ID, fhirAppointment(a, r.Practice))
	}
	if b.err != nil {
		return b.err
	}
	if b.n > 0 {
		bw.WriteString("\n]")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// bundleWriter writes the entries of a Bundle, keeping the first error.
type bundleWriter struct {
	w   *bufio.Writer
	n   int
	err error
}

// add writes one entry. A Bundle's entry array is opened at the first
// entry: FHIR's JSON allows no empty array.
func (b *bundleWriter) add(id string, resource json.Marshaler) {
	if b.err != nil {
		return
	}
	res, err := resource.MarshalJSON()
	if err != nil {
		b.err = err
		return
	}
	entry, err := json.Marshal(fhir.BundleEntry{FullUrl: ptr(fullURL(id)), Resource: res})
	if err != nil {
		b.err = err
		return
	}
	if b.n == 0 {
		b.w.WriteString(`,"entry":[` + "\n")
	} else {
		b.w.WriteString(",\n")
	}
	b.w.Write(entry)
	b.n++
}

// patientRecords are one patient's lists.
type patientRecords struct {
	allergies    []data.Allergy
	problems     []data.Problem
	medications  []data.Medication
	vitals       []data.Vital
	appointments []data.AppointmentView
}

// groupByPatient sorts the lists by patient; appointments without a
// patient (blocked time) are under "".
func groupByPatient(r data.ExchangeRecords) map[string]*patientRecords {
	m := map[string]*patientRecords{"": {}}
	get := func(id string) *patientRecords {
		if m[id] == nil {
			m[id] = &patientRecords{}
		}
		return m[id]
	}
	for _, a := range r.Allergies {
		get(a.PatientID).allergies = append(get(a.PatientID).allergies, a)
	}
	for _, p := range r.Problems {
		get(p.PatientID).problems = append(get(p.PatientID).problems, p)
	}
	for _, md := range r.Medications {
		get(md.PatientID).medications = append(get(md.PatientID).medications, md)
	}
	for _, v := range r.Vitals {
		get(v.PatientID).vitals = append(get(v.PatientID).vitals, v)
	}
	for _, a := range r.Appointments {
		get(a.PatientID).appointments = append(get(a.PatientID).appointments, a)
	}
	return m
}

// fullURL is the entry URL of a resource, and what references to it say.
func fullURL(id string) string { return "urn:uuid:" + id }

// ref is a reference to a resource of the Bundle.
func ref(id string) fhir.Reference { return fhir.Reference{Reference: ptr(fullURL(id))} }

func ptr[T any](v T) *T { return &v }

// coded is a CodeableConcept of one coding from a code system.
func coded(system, code, display string) fhir.CodeableConcept {
	return fhir.CodeableConcept{Coding: []fhir.Coding{{System: ptr(system), Code: ptr(code), Display: ptr(display)}}}
}

// text is a CodeableConcept of free text only: what people typed, which
// Frontdesk does not code.
func text(s string) fhir.CodeableConcept { return fhir.CodeableConcept{Text: ptr(s)} }
