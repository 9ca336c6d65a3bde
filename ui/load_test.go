package ui

import (
	"context"
	"errors"
	"testing"
	"time"

	"frontdesk/data"
)

// gate is a fetch that waits until the test opens it, and notes whether
// its context was cancelled meanwhile.
type gate struct {
	open      chan struct{}
	started   chan struct{}
	cancelled bool
}

func newGate() *gate { return &gate{open: make(chan struct{}), started: make(chan struct{})} }

func (g *gate) fetch(v int) func(ctx context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		close(g.started)
		<-g.open
		g.cancelled = ctx.Err() != nil
		return v, nil
	}
}

func TestLoaderAppliesOnlyTheNewestLoadOfWhatIsOnScreen(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	shown := "dupont"
	l := newLoader[string, int](h.desk(), func() string { return shown })
	var applied []int
	apply := func(v int) { applied = append(applied, v) }

	// A newer load makes the older one stale: its query is cancelled and
	// its result, arriving last, dropped.
	old := newGate()
	first := l.load("dupont", old.fetch(1), apply)
	<-old.started
	h.wait(l.load("dupont", func(context.Context) (int, error) { return 2, nil }, apply))
	close(old.open)
	h.wait(first)
	if len(applied) != 1 || applied[0] != 2 {
		t.Fatalf("applied %v, want only the newest load's 2", applied)
	}
	if !old.cancelled {
		t.Error("the overtaken load's context was not cancelled")
	}

	// A result for a patient no longer on screen is dropped, even from
	// the newest load.
	applied = nil
	g := newGate()
	ch := l.load("dupont", g.fetch(3), apply)
	<-g.started
	shown = "martin"
	close(g.open)
	h.wait(ch)
	if len(applied) != 0 {
		t.Fatalf("Dupont's result was applied while Martin is shown: %v", applied)
	}

	// A load asked for a patient no longer on screen does not start, and
	// leaves the load of the one on screen alone.
	g = newGate()
	martin := l.load("martin", g.fetch(4), apply)
	<-g.started
	fetched := false
	select {
	case <-l.load("dupont", func(context.Context) (int, error) { fetched = true; return 5, nil }, apply):
	default:
		t.Fatal("a load for a patient not on screen was started")
	}
	close(g.open)
	h.wait(martin)
	if fetched || len(applied) != 1 || applied[0] != 4 || g.cancelled {
		t.Fatalf("fetched Dupont: %v, applied %v, Martin's load cancelled: %v; want only Martin's 4", fetched, applied, g.cancelled)
	}
}

func TestLoaderSaysAFailureInWords(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	var inPlace error
	l := newLoader[struct{}, int](d, nil)
	l.failed = func(err error) { inPlace = err }
	raw := errors.New("no such table: appointments")
	h.wait(l.load(struct{}{}, func(context.Context) (int, error) {
		return 0, &data.Error{Code: data.EInternal, Message: "The day could not be read.", Err: raw}
	}, func(int) { t.Error("a failed load was applied") }))
	if d.message.Text != "The day could not be read." {
		t.Errorf("the status line says %q", d.message.Text)
	}
	if !errors.Is(inPlace, raw) {
		t.Errorf("failed was handed %v", inPlace)
	}
}

func TestLoaderDebouncesABurstIntoOneQuery(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	l := newLoader[string, string](h.desk(), nil)
	// The pause ends when the test says so, or when the load is overtaken.
	type pauseCall struct {
		ctx  context.Context
		done chan bool
	}
	pauses := make(chan pauseCall, 10)
	l.wait = func(ctx context.Context, _ time.Duration) bool {
		c := pauseCall{ctx, make(chan bool)}
		pauses <- c
		select {
		case ok := <-c.done:
			return ok
		case <-ctx.Done():
			return false
		}
	}
	queries := make(chan string, 10)
	var shown string
	var chans []<-chan struct{}
	var calls []pauseCall
	for _, q := range []string{"d", "du", "dup"} {
		q := q
		chans = append(chans, l.loadAfter(time.Hour, q, func(context.Context) (string, error) {
			queries <- q
			return q, nil
		}, func(v string) { shown = v }))
		calls = append(calls, <-pauses)
	}
	for i, ch := range chans[:2] {
		h.wait(ch) // closed without a query: overtaken while typing went on
		if calls[i].ctx.Err() == nil {
			t.Errorf("the pause of keystroke %d was not cut short", i+1)
		}
	}
	calls[2].done <- true
	h.wait(chans[2])
	close(queries)
	var ran []string
	for q := range queries {
		ran = append(ran, q)
	}
	if len(ran) != 1 || ran[0] != "dup" || shown != "dup" {
		t.Errorf("queries %v, shown %q; want one query for \"dup\"", ran, shown)
	}
}
