package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

func TestTemplateFieldErrorsNameTheirLine(t *testing.T) {
	tpl := data.LetterTemplate{Name: "Referral", Language: i18n.English, Subject: "About {{full_name}}",
		Body: "Dear colleague,\n\nPlease see {{ful_name}}, born {{birth_date}}.\nReason: {{reasn}} {{frobnicate}}\nAnd {{ unclosed"}
	ps := data.ProblemsOf(tpl.Validate())
	var got []string
	for _, p := range ps {
		if p.Field != data.FieldBody {
			t.Errorf("problem under %q: %s", p.Field, p.Message)
		}
		got = append(got, p.Message)
	}
	want := []string{
		"Text, line 3: {{ful_name}} is not a merge field. Did you mean {{full_name}}?",
		"Text, line 4: {{reasn}} is not a merge field. Did you mean {{reason}}?",
		"Text, line 4: {{frobnicate}} is not a merge field. Insert fields with the field list.",
		"Text, line 5: a merge field is opened with two braces but not closed with two braces.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// In French, the same problem in French words, the same line.
	if fr := ps[0].In(i18n.For(i18n.French)); !strings.Contains(fr, "ligne 3") || !strings.Contains(fr, "{{full_name}}") {
		t.Errorf("in French: %q", fr)
	}
}

func TestDefaultTemplatesAreValidInEveryLanguage(t *testing.T) {
	ts, err := data.DefaultTemplates()
	if err != nil {
		t.Fatal(err)
	}
	count := map[i18n.Lang]int{}
	for _, tpl := range ts {
		tp := tpl
		if err := tp.Validate(); err != nil {
			t.Errorf("%s/%s: %v", tpl.Language, tpl.Kind, err)
		}
		count[tpl.Language]++
	}
	for _, l := range i18n.Langs {
		if count[l] != 5 {
			t.Errorf("%s: %d default templates, want 5", l, count[l])
		}
	}
}

// letterPractice is a practice with a practitioner, a patient with a
// full file and the default templates.
func letterPractice(t *testing.T) (*data.Store, data.Practice, data.Practitioner, data.Patient) {
	t.Helper()
	s := openStore(t)
	pr := data.Practice{Name: "Cabinet des Tilleuls", Address: "4 place des Tilleuls\n69003 Lyon", Phone: "04 78 00 00 00",
		Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: data.DMY, DocumentLanguage: i18n.French}
	doc := data.Practitioner{DisplayName: "Claire Martin", Title: "Dr", Active: true}
	pt := data.Patient{FamilyName: "Haddad", GivenName: "Zoé", Sex: data.SexFemale, BirthDate: data.Date{Year: 1989, Month: 5, Day: 25},
		Address: "12 rue de l'Église\n69003 Lyon"}
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.Save(&pr); err != nil {
			return err
		}
		if err := tx.AddDefaultTemplates(); err != nil {
			return err
		}
		if err := tx.Save(&doc); err != nil {
			return err
		}
		return tx.CreatePatient(&pt)
	})
	return s, pr, doc, pt
}

func TestATemplateUsingEveryFieldMerges(t *testing.T) {
	s, pr, doc, pt := letterPractice(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.AddAllergy(&data.Allergy{PatientID: pt.ID, Substance: "Pénicilline", Reaction: "urticaire", Severity: data.SeverityModerate}); err != nil {
			return err
		}
		if err := tx.Save(&data.Medication{PatientID: pt.ID, Name: "Lévothyrox", Dose: "75 µg", From: data.Date{Year: 2019, Month: 1, Day: 10}}); err != nil {
			return err
		}
		return tx.Save(&data.Problem{PatientID: pt.ID, Text: "Hypothyroïdie", Since: data.Date{Year: 2019, Month: 1, Day: 10}})
	})
	var body []string
	for _, f := range data.MergeFields {
		body = append(body, f.Name+"="+data.FieldToken(f.Name))
	}
	lt := data.Letter{PatientID: pt.ID, PractitionerID: doc.ID, Language: i18n.French, Date: data.Date{Year: 2026, Month: 11, Day: 25},
		Reason: "douleurs thoraciques", Body: strings.Join(body, "\n")}
	if err := lt.Validate(); err != nil {
		t.Fatal(err)
	}
	v, err := s.MergeValuesFor(ctx, lt, pr, now)
	if err != nil {
		t.Fatal(err)
	}
	m := data.MergeLetter(lt, v)
	for _, want := range []string{
		"full_name=Zoé Haddad", "salutation=Madame", "address=12 rue de l'Église\n69003 Lyon", "birth_date=25/05/1989",
		"chart_number=" + pt.ChartNumber, "practitioner=Dr Claire Martin", "practice=Cabinet des Tilleuls",
		"practice_phone=04 78 00 00 00", "today=25 novembre 2026", "allergies=Pénicilline (urticaire)",
		"medications=Lévothyrox 75 µg", "problems=Hypothyroïdie", "reason=douleurs thoraciques",
	} {
		if !strings.Contains(m.Body, want+"\n") && !strings.HasSuffix(m.Body, want) {
			t.Errorf("merged body lacks %q:\n%s", want, m.Body)
		}
	}
	// No appointment yet: the next appointment and the last visit are
	// named as missing, never printed as a gap.
	if strings.Join(m.Missing, ",") != "next_appointment,last_visit" {
		t.Errorf("missing %v", m.Missing)
	}
}

func TestAMissingAddressIsNamed(t *testing.T) {
	s, pr, _, _ := letterPractice(t)
	ctx := context.Background()
	p := newPatient(t, s, "Martin", "Paul")
	tpl, err := s.TemplateOfKind(ctx, data.KindRecall, i18n.French)
	if err != nil {
		t.Fatal(err)
	}
	lt := data.Letter{PatientID: p.ID, Language: i18n.French, Date: data.Date{Year: 2026, Month: 11, Day: 25},
		Subject: tpl.Subject, Recipient: tpl.Recipient, Body: tpl.Body}
	v, err := s.MergeValuesFor(ctx, lt, pr, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	m := data.MergeLetter(lt, v)
	if len(m.Missing) == 0 || m.Missing[0] != data.MergeAddress {
		t.Errorf("missing %v, want the address first", m.Missing)
	}
	if !strings.HasPrefix(m.Body, "Madame, Monsieur,") {
		t.Errorf("a patient of unknown sex is greeted %q", strings.SplitN(m.Body, "\n", 2)[0])
	}
}

func TestASentLetterNeverChanges(t *testing.T) {
	s, pr, doc, pt := letterPractice(t)
	ctx := context.Background()
	lt := data.Letter{PatientID: pt.ID, PractitionerID: doc.ID, Language: i18n.French, Date: data.Date{Year: 2026, Month: 11, Day: 25},
		Subject: "Rappel", Recipient: "{{full_name}}", Body: "{{salutation}},\n\nÀ bientôt."}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveLetterDraft(&lt) })
	lt.Body += "\nEdited while a draft."
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveLetterDraft(&lt) })
	lh := data.LetterheadOf(pr)
	mustUpdate(t, s, func(tx *data.Tx) error {
		v, err := s.MergeValuesFor(ctx, lt, pr, time.Now())
		if err != nil {
			return err
		}
		m := data.MergeLetter(lt, v)
		lt.Subject, lt.Recipient, lt.Body = m.Subject, m.Recipient, m.Body
		return tx.MarkSent(&lt, data.SentPrint, lh, "Dr Claire Martin")
	})
	sent, err := s.Letter(ctx, lt.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sent.Status != data.LetterSent || sent.Recipient != "Zoé Haddad" || !strings.HasPrefix(sent.Body, "Madame,") || sent.Sent.IsZero() {
		t.Errorf("sent letter %+v", sent)
	}
	// The practice moves: the sent letter keeps the address it went out with.
	pr.Address = "1 avenue Nouvelle\n69006 Lyon"
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&pr) })
	kept, err := data.ParseLetterhead(sent.Letterhead)
	if err != nil || kept.Address != "4 place des Tilleuls\n69003 Lyon" {
		t.Errorf("kept letterhead %+v, %v", kept, err)
	}
	changed := sent
	changed.Body = "changed"
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.SaveLetterDraft(&changed) })
	wantCode(t, err, data.EForbidden)
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.DeleteLetterDraft(sent.ID) })
	wantCode(t, err, data.EForbidden)
	again, _ := s.Letter(ctx, lt.ID)
	if again.Body != sent.Body {
		t.Error("the sent letter changed")
	}
}

func TestDefaultTemplatesReachPracticesMadeBefore(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, func(tx *data.Tx) error {
		return tx.Save(&data.Practice{Name: "Ancien cabinet", Currency: "EUR", TimeZone: "Europe/Paris"})
	})
	if ts, _ := s.Templates(context.Background()); len(ts) != 0 {
		t.Fatalf("%d templates before the reopening", len(ts))
	}
	s.Close()
	s, err = data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureDefaultTemplates(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts, _ := s.Templates(context.Background())
	if len(ts) != 15 {
		t.Fatalf("%d templates once the letters are first used, want 15", len(ts))
	}
	// One deleted stays deleted: the copy is made once.
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.DeleteTemplate(ts[0].ID) })
	s.Close()
	s, err = data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.EnsureDefaultTemplates(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ts, _ := s.Templates(context.Background()); len(ts) != 14 {
		t.Errorf("%d templates after deleting one and reopening, want 14", len(ts))
	}
}
