package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// auditPageSize is how many rows of the log one page shows (tests turn
// pages of a few).
var auditPageSize = 200

// auditActionNames are the actions as the audit screen names them.
var auditActionNames = map[string]i18n.Key{
	"read":           "audit.action.read",
	"create":         "audit.action.create",
	"update":         "audit.action.update",
	"delete":         "audit.action.delete",
	"print":          "audit.action.print",
	"export":         "audit.action.export",
	"import":         "audit.action.import",
	"merge":          "audit.action.merge",
	"unmerge":        "audit.action.unmerge",
	"sign_in":        "audit.action.sign_in",
	"sign_in_failed": "audit.action.sign_in_failed",
	"sign_out":       "audit.action.sign_out",
	"lock":           "audit.action.lock",
	"unlock":         "audit.action.unlock",
	"break_glass":    "audit.action.break_glass",
	// Settings → Sync
	"sync_folder":           "audit.action.sync_folder",
	"sync_folder_forgotten": "audit.action.sync_folder_forgotten",
	"sync_passphrase":       "audit.action.sync_passphrase",
}

// actionName names an audit action; one the screen does not know (a
// later part of the program's) as the log writes it.
func (w words) actionName(a string) string {
	if k, ok := auditActionNames[a]; ok {
		return w.T(k)
	}
	return a
}

// auditWhen writes an audit row's time on the practice clock.
func auditWhen(w words, at string, loc *time.Location) string {
	t, err := time.Parse("2006-01-02T15:04:05.000Z", at)
	if err != nil {
		return at
	}
	t = t.In(loc)
	return w.Day(data.DateOf(t)) + " " + t.Format("15:04:05")
}

// auditQuery is what the screen asks the log: the filter as typed and
// the page. It is the loader's key, so a page for another filter never
// lands on the screen.
type auditQuery struct {
	chart, user, action, from, to string
	page                          int
}

// auditResult is a loaded page, with the filter's patient.
type auditResult struct {
	page    data.AuditPage
	patient data.Patient
	choices data.AuditChoices
}

// auditScreen is Settings → Audit log, for administrators: every opening
// of a patient file, change, print, export, sign-in (failed ones too),
// lock and break-the-glass, newest first, a page at a time, filtered by
// patient, user, action and dates, exported to CSV.
type auditScreen struct {
	d     *desk
	loads *loader[auditQuery, auditResult]
	query auditQuery
	// cursors[i] is where page i starts (cursors[0] is the newest row).
	cursors []data.AuditCursor

	chart, from, to     *deskEntry
	user, action        *deskSelect
	users, actions      []string // the choices' values, "" for all
	apply, clear, glass *widget.Button
	older, newer        *widget.Button
	export              *widget.Button
	pageLabel, problem  *widget.Label
	list                *widget.List
	rows                []data.AuditEntry
	content             fyne.CanvasObject
	// loaded is what is on the widgets (tests).
	loaded auditResult
}

var auditShares = []float32{0.15, 0.11, 0.14, 0.2, 0.4}

func newAuditScreen(d *desk) *auditScreen {
	a := &auditScreen{d: d, cursors: []data.AuditCursor{{}}}
	w := d.w
	a.loads = newLoader[auditQuery, auditResult](d, func() auditQuery { return a.query })
	a.loads.failed = func(err error) { setText(a.problem, w.Error(err), widget.DangerImportance) }
	a.chart = newDeskEntry(d.focusSearch)
	a.chart.SetPlaceHolder(w.T("audit.placeholder.chart"))
	a.from, a.to = newDeskEntry(d.focusSearch), newDeskEntry(d.focusSearch)
	a.from.SetPlaceHolder(d.pr.DateFormat.Example())
	a.to.SetPlaceHolder(d.pr.DateFormat.Example())
	for _, e := range []*deskEntry{a.chart, a.from, a.to} {
		e.onSubmit = func() { a.search() }
	}
	a.users, a.actions = []string{""}, []string{""}
	a.user = newDeskSelect([]string{w.T("audit.all_users")}, nil)
	a.action = newDeskSelect([]string{w.T("audit.all_actions")}, nil)
	a.user.SetSelectedIndex(0)
	a.action.SetSelectedIndex(0)
	a.apply = widget.NewButtonWithIcon(w.T("audit.apply"), theme.SearchIcon(), func() { a.search() })
	a.apply.Importance = widget.HighImportance
	a.clear = widget.NewButton(w.T("audit.clear"), func() { a.clearFilter() })
	a.glass = widget.NewButton(w.T("audit.only_glass"), func() {
		a.setChoice(a.action, a.actions, "break_glass")
		a.search()
	})
	a.older = widget.NewButtonWithIcon(w.T("audit.older"), theme.NavigateNextIcon(), func() { a.turn(1) })
	a.newer = widget.NewButtonWithIcon(w.T("audit.newer"), theme.NavigateBackIcon(), func() { a.turn(-1) })
	a.older.Disable()
	a.newer.Disable()
	a.export = widget.NewButtonWithIcon(w.T("audit.export"), theme.DownloadIcon(), func() { a.chooseFolder() })
	a.pageLabel = quiet("")
	a.problem = widget.NewLabel("")
	a.problem.Truncation = fyne.TextTruncateEllipsis
	a.list = widget.NewList(func() int { return len(a.rows) },
		func() fyne.CanvasObject {
			cells := make([]fyne.CanvasObject, len(auditShares))
			for i := range cells {
				cells[i] = truncated("")
			}
			return container.New(&columns{shares: auditShares}, cells...)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(a.rows) {
				return
			}
			e := a.rows[id]
			cells := o.(*fyne.Container).Objects
			imp := widget.MediumImportance
			if e.Action == "sign_in_failed" || e.Action == "break_glass" {
				imp = widget.WarningImportance
			}
			for i, text := range []string{auditWhen(d.w, e.At, d.pr.Location()), e.User, d.w.actionName(e.Action),
				e.Entity + prefixed(" ", shortID(e.EntityID), ""), e.Detail} {
				l := cells[i].(*widget.Label)
				l.Importance = imp
				l.SetText(text)
			}
		})
	back := widget.NewButtonWithIcon(w.T("users.back"), theme.NavigateBackIcon(), func() { d.show(screenSettings) })
	back.Importance = widget.LowImportance
	field := func(label string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(quietBold(label), o)
	}
	filters := container.New(&columns{shares: []float32{0.16, 0.18, 0.2, 0.13, 0.13, 0.2}},
		field(w.T("audit.filter.patient"), a.chart), field(w.T("audit.filter.user"), a.user),
		field(w.T("audit.filter.action"), a.action), field(w.T("audit.filter.from"), a.from),
		field(w.T("audit.filter.to"), a.to), field(" ", container.NewHBox(a.apply, a.clear)))
	heads := make([]fyne.CanvasObject, len(auditShares))
	for i, k := range []i18n.Key{"audit.column.when", "audit.column.user", "audit.column.action", "audit.column.record", "audit.column.detail"} {
		heads[i] = quietBold(w.T(k))
	}
	head := withBackground(barColour, container.NewBorder(hline(), hline(), nil, nil, container.New(&columns{shares: auditShares}, heads...)))
	top := container.NewVBox(
		container.NewBorder(nil, nil, back, container.NewHBox(a.glass, a.export), heading(w.T("audit.heading"))),
		filters,
		container.NewBorder(nil, nil, nil, container.NewHBox(a.pageLabel, a.newer, a.older), a.problem),
		head)
	a.content = container.New(layout.NewCustomPaddedLayout(6, 6, 10, 14), container.NewBorder(top, nil, nil, nil, a.list))
	if !d.can(data.RightAudit) {
		a.content = container.New(layout.NewCustomPaddedLayout(6, 6, 10, 14), container.NewVBox(heading(w.T("audit.heading")),
			paragraph(w.Error(data.NewError(data.EForbidden, "access.forbidden", "Right", data.RightLabel(data.RightAudit))))))
	}
	return a
}

// shortID is the end of a UUID, enough to tell rows apart on screen.
func shortID(id string) string {
	if len(id) > 8 {
		return "…" + id[len(id)-8:]
	}
	return id
}

func (a *auditScreen) view() fyne.CanvasObject { return a.content }

func (a *auditScreen) shown() <-chan struct{} {
	if !a.d.can(data.RightAudit) {
		return closed()
	}
	return a.load()
}

// setChoice selects value in a filter's drop-down, adding it when the
// log has not shown it yet.
func (a *auditScreen) setChoice(s *deskSelect, values []string, value string) {
	for i, v := range values {
		if v == value {
			s.SetSelectedIndex(i)
			return
		}
	}
}

// filterOf reads the filter fields; a date that is not one is a problem.
func (a *auditScreen) filterOf() (auditQuery, error) {
	q := auditQuery{chart: strings.TrimSpace(a.chart.Text), from: strings.TrimSpace(a.from.Text), to: strings.TrimSpace(a.to.Text)}
	if i := a.user.SelectedIndex(); i > 0 {
		q.user = a.users[i]
	}
	if i := a.action.SelectedIndex(); i > 0 {
		q.action = a.actions[i]
	}
	var ps data.Problems
	for _, d := range []struct {
		text  string
		label i18n.Key
	}{{q.from, "audit.filter.from"}, {q.to, "audit.filter.to"}} {
		if d.text == "" {
			continue
		}
		if _, err := a.d.pr.DateFormat.Parse(d.text); err != nil {
			ps.ReportErr("", d.label, err)
		}
	}
	return q, ps.Err()
}

// search applies the filter from its first page.
func (a *auditScreen) search() <-chan struct{} {
	q, err := a.filterOf()
	if err != nil {
		setText(a.problem, a.d.w.Error(err), widget.DangerImportance)
		return closed()
	}
	a.query = q
	a.cursors = []data.AuditCursor{{}}
	return a.load()
}

func (a *auditScreen) clearFilter() <-chan struct{} {
	for _, e := range []*deskEntry{a.chart, a.from, a.to} {
		e.SetText("")
	}
	a.user.SetSelectedIndex(0)
	a.action.SetSelectedIndex(0)
	return a.search()
}

// turn goes to the older (1) or newer (-1) page.
func (a *auditScreen) turn(step int) <-chan struct{} {
	n := a.query.page + step
	if n < 0 || n >= len(a.cursors) {
		return closed()
	}
	a.query.page = n
	return a.load()
}

// load reads the page of the query on show, off the UI goroutine.
func (a *auditScreen) load() <-chan struct{} {
	q, store, pr := a.query, a.d.store, a.d.pr
	after := a.cursors[q.page]
	setText(a.problem, a.d.w.T("audit.loading"), widget.LowImportance)
	return a.loads.load(q, func(ctx context.Context) (auditResult, error) {
		var r auditResult
		f, err := q.filter(ctx, store, pr, &r.patient)
		if err != nil {
			return r, err
		}
		if r.page, err = store.AuditLog(ctx, f, after, auditPageSize); err != nil {
			return r, err
		}
		r.choices, err = store.AuditChoicesOf(ctx)
		return r, err
	}, a.applyPage)
}

// filter turns the typed filter into the log's, finding the patient by
// chart number.
func (q auditQuery) filter(ctx context.Context, s *data.Store, pr data.Practice, patient *data.Patient) (data.AuditFilter, error) {
	f := data.AuditFilter{User: q.user, Action: q.action, Loc: pr.Location()}
	var err error
	if q.chart != "" {
		if *patient, err = s.PatientByChart(ctx, q.chart); err != nil {
			return f, err
		}
		f.PatientID = patient.ID
	}
	if q.from != "" {
		if f.From, err = pr.DateFormat.Parse(q.from); err != nil {
			return f, err
		}
	}
	if q.to != "" {
		if f.To, err = pr.DateFormat.Parse(q.to); err != nil {
			return f, err
		}
	}
	return f, nil
}

func (a *auditScreen) applyPage(r auditResult) {
	w := a.d.w
	a.loaded = r
	a.rows = r.page.Entries
	a.list.Refresh()
	a.list.ScrollToTop()
	if r.page.More && len(a.cursors) == a.query.page+1 {
		a.cursors = append(a.cursors, r.page.Next)
	}
	a.refreshChoices(r.choices)
	if a.query.page+1 < len(a.cursors) {
		a.older.Enable()
	} else {
		a.older.Disable()
	}
	if a.query.page > 0 {
		a.newer.Enable()
	} else {
		a.newer.Disable()
	}
	a.pageLabel.SetText(w.T("audit.page", "Page", a.query.page+1))
	switch {
	case len(a.rows) == 0:
		setText(a.problem, w.T("audit.none"), widget.LowImportance)
	case r.patient.ID != "":
		setText(a.problem, w.T("audit.about_patient", "Name", r.patient.FullName(), "Chart", r.patient.ChartNumber), widget.LowImportance)
	default:
		setText(a.problem, "", widget.LowImportance)
	}
}

// refreshChoices offers the users and actions the log holds, keeping
// what is chosen.
func (a *auditScreen) refreshChoices(c data.AuditChoices) {
	w := a.d.w
	user, action := a.query.user, a.query.action
	a.users = append([]string{""}, c.Users...)
	names := []string{w.T("audit.all_users")}
	names = append(names, c.Users...)
	a.user.Options = names
	acts := map[string]bool{}
	a.actions = []string{""}
	for _, x := range append(append([]string{}, data.AuditActionsKnown...), c.Actions...) {
		if !acts[x] {
			acts[x] = true
			a.actions = append(a.actions, x)
		}
	}
	labels := []string{w.T("audit.all_actions")}
	for _, x := range a.actions[1:] {
		labels = append(labels, w.actionName(x))
	}
	a.action.Options = labels
	a.user.SetSelectedIndex(0)
	a.action.SetSelectedIndex(0)
	a.setChoice(a.user, a.users, user)
	a.setChoice(a.action, a.actions, action)
}

// chooseFolder asks where to save the export of the rows the filter
// chooses (all pages).
func (a *auditScreen) chooseFolder() {
	pick := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			a.d.sayError(err)
			return
		}
		if dir != nil {
			a.exportTo(dir.Path())
		}
	}, a.d.win)
	pick.SetConfirmText(a.d.w.T("audit.save_here"))
	pick.Show()
}

// exportTo writes the export into dir through the one output writer,
// which records it in the log; an existing file of that name is kept
// and the export gets the next free name.
func (a *auditScreen) exportTo(dir string) <-chan struct{} {
	q, store, pr, w := a.query, a.d.store, a.d.pr, a.d.w
	name := "audit-" + data.DateOf(nowFunc().In(pr.Location())).String()
	path := filepath.Join(dir, name+".csv")
	for i := 2; ; i++ {
		if _, err := os.Lstat(path); err != nil {
			break
		}
		path = filepath.Join(dir, name+"-"+strconv.Itoa(i)+".csv")
	}
	return background(a.d.do, func() (string, error) {
		ctx := context.Background()
		var p data.Patient
		f, err := q.filter(ctx, store, pr, &p)
		if err != nil {
			return "", err
		}
		return store.WriteOutput(ctx, data.Output{Path: path, What: "The audit export", Action: "export", Entity: "audit_log",
			Detail: "exported the audit log" + q.describe()}, func(out io.Writer) error { return store.ExportAudit(ctx, out, f) })
	}, func(written string, err error) {
		if err != nil {
			a.d.sayError(err)
			return
		}
		a.d.sayWith(w.T("audit.exported", "Path", a.d.shownPath(written)), w.T("audit.open_folder"), a.d.folderOpener(filepath.Dir(written)))
	})
}

// describe writes the filter for the export's audit row.
func (q auditQuery) describe() string {
	var parts []string
	for _, p := range [][2]string{{"chart", q.chart}, {"user", q.user}, {"action", q.action}, {"from", q.from}, {"to", q.to}} {
		if p[1] != "" {
			parts = append(parts, p[0]+" "+p[1])
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
