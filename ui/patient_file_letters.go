package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// lettersTab is the patient file's "Letters and calls": the patient's
// letters (drafts and sent) with Write letter, and the call log with
// Log call; a call's follow-up shows until it is ticked off.
type lettersTab struct {
	f         *patientFile
	info      *widget.Label
	letters   *rowList
	calls     *rowList
	loaded    patientCorrespondence
	writeBtn  *widget.Button
	logBtn    *widget.Button
	content   fyne.CanvasObject
	loads     *loader[string, patientCorrespondence]
	callForm  *callDialog // the call dialog opened last (tests)
	lastWrite <-chan struct{}
}

type patientCorrespondence struct {
	Letters []data.LetterRow
	Calls   []data.Call
}

var (
	fileLetterShares = []float32{0.14, 0.30, 0.22, 0.12, 0.22}
	fileCallShares   = []float32{0.16, 0.09, 0.45, 0.14, 0.16}
)

func newLettersTab(f *patientFile) *lettersTab {
	w := f.d.w
	t := &lettersTab{f: f}
	t.loads = newLoader[string, patientCorrespondence](f.d, func() string { return f.id })
	t.loads.failed = func(err error) { setText(t.info, f.d.w.Error(err), widget.DangerImportance) }
	t.info = quiet("")
	t.writeBtn = widget.NewButtonWithIcon(w.T("letters.write"), theme.MailComposeIcon(), func() {
		t.lastWrite = writeLetter(f.d, f.patient, "", func() { t.load(f.id) })
	})
	t.logBtn = widget.NewButtonWithIcon(w.T("calls.log"), theme.ContentAddIcon(), func() { t.callForm = openCallDialog(f.d, f.patient, func() { t.load(f.id) }) })
	t.letters = newRowList(fileLetterShares, []string{w.T("letters.column.date"), w.T("letters.column.template"),
		w.T("letters.column.practitioner"), w.T("letters.column.status"), ""},
		func() int { return len(t.loaded.Letters) },
		func(i int, cells []*widget.Label, b *widget.Button) {
			r := t.loaded.Letters[i]
			status := w.T("letters.status.draft")
			if r.Status == data.LetterSent {
				status = w.T("letters.status.sent")
			}
			for k, s := range []string{f.d.pr.DateFormat.Format(r.Date), r.TemplateName, r.PractitionerName, status} {
				cells[k].SetText(s)
			}
			b.SetText(w.T("letters.open"))
			b.OnTapped = func() { f.d.lettersScreen().open(r) }
		})
	t.calls = newRowList(fileCallShares, []string{w.T("calls.column.when"), w.T("calls.column.direction"),
		w.T("calls.column.summary"), w.T("calls.column.follow_up"), ""},
		func() int { return len(t.loaded.Calls) },
		func(i int, cells []*widget.Label, b *widget.Button) {
			c := t.loaded.Calls[i]
			at := c.At.In(f.d.pr.Location())
			who := c.Summary
			if c.Who != "" {
				who = c.Who + ": " + c.Summary
			}
			for k, s := range []string{f.d.pr.DateFormat.Format(data.DateOf(at)) + " " + at.Format("15:04"),
				callDirection(f.d.w, c), strings.ReplaceAll(who, "\n", " "), f.d.pr.DateFormat.Format(c.FollowUp)} {
				cells[k].SetText(s)
			}
			b.OnTapped = func() { f.d.tickFollowUp(c.ID, func() { t.load(f.id) }) }
			switch {
			case c.FollowUp.IsZero():
				b.SetText("")
				b.Hide()
			case c.FollowUpDone:
				b.Show()
				b.SetText(w.T("calls.follow_up_done"))
				b.Disable()
			default:
				b.Show()
				b.SetText(w.T("calls.tick_off"))
				b.Enable()
			}
		})
	head := container.NewBorder(nil, nil, nil, container.NewHBox(t.logBtn, t.writeBtn), t.info)
	lists := container.NewGridWithRows(2,
		container.NewBorder(subheading(w.T("letters.heading")), nil, nil, nil, t.letters.content),
		container.NewBorder(subheading(w.T("calls.heading")), nil, nil, nil, t.calls.content))
	t.content = container.New(layout.NewCustomPaddedLayout(4, 4, 10, 10), container.NewBorder(head, nil, nil, nil, lists))
	if !f.d.can(data.RightLetters) {
		t.content = container.New(layout.NewCustomPaddedLayout(4, 4, 10, 10), container.NewVBox(notForRole(w, data.RightLetters)))
	}
	return t
}

func (t *lettersTab) view() fyne.CanvasObject { return t.content }

func (t *lettersTab) load(patientID string) <-chan struct{} {
	if !t.f.d.can(data.RightLetters) {
		return closed()
	}
	store := t.f.d.store
	setText(t.info, t.f.d.w.T("common.loading"), widget.LowImportance)
	return t.loads.load(patientID, func(ctx context.Context) (patientCorrespondence, error) {
		var pc patientCorrespondence
		var err error
		if pc.Letters, err = store.Letters(ctx, data.LetterFilter{PatientID: patientID}); err != nil {
			return pc, err
		}
		pc.Calls, err = store.CallsOf(ctx, patientID)
		return pc, err
	}, func(pc patientCorrespondence) {
		t.loaded = pc
		setText(t.info, t.f.d.w.T("letters.file.info", "Letters", t.f.d.w.N("letters.count", len(pc.Letters)),
			"Calls", t.f.d.w.N("calls.count", len(pc.Calls))), widget.LowImportance)
		t.letters.list.Refresh()
		t.calls.list.Refresh()
	})
}

// callDirection says whether a call came in or went out, and if it was a message.
func callDirection(w words, c data.Call) string {
	switch {
	case c.Kind == data.CallMessage && c.Direction == data.CallIn:
		return w.T("calls.message_in")
	case c.Kind == data.CallMessage:
		return w.T("calls.message_out")
	case c.Direction == data.CallIn:
		return w.T("calls.in")
	}
	return w.T("calls.out")
}

// tickFollowUp ticks off a call's follow-up, then runs reload.
func (d *desk) tickFollowUp(id string, reload func()) <-chan struct{} {
	return d.write(func(tx *data.Tx) error { return tx.FollowUpDone(id) }, nil, func() <-chan struct{} {
		d.say(d.w.T("calls.said_ticked"))
		reload()
		return nil
	})
}

// callDialog logs a call or message of one patient.
type callDialog struct {
	d               *desk
	patient         data.Patient
	direction, kind *deskSelect
	who, summary    *deskEntry
	followUp        *deskEntry
	msg             *widget.Label
	save            *widget.Button
	m               *modal
	onSaved         func()
}

func openCallDialog(d *desk, pt data.Patient, onSaved func()) *callDialog {
	w := d.w
	c := &callDialog{d: d, patient: pt, onSaved: onSaved}
	c.direction = newDeskSelect([]string{w.T("calls.in"), w.T("calls.out")}, nil)
	c.direction.SetSelectedIndex(0)
	c.kind = newDeskSelect([]string{w.T("calls.kind.call"), w.T("calls.kind.message")}, nil)
	c.kind.SetSelectedIndex(0)
	c.who = newDeskEntry(d.focusSearch)
	c.who.SetPlaceHolder(w.T("calls.placeholder.who"))
	c.summary = newDeskMultiLine(d.focusSearch, 4)
	c.followUp = newDeskEntry(d.focusSearch)
	c.followUp.SetPlaceHolder(d.pr.DateFormat.Example())
	for _, e := range []*deskEntry{c.who, c.summary, c.followUp} {
		e.OnChanged = func(string) { c.check() }
	}
	c.msg = fieldError()
	cancel := widget.NewButton(w.T("common.cancel"), func() { c.m.escape() })
	c.save = widget.NewButton(w.T("common.save"), func() { c.doSave() })
	body := container.NewVBox(
		container.NewGridWithColumns(2, labelled(w.T("calls.field.direction"), c.direction), labelled(w.T("calls.field.kind"), c.kind)),
		labelled(w.T("call.field.who"), c.who),
		labelled(w.T("call.field.summary"), c.summary),
		labelled(w.T("calls.field.follow_up"), c.followUp),
		c.msg)
	c.m = showModal(d.win.Canvas(), w.T("calls.dialog_title", "Patient", pt.FullName()), container.New(&fixedWidth{w: 520}, body), cancel, c.save)
	c.m.guardIn(w, w.T("calls.discard"), nil)
	c.check()
	d.win.Canvas().Focus(c.summary)
	return c
}

// call is the call the form holds, and its problem in words.
func (c *callDialog) call() (data.Call, string) {
	call := data.Call{PatientID: c.patient.ID, At: nowFunc().UTC().Truncate(time.Second), Direction: data.CallIn, Kind: data.CallPhone,
		Who: c.who.Text, Summary: c.summary.Text}
	if c.direction.SelectedIndex() == 1 {
		call.Direction = data.CallOut
	}
	if c.kind.SelectedIndex() == 1 {
		call.Kind = data.CallMessage
	}
	if s := strings.TrimSpace(c.followUp.Text); s != "" {
		day, err := c.d.pr.DateFormat.Parse(s)
		if err != nil {
			return call, c.d.w.T("problem.about_field", "Field", "calls.field.follow_up", "Problem", err)
		}
		call.FollowUp = day
	}
	if err := call.Validate(); err != nil {
		return call, c.d.w.Error(err)
	}
	return call, ""
}

func (c *callDialog) check() {
	_, problem := c.call()
	if problem != "" && strings.TrimSpace(c.summary.Text) == "" {
		problem = "" // an empty form says nothing yet; Save stays disabled
		c.save.Disable()
	} else if problem != "" {
		c.save.Disable()
	} else {
		c.save.Enable()
	}
	showError(c.msg, problem)
	c.m.fit()
}

func (c *callDialog) doSave() <-chan struct{} {
	call, problem := c.call()
	if problem != "" {
		return closed()
	}
	c.save.Disable()
	return c.d.write(func(tx *data.Tx) error { return tx.LogCall(&call) }, func(err error) {
		showError(c.msg, c.d.w.T("common.not_saved", "Why", c.d.w.Error(err)))
		c.save.Enable()
	}, func() <-chan struct{} {
		c.m.close()
		c.d.say(c.d.w.T("calls.said_logged", "Patient", c.patient.FullName()))
		if c.onSaved != nil {
			c.onSaved()
		}
		return nil
	})
}

// lettersScreen is the Letters screen, whose actions the file's tab shares.
func (d *desk) lettersScreen() *lettersScreen { return d.screens[screenLetters].(*lettersScreen) }
