package ui

import (
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// The daily backup happens when the screens' clock says a day has passed
// since the last one, not before, and the status line then says it.
func TestTheDailyBackupHappensWhenADayHasPassed(t *testing.T) {
	s, _ := fixtureStore(t)
	withBackupKey(t, s)
	h := newHarness(t, s)
	b := h.desk().backups
	h.wait(b.reload())
	// The clock is set anew at each step (data.SetClock swaps it
	// atomically): the desk's goroutines read it meanwhile.
	setClock := func(at time.Time) { data.SetClock(func() time.Time { return at }) }
	t.Cleanup(data.SetClock(nil))
	setClock(time.Now())

	dailyBackups := func() int {
		var n int
		s.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'backup' AND detail LIKE 'daily automatic backup to %'`).Scan(&n)
		return n
	}
	// Never backed up: the first tick makes one.
	b.tick()
	h.until("the first daily backup is made", func() bool { return !b.running() && len(backupsIn(t, s)) == 1 })
	h.wait(b.reload())
	if n := dailyBackups(); n != 1 {
		t.Fatalf("%d daily backups audited, want 1", n)
	}
	last := b.state.settings.LastBackup
	if text := b.status.Text; !strings.HasPrefix(text, "Last backup today") {
		t.Errorf("status line %q after the daily backup", text)
	}

	// A tick before the day has passed (the status text's own changes)
	// makes none.
	clock := last.Add(dailyEvery - time.Minute)
	setClock(clock)
	b.tick()
	if b.running() || len(backupsIn(t, s)) != 1 {
		t.Fatalf("a backup started %v after the last one", dailyEvery-time.Minute)
	}
	// (Its timer is set for then, or up to firstDailyDelay later.)
	if next := b.nextEvent(clock); next.Before(last.Add(dailyEvery)) || next.After(last.Add(dailyEvery+firstDailyDelay)) {
		t.Errorf("the next event is at %v, want the daily backup at %v", next, last.Add(dailyEvery))
	}

	// A day after the last one, the tick makes the next.
	setClock(last.Add(dailyEvery))
	b.tick()
	h.until("the second daily backup is made", func() bool { return !b.running() && len(backupsIn(t, s)) == 2 })
	if n := dailyBackups(); n != 2 {
		t.Errorf("%d daily backups audited, want 2", n)
	}

	// Two days without one, the status line warns.
	h.wait(b.reload())
	setClock(b.state.settings.LastBackup.Add(warnAfter))
	b.render()
	if text := b.status.Text; text != "No backup for 2 days" {
		t.Errorf("status line %q two days after the last backup", text)
	}
}
