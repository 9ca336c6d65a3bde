package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"

	"frontdesk/data"
	"frontdesk/reports"
)

// printSummary writes the patient summary PDF into the prints folder of
// the data folder (as the day list does) and opens it in the viewer,
// from where it is printed. The print is recorded in the audit log.
func (f *patientFile) printSummary() <-chan struct{} {
	done := make(chan struct{})
	if f.id == "" {
		close(done)
		return done
	}
	id, store, pr := f.id, f.d.store, f.d.pr
	f.d.say("Preparing the patient summary…")
	go func() {
		path, err := writeSummary(context.Background(), store, pr, id)
		if err == nil {
			err = openDocument(path)
		}
		f.d.do(func() {
			defer close(done)
			if err != nil {
				f.d.sayError(err)
				return
			}
			f.d.say("Patient summary written to " + path + " (recorded in the audit log).")
		})
	}()
	return done
}

// writeSummary writes the PDF atomically (a temporary file renamed) and
// audits the print; a print that cannot be audited is removed.
func writeSummary(ctx context.Context, s *data.Store, pr data.Practice, id string) (string, error) {
	pf, err := s.LoadPatientFile(ctx, id, nowFunc())
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := reports.PatientSummary(&buf, pr, pf, reports.Options{}); err != nil {
		return "", &data.Error{Code: data.EInternal, Err: err, Message: "The patient summary could not be drawn."}
	}
	dir := printsDir(s)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", data.Errorf(data.EStorage, "The folder %s cannot be created for the printout.", dir)
	}
	// The chart number, never the name, makes the file name: it is safe
	// in any file system and tells nothing to someone looking at the folder.
	path := filepath.Join(dir, "patient-summary-"+pf.Patient.ChartNumber+".pdf")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
		os.Remove(tmp)
		return "", data.Errorf(data.EStorage, "The patient summary cannot be written in %s.", dir)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return "", data.Errorf(data.EStorage, "The patient summary cannot be written in %s.", dir)
	}
	if err := s.AuditRead(ctx, "print", "patients", id, "printed the patient summary"); err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}
