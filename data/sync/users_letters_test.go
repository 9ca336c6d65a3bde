package sync

import (
	"context"
	"strings"
	"testing"

	"frontdesk/data"
)

// A user made, demoted and deactivated on one computer is so on the
// others; a password changed on two computers while apart ends the same
// everywhere, the losing hash kept in the conflicts list.
func TestUsersTravel(t *testing.T) {
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
	admin := data.User{Login: "boss", FullName: "Le Patron", Role: data.RoleAdmin, PasswordHash: hash("boss secret"), Active: true}
	a.update(func(tx *data.Tx) error {
		if err := tx.SaveUser(&admin); err != nil {
			return err
		}
		return tx.SaveUser(&u)
	})
	a.export()
	b.importAll()
	u.Role, u.Active = data.RoleSecretary, false
	a.update(func(tx *data.Tx) error { return tx.SaveUser(&u) })
	a.export()
	b.importAll()
	if got := b.queryString(`SELECT role || active FROM users WHERE id = ?`, u.ID); got != "secretary0" {
		t.Errorf("on b marie is %q, want secretary0 (demoted, deactivated)", got)
	}

	onA, onB := u, u
	onA.PasswordHash, onB.PasswordHash = hash("from the desk"), hash("from the laptop")
	a.update(func(tx *data.Tx) error { return tx.SaveUser(&onA) })
	b.update(func(tx *data.Tx) error { return tx.SaveUser(&onB) })
	a.export()
	b.export()
	a.importAll()
	b.importAll()
	q := `SELECT password_hash FROM users WHERE id = ?`
	if ha, hb := a.queryString(q, u.ID), b.queryString(q, u.ID); ha != hb {
		t.Fatalf("the password hashes differ after the merge")
	}
	kept := a.queryInt(`SELECT COUNT(*) FROM conflicts WHERE tbl = 'users' AND field = 'password_hash'`) +
		b.queryInt(`SELECT COUNT(*) FROM conflicts WHERE tbl = 'users' AND field = 'password_hash'`)
	if kept == 0 {
		t.Error("the losing password hash was not kept in the conflicts")
	}
}

// A draft letter stays on its computer; a sent one travels whole, and an
// incoming change to its text is refused: a sent letter never changes.
func TestSentLettersTravelWholeAndNeverChange(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	day := data.Date{Year: 2026, Month: 11, Day: 30}
	draft := data.Letter{PatientID: pt.ID, Language: "en", Date: day, Subject: "Draft", Body: "Not finished"}
	sent := data.Letter{PatientID: pt.ID, Language: "en", Date: day, Subject: "Referral", Body: "Dear colleague"}
	a.update(func(tx *data.Tx) error {
		if err := tx.SaveLetterDraft(&draft); err != nil {
			return err
		}
		if err := tx.SaveLetterDraft(&sent); err != nil {
			return err
		}
		sent.Body = "Dear colleague, please see Ana."
		return tx.MarkSent(&sent, "print", data.Letterhead{Name: "Cabinet Test"}, "Dr Keep")
	})
	a.export()
	b.importAll()
	row := `SELECT subject || '|' || body || '|' || status || '|' || sent_how || '|' || sent_utc || '|' || letterhead || '|' || signer FROM letters WHERE id = ?`
	if got, want := b.queryString(row, sent.ID), a.queryString(row, sent.ID); got != want {
		t.Errorf("the sent letter arrived as %q, want %q", got, want)
	}
	if n := b.queryInt(`SELECT COUNT(*) FROM letters WHERE id = ?`, draft.ID); n != 0 {
		t.Error("a draft letter travelled")
	}

	// A later file of a that rewrites the sent letter's text.
	c := p.newDevice() // receives both files
	forged := data.Change{OpID: data.NewID(), HLC: "", Device: a.id(), Table: "letters", RowID: sent.ID, Field: "body", New: `"Something else"`}
	old := `"Dear colleague, please see Ana."`
	forged.Old = &old
	set, err := a.st.SealedSet(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	last := set.Changes[len(set.Changes)-1]
	forged.HLC = "9" + last.HLC[1:]
	writeSigned(t, p, a, strings.Replace(p.changeFiles(a.id())[0], "/1.chg", "/2.chg", 1), File{Header: Header{Practice: "practice-1", Device: a.id(), Seq: 2,
		First: set.Last + 1, Last: set.Last + 1}, Changes: []data.Change{forged}})
	rep := c.importAll()
	if rep.Applied != 1 || len(rep.Refused) != 1 || rep.Refused[0].Reason != ReasonRefused {
		t.Fatalf("report %+v, want the first file applied and the second refused", rep)
	}
	if got := c.queryString(`SELECT body FROM letters WHERE id = ?`, sent.ID); got != "Dear colleague, please see Ana." {
		t.Errorf("the sent letter now reads %q", got)
	}
}

// Two computers that each made an account "marie" while apart both take
// the other's: the later-made account becomes "marie-2", alike on both,
// nothing is refused, and
// the login it lost is in the conflicts list. Before, each computer
// refused the other's file for good.
func TestOneLoginMadeOnTwoComputers(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	for _, d := range []*testDevice{a, b} {
		if err := d.st.SetSeries(context.Background(), d.series); err != nil {
			t.Fatal(err)
		}
	}
	exchangeWhole(t, a, b)
	h, err := data.HashPassword("a long enough secret", "marie", "Marie")
	if err != nil {
		t.Fatal(err)
	}
	onA := data.User{Login: "marie", FullName: "Marie Dubois", Role: data.RoleAdmin, PasswordHash: h, Active: true}
	a.update(func(tx *data.Tx) error { return tx.SaveUser(&onA) })
	onB := data.User{Login: "marie", FullName: "Marie Durand", Role: data.RoleSecretary, PasswordHash: h, Active: true}
	b.update(func(tx *data.Tx) error { return tx.SaveUser(&onB) })
	later := onB
	if onA.ID > onB.ID {
		later = onA
	}
	exchangeWhole(t, a, b)
	q := `SELECT group_concat(id || ' ' || login, ', ') FROM (SELECT id, login FROM users ORDER BY id)`
	if ua, ub := a.queryString(q), b.queryString(q); ua != ub {
		t.Fatalf("the accounts differ:\n a: %s\n b: %s", ua, ub)
	}
	if got := a.queryString(`SELECT login FROM users WHERE id = ?`, later.ID); got != "marie-2" {
		t.Errorf("the later account's login is %q, want marie-2", got)
	}
	for _, d := range []*testDevice{a, b} {
		if n := d.queryInt(`SELECT COUNT(*) FROM conflicts WHERE tbl = 'users' AND field = 'login' AND row_id = ? AND value = '"marie"'`, later.ID); n != 1 {
			t.Errorf("%s keeps %d conflicts for the lost login", d.series, n)
		}
		if n := d.queryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'login_renamed' AND device_id = ?`, d.id()); n != 1 {
			t.Errorf("%s audited %d renames", d.series, n)
		}
	}
}
