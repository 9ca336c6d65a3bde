package data_test

import (
	"bytes"
	"context"
	"testing"

	"frontdesk/data"
)

func TestExportAppointmentsCSV(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	// The hour that happens twice: the offset says which one.
	a := bp.book(t, bp.appt(data.Date{Year: 2026, Month: 10, Day: 25}, hm(2, 30), hm(2, 50)))
	b := bp.appt(data.Date{Year: 2026, Month: 11, Day: 25}, hm(9, 0), hm(9, 30))
	b.PatientID = bp.marie.ID
	b = bp.book(t, b)
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		_, err := tx.SetStatus(b.ID, data.StatusCancelled, "=HYPERLINK(\"x\"), ill")
		return err
	})
	blocked := data.Appointment{PractitionerID: bp.anna.ID, Day: data.Date{Year: 2026, Month: 11, Day: 25}, Start: hm(12, 0), End: hm(13, 0), TimeZone: "Europe/Paris"}
	blocked = bp.book(t, blocked)
	export := func() []byte {
		var buf bytes.Buffer
		if err := bp.s.ExportAppointments(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	got := export()
	want := "id,start,end,practitioner,patient,chart_number,type,status,cancellation_reason\n" +
		a.ID + ",2026-10-25T02:30:00+02:00,2026-10-25T02:50:00+02:00,Dr Anna Weber,Jean Dupont," + bp.jean.ChartNumber + ",Consultation,booked,\n" +
		b.ID + ",2026-11-25T09:00:00+01:00,2026-11-25T09:30:00+01:00,Dr Anna Weber,Marie Dupuis," + bp.marie.ChartNumber + ",Consultation,cancelled,\"'=HYPERLINK(\"\"x\"\"), ill\"\n" +
		blocked.ID + ",2026-11-25T12:00:00+01:00,2026-11-25T13:00:00+01:00,Dr Anna Weber,,,,booked,\n"
	if string(got) != want {
		t.Errorf("export:\n%s\nwant:\n%s", got, want)
	}
	if !bytes.Equal(got, export()) {
		t.Error("two exports of the same data differ")
	}
}

func TestRemindersOfADay(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	paris, _ := data.LoadZone("Europe/Paris")
	day := monday.AddDays(1)
	jean := bp.book(t, bp.appt(day, hm(9, 0), hm(9, 30)))
	marie := bp.appt(day, hm(8, 30), hm(9, 0))
	marie.PatientID = bp.marie.ID
	marie.Status = data.StatusConfirmed
	marie = bp.book(t, marie)
	gone := bp.book(t, bp.appt(day, hm(10, 0), hm(10, 30)))
	mustUpdate(t, bp.s, func(tx *data.Tx) error { _, err := tx.SetStatus(gone.ID, data.StatusCancelled, "ill"); return err })
	bp.book(t, data.Appointment{PractitionerID: bp.anna.ID, Day: day, Start: hm(11, 0), End: hm(12, 0), TimeZone: "Europe/Paris"})
	bp.book(t, bp.appt(day.AddDays(1), hm(9, 0), hm(9, 30))) // the day after
	rems, err := bp.s.Reminders(ctx, day, paris)
	if err != nil || len(rems) != 2 || rems[0].AppointmentID != marie.ID || rems[1].AppointmentID != jean.ID {
		t.Fatalf("Reminders = %+v, %v", rems, err)
	}
	var buf bytes.Buffer
	if err := data.WriteRemindersCSV(&buf, rems); err != nil {
		t.Fatal(err)
	}
	want := "date,time,patient,phone,chart_number,practitioner,type,status\n" +
		"2031-03-04,08:30,Marie Dupuis,06 98 76 54 32," + bp.marie.ChartNumber + ",Dr Anna Weber,Consultation,confirmed\n" +
		"2031-03-04,09:00,Jean Dupont,06 12 34 56 78," + bp.jean.ChartNumber + ",Dr Anna Weber,Consultation,booked\n"
	if buf.String() != want {
		t.Errorf("reminders CSV:\n%s\nwant:\n%s", buf.String(), want)
	}
}
