package ui

import (
	"context"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// waitingData is today's flow of patients.
type waitingData struct {
	Day      data.Date
	Now      time.Time
	Waiting  []data.AppointmentView // arrived, longest waiting first
	InRoom   []data.AppointmentView
	Expected []data.AppointmentView // booked or confirmed, by time
	Seen     int                    // done today
}

// buildWaiting sorts today's appointments into the board's columns.
func buildWaiting(day data.Date, now time.Time, appts []data.AppointmentView) waitingData {
	w := waitingData{Day: day, Now: now}
	for _, a := range appts {
		switch a.Status {
		case data.StatusArrived:
			w.Waiting = append(w.Waiting, a)
		case data.StatusInRoom:
			w.InRoom = append(w.InRoom, a)
		case data.StatusBooked, data.StatusConfirmed:
			if a.PatientID != "" {
				w.Expected = append(w.Expected, a)
			}
		case data.StatusDone:
			w.Seen++
		}
	}
	sort.SliceStable(w.Waiting, func(i, j int) bool { return w.Waiting[i].Times.Arrived.Before(w.Waiting[j].Times.Arrived) })
	sort.SliceStable(w.InRoom, func(i, j int) bool { return w.InRoom[i].Times.InRoom.Before(w.InRoom[j].Times.InRoom) })
	return w
}

// minutesSince is the whole minutes from t to now ("0" just after).
func minutesSince(t, now time.Time) int {
	if t.IsZero() || now.Before(t) {
		return 0
	}
	return int(now.Sub(t) / time.Minute)
}

// waitedText says how long a patient has been waiting: "waiting 12 min
// (since 09:03)".
func waitedText(w words, a data.AppointmentView, now time.Time, loc *time.Location) string {
	if a.Times.Arrived.IsZero() {
		return w.T("waiting.waiting_unknown")
	}
	return w.T("waiting.waiting_since", "Waited", w.duration(minutesSince(a.Times.Arrived, now)),
		"Since", a.Times.Arrived.In(loc).Format("15:04"))
}

// waitingScreen is the waiting-room board: who is waiting and for how
// long, who is in the room, who is still expected; one click moves a
// patient on.
type waitingScreen struct {
	d       *desk
	title   *widget.Label
	summary *widget.Label
	cols    [3]*fyne.Container
	heads   [3]*widget.Label
	content fyne.CanvasObject
	loads   *loader[struct{}, waitingData]
	loaded  waitingData
	buttons map[string]*widget.Button // appointment ID → its move-on button, for tests
	refresh *time.Timer
}

// waitingRefresh is how often the board re-reads while it is shown, so the
// waiting times stay true; no timer runs when another screen is shown.
var waitingRefresh = time.Minute

func newWaitingScreen(d *desk) *waitingScreen {
	w := &waitingScreen{d: d}
	w.loads = newLoader[struct{}, waitingData](d, nil)
	w.loads.failed = func(err error) { setText(w.summary, w.d.w.Error(err), widget.DangerImportance) }
	w.title = heading(d.w.T("desk.rail.waiting"))
	w.summary = quiet("")
	reload := widget.NewButtonWithIcon(d.w.T("waiting.refresh"), theme.ViewRefreshIcon(), func() { w.load() })
	top := container.NewBorder(nil, nil, w.title, container.NewHBox(w.summary, reload))
	var panes []fyne.CanvasObject
	for i, name := range []i18n.Key{"waiting.column.waiting", "waiting.column.in_room", "waiting.column.expected"} {
		w.heads[i] = subheading(d.w.T(name))
		w.cols[i] = container.NewVBox()
		panes = append(panes, container.NewBorder(
			withBackground(barColour, container.New(layout.NewCustomPaddedLayout(0, 0, 8, 8), w.heads[i])), nil, nil, nil,
			container.NewVScroll(w.cols[i])))
	}
	grid := container.NewGridWithColumns(3, panes[0], container.NewBorder(nil, nil, vline(), nil, panes[1]),
		container.NewBorder(nil, nil, vline(), nil, panes[2]))
	w.content = container.NewBorder(container.New(layout.NewCustomPaddedLayout(6, 4, 10, 10), top), nil, nil, nil,
		container.NewBorder(hline(), nil, nil, nil, grid))
	return w
}

func (w *waitingScreen) view() fyne.CanvasObject { return w.content }

func (w *waitingScreen) shown() <-chan struct{} { return w.load() }

// load reads today in the background; stale results are dropped. While
// the board is shown, it is read again every waitingRefresh.
func (w *waitingScreen) load() <-chan struct{} {
	if w.refresh != nil {
		w.refresh.Stop()
		w.refresh = nil
	}
	loc, store := w.d.pr.Location(), w.d.store
	now := nowFunc()
	day := data.DateOf(now.In(loc))
	w.title.SetText(w.d.w.T("waiting.title", "Day", w.d.w.dayTitle(day)))
	return w.loads.load(struct{}{}, func(ctx context.Context) (waitingData, error) {
		appts, err := store.AppointmentsOn(ctx, day, loc)
		return buildWaiting(day, now, appts), err
	}, func(wd waitingData) {
		w.apply(wd)
		var t *time.Timer
		t = time.AfterFunc(waitingRefresh, func() {
			w.d.do(func() {
				// A load since (or another screen) made this timer stale.
				if w.refresh == t && w.d.current == screenWaiting {
					w.load()
				}
			})
		})
		w.refresh = t
	})
}

func (w *waitingScreen) apply(wd waitingData) {
	w.loaded = wd
	w.buttons = map[string]*widget.Button{}
	loc, words := w.d.pr.Location(), w.d.w
	setText(w.summary, words.T("waiting.summary", "Waiting", len(wd.Waiting), "InRoom", len(wd.InRoom),
		"Expected", len(wd.Expected), "Seen", wd.Seen), widget.LowImportance)
	w.heads[0].SetText(words.T("waiting.head.waiting", "Count", len(wd.Waiting)))
	w.heads[1].SetText(words.T("waiting.head.in_room", "Count", len(wd.InRoom)))
	w.heads[2].SetText(words.T("waiting.head.expected", "Count", len(wd.Expected)))

	fill := func(col *fyne.Container, appts []data.AppointmentView, empty string, row func(a data.AppointmentView) fyne.CanvasObject) {
		col.Objects = col.Objects[:0]
		if len(appts) == 0 {
			col.Add(container.New(layout.NewCustomPaddedLayout(4, 4, 8, 8), quiet(empty)))
		}
		for _, a := range appts {
			col.Add(row(a))
		}
		col.Refresh()
	}
	fill(w.cols[0], wd.Waiting, words.T("waiting.empty.waiting"), func(a data.AppointmentView) fyne.CanvasObject {
		mins := minutesSince(a.Times.Arrived, wd.Now)
		imp := widget.MediumImportance
		if mins >= 20 {
			imp = widget.WarningImportance
		}
		return w.row(a, waitedText(words, a, wd.Now, loc), imp, words.T("waiting.to_room"), data.StatusInRoom)
	})
	fill(w.cols[1], wd.InRoom, words.T("waiting.empty.in_room"), func(a data.AppointmentView) fyne.CanvasObject {
		since := words.T("waiting.in_room")
		if !a.Times.InRoom.IsZero() {
			since = words.T("waiting.in_room_since", "Since", a.Times.InRoom.In(loc).Format("15:04"))
			if !a.Times.Arrived.IsZero() {
				since = words.T("waiting.in_room_waited", "Since", a.Times.InRoom.In(loc).Format("15:04"),
					"Waited", words.duration(minutesSince(a.Times.Arrived, a.Times.InRoom)))
			}
		}
		return w.row(a, since, widget.MediumImportance, words.T("waiting.done"), data.StatusDone)
	})
	nowWall := data.WallTime(wd.Now.In(loc).Hour()*60 + wd.Now.In(loc).Minute())
	fill(w.cols[2], wd.Expected, words.T("waiting.empty.expected"), func(a data.AppointmentView) fyne.CanvasObject {
		text, imp := words.T("waiting.expected_at", "Time", a.Start.String()), widget.LowImportance
		if late := int(nowWall - a.Start); late > 0 {
			text, imp = words.T("waiting.late", "Late", words.duration(late), "Time", a.Start.String()), widget.WarningImportance
		}
		if a.Status == data.StatusConfirmed {
			text += " · " + words.status(data.StatusConfirmed)
		}
		return w.row(a, text, imp, words.T("calendar.arrived"), data.StatusArrived)
	})
}

// row is one patient on the board: name and booking on the first line,
// the waiting time below, and the button that moves them on.
func (w *waitingScreen) row(a data.AppointmentView, detail string, imp widget.Importance, action, to string) fyne.CanvasObject {
	name := bold(a.Start.String() + "  " + whoOf(w.d.w, a))
	name.Truncation = fyne.TextTruncateEllipsis
	about := quiet(a.PractitionerName + " · " + orDash(a.TypeName))
	about.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabel(detail)
	when.Importance = imp
	when.Truncation = fyne.TextTruncateEllipsis
	b := widget.NewButton(action, nil)
	b.Importance = widget.HighImportance
	b.OnTapped = func() { w.move(a, to, b) }
	w.buttons[a.ID] = b
	open := widget.NewButtonWithIcon("", theme.InfoIcon(), func() { openAppointment(w.d, a.ID, func(data.Date) { w.load() }) })
	open.Importance = widget.LowImportance
	text := container.New(&tight{overlap: theme.InnerPadding() + 2}, name, about, when)
	card := container.NewBorder(nil, nil, nil, container.NewVBox(layout.NewSpacer(), container.NewHBox(open, b), layout.NewSpacer()), text)
	return container.NewVBox(container.New(layout.NewCustomPaddedLayout(2, 2, 6, 6), card), hline())
}

// move puts a patient in the next step of the visit.
func (w *waitingScreen) move(a data.AppointmentView, to string, b *widget.Button) <-chan struct{} {
	b.Disable()
	return w.d.write(func(tx *data.Tx) error {
		_, err := tx.SetStatus(a.ID, to, "")
		return err
	}, func(err error) {
		b.Enable()
		w.d.sayLogged(err)
	}, func() <-chan struct{} {
		w.d.say(saidStatus(w.d.w, a, to))
		return w.load()
	})
}
