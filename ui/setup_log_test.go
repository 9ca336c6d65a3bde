package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// The first start logs the zone and currency it proposes, as read from
// the computer's settings, so that a wrong guess can be traced.
func TestFirstStartLogsWhatItProposes(t *testing.T) {
	var mu sync.Mutex
	var logged []string
	h := newHarnessWith(t, emptyStore(t), Options{Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, fmt.Sprintf(format, args...))
	}})
	su := h.sh.setup
	if su == nil {
		t.Fatal("an empty store did not get the first-start form")
	}
	want := fmt.Sprintf("setup: proposing the time zone %s and the currency %s", su.form.zone.Text, su.form.currency.Text)
	mu.Lock()
	defer mu.Unlock()
	for _, l := range logged {
		if l == want {
			return
		}
	}
	t.Errorf("the log lacks %q:\n%s", want, strings.Join(logged, "\n"))
}
