package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// findButtons finds every visible button labelled text in o's tree, the
// rows of lists included (once laid out).
func findButtons(o fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	visitRendered(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			out = append(out, b)
		}
	})
	return out
}

func TestRemoveAWaitlistEntry(t *testing.T) {
	s, f := fixtureStore(t)
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.Save(&data.WaitlistEntry{PatientID: f.dupuis.ID, PractitionerID: f.anna.ID, Before: f.today.AddDays(20)}); err != nil {
			return err
		}
		return tx.Save(&data.WaitlistEntry{PatientID: f.durand.ID, Before: f.today.AddDays(30), Notes: "mornings only"})
	})
	h := newHarness(t, s)
	d := h.desk()
	r := d.screens[screenCalls].(*remindersScreen)
	test.Tap(d.rail[screenCalls])
	h.until("the waitlist is loaded", func() bool { return len(r.loaded.Waitlist) == 2 })
	r.tabs.SelectIndex(1)
	var removes []*widget.Button
	h.until("the rows are drawn", func() bool {
		removes = findButtons(r.tabs.Selected().Content, "Remove")
		return len(removes) == 2
	})
	if len(findButtons(r.tabs.Selected().Content, "Find a slot")) != 2 {
		t.Error("Find a slot is gone from the rows")
	}
	test.Tap(removes[0]) // Marie Dupuis, waiting longest
	q := modalContent(h)
	if !hasText(q, "Remove Marie Dupuis from the waitlist?") {
		t.Fatalf("the question: %q", texts(q))
	}
	test.Tap(findButton(q, "Remove"))
	h.until("the list has one patient left", func() bool { return len(r.loaded.Waitlist) == 1 })
	if r.loaded.Waitlist[0].PatientID != f.durand.ID || !hasText(d.message, "Marie Dupuis was removed from the waitlist.") {
		t.Errorf("left %+v; status %q", r.loaded.Waitlist, d.message.Text)
	}
	if wl, _ := s.Waitlist(context.Background()); len(wl) != 1 {
		t.Errorf("the store still has %d waiting", len(wl))
	}
	// Cancelling the question removes nobody.
	h.until("one row drawn", func() bool {
		removes = findButtons(r.tabs.Selected().Content, "Remove")
		return len(removes) == 1
	})
	test.Tap(removes[0])
	test.Tap(findButton(modalContent(h), "Cancel"))
	h.drain()
	if wl, _ := s.Waitlist(context.Background()); len(wl) != 1 {
		t.Errorf("cancelling removed someone: %d waiting", len(wl))
	}
}
