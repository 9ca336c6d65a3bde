package data

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// HLC is a hybrid logical clock stamp: wall-clock milliseconds, a counter
// for events within the same millisecond (or while the wall clock lags
// behind a stamp seen from another device), and the device that made it.
// Its text form sorts in clock order, so "the highest HLC wins" is a
// string comparison in SQL.
type HLC struct {
	Wall    int64
	Counter int
	Device  string
}

func (h HLC) String() string {
	return fmt.Sprintf("%013d.%05d.%s", h.Wall, h.Counter, h.Device)
}

// ParseHLC reads the text form.
func ParseHLC(s string) (HLC, error) {
	parts := strings.SplitN(s, ".", 3)
	if len(parts) != 3 || len(parts[0]) != 13 || len(parts[1]) != 5 {
		return HLC{}, fmt.Errorf("%q is not a clock stamp", s)
	}
	w, err1 := strconv.ParseInt(parts[0], 10, 64)
	c, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return HLC{}, fmt.Errorf("%q is not a clock stamp", s)
	}
	return HLC{w, c, parts[2]}, nil
}

// Clock issues HLC stamps for one device. It never goes backwards, even
// when the computer's clock is set back.
type Clock struct {
	mu     sync.Mutex
	last   HLC
	device string
	now    func() time.Time
}

// NewClock starts a clock that continues after last (the newest stamp this
// device has issued or seen).
func NewClock(device string, last HLC) *Clock {
	return &Clock{device: device, last: HLC{last.Wall, last.Counter, device}, now: time.Now}
}

// Now returns a stamp later than every stamp issued or observed before.
func (c *Clock) Now() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	wall := c.now().UnixMilli()
	if wall > c.last.Wall {
		c.last = HLC{wall, 0, c.device}
	} else if c.last.Counter < 99999 {
		c.last.Counter++
	} else { // the counter's five digits are spent: borrow a millisecond
		c.last = HLC{c.last.Wall + 1, 0, c.device}
	}
	return c.last
}

// Observe moves the clock past a stamp received from another device.
func (c *Clock) Observe(h HLC) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h.Wall > c.last.Wall || (h.Wall == c.last.Wall && h.Counter > c.last.Counter) {
		c.last = HLC{h.Wall, h.Counter, c.device}
	}
}
