package ui

import (
	"context"

	"frontdesk/data"
)

// writeRecallLetter opens a new recall letter to a patient of the Call
// lists' recall tab, the reason the recall is due already in its Reason.
func writeRecallLetter(d *desk, c data.RecallDue, onDone func()) <-chan struct{} {
	store := d.store
	type loaded struct {
		refs letterRefs
		pt   data.Patient
	}
	return background(d.do, func() (loaded, error) {
		ctx := context.Background()
		refs, err := loadLetterRefs(ctx, store)
		if err != nil {
			return loaded{}, err
		}
		pt, err := store.Patient(ctx, c.PatientID)
		return loaded{refs, pt}, err
	}, func(l loaded, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		openNewLetter(d, l.pt, data.KindRecall, c.Reason, l.refs, onDone)
	})
}
