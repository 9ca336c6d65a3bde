package ui

import "frontdesk/data"

// writeRecallLetter opens a new recall letter to a patient of the Call
// lists' recall tab, the reason the recall is due already in its Reason.
func writeRecallLetter(d *desk, c data.RecallDue, onDone func()) <-chan struct{} {
	return withLetterPatient(d, c.PatientID, func(pt data.Patient, refs letterRefs) {
		openNewLetter(d, pt, data.KindRecall, c.Reason, refs, onDone)
	})
}
