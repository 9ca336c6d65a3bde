package sync

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"frontdesk/data"
)

// The simulator's random edits of the patient file and the booking
// tables, merges of duplicate files, and attached files; what they add
// to the checks at the end.
func init() {
	simEditors = append(simEditors, (*sim).editPatientFile, (*sim).editBooking, (*sim).editMerges)
	for _, t := range []string{"allergies", "medications", "problems", "vital_signs", "recalls", "attachments", "appointment_series",
		"appointment_types", "days_off", "working_hours", "waitlist", "patient_merges", "practice"} {
		simTables = append(simTables, `SELECT * FROM `+t+` ORDER BY id`)
	}
	simChecks = append(simChecks, (*sim).checkClinical)
}

// try makes one change the write path may refuse for a reason a person
// meets too (an allergy recorded twice, a file merged meanwhile): that
// edit is skipped. Any other error fails the run.
func (s *sim) try(d *simDevice, fn func(tx *data.Tx) error) {
	s.t.Helper()
	switch err := d.st.Update(context.Background(), fn); data.ErrorCode(err) {
	case "", data.EConflict, data.ENotFound:
	default:
		s.t.Fatalf("edit: %v", err)
	}
}

func (s *sim) pick(ids []string) string { return ids[s.rng.Intn(len(ids))] }

func (s *sim) editPatientFile(d *simDevice) {
	ctx := context.Background()
	patients := s.ids(d, `SELECT id FROM patients WHERE deleted = 0 ORDER BY id`)
	if len(patients) == 0 {
		return
	}
	pt := s.pick(patients)
	substances := []string{"Penicillin", "Latex", "Iodine", "Aspirin", "Peanuts"}
	switch s.rng.Intn(9) {
	case 0:
		s.try(d, func(tx *data.Tx) error {
			return tx.AddAllergy(&data.Allergy{PatientID: pt, Substance: substances[s.rng.Intn(len(substances))],
				Severity: data.Severities[s.rng.Intn(len(data.Severities))]})
		})
	case 1:
		s.try(d, func(tx *data.Tx) error {
			return tx.Save(&data.Medication{PatientID: pt, Name: fmt.Sprintf("Drug%d", s.rng.Intn(20)), Dose: fmt.Sprintf("%d mg", 50*(1+s.rng.Intn(10)))})
		})
	case 2:
		s.try(d, func(tx *data.Tx) error {
			return tx.Save(&data.Problem{PatientID: pt, Text: fmt.Sprintf("Condition %d (%s)", s.rng.Intn(50), d.series)})
		})
	case 3:
		s.try(d, func(tx *data.Tx) error {
			return tx.Save(&data.Vital{PatientID: pt, Kind: data.VitalBP, Value: 100 + s.rng.Intn(100), Value2: 60 + s.rng.Intn(30)})
		})
	case 4:
		s.try(d, func(tx *data.Tx) error {
			return tx.Save(&data.Recall{PatientID: pt, IntervalMonths: 1 + s.rng.Intn(24), Reason: "Check " + d.series, Active: true})
		})
	case 5: // a field of a row another device may be changing too
		list, err := d.st.Medications(ctx, pt)
		if err != nil {
			s.t.Fatal(err)
		}
		if len(list) > 0 {
			m := list[s.rng.Intn(len(list))]
			m.Dose = fmt.Sprintf("%d mg (%s)", 10*s.rng.Intn(100), d.series)
			s.try(d, func(tx *data.Tx) error { return tx.Save(&m) })
		}
	case 6:
		list, err := d.st.Allergies(ctx, pt)
		if err != nil {
			s.t.Fatal(err)
		}
		if len(list) > 0 {
			s.try(d, func(tx *data.Tx) error { return tx.RemoveAllergy(list[s.rng.Intn(len(list))].ID) })
		}
	case 7:
		list, err := d.st.Problems(ctx, pt)
		if err != nil {
			s.t.Fatal(err)
		}
		if len(list) > 0 {
			status := []string{data.ProblemActive, data.ProblemResolved}[s.rng.Intn(2)]
			s.try(d, func(tx *data.Tx) error { return tx.SetProblemStatus(list[s.rng.Intn(len(list))].ID, status) })
		}
	case 8:
		b := pngBytes(fmt.Sprintf("scan %d of %s", s.rng.Intn(1000), d.series))
		_, err := d.st.AddAttachment(ctx, pt, "scan.png", int64(len(b)), bytes.NewReader(b))
		if c := data.ErrorCode(err); c != "" && c != data.EConflict {
			s.t.Fatalf("attaching: %v", err)
		}
	}
}

func (s *sim) editBooking(d *simDevice) {
	ctx := context.Background()
	prs := s.ids(d, `SELECT id FROM practitioners ORDER BY id`)
	patients := s.ids(d, `SELECT id FROM patients WHERE deleted = 0 ORDER BY id`)
	if len(prs) == 0 || len(patients) == 0 {
		return
	}
	switch s.rng.Intn(9) {
	case 0:
		s.try(d, func(tx *data.Tx) error {
			return tx.Save(&data.AppointmentType{Name: fmt.Sprintf("Visit %d", s.rng.Intn(30)), DurationMin: 15 * (1 + s.rng.Intn(3)), Active: true})
		})
	case 1:
		types, err := d.st.AppointmentTypes(ctx)
		if err != nil {
			s.t.Fatal(err)
		}
		if len(types) > 0 {
			t := types[s.rng.Intn(len(types))]
			t.RecallMonths = s.rng.Intn(13)
			s.try(d, func(tx *data.Tx) error { return tx.Save(&t) })
		}
	case 2:
		first := s.day.AddDays(s.rng.Intn(20))
		s.try(d, func(tx *data.Tx) error {
			return tx.Save(&data.DayOff{PractitionerID: s.pick(prs), First: first, Last: first.AddDays(s.rng.Intn(3)),
				Kind: data.DayOffKinds[s.rng.Intn(4)]})
		})
	case 3:
		start := data.WallTime(8*60 + 60*s.rng.Intn(4))
		s.try(d, func(tx *data.Tx) error {
			return tx.Save(&data.WorkingHours{PractitionerID: s.pick(prs), Weekday: s.rng.Intn(7), Start: start, End: start + 180})
		})
	case 4:
		s.try(d, func(tx *data.Tx) error {
			return tx.Save(&data.WaitlistEntry{PatientID: s.pick(patients), Before: s.day.AddDays(1 + s.rng.Intn(30)), Notes: "from " + d.series})
		})
	case 5:
		if ids := s.ids(d, `SELECT id FROM waitlist WHERE deleted = 0 AND status = 'waiting' ORDER BY id`); len(ids) > 0 {
			s.try(d, func(tx *data.Tx) error { return tx.RemoveFromWaitlist(s.pick(ids)) })
		}
	case 6, 7: // the practice's one row: created by whoever comes first, then edited field by field
		pr, err := d.st.Practice(ctx)
		if data.ErrorCode(err) == data.ENotFound {
			pr = data.Practice{Name: "Practice of " + d.series, Currency: "EUR", TimeZone: "Europe/Paris"}
		} else if err != nil {
			s.t.Fatal(err)
		} else if s.rng.Intn(2) == 0 {
			pr.Name = fmt.Sprintf("Practice %d (%s)", s.rng.Intn(100), d.series)
		} else {
			pr.Phone = fmt.Sprintf("04%08d", s.rng.Intn(1e8))
		}
		s.try(d, func(tx *data.Tx) error { return tx.Save(&pr) })
	case 8:
		start := data.WallTime(8*60 + 15*s.rng.Intn(32))
		s.try(d, func(tx *data.Tx) error {
			_, err := tx.CreateSeries(&data.Series{PractitionerID: s.pick(prs), PatientID: s.pick(patients), First: s.day.AddDays(s.rng.Intn(7)),
				Start: start, End: start + 15, TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 3}, true)
			return err
		})
	}
}

// editMerges merges two files, undoes or confirms a pending merge.
func (s *sim) editMerges(d *simDevice) {
	switch s.rng.Intn(3) {
	case 0:
		files := s.ids(d, `SELECT id FROM patients WHERE deleted = 0 AND merged_into IS NULL ORDER BY id`)
		if len(files) < 3 { // keep some files to edit
			return
		}
		i := s.rng.Intn(len(files))
		j := (i + 1 + s.rng.Intn(len(files)-1)) % len(files)
		s.try(d, func(tx *data.Tx) error { _, err := tx.MergePatients(files[i], files[j]); return err })
	case 1:
		if ids := s.ids(d, `SELECT id FROM patient_merges WHERE state = 'pending' AND deleted = 0 ORDER BY id`); len(ids) > 0 {
			s.try(d, func(tx *data.Tx) error { return tx.UndoMerge(s.pick(ids)) })
		}
	case 2:
		if ids := s.ids(d, `SELECT id FROM patient_merges WHERE state = 'pending' AND deleted = 0 ORDER BY id`); len(ids) > 0 {
			s.try(d, func(tx *data.Tx) error { return tx.ConfirmMerge(s.pick(ids)) })
		}
	}
}

// deliverFiles copies from's attached files into to's view of the folder;
// with faults, some stay behind and some arrive cut short first.
func (s *sim) deliverFiles(from, to *simDevice, faults bool) {
	src := s.folderOf(from).filesDir(from.id())
	dst := s.folderOf(to).filesDir(from.id())
	names, _ := filepath.Glob(filepath.Join(src, "*"+fileSuffix))
	if len(names) == 0 {
		return
	}
	if err := os.MkdirAll(dst, 0o700); err != nil {
		s.t.Fatal(err)
	}
	for _, name := range names {
		b := readBytes(s.t, name)
		target := filepath.Join(dst, filepath.Base(name))
		if faults {
			switch r := s.rng.Intn(10); {
			case r < 3:
				continue // late
			case r < 4:
				if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
					b = b[:s.rng.Intn(len(b))]
				}
			}
		}
		if err := os.WriteFile(target, b, 0o600); err != nil {
			s.t.Fatal(err)
		}
	}
}

// checkClinical: every attached file reached every device; no live row
// stays on a merged file and no two files are merged into each other;
// every device lists the same double bookings.
func (s *sim) checkClinical() {
	ctx := context.Background()
	var wantDoubles string
	for i, d := range s.devs {
		if _, missing, err := d.st.AttachmentHashes(ctx); err != nil || len(missing) != 0 {
			s.t.Fatalf("device %d still waits for %d attached files (%v)", i, len(missing), err)
		}
		for _, table := range []string{"appointments", "appointment_series", "waitlist", "recalls", "allergies", "medications",
			"problems", "vital_signs", "attachments"} {
			if n := d.queryInt(`SELECT COUNT(*) FROM ` + table + ` t JOIN patients p ON p.id = t.patient_id
				WHERE p.merged_into IS NOT NULL AND t.deleted = 0`); n != 0 {
				s.t.Fatalf("device %d: %d rows of %s stay on merged files", i, n, table)
			}
		}
		if n := d.queryInt(`WITH RECURSIVE chain(start, at, n) AS (
				SELECT id, merged_into, 1 FROM patients WHERE merged_into IS NOT NULL
				UNION ALL SELECT c.start, p.merged_into, c.n + 1 FROM chain c JOIN patients p ON p.id = c.at
				WHERE p.merged_into IS NOT NULL AND c.n < 50)
			SELECT COUNT(*) FROM chain WHERE at = start`); n != 0 {
			s.t.Fatalf("device %d: files are merged into one another", i)
		}
		list, err := d.st.DoubleBookings(ctx, data.Date{})
		if err != nil {
			s.t.Fatal(err)
		}
		var b strings.Builder
		for _, db := range list {
			fmt.Fprintf(&b, "%s/%s ", db.First.ID, db.Second.ID)
		}
		if i == 0 {
			wantDoubles = b.String()
		} else if b.String() != wantDoubles {
			s.t.Fatalf("device %d lists other double bookings than device 0:\n%s\n%s", i, b.String(), wantDoubles)
		}
	}
	s.t.Logf("%d allergies, %d attachments, %d merges, %d double bookings across devices",
		s.devs[0].queryInt(`SELECT COUNT(*) FROM allergies`), s.devs[0].queryInt(`SELECT COUNT(*) FROM attachments`),
		s.devs[0].queryInt(`SELECT COUNT(*) FROM patient_merges`), len(strings.Fields(wantDoubles)))
}
