package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// Screen names: the rail's destinations and the screenshot file names.
const (
	screenCalendar = "calendar"
	screenWaiting  = "waiting-room"
	screenCalls    = "reminders" // call lists: reminders, waitlist, recalls
	screenPatients = "patients"
	screenLetters  = "letters"
	screenBilling  = "billing"
	screenReports  = "reports"
	screenSettings = "settings"
	screenUsers    = "users" // Settings → Users (admin), not on the rail
	screenAudit    = "audit" // Settings → Audit log (admin), not on the rail
)

// railOf is the rail's destination that a screen belongs to.
func railOf(name string) string {
	if name == screenUsers || name == screenAudit || name == screenConflicts {
		return screenSettings
	}
	return name
}

// navItems is the rail, top to bottom.
var navItems = []struct {
	name  string
	label i18n.Key
	icon  fyne.Resource
}{
	{screenCalendar, "desk.rail.calendar", theme.CalendarIcon()},
	{screenWaiting, "desk.rail.waiting", theme.HistoryIcon()},
	{screenCalls, "desk.rail.calls", theme.MailReplyIcon()},
	{screenPatients, "desk.rail.patients", theme.AccountIcon()},
	{screenLetters, "desk.rail.letters", theme.MailComposeIcon()},
	{screenBilling, "desk.rail.billing", theme.DocumentIcon()},
	{screenReports, "desk.rail.reports", theme.GridIcon()},
	{screenSettings, "desk.rail.settings", theme.SettingsIcon()},
}

// screen is one destination of the rail.
type screen interface {
	// view returns the screen's content; it is built once.
	view() fyne.CanvasObject
	// shown is called on the UI goroutine whenever the screen becomes the
	// visible one. It starts the screen's background load and returns a
	// channel that is closed once the loaded data is on the widgets (at
	// once for screens that load nothing).
	shown() <-chan struct{}
}

// desk is the main window's content: rail, top bar, status line and the
// current screen. Every field is owned by the UI goroutine; background
// loads copy what they need before they start and come back through do.
type desk struct {
	win   fyne.Window
	store *data.Store
	opts  Options
	// do runs f on the UI goroutine: fyne.Do in the application, a queue
	// that the test goroutine drains in tests.
	do func(f func())
	pr data.Practice
	// w is the desk's language, with the practice's date order.
	w words

	practiceName *widget.Label
	search       *deskEntry
	message      *widget.Label
	action       *widget.Hyperlink // beside the message: "Open folder"; a link keeps the line's height
	status       *fyne.Container   // the status line's row, laid out again when action comes or goes
	rail         map[string]*widget.Button
	center       *fyne.Container
	root         fyne.CanvasObject

	screens  map[string]screen
	current  string
	calendar *calendarScreen
	patients *patientsScreen
	settings *settingsScreen
	help     *modal // Help → Keyboard shortcuts, while open

	// user is who signed in; autoSignedIn marks the demo's automatic
	// sign-in. userLabel, in the top bar, names them.
	user         data.User
	autoSignedIn bool
	userLabel    *widget.Label
	lockBtn      *widget.Button
	// onLock locks the desk (the shell's); locked is true while it is,
	// and keeps the window's keys from reaching the hidden desk.
	onLock func()
	locked bool
	sensor *activitySensor
	// The billing dialogs opened last, for tests and screenshot mode.
	lastInvoice *invoiceForm
	lastPayment *paymentForm

	backups *backupCenter
	sync    *syncCenter
	// reopened takes over from a desk whose practice was replaced by a
	// restore: the shell builds a new desk on the new store.
	reopened func(s *data.Store) *desk
	// whenNextOpens has the next desk the shell opens (after signing in
	// to a restored practice) run f.
	whenNextOpens func(f func(*desk))
}

func newDesk(w fyne.Window, s *data.Store, pr data.Practice, opts Options, do func(func())) *desk {
	lang, _ := i18n.ParseLang(opts.Lang)
	d := &desk{win: w, store: s, opts: opts, do: do, pr: pr, rail: map[string]*widget.Button{}, w: newWords(lang, pr.DateFormat)}
	d.backups = newBackupCenter(d)
	d.sync = newSyncCenter(d)
	d.calendar = newCalendarScreen(d)
	d.patients = newPatientsScreen(d)
	d.settings = newSettingsScreen(d)
	d.screens = map[string]screen{
		screenCalendar:  d.calendar,
		screenWaiting:   newWaitingScreen(d),
		screenCalls:     newRemindersScreen(d),
		screenPatients:  d.patients,
		screenLetters:   newLettersScreen(d),
		screenBilling:   newBillingScreen(d),
		screenReports:   newReportsScreen(d),
		screenSettings:  d.settings,
		screenUsers:     newUsersScreen(d),
		screenAudit:     newAuditScreen(d),
		screenConflicts: newConflictsScreen(d),
	}
	// The objects' order is the order of Tab: from the search in the top
	// bar into the screen (its results), the rail last.
	top, status, rail := d.topBar(), d.statusLine(), d.railView()
	// The sensor, under everything, hears the mouse for the idle lock.
	d.sensor = newActivitySensor(nil)
	d.root = container.NewStack(d.sensor, container.New(layout.NewBorderLayout(top, status, rail, nil), top, d.centerView(), status, rail))
	d.installKeys()
	d.setTitle()
	d.backups.reload()
	d.sync.reload()
	return d
}

// watchOpeningCheck starts the store's check of the database (Run calls it
// after the first frame, so that reading the whole file does not delay
// it) and says in the status line what the check found, when it found
// something. Saving waits for the check, and fails with the same words.
func (d *desk) watchOpeningCheck() {
	verified := d.store.Verified()
	go func() {
		if err := <-verified; err != nil {
			d.do(func() { d.sayError(err) })
		}
	}()
}

func (d *desk) centerView() fyne.CanvasObject {
	d.center = container.NewStack()
	return d.center
}

func (d *desk) railView() fyne.CanvasObject {
	box := container.NewVBox()
	for _, it := range navItems {
		name := it.name
		b := widget.NewButtonWithIcon(d.w.T(it.label), it.icon, func() {
			d.show(name)
			d.focusScreen()
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		d.rail[name] = b
		box.Add(b)
	}
	pad := container.New(layout.NewCustomPaddedLayout(6, 6, 6, 6), box)
	return container.New(row0{}, withBackground(railColour, container.New(&fixedWidth{w: 148}, pad)), vline())
}

func (d *desk) topBar() fyne.CanvasObject {
	d.practiceName = bold(d.pr.Name)
	d.practiceName.Truncation = fyne.TextTruncateEllipsis
	var left fyne.CanvasObject = d.practiceName
	var demo *widget.Label
	if d.opts.Demo {
		demo = widget.NewLabel(d.w.T("desk.demo"))
		demo.Importance = widget.WarningImportance
		demo.TextStyle.Italic = true
		left = container.NewBorder(nil, nil, nil, demo, d.practiceName)
	}
	leftWidth := func() float32 {
		w := fyne.MeasureText(d.practiceName.Text, theme.TextSize(), d.practiceName.TextStyle).Width + 2*theme.InnerPadding() + 2
		if demo != nil {
			w += demo.MinSize().Width + theme.Padding()
		}
		return w
	}
	d.search = newDeskEntry(d.focusSearch)
	d.search.SetPlaceHolder(d.w.T("desk.search.placeholder", "Key", shortcutText(d.w, findShortcut)))
	d.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	d.search.OnChanged = d.searchChanged
	d.search.onEscape = func() { d.search.SetText("") }
	d.search.onKey = func(k *fyne.KeyEvent) bool { return d.patients.searchKey(k) }
	d.userLabel = widget.NewLabel(d.store.User())
	d.lockBtn = widget.NewButtonWithIcon(d.w.T("desk.lock"), theme.VisibilityOffIcon(), func() { d.lock() })
	d.lockBtn.Importance = widget.LowImportance
	user := container.NewHBox(widget.NewIcon(theme.AccountIcon()), d.userLabel, d.lockBtn)
	bar := container.New(&topBarLayout{searchWidth: 440, leftWidth: leftWidth, rightFirst: true}, left, user, d.search)
	padded := container.New(layout.NewCustomPaddedLayout(4, 4, 10, 10), bar)
	return container.New(col0{}, withBackground(barColour, padded), hline())
}

func (d *desk) statusLine() fyne.CanvasObject {
	d.message = quiet(d.ready())
	d.message.Truncation = fyne.TextTruncateEllipsis
	d.action = widget.NewHyperlink("", nil)
	d.action.Hide()
	help := widget.NewButtonWithIcon(d.w.T("desk.status.keys", "Key", keyName(d.w, fyne.KeyF1)), theme.HelpIcon(), func() { d.showHelp() })
	help.Importance = widget.LowImportance
	d.status = container.NewBorder(nil, nil, nil, container.NewHBox(d.action, d.sync.view(), d.backups.view(), help), d.message)
	padded := container.New(layout.NewCustomPaddedLayout(-4, -4, 10, 10), d.status)
	return container.New(col0{}, hline(), withBackground(barColour, padded))
}

// ready is the status line when there is nothing to say.
func (d *desk) ready() string { return d.w.T("desk.status.ready") }

// say shows a message in the status line.
func (d *desk) say(msg string) {
	d.sayWith(msg, "", nil)
}

// sayWith shows a message with a button that acts on it ("Open folder").
func (d *desk) sayWith(msg, label string, act func()) {
	setText(d.message, msg, widget.LowImportance)
	d.setAction(label, act)
}

// sayError shows a failure in the status line, in words.
func (d *desk) sayError(err error) {
	d.opts.logf("ui: %v", err)
	setText(d.message, d.w.Error(err), widget.DangerImportance)
	d.setAction("", nil)
}

func (d *desk) setAction(label string, act func()) {
	if act == nil {
		if d.action.Visible() {
			d.action.Hide()
			d.status.Refresh()
		}
		return
	}
	d.action.OnTapped = act
	d.action.SetText(label)
	d.action.Show()
	d.status.Refresh()
}

// show makes a screen the visible one and returns the channel of its
// load (see screen.shown).
func (d *desk) show(name string) <-chan struct{} {
	sc, ok := d.screens[name]
	if !ok {
		return closed()
	}
	if d.current != name {
		if old, ok := d.rail[railOf(d.current)]; ok {
			old.Importance = widget.LowImportance
			old.Refresh()
		}
		b := d.rail[railOf(name)]
		b.Importance = widget.HighImportance
		b.Refresh()
		d.current = name
		d.say(d.ready()) // a message belongs to the screen it was said on
		d.center.Objects = []fyne.CanvasObject{sc.view()}
		d.center.Refresh()
	}
	return sc.shown()
}

// focuser is a screen with a widget that takes the focus when the screen
// is chosen on the rail, so that its keys work at once.
type focuser interface {
	focusTarget() fyne.Focusable
}

// focusScreen gives the focus to the current screen's widget, if it has one.
func (d *desk) focusScreen() {
	if f, ok := d.screens[d.current].(focuser); ok {
		if t := f.focusTarget(); t != nil {
			d.win.Canvas().Focus(t)
		}
	}
}

// focusSearch puts the cursor in the patient search, its text selected so
// that typing replaces it.
func (d *desk) focusSearch() {
	d.win.Canvas().Focus(d.search)
	d.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// searchChanged runs on every keystroke in the top bar's search: the
// results appear on the Patients screen.
func (d *desk) searchChanged(q string) {
	d.patients.query = q
	d.patients.openFirst = false // Enter from now on means these results
	if d.current != screenPatients {
		d.show(screenPatients)
		return
	}
	d.patients.searchSoon()
}

// typeInSearch goes back to the search field with a letter typed while
// its results had the focus, as if it had been typed there.
func (d *desk) typeInSearch(r rune) {
	d.win.Canvas().Focus(d.search)
	d.search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	d.search.TypedRune(r)
}

// setPractice takes saved settings into use everywhere.
func (d *desk) setPractice(pr data.Practice) {
	d.pr = pr
	d.w = newWords(d.w.Lang(), pr.DateFormat)
	d.practiceName.SetText(pr.Name)
	d.setTitle()
}

func (d *desk) setTitle() {
	d.win.SetTitle(windowTitle(d.w, d.pr.Name, d.opts.Demo))
}

// windowTitle is "Frontdesk — Cabinet Martin", with the demo marked.
func windowTitle(w words, practice string, demo bool) string {
	t := "Frontdesk"
	if demo {
		t += " — " + w.T("desk.demo")
	}
	if practice != "" {
		t += " — " + practice
	}
	return t
}

// today is the practice's today, on the practice clock.
func (d *desk) today() data.Date {
	return data.DateOf(nowFunc().In(d.pr.Location()))
}

// closed returns a channel that is already closed.
func closed() <-chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

func (o Options) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}
