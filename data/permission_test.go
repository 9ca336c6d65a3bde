package data_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// clinicalPatient is a patient with an allergy, a problem, a vital sign,
// a note and an attachment, written by the program itself.
func clinicalPatient(t *testing.T, s *data.Store) data.Patient {
	t.Helper()
	p := newPatient(t, s, "Dupont", "Jean")
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.AddAllergy(&data.Allergy{PatientID: p.ID, Substance: "Penicillin", Severity: data.SeveritySevere}); err != nil {
			return err
		}
		if err := tx.Save(&data.Problem{PatientID: p.ID, Text: "Asthma", Status: data.ProblemActive}); err != nil {
			return err
		}
		if err := tx.Save(&data.Vital{PatientID: p.ID, Kind: data.VitalWeight, Taken: time.Now().Add(-time.Hour), Value: 800}); err != nil {
			return err
		}
		return tx.AddNote(&data.Note{PatientID: p.ID, Text: "Wheezing since Monday."})
	})
	if _, err := s.AddAttachment(context.Background(), p.ID, "scan.pdf", 9, strings.NewReader("%PDF-1.4\n")); err != nil {
		t.Fatal(err)
	}
	return p
}

// paperwork gives the patient a finalized invoice, a letter and a call,
// written by the program itself before anyone signs in.
func paperwork(t *testing.T, s *data.Store, p data.Patient, doc data.Practitioner) (data.Invoice, data.Letter) {
	t.Helper()
	ctx := context.Background()
	pr, err := s.Practice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rate := data.TaxRate{Name: "Exempt", ExemptionText: "Exempt, art. 261-4-1°", Active: true}
	lt := data.Letter{PatientID: p.ID, PractitionerID: doc.ID, Date: data.DateOf(time.Now()), Body: "Dear {{salutation}},\nAbout {{problems}}."}
	inv := data.NewDraft(p, pr, data.DateOf(time.Now()))
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.Save(&rate); err != nil {
			return err
		}
		fee := data.FeeItem{Code: "CONS", Description: "Consultation", Price: 3000, TaxRateID: rate.ID, Active: true}
		if err := tx.Save(&fee); err != nil {
			return err
		}
		inv.Lines = append(inv.Lines, data.LineFromFee(fee, rate, 1, inv.ServiceDate))
		if err := tx.SaveDraft(&inv); err != nil {
			return err
		}
		if inv, err = tx.FinalizeInvoice(inv.ID, inv.ServiceDate); err != nil {
			return err
		}
		if err := tx.SaveLetterDraft(&lt); err != nil {
			return err
		}
		return tx.LogCall(&data.Call{PatientID: p.ID, Direction: data.CallOut, Summary: "Results discussed.", FollowUp: data.DateOf(time.Now())})
	})
	return inv, lt
}

// TestRoleActionMatrix checks every role against what the store reads
// and writes for it: DESIGN §4's secretary sees demographics, allergies
// and appointments but not the clinical records; billing sees neither.
func TestRoleActionMatrix(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	pr := newPractitioner(t, s)
	p := clinicalPatient(t, s)
	inv, lt := paperwork(t, s, p, pr)
	users := map[data.Role]data.User{}
	for _, r := range data.Roles {
		users[r] = addUser(t, s, string(r), r)
	}
	type action struct {
		name string
		do   func() error
	}
	day := data.DateOf(time.Now()).AddDays(3)
	slot := 8 * 60
	actions := []action{
		{"search", func() error { _, err := s.SearchPatients(ctx, "dupont", 5); return err }},
		{"demographics", func() error { _, err := s.Patient(ctx, p.ID); return err }},
		{"allergies", func() error { _, err := s.Allergies(ctx, p.ID); return err }},
		{"notes", func() error { _, err := s.Notes(ctx, p.ID); return err }},
		{"vitals", func() error { _, err := s.LatestVitals(ctx, p.ID); return err }},
		{"problems", func() error { _, err := s.Problems(ctx, p.ID); return err }},
		{"attachments", func() error { _, err := s.Attachments(ctx, p.ID); return err }},
		{"book", func() error {
			slot += 30
			a := data.Appointment{PractitionerID: pr.ID, PatientID: p.ID, Day: day, Start: data.WallTime(slot), End: data.WallTime(slot + 20),
				TimeZone: "Europe/Paris", Status: data.StatusBooked}
			_, err := s.Book(ctx, &a, true)
			return err
		}},
		{"edit demographics", func() error {
			return s.Update(ctx, func(tx *data.Tx) error {
				pt, err := s.Patient(ctx, p.ID)
				if err != nil {
					return err
				}
				pt.Phone = "06 11 22 33 " + string(rune('0'+slot%10)) + "0"
				return tx.Save(&pt)
			})
		}},
		{"write a note", func() error {
			return s.Update(ctx, func(tx *data.Tx) error { return tx.AddNote(&data.Note{PatientID: p.ID, Text: "Seen."}) })
		}},
		{"settings", func() error {
			return s.Update(ctx, func(tx *data.Tx) error {
				prc, err := s.Practice(ctx)
				if err != nil {
					return err
				}
				prc.Phone = "01 23 45 67 8" + string(rune('0'+slot%10))
				return tx.Save(&prc)
			})
		}},
		{"users", func() error { _, err := s.Users(ctx); return err }},
		{"audit", func() error { _, err := s.AuditLog(ctx, data.AuditFilter{}, data.AuditCursor{}, 10); return err }},
		{"export", func() error { return s.ExportPatients(ctx, &bytes.Buffer{}) }},
		{"export calendar", func() error { _, err := s.CalendarEntries(ctx, "", time.Time{}, time.Time{}); return err }},
		{"export fhir", func() error { _, err := s.ExchangeRecords(ctx, ""); return err }},
		// Correspondence: letters carry clinical content, so billing has none of it.
		{"letters", func() error { _, err := s.Letters(ctx, data.LetterFilter{}); return err }},
		{"letter", func() error { _, err := s.Letter(ctx, lt.ID); return err }},
		{"templates", func() error { _, err := s.Templates(ctx); return err }},
		{"calls", func() error { _, err := s.CallsOf(ctx, p.ID); return err }},
		{"follow-ups", func() error { _, err := s.OpenFollowUps(ctx, day); return err }},
		{"write a letter", func() error {
			return s.Update(ctx, func(tx *data.Tx) error {
				return tx.SaveLetterDraft(&data.Letter{PatientID: p.ID, Date: day, Body: "Dear {{salutation}},"})
			})
		}},
		{"log a call", func() error {
			return s.Update(ctx, func(tx *data.Tx) error {
				return tx.LogCall(&data.Call{PatientID: p.ID, Direction: data.CallIn, Summary: "Asks for a copy."})
			})
		}},
		{"export letters", func() error { return s.ExportLetters(ctx, &bytes.Buffer{}) }},
		// The books.
		{"invoices", func() error { _, err := s.Invoices(ctx, data.InvoiceFilter{}, day); return err }},
		{"invoice", func() error { _, err := s.Invoice(ctx, inv.ID); return err }},
		{"invoice by number", func() error { _, err := s.InvoiceByNumber(ctx, inv.Number); return err }},
		{"invoice view", func() error { _, err := s.InvoiceViewOf(ctx, inv.ID, day); return err }},
		{"unbilled visits", func() error { _, err := s.UnbilledVisits(ctx, day, time.UTC); return err }},
		{"account", func() error { _, err := s.PatientAccount(ctx, p.ID); return err }},
		{"payments", func() error { _, err := s.PatientPayments(ctx, p.ID); return err }},
		{"last receipt", func() error { _, err := s.LastReceipt(ctx, p.ID); return err }},
		{"take a payment", func() error {
			return s.Update(ctx, func(tx *data.Tx) error {
				_, err := tx.TakePayment(data.PaymentRequest{PatientID: p.ID, InvoiceID: inv.ID, Amount: 100, Method: data.MethodCash, PaidOn: day})
				return err
			})
		}},
		{"aging", func() error { _, err := s.AgingReport(ctx, day); return err }},
		{"takings", func() error { _, err := s.TakingsOn(ctx, day); return err }},
		{"revenue", func() error { _, err := s.RevenueOf(ctx, day); return err }},
		{"activity", func() error { _, err := s.ActivityOf(ctx, day); return err }},
		{"export invoices", func() error { return s.ExportInvoices(ctx, &bytes.Buffer{}, day) }},
		{"export payments", func() error { return s.ExportPayments(ctx, &bytes.Buffer{}) }},
	}
	const (
		letters = " letters letter templates calls follow-ups write-a-letter log-a-call"
		books   = " invoices invoice invoice-by-number invoice-view unbilled-visits account payments last-receipt take-a-payment aging takings revenue activity"
	)
	// allowed[role] lists the actions the role may do; the others must
	// be refused with EForbidden.
	allowed := map[data.Role]string{
		data.RoleAdmin: "search demographics allergies notes vitals problems attachments book edit-demographics write-a-note settings users audit export export-calendar export-fhir" +
			letters + books + " export-letters export-invoices export-payments",
		data.RolePractitioner: "search demographics allergies notes vitals problems attachments book edit-demographics write-a-note" + letters + books,
		data.RoleSecretary:    "search demographics allergies book edit-demographics" + letters + books,
		data.RoleBilling:      "search demographics" + books,
	}
	for _, r := range data.Roles {
		s.ActAs(users[r])
		may := " " + allowed[r] + " "
		for _, a := range actions {
			err := a.do()
			want := strings.Contains(may, " "+strings.ReplaceAll(a.name, " ", "-")+" ")
			switch {
			case want && err != nil:
				t.Errorf("%s: %s was refused: %v", r, a.name, err)
			case !want && data.ErrorCode(err) != data.EForbidden:
				t.Errorf("%s: %s gave %v, want it forbidden", r, a.name, err)
			}
		}
		// The summary leaves out what the role may not see, and says so.
		f, err := s.LoadPatientFile(ctx, p.ID, time.Now())
		if err != nil {
			t.Fatalf("%s: LoadPatientFile: %v", r, err)
		}
		seesClinical := strings.Contains(may, " notes ")
		if f.Hidden.Clinical == seesClinical || (len(f.Problems) > 0) != seesClinical || (len(f.LatestVitals) > 0) != seesClinical {
			t.Errorf("%s: the summary's clinical part: hidden %v, %d problems, %d vitals", r, f.Hidden.Clinical, len(f.Problems), len(f.LatestVitals))
		}
		seesAllergies := strings.Contains(may, " allergies ")
		if f.Hidden.Allergies == seesAllergies || (len(f.Allergies) > 0) != seesAllergies {
			t.Errorf("%s: the summary's allergies: hidden %v, %d listed", r, f.Hidden.Allergies, len(f.Allergies))
		}
	}
	// Nobody signed in: nothing at all.
	if err := s.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		if err := a.do(); data.ErrorCode(err) != data.EForbidden {
			t.Errorf("nobody: %s gave %v, want it forbidden", a.name, err)
		}
	}
}

func TestGrantedSecretarySeesClinicalRecords(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := clinicalPatient(t, s)
	s.ActAs(addUser(t, s, "claire", data.RoleSecretary, data.RightClinicalRead))
	if notes, err := s.Notes(ctx, p.ID); err != nil || len(notes) != 1 {
		t.Fatalf("a secretary granted the clinical records: %d notes, %v", len(notes), err)
	}
	err := s.Update(ctx, func(tx *data.Tx) error { return tx.AddNote(&data.Note{PatientID: p.ID, Text: "Seen."}) })
	wantCode(t, err, data.EForbidden) // reading was granted, not writing
}

func TestBreakTheGlass(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := clinicalPatient(t, s)
	other := newPatient(t, s, "Martin", "Paul")
	u := addUser(t, s, "marie", data.RoleSecretary)
	admin := addUser(t, s, "anna", data.RoleAdmin)
	s.ActAs(u)
	_, err := s.Notes(ctx, p.ID)
	wantCode(t, err, data.EForbidden)
	wantCode(t, s.BreakGlass(ctx, p.ID, "why"), data.EInvalid) // a reason, not a keystroke
	reason := "Dr Weber asked for the asthma plan by phone"
	if err := s.BreakGlass(ctx, p.ID, reason); err != nil {
		t.Fatal(err)
	}
	if notes, err := s.Notes(ctx, p.ID); err != nil || len(notes) != 1 {
		t.Fatalf("after breaking the glass: %d notes, %v", len(notes), err)
	}
	if f, err := s.LoadPatientFile(ctx, p.ID, time.Now()); err != nil || f.Hidden.Clinical || len(f.Problems) != 1 {
		t.Fatalf("after breaking the glass the summary still hides the clinical part: %+v %v", f.Hidden, err)
	}
	if _, err := s.Notes(ctx, other.ID); data.ErrorCode(err) != data.EForbidden {
		t.Fatalf("the glass of one file opened another: %v", err)
	}
	// The administrator finds it in the log, with its reason.
	s.ActAs(admin)
	page, err := s.AuditLog(ctx, data.AuditFilter{Action: "break_glass"}, data.AuditCursor{}, 10)
	if err != nil || len(page.Entries) != 1 || page.Entries[0].User != "marie" || page.Entries[0].Detail != reason || page.Entries[0].EntityID != p.ID {
		t.Fatalf("break-the-glass rows: %+v, %v", page.Entries, err)
	}
	// It lasts until the user signs out.
	s.ActAs(u)
	if _, err := s.Notes(ctx, p.ID); data.ErrorCode(err) != data.EForbidden {
		t.Fatalf("a new session kept the broken glass: %v", err)
	}
}

func TestAuditLogFiltersPagesAndExport(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p := clinicalPatient(t, s)
	other := newPatient(t, s, "Martin", "Paul")
	admin := addUser(t, s, "anna", data.RoleAdmin)
	marie := addUser(t, s, "marie", data.RoleSecretary)
	s.ActAs(marie)
	for i := 0; i < 7; i++ {
		if err := s.AuditRead(ctx, "read", "patients", other.ID, "opened the file"); err != nil {
			t.Fatal(err)
		}
	}
	s.ActAs(admin)
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.AddNote(&data.Note{PatientID: p.ID, Text: "Better."}) })
	all := func(f data.AuditFilter, size int) []data.AuditEntry {
		t.Helper()
		var out []data.AuditEntry
		var after data.AuditCursor
		for {
			page, err := s.AuditLog(ctx, f, after, size)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, page.Entries...)
			if !page.More {
				return out
			}
			after = page.Next
		}
	}
	whole := all(data.AuditFilter{}, 1000)
	paged := all(data.AuditFilter{}, 3)
	if len(paged) != len(whole) || len(whole) < 15 {
		t.Fatalf("paging by 3 gave %d rows, one page %d", len(paged), len(whole))
	}
	seen := map[string]bool{}
	for i, e := range paged {
		if seen[e.ID] || e.ID != whole[i].ID {
			t.Fatalf("row %d differs between pages and the whole, or came twice", i)
		}
		seen[e.ID] = true
		if i > 0 && e.At > paged[i-1].At {
			t.Fatalf("row %d is newer than the one before it", i)
		}
	}
	// By user and action.
	if got := all(data.AuditFilter{User: "marie", Action: "read"}, 2); len(got) != 7 {
		t.Errorf("marie's reads: %d rows, want 7", len(got))
	}
	// By patient: the file itself and the records in it (the note, the
	// allergy, the attachment…), never another patient's.
	rows := all(data.AuditFilter{PatientID: p.ID}, 4)
	entities := map[string]bool{}
	for _, e := range rows {
		entities[e.Entity] = true
		if e.EntityID == other.ID {
			t.Fatalf("another patient's row in the filter by patient: %+v", e)
		}
	}
	for _, want := range []string{"patients", "allergies", "problems", "vital_signs", "clinical_notes", "attachments"} {
		if !entities[want] {
			t.Errorf("the filter by patient misses the rows about %s: %v", want, entities)
		}
	}
	// By date: today holds everything, tomorrow nothing.
	loc, _ := data.LoadZone("Europe/Paris")
	today := data.DateOf(time.Now().In(loc))
	if got := all(data.AuditFilter{From: today, To: today, Loc: loc}, 50); len(got) != len(whole) {
		t.Errorf("today: %d rows of %d", len(got), len(whole))
	}
	if got := all(data.AuditFilter{From: today.AddDays(1), Loc: loc}, 50); len(got) != 0 {
		t.Errorf("from tomorrow: %d rows", len(got))
	}
	choices, err := s.AuditChoicesOf(ctx)
	if err != nil || !strings.Contains(strings.Join(choices.Users, " "), "marie") || !strings.Contains(strings.Join(choices.Actions, " "), "create") {
		t.Fatalf("choices %+v %v", choices, err)
	}

	// The export: the rows the filter chooses, under a header.
	f := data.AuditFilter{User: "marie"}
	var buf bytes.Buffer
	if err := s.ExportAudit(ctx, &buf, f); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[0] != "at_utc,user,action,entity,entity_id,detail,device,seq" || len(lines) != 1+len(all(f, 100)) {
		t.Fatalf("export: %d lines, header %q", len(lines), lines[0])
	}
	s.ActAs(marie)
	wantCode(t, s.ExportAudit(ctx, &bytes.Buffer{}, f), data.EForbidden)
}
