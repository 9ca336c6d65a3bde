package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// recallsDueStore is letterStore with two patients due for their
// six-monthly check-up: Jean Dupont ten days ago, Marie Dupuis in five.
// The practice has the phone number the recall letter gives.
func recallsDueStore(t *testing.T) (*data.Store, fixture) {
	s, f := letterStore(t)
	pr, err := s.Practice(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	pr.Phone = "04 78 00 00 00"
	f.dupuis.Address = "8 avenue Foch\n69006 Lyon"
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.Save(&pr); err != nil {
			return err
		}
		if err := tx.Save(&f.dupuis); err != nil {
			return err
		}
		for _, v := range []struct {
			p    data.Patient
			last data.Date
		}{{f.dupont, f.today.AddDays(-10).AddMonths(-6)}, {f.dupuis, f.today.AddDays(5).AddMonths(-6)}} {
			a := data.Appointment{PractitionerID: f.anna.ID, PatientID: v.p.ID, TypeID: f.consult.ID, Day: v.last, TimeZone: "Europe/Paris",
				Start: 9 * 60, End: 9*60 + 20, Status: data.StatusDone}
			if err := tx.Save(&a); err != nil {
				return err
			}
			if err := tx.Save(&data.Recall{PatientID: v.p.ID, IntervalMonths: 6, Reason: "Blood pressure", Active: true}); err != nil {
				return err
			}
		}
		return nil
	})
	return s, f
}

func TestTheRecallTabWritesALetterAndPrintsThoseDueBetweenTwoDates(t *testing.T) {
	s, f := recallsDueStore(t)
	h := newHarness(t, s)
	opened := printedTo(t)
	d := h.desk()
	r := d.screens[screenCalls].(*remindersScreen)
	test.Tap(d.rail[screenCalls])
	h.until("the recalls are loaded", func() bool { return len(r.loaded.Recalls) == 2 })
	r.tabs.SelectIndex(2)
	var letters []*widget.Button
	h.until("the rows are drawn", func() bool {
		letters = findButtons(r.tabs.Selected().Content, "Letter")
		return len(letters) == 2
	})

	// A row's Letter opens the recall letter with the recall's reason.
	test.Tap(letters[0]) // Jean Dupont, overdue
	h.until("the editor opens", func() bool { return topModal(h.win.Canvas()) != nil })
	h.drain()
	e := findLetterEditor(t, h)
	if e.patient.ID != f.dupont.ID || e.chosenTemplate() == nil || e.chosenTemplate().Kind != data.KindRecall || e.reason.Text != "Blood pressure" {
		t.Fatalf("the editor opened for %s with %+v, reason %q", e.patient.FullName(), e.chosenTemplate(), e.reason.Text)
	}
	// Nothing typed yet: Escape closes it without asking.
	e.m.escape()
	if !e.m.closed {
		t.Fatal("Escape asks about a letter nobody touched")
	}

	// Recall letters… prints only those due up to today.
	test.Tap(r.recallLetters)
	h.until("the run opens", func() bool { return lastRecallRun != nil && topModal(h.win.Canvas()) == lastRecallRun.m })
	run := lastRecallRun
	if run.chosenInfo.Visible() || run.start.Disabled() {
		t.Fatalf("without dates: info shown %v, start disabled %v", run.chosenInfo.Visible(), run.start.Disabled())
	}
	test.Type(run.from, "32/13/2026")
	if !run.start.Disabled() || !strings.Contains(run.chosenInfo.Text, "Due from") {
		t.Fatalf("an impossible date: %q, start disabled %v", run.chosenInfo.Text, run.start.Disabled())
	}
	run.from.SetText("")
	test.Type(run.until, d.pr.DateFormat.Format(f.today))
	if run.start.Disabled() || run.chosenInfo.Text != "Between the dates chosen: 1 letter to print." {
		t.Fatalf("up to today: %q, start disabled %v", run.chosenInfo.Text, run.start.Disabled())
	}
	h.wait(run.run())
	if opened.String() == "" {
		t.Fatalf("nothing printed: %q", run.result.Text)
	}
	text := pdfToText(t, opened.String())
	if !strings.Contains(text, "Jean Dupont") || strings.Contains(text, "Marie Dupuis") || strings.Count(text, "Page 1 of 1") != 1 {
		t.Errorf("the recall letters printed:\n%s", text)
	}
	sent, _ := s.Letters(context.Background(), data.LetterFilter{Status: data.LetterSent})
	if len(sent) != 1 || sent[0].PatientID != f.dupont.ID {
		t.Errorf("recorded as sent: %+v", sent)
	}
}
