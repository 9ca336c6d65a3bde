package data_test

import (
	"context"
	"testing"

	"frontdesk/data"
)

// bookingPractice is a practice set up for booking tests: one
// practitioner working Monday to Friday 08:00–12:00 and 14:00–18:00, a
// 30-minute type, two patients.
type bookingPractice struct {
	s       *data.Store
	anna    data.Practitioner
	consult data.AppointmentType
	jean    data.Patient
	marie   data.Patient
}

func newBookingPractice(t testing.TB) bookingPractice {
	t.Helper()
	return setUpBooking(t, openStore(t))
}

// newBookingPracticeIn is newBookingPractice in the data folder dir; the
// caller closes the store.
func newBookingPracticeIn(t testing.TB, dir string) bookingPractice {
	t.Helper()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	mustUpdate(t, s, func(tx *data.Tx) error {
		return tx.Save(&data.Practice{Name: "Cabinet Test", Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: data.DMY})
	})
	return setUpBooking(t, s)
}

func setUpBooking(t testing.TB, s *data.Store) bookingPractice {
	t.Helper()
	bp := bookingPractice{s: s}
	bp.anna = data.Practitioner{DisplayName: "Dr Anna Weber", Active: true}
	bp.consult = data.AppointmentType{Name: "Consultation", DurationMin: 30, Colour: "#3366CC", Active: true}
	bp.jean = data.Patient{FamilyName: "Dupont", GivenName: "Jean", Phone: "06 12 34 56 78"}
	bp.marie = data.Patient{FamilyName: "Dupuis", GivenName: "Marie", Phone: "06 98 76 54 32"}
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.Save(&bp.anna); err != nil {
			return err
		}
		for wd := 1; wd <= 5; wd++ {
			for _, b := range [][2]data.WallTime{{8 * 60, 12 * 60}, {14 * 60, 18 * 60}} {
				if err := tx.Save(&data.WorkingHours{PractitionerID: bp.anna.ID, Weekday: wd, Start: b[0], End: b[1]}); err != nil {
					return err
				}
			}
		}
		if err := tx.Save(&bp.consult); err != nil {
			return err
		}
		if err := tx.CreatePatient(&bp.jean); err != nil {
			return err
		}
		return tx.CreatePatient(&bp.marie)
	})
	return bp
}

// appt is an appointment of Anna's with Jean, in Paris.
func (bp bookingPractice) appt(day data.Date, start, end data.WallTime) data.Appointment {
	return data.Appointment{PractitionerID: bp.anna.ID, PatientID: bp.jean.ID, TypeID: bp.consult.ID,
		Day: day, Start: start, End: end, TimeZone: "Europe/Paris"}
}

// book books a, failing the test on any error (clashes allowed).
func (bp bookingPractice) book(t testing.TB, a data.Appointment) data.Appointment {
	t.Helper()
	if _, err := bp.s.Book(context.Background(), &a, true); err != nil {
		t.Fatalf("Book %s %s: %v", a.Day, a.Start, err)
	}
	return a
}

func (bp bookingPractice) load(t testing.TB, id string) data.AppointmentView {
	t.Helper()
	v, err := bp.s.Appointment(context.Background(), id)
	if err != nil {
		t.Fatalf("loading appointment: %v", err)
	}
	return v
}

func hm(h, m int) data.WallTime { return data.WallTime(h*60 + m) }

// A far-future Monday, so that "before today" never freezes anything.
var monday = data.Date{Year: 2031, Month: 3, Day: 3}
