package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

func weekOf(blocks ...[3]int) []data.WorkingHours {
	var out []data.WorkingHours
	for _, b := range blocks {
		out = append(out, data.WorkingHours{Weekday: b[0], Start: data.WallTime(b[1]), End: data.WallTime(b[2])})
	}
	return out
}

func TestSavePractitionerReplacesTheWeek(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := data.Practitioner{DisplayName: "Dr Léa Morel", Speciality: "General practice", Colour: "#2E7D6B", Active: true}
	week := weekOf([3]int{1, 8 * 60, 12 * 60}, [3]int{1, 14 * 60, 18 * 60}, [3]int{2, 8 * 60, 12 * 60}, [3]int{3, 9 * 60, 12 * 60})
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SavePractitioner(&p, week) })
	got, err := s.WorkingHoursOf(ctx, p.ID)
	if err != nil || len(got) != 4 {
		t.Fatalf("stored week %+v, %v", got, err)
	}
	before := map[string]data.WorkingHours{}
	for _, w := range got {
		before[w.ID] = w
	}

	// Monday's morning changes, Tuesday stays, Wednesday goes, Friday comes.
	db := rawDB(t, s.Dir())
	changesBefore := queryInt(t, db, `SELECT COUNT(*) FROM changes WHERE tbl = 'working_hours'`)
	week = weekOf([3]int{1, 8*60 + 30, 12 * 60}, [3]int{1, 14 * 60, 18 * 60}, [3]int{2, 8 * 60, 12 * 60}, [3]int{5, 8 * 60, 12 * 60})
	p.Title = "Dr"
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SavePractitioner(&p, week) })
	got, _ = s.WorkingHoursOf(ctx, p.ID)
	var text []string
	for _, w := range got {
		text = append(text, w.String())
	}
	if want := "Mon 08:30–12:00, Mon 14:00–18:00, Tue 08:00–12:00, Fri 08:00–12:00"; strings.Join(text, ", ") != want {
		t.Fatalf("week after the edit: %s, want %s", strings.Join(text, ", "), want)
	}
	// The unchanged blocks kept their rows; the changed Monday morning
	// reused its row; Wednesday is a tombstone, not a missing row.
	for _, w := range got {
		if w.Weekday == 5 {
			if _, ok := before[w.ID]; ok {
				t.Error("Friday reused a row of another day")
			}
			continue
		}
		if _, ok := before[w.ID]; !ok {
			t.Errorf("%s got a new row instead of keeping its own", w)
		}
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM working_hours WHERE practitioner_id = ? AND weekday = 3 AND deleted = 1`, p.ID); n != 1 {
		t.Errorf("Wednesday's block: %d tombstones, want 1", n)
	}
	// Changes for sync: Monday's start (1), Friday's creation (1), Wednesday's deletion (1).
	if n := queryInt(t, db, `SELECT COUNT(*) FROM changes WHERE tbl = 'working_hours'`) - changesBefore; n != 3 {
		t.Errorf("%d changes recorded for the week, want 3", n)
	}
	if pr, err := s.Practitioner(ctx, p.ID); err != nil || pr.Title != "Dr" {
		t.Errorf("practitioner after the edit: %+v, %v", pr, err)
	}
}

func TestSavePractitionerRefusesABadWeek(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := data.Practitioner{DisplayName: "Dr Léa Morel", Active: true}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SavePractitioner(&p, weekOf([3]int{1, 8 * 60, 12 * 60})) })
	for _, c := range []struct {
		week []data.WorkingHours
		want string
	}{
		{weekOf([3]int{1, 8 * 60, 12 * 60}, [3]int{1, 11 * 60, 14 * 60}), "on Monday, 11:00–14:00 overlaps 08:00–12:00"},
		{weekOf([3]int{2, 12 * 60, 8 * 60}), "12:00 to 08:00 is not a period of time within one day"},
		{weekOf([3]int{7, 8 * 60, 9 * 60}), "day 7 is not a day of the week"},
	} {
		p.Speciality = "changed"
		err := s.Update(ctx, func(tx *data.Tx) error { return tx.SavePractitioner(&p, c.week) })
		wantCode(t, err, data.EInvalid)
		if !strings.Contains(data.ErrorMessage(err), c.want) {
			t.Errorf("message %q, want %q", data.ErrorMessage(err), c.want)
		}
	}
	// Nothing of the refused saves was written, the practitioner included.
	got, _ := s.WorkingHoursOf(ctx, p.ID)
	if len(got) != 1 || got[0].String() != "Mon 08:00–12:00" {
		t.Errorf("week after refused saves: %+v", got)
	}
	if pr, _ := s.Practitioner(ctx, p.ID); pr.Speciality != "" {
		t.Errorf("a refused save changed the practitioner: %+v", pr)
	}
	// Blocks that touch are a week with a break of no length, not an overlap.
	if err := data.ValidateWeek(weekOf([3]int{1, 8 * 60, 12 * 60}, [3]int{1, 12 * 60, 14 * 60})); err != nil {
		t.Errorf("touching blocks refused: %v", err)
	}
}

func TestDeactivateKeepsHistory(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	a := bp.book(t, bp.appt(monday, hm(9, 0), hm(9, 30)))
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		if err := tx.SetPractitionerActive(bp.anna.ID, false); err != nil {
			return err
		}
		return tx.SetAppointmentTypeActive(bp.consult.ID, false)
	})
	prs, _ := bp.s.Practitioners(ctx)
	types, _ := bp.s.AppointmentTypes(ctx)
	if len(prs) != 1 || prs[0].Active || prs[0].DisplayName != "Dr Anna Weber" || len(types) != 1 || types[0].Active || types[0].DurationMin != 30 {
		t.Fatalf("after deactivating: %+v %+v", prs, types)
	}
	if v := bp.load(t, a.ID); v.PractitionerName != "Dr Anna Weber" || v.TypeName != "Consultation" || v.Status != data.StatusBooked {
		t.Errorf("the appointment lost its practitioner or type: %+v", v)
	}
	err := bp.s.Update(ctx, func(tx *data.Tx) error { return tx.SetPractitionerActive("nobody", true) })
	wantCode(t, err, data.ENotFound)
	mustUpdate(t, bp.s, func(tx *data.Tx) error { return tx.SetPractitionerActive(bp.anna.ID, true) })
	if pr, _ := bp.s.Practitioner(ctx, bp.anna.ID); !pr.Active {
		t.Error("reactivating did not take")
	}
}

func TestAppointmentTypeKeepsFeeAndRecall(t *testing.T) {
	s := openStore(t)
	cur, _ := data.ParseCurrency("EUR")
	fee, err := cur.Parse("30,50")
	if err != nil {
		t.Fatal(err)
	}
	at := data.AppointmentType{Name: "Diabetes check", DurationMin: 30, Colour: "#1F7A8C", DefaultFee: fee, Active: true, RecallMonths: 12}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&at) })
	types, err := s.AppointmentTypes(context.Background())
	if err != nil || len(types) != 1 || types[0] != at || cur.Format(types[0].DefaultFee) != "30.50" {
		t.Fatalf("read back %+v, %v; want %+v", types, err, at)
	}
	at.RecallMonths = 121
	err = s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&at) })
	if !strings.Contains(data.ErrorMessage(err), "Recall: 121 months is not between 0 and 120.") {
		t.Errorf("a recall of 121 months: %v", err)
	}
}

func TestPatientRecallsAddAndRemove(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	own := data.Recall{PatientID: bp.jean.ID, IntervalMonths: 6, Reason: "Blood pressure", Active: true}
	typed := data.Recall{PatientID: bp.jean.ID, TypeID: bp.consult.ID, IntervalMonths: 12, Active: true}
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		if err := tx.Save(&typed); err != nil {
			return err
		}
		return tx.Save(&own)
	})
	list, err := bp.s.RecallsOf(ctx, bp.jean.ID)
	if err != nil || len(list) != 2 || list[0].ID != own.ID || list[1].TypeName != "Consultation" || list[0].TypeName != "" {
		t.Fatalf("RecallsOf = %+v, %v", list, err)
	}
	if pf, err := bp.s.LoadPatientFile(ctx, bp.jean.ID, time.Now()); err != nil || len(pf.Recalls) != 2 {
		t.Errorf("the patient file has %d recalls (%v)", len(pf.Recalls), err)
	}
	mustUpdate(t, bp.s, func(tx *data.Tx) error { return tx.RemoveRecall(own.ID) })
	if list, _ = bp.s.RecallsOf(ctx, bp.jean.ID); len(list) != 1 || list[0].ID != typed.ID {
		t.Errorf("after removing: %+v", list)
	}
	err = bp.s.Update(ctx, func(tx *data.Tx) error { return tx.RemoveRecall(own.ID) })
	wantCode(t, err, data.ENotFound)
}

func TestRemoveFromWaitlist(t *testing.T) {
	bp := newBookingPractice(t)
	ctx := context.Background()
	e := data.WaitlistEntry{PatientID: bp.marie.ID, Before: monday.AddDays(7)}
	mustUpdate(t, bp.s, func(tx *data.Tx) error { return tx.Save(&e) })
	mustUpdate(t, bp.s, func(tx *data.Tx) error { return tx.RemoveFromWaitlist(e.ID) })
	if list, _ := bp.s.Waitlist(ctx); len(list) != 0 {
		t.Fatalf("still waiting: %+v", list)
	}
	db := rawDB(t, bp.s.Dir())
	if n := queryInt(t, db, `SELECT COUNT(*) FROM waitlist WHERE id = ? AND status = 'removed' AND deleted = 0`, e.ID); n != 1 {
		t.Error("the entry is not kept with status removed")
	}
	err := bp.s.Update(ctx, func(tx *data.Tx) error { return tx.RemoveFromWaitlist(e.ID) })
	wantCode(t, err, data.EConflict)
}
