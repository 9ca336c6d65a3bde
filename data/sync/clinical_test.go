package sync

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// clinEnv is what the patient-file and booking rows of a test refer to,
// made on device a and received by b.
type clinEnv struct {
	pt, pt2 data.Patient
	pr      data.Practitioner
	day     data.Date
}

// tableCase drives one table through the same story: a row made on
// device a arrives on b; a and b edit different fields of it while apart
// (the edit of each arrives on the other, field by field) and one field
// both (one conflict, the same winner on both); a deletes it and b keeps
// it as a tombstone.
type tableCase struct {
	table string
	// fields are the columns edited on a alone, on b alone, and on both.
	fields [3]string
	create func(d *testDevice, e *clinEnv) string // saves the row, returns its ID
	editA  func(d *testDevice)
	editB  func(d *testDevice)
	remove func(d *testDevice)
}

// tcase makes a tableCase of a record type: make returns the row to save;
// a and b change a copy of it as saved.
func tcase[T any, P interface {
	*T
	data.Record
}](table string, fields [3]string, make func(e *clinEnv) T, id func(*T) string, a, b func(*T)) tableCase {
	var saved T
	edit := func(d *testDevice, fn func(*T)) {
		v := saved
		fn(&v)
		d.update(func(tx *data.Tx) error { return tx.Save(P(&v)) })
	}
	return tableCase{table: table, fields: fields,
		create: func(d *testDevice, e *clinEnv) string {
			saved = make(e)
			d.update(func(tx *data.Tx) error { return tx.Save(P(&saved)) })
			return id(&saved)
		},
		editA: func(d *testDevice) { edit(d, a) },
		editB: func(d *testDevice) { edit(d, b) },
		remove: func(d *testDevice) {
			v := saved
			d.update(func(tx *data.Tx) error { return tx.Delete(P(&v)) })
		},
	}
}

func clinicalCases() []tableCase {
	date := func(s string) data.Date { d, _ := data.ParseISODate(s); return d }
	sum := strings.Repeat("ab", 32)
	return []tableCase{
		tcase("allergies", [3]string{"reaction", "recorded_on", "severity"},
			func(e *clinEnv) data.Allergy {
				return data.Allergy{PatientID: e.pt.ID, Substance: "Penicillin", Severity: data.SeveritySevere, RecordedOn: date("2024-03-01")}
			}, func(a *data.Allergy) string { return a.ID },
			func(a *data.Allergy) { a.Reaction = "Hives"; a.Severity = data.SeverityMild },
			func(a *data.Allergy) { a.RecordedOn = date("2024-03-02"); a.Severity = data.SeverityModerate }),
		tcase("medications", [3]string{"dose", "to_date", "name"},
			func(e *clinEnv) data.Medication {
				return data.Medication{PatientID: e.pt.ID, Name: "Metformin", Dose: "500 mg", From: date("2024-01-10")}
			}, func(m *data.Medication) string { return m.ID },
			func(m *data.Medication) { m.Dose = "850 mg twice a day"; m.Name = "Metformine" },
			func(m *data.Medication) { m.To = date("2025-06-30"); m.Name = "Metformin hydrochloride" }),
		tcase("problems", [3]string{"since", "status", "text"},
			func(e *clinEnv) data.Problem {
				return data.Problem{PatientID: e.pt.ID, Text: "Asthma", Since: date("2010-05-01")}
			}, func(p *data.Problem) string { return p.ID },
			func(p *data.Problem) { p.Since = date("2009-05-01"); p.Text = "Allergic asthma" },
			func(p *data.Problem) { p.Status = data.ProblemResolved; p.Text = "Asthma, exercise-induced" }),
		tcase("vital_signs", [3]string{"taken_utc", "value", "value2"},
			func(e *clinEnv) data.Vital {
				return data.Vital{PatientID: e.pt.ID, Kind: data.VitalBP, Taken: time.Now().Add(-time.Hour), Value: 120, Value2: 80}
			}, func(v *data.Vital) string { return v.ID },
			func(v *data.Vital) { v.Taken = v.Taken.Add(-time.Minute); v.Value2 = 85 },
			func(v *data.Vital) { v.Value = 195; v.Value2 = 90 }), // unusual: the flag is worked out on arrival
		tcase("recalls", [3]string{"reason", "active", "interval_months"},
			func(e *clinEnv) data.Recall {
				return data.Recall{PatientID: e.pt.ID, IntervalMonths: 12, Reason: "Annual check", Active: true}
			}, func(r *data.Recall) string { return r.ID },
			func(r *data.Recall) { r.Reason = "Annual diabetes check"; r.IntervalMonths = 6 },
			func(r *data.Recall) { r.Active = false; r.IntervalMonths = 3 }),
		tcase("attachments", [3]string{"file_name", "media_type", "title"},
			func(e *clinEnv) data.Attachment {
				return data.Attachment{PatientID: e.pt.ID, SHA256: sum, Size: 1000, MediaType: "application/pdf", FileName: "scan.pdf",
					Added: time.Now().UTC().Truncate(time.Second), AddedBy: "desk"}
			}, func(a *data.Attachment) string { return a.ID },
			func(a *data.Attachment) { a.FileName = "scan-2024.pdf"; a.Title = "Blood test" },
			func(a *data.Attachment) { a.MediaType = "image/png"; a.Title = "Chest X-ray" }),
		tcase("appointment_series", [3]string{"notes", "count", "every"},
			func(e *clinEnv) data.Series {
				return data.Series{PractitionerID: e.pr.ID, PatientID: e.pt.ID, First: e.day, Start: 9 * 60, End: 9*60 + 30,
					TimeZone: "Europe/Paris", Freq: data.FreqWeekly, Every: 1, Count: 10}
			}, func(s *data.Series) string { return s.ID },
			func(s *data.Series) { s.Notes = "Physio"; s.Every = 2 },
			func(s *data.Series) { s.Count = 6; s.Every = 3 }),
		tcase("appointment_types", [3]string{"colour", "recall_months", "name"},
			func(e *clinEnv) data.AppointmentType {
				return data.AppointmentType{Name: "Check-up", DurationMin: 20, Active: true}
			}, func(t *data.AppointmentType) string { return t.ID },
			func(t *data.AppointmentType) { t.Colour = "#336699"; t.Name = "Annual check-up" },
			func(t *data.AppointmentType) { t.RecallMonths = 12; t.Name = "Yearly check-up" }),
		tcase("days_off", [3]string{"reason", "last_day", "kind"},
			func(e *clinEnv) data.DayOff {
				return data.DayOff{PractitionerID: e.pr.ID, First: e.day, Last: e.day, Kind: data.OffLeave}
			}, func(o *data.DayOff) string { return o.ID },
			func(o *data.DayOff) { o.Reason = "Family"; o.Kind = data.OffTraining },
			func(o *data.DayOff) { o.Last = o.Last.AddDays(2); o.Kind = data.OffSick }),
		tcase("working_hours", [3]string{"start_min", "end_min", "weekday"},
			func(e *clinEnv) data.WorkingHours {
				return data.WorkingHours{PractitionerID: e.pr.ID, Weekday: 1, Start: 8 * 60, End: 12 * 60}
			}, func(w *data.WorkingHours) string { return w.ID },
			func(w *data.WorkingHours) { w.Start = 9 * 60; w.Weekday = 2 },
			func(w *data.WorkingHours) { w.End = 13 * 60; w.Weekday = 3 }),
		tcase("waitlist", [3]string{"before_day", "status", "notes"},
			func(e *clinEnv) data.WaitlistEntry {
				return data.WaitlistEntry{PatientID: e.pt.ID, Before: e.day.AddDays(10)}
			}, func(w *data.WaitlistEntry) string { return w.ID },
			func(w *data.WaitlistEntry) { w.Before = w.Before.AddDays(5); w.Notes = "Mornings only" },
			func(w *data.WaitlistEntry) { w.Status = data.WaitRemoved; w.Notes = "Any time after 4 pm" }),
		tcase("patient_merges", [3]string{"merged_by", "moved", "state"},
			func(e *clinEnv) data.Merge {
				return data.Merge{SurvivorID: e.pt.ID, DuplicateID: e.pt2.ID, Merged: time.Now().UTC().Truncate(time.Second),
					MergedBy: "desk", State: data.MergePending}
			}, func(m *data.Merge) string { return m.ID },
			func(m *data.Merge) { m.MergedBy = "reception"; m.State = data.MergeConfirmed },
			func(m *data.Merge) { m.Moved = []string{"allergies:x"}; m.State = data.MergeUndone }),
		tcase("practice", [3]string{"name", "currency", "phone"},
			func(e *clinEnv) data.Practice {
				return data.Practice{Name: "Cabinet du Lac", Currency: "EUR", TimeZone: "Europe/Paris"}
			}, func(p *data.Practice) string { return p.ID },
			func(p *data.Practice) { p.Name = "Cabinet médical du Lac"; p.Phone = "0450000001" },
			func(p *data.Practice) { p.Currency = "CHF"; p.Phone = "0450000002" }),
	}
}

// Every patient-file and booking table carries its rows field by field,
// keeps one conflict for one field edited on two devices, and carries a
// deletion as a tombstone.
func TestClinicalTablesTravelFieldByField(t *testing.T) {
	for _, c := range clinicalCases() {
		t.Run(c.table, func(t *testing.T) { runTableCase(t, c) })
	}
}

func runTableCase(t *testing.T, c tableCase) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	e := &clinEnv{pt: a.newPatient("Lefèvre", "Anne"), pt2: a.newPatient("Lefevre", "Anne"), pr: a.newPractitioner("Dr Keep")}
	e.day, _ = data.ParseISODate("2026-12-07")
	id := c.create(a, e)
	a.export()
	b.importAll()
	row := func(d *testDevice) string {
		return (&sim{t: t}).dump(&simDevice{testDevice: d}, fmt.Sprintf(`SELECT * FROM %s WHERE id = '%s'`, c.table, id))
	}
	col := func(d *testDevice, f string) string {
		return d.queryString(fmt.Sprintf(`SELECT quote(%s) FROM %s WHERE id = ?`, f, c.table), id)
	}
	if got, want := row(b), row(a); got != want || got == "" {
		t.Fatalf("the new row did not arrive whole:\n a: %s\n b: %s", want, got)
	}
	before := [3]string{col(a, c.fields[0]), col(a, c.fields[1]), col(a, c.fields[2])}

	c.editA(a)
	c.editB(b)
	wantA, wantB := col(a, c.fields[0]), col(b, c.fields[1])
	bothA, bothB := col(a, c.fields[2]), col(b, c.fields[2])
	if wantA == before[0] || wantB == before[1] || bothA == before[2] || bothB == before[2] || bothA == bothB {
		t.Fatalf("the edits changed nothing: before %v, a %s %s, b %s %s", before, wantA, bothA, wantB, bothB)
	}
	a.export()
	b.export()
	a.importAll()
	b.importAll()
	if ra, rb := row(a), row(b); ra != rb {
		t.Fatalf("the devices differ after the exchange:\n a: %s\n b: %s", ra, rb)
	}
	for _, d := range []*testDevice{a, b} {
		if got := col(d, c.fields[0]); got != wantA {
			t.Errorf("device %s: %s is %s, want a's %s", d.series, c.fields[0], got, wantA)
		}
		if got := col(d, c.fields[1]); got != wantB {
			t.Errorf("device %s: %s is %s, want b's %s", d.series, c.fields[1], got, wantB)
		}
		if got := col(d, c.fields[2]); got != bothA && got != bothB {
			t.Errorf("device %s: %s is %s, neither a's %s nor b's %s", d.series, c.fields[2], got, bothA, bothB)
		}
		n := d.queryInt(`SELECT COUNT(*) FROM conflicts WHERE tbl = ? AND row_id = ?`, c.table, id)
		f := d.queryString(`SELECT COALESCE(MAX(field), '') FROM conflicts WHERE tbl = ? AND row_id = ?`, c.table, id)
		if n != 1 || f != c.fields[2] {
			t.Errorf("device %s keeps %d conflicts (field %q), want one on %s", d.series, n, f, c.fields[2])
		}
	}

	c.remove(a)
	a.export()
	b.importAll()
	if got := col(b, "deleted"); got != "1" {
		t.Errorf("the deletion arrived as deleted = %s", got)
	}
	if ra, rb := row(a), row(b); ra != rb {
		t.Fatalf("the devices differ after the deletion:\n a: %s\n b: %s", ra, rb)
	}
}

// Incoming values of the patient file pass the checks typed ones do: an
// over-long allergy or an impossible reading is refused with its file;
// a reading's flag is worked out here, whatever the file says.
func TestIncomingClinicalValuesAreChecked(t *testing.T) {
	cases := []struct {
		name    string
		refused bool
		edit    func(cs []data.Change) []data.Change
	}{
		{"over-long allergy", true, func(cs []data.Change) []data.Change {
			return setField(cs, "substance", `"`+strings.Repeat("x", 5000)+`"`)
		}},
		{"impossible blood pressure", true, func(cs []data.Change) []data.Change {
			return setField(cs, "value", `900`)
		}},
		{"unknown severity", true, func(cs []data.Change) []data.Change {
			return setField(cs, "severity", `"deadly"`)
		}},
		{"a flag the sender made up", false, func(cs []data.Change) []data.Change {
			for _, c := range cs {
				if c.Table == "vital_signs" {
					c.OpID, c.Field, c.New = data.NewID(), "flag", `"unusual"`
					return append(cs, c)
				}
			}
			return cs
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPractice(t)
			a, b := p.newDevice(), p.newDevice()
			pt := a.newPatient("Gómez", "Ana")
			a.update(func(tx *data.Tx) error {
				if err := tx.AddAllergy(&data.Allergy{PatientID: pt.ID, Substance: "Latex"}); err != nil {
					return err
				}
				return tx.Save(&data.Vital{PatientID: pt.ID, Kind: data.VitalBP, Value: 120, Value2: 80})
			})
			a.export()
			set, err := a.st.SealedSet(context.Background(), 1)
			if err != nil {
				t.Fatal(err)
			}
			writeSigned(t, p, a, p.changeFiles(a.id())[0], File{Header: Header{Practice: "practice-1", Device: a.id(), Seq: 1, First: set.First, Last: set.Last},
				Changes: tc.edit(set.Changes)})
			rep := b.importAll()
			if !tc.refused {
				if len(rep.Refused) != 0 || rep.Applied != 1 {
					t.Fatalf("report %+v, want the file applied", rep)
				}
				if f := b.queryString(`SELECT flag FROM vital_signs`); f != "" {
					t.Errorf("a usual reading arrived flagged %q", f)
				}
				return
			}
			if len(rep.Refused) != 1 || rep.Refused[0].Reason != ReasonRefused {
				t.Fatalf("report %+v, want refused", rep)
			}
			if n := b.queryInt(`SELECT (SELECT COUNT(*) FROM allergies) + (SELECT COUNT(*) FROM vital_signs) + (SELECT COUNT(*) FROM patients)`); n != 0 {
				t.Errorf("%d rows of a refused file were applied", n)
			}
		})
	}
}
