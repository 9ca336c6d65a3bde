package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
	"frontdesk/reports"
)

// letterRefs are the lists a letter's form chooses from.
type letterRefs struct {
	Templates     []data.LetterTemplate // active ones
	Practitioners []data.Practitioner   // active ones
}

func loadLetterRefs(ctx context.Context, s *data.Store) (letterRefs, error) {
	var refs letterRefs
	if err := s.EnsureDefaultTemplates(ctx); err != nil {
		return refs, err
	}
	ts, err := s.Templates(ctx)
	if err != nil {
		return refs, err
	}
	for _, t := range ts {
		if t.Active {
			refs.Templates = append(refs.Templates, t)
		}
	}
	prs, err := s.Practitioners(ctx)
	if err != nil {
		return refs, err
	}
	for _, p := range prs {
		if p.Active {
			refs.Practitioners = append(refs.Practitioners, p)
		}
	}
	return refs, nil
}

// templateLabel names a template in a choice, with its language when it
// is not the practice's document language.
func templateLabel(t data.LetterTemplate, docLang i18n.Lang) string {
	if t.Language == docLang {
		return t.Name
	}
	return t.Name + " (" + t.Language.Name() + ")"
}

// letterEditor writes a letter to one patient: a template, the
// practitioner who signs, the date, the reason, and the text with its
// merge fields, which can be changed freely while it is a draft. It saves
// the draft, previews the letter with the patient's file, and prints it,
// saves it as PDF or e-mails it, which sends it: from then on it keeps
// the exact text and letterhead it went out with.
type letterEditor struct {
	d       *desk
	patient data.Patient
	letter  data.Letter // as stored ("" ID: new)
	refs    letterRefs
	// filled is the text the last chosen template put in the fields: a
	// new template replaces it only while nobody changed it.
	filled [3]string

	template, practitioner, field *deskSelect
	date                          *deskEntry
	reason, subject               *deskEntry
	recipient, body               *deskEntry
	msg                           *widget.Label
	del, preview, email, pdf      *widget.Button
	print, save                   *widget.Button
	busy                          bool
	m                             *modal
	onDone                        func() // after a save, a send or a delete: the lists read again
}

// writeLetter opens the editor for a new letter to a patient, with the
// practice's first template of kind (any template when "").
func writeLetter(d *desk, pt data.Patient, kind string, onDone func()) <-chan struct{} {
	store := d.store
	return background(d.do, func() (letterRefs, error) { return loadLetterRefs(context.Background(), store) },
		func(refs letterRefs, err error) {
			if err != nil {
				d.sayError(err)
				return
			}
			openNewLetter(d, pt, kind, "", refs, onDone)
		})
}

// openNewLetter opens the editor on a new letter with the practice's
// first template of kind and reason already given; what the form holds
// then is the start Escape compares with before asking.
func openNewLetter(d *desk, pt data.Patient, kind, reason string, refs letterRefs, onDone func()) *letterEditor {
	lt := data.Letter{PatientID: pt.ID, Language: d.pr.DocumentLanguage, Date: d.today(), Reason: reason}
	e := openLetterEditor(d, pt, lt, refs, onDone)
	for _, t := range refs.Templates {
		if t.Language == d.pr.DocumentLanguage && (kind == "" || t.Kind == kind) {
			e.template.SetSelected(templateLabel(t, d.pr.DocumentLanguage))
			break
		}
	}
	e.m.guardIn(d.w, d.w.T("letters.discard"), nil)
	return e
}

// editLetter opens a stored draft.
func editLetter(d *desk, lt data.Letter, onDone func()) <-chan struct{} {
	return withLetterPatient(d, lt.PatientID, func(pt data.Patient, refs letterRefs) {
		e := openLetterEditor(d, pt, lt, refs, onDone)
		e.m.guardIn(d.w, d.w.T("letters.discard"), nil)
	})
}

// withLetterPatient reads, in the background, the patient a letter is to
// and what the letter editor offers (templates, practitioners), then runs
// open on the UI goroutine; a failed read is said on the status line.
func withLetterPatient(d *desk, patientID string, open func(data.Patient, letterRefs)) <-chan struct{} {
	store := d.store
	type loaded struct {
		refs letterRefs
		pt   data.Patient
	}
	return background(d.do, func() (loaded, error) {
		ctx := context.Background()
		refs, err := loadLetterRefs(ctx, store)
		if err != nil {
			return loaded{}, err
		}
		pt, err := store.Patient(ctx, patientID)
		return loaded{refs, pt}, err
	}, func(l loaded, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		open(l.pt, l.refs)
	})
}

func openLetterEditor(d *desk, pt data.Patient, lt data.Letter, refs letterRefs, onDone func()) *letterEditor {
	w := d.w
	e := &letterEditor{d: d, patient: pt, letter: lt, refs: refs, onDone: onDone}
	var tplNames []string
	for _, t := range refs.Templates {
		tplNames = append(tplNames, templateLabel(t, d.pr.DocumentLanguage))
	}
	e.template = newDeskSelect(tplNames, func(string) { e.useTemplate() })
	var prNames []string
	for _, p := range refs.Practitioners {
		prNames = append(prNames, p.DisplayName)
	}
	e.practitioner = newDeskSelect(prNames, nil)
	var fieldNames []string
	for _, f := range data.MergeFields {
		fieldNames = append(fieldNames, w.T(f.Label))
	}
	e.field = newDeskSelect(fieldNames, func(string) { e.insertField() })
	e.field.PlaceHolder = w.T("letters.insert_field")
	e.date = newDeskEntry(d.focusSearch)
	e.date.SetPlaceHolder(d.pr.DateFormat.Example())
	e.reason = newDeskMultiLine(d.focusSearch, 2)
	e.subject = newDeskEntry(d.focusSearch)
	e.recipient = newDeskMultiLine(d.focusSearch, 3)
	e.body = newDeskMultiLine(d.focusSearch, 12)
	e.msg = widget.NewLabel("")
	e.msg.Wrapping = fyne.TextWrapWord
	e.msg.Hide()
	for _, x := range []*deskEntry{e.date, e.reason, e.subject, e.recipient, e.body} {
		x.OnChanged = func(string) { e.check() }
	}

	e.del = widget.NewButton(w.T("letters.delete_draft"), func() { e.deleteDraft() })
	e.preview = widget.NewButton(w.T("letters.preview"), func() { e.showPreview() })
	e.email = widget.NewButton(w.T("letters.email"), func() { e.send(data.SentEmail) })
	e.pdf = widget.NewButton(w.T("letters.save_pdf"), func() { e.send(data.SentPDF) })
	e.print = widget.NewButton(w.T("letters.print"), func() { e.send(data.SentPrint) })
	e.save = widget.NewButton(w.T("letters.save_draft"), func() { e.saveDraft() })
	if lt.ID == "" {
		e.del.Hide()
	}
	e.fill(lt)

	left := container.NewVBox(
		labelled(w.T("letters.field.template"), e.template),
		labelled(w.T("letters.field.practitioner"), e.practitioner),
		labelled(w.T("letters.field.date"), e.date),
		labelled(w.T("letters.field.reason"), e.reason),
		quiet(hardWrap(w.T("letters.hint.reason"), 40)),
		labelled(w.T("letters.field.fields"), e.field))
	right := container.NewBorder(container.NewVBox(
		labelled(w.T("letter_template.field.subject"), e.subject),
		labelled(w.T("letter_template.field.recipient"), e.recipient),
		bold(w.T("letter_template.field.body"))), nil, nil, nil, e.body)
	body := container.NewBorder(nil, e.msg, nil, nil, container.New(&splitColumns{left: 0.32, gap: 16}, left, right))
	title := w.T("letters.title.new", "Patient", pt.FullName())
	if lt.ID != "" {
		title = w.T("letters.title.edit", "Patient", pt.FullName())
	}
	e.m = showModal(d.win.Canvas(), title, container.New(&fixedWidth{w: 980}, body),
		e.del, e.preview, e.email, e.pdf, e.print, e.save)
	e.m.holdHeight(640)
	e.check()
	openLetterEditors = append(openLetterEditors, e)
	return e
}

// openLetterEditors are the editors opened in this run, for tests and
// screenshot mode to reach the one on show.
var openLetterEditors []*letterEditor

// fill puts a letter's fields on the form.
func (e *letterEditor) fill(lt data.Letter) {
	for _, p := range e.refs.Practitioners {
		if p.ID == lt.PractitionerID {
			e.practitioner.SetSelected(p.DisplayName)
		}
	}
	if e.practitioner.SelectedIndex() < 0 && len(e.refs.Practitioners) > 0 {
		e.practitioner.SetSelectedIndex(0)
	}
	for _, t := range e.refs.Templates {
		if t.ID == lt.TemplateID && lt.ID != "" {
			e.filled = [3]string{lt.Subject, lt.Recipient, lt.Body} // keep the draft's own text
			e.template.SetSelected(templateLabel(t, e.d.pr.DocumentLanguage))
		}
	}
	e.date.SetText(e.d.pr.DateFormat.Format(lt.Date))
	e.reason.SetText(lt.Reason)
	e.subject.SetText(lt.Subject)
	e.recipient.SetText(lt.Recipient)
	e.body.SetText(lt.Body)
}

// chosenTemplate is the template on the form, nil when none.
func (e *letterEditor) chosenTemplate() *data.LetterTemplate {
	if i := e.template.SelectedIndex(); i >= 0 && i < len(e.refs.Templates) {
		return &e.refs.Templates[i]
	}
	return nil
}

// useTemplate puts the chosen template's text in the fields, unless the
// text there was typed or changed since the last template put it.
func (e *letterEditor) useTemplate() {
	t := e.chosenTemplate()
	if t == nil {
		return
	}
	current := [3]string{e.subject.Text, e.recipient.Text, e.body.Text}
	if current != e.filled && strings.TrimSpace(strings.Join(current[:], "")) != "" {
		e.check()
		return // typed work is never replaced
	}
	e.filled = [3]string{t.Subject, t.Recipient, t.Body}
	e.subject.SetText(t.Subject)
	e.recipient.SetText(t.Recipient)
	e.body.SetText(t.Body)
	e.check()
}

// insertField types the chosen merge field at the cursor of the text.
func (e *letterEditor) insertField() {
	i := e.field.SelectedIndex()
	if i < 0 {
		return
	}
	for _, r := range data.FieldToken(data.MergeFields[i].Name) {
		e.body.TypedRune(r)
	}
	e.field.ClearSelected()
	if c := fyne.CurrentApp().Driver().CanvasForObject(e.body); c != nil {
		c.Focus(e.body)
	}
}

// current is the letter as the form holds it, and the problems found.
func (e *letterEditor) current() (data.Letter, string) {
	lt := e.letter
	lt.Subject, lt.Recipient, lt.Body, lt.Reason = e.subject.Text, e.recipient.Text, e.body.Text, e.reason.Text
	if t := e.chosenTemplate(); t != nil {
		lt.TemplateID, lt.TemplateName, lt.Language = t.ID, t.Name, t.Language
	}
	if i := e.practitioner.SelectedIndex(); i >= 0 && i < len(e.refs.Practitioners) {
		lt.PractitionerID = e.refs.Practitioners[i].ID
	}
	day, err := e.d.pr.DateFormat.Parse(strings.TrimSpace(e.date.Text))
	if err != nil {
		return lt, e.d.w.T("problem.about_field", "Field", i18n.Key("letter.field.date"), "Problem", err)
	}
	lt.Date = day
	probe := lt
	probe.Status = data.LetterDraft
	if err := probe.Validate(); err != nil {
		return lt, e.d.w.Error(err)
	}
	return lt, ""
}

// check shows what is wrong (each problem with its line) and keeps the
// buttons that need a valid letter disabled until it is.
func (e *letterEditor) check() {
	_, problem := e.current()
	if problem != "" {
		setText(e.msg, problem, widget.DangerImportance)
		e.msg.Show()
	} else {
		e.msg.Hide()
	}
	for _, b := range []*widget.Button{e.preview, e.email, e.pdf, e.print, e.save} {
		if problem != "" || e.busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	e.m.fit()
}

func (e *letterEditor) setBusy(busy bool) {
	e.busy = busy
	e.check()
}

// saveDraft stores the draft and closes the editor.
func (e *letterEditor) saveDraft() <-chan struct{} {
	lt, problem := e.current()
	if problem != "" || e.busy {
		return closed()
	}
	e.setBusy(true)
	return e.d.write(func(tx *data.Tx) error { return tx.SaveLetterDraft(&lt) }, func(err error) {
		e.setBusy(false)
		setText(e.msg, e.d.w.T("common.not_saved", "Why", e.d.w.Error(err)), widget.DangerImportance)
		e.msg.Show()
	}, func() <-chan struct{} {
		e.m.close()
		e.d.say(e.d.w.T("letters.said.draft_saved", "Patient", e.patient.FullName()))
		return e.done()
	})
}

func (e *letterEditor) done() <-chan struct{} {
	if e.onDone != nil {
		e.onDone()
	}
	return nil
}

// deleteDraft deletes the stored draft, after asking once.
func (e *letterEditor) deleteDraft() {
	id := e.letter.ID
	if id == "" {
		return
	}
	w := e.d.w
	confirmIn(w, e.d, w.T("letters.delete.title"), w.T("letters.delete.question", "Patient", e.patient.FullName()), w.T("letters.delete.verb"), func() {
		e.d.write(func(tx *data.Tx) error { return tx.DeleteLetterDraft(id) }, nil, func() <-chan struct{} {
			e.m.close()
			e.d.say(w.T("letters.said.deleted"))
			return e.done()
		})
	})
}

// showPreview shows the letter merged with the patient's file as it is now.
func (e *letterEditor) showPreview() <-chan struct{} {
	lt, problem := e.current()
	if problem != "" {
		return closed()
	}
	lt.Status = data.LetterDraft
	return previewLetter(e.d, lt)
}

// previewLetter merges a draft with its patient's file and shows the
// text; a value the file lacks shows as its name in brackets, and the
// missing values are named above the text, as printing would refuse them.
func previewLetter(d *desk, lt data.Letter) <-chan struct{} {
	store, pr, w := d.store, d.pr, d.w
	type preview struct {
		p       reports.PreparedLetter
		missing []string
	}
	return background(d.do, func() (preview, error) {
		ctx := context.Background()
		v, err := store.MergeValuesFor(ctx, lt, pr, nowFunc())
		if err != nil {
			return preview{}, err
		}
		missing := data.MergeLetter(lt, v).Missing
		for _, f := range missing {
			v[f] = "[" + w.T(data.MergeLabel(f)) + "]"
		}
		m := data.MergeLetter(lt, v)
		return preview{p: reports.PreparedLetter{Letter: lt, Content: reports.LetterContent{Language: lt.Language, Date: lt.Date,
			Recipient: m.Recipient, Subject: m.Subject, Body: m.Body, Signer: v[data.MergePractitioner]}}, missing: missing}, nil
	}, func(pv preview, err error) {
		if err == nil && len(pv.missing) > 0 {
			showLetterTextWith(d, pv.p, w.Error(reports.MissingError(pv.missing, patientNameOf(pv.p))))
			return
		}
		showLetterText(d, pv.p, err)
	})
}

// patientNameOf is the first line of a letter's recipient, its patient
// for the letters the desk writes.
func patientNameOf(p reports.PreparedLetter) string {
	first, _, _ := strings.Cut(p.Content.Recipient, "\n")
	return first
}

// showLetterText shows a merged letter as text, or why it cannot be made.
func showLetterText(d *desk, p reports.PreparedLetter, err error) *modal {
	if err != nil {
		return showLetterTextWith(d, reports.PreparedLetter{}, d.w.Error(err))
	}
	return showLetterTextWith(d, p, "")
}

// showLetterTextWith shows a letter's text under a note (the values
// missing), either being empty.
func showLetterTextWith(d *desk, p reports.PreparedLetter, note string) *modal {
	w := d.w
	var parts []fyne.CanvasObject
	if note != "" {
		l := widget.NewLabel(note)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		parts = append(parts, l)
	}
	if c := p.Content; c.Body != "" {
		text := strings.Join([]string{c.Recipient, "", data.LetterDate(i18n.For(c.Language).WithDateOrder(string(d.pr.DateFormat)), c.Date),
			"", c.Subject, "", c.Body, "", c.Signer}, "\n")
		view := widget.NewLabel(text)
		view.Wrapping = fyne.TextWrapWord
		parts = append(parts, view)
	}
	var m *modal
	ok := widget.NewButton(w.T("common.ok"), func() { m.close() })
	m = showModal(d.win.Canvas(), w.T("letters.preview.title"), container.New(&fixedWidth{w: 640},
		container.New(&fixedHeight{h: 480}, container.NewVScroll(container.NewVBox(parts...)))), ok)
	return m
}
