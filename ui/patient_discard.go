package ui

import (
	"fmt"

	"frontdesk/data"
)

// The question asked before a demographics form with unsaved changes is
// dropped by opening another file, in its words.
const (
	discardNewTitle     = "Discard the new patient?"
	discardChangesTitle = "Discard the changes to %s's details?"
	keepEditingLabel    = "Keep editing"
)

// discardTitle names what would be lost: "Discard the changes to
// Dupont's details?".
func (pf *patientForm) discardTitle() string {
	if pf.base.ID == "" {
		return discardNewTitle
	}
	return fmt.Sprintf(discardChangesTitle, pf.base.FamilyName)
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
	askDiscardOr(p.d.win.Canvas(), form.discardTitle(), keepEditingLabel, func() {
		form.close()
		closeAfter(leave(), done)
	}, func() {
		p.showFile()
		p.d.win.Canvas().Focus(form.entries[data.FieldFamilyName])
		close(done)
	})
	return done
}
