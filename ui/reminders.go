package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/reports"
)

// callLists is what the Call lists screen shows.
type callLists struct {
	Day       data.Date
	Reminders []data.Reminder
	Waitlist  []data.WaitlistView
	Recalls   []data.RecallDue
	FollowUps []data.FollowUpRow // the call log's follow-ups not yet ticked off
}

// remindersScreen holds the lists a secretary works through on the
// phone: tomorrow's reminder calls (on screen, as PDF and CSV), the
// waitlist of patients who want an earlier slot, and the patients due for
// a check-up.
type remindersScreen struct {
	d       *desk
	day     data.Date
	title   *widget.Label
	tabs    *container.AppTabs
	remList *rowList
	waitLst *rowList
	recList *rowList
	folList *rowList
	folInfo *widget.Label
	remInfo *widget.Label
	waitInf *widget.Label
	recInfo *widget.Label
	content fyne.CanvasObject
	loads   *loader[data.Date, callLists]
	loaded  callLists

	// recallLetters prints the recall letter of everyone on the recall
	// tab, or of those due between two dates, in one PDF.
	recallLetters *widget.Button
}

var (
	reminderShares = []float32{0.07, 0.22, 0.14, 0.17, 0.14, 0.11, 0.15}
	waitShares     = []float32{0.18, 0.12, 0.14, 0.10, 0.09, 0.12, 0.25}
	recallShares   = []float32{0.19, 0.09, 0.13, 0.10, 0.10, 0.17, 0.22}
	followUpShares = []float32{0.11, 0.20, 0.10, 0.13, 0.34, 0.12}
)

// followUpDaysAhead is how far ahead the follow-ups tab looks: the week
// to come, and everything overdue.
const followUpDaysAhead = 7

func newRemindersScreen(d *desk) *remindersScreen {
	r := &remindersScreen{d: d}
	w := d.w
	r.loads = newLoader[data.Date, callLists](d, func() data.Date { return r.day })
	r.title = subheading("")
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { r.setDay(r.day.AddDays(-1)) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { r.setDay(r.day.AddDays(1)) })
	pdf := widget.NewButtonWithIcon(w.T("calls.save_pdf"), theme.DocumentSaveIcon(), func() { r.saveAs("pdf") })
	csv := widget.NewButtonWithIcon(w.T("calls.save_csv"), theme.DocumentSaveIcon(), func() { r.saveAs("csv") })
	r.remInfo, r.waitInf, r.recInfo = quiet(""), quiet(""), quiet("")
	for _, l := range []*widget.Label{r.remInfo, r.waitInf, r.recInfo} {
		l.Truncation = fyne.TextTruncateEllipsis
	}

	r.remList = newRowList(reminderShares, []string{w.T("calls.column.time"), w.T("calls.column.patient"), w.T("calls.column.phone"),
		w.T("calls.column.practitioner"), w.T("calls.column.type"), w.T("calls.column.status"), ""},
		func() int { return len(r.loaded.Reminders) },
		func(i int, cells []*widget.Label, b *widget.Button) {
			m := r.loaded.Reminders[i]
			set := []string{m.Start.String(), m.PatientName, m.Phone, m.Practitioner, m.TypeName, r.d.w.status(m.Status)}
			for k, s := range set {
				cells[k].SetText(s)
			}
			cells[5].Importance = statusImportance(m.Status)
			cells[5].Refresh()
			b.OnTapped = func() { r.confirm(m) }
			if m.Status == data.StatusConfirmed {
				b.SetText(r.d.w.T("calls.confirmed"))
				b.Disable()
			} else {
				b.SetText(r.d.w.T("calls.mark_confirmed"))
				enableIf(b, r.d.can(data.RightBook))
			}
		})
	r.waitLst = newRowListN(waitShares, []string{w.T("calls.column.patient"), w.T("calls.column.phone"), w.T("calls.column.practitioner"),
		w.T("calls.column.type"), w.T("calls.column.before"), w.T("calls.column.notes"), ""}, 2,
		func() int { return len(r.loaded.Waitlist) },
		func(i int, cells []*widget.Label, bs []*widget.Button) {
			e, w := r.loaded.Waitlist[i], r.d.w
			pr := e.Practitioner
			if pr == "" {
				pr = w.T("calls.any_practitioner")
			}
			set := []string{e.PatientName, e.Phone, pr, orDash(e.TypeName), w.Day(e.Before), e.Notes}
			for k, s := range set {
				cells[k].SetText(s)
			}
			bs[0].SetText(w.T("calls.find_slot"))
			bs[0].OnTapped = func() { r.findSlotFor(e) }
			bs[1].SetText(w.T("common.remove"))
			bs[1].OnTapped = func() { r.removeFromWaitlist(e) }
			for _, b := range bs {
				enableIf(b, r.d.can(data.RightBook))
			}
		})
	r.recList = newRowListN(recallShares, []string{w.T("calls.column.patient"), w.T("calls.column.chart"), w.T("calls.column.phone"),
		w.T("calls.column.last_seen"), w.T("calls.column.due"), w.T("calls.column.for"), ""}, 2,
		func() int { return len(r.loaded.Recalls) },
		func(i int, cells []*widget.Label, bs []*widget.Button) {
			c, w := r.loaded.Recalls[i], r.d.w
			set := []string{c.PatientName, c.ChartNumber, c.Phone, w.Day(c.LastSeen), w.Day(c.Due), c.Reason}
			for k, s := range set {
				cells[k].SetText(orDash(s))
			}
			cells[4].Importance = widget.MediumImportance
			if c.Due.Before(r.d.today()) {
				cells[4].Importance = widget.WarningImportance
			}
			cells[4].Refresh()
			bs[0].SetText(w.T("booking.book"))
			enableIf(bs[0], r.d.can(data.RightBook))
			bs[0].OnTapped = func() { r.book(c) }
			bs[1].SetText(w.T("letters.write_short"))
			bs[1].OnTapped = func() { writeRecallLetter(r.d, c, nil) }
			if !r.d.can(data.RightLetters) {
				bs[1].Hide()
			}
		})
	r.recallLetters = widget.NewButtonWithIcon(d.w.T("letters.recall_letters"), theme.MailSendIcon(),
		func() { openRecallLetters(r.d, nil) })

	r.folInfo = quiet("")
	r.folList = newRowList(followUpShares, []string{d.w.T("calls.column.follow_up"), d.w.T("letters.column.patient"),
		d.w.T("letters.column.chart"), d.w.T("calls.column.phone"), d.w.T("calls.column.summary"), ""},
		func() int { return len(r.loaded.FollowUps) },
		func(i int, cells []*widget.Label, b *widget.Button) {
			f := r.loaded.FollowUps[i]
			for k, s := range []string{d.pr.DateFormat.Format(f.FollowUp), f.PatientName, f.ChartNumber, orDash(f.Phone),
				strings.ReplaceAll(f.Summary, "\n", " ")} {
				cells[k].SetText(s)
			}
			cells[0].Importance = widget.MediumImportance
			if f.FollowUp.Before(r.d.today()) {
				cells[0].Importance = widget.WarningImportance
			}
			cells[0].Refresh()
			b.SetText(d.w.T("calls.tick_off"))
			b.OnTapped = func() { r.d.tickFollowUp(f.ID, func() { r.load() }) }
		})
	remTop := container.NewBorder(nil, nil, container.NewHBox(prev, next, r.title), container.NewHBox(pdf, csv))
	r.tabs = container.NewAppTabs(
		container.NewTabItem(w.T("calls.tab.reminders"), container.NewBorder(container.NewVBox(remTop, r.remInfo), nil, nil, nil, r.remList.content)),
		container.NewTabItem(w.T("calls.tab.waitlist"), container.NewBorder(r.waitInf, nil, nil, nil, r.waitLst.content)),
		container.NewTabItem(w.T("calls.tab.recalls"), container.NewBorder(container.NewBorder(nil, nil, nil, r.recallLetters, r.recInfo),
			nil, nil, nil, r.recList.content)),
	)
	// The follow-ups come from the call log, which billing may not see;
	// nor may it write the recall letters.
	if d.can(data.RightLetters) {
		r.tabs.Append(container.NewTabItem(w.T("calls.follow_ups"), container.NewBorder(r.folInfo, nil, nil, nil, r.folList.content)))
	} else {
		r.recallLetters.Hide()
	}
	r.content = container.New(layout.NewCustomPaddedLayout(4, 0, 8, 8), r.tabs)
	return r
}

func (r *remindersScreen) view() fyne.CanvasObject { return r.content }

func (r *remindersScreen) shown() <-chan struct{} {
	if r.day.IsZero() {
		r.day = r.d.today().AddDays(1)
	}
	return r.load()
}

func (r *remindersScreen) setDay(d data.Date) <-chan struct{} {
	r.day = d
	return r.load()
}

// load reads the three lists in the background.
func (r *remindersScreen) load() <-chan struct{} {
	day, store, loc, now := r.day, r.d.store, r.d.pr.Location(), nowFunc()
	calls := r.d.can(data.RightLetters)
	today := data.DateOf(now.In(loc))
	r.title.SetText(r.d.w.T("calls.title", "Weekday", day.Weekday(), "Date", day))
	return r.loads.load(day, func(ctx context.Context) (callLists, error) {
		cl := callLists{Day: day}
		var err error
		if cl.Reminders, err = store.Reminders(ctx, day, loc); err == nil {
			if cl.Waitlist, err = store.Waitlist(ctx); err == nil {
				if cl.Recalls, err = store.RecallsDue(ctx, today.AddDays(-365), today.AddDays(30), now.In(loc)); err == nil && calls {
					cl.FollowUps, err = store.OpenFollowUps(ctx, today.AddDays(followUpDaysAhead))
				}
			}
		}
		return cl, err
	}, r.apply)
}

func (r *remindersScreen) apply(cl callLists) {
	r.loaded = cl
	confirmed := 0
	for _, m := range cl.Reminders {
		if m.Status == data.StatusConfirmed {
			confirmed++
		}
	}
	w := r.d.w
	setText(r.remInfo, w.N("calls.info.reminders", len(cl.Reminders), "Confirmed", w.N("calls.info.confirmed", confirmed)),
		widget.LowImportance)
	setText(r.waitInf, w.N("calls.info.waitlist", len(cl.Waitlist)), widget.LowImportance)
	setText(r.recInfo, w.N("calls.info.recalls", len(cl.Recalls)), widget.LowImportance)
	r.remList.list.Refresh()
	r.waitLst.list.Refresh()
	r.recList.list.Refresh()
	setText(r.folInfo, r.d.w.N("calls.follow_ups.info", len(cl.FollowUps)), widget.LowImportance)
	r.folList.list.Refresh()
}

// confirm marks an appointment as confirmed after the call.
func (r *remindersScreen) confirm(m data.Reminder) <-chan struct{} {
	return r.d.write(func(tx *data.Tx) error {
		_, err := tx.SetStatus(m.AppointmentID, data.StatusConfirmed, "")
		return err
	}, nil, func() <-chan struct{} {
		r.d.say(r.d.w.T("calendar.said_status", "Who", m.PatientName, "Status", r.d.w.status(data.StatusConfirmed)))
		return r.load()
	})
}

// book opens a booking for a patient due for a recall.
func (r *remindersScreen) book(c data.RecallDue) {
	pr := ""
	if ps := r.d.calendar.refs.activePractitioners(); len(ps) > 0 {
		pr = ps[0].ID
	}
	openBooking(r.d, bookingStart{practitioner: pr, day: r.d.today().AddDays(1), start: 9 * 60,
		patient: data.PatientHit{ID: c.PatientID, ChartNumber: c.ChartNumber, Phone: c.Phone, FamilyName: c.PatientName}},
		func(data.Date) { r.load() })
}

// findSlotFor looks for the first free slot a waitlisted patient fits
// (their practitioner, or every active one) before the day they want,
// and opens its booking.
func (r *remindersScreen) findSlotFor(e data.WaitlistView) {
	prs := []string{e.PractitionerID}
	if e.PractitionerID == "" {
		prs = nil
		for _, p := range r.d.calendar.refs.activePractitioners() {
			prs = append(prs, p.ID)
		}
	}
	minutes := e.DurationMin
	if minutes == 0 {
		minutes = 15
	}
	loc, store := r.d.pr.Location(), r.d.store
	days := max(1, r.d.today().DaysUntil(e.Before))
	q := data.SlotQuery{PractitionerIDs: prs, Minutes: minutes, From: nowFunc(), Days: days}
	background(r.d.do, func() (freeSlot, error) {
		sl, ok, err := store.FirstFreeSlot(context.Background(), q, loc)
		return freeSlot{sl, ok}, err
	}, func(fs freeSlot, err error) {
		switch {
		case err != nil:
			r.d.sayError(err)
		case !fs.found:
			r.d.say(r.d.w.T("calls.no_slot", "Patient", e.PatientName, "Date", e.Before))
		default:
			sl := fs.slot
			openBooking(r.d, bookingStart{practitioner: sl.PractitionerID, day: sl.Day, start: sl.Start, minutes: minutes,
				typeID: e.TypeID, waitlistID: e.ID,
				patient: data.PatientHit{ID: e.PatientID, ChartNumber: e.ChartNumber, Phone: e.Phone, FamilyName: e.PatientName}},
				func(data.Date) { r.load() })
		}
	})
}

// removeFromWaitlist takes a patient off the waitlist after asking once,
// naming them; the entry is kept with the status removed (the write path
// audits it and sync carries it), and their booking is not touched.
func (r *remindersScreen) removeFromWaitlist(e data.WaitlistView) *modal {
	w := r.d.w
	return r.d.confirm(w.T("calls.remove.title"), w.T("calls.remove.question", "Patient", e.PatientName), w.T("common.remove"), func() {
		r.d.write(func(tx *data.Tx) error { return tx.RemoveFromWaitlist(e.ID) }, func(err error) {
			r.d.sayLogged(err)
			r.d.notDone(w.T("calls.remove.what", "Patient", e.PatientName), err)
			r.load()
		}, func() <-chan struct{} {
			r.d.say(w.T("calls.remove.said", "Patient", e.PatientName))
			return r.load()
		})
	})
}

// saveAs writes the reminder calls of the day as PDF or CSV into a folder
// the secretary chooses, recorded in the audit log as they are written.
// The file is named by Frontdesk: Fyne's save dialog creates (and
// empties) the chosen file before handing it over, which would empty even
// the practice's database if it were picked.
func (r *remindersScreen) saveAs(kind string) {
	cl := r.loaded
	name := reminderFileName(cl.Day, kind)
	pick := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			r.d.sayError(err)
			return
		}
		if dir != nil {
			r.saveIn(kind, cl, dir.Path())
		}
	}, r.d.win)
	pick.SetTitleText(r.d.w.T("calls.file.choose_folder", "File", name))
	pick.SetConfirmText(r.d.w.T("calls.file.save_here"))
	pick.Show()
}

func reminderFileName(day data.Date, kind string) string {
	return "reminders-" + day.String() + "." + kind
}

// saveIn writes the calls into dir, asking first when a file of that name
// is there. The channel closes once the file is written or refused (not
// when the question is answered No).
func (r *remindersScreen) saveIn(kind string, cl callLists, dir string) <-chan struct{} {
	name := reminderFileName(cl.Day, kind)
	path := filepath.Join(dir, name)
	done := make(chan struct{})
	if _, err := os.Lstat(path); err == nil {
		w := r.d.w
		r.d.confirm(w.T("calls.file.replace_title"), w.T("calls.file.replace", "File", name, "Folder", dir, "Date", cl.Day),
			w.T("calls.file.replace_verb"), func() { r.write(kind, cl, path, done) })
		return done
	}
	r.write(kind, cl, path, done)
	return done
}

// write writes the file through the one output writer and says truly
// what became of it.
func (r *remindersScreen) write(kind string, cl callLists, path string, done chan struct{}) {
	pr, store, words := r.d.pr, r.d.store, r.d.w
	out := data.Output{Path: path, What: "The reminder calls", Action: "export", Entity: "reminders",
		Detail: "reminder calls of " + cl.Day.String()}
	ch := background(r.d.do, func() (string, error) {
		return store.WriteOutput(context.Background(), out, func(w io.Writer) error {
			if kind == "pdf" {
				return reports.WriteReminders(w, pr, cl.Day, cl.Reminders, words.Localizer, reports.Options{})
			}
			return data.WriteRemindersCSV(w, cl.Reminders)
		})
	}, func(written string, err error) {
		if err != nil {
			r.d.sayError(err)
			return
		}
		r.d.sayWith(words.T("calls.file.saved", "Path", r.d.shownPath(written)),
			words.T("printout.open_folder"), r.d.folderOpener(filepath.Dir(written)))
	})
	closeAfter(ch, done)
}

// rowList is a list of rows of labels in shared columns under a header,
// with buttons at the end of each row.
type rowList struct {
	list    *widget.List
	content fyne.CanvasObject
}

// newRowList makes a list with one button per row.
func newRowList(shares []float32, header []string, length func() int, update func(i int, cells []*widget.Label, b *widget.Button)) *rowList {
	return newRowListN(shares, header, 1, length, func(i int, cells []*widget.Label, bs []*widget.Button) { update(i, cells, bs[0]) })
}

// newRowListN makes a list with n buttons side by side in each row's
// last column.
func newRowListN(shares []float32, header []string, n int, length func() int, update func(i int, cells []*widget.Label, bs []*widget.Button)) *rowList {
	rl := &rowList{}
	rl.list = widget.NewList(length,
		func() fyne.CanvasObject {
			objs := make([]fyne.CanvasObject, len(shares))
			for i := range shares[:len(shares)-1] {
				objs[i] = truncated("")
			}
			bs := make([]fyne.CanvasObject, n)
			for i := range bs {
				bs[i] = widget.NewButton("", nil)
			}
			objs[len(shares)-1] = container.NewGridWithColumns(n, bs...)
			return container.New(&columns{shares: shares}, objs...)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			objs := o.(*fyne.Container).Objects
			cells := make([]*widget.Label, len(objs)-1)
			for i := range cells {
				cells[i] = objs[i].(*widget.Label)
			}
			var bs []*widget.Button
			for _, b := range objs[len(objs)-1].(*fyne.Container).Objects {
				bs = append(bs, b.(*widget.Button))
			}
			update(id, cells, bs)
		})
	heads := make([]fyne.CanvasObject, len(header))
	for i, h := range header {
		heads[i] = quietBold(h)
	}
	head := withBackground(barColour, container.NewBorder(hline(), hline(), nil, nil,
		container.New(layout.NewCustomPaddedLayout(-2, -2, 0, 0), container.New(&columns{shares: shares}, heads...))))
	rl.content = container.NewBorder(head, nil, nil, nil, rl.list)
	return rl
}
