package ui

import (
	"context"
	"errors"
	"io/fs"

	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	fdsync "frontdesk/data/sync"
)

// The runs of sync: Sync now, the automatic one every syncEvery, and the
// one when the window closes. One runs at a time, off the UI goroutine;
// what it received is shown at once on the screen in front.

// start arms the automatic syncs: the real desk calls it once it is on
// screen (tests call it with their own timer).
func (c *syncCenter) start() {
	c.started = true
	c.schedule()
}

// schedule arms one timer, syncEvery from now, while a folder is
// remembered: nothing runs while the desk waits.
func (c *syncCenter) schedule() {
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
	if !c.loaded || c.closing || !c.state.set {
		return
	}
	c.stop = c.after(syncEvery, func() { c.d.do(c.tick) })
}

// tick is the timer's work, on the UI goroutine: a sync when the folder
// is there, else a look whether it came back (a reload, which schedules
// the next tick).
func (c *syncCenter) tick() {
	c.stop = nil
	switch {
	case c.closing:
	case c.running():
		c.schedule()
	case c.usable():
		c.run(false)
	default:
		c.reload()
	}
}

// syncNow is Sync now (its button, F9): a sync at once, saying in the
// message line how it went. A second press while one runs does nothing.
func (c *syncCenter) syncNow() <-chan struct{} {
	if !c.loaded || c.running() || c.closing {
		return closed()
	}
	if !c.state.set {
		c.explain()
		return closed()
	}
	return c.run(true)
}

// run syncs in the background. The folder is looked at first, so that a
// stick that came back since the last look is used and one pulled out is
// said calmly; asked says the outcome in the message line (Sync now),
// otherwise only the status word and the log do.
func (c *syncCenter) run(asked bool) <-chan struct{} {
	if c.running() || c.closing || !c.state.set || c.state.problem != nil {
		return closed()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	c.cancel, c.done = cancel, done
	c.render()
	store, syncOnce := c.d.store, c.sync
	ch := backgroundThen(c.d.do, func() (fdsync.Result, error) {
		return syncRemembered(ctx, store, syncOnce)
	}, func(res fdsync.Result, err error) <-chan struct{} {
		cancel()
		c.cancel = nil
		defer close(done)
		c.said(res, err, asked)
		reload := c.reload()
		if err == nil && (res.Import.Changes.Applied > 0 || res.Import.Changes.Conflicts > 0) {
			return both(reload, c.d.refreshAfterSync())
		}
		return reload
	})
	return ch
}

// said records how a sync went: the log always, the message line when it
// was asked for, the status word through failed.
func (c *syncCenter) said(res fdsync.Result, err error, asked bool) {
	d, w := c.d, c.d.w
	switch {
	case errors.Is(err, context.Canceled):
		c.failed = nil
		if asked {
			d.say(w.T("sync.said.cancelled"))
		}
	case errors.Is(err, fs.ErrNotExist):
		// The folder went away (a USB stick out): a calm word, no alarm.
		c.failed = nil
		d.opts.logf("ui: sync: the folder is not there: %v", err)
		c.state.missing = true
		if asked {
			d.say(w.T("sync.explain.missing", "Folder", c.state.settings.Folder))
		}
	case err != nil:
		c.failed = err
		d.opts.logf("ui: sync failed: %v", err)
		if asked {
			imp := widget.WarningImportance
			if c.mustRejoin() {
				imp = widget.DangerImportance
			}
			setText(d.message, w.T("sync.explain.failed", "Why", w.Error(err)), imp)
			d.setAction("", nil)
		}
	default:
		c.failed = nil
		ch := res.Import.Changes
		d.opts.logf("ui: synced: %d files sent, %d applied (%d changes, %d conflicts), %d refused, %d waiting",
			res.Sent, res.Import.Applied, ch.Applied, ch.Conflicts, len(res.Import.Refused), res.Import.Remaining)
		if !asked {
			return
		}
		switch {
		case len(res.Import.Refused) > 0:
			d.say(w.N("sync.said.refused", len(res.Import.Refused)))
		case ch.Applied > 0:
			d.say(w.N("sync.said.received", ch.Applied))
		default:
			d.say(w.T("sync.said.done"))
		}
	}
}

// atClose is the window's close: a last sync first, in a dialog whose
// Skip closes at once, then next (the backup at close, which then holds
// what the sync received). No folder remembered, or one not there,
// closes at once; a sync that fails is logged and the window closes all
// the same (the changes stay here and go with the next sync).
func (c *syncCenter) atClose(next func()) {
	if c.closing {
		return
	}
	c.closing = true
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
	if !c.usable() && !c.running() {
		next()
		return
	}
	d := c.d
	ctx, cancel := context.WithCancel(context.Background())
	p := showProgress(d.w, d.win.Canvas(), d.w.T("sync.close.title"), d.w.T("sync.close.what"), d.w.T("sync.close.skip"), func() {
		cancel()
		if c.cancel != nil {
			c.cancel()
		}
	})
	finish := func() {
		cancel()
		p.close()
		next()
	}
	if c.running() {
		// The sync under way is the last one: wait for it (Skip stops it).
		running := c.done
		go func() { <-running; d.do(finish) }()
		return
	}
	store, syncOnce := d.store, c.sync
	background(d.do, func() (fdsync.Result, error) {
		return syncRemembered(ctx, store, syncOnce)
	}, func(res fdsync.Result, err error) {
		if err != nil && !errors.Is(err, context.Canceled) {
			d.opts.logf("ui: the sync at close: %v", err)
		}
		finish()
	})
}

// halt stops the automatic syncs and the one under way, for good: the
// desk is being replaced (signed out, a restore).
func (c *syncCenter) halt() {
	c.closing = true
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
	if c.cancel != nil {
		c.cancel()
	}
}

// syncRemembered runs one sync with the remembered folder, read again
// for this run: its Folder reads the devices' keys with the context it
// was made with, so one made by a load (cancelled once shown) cannot
// serve. The folder is looked at first, so that a stick pulled out since
// the last look says so with fs.ErrNotExist.
func syncRemembered(ctx context.Context, store *data.Store, syncOnce func(context.Context, *data.Store, fdsync.Folder, fdsync.Options) (fdsync.Result, error)) (fdsync.Result, error) {
	f, _, ok, err := fdsync.Remembered(ctx, store)
	if err != nil {
		return fdsync.Result{}, err
	} else if !ok {
		return fdsync.Result{}, context.Canceled // forgotten meanwhile: nothing to do
	}
	if err := f.Check(); err != nil {
		return fdsync.Result{}, err
	}
	// fdsync.Sync notes the time of a sync with the remembered folder.
	return syncOnce(ctx, store, f, fdsync.Options{Now: nowFunc})
}

// both is closed once a and b are.
func both(a, b <-chan struct{}) <-chan struct{} {
	done := make(chan struct{})
	go func() { <-a; <-b; close(done) }()
	return done
}

// refreshAfterSync reads the screen in front again after a sync brought
// changes, so that what is on screen shows them. A patient's form being
// filled in is left alone: what was typed stays, and saving it checks
// field by field what changed meanwhile (SaveDemographics).
func (d *desk) refreshAfterSync() <-chan struct{} {
	switch d.current {
	case screenCalendar, screenWaiting, screenCalls, screenConflicts:
		return d.screens[d.current].shown()
	case screenPatients:
		p := d.patients
		if !p.fileShown() {
			return p.search(0)
		}
		if p.file.form != nil {
			return closed()
		}
		return p.file.reload()
	}
	return closed()
}
