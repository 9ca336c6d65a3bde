package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
	psync "frontdesk/data/sync"
)

// syncSettings is Settings → Sync, for administrators: before this
// computer syncs, the two ways to start (make the practice's sync folder,
// or use the one this data folder already syncs with); then the folder,
// the last sync, the practice's computers (retiring one that is lost or
// replaced), changing the passphrase and stopping. The desk's own syncs,
// status line and conflicts are the sync center's (not here).
type syncSettings struct {
	d     *desk
	loads *loader[struct{}, syncSettingsState]
	body  *fyne.Container // what the state calls for
	state syncSettingsState
	// The buttons, for tests and screenshot mode.
	createBtn, openBtn, passBtn, stopBtn *widget.Button
	retireBtn                            map[string]*widget.Button // by computer ID
	conflictsLink                        *widget.Button            // to the conflicts screen, when there are some
	folderForm                           *syncFolderForm
	passForm                             *syncPassphraseForm
	content                              fyne.CanvasObject
}

// syncSettingsState is what Settings → Sync shows.
type syncSettingsState struct {
	set       data.SyncSettings
	on        bool // a folder is remembered
	computers []psync.Computer
	// folderErr: the folder could not be read (not plugged in, another
	// practice's); the computers are then those this one knows.
	folderErr error
	current   psync.PassphraseChange
	lost      []psync.PassphraseChange // passphrases set aside by a sync tool
	conflicts int                      // waiting to be looked at, as the status line counts them
}

func loadSyncSettingsState(ctx context.Context, st *data.Store, today data.Date) (syncSettingsState, error) {
	f, set, ok, err := psync.Remembered(ctx, st)
	if err != nil || !ok {
		return syncSettingsState{}, err
	}
	s := syncSettingsState{set: set, on: true}
	if s.conflicts, err = conflictsToLookAt(ctx, st, today); err != nil {
		return syncSettingsState{}, err
	}
	s.folderErr = f.Check()
	var cerr error
	s.computers, cerr = psync.Computers(ctx, st, f)
	if s.folderErr == nil {
		s.folderErr = cerr
	}
	if s.computers == nil {
		return s, cerr
	}
	if s.folderErr == nil {
		s.current, s.lost, _ = psync.PassphraseChanges(f.Dir)
	}
	return s, nil
}

func newSyncSettings(d *desk) *syncSettings {
	ss := &syncSettings{d: d}
	ss.loads = newLoader[struct{}, syncSettingsState](d, nil)
	ss.body = container.NewVBox(quiet(d.w.T("common.loading")))
	ss.loads.failed = func(err error) {
		ss.body.Objects = []fyne.CanvasObject{dangerLabel(hardWrap(d.w.Error(err), 100))}
		ss.body.Refresh()
	}
	ss.content = container.NewVBox(subheading(d.w.T("sync.settings.heading")), ss.body)
	return ss
}

// load reads the state off the UI goroutine and shows it.
func (ss *syncSettings) load() <-chan struct{} {
	store, today := ss.d.store, ss.d.today()
	return ss.loads.load(struct{}{}, func(ctx context.Context) (syncSettingsState, error) {
		return loadSyncSettingsState(ctx, store, today)
	}, ss.show)
}

func (ss *syncSettings) show(st syncSettingsState) {
	ss.state = st
	if st.on {
		ss.body.Objects = ss.setUpView(st)
	} else {
		ss.body.Objects = ss.offView()
	}
	ss.body.Refresh()
	if ss.d.settings != nil && ss.d.settings.page != nil {
		ss.d.settings.page.Refresh() // its height changed
	}
}

// offView offers the two ways to start syncing.
func (ss *syncSettings) offView() []fyne.CanvasObject {
	w := ss.d.w
	ss.createBtn = widget.NewButtonWithIcon(w.T("sync.settings.create"), theme.FolderNewIcon(), func() { ss.openForm(syncCreate) })
	ss.createBtn.Importance = widget.HighImportance
	ss.openBtn = widget.NewButtonWithIcon(w.T("sync.settings.open"), theme.FolderOpenIcon(), func() { ss.openForm(syncOpen) })
	ss.retireBtn, ss.passBtn, ss.stopBtn = nil, nil, nil
	return []fyne.CanvasObject{
		widget.NewLabel(hardWrap(w.T("sync.settings.off"), 110)),
		container.NewHBox(ss.createBtn, ss.openBtn),
		quiet(hardWrap(w.T("sync.settings.open_hint"), 110)),
	}
}

// setUpView shows the folder, the last sync and the computers.
func (ss *syncSettings) setUpView(st syncSettingsState) []fyne.CanvasObject {
	w := ss.d.w
	label := func(key string) fyne.CanvasObject {
		return container.New(&fixedWidth{w: 180}, bold(w.T(syncSettingsLabels[key])))
	}
	folder := quiet(st.set.Folder)
	folder.Truncation = fyne.TextTruncateEllipsis
	open := widget.NewHyperlink(w.T("backup.open_folder"), nil)
	open.OnTapped = func() { ss.d.folderOpener(st.set.Folder)() }
	last := w.T("sync.settings.never")
	if !st.set.LastSync.IsZero() {
		last = ss.when(st.set.LastSync)
	}
	out := []fyne.CanvasObject{
		container.NewBorder(nil, nil, label("folder"), open, folder),
		container.NewHBox(label("last"), widget.NewLabel(last)),
	}
	if st.conflicts > 0 {
		ss.conflictsLink = conflictsButton(ss.d, w.N("sync.status.conflicts", st.conflicts))
		out = append(out, container.NewHBox(label("conflicts"), ss.conflictsLink))
	} else {
		ss.conflictsLink = nil
	}
	if st.folderErr != nil {
		out = append(out, dangerLabel(hardWrap(w.Error(st.folderErr), 110)))
	}
	for _, l := range st.lost {
		out = append(out, warningLabel(hardWrap(w.T("sync.settings.passphrase_conflict",
			"Kept", ss.chooser(st.current), "Lost", ss.chooser(l)), 110)))
	}
	out = append(out, bold(w.T("sync.settings.computers")))
	ss.retireBtn = map[string]*widget.Button{}
	for _, c := range st.computers {
		out = append(out, ss.computerRow(c))
	}
	ss.passBtn = widget.NewButtonWithIcon(w.T("sync.settings.change_passphrase"), theme.AccountIcon(), func() {
		ss.passForm = openSyncPassphraseForm(ss.d, func() { ss.load() })
	})
	ss.stopBtn = widget.NewButtonWithIcon(w.T("sync.settings.stop"), theme.CancelIcon(), ss.askStop)
	ss.createBtn, ss.openBtn = nil, nil
	return append(out, container.NewHBox(ss.passBtn, ss.stopBtn))
}

// syncSettingsLabels are the labels of the set-up view's rows.
var syncSettingsLabels = map[string]i18n.Key{
	"folder":    "sync.settings.folder",
	"last":      "sync.settings.last",
	"conflicts": "sync.settings.conflicts",
}

// computerRow is one computer: its letter, name, when it last synced,
// and Retire… for another one still in use.
func (ss *syncSettings) computerRow(c psync.Computer) fyne.CanvasObject {
	w := ss.d.w
	name := truncated(w.T("sync.settings.computer", "Series", c.Series, "Name", c.Name))
	name.TextStyle = fyne.TextStyle{Bold: c.This}
	var about string
	switch {
	case c.Retired:
		about = w.T("sync.settings.retired")
	case c.LastSeen.IsZero():
		about = w.T("sync.settings.not_seen")
	default:
		about = w.T("sync.settings.seen", "When", ss.when(c.LastSeen))
	}
	if c.This {
		about = w.T("sync.settings.this_computer", "About", about)
	}
	state := quiet(about)
	state.Truncation = fyne.TextTruncateEllipsis
	var right fyne.CanvasObject = container.NewHBox()
	if !c.This && !c.Retired {
		b := smallButton(w.T("sync.settings.retire"), theme.ContentRemoveIcon(), func() { ss.askRetire(c) })
		ss.retireBtn[c.ID] = b
		right = b
	}
	// As wide as the folder's row reads, not the window: Retire… stays
	// beside the computer it retires.
	return container.New(&fixedWidth{w: 900}, container.NewBorder(nil, nil, nil, right,
		container.New(&columns{shares: []float32{0.4, 0.6}}, name, state)))
}

// when writes a moment on the practice's clock: "30/11/2026 at 14:05".
func (ss *syncSettings) when(t time.Time) string {
	at := t.In(ss.d.pr.Location())
	return ss.d.w.T("sync.settings.when", "Date", data.DateOf(at), "Time", at.Format("15:04"))
}

// chooser names who chose a passphrase.
func (ss *syncSettings) chooser(c psync.PassphraseChange) string {
	if c.Series == "" {
		return ss.d.w.T("sync.settings.chooser_first")
	}
	return ss.d.w.T("sync.settings.chooser", "Series", c.Series, "Name", c.Name, "When", ss.when(c.At))
}

// openForm opens the dialog that makes the folder or opens the one this
// data folder already syncs with; once done the folder is remembered.
func (ss *syncSettings) openForm(mode syncFormMode) *syncFolderForm {
	d := ss.d
	f := openSyncFolderForm(d.w, d.win, d.do, d.focusSearch, mode)
	store := d.store
	f.run = func(ctx context.Context, dir, pass, _ string) error {
		var folder psync.Folder
		var err error
		if mode == syncCreate {
			folder, err = psync.Create(ctx, store, dir, pass, psync.Options{})
		} else {
			folder, err = psync.OpenFolder(ctx, store, dir, pass)
		}
		if err != nil {
			return err
		}
		return psync.Remember(ctx, store, folder)
	}
	f.then = func(err error) bool {
		if err != nil {
			d.opts.logf("ui: starting to sync: %v", err)
			return false
		}
		if mode == syncCreate {
			d.say(d.w.T("sync.said.created"))
		} else {
			d.say(d.w.T("sync.said.opened"))
		}
		ss.load()
		d.syncFolderChanged()
		return true
	}
	ss.folderForm = f
	return f
}

// askRetire asks, saying what retiring means, then retires c.
func (ss *syncSettings) askRetire(c psync.Computer) *modal {
	d, w := ss.d, ss.d.w
	return d.confirm(w.T("sync.retire.title", "Series", c.Series), w.T("sync.retire.question", "Series", c.Series, "Name", c.Name),
		w.T("sync.retire.verb"), func() { ss.retire(c) })
}

func (ss *syncSettings) retire(c psync.Computer) <-chan struct{} {
	d, store := ss.d, ss.d.store
	return backgroundThen(d.do, func() (struct{}, error) {
		ctx := context.Background()
		f, _, ok, err := psync.Remembered(ctx, store)
		if err == nil && !ok {
			err = data.NewError(data.ENotFound, "sync.error.not_set_up")
		}
		if err != nil {
			return struct{}{}, err
		}
		_, err = psync.Retire(ctx, store, f, c.ID, psync.Options{})
		return struct{}{}, err
	}, func(_ struct{}, err error) <-chan struct{} {
		if err != nil {
			d.sayLogged(err)
			d.notDone(d.w.T("sync.retire.what", "Series", c.Series), err)
			return nil
		}
		d.say(d.w.T("sync.said.retired", "Series", c.Series, "Name", c.Name))
		return ss.load()
	})
}

// askStop asks before this computer stops syncing.
func (ss *syncSettings) askStop() {
	d, w := ss.d, ss.d.w
	d.confirm(w.T("sync.stop.title"), w.T("sync.stop.question", "Folder", ss.state.set.Folder), w.T("sync.stop.verb"), func() { ss.stop() })
}

func (ss *syncSettings) stop() <-chan struct{} {
	d, store := ss.d, ss.d.store
	return backgroundThen(d.do, func() (struct{}, error) {
		return struct{}{}, store.ForgetSyncFolder(context.Background())
	}, func(_ struct{}, err error) <-chan struct{} {
		if err != nil {
			d.sayLogged(err)
			d.notDone(d.w.T("sync.stop.what"), err)
			return nil
		}
		d.say(d.w.T("sync.said.stopped"))
		d.syncFolderChanged()
		return ss.load()
	})
}

// syncFolderChanged tells the desk's syncing (the sync center: status
// line, automatic sync) that the remembered folder changed (made,
// opened, forgotten), so that it reads it again.
func (d *desk) syncFolderChanged() {
	if d.sync != nil {
		d.sync.reload()
	}
}
