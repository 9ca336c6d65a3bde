package interop

import (
	"context"
	"fmt"
	"slices"

	"frontdesk/data"
)

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
		// Copies: the plan stays as checked, for another try.
		copies := slices.Clone(pl.patients)
		pts := make([]*data.Patient, total)
		for i := range copies {
			pts[i] = &copies[i]
		}
		return tx.CreatePatients(pts, func(done int) {
			if progress != nil {
				progress(done, total)
			}
		})
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return data.WithOp("importing patients from "+pl.File, err)
}
