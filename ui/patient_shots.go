package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// patientShots adds the patient screens to screenshot mode: a search
// typed with its results (patient-search.png), a file on its Summary tab
// (patient-file.png), its Clinical tab with the vitals plot
// (patient-clinical.png), its Appointments and Attachments tabs
// (patient-appointments.png, patient-attachments.png), the medication
// dialog answering a slip (patient-medication.png) and its demographics
// form (patient-edit.png).
// The patient is one whose file shows every part. It runs on the
// screenshot goroutine; shoot prepares on the UI goroutine.
func (sh *shell) patientShots(d *desk, shoot func(string, func() <-chan struct{})) {
	id, err := d.store.ShowcasePatient(context.Background())
	if err == nil && id == "" {
		var hits []data.PatientHit
		hits, err = d.store.SearchPatients(context.Background(), "", 1)
		if len(hits) > 0 {
			id = hits[0].ID
		}
	}
	if err != nil || id == "" {
		sh.opts.logf("ui: no patient to show in the patient screenshots (%v)", err)
		return
	}
	pt, err := d.store.Patient(context.Background(), id)
	if err != nil {
		sh.opts.logf("ui: %v", err)
		return
	}
	// Typed as a secretary would: the given name, then the first letter
	// of the family name (the pair index, not only the family names).
	query := pt.GivenName + " " + string([]rune(pt.FamilyName)[:1])
	shoot("patient-search", func() <-chan struct{} {
		d.search.SetText(query) // shows the list and starts a delayed search…
		d.patients.query = query
		return d.patients.search(0) // …which this one overtakes at once
	})
	shoot("patient-file", func() <-chan struct{} { return d.patients.open(id) })
	shoot("patient-clinical", func() <-chan struct{} {
		ch := d.patients.file.showTab(tabClinical)
		done := make(chan struct{})
		go func() {
			<-ch
			fyne.Do(func() {
				d.patients.file.clinical.selectKind(data.VitalBP)
				close(done)
			})
		}()
		return done
	})
	shoot("patient-appointments", func() <-chan struct{} { return d.patients.file.showTab(tabAppointments) })
	shoot("patient-attachments", func() <-chan struct{} { return d.patients.file.showTab(tabAttachments) })
	// The dialog as it answers a slip: a medication that ends before it
	// starts.
	shoot("patient-medication", func() <-chan struct{} {
		f := d.patients.file
		f.showTab(tabSummary)
		r := showMedicationDialog(f)
		if es := entriesOf(r.m.body); len(es) == 4 {
			today := d.today()
			es[0].SetText("Metformin")
			es[2].SetText(d.pr.DateFormat.Format(today.AddDays(-30)))
			es[3].SetText(d.pr.DateFormat.Format(today.AddDays(-60)))
		}
		return closed()
	})
	fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
	// The form as it answers a slip: an email typed without its @.
	shoot("patient-edit", func() <-chan struct{} {
		d.patients.file.showTab(tabSummary)
		if form := d.patients.file.startEdit(); form != nil {
			slip := strings.ReplaceAll(data.Fold(pt.GivenName+" "+pt.FamilyName), " ", ".") + ".example.org"
			form.entries[data.FieldEmail].SetText(slip)
		}
		return closed()
	})
	fyne.DoAndWait(func() {
		if form := d.patients.file.form; form != nil {
			form.doCancel()
		}
		d.search.SetText("")
		d.patients.query = ""
		d.patients.showList()
	})
}

// entriesOf lists the entries under o, in order.
func entriesOf(o fyne.CanvasObject) []*deskEntry {
	var out []*deskEntry
	switch x := o.(type) {
	case *deskEntry:
		out = append(out, x)
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, entriesOf(c)...)
		}
	}
	return out
}
