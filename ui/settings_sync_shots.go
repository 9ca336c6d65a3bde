package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"frontdesk/data"
	psync "frontdesk/data/sync"
)

// syncSettingsShots adds Settings → Sync to screenshot mode, after settings.png: Settings →
// Sync before this computer syncs (settings-sync-off.png) and with the
// practice's two computers (settings-sync.png), the dialog that makes the
// sync folder (sync-create.png), and the first start's join dialog
// (first-start-join.png). The states shown are made up for the pictures:
// nothing is written, in the data folder or anywhere else.
func (sh *shell) syncSettingsShots(d *desk, shoot func(string, func() <-chan struct{})) {
	ss := d.settings.sync
	shoot("settings-sync-off", func() <-chan struct{} {
		ss.loads.stop()
		ss.show(syncSettingsState{})
		d.settings.scrollTo(ss.content)
		return closed()
	})
	shoot("sync-create", func() <-chan struct{} {
		f := ss.openForm(syncCreate)
		f.run = nil // a picture: Enter does nothing
		f.folder.SetText(shotsSyncFolder)
		f.pass.SetText("lundi matin, café serré")
		f.repeat.SetText("lundi matin, cafe serré")
		return closed()
	})
	fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
	shoot("settings-sync", func() <-chan struct{} {
		now := nowFunc()
		me := d.store.Device()
		ss.show(syncSettingsState{on: true, set: data.SyncSettings{Folder: shotsSyncFolder, LastSync: now.Add(-4 * time.Minute)},
			computers: []psync.Computer{
				{ID: me.ID, Series: "A", Name: d.w.T("sync.shots.desk"), LastSeen: now.Add(-4 * time.Minute), This: true},
				{ID: "laptop", Series: "B", Name: d.w.T("sync.shots.laptop"), LastSeen: now.Add(-26 * time.Hour)},
			}, conflicts: 2})
		d.settings.scrollTo(ss.content)
		return closed()
	})
	var back <-chan struct{}
	fyne.DoAndWait(func() { back = ss.load() }) // the real state again
	<-back
	shoot("first-start-join", func() <-chan struct{} {
		su := newSetupScreen(sh.words(), sh.win, d.store, sh.do, sh.opts.logf, func(data.Practice) {})
		sh.win.SetContent(su.content)
		f := su.openJoin()
		f.run = nil
		f.folder.SetText(shotsSyncFolder)
		f.pass.SetText("lundi matin, café serré")
		f.name.SetText(d.w.T("sync.shots.laptop"))
		return closed()
	})
	fyne.DoAndWait(func() {
		closeTopModal(d.win.Canvas())
		sh.win.SetContent(d.root)
	})
}

// shotsSyncFolder is the sync folder the pictures show.
const shotsSyncFolder = "/media/practice/Frontdesk sync"
