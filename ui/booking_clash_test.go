package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// heldPauses replaces a loader's debounce pause: each pause waits until
// the test releases it, or until the load is overtaken.
type heldPauses struct {
	started chan heldPause
}

type heldPause struct {
	ctx     context.Context
	release chan struct{}
}

func holdPauses(l *loader[struct{}, []data.Clash]) *heldPauses {
	hp := &heldPauses{started: make(chan heldPause, 100)}
	l.wait = func(ctx context.Context, _ time.Duration) bool {
		p := heldPause{ctx, make(chan struct{})}
		hp.started <- p
		select {
		case <-p.release:
			return true
		case <-ctx.Done():
			return false
		}
	}
	return hp
}

// live waits for the pause of the check still running after typing
// stopped (the only one not cancelled) and returns it with the cancelled
// ones received before it.
func (hp *heldPauses) live(t *testing.T) (heldPause, []heldPause) {
	t.Helper()
	var cancelled []heldPause
	for {
		select {
		case p := <-hp.started:
			if p.ctx.Err() == nil {
				return p, cancelled
			}
			cancelled = append(cancelled, p)
		case <-time.After(time.Minute):
			t.Fatal("no clash check is waiting for the pause to end")
		}
	}
}

// rest returns the pauses received since, without waiting.
func (hp *heldPauses) rest() []heldPause {
	var out []heldPause
	for {
		select {
		case p := <-hp.started:
			out = append(out, p)
		default:
			return out
		}
	}
}

func TestTheLiveClashCheckWaitsForAPauseInTyping(t *testing.T) {
	h, c, _ := calendarHarness(t)
	tapSlot(c, 0, 10*60+30) // Dr Anna Weber's free 10:30
	h.until("the form opens", func() bool { return c.form != nil })
	form := c.form
	test.Type(form.patient.search, "mart")
	h.until("the search finds Martin", func() bool { return len(form.patient.hits) == 1 })
	form.patient.list.Select(0)
	h.wait(form.clashChecked)
	if form.clashes.Visible() {
		t.Fatalf("10:30 is free, yet the form warns %q", form.clashes.Text)
	}

	// Typing 09:05 over Jean Dupont's 09:00–09:20: every keystroke
	// cancels the check before it; only the pause after the last one
	// ends in a query.
	held := holdPauses(form.clashCheck)
	retype(form.from, "09:05")
	last, cancelled := held.live(t)
	if form.clashes.Visible() {
		t.Fatalf("a warning showed before the pause ended: %q", form.clashes.Text)
	}
	close(last.release)
	h.wait(form.clashChecked)
	if !strings.Contains(form.clashes.Text, "Dr Anna Weber already has Jean Dupont from 09:00 to 09:20") {
		t.Fatalf("after the pause: warning %q", form.clashes.Text)
	}
	for _, p := range held.rest() {
		if p.ctx.Err() == nil {
			t.Error("a second check was still waiting to query")
		}
		cancelled = append(cancelled, p)
	}
	if len(cancelled) == 0 {
		t.Error("typing 09:05 started a single check: the keystrokes did not each start (and cancel) one")
	}

	// A check that fails says so in words, under the fields and in the
	// status line, instead of leaving the last answer standing.
	if err := h.store.ReadDB().Close(); err != nil {
		t.Fatal(err)
	}
	retype(form.from, "09:10")
	last, _ = held.live(t)
	close(last.release)
	h.wait(form.clashChecked)
	if !strings.HasPrefix(form.clashes.Text, "Clashes could not be checked: ") || strings.Contains(form.clashes.Text, "Jean Dupont") {
		t.Errorf("a failed check shows %q", form.clashes.Text)
	}
	if d := h.desk(); d.message.Importance != widget.DangerImportance || d.message.Text == "" {
		t.Errorf("the status line says %q", d.message.Text)
	}
}
