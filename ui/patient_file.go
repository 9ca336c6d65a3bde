package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/reports"
)

// patientSummary is the heading line under a patient's name:
// "Chart A-000123 · Female · born 25/05/1989 (36 y)".
func patientSummary(w words, pt data.Patient, today data.Date) string {
	parts := []string{w.T("patient_file.chart", "Chart", pt.ChartNumber), reports.SexName(w.Localizer, pt.Sex)}
	if pt.GenderIdentity != "" {
		parts = append(parts, pt.GenderIdentity)
	}
	if !pt.BirthDate.IsZero() {
		born := w.T("patient_file.born", "Date", pt.BirthDate)
		if age := ageIn(w, pt.BirthDate, today); age != "" && pt.DeceasedDate.IsZero() {
			born = w.T("patient_file.born_age", "Date", pt.BirthDate, "Age", age)
		}
		parts = append(parts, born)
	}
	if !pt.DeceasedDate.IsZero() {
		parts = append(parts, w.T("patient_file.died", "Date", pt.DeceasedDate))
	}
	if pt.Phone != "" {
		parts = append(parts, pt.Phone)
	}
	return strings.Join(parts, " · ")
}

// File tabs, in order (DESIGN §8).
const (
	tabSummary = iota
	tabAppointments
	tabClinical
	tabLetters
	tabBilling
	tabAttachments
)

// fileTab is a tab of the patient file that loads its own data in the
// background when it is selected.
type fileTab interface {
	view() fyne.CanvasObject
	// load reads the tab's data for the patient and returns a channel
	// closed once it is on the widgets (or overtaken).
	load(patientID string) <-chan struct{}
}

// patientFile is the patient's file in the main area: a header with the
// name and the actions, the allergy banner (on every tab), and the tabs.
// Opening a file is a read of patient data, so it is recorded in the
// audit log; a file whose read could not be recorded is not shown.
type patientFile struct {
	d      *desk
	onBack func()
	id     string // the patient on show, "" when none
	loads  *loader[string, data.PatientFile]
	body   *fyne.Container
	// patient and loaded are what is on show, for the tabs and tests.
	patient data.Patient
	loaded  data.PatientFile

	name, sub           *widget.Label
	backBtn, editBtn    *widget.Button
	printBtn, mergeBtn  *widget.Button
	bookBtn             *widget.Button
	banner              *allergyBannerView
	notice              *fyne.Container // merged / merges to undo or confirm
	tabs                *container.AppTabs
	summary             *summaryTab
	appts               *appointmentsTab
	clinical            *clinicalTab
	billing             *billingTab
	attach              *attachmentsTab
	letters             *lettersTab
	tabLoaded           map[int]string // tab → patient whose data it shows
	tabLoading          map[int]<-chan struct{}
	fileView, emptyView fyne.CanvasObject
	form                *patientForm // the edit or new form, while shown
	content             fyne.CanvasObject
	// glass stands in the clinical tabs for a user who may not see them,
	// in front of the tabs' own views (patient_access.go).
	glass    map[int]*glassPanel
	tabViews map[int]fyne.CanvasObject
}

func newPatientFile(d *desk, onBack func()) *patientFile {
	f := &patientFile{d: d, onBack: onBack, tabLoaded: map[int]string{}, tabLoading: map[int]<-chan struct{}{}}
	f.loads = newLoader[string, data.PatientFile](d, func() string { return f.id })
	f.loads.failed = f.failed
	w := d.w
	f.name = heading("")
	f.name.Truncation = fyne.TextTruncateEllipsis
	f.sub = quiet("")
	f.sub.Truncation = fyne.TextTruncateEllipsis
	f.backBtn = widget.NewButtonWithIcon(w.T("patient_file.results"), theme.NavigateBackIcon(), func() { f.onBack() })
	f.backBtn.Importance = widget.LowImportance
	f.editBtn = widget.NewButtonWithIcon(w.T("patient_file.edit"), theme.DocumentCreateIcon(), func() { f.startEdit() })
	f.printBtn = widget.NewButtonWithIcon(w.T("patient_file.print"), theme.DocumentPrintIcon(), func() { f.printSummary() })
	f.mergeBtn = widget.NewButtonWithIcon(w.T("patient_file.merge"), theme.ContentCopyIcon(), func() { f.startMerge() })
	f.bookBtn = f.bookButton()
	f.banner = newAllergyBannerView(w)
	f.notice = container.NewVBox()
	f.summary = newSummaryTab(f)
	f.appts = newAppointmentsTab(f)
	f.clinical = newClinicalTab(f)
	f.billing = newBillingTab(f)
	f.attach = newAttachmentsTab(f)
	f.glass = map[int]*glassPanel{tabClinical: newGlassPanel(f), tabAttachments: newGlassPanel(f)}
	f.tabViews = map[int]fyne.CanvasObject{tabClinical: f.clinical.view(), tabAttachments: f.attach.view()}
	guarded := func(i int) fyne.CanvasObject {
		f.glass[i].content.Hide()
		return container.NewStack(f.tabViews[i], f.glass[i].content)
	}
	f.letters = newLettersTab(f)
	f.tabs = container.NewAppTabs(
		container.NewTabItem(w.T("patient_file.tab.summary"), f.summary.view()),
		container.NewTabItem(w.T("patient_file.tab.appointments"), f.appts.view()),
		container.NewTabItem(w.T("patient_file.tab.clinical"), guarded(tabClinical)),
		container.NewTabItem(w.T("patient_file.tab.letters"), f.letters.view()),
		container.NewTabItem(w.T("patient_file.tab.billing"), f.billing.view()),
		container.NewTabItem(w.T("patient_file.tab.attachments"), guarded(tabAttachments)),
	)
	f.tabs.OnSelected = func(*container.TabItem) { f.loadTab(f.tabs.SelectedIndex()) }
	// Merging is rare and weighty: it sits furthest from the corner where
	// the list has New patient, which a quick second click would hit; the
	// everyday actions, Edit and Book, take that side.
	f.mergeBtn.Importance = widget.LowImportance
	actions := container.NewHBox(f.mergeBtn, f.printBtn, f.editBtn, f.bookBtn)
	head := container.NewBorder(nil, nil, f.backBtn, actions, container.NewVBox(f.name))
	top := container.NewVBox(head, container.New(layout.NewCustomPaddedLayout(-8, 0, 0, 0), f.sub), f.banner, f.notice)
	f.fileView = container.NewBorder(container.New(layout.NewCustomPaddedLayout(4, 0, 10, 10), top), nil, nil, nil, f.tabs)
	f.emptyView = container.New(layout.NewCustomPaddedLayout(10, 10, 12, 12), container.NewVBox(
		subheading(w.T("patient_file.heading")),
		paragraph(w.T("patient_file.empty"))))
	f.body = container.NewStack(f.emptyView)
	f.content = f.body
	return f
}

func (f *patientFile) view() fyne.CanvasObject { return f.content }

// backLabel names the way back from the list to what the file area
// holds: the file on show, or a new patient's form being filled in; ""
// when it holds nothing to go back to.
func (f *patientFile) backLabel() string {
	switch {
	case f.form != nil && f.form.base.ID == "":
		return f.d.w.T("patients.back.new_form")
	case f.id == "":
		return ""
	case f.patient.ID != f.id:
		return f.d.w.T("patients.back.file")
	}
	return f.d.w.T("patients.back.to", "Name", listName(f.patient.FamilyName, f.patient.GivenName))
}

func (f *patientFile) setBody(o fyne.CanvasObject) {
	f.body.Objects = []fyne.CanvasObject{o}
	f.body.Refresh()
}

// open reads a patient's summary, records the read, and shows the file
// on its Summary tab; the other tabs load when they are chosen.
func (f *patientFile) open(id string) <-chan struct{} {
	f.id = id
	f.form = nil
	f.tabLoaded = map[int]string{}
	f.tabLoading = map[int]<-chan struct{}{}
	f.setBody(container.New(layout.NewCustomPaddedLayout(10, 10, 12, 12), container.NewVBox(quiet(f.d.w.T("patient_file.opening")))))
	return f.loadSummary(true)
}

// reload reads the summary again after a change made from the file; it
// is not a new opening, so it is not audited again (the change is).
func (f *patientFile) reload() <-chan struct{} {
	if f.id == "" {
		return closed()
	}
	return f.loadSummary(false)
}

func (f *patientFile) loadSummary(audit bool) <-chan struct{} {
	id, store := f.id, f.d.store
	return f.loads.loadThen(id, func(context.Context) (data.PatientFile, error) {
		// Not cancelled when overtaken: a read that reached the audit log
		// stays recorded even if the secretary has moved on.
		ctx := context.Background()
		pf, err := store.LoadPatientFile(ctx, id, nowFunc())
		if err == nil && audit {
			err = store.AuditRead(ctx, "read", "patients", id, "opened the file")
		}
		return pf, err
	}, func(pf data.PatientFile) <-chan struct{} { return f.apply(pf, audit) })
}

// failed says in place of the file why it was not opened.
func (f *patientFile) failed(err error) {
	w := f.d.w
	msg := widget.NewLabel(hardWrap(w.T("patient_file.not_opened", "Why", w.Error(err)), 90))
	msg.Importance = widget.DangerImportance
	f.setBody(container.New(layout.NewCustomPaddedLayout(10, 10, 12, 12), container.NewVBox(subheading(w.T("patient_file.heading")), msg,
		container.NewHBox(widget.NewButtonWithIcon(w.T("patient_file.results"), theme.NavigateBackIcon(), func() { f.onBack() })))))
}

// apply shows a loaded summary. After a change (not opened), the tab on
// show is read again too; the returned channel is closed when it is.
func (f *patientFile) apply(pf data.PatientFile, opened bool) <-chan struct{} {
	pt := pf.Patient
	f.patient, f.loaded = pt, pf
	f.name.SetText(listName(pt.FamilyName, pt.GivenName) + prefixed("  “", pt.PreferredName, "”"))
	f.sub.SetText(patientSummary(f.d.w, pt, f.d.today()))
	f.banner.set(pf.Allergies)
	f.showNotice(pf)
	merged := pt.MergedInto != ""
	for _, b := range []*widget.Button{f.editBtn, f.mergeBtn, f.bookBtn} {
		if merged {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	f.summary.apply(pf)
	f.summary.hideSections(pf)
	f.applyAccess(pf)
	f.tabLoaded[tabSummary] = pt.ID
	f.setBody(f.fileView)
	if opened {
		f.tabs.SelectIndex(tabSummary)
		f.d.say(f.d.w.T("patient_file.said_opened", "Name", pt.FullName(), "Chart", pt.ChartNumber))
	} else if i := f.tabs.SelectedIndex(); i != tabSummary {
		delete(f.tabLoaded, i)
		return f.loadTab(i)
	}
	return closed()
}

// prefixed wraps s in before/after, or gives "" for an empty s.
func prefixed(before, s, after string) string {
	if s == "" {
		return ""
	}
	return before + s + after
}

// loadTab loads a tab's data when it is shown for this patient the
// first time since the file was opened.
func (f *patientFile) loadTab(i int) <-chan struct{} {
	if f.id == "" {
		return closed()
	}
	if !f.guardTab(i) {
		delete(f.tabLoaded, i) // loaded once the glass is broken
		return closed()
	}
	if f.tabLoaded[i] == f.id {
		if ch, ok := f.tabLoading[i]; ok {
			return ch // the load under way, or done
		}
		return closed()
	}
	var t fileTab
	switch i {
	case tabAppointments:
		t = f.appts
	case tabClinical:
		t = f.clinical
	case tabBilling:
		t = f.billing
	case tabAttachments:
		t = f.attach
	case tabLetters:
		t = f.letters
	default:
		return closed()
	}
	f.tabLoaded[i] = f.id
	ch := t.load(f.id)
	f.tabLoading[i] = ch
	return ch
}

// showTab selects a tab and returns the channel of its load.
func (f *patientFile) showTab(i int) <-chan struct{} {
	f.tabs.SelectIndex(i) // OnSelected starts the load
	return f.loadTab(i)
}

// showNotice explains a merged file, and offers to undo or confirm the
// merges of duplicates into this one.
func (f *patientFile) showNotice(pf data.PatientFile) {
	f.notice.Objects = nil
	w := f.d.w
	pt := pf.Patient
	for _, m := range pf.Merges {
		m := m
		when := data.DateOf(m.Merged.In(f.d.pr.Location()))
		switch {
		case m.DuplicateID == pt.ID:
			l := widget.NewLabel(w.T("merge.notice.duplicate", "Name", listName(m.Survivor.FamilyName, m.Survivor.GivenName),
				"Chart", m.Survivor.ChartNumber, "Date", when))
			l.Importance = widget.WarningImportance
			l.Truncation = fyne.TextTruncateEllipsis
			open := widget.NewButton(w.T("merge.notice.open"), func() { f.open(m.SurvivorID) })
			f.notice.Add(container.NewBorder(nil, nil, nil, open, l))
		case m.State == data.MergePending:
			l := widget.NewLabel(w.T("merge.notice.pending", "Name", listName(m.Duplicate.FamilyName, m.Duplicate.GivenName),
				"Chart", m.Duplicate.ChartNumber, "Date", when, "Moved", m.MovedSummary()))
			l.Truncation = fyne.TextTruncateEllipsis
			undo := widget.NewButton(w.T("merge.undo"), func() { f.undoMerge(m) })
			confirm := widget.NewButton(w.T("merge.confirm"), func() { f.confirmMerge(m) })
			f.notice.Add(container.NewBorder(nil, nil, nil, container.NewHBox(undo, confirm), l))
		default:
			l := quiet(w.T("merge.notice.holds", "Chart", m.Duplicate.ChartNumber, "Date", when))
			l.Truncation = fyne.TextTruncateEllipsis
			f.notice.Add(l)
		}
	}
	f.notice.Refresh()
}

// run does a change in the background through the write path and
// reloads the file; on failure it says why in the status line and a
// dialog. The channel is closed once the file shows the result.
func (f *patientFile) run(what string, fn func(tx *data.Tx) error) <-chan struct{} {
	return f.d.write(fn, func(err error) {
		f.d.sayLogged(err)
		f.d.notDone(what, err)
	}, func() <-chan struct{} {
		f.d.say(f.d.w.T("patient_file.done", "What", what))
		return f.reload()
	})
}
