package ui

import (
	"context"
	"path/filepath"

	"frontdesk/data"
)

// goLive starts what runs only in the real window: the daily backup and
// the automatic sync.
func (sh *shell) goLive() {
	sh.live = true
	if sh.desk != nil {
		sh.desk.backups.start()
		sh.desk.sync.start()
	}
}

// closeWindow is the window's close button: the desk syncs a last time,
// then backs up (so that the backup holds what the sync received).
func (sh *shell) closeWindow() {
	if d := sh.desk; d != nil {
		d.sync.atClose(func() { d.backups.atClose(sh.win.Close) })
		return
	}
	sh.win.Close()
}

// reopened builds the desk again on the store a restore opened, and
// returns it (nil when the practice shows the first-start form or a
// message instead).
func (sh *shell) reopened(s *data.Store) *desk {
	if sh.desk != nil {
		sh.dropDesk()
	}
	sh.store = s
	sh.desk = nil
	pr, err := s.Practice(context.Background())
	sh.begin(pr, err)
	return sh.desk
}

// closeReopened closes the store a restore opened; the caller of Run
// closes the one it gave (closing a store twice is harmless).
func (sh *shell) closeReopened(first *data.Store) {
	if sh.store != first {
		sh.store.Close()
	}
}

// dirOf is the folder of a file.
func dirOf(path string) string { return filepath.Dir(path) }
