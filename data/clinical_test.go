package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

func TestAllergiesAndTheNoKnownAllergiesState(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := newPatient(t, s, "Dupont", "Jean")
	state := func() (string, []data.Allergy) {
		list, err := s.Allergies(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		return data.AllergyState(list)
	}
	if st, _ := state(); st != data.AllergiesNotRecorded {
		t.Fatalf("a new patient's allergies are %s", st)
	}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.RecordNoKnownAllergies(p.ID) })
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.RecordNoKnownAllergies(p.ID) }) // twice: one statement
	if st, _ := state(); st != data.AllergiesNoneKnown {
		t.Fatalf("after recording none: %s", st)
	}
	if n := countRows(t, s, `SELECT COUNT(*) FROM allergies WHERE patient_id = ? AND deleted = 0`, p.ID); n != 1 {
		t.Fatalf("%d live allergy rows after stating none twice", n)
	}
	pen := data.Allergy{PatientID: p.ID, Substance: "Penicillin", Reaction: "Hives", Severity: data.SeveritySevere}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.AddAllergy(&pen) })
	st, list := state()
	if st != data.AllergiesPresent || len(list) != 1 || list[0].Substance != "Penicillin" {
		t.Fatalf("after adding penicillin: %s %+v", st, list)
	}
	// The same substance twice, folded, is refused; "none known" too.
	dup := data.Allergy{PatientID: p.ID, Substance: "PÉNICILLIN"}
	err := s.Update(ctx, func(tx *data.Tx) error { return tx.AddAllergy(&dup) })
	if data.ErrorCode(err) != data.EConflict {
		t.Errorf("penicillin twice: %v", err)
	}
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.RecordNoKnownAllergies(p.ID) })
	if data.ErrorCode(err) != data.EConflict || !strings.Contains(data.ErrorMessage(err), "Penicillin") {
		t.Errorf("none known with penicillin recorded: %v", err)
	}
	bad := data.Allergy{PatientID: p.ID, Substance: "Latex", Severity: "deadly"}
	if err := s.Update(ctx, func(tx *data.Tx) error { return tx.AddAllergy(&bad) }); !strings.Contains(data.ErrorMessage(err), "Severity") {
		t.Errorf("severity deadly: %v", err)
	}
	// Removing the allergy entered in error leaves the list not recorded.
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.RemoveAllergy(pen.ID) })
	if st, _ := state(); st != data.AllergiesNotRecorded {
		t.Errorf("after removing the only allergy: %s", st)
	}
	if trail, _ := s.AuditTrail(ctx, "allergies", pen.ID); len(trail) != 2 || trail[0].Action != "delete" {
		t.Errorf("allergy trail %+v", trail)
	}
}

func TestMedicationsAndProblems(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := newPatient(t, s, "Dupont", "Jean")
	today := data.DateOf(time.Now())
	old := data.Medication{PatientID: p.ID, Name: "Amoxicillin", Dose: "1 g twice a day", From: today.AddDays(-30), To: today.AddDays(-23)}
	cur := data.Medication{PatientID: p.ID, Name: "Metformin", Dose: "500 mg", From: today.AddDays(-400)}
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.Save(&old); err != nil {
			return err
		}
		return tx.Save(&cur)
	})
	meds, err := s.Medications(ctx, p.ID)
	if err != nil || len(meds) != 2 || meds[0].Name != "Metformin" || !meds[0].Current(today) || meds[1].Current(today) {
		t.Fatalf("medications %+v %v", meds, err)
	}
	backwards := data.Medication{PatientID: p.ID, Name: "X", From: today, To: today.AddDays(-1)}
	if err := backwards.Validate(); !strings.Contains(data.ErrorMessage(err), "To:") {
		t.Errorf("a period ending before it starts: %v", err)
	}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.StopMedication(cur.ID, today) })
	if meds, _ := s.Medications(ctx, p.ID); meds[0].To != today && meds[1].To != today {
		t.Errorf("stopping did not record the day: %+v", meds)
	}

	htn := data.Problem{PatientID: p.ID, Text: "Hypertension", Since: data.Date{Year: 2015, Month: 1, Day: 1}}
	flu := data.Problem{PatientID: p.ID, Text: "Influenza", Since: today.AddDays(-10)}
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.Save(&htn); err != nil {
			return err
		}
		return tx.Save(&flu)
	})
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SetProblemStatus(flu.ID, data.ProblemResolved) })
	probs, err := s.Problems(ctx, p.ID)
	if err != nil || len(probs) != 2 || probs[0].Text != "Hypertension" || probs[1].Status != data.ProblemResolved || probs[1].ResolvedOn.IsZero() {
		t.Fatalf("problems %+v %v", probs, err)
	}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SetProblemStatus(flu.ID, data.ProblemActive) })
	if probs, _ := s.Problems(ctx, p.ID); probs[1].Status != data.ProblemActive || !probs[1].ResolvedOn.IsZero() {
		t.Errorf("reactivated: %+v", probs[1])
	}
	future := data.Problem{PatientID: p.ID, Text: "X", Since: today.AddDays(2)}
	if err := future.Validate(); !strings.Contains(data.ErrorMessage(err), "Since:") {
		t.Errorf("a problem since the future: %v", err)
	}
}

func TestVitalBounds(t *testing.T) {
	now := time.Now()
	for _, c := range []struct {
		kind, typed string
		refused     string // fragment of the message, "" when saved
		flagged     bool
	}{
		{data.VitalBP, "120/80", "", false},
		{data.VitalBP, "185/95", "", true},
		{data.VitalBP, "120/125", "diastolic pressure (125) must be lower", false},
		{data.VitalBP, "400/80", "Blood pressure (systolic): 400 mmHg is not possible (40–300 mmHg)", false},
		{data.VitalBP, "120", "write it systolic/diastolic", false},
		{data.VitalPulse, "72", "", false},
		{data.VitalPulse, "35", "", true},
		{data.VitalPulse, "0", "Pulse: 0 bpm is not possible (20–300 bpm)", false},
		{data.VitalTemperature, "37,2", "", false},
		{data.VitalTemperature, "39.8", "", true},
		{data.VitalTemperature, "98.6", "Temperature: 98.6 °C is not possible (25.0–45.0 °C)", false},
		{data.VitalTemperature, "abc", "Temperature: \"abc\" is not a number", false},
		{data.VitalTemperature, "1e2", "is not a number", false},
		{data.VitalWeight, "72.45", "", false},
		{data.VitalWeight, "720", "Weight: 720.0 kg is not possible", false},
		{data.VitalHeight, "175 cm", "", false},
		{data.VitalHeight, "1.75", "Height: 1.8 cm is not possible (20.0–260.0 cm)", false},
		{data.VitalSpO2, "97", "", false},
		{data.VitalSpO2, "88", "", true},
		{data.VitalSpO2, "101", "SpO2: 101 % is not possible", false},
		{data.VitalGlucose, "5,4", "", false},
		{data.VitalGlucose, "15.2", "", true},
		{data.VitalGlucose, "90", "Glucose: 90.0 mmol/L is not possible", false},
	} {
		k, _ := data.KindOf(c.kind)
		v1, v2, err := k.ParseReading(c.typed)
		if err == nil {
			v := data.Vital{PatientID: "p", Kind: c.kind, Taken: now, Value: v1, Value2: v2}
			err = v.Validate()
			if err == nil && (v.Flag == data.VitalFlagUnusual) != c.flagged {
				t.Errorf("%s %q: flag %q, want flagged %v", c.kind, c.typed, v.Flag, c.flagged)
			}
			if m, ok := k.Unusual(v1, v2); err == nil && c.flagged && (!ok || !strings.Contains(m.Error(), "unusual")) {
				t.Errorf("%s %q: no sentence for an unusual value", c.kind, c.typed)
			}
		}
		switch {
		case c.refused == "" && err != nil:
			t.Errorf("%s %q refused: %v", c.kind, c.typed, err)
		case c.refused != "" && !strings.Contains(data.ErrorMessage(err), c.refused):
			t.Errorf("%s %q: %v, want %q", c.kind, c.typed, err, c.refused)
		}
	}
	if v, _, _ := mustKind(t, data.VitalWeight).ParseReading("72,45"); v != 725 {
		t.Errorf("72,45 kg is stored as %d tenths, want 725 (rounded half up)", v)
	}
	future := data.Vital{PatientID: "p", Kind: data.VitalPulse, Taken: now.Add(time.Hour), Value: 70}
	if err := future.Validate(); !strings.Contains(data.ErrorMessage(err), "future") {
		t.Errorf("a reading from the future: %v", err)
	}
}

func mustKind(t *testing.T, code string) data.VitalKind {
	k, ok := data.KindOf(code)
	if !ok {
		t.Fatalf("no kind %s", code)
	}
	return k
}

func TestVitalSeriesLatestAndBMI(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := newPatient(t, s, "Dupont", "Jean")
	t0 := time.Now().Add(-48 * time.Hour)
	mustUpdate(t, s, func(tx *data.Tx) error {
		for _, v := range []data.Vital{
			{PatientID: p.ID, Kind: data.VitalHeight, Taken: t0.Add(-365 * 24 * time.Hour), Value: 1750},
			{PatientID: p.ID, Kind: data.VitalWeight, Taken: t0, Value: 800},
			{PatientID: p.ID, Kind: data.VitalWeight, Taken: t0.Add(24 * time.Hour), Value: 700},
			{PatientID: p.ID, Kind: data.VitalBP, Taken: t0, Value: 130, Value2: 85},
		} {
			if err := tx.Save(&v); err != nil {
				return err
			}
		}
		return nil
	})
	series, err := s.VitalSeries(ctx, p.ID, data.VitalWeight)
	if err != nil || len(series) != 2 || series[0].Value != 800 || series[1].Value != 700 {
		t.Fatalf("weight series %+v %v", series, err)
	}
	latest, err := s.LatestVitals(ctx, p.ID)
	if err != nil || len(latest) != 3 || latest[0].Kind != data.VitalBP || latest[1].Kind != data.VitalWeight || latest[1].Value != 700 {
		t.Fatalf("latest %+v %v", latest, err)
	}
	// 70 kg and 175 cm: 22.857… → 22.9, from the latest weight and the
	// last height however old.
	if bmi, ok := data.BMI(latest); !ok || data.FormatBMI(bmi) != "22.9 kg/m²" {
		t.Errorf("BMI = %d %v", bmi, ok)
	}
	if _, ok := data.BMI(latest[:1]); ok {
		t.Error("a BMI without weight and height")
	}
	if latest[0].Text() != "130/85 mmHg" || latest[1].Text() != "70.0 kg" {
		t.Errorf("texts %q %q", latest[0].Text(), latest[1].Text())
	}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.RemoveVital(series[1].ID) })
	if latest, _ := s.LatestVitals(ctx, p.ID); latest[1].Value != 800 {
		t.Errorf("after removing the last weight the latest is %+v", latest[1])
	}
}

func TestNotesAreAppendOnly(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	s.SetUser("dr.weber")
	p := newPatient(t, s, "Dupont", "Jean")
	other := newPatient(t, s, "Martin", "Paul")
	n := data.Note{PatientID: p.ID, Text: "Cough for five days.", Author: "forged", Written: time.Unix(0, 0)}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.AddNote(&n) })
	if n.Author != "dr.weber" || time.Since(n.Written) > time.Minute {
		t.Fatalf("the note's author and time come from the caller: %q %v", n.Author, n.Written)
	}
	// Changing or deleting it, through the write path or around it, fails.
	edited := n
	edited.Text = "Cough for two days."
	err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&edited) })
	wantCode(t, err, data.EForbidden)
	assertPlainMessage(t, data.ErrorMessage(err))
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.AddNote(&edited) })
	wantCode(t, err, data.EForbidden)
	wantCode(t, s.Update(ctx, func(tx *data.Tx) error { return tx.Delete(&n) }), data.EForbidden)
	raw := rawDB(t, s.Dir())
	for _, q := range []string{`UPDATE clinical_notes SET text = 'x'`, `DELETE FROM clinical_notes`, `UPDATE clinical_notes SET deleted = 1`} {
		if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
	// A correction is a new note pointing to the one it corrects.
	am := data.Note{PatientID: p.ID, Text: "Correction: two days, not five.", Amends: n.ID}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.AddNote(&am) })
	notes, err := s.Notes(ctx, p.ID)
	if err != nil || len(notes) != 2 {
		t.Fatalf("notes %+v %v", notes, err)
	}
	texts := map[string]string{}
	for _, x := range notes {
		texts[x.ID] = x.Text
	}
	if texts[n.ID] != "Cough for five days." || texts[am.ID] == "" {
		t.Errorf("both notes must stay readable: %v", texts)
	}
	// An amendment of another patient's note is refused.
	stray := data.Note{PatientID: other.ID, Text: "x", Amends: n.ID}
	wantCode(t, s.Update(ctx, func(tx *data.Tx) error { return tx.AddNote(&stray) }), data.EInvalid)
	empty := data.Note{PatientID: p.ID, Text: " \n "}
	wantCode(t, s.Update(ctx, func(tx *data.Tx) error { return tx.AddNote(&empty) }), data.EInvalid)
}
