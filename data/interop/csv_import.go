package interop

import (
	"context"
	"fmt"

	"frontdesk/data"
)

// importBatch is how many patients go to CreatePatients at a time:
// between two batches the import reports its progress and notices a
// cancel.
const importBatch = 500

// Import writes the plan's patients in one transaction of the write
// path: one audit entry for the import (the file and what became of its
// lines), then each patient created as the desk creates one (numbered
// from this device's series, its fields recorded for sync, its creation
// audited). Cancelling ctx, or any failure, leaves the practice as it
// was. progress, if not nil, is called after each batch with the
// patients written so far and their total; it runs inside the
// transaction, so it must only pass the numbers on.
func (pl *Plan) Import(ctx context.Context, s *data.Store, progress func(done, total int)) error {
	total := len(pl.patients)
	err := s.Update(ctx, func(tx *data.Tx) error {
		detail := fmt.Sprintf("%s: %d imported, %d skipped, %d refused", pl.File, total, pl.Skipped, pl.Refused)
		if err := tx.Audit("import", "patients", "", detail); err != nil {
			return err
		}
		batch := make([]*data.Patient, 0, importBatch)
		for start := 0; start < total; start += importBatch {
			if err := ctx.Err(); err != nil {
				return err
			}
			batch = batch[:0]
			for i := start; i < min(start+importBatch, total); i++ {
				p := pl.patients[i] // a copy: the plan stays as checked, for another try
				batch = append(batch, &p)
			}
			if err := tx.CreatePatients(batch); err != nil {
				return err
			}
			if progress != nil {
				progress(start+len(batch), total)
			}
		}
		return nil
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return data.WithOp("importing patients from "+pl.File, err)
}
