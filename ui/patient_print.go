package ui

import (
	"context"
	"io"
	"path/filepath"

	"frontdesk/data"
	"frontdesk/reports"
)

// printSummary writes the patient summary PDF into the prints folder of
// the data folder (as the day list does) and opens it in the viewer,
// from where it is printed. The print is recorded in the audit log.
func (f *patientFile) printSummary() <-chan struct{} {
	if f.id == "" {
		return closed()
	}
	id, store, pr := f.id, f.d.store, f.d.pr
	w := f.d.w
	return f.d.printAndOpen(w.T("summary_print.what"), w.T("summary_print.preparing"), func(ctx context.Context) (string, error) {
		return writeSummary(ctx, store, pr, id)
	})
}

// writeSummary writes the PDF into the prints folder, recorded in the
// audit log as it is written.
func writeSummary(ctx context.Context, s *data.Store, pr data.Practice, id string) (string, error) {
	pf, err := s.LoadPatientFile(ctx, id, nowFunc())
	if err != nil {
		return "", err
	}
	lh, err := s.Letterhead(ctx)
	if err != nil {
		return "", err
	}
	dir, err := s.PrintsDir()
	if err != nil {
		return "", err
	}
	// The chart number, never the name, makes the file name: it is safe
	// in any file system and tells nothing to someone looking at the folder.
	return s.WriteOutput(ctx, data.Output{
		Path: filepath.Join(dir, "patient-summary-"+pf.Patient.ChartNumber+".pdf"), Named: "output.what.patient_summary",
		Action: "print", Entity: "patients", EntityID: id, Detail: "printed the patient summary",
	}, func(w io.Writer) error { return reports.PatientSummary(w, pr, lh, pf, reports.Options{}) })
}
