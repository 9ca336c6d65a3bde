package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// templateEditor edits the practice's letter templates: the list on the
// left, the chosen template on the right with its merge fields inserted
// from a picker. Unknown or misspelt fields are named with their line as
// they are typed, and Save stays disabled until there are none; Preview
// shows the letter the template makes for a chosen patient.
type templateEditor struct {
	d         *desk
	templates []data.LetterTemplate
	current   data.LetterTemplate // as stored ("" ID: a new one)
	list      *pickList
	name      *deskEntry
	kind      *deskSelect
	lang      *deskSelect
	active    *widget.Check
	subject   *deskEntry
	recipient *deskEntry
	body      *deskEntry
	field     *deskSelect
	msg       *widget.Label
	del, prev *widget.Button
	newBtn    *widget.Button
	save      *widget.Button
	saved     string // formState of the form when it last matched the stored template
	m         *modal
}

// openTemplates reads the templates and opens the editor.
func openTemplates(d *desk) <-chan struct{} {
	store := d.store
	return background(d.do, func() ([]data.LetterTemplate, error) {
		if err := store.EnsureDefaultTemplates(context.Background()); err != nil {
			return nil, err
		}
		return store.Templates(context.Background())
	}, func(ts []data.LetterTemplate, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		newTemplateEditor(d, ts)
	})
}

func newTemplateEditor(d *desk, ts []data.LetterTemplate) *templateEditor {
	w := d.w
	t := &templateEditor{d: d, templates: ts}
	t.list = newPickList(func() int { return len(t.templates) },
		func() fyne.CanvasObject { return truncated("") },
		func(id int, o fyne.CanvasObject) {
			tp := t.templates[id]
			text := tp.Name + " · " + tp.Language.Name()
			if !tp.Active {
				text += " · " + w.T("letters.templates.inactive")
			}
			o.(*widget.Label).SetText(text)
		},
		func(id int) { t.choose(t.templates[id]) })
	t.name = newDeskEntry(d.focusSearch)
	kinds := make([]string, len(data.LetterKinds))
	for i, k := range data.LetterKinds {
		kinds[i] = w.T(data.LetterKindLabel(k))
	}
	t.kind = newDeskSelect(kinds, func(string) { t.check() })
	t.lang = newDeskSelect(langNames(), func(string) { t.check() })
	t.active = widget.NewCheck(w.T("letters.templates.active"), func(bool) { t.check() })
	t.subject = newDeskEntry(d.focusSearch)
	t.recipient = newDeskMultiLine(d.focusSearch, 3)
	t.body = newDeskMultiLine(d.focusSearch, 12)
	for _, e := range []*deskEntry{t.name, t.subject, t.recipient, t.body} {
		e.OnChanged = func(string) { t.check() }
	}
	var fieldNames []string
	for _, f := range data.MergeFields {
		fieldNames = append(fieldNames, w.T(f.Label))
	}
	t.field = newDeskSelect(fieldNames, func(string) { t.insertField() })
	t.field.PlaceHolder = w.T("letters.insert_field")
	t.msg = widget.NewLabel("")
	t.msg.Wrapping = fyne.TextWrapWord
	t.msg.Hide()
	t.del = widget.NewButton(w.T("letters.templates.delete"), func() { t.deleteTemplate() })
	t.prev = widget.NewButton(w.T("letters.templates.preview"), func() { t.preview() })
	t.newBtn = widget.NewButton(w.T("letters.templates.new"), func() {
		t.leave(func() {
			t.choose(data.LetterTemplate{Language: d.pr.DocumentLanguage, Kind: data.KindOther, Active: true})
		})
	})
	t.save = widget.NewButton(w.T("common.save"), func() { t.doSave() })
	closeBtn := widget.NewButton(w.T("letters.templates.close"), func() { t.m.escape() })

	form := container.NewBorder(container.NewVBox(
		container.NewGridWithColumns(3, labelled(w.T("letter_template.field.name"), t.name),
			labelled(w.T("letter_template.field.kind"), t.kind), labelled(w.T("letter_template.field.language"), t.lang)),
		container.NewBorder(nil, nil, nil, t.active, labelled(w.T("letter_template.field.subject"), t.subject)),
		labelled(w.T("letter_template.field.recipient"), t.recipient),
		container.NewBorder(nil, nil, bold(w.T("letter_template.field.body")), container.New(&fixedWidth{w: 260}, t.field))),
		t.msg, nil, nil, t.body)
	body := container.New(&splitColumns{left: 0.28, gap: 16}, t.list, form)
	t.m = showModal(d.win.Canvas(), w.T("letters.templates.title"), container.New(&fixedWidth{w: 1000}, body),
		closeBtn, t.del, t.prev, t.newBtn, t.save)
	t.m.holdHeight(620)
	t.m.question = w.T("letters.templates.discard")
	t.m.changed = t.changed
	openTemplateEditors = append(openTemplateEditors, t)
	if len(ts) > 0 {
		t.choose(ts[0])
	} else {
		t.choose(data.LetterTemplate{Language: d.pr.DocumentLanguage, Kind: data.KindOther, Active: true})
	}
	return t
}

// openTemplateEditors are the editors opened in this run (tests, screenshots).
var openTemplateEditors []*templateEditor

// changed reports typed work the stored template does not have.
func (t *templateEditor) changed() bool { return formState(t.m.body) != t.saved }

// leave runs next once typed work is saved or, after asking, dropped.
func (t *templateEditor) leave(next func()) {
	if !t.changed() {
		next()
		return
	}
	askDiscardIn(t.d.w, t.d.win.Canvas(), t.d.w.T("letters.templates.discard"), next)
}

// choose shows a template on the form.
func (t *templateEditor) choose(tp data.LetterTemplate) {
	if tp.ID != t.current.ID && t.current.ID != "" && t.changed() {
		t.leave(func() { t.saved = formState(t.m.body); t.choose(tp) })
		return
	}
	t.current = tp
	t.name.SetText(tp.Name)
	for i, k := range data.LetterKinds {
		if k == tp.Kind {
			t.kind.SetSelectedIndex(i)
		}
	}
	lang, _ := i18n.ParseLang(string(tp.Language))
	t.lang.SetSelected(lang.Name())
	t.active.SetChecked(tp.Active)
	t.subject.SetText(tp.Subject)
	t.recipient.SetText(tp.Recipient)
	t.body.SetText(tp.Body)
	if tp.ID == "" {
		t.del.Disable()
	} else {
		t.del.Enable()
	}
	t.saved = formState(t.m.body)
	t.check()
}

// form is the template the form holds.
func (t *templateEditor) form() data.LetterTemplate {
	tp := t.current
	tp.Name, tp.Subject, tp.Recipient, tp.Body, tp.Active = t.name.Text, t.subject.Text, t.recipient.Text, t.body.Text, t.active.Checked
	if i := t.kind.SelectedIndex(); i >= 0 {
		tp.Kind = data.LetterKinds[i]
	}
	if i := t.lang.SelectedIndex(); i >= 0 {
		tp.Language = i18n.Langs[i]
	}
	return tp
}

// check names every problem (a misspelt field with its line) as typed.
func (t *templateEditor) check() bool {
	tp := t.form()
	err := tp.Validate()
	if err != nil {
		setText(t.msg, t.d.w.Error(err), widget.DangerImportance)
		t.msg.Show()
		t.save.Disable()
		t.prev.Disable()
	} else {
		t.msg.Hide()
		t.save.Enable()
		t.prev.Enable()
	}
	t.m.fit()
	return err == nil
}

func (t *templateEditor) insertField() {
	i := t.field.SelectedIndex()
	if i < 0 {
		return
	}
	for _, r := range data.FieldToken(data.MergeFields[i].Name) {
		t.body.TypedRune(r)
	}
	t.field.ClearSelected()
	t.d.win.Canvas().Focus(t.body)
}

// doSave stores the template and reads the list again.
func (t *templateEditor) doSave() <-chan struct{} {
	if !t.check() {
		return closed()
	}
	tp := t.form()
	t.save.Disable()
	return t.d.write(func(tx *data.Tx) error { return tx.SaveTemplate(&tp) }, func(err error) {
		setText(t.msg, t.d.w.T("common.not_saved", "Why", t.d.w.Error(err)), widget.DangerImportance)
		t.msg.Show()
		t.check()
	}, func() <-chan struct{} {
		t.d.say(t.d.w.T("letters.templates.said_saved", "Name", tp.Name))
		return t.refresh(tp)
	})
}

// refresh reads the templates again and shows tp.
func (t *templateEditor) refresh(tp data.LetterTemplate) <-chan struct{} {
	store := t.d.store
	return background(t.d.do, func() ([]data.LetterTemplate, error) { return store.Templates(context.Background()) },
		func(ts []data.LetterTemplate, err error) {
			if err != nil {
				t.d.sayError(err)
				return
			}
			t.templates = ts
			t.list.Refresh()
			t.saved = formState(t.m.body)
			t.current = tp
			t.choose(tp)
		})
}

func (t *templateEditor) deleteTemplate() {
	tp := t.current
	if tp.ID == "" {
		return
	}
	w := t.d.w
	confirmIn(w, t.d, w.T("letters.templates.delete_title"), w.T("letters.templates.delete_question", "Name", tp.Name),
		w.T("letters.templates.delete"), func() {
			t.d.write(func(tx *data.Tx) error { return tx.DeleteTemplate(tp.ID) }, nil, func() <-chan struct{} {
				t.d.say(w.T("letters.templates.said_deleted", "Name", tp.Name))
				store := t.d.store
				return background(t.d.do, func() ([]data.LetterTemplate, error) { return store.Templates(context.Background()) },
					func(ts []data.LetterTemplate, err error) {
						if err != nil {
							t.d.sayError(err)
							return
						}
						t.templates = ts
						t.list.Refresh()
						t.current = data.LetterTemplate{}
						if len(ts) > 0 {
							t.choose(ts[0])
						}
					})
			})
		})
}

// preview asks for a patient and shows the letter this template makes
// for them, or the values their file lacks.
func (t *templateEditor) preview() {
	if !t.check() {
		return
	}
	tp := t.form()
	choosePatient(t.d, func(pt data.Patient) { t.previewFor(tp, pt) })
}

func (t *templateEditor) previewFor(tp data.LetterTemplate, pt data.Patient) <-chan struct{} {
	lt := data.Letter{PatientID: pt.ID, TemplateID: tp.ID, TemplateName: tp.Name, Language: tp.Language, Date: t.d.today(),
		Subject: tp.Subject, Recipient: tp.Recipient, Body: tp.Body, Status: data.LetterDraft}
	return previewLetter(t.d, lt)
}
