package sync

import (
	"context"
	"fmt"
	"strings"

	"frontdesk/data"
)

// The simulator's edits of billing, users and letters: invoices finalized
// on several devices, payments, fee schedule changes, users, letters.
func init() {
	simEditors = append(simEditors, (*sim).billingEdit, (*sim).billingEdit, (*sim).letterOrUserEdit)
	simChecks = append(simChecks, (*sim).checkInvoiceNumbers)
	simTables = append(simTables,
		`SELECT * FROM tax_rates ORDER BY id`,
		`SELECT * FROM fee_items ORDER BY id`,
		`SELECT * FROM invoices WHERE status = 'final' ORDER BY id`,
		`SELECT l.* FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.status = 'final' ORDER BY l.id`,
		`SELECT * FROM payments ORDER BY id`,
		`SELECT * FROM invoice_due ORDER BY invoice_id`,
		`SELECT * FROM users ORDER BY id`,
		`SELECT * FROM letters WHERE status = 'sent' ORDER BY id`,
		`SELECT * FROM audit_log ORDER BY device_id, seq`,
	)
}

// readyToBill gives a device its own series letter and the practice row
// (which a joining device gets from its snapshot).
func (s *sim) readyToBill(d *simDevice) {
	if d.st.Device().Series != d.series {
		if err := d.st.SetSeries(context.Background(), d.series); err != nil {
			s.t.Fatal(err)
		}
	}
	// Billing needs the practice's row. A device that has none yet (its
	// files not received) sets one up through the write path, so that it
	// travels: two devices may create one apart, and every device then
	// holds both (the clinical part's rule: readers take the lowest ID).
	if _, err := d.st.Practice(context.Background()); data.ErrorCode(err) == data.ENotFound {
		pr := data.Practice{Name: "Cabinet Test", Address: "1 rue de la Paix", Currency: "EUR", TimeZone: "Europe/Paris"}
		d.update(func(tx *data.Tx) error { return tx.Save(&pr) })
	} else if err != nil {
		s.t.Fatal(err)
	}
}

func (s *sim) billingEdit(d *simDevice) {
	s.readyToBill(d)
	patients := s.ids(d, `SELECT id FROM patients WHERE deleted = 0 ORDER BY id`)
	fees := s.ids(d, `SELECT f.id FROM fee_items f JOIN tax_rates r ON r.id = f.tax_rate_id WHERE f.deleted = 0 ORDER BY f.id`)
	unpaid := s.ids(d, `SELECT invoice_id FROM invoice_due WHERE due > 0 ORDER BY invoice_id`)
	pick := func(ids []string) string { return ids[s.rng.Intn(len(ids))] }
	day := data.Date{Year: 2026, Month: 12, Day: 7}
	d.update(func(tx *data.Tx) error {
		switch r := s.rng.Intn(100); {
		case r < 15 || len(fees) == 0:
			rate := data.TaxRate{Name: fmt.Sprintf("Rate %s%d", d.series, s.rng.Intn(100)), BasisPoints: 100 * s.rng.Intn(20), Active: true}
			if err := tx.Save(&rate); err != nil {
				return err
			}
			fee := data.FeeItem{Code: fmt.Sprintf("F%d", s.rng.Intn(1000)), Description: "Visit", Price: data.Money(1000 + s.rng.Intn(9000)),
				TaxRateID: rate.ID, Active: true}
			return tx.Save(&fee)
		case r < 25:
			sched, err := d.st.FeeSchedule(context.Background())
			if err != nil || len(sched.Items) == 0 {
				return err
			}
			f := sched.Items[s.rng.Intn(len(sched.Items))]
			f.Price = data.Money(1000 + s.rng.Intn(9000))
			return tx.Save(&f)
		case r < 70 || len(unpaid) == 0:
			if len(patients) == 0 {
				return nil
			}
			pt, err := d.st.Patient(context.Background(), pick(patients))
			if err != nil {
				return err
			}
			sched, err := d.st.FeeSchedule(context.Background())
			if err != nil {
				return err
			}
			inv := data.NewDraft(pt, data.Practice{Currency: "EUR"}, day)
			for _, id := range []string{pick(fees), pick(fees)} {
				for _, f := range sched.Items {
					if rate, ok := sched.Rate(f.TaxRateID); ok && f.ID == id {
						inv.Lines = append(inv.Lines, data.LineFromFee(f, rate, 1+s.rng.Intn(3), day))
					}
				}
			}
			if err := tx.SaveDraft(&inv); err != nil {
				return err
			}
			if s.rng.Intn(4) == 0 {
				return nil // a draft left for later: it stays on this device
			}
			_, err = tx.FinalizeInvoice(inv.ID, day)
			return err
		default:
			inv, err := d.st.Invoice(context.Background(), pick(unpaid))
			if err != nil {
				return err
			}
			_, err = tx.TakePayment(data.PaymentRequest{PatientID: inv.PatientID, InvoiceID: inv.ID,
				Amount: data.Money(100 * (1 + s.rng.Intn(50))), Method: data.MethodCash, PaidOn: day})
			return err
		}
	})
}

func (s *sim) letterOrUserEdit(d *simDevice) {
	s.readyToBill(d)
	patients := s.ids(d, `SELECT id FROM patients WHERE deleted = 0 ORDER BY id`)
	users := s.ids(d, `SELECT id FROM users WHERE deleted = 0 ORDER BY id`)
	d.update(func(tx *data.Tx) error {
		switch r := s.rng.Intn(3); {
		case r == 0 && len(patients) > 0:
			lt := data.Letter{PatientID: patients[s.rng.Intn(len(patients))], Language: "en", Date: s.day,
				Subject: "Referral", Body: fmt.Sprintf("Written on %s, %d.", d.series, s.rng.Intn(1000))}
			if err := tx.SaveLetterDraft(&lt); err != nil || s.rng.Intn(3) == 0 {
				return err // some drafts stay drafts, on this device
			}
			return tx.MarkSent(&lt, "print", data.Letterhead{Name: "Cabinet"}, "Dr Keep")
		case r == 1 || len(users) == 0:
			login := fmt.Sprintf("user%s%d", strings.ToLower(d.series), s.rng.Intn(1e6))
			if s.rng.Intn(2) == 0 { // a login another device may make too while apart
				login = fmt.Sprintf("shared%d", s.rng.Intn(2))
				if d.queryInt(`SELECT COUNT(*) FROM users WHERE login = ? AND deleted = 0`, login) > 0 {
					return nil
				}
			}
			u := data.User{Login: login, FullName: "User " + login,
				Role: []data.Role{data.RoleAdmin, data.RoleSecretary, data.RoleBilling}[s.rng.Intn(3)], PasswordHash: simHash, Active: true}
			return tx.SaveUser(&u)
		default:
			all, err := d.st.Users(context.Background())
			if err != nil || len(all) == 0 {
				return err
			}
			u := all[s.rng.Intn(len(all))]
			u.FullName = fmt.Sprintf("Renamed on %s %d", d.series, s.rng.Intn(100))
			if u.Role != data.RoleAdmin { // the last administrator is never demoted
				u.Role = []data.Role{data.RoleSecretary, data.RoleBilling}[s.rng.Intn(2)]
			}
			return tx.SaveUser(&u)
		}
	})
}

// checkInvoiceNumbers: every number once, every device's series without
// a gap, drafts never anywhere but home.
func (s *sim) checkInvoiceNumbers() {
	d := s.devs[0]
	if n := d.queryInt(`SELECT COUNT(*) - COUNT(DISTINCT number) FROM invoices WHERE status = 'final'`); n != 0 {
		s.t.Fatalf("%d invoice numbers were given twice", n)
	}
	for _, letter := range d.strings(`SELECT DISTINCT substr(number, 1, 1) FROM invoices WHERE status = 'final'`) {
		n := d.queryInt(`SELECT COUNT(*) FROM invoices WHERE number LIKE ? || '-2026-%'`, letter)
		if top := d.queryString(`SELECT MAX(number) FROM invoices WHERE number LIKE ? || '-2026-%'`, letter); top != data.InvoiceNumber(letter, 2026, int64(n)) {
			s.t.Fatalf("series %s: %d invoices, the last numbered %s: a gap", letter, n, top)
		}
	}
	s.t.Logf("billing: %d finalized invoices in %d series, %d payments, %d sent letters, %d users",
		d.queryInt(`SELECT COUNT(*) FROM invoices WHERE status = 'final'`), d.queryInt(`SELECT COUNT(DISTINCT substr(number, 1, 1)) FROM invoices`),
		d.queryInt(`SELECT COUNT(*) FROM payments`), d.queryInt(`SELECT COUNT(*) FROM letters WHERE status = 'sent'`), d.queryInt(`SELECT COUNT(*) FROM users`))
	for _, dev := range s.devs {
		if n := dev.queryInt(`SELECT COUNT(*) FROM invoices i WHERE status = 'draft' AND NOT EXISTS
			(SELECT 1 FROM audit_log a WHERE a.entity = 'invoices' AND a.entity_id = i.id AND a.device_id = ?)`, dev.id()); n != 0 {
			s.t.Fatalf("device %s holds %d drafts made elsewhere", dev.series, n)
		}
	}
}

// simHash is a real argon2id hash (of "a long simulated secret", zero
// salt), written here once: hashing under -race takes seconds.
const simHash = "$argon2id$v=19$m=65536,t=6,p=2$AAAAAAAAAAAAAAAAAAAAAA$ZNGqO3guBp84Ny81jJL2Qbs86kl95Ib5wRmBCZPTCGg"
