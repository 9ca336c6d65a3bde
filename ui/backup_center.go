package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/backup"
)

// backupCenter is the desk's side of the backups: the status line's word
// on the last one (a warning after two days), the backups made while the
// desk runs (Back up now, the daily one) with their bar and Cancel in
// the status line, and the backup when the window closes. Settings →
// Backups (settings_backup.go) follows its state.
type backupCenter struct {
	d      *desk
	status *widget.Button // the last backup's age; opens Settings
	bar    *widget.ProgressBar
	stop   *widget.Button // Cancel, while a backup runs
	box    *fyne.Container
	state  backupState
	loaded bool
	loads  *loader[struct{}, backupState]
	cancel context.CancelFunc // of the backup under way; nil when none
	timer  *time.Timer        // the next daily backup, or the status text's next change
	// closing is set once the window began to close: no backup starts after.
	closing bool
	// followers are told when the state changed (Settings → Backups).
	followers []func()
	// auto makes a backup: backup.Auto; tests hold it back to cancel it.
	auto func(ctx context.Context, s *data.Store, why string, onlyIfChanged bool, progress backup.Progress) (backup.AutoResult, error)
}

// backupState is what the desk knows of the backups, read off the UI
// goroutine: this computer's settings and whether the practice has a
// backup key.
type backupState struct {
	settings backup.Settings
	hasKey   bool
	keyMade  time.Time
}

func loadBackupState(ctx context.Context, s *data.Store) (backupState, error) {
	st, err := backup.LoadSettings(s.Dir())
	if err != nil {
		return backupState{}, err
	}
	k, err := s.BackupKey(ctx)
	if data.ErrorCode(err) == data.ENotFound {
		return backupState{settings: st}, nil
	} else if err != nil {
		return backupState{}, err
	}
	return backupState{settings: st, hasKey: true, keyMade: k.Created}, nil
}

// warnAfter is the age of the last backup from which the status line
// warns (DESIGN, issue 11).
const warnAfter = 48 * time.Hour

// dailyEvery is how often the desk backs up while it stays open.
const dailyEvery = 24 * time.Hour

func newBackupCenter(d *desk) *backupCenter {
	b := &backupCenter{d: d, auto: backup.Auto}
	b.loads = newLoader[struct{}, backupState](d, nil)
	b.status = widget.NewButtonWithIcon(d.w.T("backup.status.loading"), theme.HistoryIcon(), func() { d.showBackups() })
	b.status.Importance = widget.LowImportance
	b.bar = widget.NewProgressBar()
	b.bar.TextFormatter = func() string { return "" }
	b.stop = widget.NewButton(d.w.T("common.cancel"), func() { b.cancelRunning() })
	b.stop.Importance = widget.LowImportance
	b.box = container.NewHBox(b.status, container.New(&fixedWidth{w: 110}, container.NewCenter(b.bar)), b.stop)
	b.bar.Hide()
	b.stop.Hide()
	return b
}

func (b *backupCenter) view() fyne.CanvasObject { return b.box }

// reload reads the state again and shows it.
func (b *backupCenter) reload() <-chan struct{} {
	store := b.d.store
	return b.loads.load(struct{}{}, func(ctx context.Context) (backupState, error) {
		return loadBackupState(ctx, store)
	}, func(st backupState) {
		b.state, b.loaded = st, true
		b.render()
		for _, f := range b.followers {
			f()
		}
	})
}

// follow calls f on the UI goroutine whenever the state changes.
func (b *backupCenter) follow(f func()) { b.followers = append(b.followers, f) }

// running reports whether a backup is under way.
func (b *backupCenter) running() bool { return b.cancel != nil }

// statusText is the status line's word on the backups, and its colour.
func (b *backupCenter) statusText(now time.Time) (string, widget.Importance) {
	w := b.d.w
	last := b.state.settings.LastBackup
	switch {
	case b.running():
		return w.T("backup.status.running"), widget.LowImportance
	case !b.loaded:
		return w.T("backup.status.loading"), widget.LowImportance
	case !b.state.hasKey:
		return w.T("backup.status.off"), widget.DangerImportance
	case last.IsZero():
		return w.T("backup.status.none"), widget.WarningImportance
	}
	loc := b.d.pr.Location()
	at, today := last.In(loc), data.DateOf(now.In(loc))
	clock := at.Format("15:04")
	switch age := now.Sub(last); {
	case age >= warnAfter:
		return w.N("backup.status.days", int(age/(24*time.Hour))), widget.WarningImportance
	case data.DateOf(at) == today:
		return w.T("backup.status.today", "Time", clock), widget.LowImportance
	case data.DateOf(at) == today.AddDays(-1):
		return w.T("backup.status.yesterday", "Time", clock), widget.LowImportance
	}
	return w.T("backup.status.on", "Date", data.DateOf(at), "Time", clock), widget.LowImportance
}

// render shows the state in the status line.
func (b *backupCenter) render() {
	text, imp := b.statusText(nowFunc())
	if b.status.Text != text || b.status.Importance != imp {
		b.status.SetText(text)
		b.status.Importance = imp
		if imp == widget.LowImportance {
			b.status.SetIcon(theme.HistoryIcon())
		} else {
			b.status.SetIcon(theme.WarningIcon())
		}
		b.status.Refresh()
	}
	if b.running() {
		b.bar.Show()
		b.stop.Show()
	} else {
		b.bar.Hide()
		b.stop.Hide()
		b.bar.SetValue(0)
	}
	b.box.Refresh()
}

// start arms the daily backup and the status text's changes: the real
// desk calls it once it is on screen (tests call tick themselves).
func (b *backupCenter) start() {
	b.follow(b.schedule)
	b.schedule()
}

// schedule sets one timer, to the next moment something is due: the
// daily backup, or the status text changing (midnight, the warning), or
// wallClockRecheck from now if that comes first (timerDelay).
func (b *backupCenter) schedule() {
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	if !b.loaded || b.closing {
		return
	}
	now := nowFunc()
	next := b.nextEvent(now)
	if next.IsZero() {
		return
	}
	b.timer = time.AfterFunc(timerDelay(now, next), func() { b.d.do(b.tick) })
}

// wallClockRecheck is the longest the timer waits before tick looks at
// the wall clock again. A timer counts time the computer is awake: after
// a laptop slept through the night, one set for "in 23 hours" fires the
// sleep's length late, and the daily backup with it. tick does nothing
// but redraw the status text when nothing is due.
const wallClockRecheck = 5 * time.Minute

// timerDelay is how long the timer waits for next, at most
// wallClockRecheck.
func timerDelay(now, next time.Time) time.Duration {
	return min(next.Sub(now), wallClockRecheck)
}

// firstDailyDelay is how long after the desk opens an overdue daily
// backup waits, so that it does not compete with the first screens.
const firstDailyDelay = 2 * time.Minute

// nextEvent is when schedule's timer fires; zero for never.
func (b *backupCenter) nextEvent(now time.Time) time.Time {
	if !b.state.hasKey {
		return time.Time{}
	}
	last := b.state.settings.LastBackup
	due := last.Add(dailyEvery)
	if last.IsZero() || due.Before(now.Add(firstDailyDelay)) {
		due = now.Add(firstDailyDelay)
	}
	if last.IsZero() {
		return due
	}
	loc := b.d.pr.Location()
	next := due
	midnight := data.DateOf(now.In(loc)).AddDays(1)
	for _, t := range []time.Time{time.Date(midnight.Year, midnight.Month, midnight.Day, 0, 0, 1, 0, loc), last.Add(warnAfter)} {
		if t.After(now) && t.Before(next) {
			next = t
		}
	}
	return next
}

// tick is the timer's work, on the UI goroutine: the daily backup when
// it is due, else the status text again.
func (b *backupCenter) tick() {
	last := b.state.settings.LastBackup
	if b.state.hasKey && !b.running() && !b.closing && (last.IsZero() || !nowFunc().Before(last.Add(dailyEvery))) {
		b.run(backup.Daily)
		return
	}
	b.render()
	b.schedule()
}

// backUpNow is the Back up now button.
func (b *backupCenter) backUpNow() <-chan struct{} { return b.run("backup made with Back up now") }

// run makes a backup in the background into the backups folder (and the
// second folder), with its bar and Cancel in the status line; one at a
// time.
func (b *backupCenter) run(why string) <-chan struct{} {
	if b.running() || b.closing {
		return closed()
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	b.render()
	store, do, auto := b.d.store, b.d.do, b.auto
	progress := func(done, total int64) {
		do(func() {
			if b.running() && total > 0 {
				b.bar.SetValue(float64(done) / float64(total))
			}
		})
	}
	return backgroundThen(do, func() (backup.AutoResult, error) {
		return auto(ctx, store, why, false, progress)
	}, func(r backup.AutoResult, err error) <-chan struct{} {
		cancel()
		b.cancel = nil
		b.said(r, err)
		return b.reload()
	})
}

// said tells in the status line how a backup went.
func (b *backupCenter) said(r backup.AutoResult, err error) {
	d := b.d
	switch {
	case errors.Is(err, context.Canceled):
		d.say(d.w.T("backup.said.cancelled"))
	case err != nil:
		d.sayError(err)
	case r.SecondErr != nil:
		d.sayError(r.SecondErr)
	case len(r.Damaged) > 0:
		d.opts.logf("ui: damaged attachments backed up as they are: %v", r.Damaged)
		d.sayWith(d.w.N("backup.said.damaged", len(r.Damaged)), d.w.T("backup.open_folder"), d.folderOpener(d.store.Dir()))
	default:
		d.sayWith(d.w.T("backup.said.done", "File", d.shownPath(r.Path)), d.w.T("backup.open_folder"), d.folderOpener(dirOf(r.Path)))
	}
}

// cancelRunning stops the backup under way; it leaves nothing behind.
func (b *backupCenter) cancelRunning() {
	if b.cancel != nil {
		b.cancel()
		b.stop.Hide()
	}
}

// atClose is the window's close: a backup first when the practice has
// a backup key and changed since the last one, in a dialog whose Skip
// closes at once; then closeWindow. A failed backup asks before closing.
func (b *backupCenter) atClose(closeWindow func()) {
	if b.closing {
		return
	}
	if !b.state.hasKey {
		closeWindow()
		return
	}
	b.closing = true
	if b.timer != nil {
		b.timer.Stop()
	}
	if b.cancel != nil {
		b.cancel() // the one at close covers what it would have
	}
	d := b.d
	ctx, cancel := context.WithCancel(context.Background())
	p := showProgress(d.w, d.win.Canvas(), d.w.T("backup.close.title"), d.w.T("backup.close.what"), d.w.T("backup.close.skip"), cancel)
	store, do, auto := d.store, d.do, b.auto
	background(do, func() (backup.AutoResult, error) {
		return auto(ctx, store, backup.AtClose, true, func(done, total int64) { do(func() { p.set(done, total) }) })
	}, func(r backup.AutoResult, err error) {
		cancel()
		p.close()
		if err == nil || errors.Is(err, context.Canceled) {
			closeWindow()
			return
		}
		d.opts.logf("ui: the backup at close: %v", err)
		b.closing = false
		msg := widget.NewLabel(hardWrap(d.w.T("backup.close.failed", "Why", d.w.Error(err)), 70))
		var m *modal
		m = showModal(d.win.Canvas(), d.w.T("backup.close.failed_title"), msg,
			button(d.w.T("backup.close.stay"), false, func() { m.close() }),
			button(d.w.T("backup.close.anyway"), true, func() { m.close(); closeWindow() }))
	})
}
