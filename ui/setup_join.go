package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	psync "frontdesk/data/sync"
)

// The first start of a computer that joins a practice already using
// Frontdesk on another computer: instead of setting up a practice, it
// receives the practice from the sync folder. A join needs a data folder
// without a database, and the desk opened one to show the first-start
// form: the store is closed, its empty database cleared, the join made,
// and the data folder opened again — the joined practice, or a new empty
// database when the join was refused, so that the form goes on. The
// joined practice's users came with it: the sign-in form follows.

// joinPart is what the first-start form shows below its button.
func (su *setupScreen) joinPart() fyne.CanvasObject {
	su.join = widget.NewButtonWithIcon(su.w.T("setup.join"), theme.FolderOpenIcon(), func() { su.openJoin() })
	return container.NewVBox(hline(), widget.NewLabel(hardWrap(su.w.T("setup.join_intro"), 84)), container.NewHBox(su.join))
}

// openJoin opens the join dialog.
func (su *setupScreen) openJoin() *syncFolderForm {
	f := openSyncFolderForm(su.w, su.win, su.do, nil, syncJoin)
	f.run = func(ctx context.Context, folder, pass, name string) error {
		s, err := joinPractice(ctx, su.store, folder, pass, name)
		su.do(func() { su.storeChanged(s) })
		return err
	}
	f.then = func(err error) bool {
		pr, perr := su.store.Practice(context.Background())
		if perr != nil {
			// Not joined: the form shows why; the first start goes on.
			if err == nil {
				err = perr
			}
			su.logf("ui: joining the practice: %v", err)
			return false
		}
		if err != nil {
			// Joined, then the first sync stopped (cancelled, the folder
			// pulled out): the practice is here, the desk syncs again.
			su.logf("ui: the first sync after joining: %v", err)
		}
		su.onDone(pr)
		return true
	}
	su.joinForm = f
	return f
}

// joinPractice closes st, clears its empty database and joins the
// practice of folder; it returns the data folder opened again (nil only
// when it cannot be opened at all), with the join's error.
func joinPractice(ctx context.Context, st *data.Store, folder, pass, name string) (*data.Store, error) {
	dir := st.Dir()
	// Check the passphrase and the folder before touching anything: a
	// wrong passphrase leaves the data folder exactly as it was.
	if err := psync.CheckJoin(folder, pass); err != nil {
		return st, err
	}
	if ctx.Err() != nil {
		return st, joinStopped(ctx.Err())
	}
	st.Close()
	err := data.ClearUnsetDatabase(ctx, dir)
	if err == nil {
		_, err = psync.Join(ctx, dir, folder, pass, psync.Options{Name: name, Remember: true})
	}
	if errors.Is(err, context.Canceled) {
		err = joinStopped(err)
	}
	s, oerr := data.Open(dir)
	if oerr != nil {
		return nil, errors.Join(err, oerr)
	}
	return s, err
}

// joinStopped is a join stopped with Stop: if it stopped before the
// practice was received, nothing is left of it.
func joinStopped(cause error) error {
	e := data.NewError(data.EConflict, "sync.join.stopped")
	e.Err = cause
	return e
}

// storeChanged takes the store the join opened again in place of the
// closed one, for the form and for the shell.
func (su *setupScreen) storeChanged(s *data.Store) {
	if s == nil || s == su.store {
		return
	}
	su.store = s
	if su.onStore != nil {
		su.onStore(s)
	}
}
