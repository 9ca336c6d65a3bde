package reports

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// letterStore is a French practice with a logo, a practitioner, the
// default templates and patients with addresses.
func letterStore(t testing.TB, patients int) (*data.Store, data.Practice, data.Practitioner, []data.Patient) {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	logo := testImage(t, 90, 30)
	pr := data.Practice{Name: "Cabinet des Tilleuls", Address: "4 place des Tilleuls\n69003 Lyon", Phone: "04 78 00 00 00",
		Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: data.DMY, DocumentLanguage: i18n.French, LogoID: logo.ID}
	doc := data.Practitioner{DisplayName: "Claire Martin", Title: "Dr", Active: true}
	pts := make([]data.Patient, patients)
	err = s.Update(context.Background(), func(tx *data.Tx) error {
		if err := tx.SaveImage(*logo); err != nil {
			return err
		}
		if err := tx.Save(&pr); err != nil {
			return err
		}
		if err := tx.AddDefaultTemplates(); err != nil {
			return err
		}
		if err := tx.Save(&doc); err != nil {
			return err
		}
		for i := range pts {
			pts[i] = data.Patient{FamilyName: []string{"Haddad", "כהן", "حداد", "Lefèvre"}[i%4], GivenName: "Zoé", Sex: data.SexFemale, BirthDate: data.Date{Year: 1989, Month: 5, Day: 25},
				Address: "12 rue de l'Église\n69003 Lyon"}
			if err := tx.CreatePatient(&pts[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, pr, doc, pts
}

func TestASentLetterReprintsIdenticallyAfterTheTemplateAndThePracticeChanged(t *testing.T) {
	s, pr, doc, pts := letterStore(t, 1)
	ctx := context.Background()
	tpl, err := s.TemplateOfKind(ctx, data.KindCertificate, i18n.French)
	if err != nil {
		t.Fatal(err)
	}
	lt := data.Letter{ID: data.NewID(), PatientID: pts[0].ID, TemplateID: tpl.ID, TemplateName: tpl.Name, PractitionerID: doc.ID,
		Language: i18n.French, Date: data.Date{Year: 2026, Month: 11, Day: 25}, Subject: tpl.Subject, Recipient: tpl.Recipient, Body: tpl.Body}
	p, err := PrepareLetter(ctx, s, lt, pr, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	first, err := WriteLetterPDF(ctx, s, p, filepath.Join(dir, "first.pdf"), data.SentPrint, Options{Created: fixedTime})
	if err != nil {
		t.Fatal(err)
	}
	// The practice moves, takes another logo; the template is rewritten.
	logo := testImage(t, 40, 40)
	pr.Address, pr.LogoID, pr.Registration = "1 avenue Nouvelle\n69006 Lyon", logo.ID, "999"
	tpl.Body = "Un tout autre texte."
	err = s.Update(ctx, func(tx *data.Tx) error {
		if err := tx.SaveImage(*logo); err != nil {
			return err
		}
		if err := tx.SaveTemplate(&tpl); err != nil {
			return err
		}
		return tx.Save(&pr)
	})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := s.Letter(ctx, lt.ID)
	if err != nil || sent.Status != data.LetterSent {
		t.Fatalf("the letter is %q (%v)", sent.Status, err)
	}
	again, err := PrepareLetter(ctx, s, sent, pr, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	second, err := WriteLetterPDF(ctx, s, again, filepath.Join(dir, "second.pdf"), data.SentPrint, Options{Created: fixedTime})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if !bytes.Equal(a, b) {
		t.Errorf("the reprint differs from the letter sent (%d and %d bytes)", len(a), len(b))
	}
	text := pdfText(t, b, false)
	if !strings.Contains(text, "4 place des Tilleuls") || strings.Contains(text, "Nouvelle") || !strings.Contains(text, "Certificat de présence") {
		t.Errorf("the reprint:\n%s", text)
	}
}

func TestCancelledRecallRunLeavesNoFileAndNoLetter(t *testing.T) {
	s, pr, doc, pts := letterStore(t, 40)
	ctx := context.Background()
	tpl, err := s.TemplateOfKind(ctx, data.KindToWhom, i18n.French)
	if err != nil {
		t.Fatal(err)
	}
	due := make([]data.RecallDue, len(pts))
	for i, p := range pts {
		due[i] = data.RecallDue{PatientID: p.ID, PatientName: p.FullName(), Reason: "Contrôle annuel"}
	}
	b, err := PrepareRecalls(ctx, s, pr, tpl, due, doc.ID, data.Date{Year: 2026, Month: 11, Day: 25}, time.Now(), nil)
	if err != nil || len(b.Letters) != 40 || len(b.Skipped) != 0 {
		t.Fatalf("prepared %d letters, skipped %d (%v)", len(b.Letters), len(b.Skipped), err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "recall.pdf")
	_, err = WriteRecallLetters(ctx, s, b, path, Options{}, func(done int) bool { return done < 25 })
	if !errors.Is(err, ErrCancelled) {
		t.Fatalf("cancelled run: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a cancelled run left %d files, the first %s", len(entries), entries[0].Name())
	}
	if ls, _ := s.Letters(ctx, data.LetterFilter{}); len(ls) != 0 {
		t.Errorf("a cancelled run recorded %d letters", len(ls))
	}
	// Run to the end: one PDF, each letter on its own page and recorded.
	if _, err := WriteRecallLetters(ctx, s, b, path, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	text := pdfText(t, raw, false)
	if n := strings.Count(text, "Page 1 sur 1"); n != 40 {
		t.Errorf("%d letters in the PDF, want 40", n)
	}
	ls, _ := s.Letters(ctx, data.LetterFilter{Status: data.LetterSent})
	if len(ls) != 40 {
		t.Errorf("%d letters recorded as sent, want 40", len(ls))
	}
	trail, _ := s.AuditTrail(ctx, "patients", pts[3].ID)
	if len(trail) == 0 || trail[0].Action != "print" {
		t.Errorf("the recall letter is not audited as a read of its patient: %+v", trail)
	}
}

func TestRecallRunNamesThePatientsLeftOut(t *testing.T) {
	s, pr, _, pts := letterStore(t, 3)
	ctx := context.Background()
	pts[1].Address = ""
	if err := s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&pts[1]) }); err != nil {
		t.Fatal(err)
	}
	tpl, _ := s.TemplateOfKind(ctx, data.KindToWhom, i18n.French)
	tpl.Recipient = "{{full_name}}\n{{address}}"
	due := []data.RecallDue{{PatientID: pts[0].ID, PatientName: "A", Reason: "x"}, {PatientID: pts[1].ID, PatientName: "B", Reason: "x"},
		{PatientID: pts[2].ID, PatientName: "C", Reason: "x"}}
	b, err := PrepareRecalls(ctx, s, pr, tpl, due, "", data.Date{Year: 2026, Month: 11, Day: 25}, time.Now(), nil)
	if err != nil || len(b.Letters) != 2 || len(b.Skipped) != 1 || b.Skipped[0].PatientName != "B" {
		t.Fatalf("letters %d, skipped %+v (%v)", len(b.Letters), b.Skipped, err)
	}
	if msg := data.Localize(b.Skipped[0].Why, i18n.For(i18n.English)); !strings.Contains(msg, "Patient's address") {
		t.Errorf("the patient left out is told as %q", msg)
	}
}

// BenchmarkRecallRunFromTheStore is the whole bulk run of 1,000 recall
// letters: each merged with its patient's file, drawn into one PDF and
// recorded as sent, with its audit rows, as the Recall letters button does.
func BenchmarkRecallRunFromTheStore(b *testing.B) {
	s, pr, doc, pts := letterStore(b, 1000)
	ctx := context.Background()
	tpl, err := s.TemplateOfKind(ctx, data.KindToWhom, i18n.French)
	if err != nil {
		b.Fatal(err)
	}
	due := make([]data.RecallDue, len(pts))
	for i, p := range pts {
		due[i] = data.RecallDue{PatientID: p.ID, PatientName: p.FullName(), Reason: "Contrôle annuel"}
	}
	dir := b.TempDir()
	for b.Loop() {
		batch, err := PrepareRecalls(ctx, s, pr, tpl, due, doc.ID, data.Date{Year: 2026, Month: 11, Day: 25}, time.Now(), nil)
		if err != nil || len(batch.Letters) != len(due) {
			b.Fatalf("%d letters: %v", len(batch.Letters), err)
		}
		if _, err := WriteRecallLetters(ctx, s, batch, filepath.Join(dir, "recall.pdf"), Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
