package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// letterStore is the fixture practice with its default templates, and
// an address for Jean Dupont.
func letterStore(t *testing.T) (*data.Store, fixture) {
	t.Helper()
	s, f := fixtureStore(t)
	f.dupont.Address = "3 rue des Lilas\n69003 Lyon"
	f.dupont.Sex = data.SexMale
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.AddDefaultTemplates(); err != nil {
			return err
		}
		return tx.Save(&f.dupont)
	})
	return s, f
}

// openedDoc is what openDocument was last asked to open. openDocument
// runs off the UI goroutine, beside the test reading it: a lock keeps
// the two apart.
type openedDoc struct {
	mu   sync.Mutex
	path string
}

func (o *openedDoc) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.path
}

func (o *openedDoc) set(path string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.path = path
}

// printedTo makes openDocument record what it was asked to open.
func printedTo(t *testing.T) *openedDoc {
	opened := &openedDoc{}
	old := openDocument
	openDocument = func(path string) error { opened.set(path); return nil }
	t.Cleanup(func() { openDocument = old })
	return opened
}

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func TestWriteALetterFromThePatientFileAndPrintIt(t *testing.T) {
	s, f := letterStore(t)
	h := newHarness(t, s)
	opened := printedTo(t)
	file := openFile(h, "dupont")
	h.wait(file.showTab(tabLetters))
	test.Tap(file.letters.writeBtn)
	h.wait(file.letters.lastWrite)
	m := topModal(h.win.Canvas())
	if m == nil {
		t.Fatal("no letter editor opened")
	}
	e := findLetterEditor(t, h)
	// The practice writes in English: the first English template is there.
	if e.chosenTemplate() == nil || e.chosenTemplate().Language != i18n.English || !strings.Contains(e.body.Text, "{{") {
		t.Fatalf("the editor starts with %v and body %q", e.chosenTemplate(), e.body.Text)
	}
	// Choose the recall letter; a misspelt field is named with its line.
	for i, tp := range e.refs.Templates {
		if tp.Kind == data.KindRecall && tp.Language == i18n.English {
			e.template.SetSelectedIndex(i)
		}
	}
	if !strings.HasPrefix(e.body.Text, "{{salutation}},") {
		t.Fatalf("the recall template did not replace the untouched text: %q", e.body.Text)
	}
	e.body.SetText(e.body.Text + "\nSee you {{nxt_appointment}}.")
	if !e.msg.Visible() || !strings.Contains(e.msg.Text, "line 8") || !strings.Contains(e.msg.Text, "{{next_appointment}}") || !e.print.Disabled() {
		t.Fatalf("the misspelt field: message %q, print disabled %v", e.msg.Text, e.print.Disabled())
	}
	e.body.SetText(strings.TrimSuffix(e.body.Text, "\nSee you {{nxt_appointment}}."))
	if e.print.Disabled() {
		t.Fatalf("Print stays disabled: %q", e.msg.Text)
	}
	// No visit done yet: the last visit is named as missing, nothing printed.
	test.Tap(e.print)
	h.until("the missing value is named", func() bool { return e.msg.Visible() && !e.busy })
	if !strings.Contains(e.msg.Text, "Last visit") || opened.String() != "" {
		t.Fatalf("printing without a last visit: %q, opened %q", e.msg.Text, opened.String())
	}
	// Written as a certificate instead, it prints and is sent.
	for i, tp := range e.refs.Templates {
		if tp.Kind == data.KindCertificate && tp.Language == i18n.English {
			e.filled = [3]string{e.subject.Text, e.recipient.Text, e.body.Text}
			e.template.SetSelectedIndex(i)
		}
	}
	test.Tap(e.print)
	h.until("the letter is printed", func() bool { return opened.String() != "" })
	h.drain()
	text := pdfToText(t, opened.String())
	for _, want := range []string{"Cabinet Test", "Jean Dupont", "15/03/1980", "Certificate of attendance", "Page 1 of 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed letter lacks %q:\n%s", want, text)
		}
	}
	ls, _ := s.Letters(context.Background(), data.LetterFilter{PatientID: f.dupont.ID})
	if len(ls) != 1 || ls[0].Status != data.LetterSent || ls[0].SentHow != data.SentPrint || strings.Contains(ls[0].Body, "{{") {
		t.Fatalf("stored letters %+v", ls)
	}
	trail, _ := s.AuditTrail(context.Background(), "patients", f.dupont.ID)
	if trail[0].Action != "print" || !strings.Contains(trail[0].Detail, ls[0].ID) {
		t.Errorf("printing the letter was not audited as a read: %+v", trail[0])
	}
	// The tab lists it.
	h.until("the tab lists the letter", func() bool { return len(file.letters.loaded.Letters) == 1 })
}

// findLetterEditor is the editor whose modal is on top.
func findLetterEditor(t *testing.T, h *harness) *letterEditor {
	t.Helper()
	m := topModal(h.win.Canvas())
	for _, e := range openLetterEditors {
		if e.m == m {
			return e
		}
	}
	t.Fatal("the modal on top is not a letter editor")
	return nil
}

func TestEmailWritesAnEMLIntoTheOutbox(t *testing.T) {
	s, f := letterStore(t)
	h := newHarness(t, s)
	opened := printedTo(t)
	lt := data.Letter{PatientID: f.martin.ID, Language: i18n.English, Date: f.today, Subject: "Your results",
		Body: "{{salutation}},\n\nYour results are normal.", Recipient: "{{full_name}}"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveLetterDraft(&lt) })
	l := h.desk().lettersScreen()
	test.Tap(h.desk().rail[screenLetters])
	h.wait(l.reloadNow())
	if len(l.loaded.Letters) != 1 {
		t.Fatalf("the Letters screen lists %d letters", len(l.loaded.Letters))
	}
	h.wait(l.send(l.loaded.Letters[0], data.SentEmail))
	h.drain()
	if filepath.Base(filepath.Dir(opened.String())) != data.OutboxFolder || !strings.HasSuffix(opened.String(), ".eml") {
		t.Fatalf("opened %q", opened.String())
	}
	if fi, err := os.Stat(filepath.Dir(opened.String())); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the outbox folder: %v %v", fi.Mode(), err)
	}
	raw, _ := os.ReadFile(opened.String())
	if !strings.Contains(string(raw), "To: \"Paul Martin\" <paul.martin@example.org>") {
		t.Errorf("the e-mail's header:\n%s", raw[:min(len(raw), 400)])
	}
	sent, _ := s.Letter(context.Background(), lt.ID)
	if sent.Status != data.LetterSent || sent.SentHow != data.SentEmail {
		t.Errorf("the e-mailed letter is %s (%s)", sent.Status, sent.SentHow)
	}
	// A patient with no address cannot be e-mailed: said, nothing written.
	lt2 := data.Letter{PatientID: f.durand.ID, Language: i18n.English, Date: f.today, Body: "Hello."}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.SaveLetterDraft(&lt2) })
	h.wait(l.reloadNow())
	opened.set("")
	for _, r := range l.loaded.Letters {
		if r.ID == lt2.ID {
			h.wait(l.send(r, data.SentEmail))
		}
	}
	if opened.String() != "" || !strings.Contains(h.desk().message.Text, "no e-mail address") {
		t.Errorf("e-mailing without an address: opened %q, said %q", opened.String(), h.desk().message.Text)
	}
}

func TestTemplateEditorNamesMisspeltFieldsBeforeSaving(t *testing.T) {
	s, _ := letterStore(t)
	h := newHarness(t, s)
	h.wait(openTemplates(h.desk()))
	h.drain()
	te := openTemplateEditors[len(openTemplateEditors)-1]
	if len(te.templates) != 15 {
		t.Fatalf("%d templates listed", len(te.templates))
	}
	test.Tap(te.newBtn)
	test.Type(te.name, "Flu vaccination")
	te.body.SetText("{{salutation}},\n\nThe flu vaccine is here.\nCome on {{nxt_appointment}}.")
	if !te.save.Disabled() || !strings.Contains(te.msg.Text, "line 4") || !strings.Contains(te.msg.Text, "Did you mean {{next_appointment}}?") {
		t.Fatalf("a misspelt field: save disabled %v, message %q", te.save.Disabled(), te.msg.Text)
	}
	te.body.SetText("{{salutation}},\n\nThe flu vaccine is here.\nCome on ")
	te.body.CursorRow, te.body.CursorColumn = 3, len("Come on ")
	for i, f := range data.MergeFields {
		if f.Name == data.MergeNextAppointment {
			te.field.SetSelectedIndex(i)
		}
	}
	if !strings.HasSuffix(te.body.Text, "Come on {{next_appointment}}") || te.save.Disabled() {
		t.Fatalf("the picker inserted: %q (save disabled %v, %q)", te.body.Text, te.save.Disabled(), te.msg.Text)
	}
	h.wait(te.doSave())
	ts, _ := s.Templates(context.Background())
	if len(ts) != 16 {
		t.Errorf("%d templates after saving a new one", len(ts))
	}
}

func TestACallWithAFollowUpIsTickedOffOnTheCallLists(t *testing.T) {
	s, f := letterStore(t)
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	h.wait(file.showTab(tabLetters))
	test.Tap(file.letters.logBtn)
	c := file.letters.callForm
	if !c.save.Disabled() {
		t.Fatal("Save is enabled on an empty call")
	}
	test.Type(c.summary, "Asked for the results of the blood test.")
	c.followUp.SetText("31/02/2026")
	if !c.save.Disabled() || !c.msg.Visible() {
		t.Fatalf("an impossible follow-up date is taken: %q", c.msg.Text)
	}
	c.followUp.SetText(h.desk().pr.DateFormat.Format(f.today.AddDays(2)))
	if c.save.Disabled() {
		t.Fatalf("Save stays disabled: %q", c.msg.Text)
	}
	h.wait(c.doSave())
	h.until("the tab lists the call", func() bool { return len(file.letters.loaded.Calls) == 1 })
	if got := file.letters.loaded.Calls[0]; got.Summary != "Asked for the results of the blood test." || got.FollowUp != f.today.AddDays(2) {
		t.Fatalf("logged %+v", got)
	}
	// The Call lists screen shows the follow-up; ticking it off takes it away.
	test.Tap(h.desk().rail[screenCalls])
	r := h.desk().screens[screenCalls].(*remindersScreen)
	h.until("the follow-ups are loaded", func() bool { return len(r.loaded.FollowUps) == 1 })
	if r.folInfo.Text != "1 call to follow up, overdue or in the coming week. Tick it off once done." {
		t.Errorf("the follow-ups tab says %q", r.folInfo.Text)
	}
	h.wait(h.desk().tickFollowUp(r.loaded.FollowUps[0].ID, func() { r.load() }))
	h.until("the follow-up is gone", func() bool { return len(r.loaded.FollowUps) == 0 })
	calls, _ := s.CallsOf(context.Background(), f.dupont.ID)
	if len(calls) != 1 || !calls[0].FollowUpDone {
		t.Errorf("the call after ticking off: %+v", calls)
	}
}

func TestTheLettersScreenFiltersAndSaysWhenItShowsOnlyTheNewest(t *testing.T) {
	s, f := letterStore(t)
	ts, err := s.Templates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var cert, recall data.LetterTemplate
	for _, tp := range ts {
		switch {
		case tp.Language != i18n.English:
		case tp.Kind == data.KindCertificate:
			cert = tp
		case tp.Kind == data.KindRecall:
			recall = tp
		}
	}
	letter := func(pt data.Patient, tp data.LetterTemplate, pr data.Practitioner, day data.Date) data.Letter {
		return data.Letter{PatientID: pt.ID, TemplateID: tp.ID, TemplateName: tp.Name, PractitionerID: pr.ID,
			Language: i18n.English, Date: day, Subject: tp.Subject, Body: "Hello."}
	}
	sent := letter(f.dupont, cert, f.anna, f.today.AddDays(-40))
	older := letter(f.martin, recall, f.paul, f.today.AddDays(-10))
	newest := letter(f.dupuis, recall, f.anna, f.today)
	mustUpdate(t, s, func(tx *data.Tx) error {
		for _, lt := range []*data.Letter{&sent, &older, &newest} {
			if err := tx.SaveLetterDraft(lt); err != nil {
				return err
			}
		}
		return tx.MarkSent(&sent, data.SentPrint, data.Letterhead{Name: "Cabinet Test"}, "Dr Anna Weber")
	})
	h := newHarness(t, s)
	l := h.desk().lettersScreen()
	test.Tap(h.desk().rail[screenLetters])
	shows := func(what string, want ...data.Letter) {
		t.Helper()
		h.until(what, func() bool {
			if len(l.loaded.Letters) != len(want) {
				return false
			}
			for i, lt := range want {
				if l.loaded.Letters[i].ID != lt.ID {
					return false
				}
			}
			return true
		})
	}
	shows("every letter, newest first", newest, older, sent)
	if l.info.Text != "3 letters" {
		t.Errorf("the count says %q", l.info.Text)
	}
	l.status.SetSelectedIndex(2)
	shows("the sent letter", sent)
	l.status.SetSelectedIndex(0)
	l.practitioner.SetSelected(f.paul.DisplayName)
	shows("Dr Roche's letter", older)
	l.practitioner.SetSelectedIndex(0)
	l.template.SetSelected(templateLabel(recall, i18n.English))
	shows("the recall letters", newest, older)
	l.template.SetSelectedIndex(0)
	test.Type(l.from, h.desk().pr.DateFormat.Format(f.today.AddDays(-15)))
	shows("the letters from two weeks ago", newest, older)
	test.Type(l.until, h.desk().pr.DateFormat.Format(f.today.AddDays(-5)))
	shows("the letters between two weeks and five days ago", older)
	l.until.SetText("3") // being typed: the range stays open at that end
	shows("the letters from two weeks ago again", newest, older)

	// More letters than the screen lists: the newest, and it says so.
	lettersShown = 1
	t.Cleanup(func() { lettersShown = 1000 })
	l.from.SetText("")
	l.until.SetText("")
	shows("the newest letter only", newest)
	if l.info.Text != "The newest letter only: there are more. Narrow the dates to see older ones." {
		t.Errorf("the screen does not say there are more: %q", l.info.Text)
	}
}
