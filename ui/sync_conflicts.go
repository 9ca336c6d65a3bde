package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// screenConflicts is the conflicts screen, opened from the status line's
// conflicts word; it is not on the rail.
const screenConflicts = "sync-conflicts"

// conflictsScreen lists what sync settled on its own and someone should
// look at: the edits two computers made to one field while apart (the
// newer was kept; the other can be taken instead) and the double
// bookings made on two computers. Each user sees the conflicts of the
// tables they may write, so a clinical field's conflict is not shown to
// billing (data.SyncConflicts); the double bookings to those who see
// the calendar.
type conflictsScreen struct {
	d       *desk
	loads   *loader[struct{}, conflictsData]
	list    *fyne.Container
	content fyne.CanvasObject
	shown_  conflictsData // what is on screen, for tests
}

// conflictsData is what the screen shows, read off the UI goroutine.
type conflictsData struct {
	conflicts []data.SyncConflict
	doubles   []data.DoubleBooking
	devices   map[string]data.Device
	me        string
}

func loadConflicts(ctx context.Context, s *data.Store, today data.Date) (conflictsData, error) {
	out := conflictsData{devices: map[string]data.Device{}, me: s.Device().ID}
	var err error
	if out.conflicts, err = s.SyncConflicts(ctx); err != nil {
		return out, err
	}
	if data.Can(s.Actor(), data.RightPatientsRead) {
		if out.doubles, err = s.DoubleBookings(ctx, today); err != nil {
			return out, err
		}
	}
	devices, err := s.Devices(ctx)
	for _, dv := range devices {
		out.devices[dv.ID] = dv
	}
	return out, err
}

func newConflictsScreen(d *desk) *conflictsScreen {
	c := &conflictsScreen{d: d}
	c.loads = newLoader[struct{}, conflictsData](d, nil)
	w := d.w
	c.list = container.NewVBox()
	head := container.NewVBox(heading(w.T("conflicts.heading")), paragraph(hardWrap(w.T("conflicts.intro"), 130)))
	c.content = container.New(layout.NewCustomPaddedLayout(8, 8, 12, 12),
		container.NewBorder(head, nil, nil, nil, container.NewVScroll(c.list)))
	return c
}

func (c *conflictsScreen) view() fyne.CanvasObject { return c.content }

func (c *conflictsScreen) shown() <-chan struct{} {
	store, today := c.d.store, c.d.today()
	return c.loads.load(struct{}{}, func(ctx context.Context) (conflictsData, error) {
		return loadConflicts(ctx, store, today)
	}, c.apply)
}

// apply shows what was loaded.
func (c *conflictsScreen) apply(cd conflictsData) {
	c.shown_ = cd
	w := c.d.w
	var rows []fyne.CanvasObject
	if len(cd.conflicts) == 0 && len(cd.doubles) == 0 {
		rows = append(rows, quiet(w.T("conflicts.none")))
	}
	if len(cd.conflicts) > 0 {
		rows = append(rows, subheading(w.N("conflicts.edits", len(cd.conflicts))))
	}
	for _, cf := range cd.conflicts {
		rows = append(rows, c.conflictRow(cd, cf), hline())
	}
	if len(cd.doubles) > 0 {
		rows = append(rows, subheading(w.N("conflicts.doubles", len(cd.doubles))))
	}
	for _, db := range cd.doubles {
		rows = append(rows, c.doubleRow(db), hline())
	}
	c.list.Objects = rows
	c.list.Refresh()
}

// conflictRow is one conflict in words, with its two ways out.
func (c *conflictsScreen) conflictRow(cd conflictsData, cf data.SyncConflict) fyne.CanvasObject {
	w := c.d.w
	what := conflictSentence(w, c.d.pr, cd, cf)
	if cf.Secret {
		ok := button(w.T("conflicts.keep_newer"), false, func() { c.resolve(cf, false) })
		return container.NewVBox(paragraph(hardWrap(what, 130)), container.NewHBox(ok))
	}
	keep := button(w.T("conflicts.keep", "Value", valueWords(w, shortValue(w, cf.Kept))), false, func() { c.resolve(cf, false) })
	takeLabel := w.T("conflicts.take", "Value", valueWords(w, shortValue(w, cf.Lost)))
	if cf.Lost == "" {
		takeLabel = w.T("conflicts.take_empty")
	}
	take := button(takeLabel, false, func() { c.resolve(cf, true) })
	return container.NewVBox(paragraph(hardWrap(what, 130)), container.NewHBox(keep, take))
}

// doubleRow is a double booking, with the way to its day.
func (c *conflictsScreen) doubleRow(db data.DoubleBooking) fyne.CanvasObject {
	w := c.d.w
	what := w.T("conflicts.double", "Practitioner", db.First.PractitionerName, "Date", db.Second.Day, "Time", db.Second.Start.String(),
		"First", listName(db.First.PatientFamily, db.First.PatientGiven), "Second", listName(db.Second.PatientFamily, db.Second.PatientGiven))
	open := widget.NewButtonWithIcon(w.T("conflicts.open_day"), theme.CalendarIcon(), func() {
		c.d.show(screenCalendar)
		c.d.calendar.setDay(db.Second.Day)
	})
	return container.NewVBox(paragraph(hardWrap(what, 130)), container.NewHBox(open))
}

// resolve settles a conflict in the background, then reads the screen
// and the status line again.
func (c *conflictsScreen) resolve(cf data.SyncConflict, takeLost bool) <-chan struct{} {
	d, store := c.d, c.d.store
	return backgroundThen(d.do, func() (struct{}, error) {
		return struct{}{}, store.ResolveSyncConflict(context.Background(), cf.OpID, takeLost)
	}, func(_ struct{}, err error) <-chan struct{} {
		if err != nil {
			d.sayError(err)
			return closed()
		}
		d.say(d.w.T("conflicts.said.settled"))
		return both(c.shown(), d.sync.reload())
	})
}

// showConflicts opens the conflicts screen.
func (d *desk) showConflicts() <-chan struct{} { return d.show(screenConflicts) }
