package ui

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	fdsync "frontdesk/data/sync"
)

// syncCenter is the desk's side of sync, as backupCenter is of the
// backups: the status line's word on it (not set up, synced at, syncing,
// changes waiting, the folder missing, numbers held, join again), the
// conflicts word that opens the conflicts screen, Sync now, the
// automatic sync every few minutes and the one when the window closes.
// It syncs with the folder this computer remembers (Settings → Sync);
// when that changes, Settings calls reload.
type syncCenter struct {
	d         *desk
	status    *widget.Button // the word on the last sync; says more when tapped
	conflicts *widget.Button // "2 conflicts to look at", hidden when none
	now       *widget.Button // Sync now, hidden when no folder is remembered
	box       *fyne.Container
	state     syncState
	loaded    bool
	loads     *loader[struct{}, syncState]
	// cancel stops the sync under way; nil when none. done is closed when
	// it has finished.
	cancel context.CancelFunc
	done   <-chan struct{}
	// failed is why the last sync failed (nil once one finished):
	// ErrRejoin in its chain asks for a new join.
	failed error
	// closing is set once the window began to close: no sync starts after.
	closing bool
	// started is set once the desk is on screen: the automatic syncs run.
	started bool
	stop    func() bool // stops the pending automatic sync's timer
	// after arms a timer (time.AfterFunc); sync runs one sync
	// (fdsync.Sync). Tests replace both.
	after func(d time.Duration, f func()) (stop func() bool)
	sync  func(ctx context.Context, s *data.Store, f fdsync.Folder, opt fdsync.Options) (fdsync.Result, error)
}

// syncEvery is how often the desk syncs while a folder is remembered (and
// looks again for a folder that was missing).
const syncEvery = 5 * time.Minute

// syncState is what the desk knows of sync, read off the UI goroutine.
type syncState struct {
	set      bool // a folder is remembered
	settings data.SyncSettings
	missing  bool  // the folder is not there (a USB stick out)
	problem  error // the folder cannot be used (another practice's, a damaged key)
	waiting  int   // rows changed here whose changes are in no change file yet
	// conflicts counts the conflicts the user may settle and the double
	// bookings sync brought together, from today on.
	conflicts int
	held      string // why this computer hands out no numbers, "" when it does
}

func loadSyncState(ctx context.Context, s *data.Store, today data.Date) (syncState, error) {
	var st syncState
	f, set, ok, err := fdsync.Remembered(ctx, s) // f reads keys with ctx: it serves this load only
	switch {
	case err != nil && data.ErrorCode(err) == data.EDamaged:
		st.set, st.problem = true, err
	case err != nil:
		return st, err
	case !ok:
		return st, nil
	default:
		st.set, st.settings = true, set
		if err := f.Check(); errors.Is(err, fs.ErrNotExist) {
			st.missing = true
		} else if err != nil {
			st.problem = err
		}
	}
	if st.waiting, err = s.SyncChangesWaiting(ctx); err != nil {
		return st, err
	}
	if st.conflicts, err = conflictsToLookAt(ctx, s, today); err != nil {
		return st, err
	}
	st.held, err = s.NumbersHeld(ctx)
	return st, err
}

// conflictsToLookAt counts what the conflicts screen lists for the user:
// the conflicts they may settle and, for those who see the calendar, the
// double bookings sync brought together from today on.
func conflictsToLookAt(ctx context.Context, s *data.Store, today data.Date) (int, error) {
	n, err := s.SyncConflictCount(ctx)
	if err != nil || !data.Can(s.Actor(), data.RightPatientsRead) {
		return n, err
	}
	doubles, err := s.DoubleBookings(ctx, today)
	return n + len(doubles), err
}

// conflictsButton is the warning-coloured button, "2 conflicts to look
// at", that opens the conflicts screen: in the status line and in
// Settings → Sync.
func conflictsButton(d *desk, text string) *widget.Button {
	b := widget.NewButtonWithIcon(text, theme.WarningIcon(), func() { d.showConflicts() })
	b.Importance = widget.WarningImportance
	return b
}

func newSyncCenter(d *desk) *syncCenter {
	c := &syncCenter{d: d, sync: fdsync.Sync, after: func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }}
	c.loads = newLoader[struct{}, syncState](d, nil)
	w := d.w
	c.status = widget.NewButtonWithIcon(w.T("sync.status.loading"), theme.MailSendIcon(), func() { c.explain() })
	c.status.Importance = widget.LowImportance
	c.conflicts = conflictsButton(d, "")
	c.now = widget.NewButtonWithIcon(w.T("sync.now"), theme.ViewRefreshIcon(), func() { c.syncNow() })
	c.now.Importance = widget.LowImportance
	c.box = container.NewHBox(c.status, c.conflicts, c.now)
	c.conflicts.Hide()
	c.now.Hide()
	return c
}

func (c *syncCenter) view() fyne.CanvasObject { return c.box }

// reload reads the state again and shows it: after every sync, and when
// Settings → Sync remembers or forgets a folder.
func (c *syncCenter) reload() <-chan struct{} {
	store, today := c.d.store, c.d.today()
	return c.loads.load(struct{}{}, func(ctx context.Context) (syncState, error) {
		return loadSyncState(ctx, store, today)
	}, func(st syncState) {
		c.state, c.loaded = st, true
		c.render()
		if c.started {
			c.schedule()
		}
	})
}

// running reports whether a sync is under way.
func (c *syncCenter) running() bool { return c.cancel != nil }

// mustRejoin reports whether the last sync said this computer must join
// the practice again.
func (c *syncCenter) mustRejoin() bool { return errors.Is(c.failed, fdsync.ErrRejoin) }

// usable reports whether a sync may start: a folder is remembered, is
// there, and is this practice's.
func (c *syncCenter) usable() bool {
	return c.loaded && c.state.set && !c.state.missing && c.state.problem == nil
}

// statusText is the status line's word on sync, and its colour.
func (c *syncCenter) statusText(now time.Time) (string, widget.Importance) {
	w, st := c.d.w, c.state
	switch {
	case c.running():
		return w.T("sync.status.running"), widget.LowImportance
	case !c.loaded:
		return w.T("sync.status.loading"), widget.LowImportance
	case !st.set:
		return w.T("sync.status.off"), widget.LowImportance
	case c.mustRejoin():
		return w.T("sync.status.rejoin"), widget.DangerImportance
	case st.problem != nil:
		return w.T("sync.status.unusable"), widget.WarningImportance
	case st.missing:
		return w.T("sync.status.missing"), widget.WarningImportance
	}
	var parts []string
	imp := widget.LowImportance
	last := st.settings.LastSync
	loc := c.d.pr.Location()
	switch {
	case c.failed != nil:
		parts, imp = append(parts, w.T("sync.status.failed")), widget.WarningImportance
	case last.IsZero():
		parts = append(parts, w.T("sync.status.never"))
	case data.DateOf(last.In(loc)) == data.DateOf(now.In(loc)):
		parts = append(parts, w.T("sync.status.today", "Time", last.In(loc).Format("15:04")))
	default:
		parts = append(parts, w.T("sync.status.on", "Date", data.DateOf(last.In(loc)), "Time", last.In(loc).Format("15:04")))
	}
	if st.waiting > 0 {
		parts = append(parts, w.N("sync.status.waiting", st.waiting))
	}
	if st.held != "" {
		parts = append(parts, w.T("sync.status.held"))
		imp = widget.WarningImportance
	}
	return strings.Join(parts, " · "), imp
}

// render shows the state in the status line.
func (c *syncCenter) render() {
	text, imp := c.statusText(nowFunc())
	if c.status.Text != text || c.status.Importance != imp {
		c.status.SetText(text)
		c.status.Importance = imp
		if imp == widget.LowImportance {
			c.status.SetIcon(theme.MailSendIcon())
		} else {
			c.status.SetIcon(theme.WarningIcon())
		}
		c.status.Refresh()
	}
	if n := c.state.conflicts; n > 0 && c.loaded {
		c.conflicts.SetText(c.d.w.N("sync.status.conflicts", n))
		c.conflicts.Show()
	} else {
		c.conflicts.Hide()
	}
	if c.state.set && c.loaded {
		c.now.Show()
	} else {
		c.now.Hide()
	}
	if c.running() || !c.usable() {
		c.now.Disable()
	} else {
		c.now.Enable()
	}
	c.box.Refresh()
}

// explain is the status word tapped: it says in the message line what the
// word stands for and what to do, or opens Settings to set sync up.
func (c *syncCenter) explain() {
	d, w, st := c.d, c.d.w, c.state
	switch {
	case !c.loaded || c.running():
	case !st.set && data.Can(d.store.Actor(), data.RightSettings):
		d.showSyncSettings()
	case !st.set:
		d.say(w.T("sync.explain.off"))
	case c.mustRejoin() || st.problem != nil:
		err := c.failed
		if st.problem != nil {
			err = st.problem
		}
		setText(d.message, d.w.Error(err), widget.DangerImportance)
		d.setAction("", nil)
	case st.missing:
		d.say(w.T("sync.explain.missing", "Folder", st.settings.Folder))
	case c.failed != nil:
		setText(d.message, w.T("sync.explain.failed", "Why", w.Error(c.failed)), widget.WarningImportance)
		d.setAction("", nil)
	case st.held != "":
		d.say(w.T("sync.explain.held"))
	default:
		d.say(w.T("sync.explain.ok", "Folder", st.settings.Folder))
	}
}

// showSyncSettings opens Settings at its Sync part, where sync is set up.
func (d *desk) showSyncSettings() {
	d.show(screenSettings)
	if d.settings != nil && d.settings.sync != nil {
		d.settings.scrollTo(d.settings.sync.content)
	}
}
