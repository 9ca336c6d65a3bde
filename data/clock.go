package data

import (
	"sync/atomic"
	"time"
)

// clock is the wall clock of the rules that depend on today (a birth
// date in the future, a vital sign taken later than now) and of the
// queries that look for a patient's next appointment. The screens read
// it too (Now), so a test sets one clock for both. Nil is the system's.
var clock atomic.Pointer[func() time.Time]

// Now is the current time on the clock of the rules and the screens.
func Now() time.Time {
	if f := clock.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

// SetClock replaces the clock (nil: the system's) and returns a function
// that puts the previous one back. It is for tests, which show a day at
// an hour they choose: a fixture's morning visits are over whatever the
// hour of the run. Safe while other goroutines read the clock.
func SetClock(now func() time.Time) (restore func()) {
	var next *func() time.Time
	if now != nil {
		next = &now
	}
	prev := clock.Swap(next)
	return func() { clock.Store(prev) }
}

// ClockSet reports whether a test has replaced the clock, so that a
// fixture does not undo the hour a test chose.
func ClockSet() bool { return clock.Load() != nil }
