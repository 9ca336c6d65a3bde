package ui

import (
	"frontdesk/data"
)

// discardTitle names what would be lost, when a demographics form with
// unsaved changes is about to be dropped by opening another file:
// "Discard the changes to Dupont's details?".
func (pf *patientForm) discardTitle() string {
	w := pf.f.d.w
	if pf.base.ID == "" {
		return w.T("patient_form.leave.discard_new")
	}
	return w.T("patient_form.leave.discard_changes", "Name", pf.base.FamilyName)
}

// dirty reports whether something was typed or chosen since the form was
// filled.
func (pf *patientForm) dirty() bool {
	return formState(pf.content) != pf.start
}

// askBeforeLeaving runs leave (which replaces the open file or form) at
// once when no form holds unsaved changes. Otherwise it asks first, as
// every discard question of the desk does: Keep editing (or any other
// key) brings the form back as it was, Discard (or Enter, or Escape)
// drops it and runs leave. The channel is closed once the choice is made
// and leave's work, if any, is on screen.
func (p *patientsScreen) askBeforeLeaving(leave func() <-chan struct{}) <-chan struct{} {
	form := p.file.form
	if form == nil || !form.dirty() {
		return leave()
	}
	done := make(chan struct{})
	askDiscardOr(p.d.w, p.d.win.Canvas(), form.discardTitle(), p.d.w.T("patient_form.leave.keep_editing"), func() {
		form.close()
		closeAfter(leave(), done)
	}, func() {
		p.showFile()
		p.d.win.Canvas().Focus(form.entries[data.FieldFamilyName])
		close(done)
	})
	return done
}
