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
)

// vitalsLimit bounds the readings the Clinical tab reads at once.
const vitalsLimit = 3000

// clinicalTab holds the vital signs (a trend plot per sign and the form
// that records a set of readings) on the left and the append-only
// clinical notes on the right.
type clinicalTab struct {
	f       *patientFile
	loads   *loader[string, clinicalData]
	id      string
	byKind  map[string][]data.Vital // oldest first
	kind    string
	kindBtn map[string]*widget.Button
	plot    *vitalsPlot
	caption *widget.Label
	vitals  *vitalsForm
	notes   *notesPane
	content fyne.CanvasObject
}

func newClinicalTab(f *patientFile) *clinicalTab {
	t := &clinicalTab{f: f, kind: data.VitalBP, kindBtn: map[string]*widget.Button{}, byKind: map[string][]data.Vital{}}
	t.loads = newLoader[string, clinicalData](f.d, func() string { return f.id })
	w := f.d.w
	t.loads.failed = func(err error) { setText(t.caption, w.Error(err), widget.DangerImportance) }
	kinds := container.NewHBox()
	for _, k := range data.VitalKinds {
		code := k.Code
		b := widget.NewButton(w.T(k.Name), func() { t.selectKind(code) })
		b.Importance = widget.LowImportance
		t.kindBtn[code] = b
		kinds.Add(b)
	}
	t.plot = newVitalsPlot(w)
	t.caption = quiet("")
	t.caption.Wrapping = fyne.TextWrapWord // all of it: what the band means, the last reading
	t.vitals = newVitalsForm(t)
	t.notes = newNotesPane(t)
	left := container.NewVBox(sectionHead(w.T("clinical.vitals.heading")), container.NewHScroll(kinds), t.plot, t.caption, hline(), t.vitals.content)
	t.content = container.New(layout.NewCustomPaddedLayout(4, 6, 10, 10), container.New(&splitColumns{left: 0.56, gap: 20},
		container.NewVScroll(left), t.notes.content))
	return t
}

func (t *clinicalTab) view() fyne.CanvasObject { return t.content }

// clinicalData is what the Clinical tab reads.
type clinicalData struct {
	recent []data.Vital // newest first
	notes  []data.Note
}

// load reads the readings and the notes of a patient.
func (t *clinicalTab) load(patientID string) <-chan struct{} {
	store := t.f.d.store
	if t.id != patientID {
		t.id = patientID
		t.vitals.reset()
		t.notes.reset()
	}
	t.caption.SetText(t.f.d.w.T("common.loading"))
	return t.loads.load(patientID, func(ctx context.Context) (clinicalData, error) {
		var cd clinicalData
		var err error
		if cd.recent, err = store.RecentVitals(ctx, patientID, vitalsLimit); err == nil {
			cd.notes, err = store.Notes(ctx, patientID)
		}
		return cd, err
	}, t.apply)
}

func (t *clinicalTab) apply(cd clinicalData) {
	t.byKind = map[string][]data.Vital{}
	for i := len(cd.recent) - 1; i >= 0; i-- {
		v := cd.recent[i]
		t.byKind[v.Kind] = append(t.byKind[v.Kind], v)
	}
	if len(t.byKind[t.kind]) == 0 {
		for _, k := range data.VitalKinds { // show a sign that has readings
			if len(t.byKind[k.Code]) > 0 {
				t.kind = k.Code
				break
			}
		}
	}
	t.selectKind(t.kind)
	t.notes.apply(cd.notes)
	merged := t.f.patient.MergedInto != ""
	t.vitals.setEnabled(!merged)
	t.notes.setEnabled(!merged)
}

// selectKind shows the trend of one sign.
func (t *clinicalTab) selectKind(code string) {
	t.kind = code
	for c, b := range t.kindBtn {
		imp := widget.LowImportance
		if c == code {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
	w := t.f.d.w
	k, _ := data.KindOf(code)
	pts := t.byKind[code]
	height := 0
	if hs := t.byKind[data.VitalHeight]; len(hs) > 0 {
		height = hs[len(hs)-1].Value
	}
	bands, usual := usualBands(w, k, t.f.patient.BirthDate, t.f.d.today(), height)
	t.plot.set(k, pts, bands, t.f.d.pr.Location())
	parts := []string{w.T("clinical.caption.sign", "Sign", k.Name, "Unit", k.Unit), w.N("clinical.caption.readings", len(pts))}
	if k.Pair {
		parts = append(parts, w.T("clinical.caption.pair"))
	}
	if usual != "" {
		parts = append(parts, usual)
	}
	if n := len(pts); n > 0 {
		last := pts[n-1]
		parts = append(parts, w.T("clinical.caption.last", "Reading", w.vital(last), "Date", data.DateOf(last.Taken.In(t.f.d.pr.Location()))))
	}
	setText(t.caption, strings.Join(parts, " · "), widget.LowImportance)
}

// vitalsForm records a set of readings taken now: one field per sign,
// each checked as it is typed. An impossible reading is refused with
// the sign and its range; an unusual one is shown and saved flagged.
type vitalsForm struct {
	t       *clinicalTab
	entries map[string]*deskEntry
	msgs    map[string]*widget.Label
	save    *widget.Button
	result  *widget.Label
	saving  bool
	content fyne.CanvasObject
}

func newVitalsForm(t *clinicalTab) *vitalsForm {
	v := &vitalsForm{t: t, entries: map[string]*deskEntry{}, msgs: map[string]*widget.Label{}}
	w := t.f.d.w
	grid := container.NewGridWithColumns(2)
	for _, k := range data.VitalKinds {
		e := newDeskEntry(t.f.d.focusSearch)
		if k.Pair {
			e.SetPlaceHolder(w.T("clinical.vitals.placeholder_pair"))
		}
		e.OnChanged = func(string) { v.check() }
		e.onEscape = v.escape
		e.onSubmit = func() { v.doSave() }
		v.entries[k.Code] = e
		msg := widget.NewLabel("")
		msg.Wrapping = fyne.TextWrapWord
		msg.Hide()
		v.msgs[k.Code] = msg
		label := bold(w.T(k.Name))
		grid.Add(container.NewVBox(label, container.NewBorder(nil, nil, nil, quiet(k.Unit), e), msg))
	}
	v.save = widget.NewButtonWithIcon(w.T("clinical.vitals.save"), theme.DocumentSaveIcon(), func() { v.doSave() })
	v.save.Importance = widget.HighImportance
	v.result = widget.NewLabel("")
	v.result.Wrapping = fyne.TextWrapWord
	clear := widget.NewButton(w.T("clinical.vitals.clear"), v.reset)
	v.content = container.NewVBox(sectionHead(w.T("clinical.vitals.record")), grid,
		container.NewBorder(nil, nil, container.NewHBox(v.save, clear), nil, v.result))
	v.check()
	return v
}

// readings returns the valid readings typed and whether any is refused.
func (v *vitalsForm) readings() ([]data.Vital, bool) {
	var out []data.Vital
	bad := false
	now := nowFunc()
	w := v.t.f.d.w
	for _, k := range data.VitalKinds {
		e, msg := v.entries[k.Code], v.msgs[k.Code]
		if e.Text == "" {
			showText(msg, "", widget.MediumImportance)
			continue
		}
		a, b, err := k.ParseReading(e.Text)
		r := data.Vital{PatientID: v.t.id, Kind: k.Code, Taken: now, Value: a, Value2: b}
		if err == nil {
			err = r.Validate()
		}
		if err != nil {
			showText(msg, w.Error(err), widget.DangerImportance)
			bad = true
			continue
		}
		unusual := ""
		if m, ok := k.Unusual(a, b); ok {
			unusual = w.Render(m)
		}
		showText(msg, unusual, widget.WarningImportance)
		out = append(out, r)
	}
	return out, bad
}

// showText shows msg under a field in a colour, or hides the line.
func showText(l *widget.Label, msg string, imp widget.Importance) {
	if msg == "" {
		if l.Visible() {
			l.Hide()
		}
		return
	}
	setText(l, msg, imp)
	l.Show()
}

func (v *vitalsForm) check() {
	rs, bad := v.readings()
	if len(rs) > 0 && !bad && !v.saving && v.t.id != "" {
		v.save.Enable()
	} else {
		v.save.Disable()
	}
}

func (v *vitalsForm) reset() {
	for _, e := range v.entries {
		e.SetText("")
	}
	setText(v.result, "", widget.LowImportance)
	v.check()
}

// escape clears the readings typed (Escape), asking first.
func (v *vitalsForm) escape() {
	for _, e := range v.entries {
		if e.Text != "" {
			askDiscardIn(v.t.f.d.w, v.t.f.d.win.Canvas(), v.t.f.d.w.T("clinical.vitals.discard"), v.reset)
			return
		}
	}
}

func (v *vitalsForm) setEnabled(on bool) {
	for _, e := range v.entries {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	v.check()
}

// doSave writes every valid reading in one transaction; on failure what
// was typed stays.
func (v *vitalsForm) doSave() <-chan struct{} {
	rs, bad := v.readings()
	if len(rs) == 0 || bad || v.saving {
		return closed()
	}
	v.saving = true
	v.save.Disable()
	f := v.t.f
	w := f.d.w
	return f.d.write(func(tx *data.Tx) error {
		for i := range rs {
			if err := tx.Save(&rs[i]); err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		v.saving = false
		f.d.sayLogged(err)
		setText(v.result, w.T("common.not_saved", "Why", w.Error(err)), widget.DangerImportance)
		v.check()
	}, func() <-chan struct{} {
		v.saving = false
		flagged := 0
		for _, r := range rs {
			if r.Flag == data.VitalFlagUnusual {
				flagged++
			}
		}
		v.reset()
		saved := w.N("clinical.vitals.saved", len(rs), "Time", nowFunc().In(f.d.pr.Location()).Format("15:04"))
		msg := w.T("clinical.vitals.done", "Saved", saved)
		if flagged > 0 {
			msg = w.T("clinical.vitals.done_flagged", "Saved", saved, "Flagged", w.N("clinical.vitals.flagged", flagged))
		}
		setText(v.result, msg, widget.SuccessImportance)
		return f.reload() // the summary's latest readings, and this tab
	})
}

// notesPane lists the clinical notes, newest first, and adds new ones.
// A note cannot be edited: Amend writes a new note that points to it.
type notesPane struct {
	t       *clinicalTab
	entry   *deskEntry
	add     *widget.Button
	amends  data.Note // the note being amended, zero for a new note
	amendBx *fyne.Container
	list    *fyne.Container
	count   *widget.Label
	result  *widget.Label
	saving  bool
	notes   []data.Note
	content fyne.CanvasObject
}

func newNotesPane(t *clinicalTab) *notesPane {
	n := &notesPane{t: t}
	w := t.f.d.w
	n.entry = newDeskMultiLine(t.f.d.focusSearch, 4)
	n.entry.SetPlaceHolder(w.T("clinical.notes.placeholder"))
	n.entry.OnChanged = func(string) { n.check() }
	n.entry.onEscape = n.escape
	n.entry.onSubmit = func() { n.doAdd() }
	n.add = widget.NewButtonWithIcon(w.T("clinical.notes.add"), theme.ContentAddIcon(), func() { n.doAdd() })
	n.add.Importance = widget.HighImportance
	n.amendBx = container.NewVBox()
	n.result = widget.NewLabel("")
	n.result.Truncation = fyne.TextTruncateEllipsis
	n.count = quiet("")
	n.list = container.NewVBox()
	top := container.NewVBox(sectionHead(w.T("clinical.notes.heading")), n.amendBx, n.entry,
		container.NewBorder(nil, nil, n.add, nil, n.result), hline(), n.count)
	n.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(n.list))
	n.check()
	return n
}

func (n *notesPane) check() {
	if n.saving || n.t.id == "" || data.CleanMultiline(n.entry.Text) == "" || n.entry.Disabled() {
		n.add.Disable()
	} else {
		n.add.Enable()
	}
}

func (n *notesPane) setEnabled(on bool) {
	if on {
		n.entry.Enable()
	} else {
		n.entry.Disable()
	}
	n.check()
}

// reset forgets the note being typed and any amendment.
func (n *notesPane) reset() {
	n.entry.SetText("")
	n.setAmends(data.Note{})
	setText(n.result, "", widget.LowImportance)
}

// escape drops the note being typed and any amendment (Escape), asking
// first when something was typed.
func (n *notesPane) escape() {
	switch {
	case n.entry.Text != "":
		askDiscardIn(n.t.f.d.w, n.t.f.d.win.Canvas(), n.t.f.d.w.T("clinical.notes.discard"), n.reset)
	case n.amends.ID != "":
		n.reset()
	}
}

func (n *notesPane) setAmends(note data.Note) {
	w := n.t.f.d.w
	n.amends = note
	n.amendBx.Objects = nil
	if note.ID != "" {
		l := widget.NewLabel(w.T("clinical.notes.amending", "When", n.when(note)))
		l.Importance = widget.WarningImportance
		l.Truncation = fyne.TextTruncateEllipsis
		n.amendBx.Add(container.NewBorder(nil, nil, nil, widget.NewButton(w.T("clinical.notes.cancel_amendment"), func() { n.setAmends(data.Note{}) }), l))
		n.add.SetText(w.T("clinical.notes.add_amendment"))
	} else {
		n.add.SetText(w.T("clinical.notes.add"))
	}
	n.amendBx.Refresh()
}

func (n *notesPane) when(note data.Note) string {
	t := note.Written.In(n.t.f.d.pr.Location())
	return n.t.f.d.w.T("clinical.notes.when", "Date", data.DateOf(t), "Time", t.Format("15:04"), "Author", note.Author)
}

func (n *notesPane) apply(notes []data.Note) {
	w := n.t.f.d.w
	n.notes = notes
	amended := map[string][]data.Note{}
	byID := map[string]data.Note{}
	for _, note := range notes {
		byID[note.ID] = note
		if note.Amends != "" {
			amended[note.Amends] = append(amended[note.Amends], note)
		}
	}
	n.list.Objects = nil
	for _, note := range notes {
		note := note
		head := bold(n.when(note))
		var lines []fyne.CanvasObject
		if note.Amends != "" {
			tag := widget.NewLabel(w.T("clinical.notes.amends", "When", n.when(byID[note.Amends])))
			tag.Importance = widget.WarningImportance
			lines = append(lines, tag)
		}
		lines = append(lines, widget.NewLabel(hardWrap(note.Text, 64)))
		if later := amended[note.ID]; len(later) > 0 {
			tag := widget.NewLabel(w.T("clinical.notes.amended", "When", n.when(later[0])))
			tag.Importance = widget.WarningImportance
			lines = append(lines, tag)
		}
		if note.PatientID != n.t.id {
			lines = append(lines, quiet(w.T("clinical.notes.merged")))
		}
		amend := smallButton(w.T("clinical.notes.amend"), theme.DocumentCreateIcon(), func() {
			n.setAmends(note)
			n.t.f.d.win.Canvas().Focus(n.entry)
		})
		if n.entry.Disabled() {
			amend.Disable()
		}
		n.list.Add(container.NewVBox(container.NewBorder(nil, nil, nil, amend, head), container.NewVBox(lines...), hline()))
	}
	// Broken by hand to the pane's width: French runs a quarter longer.
	kept := w.T("clinical.notes.kept")
	if len(notes) == 0 {
		n.list.Add(quiet(w.T("clinical.notes.none")))
		n.count.SetText(hardWrap(kept, 64))
	} else {
		n.count.SetText(hardWrap(w.N("clinical.notes.count", len(notes), "Kept", kept), 64))
	}
	n.list.Refresh()
	n.check()
}

// doAdd appends the note (or amendment) typed; what was typed stays if
// the save fails.
func (n *notesPane) doAdd() <-chan struct{} {
	text := n.entry.Text
	if n.saving || data.CleanMultiline(text) == "" {
		return closed()
	}
	n.saving = true
	n.check()
	f := n.t.f
	note := data.Note{PatientID: n.t.id, Text: text, Amends: n.amends.ID}
	w := f.d.w
	return f.d.write(func(tx *data.Tx) error { return tx.AddNote(&note) }, func(err error) {
		n.saving = false
		f.d.sayLogged(err)
		setText(n.result, w.T("common.not_saved", "Why", w.Error(err)), widget.DangerImportance)
		n.check()
	}, func() <-chan struct{} {
		n.saving = false
		n.reset()
		setText(n.result, w.T("clinical.notes.added"), widget.SuccessImportance)
		return n.t.load(note.PatientID)
	})
}
