package interop_test

import (
	"context"
	"testing"
	"time"

	"frontdesk/data"
)

// practice is a small real practice in a SQLite file under t.TempDir(),
// written through the write path: two practitioners in Paris, patients
// whose names need escaping and folding, appointments on both sides of
// the 2027 daylight-saving changes, one cancelled with clinical words in
// its notes and reason, blocked time, and a patient file with every
// clinical list.
type practice struct {
	s              *data.Store
	anna, youssef  data.Practitioner
	consult        data.AppointmentType
	jeanne, oleg   data.Patient
	dup            data.Patient // a duplicate of Jeanne, merged into her
	friday, monday data.Appointment
	cancelled      data.Appointment
	blocked        data.Appointment
	autumn         data.Appointment // the Monday after the autumn change
	olegs          data.Appointment // Oleg's, with Youssef
}

// clinicalWords are typed into a booking's notes and its cancellation
// reason: a calendar file must never carry them.
const clinicalWords = "chest pain since Tuesday"
const cancelWords = "admitted to hospital with pneumonia"

func newPractice(t *testing.T) *practice {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	p := &practice{s: s}
	p.anna = data.Practitioner{DisplayName: "Dr Anna Weber", Title: "Dr", Speciality: "General practice", Active: true}
	p.youssef = data.Practitioner{DisplayName: "Dr Youssef Benali", Active: true}
	p.consult = data.AppointmentType{Name: "Consultation; long, with \\ care", DurationMin: 30, Colour: "#3366CC", Active: true}
	p.jeanne = data.Patient{FamilyName: "Martin-Lefèvre", GivenName: "Jeanne", Sex: data.SexFemale, Phone: "+33 6 12 34 56 78",
		Email: "jeanne@example.org", Address: "12 rue des Lilas\n69003 Lyon", EmergencyContact: "Paul Martin (husband)",
		EmergencyPhone: "06 11 22 33 44", PreferredName: "Jeanne"}
	p.jeanne.BirthDate, _ = data.NewDate(1962, time.March, 14)
	// A long name in Cyrillic with characters of two and three bytes, so
	// that a folded line would split one if the folding counted badly.
	p.oleg = data.Patient{FamilyName: "Константинопольский-Ёжиков", GivenName: "Олег Владимирович", Sex: data.SexMale}
	p.oleg.BirthDate, _ = data.NewDate(1975, time.July, 2)
	p.dup = data.Patient{FamilyName: "Martin Lefevre", GivenName: "Jeanne", Sex: data.SexFemale}
	p.dup.BirthDate = p.jeanne.BirthDate

	update(t, s, func(tx *data.Tx) error {
		for _, rec := range []data.Record{&data.Practice{Name: "Cabinet des Tilleuls, Lyon", Currency: "EUR",
			TimeZone: "Europe/Paris", DateFormat: data.DMY}, &p.anna, &p.youssef, &p.consult} {
			if err := tx.Save(rec); err != nil {
				return err
			}
		}
		for _, pt := range []*data.Patient{&p.jeanne, &p.oleg, &p.dup} {
			if err := tx.CreatePatient(pt); err != nil {
				return err
			}
		}
		return nil
	})

	day := func(y int, m time.Month, d int) data.Date { dd, _ := data.NewDate(y, m, d); return dd }
	book := func(a data.Appointment) data.Appointment {
		t.Helper()
		a.TimeZone = "Europe/Paris"
		if _, err := s.Book(context.Background(), &a, true); err != nil {
			t.Fatalf("booking %v: %v", a.Day, err)
		}
		return a
	}
	// Spring forward on Sunday 28 March 2027 at 02:00, fall back on
	// Sunday 31 October 2027 at 03:00.
	p.friday = book(data.Appointment{PractitionerID: p.anna.ID, PatientID: p.jeanne.ID, TypeID: p.consult.ID,
		Day: day(2027, time.March, 26), Start: 10 * 60, End: 10*60 + 30})
	p.monday = book(data.Appointment{PractitionerID: p.anna.ID, PatientID: p.jeanne.ID, TypeID: p.consult.ID,
		Day: day(2027, time.March, 29), Start: 10 * 60, End: 10*60 + 30})
	p.cancelled = book(data.Appointment{PractitionerID: p.anna.ID, PatientID: p.jeanne.ID, TypeID: p.consult.ID,
		Day: day(2027, time.March, 30), Start: 9 * 60, End: 9*60 + 30, Notes: clinicalWords})
	update(t, s, func(tx *data.Tx) error {
		_, err := tx.SetStatus(p.cancelled.ID, data.StatusCancelled, cancelWords)
		return err
	})
	p.blocked = book(data.Appointment{PractitionerID: p.anna.ID, Day: day(2027, time.March, 30), Start: 12 * 60, End: 13 * 60})
	p.autumn = book(data.Appointment{PractitionerID: p.anna.ID, PatientID: p.jeanne.ID, TypeID: p.consult.ID,
		Day: day(2027, time.November, 1), Start: 10 * 60, End: 10*60 + 30})
	p.olegs = book(data.Appointment{PractitionerID: p.youssef.ID, PatientID: p.oleg.ID, TypeID: p.consult.ID,
		Day: day(2027, time.March, 29), Start: 11 * 60, End: 11*60 + 30})

	taken := time.Date(2025, time.June, 3, 8, 15, 0, 0, time.UTC)
	update(t, s, func(tx *data.Tx) error {
		if err := tx.AddAllergy(&data.Allergy{PatientID: p.jeanne.ID, Substance: "Penicillin", Reaction: "hives", Severity: data.SeveritySevere}); err != nil {
			return err
		}
		if err := tx.RecordNoKnownAllergies(p.oleg.ID); err != nil {
			return err
		}
		since, _ := data.NewDate(2015, time.May, 1)
		for _, rec := range []data.Record{
			&data.Problem{PatientID: p.jeanne.ID, Text: "Type 2 diabetes", Since: since},
			&data.Problem{PatientID: p.jeanne.ID, Text: "Appendicitis", Status: data.ProblemResolved, Since: since, ResolvedOn: since.AddDays(20)},
			&data.Medication{PatientID: p.jeanne.ID, Name: "Metformin", Dose: "500 mg twice a day", From: since},
			&data.Medication{PatientID: p.jeanne.ID, Name: "Amoxicillin", Dose: "1 g", From: since, To: since.AddDays(7)},
			&data.Vital{PatientID: p.jeanne.ID, Kind: data.VitalBP, Value: 142, Value2: 88, Taken: taken},
			&data.Vital{PatientID: p.jeanne.ID, Kind: data.VitalTemperature, Value: 372, Taken: taken},
			&data.Vital{PatientID: p.jeanne.ID, Kind: data.VitalPulse, Value: 72, Taken: taken},
			&data.Vital{PatientID: p.jeanne.ID, Kind: data.VitalWeight, Value: 685, Taken: taken},
			&data.Vital{PatientID: p.jeanne.ID, Kind: data.VitalHeight, Value: 1642, Taken: taken},
			&data.Vital{PatientID: p.jeanne.ID, Kind: data.VitalSpO2, Value: 97, Taken: taken},
			&data.Vital{PatientID: p.jeanne.ID, Kind: data.VitalGlucose, Value: 61, Taken: taken},
			// Recorded in the duplicate's file before the merge.
			&data.Problem{PatientID: p.dup.ID, Text: "Hypertension", Since: since},
		} {
			if err := tx.Save(rec); err != nil {
				return err
			}
		}
		_, err := tx.MergePatients(p.jeanne.ID, p.dup.ID)
		return err
	})
	return p
}

func update(t *testing.T, s *data.Store, fn func(tx *data.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}
