package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

func TestRecallsDue(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	paris, _ := data.LoadZone("Europe/Paris")
	today := monday // 2031-03-03
	now, _ := data.ResolveLocal(today, hm(8, 0), paris)
	checkup := data.AppointmentType{Name: "Check-up", DurationMin: 20, Active: true, RecallMonths: 12}
	paul := data.Patient{FamilyName: "Martin", GivenName: "Paul", Phone: "04 78 00 00 01"}
	lea := data.Patient{FamilyName: "Durand", GivenName: "Léa"}
	old := data.Patient{FamilyName: "Ancien", GivenName: "Gone"}
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		for _, p := range []*data.Patient{&paul, &lea, &old} {
			if err := tx.CreatePatient(p); err != nil {
				return err
			}
		}
		if err := tx.Save(&checkup); err != nil {
			return err
		}
		if err := tx.Save(&data.Recall{PatientID: paul.ID, IntervalMonths: 6, Reason: "Blood pressure", Active: true}); err != nil {
			return err
		}
		return tx.Save(&data.Recall{PatientID: lea.ID, TypeID: checkup.ID, IntervalMonths: 3, Active: true})
	})
	done := func(p data.Patient, typ data.AppointmentType, day data.Date) {
		a := data.Appointment{PractitionerID: bp.anna.ID, PatientID: p.ID, TypeID: typ.ID, Day: day, Start: hm(9, 0), End: hm(9, 20),
			TimeZone: "Europe/Paris", Status: data.StatusDone}
		bp.book(t, a)
	}
	d := func(y, m, day int) data.Date { return data.Date{Year: y, Month: time.Month(m), Day: day} }
	done(bp.jean, checkup, d(2030, 1, 31))   // due 2031-01-31 by the type
	done(bp.jean, bp.consult, d(2030, 6, 2)) // last seen, no recall of its own
	done(bp.marie, checkup, d(2030, 2, 3))   // due, but booked already
	done(paul, bp.consult, d(2030, 8, 1))    // due 2031-02-01 by his own recall
	done(lea, checkup, d(2030, 11, 1))       // due 2031-02-01 by her own 3 months, not 2031-11-01
	done(old, checkup, d(2027, 1, 10))       // due 2028: gone elsewhere
	bp.book(t, data.Appointment{PractitionerID: bp.anna.ID, PatientID: bp.marie.ID, TypeID: checkup.ID, Day: today.AddDays(10),
		Start: hm(9, 0), End: hm(9, 20), TimeZone: "Europe/Paris"})

	due, err := bp.s.RecallsDue(ctx, today.AddDays(-365), today.AddDays(30), now.In(paris))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range due {
		got = append(got, r.PatientName+" "+r.Due.String()+" "+r.LastSeen.String()+" "+r.Reason)
	}
	want := []string{
		"Jean Dupont 2031-01-31 2030-06-02 Check-up",
		"Léa Durand 2031-02-01 2030-11-01 Check-up",
		"Paul Martin 2031-02-01 2030-08-01 Blood pressure",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("recall list:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(due) > 0 && (due[0].Phone != bp.jean.Phone || due[0].ChartNumber != bp.jean.ChartNumber) {
		t.Errorf("first line lacks phone or chart: %+v", due[0])
	}
}

func TestAddMonthsKeepsMonthEnd(t *testing.T) {
	for _, c := range []struct {
		from data.Date
		n    int
		want string
	}{
		{data.Date{Year: 2026, Month: 1, Day: 31}, 1, "2026-02-28"},
		{data.Date{Year: 2027, Month: 12, Day: 31}, 2, "2028-02-29"},
		{data.Date{Year: 2026, Month: 3, Day: 31}, 12, "2027-03-31"},
		{data.Date{Year: 2026, Month: 5, Day: 15}, -6, "2025-11-15"},
	} {
		if got := c.from.AddMonths(c.n).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestRecallValidation(t *testing.T) {
	bp := newBookingPractice(t)
	r := data.Recall{PatientID: bp.jean.ID, IntervalMonths: 0}
	err := bp.s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&r) })
	wantCode(t, err, data.EInvalid)
	typ := data.AppointmentType{Name: "Odd", DurationMin: 10, RecallMonths: -1}
	err = bp.s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&typ) })
	wantCode(t, err, data.EInvalid)
}
