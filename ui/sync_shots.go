package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"frontdesk/data"
	fdsync "frontdesk/data/sync"
)

// syncShots adds sync to screenshot mode: the status line in the states
// a practice meets (sync-synced.png: synced, changes to send and
// conflicts; sync-missing.png: the USB stick out; sync-rejoin.png: join
// again) and the conflicts screen with an edit, a password and a double
// booking (sync-conflicts.png). The states and the conflicts are shown as
// they would be, nothing is synced; the desk reads its real state again
// before the conflicts.
func (sh *shell) syncShots(d *desk, shoot func(string, func() <-chan struct{})) {
	c := d.sync
	now := nowFunc()
	state := func(st syncState, failed error) func() <-chan struct{} {
		return func() <-chan struct{} {
			c.loads.stop()
			c.state, c.loaded, c.failed = st, true, failed
			c.render()
			return d.show(screenCalendar)
		}
	}
	set := data.SyncSettings{Folder: "E:\\Cabinet-sync", LastSync: now.Add(-3 * time.Minute)}
	shoot("sync-synced", state(syncState{set: true, settings: set, waiting: 3, conflicts: 2}, nil))
	shoot("sync-missing", state(syncState{set: true, settings: set, missing: true, waiting: 12}, nil))
	shoot("sync-rejoin", state(syncState{set: true, settings: set}, fdsync.ErrRejoin))

	var back <-chan struct{}
	fyne.DoAndWait(func() { c.failed = nil; back = c.reload() })
	<-back
	cs := d.screens[screenConflicts].(*conflictsScreen)
	me := d.store.Device()
	laptop := data.Device{ID: "laptop", Series: "B", Name: "Portable"}
	at := now.Add(-2 * time.Hour)
	day := d.today()
	fake := conflictsData{me: me.ID, devices: map[string]data.Device{me.ID: me, laptop.ID: laptop},
		conflicts: []data.SyncConflict{
			{OpID: "1", Table: "patients", Field: "phone", Subject: "Dupont, Marie", Kept: "07 81 22 45 10", Lost: "06 12 34 56 78",
				KeptBy: laptop.ID, KeptAt: at.Add(40 * time.Minute), LostBy: me.ID, LostAt: at},
			{OpID: "2", Table: "appointments", Field: "notes", Subject: "Lefèvre, Paul", Day: day, Start: 9*60 + 30,
				Kept: "Apporter les radios", Lost: "", KeptBy: me.ID, KeptAt: at.Add(5 * time.Minute), LostBy: laptop.ID, LostAt: at},
			{OpID: "3", Table: "users", Field: "password_hash", Subject: "Claire Martin", Secret: true,
				KeptBy: laptop.ID, KeptAt: at.Add(time.Hour), LostBy: me.ID, LostAt: at},
		},
		doubles: []data.DoubleBooking{{
			First:  data.AppointmentView{Appointment: data.Appointment{Day: day, Start: 14 * 60}, PractitionerName: "Dr Anna Weber", PatientFamily: "Garcia", PatientGiven: "Lucia"},
			Second: data.AppointmentView{Appointment: data.Appointment{Day: day, Start: 14*60 + 10}, PractitionerName: "Dr Anna Weber", PatientFamily: "Bernard", PatientGiven: "Hugo"},
		}},
	}
	shoot("sync-conflicts", func() <-chan struct{} {
		loaded := d.show(screenConflicts)
		done := make(chan struct{})
		go func() {
			<-loaded
			fyne.DoAndWait(func() { cs.loads.stop(); cs.apply(fake) })
			close(done)
		}()
		return done
	})
}
