package sync

import (
	"context"
	"testing"

	"frontdesk/data"
)

// A conflict is listed in words on both computers (the kept value, the
// lost one, who wrote each), settled on one of them either way, and the
// decision travels: the other computer ends with the same value and
// nothing left to settle. Changes not yet in a change file are counted.
func TestSettledConflictsTravel(t *testing.T) {
	ctx := context.Background()
	for _, takeLost := range []bool{false, true} {
		p := newTestPractice(t)
		a, b := p.newDevice(), p.newDevice()
		pt := a.newPatient("Dupont", "Marie")
		if n, err := a.st.SyncChangesWaiting(ctx); err != nil || n != 1 {
			t.Fatalf("changes waiting before the first export: %d %v, want 1 (one patient)", n, err)
		}
		a.export()
		if n, err := a.st.SyncChangesWaiting(ctx); err != nil || n != 0 {
			t.Fatalf("changes waiting after the export: %d %v, want 0", n, err)
		}
		b.importAll()
		edit := func(d *testDevice, phone string) {
			d.update(func(tx *data.Tx) error {
				cur, err := d.patient(pt.ID)
				if err != nil {
					return err
				}
				cur.Phone = phone
				return tx.Save(&cur)
			})
		}
		edit(a, "06 11 11 11 11")
		edit(b, "07 22 22 22 22") // later: b's wins
		a.export()
		b.export()
		a.importAll()
		b.importAll()
		cs, err := a.st.SyncConflicts(ctx)
		if err != nil || len(cs) != 1 {
			t.Fatalf("a's conflicts: %+v %v", cs, err)
		}
		c := cs[0]
		if c.Subject != "Dupont, Marie" || c.Field != "phone" || c.Kept != "07 22 22 22 22" || c.Lost != "06 11 11 11 11" ||
			c.KeptBy != b.id() || c.LostBy != a.id() || c.KeptAt.Before(c.LostAt) {
			t.Fatalf("a's conflict reads %+v", c)
		}
		if n, err := a.st.SyncConflictCount(ctx); err != nil || n != 1 {
			t.Fatalf("count %d %v", n, err)
		}
		if err := a.st.ResolveSyncConflict(ctx, c.OpID, takeLost); err != nil {
			t.Fatal(err)
		}
		want := "07 22 22 22 22"
		if takeLost {
			want = "06 11 11 11 11"
		}
		a.export()
		b.importAll()
		for _, d := range []*testDevice{a, b} {
			got, err := d.patient(pt.ID)
			if err != nil || got.Phone != want {
				t.Errorf("take lost %v: device %s has phone %q (%v), want %q", takeLost, d.series, got.Phone, err, want)
			}
			if cs, err := d.st.SyncConflicts(ctx); err != nil || len(cs) != 0 {
				t.Errorf("take lost %v: device %s still lists %+v (%v)", takeLost, d.series, cs, err)
			}
		}
		if n := a.queryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'sync_conflict_resolved'`); n != 1 {
			t.Errorf("the settlement was audited %d times", n)
		}
	}
}

// A password changed on two computers while apart is listed without
// either hash, and is settled only by keeping the newer one.
func TestPasswordConflictShowsNoHash(t *testing.T) {
	ctx := context.Background()
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	hash := func(pw string) string {
		h, err := data.HashPassword(pw, "marie", "Marie Dubois")
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	u := data.User{Login: "marie", FullName: "Marie Dubois", Role: data.RoleAdmin, PasswordHash: hash("first secret"), Active: true}
	a.update(func(tx *data.Tx) error { return tx.SaveUser(&u) })
	a.export()
	b.importAll()
	onA, onB := u, u
	onA.PasswordHash, onB.PasswordHash = hash("from the desk"), hash("from the laptop")
	a.update(func(tx *data.Tx) error { return tx.SaveUser(&onA) })
	b.update(func(tx *data.Tx) error { return tx.SaveUser(&onB) })
	a.export()
	b.export()
	a.importAll()
	b.importAll()
	for _, d := range []*testDevice{a, b} {
		cs, err := d.st.SyncConflicts(ctx)
		if err != nil || len(cs) != 1 {
			t.Fatalf("device %s lists %+v (%v)", d.series, cs, err)
		}
		c := cs[0]
		if !c.Secret || c.Kept != "" || c.Lost != "" || c.Subject != "Marie Dubois" {
			t.Errorf("device %s shows the password conflict as %+v", d.series, c)
		}
		if err := d.st.ResolveSyncConflict(ctx, c.OpID, true); data.ErrorCode(err) != data.EForbidden {
			t.Errorf("device %s took the losing hash: %v", d.series, err)
		}
		if err := d.st.ResolveSyncConflict(ctx, c.OpID, false); err != nil {
			t.Errorf("device %s kept the newer: %v", d.series, err)
		}
	}
	if !data.IsSecretField("users", "password_hash") || data.IsSecretField("patients", "phone") {
		t.Error("secret fields misnamed")
	}
}

// A conflict over a reference (the practitioner of an appointment) names
// the rows each computer chose, never their IDs.
func TestAConflictOverAReferenceNamesTheRows(t *testing.T) {
	ctx := context.Background()
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	weber, roche, klein := a.newPractitioner("Dr Anna Weber"), a.newPractitioner("Dr Paul Roche"), a.newPractitioner("Dr Eva Klein")
	pt := a.newPatient("Dupont", "Marie")
	day, _ := data.ParseISODate("2026-12-01")
	appt := data.Appointment{PractitionerID: weber.ID, PatientID: pt.ID, Day: day, Start: 9 * 60, End: 9*60 + 20, TimeZone: "Europe/Paris"}
	a.update(func(tx *data.Tx) error { return tx.Save(&appt) })
	a.export()
	b.importAll()
	move := func(d *testDevice, to data.Practitioner) {
		d.update(func(tx *data.Tx) error {
			cur := appt
			cur.PractitionerID = to.ID
			return tx.Save(&cur)
		})
	}
	move(a, roche)
	move(b, klein) // later: b's wins
	a.export()
	b.export()
	a.importAll()
	cs, err := a.st.SyncConflicts(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("a's conflicts: %+v %v", cs, err)
	}
	if c := cs[0]; c.Field != "practitioner_id" || c.Subject != "Dupont, Marie" || c.Kept != "Dr Eva Klein" || c.Lost != "Dr Paul Roche" {
		t.Fatalf("the conflict reads %+v", c)
	}
}
