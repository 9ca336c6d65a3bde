package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestPatientRecallAddAndRemove(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	sum := file.summary
	if !hasText(sum.view(), "None of the patient's own") {
		t.Fatalf("the Summary has no empty Recall section: %q", texts(sum.view()))
	}
	test.Tap(sum.addRecall)
	h.until("the recall dialog opens", func() bool { return sum.recallForm != nil })
	rf := sum.recallForm
	retype(rf.months, "half a year")
	if !strings.Contains(flat(rf.r.msg.Text), `Every: "half a year" is not a number of months; write it like 12.`) || !rf.r.save.Disabled() {
		t.Errorf("a bad interval: %q, save disabled %v", rf.r.msg.Text, rf.r.save.Disabled())
	}
	retype(rf.months, "0")
	if !strings.Contains(flat(rf.r.msg.Text), "Interval: 0 months is not between 1 and 120.") || !rf.r.save.Disabled() {
		t.Errorf("an interval of 0: %q", rf.r.msg.Text)
	}
	retype(rf.months, "6")
	rf.typeSel.SetSelected("Consultation")
	test.Type(rf.reason, "Blood pressure")
	if rf.r.save.Disabled() {
		t.Fatalf("Save stays disabled: %q", rf.r.msg.Text)
	}
	test.Tap(rf.r.save)
	h.wait(rf.r.done)
	list, _ := s.RecallsOf(context.Background(), f.dupont.ID)
	if len(list) != 1 || list[0].IntervalMonths != 6 || list[0].TypeID != f.consult.ID || list[0].Reason != "Blood pressure" || !list[0].Active {
		t.Fatalf("stored %+v", list)
	}
	id := list[0].ID
	const line = "Every 6 months after a visit of type Consultation · Blood pressure"
	if !hasText(sum.recalls, line) {
		t.Fatalf("the Summary shows %q", texts(sum.recalls))
	}

	remove := findButton(sum.recalls, "Remove")
	test.Tap(remove)
	q := modalContent(h)
	if !hasWords(q, "Remove the recall “"+line+"”?") {
		t.Fatalf("the question: %q", texts(q))
	}
	test.Tap(findButton(q, "Remove"))
	h.until("the recall is gone from the Summary", func() bool { return hasText(sum.recalls, "None of the patient's own") })
	if list, _ := s.RecallsOf(context.Background(), f.dupont.ID); len(list) != 0 {
		t.Errorf("still stored: %+v", list)
	}
	trail, _ := s.AuditTrail(context.Background(), "recalls", id)
	if len(trail) != 2 || trail[0].Action != "delete" || trail[1].Action != "create" {
		t.Errorf("the removal is not audited: %+v", trail)
	}
}
