package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// Background work of the screens (DESIGN §5). The UI goroutine never
// waits for the database: work runs in a goroutine and comes back
// through the desk's do. Three shapes cover every screen:
//
//   - background: one piece of work whose result opens or shows
//     something (an appointment to open, a PDF written);
//   - loader: the loads that fill a screen, where only the newest load
//     may touch the widgets, and only while the screen still shows what
//     it was loaded for;
//   - desk.write: a change through the store's write path, its failure
//     said in words with what was typed kept, then the owning view
//     reloaded.
//
// Each returns a channel that is closed once the result is on the
// widgets (or dropped): the screens' shown() contract, on which tests
// and screenshot mode wait.

// background runs work off the UI goroutine and hands its result to then
// on the UI goroutine. The channel is closed once then has run.
func background[T any](do func(func()), work func() (T, error), then func(T, error)) <-chan struct{} {
	return backgroundThen(do, work, func(v T, err error) <-chan struct{} {
		then(v, err)
		return nil
	})
}

// backgroundThen is background for a then that starts more work (a
// reload): the channel is closed once the channel then returns is
// closed too (at once when it returns nil).
func backgroundThen[T any](do func(func()), work func() (T, error), then func(T, error) <-chan struct{}) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		v, err := work()
		do(func() { closeAfter(then(v, err), done) })
	}()
	return done
}

// closeAfter closes done once ch is closed; a nil ch counts as closed.
func closeAfter(ch <-chan struct{}, done chan struct{}) {
	if ch == nil {
		close(done)
		return
	}
	select {
	case <-ch:
		close(done)
	default:
		go func() { <-ch; close(done) }()
	}
}

// loader runs the loads of one part of a screen (a day, a patient's tab,
// a search). Each load makes the ones before it stale: their context is
// cancelled and their results, should they still arrive, dropped. A
// result is put on the widgets only when its load is the newest one AND
// the screen still shows what it was loaded for: showing returns the key
// of what is on screen (a patient ID, a day, a query), and a result for
// another key is dropped, so one patient's data never lands in another
// patient's file. A load asked for a key that is no longer on screen
// (a reload after an upload, once another file is open) is not started
// and leaves the load of what is on screen alone.
//
// A failed load is logged and said in the status line, in words; failed,
// when set, also shows it where the data would have been.
type loader[K comparable, T any] struct {
	d       *desk
	showing func() K // nil: the screen shows one thing, the newest load wins
	failed  func(err error)
	// wait is the pause of a debounced load: it returns false when ctx
	// ends first. Tests replace it so that they never sleep.
	wait   func(ctx context.Context, d time.Duration) bool
	gen    int
	cancel context.CancelFunc
}

func newLoader[K comparable, T any](d *desk, showing func() K) *loader[K, T] {
	return &loader[K, T]{d: d, showing: showing, wait: pause}
}

// load reads with fetch off the UI goroutine, then hands the result to
// apply on it if it still belongs on screen.
func (l *loader[K, T]) load(key K, fetch func(ctx context.Context) (T, error), apply func(T)) <-chan struct{} {
	return l.loadAfter(0, key, fetch, apply)
}

// loadAfter is load once typing has paused for delay: a newer load
// during the pause cancels this one before it reads anything, so a burst
// of keystrokes makes one query.
func (l *loader[K, T]) loadAfter(delay time.Duration, key K, fetch func(ctx context.Context) (T, error), apply func(T)) <-chan struct{} {
	return l.start(delay, key, fetch, func(v T) <-chan struct{} {
		apply(v)
		return nil
	})
}

// loadThen is load for an apply that starts more work (a tab to read
// again): the channel is closed once apply's channel is closed too.
func (l *loader[K, T]) loadThen(key K, fetch func(ctx context.Context) (T, error), apply func(T) <-chan struct{}) <-chan struct{} {
	return l.start(0, key, fetch, apply)
}

// stop makes the load under way stale: its query is cancelled and its
// result dropped (the screen shows something else now, like a form).
func (l *loader[K, T]) stop() {
	l.gen++
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}

// current reports whether a load of key would still be applied now.
func (l *loader[K, T]) current(gen int, key K) bool {
	return gen == l.gen && (l.showing == nil || l.showing() == key)
}

func (l *loader[K, T]) start(delay time.Duration, key K, fetch func(ctx context.Context) (T, error), apply func(T) <-chan struct{}) <-chan struct{} {
	if l.showing != nil && l.showing() != key {
		return closed()
	}
	l.stop()
	gen := l.gen
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	wait := l.wait
	if wait == nil {
		wait = pause
	}
	done := make(chan struct{})
	go func() {
		if delay > 0 && !wait(ctx, delay) {
			close(done) // overtaken while typing went on: nothing was read
			return
		}
		v, err := fetch(ctx)
		l.d.do(func() {
			if !l.current(gen, key) {
				close(done) // stale: a newer load, or another key on screen
				return
			}
			cancel()
			if err != nil {
				l.d.sayError(err)
				if l.failed != nil {
					l.failed(err)
				}
				close(done)
				return
			}
			closeAfter(apply(v), done)
		})
	}()
	return done
}

// pause waits d, or less when ctx ends first (false).
func pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// write runs change in one transaction of the store's write path, off the
// UI goroutine. Back on it, a failure is logged and handed to failed,
// which says it where the person is looking while the form keeps what
// they typed (without failed, it is said in the status line); a success
// runs saved, which says what was done and returns the reload of the
// view that owns the data (nil when there is none). The channel is
// closed once that reload is on the widgets, or the failure shown.
func (d *desk) write(change func(tx *data.Tx) error, failed func(err error), saved func() <-chan struct{}) <-chan struct{} {
	return writeThen(d.do, d.store, change, func(err error) {
		d.opts.logf("ui: %v", err)
		if failed == nil {
			d.sayLogged(err)
			return
		}
		failed(err)
	}, saved)
}

// sayLogged shows a failure that is already in the log in the status
// line, in words.
func (d *desk) sayLogged(err error) {
	setText(d.message, d.w.Error(err), widget.DangerImportance)
}

// writeThen is desk.write for the first start, which has no desk yet:
// failed is always given, and logs the error itself.
func writeThen(do func(func()), store *data.Store, change func(tx *data.Tx) error, failed func(err error), saved func() <-chan struct{}) <-chan struct{} {
	return backgroundThen(do, func() (struct{}, error) {
		return struct{}{}, store.Update(context.Background(), change)
	}, func(_ struct{}, err error) <-chan struct{} {
		if err != nil {
			failed(err)
			return nil
		}
		if saved == nil {
			return nil
		}
		return saved()
	})
}
