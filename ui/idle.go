package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// idleLock locks the desk once nobody has used it for the practice's
// idle time (DESIGN §4). It keeps no ticker: touch writes down the time,
// and one timer, armed for the earliest moment the desk could be idle (at
// most idleRecheck ahead), looks again when it fires and either locks or
// arms itself for the rest. All of it runs on the UI goroutine.
//
// A timer counts the time the computer is awake, not the time a laptop
// slept with its lid closed; and the first touch after waking would have
// made the night's idleness vanish. So touch locks when the wall clock
// says the idle time has passed, and the timer never waits longer than
// idleRecheck: a laptop that slept unlocked is locked within that of
// waking, at the latest at its first touch.
type idleLock struct {
	now   func() time.Time
	after func(d time.Duration, f func()) (stop func()) // time.AfterFunc; tests fire it by hand
	do    func(func())
	limit func() time.Duration
	// onIdle locks the desk.
	onIdle  func()
	last    time.Time
	running bool
	stop    func()
}

func newIdleLock(do func(func())) *idleLock {
	return &idleLock{now: nowFunc, do: do, after: func(d time.Duration, f func()) func() {
		t := time.AfterFunc(d, f)
		return func() { t.Stop() }
	}}
}

// start watches from now on.
func (l *idleLock) start() {
	l.halt()
	l.running = true
	l.last = l.now()
	l.arm(l.limit())
}

// idleFor is the time from last to now, by the wall clock or by the
// monotonic one, whichever says more. time.Now carries both and Sub
// reads the monotonic one, which stops while macOS or Linux sleeps: by it
// alone a night with the lid closed would not count. The wall clock
// counts it, and the monotonic one still counts when the wall clock is
// set back.
func idleFor(now, last time.Time) time.Duration {
	return max(now.Sub(last), now.Round(0).Sub(last.Round(0)))
}

// idleRecheck is the longest the timer waits before looking at the wall
// clock again.
const idleRecheck = time.Minute

// touch records that someone used the desk, unless the desk has been
// idle for its idle time already (the computer slept): then it locks,
// after the event being handled.
func (l *idleLock) touch() {
	now := l.now()
	if l.running && idleFor(now, l.last) >= l.limit() {
		l.do(l.check)
		return
	}
	l.last = now
}

// halt stops watching (the desk is locked, or gone).
func (l *idleLock) halt() {
	l.running = false
	if l.stop != nil {
		l.stop()
		l.stop = nil
	}
}

func (l *idleLock) arm(d time.Duration) {
	l.stop = l.after(min(d, idleRecheck), func() { l.do(l.check) })
}

// check locks when the desk has been idle long enough, else waits for
// the rest of the idle time.
func (l *idleLock) check() {
	if !l.running {
		return
	}
	idle, limit := idleFor(l.now(), l.last), l.limit()
	if idle >= limit {
		l.halt()
		l.onIdle()
		return
	}
	l.arm(limit - idle)
}

// activity is, per window canvas, what is told that someone used the
// desk: the widgets that take keys tell it (noteActivity), and the
// sensor around the window's content hears the mouse. UI goroutine only.
var activity = map[fyne.Canvas]func(){}

// noteActivity tells the desk showing o that someone used it.
func noteActivity(o fyne.CanvasObject) {
	if c := canvasOf(o); c != nil {
		if f := activity[c]; f != nil {
			f()
		}
	}
}

// activitySensor lies under the window's content (and each dialog's),
// as large as it, and hears the mouse move over it: Fyne's driver asks
// every object under the pointer for its cursor on each move, this one
// included, whatever widget lies on top. It draws nothing and takes no
// event: those go to the widgets above it.
type activitySensor struct {
	widget.BaseWidget
	touch func()
}

func newActivitySensor(touch func()) *activitySensor {
	a := &activitySensor{touch: touch}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activitySensor) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(layout.NewSpacer())
}

// Cursor is the driver's question on every move of the mouse.
func (a *activitySensor) Cursor() desktop.Cursor {
	if a.touch != nil {
		a.touch()
	}
	return desktop.DefaultCursor
}
