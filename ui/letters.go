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

// lettersScreen lists the practice's letters, drafts and sent, filtered
// by date, template, practitioner and status; a letter opens, prints or
// e-mails from its row. New letter, Recall letters and Templates start
// from here.
type lettersScreen struct {
	d                       *desk
	from, until             *deskEntry
	template, practitioner  *deskSelect
	status                  *deskSelect
	newBtn, bulkBtn, tplBtn *widget.Button
	info                    *widget.Label
	list                    *rowList
	content                 fyne.CanvasObject
	loads                   *loader[string, lettersView]
	loaded                  lettersView
}

// lettersView is what the Letters screen shows.
type lettersView struct {
	Letters []data.LetterRow
	Refs    letterRefs
}

var letterShares = []float32{0.10, 0.20, 0.09, 0.17, 0.15, 0.08, 0.21}

var letterStatuses = []string{"", data.LetterDraft, data.LetterSent}

// lettersShown is how many letters the screen lists at most, the newest;
// it says so when there are more, and the dates narrow the list.
var lettersShown = 1000

func newLettersScreen(d *desk) *lettersScreen {
	w := d.w
	l := &lettersScreen{d: d}
	l.loads = newLoader[string, lettersView](d, func() string { return l.filterKey() })
	l.from, l.until = newDeskEntry(d.focusSearch), newDeskEntry(d.focusSearch)
	for _, e := range []*deskEntry{l.from, l.until} {
		e.SetPlaceHolder(d.pr.DateFormat.Example())
		e.OnChanged = func(string) { l.reload() }
	}
	l.template = newDeskSelect(nil, func(string) { l.reload() })
	l.practitioner = newDeskSelect(nil, func(string) { l.reload() })
	l.status = newDeskSelect([]string{w.T("letters.filter.any_status"), w.T("letters.status.draft"), w.T("letters.status.sent")},
		func(string) { l.reload() })
	l.status.SetSelectedIndex(0)
	l.newBtn = widget.NewButtonWithIcon(w.T("letters.new"), theme.ContentAddIcon(), func() { l.newLetter() })
	l.bulkBtn = widget.NewButtonWithIcon(w.T("letters.recall_letters"), theme.MailSendIcon(), func() { openRecallLetters(d, l.reloadNow) })
	l.tplBtn = widget.NewButtonWithIcon(w.T("letters.templates"), theme.DocumentCreateIcon(), func() { openTemplates(d) })
	l.info = quiet("")
	l.list = newRowListN(letterShares, []string{w.T("letters.column.date"), w.T("letters.column.patient"), w.T("letters.column.chart"),
		w.T("letters.column.template"), w.T("letters.column.practitioner"), w.T("letters.column.status"), ""}, 3,
		func() int { return len(l.loaded.Letters) },
		func(i int, cells []*widget.Label, bs []*widget.Button) {
			r := l.loaded.Letters[i]
			for k, s := range []string{d.pr.DateFormat.Format(r.Date), r.PatientName, r.ChartNumber, r.TemplateName,
				r.PractitionerName, l.statusText(r.Status)} {
				cells[k].SetText(s)
			}
			cells[5].Importance = widget.MediumImportance
			if r.Status == data.LetterDraft {
				cells[5].Importance = widget.WarningImportance
			}
			cells[5].Refresh()
			bs[0].SetText(w.T("letters.open"))
			bs[0].OnTapped = func() { l.open(r) }
			bs[1].SetText(w.T("letters.print"))
			bs[1].OnTapped = func() { l.send(r, data.SentPrint) }
			bs[2].SetText(w.T("letters.email"))
			bs[2].OnTapped = func() { l.send(r, data.SentEmail) }
		})
	filters := container.NewGridWithColumns(5,
		labelled(w.T("letters.filter.from"), l.from), labelled(w.T("letters.filter.until"), l.until),
		labelled(w.T("letters.column.template"), l.template), labelled(w.T("letters.column.practitioner"), l.practitioner),
		labelled(w.T("letters.column.status"), l.status))
	head := container.NewVBox(
		container.NewBorder(nil, nil, heading(w.T("letters.heading")), container.NewHBox(l.tplBtn, l.bulkBtn, l.newBtn)),
		filters, l.info)
	l.content = container.New(layout.NewCustomPaddedLayout(6, 6, 10, 14), container.NewBorder(head, nil, nil, nil, l.list.content))
	if !d.can(data.RightLetters) {
		l.content = container.New(layout.NewCustomPaddedLayout(6, 6, 10, 14),
			container.NewVBox(heading(w.T("letters.heading")), notForRole(w, data.RightLetters)))
	}
	return l
}

func (l *lettersScreen) view() fyne.CanvasObject { return l.content }

func (l *lettersScreen) shown() <-chan struct{} { return l.reloadNow() }

func (l *lettersScreen) statusText(s string) string {
	if s == data.LetterSent {
		return l.d.w.T("letters.status.sent")
	}
	return l.d.w.T("letters.status.draft")
}

// filter reads the filters; a date that is not one yet (being typed)
// leaves its end of the range open.
func (l *lettersScreen) filter() data.LetterFilter {
	f := data.LetterFilter{Limit: lettersShown + 1} // one more tells that there are more
	df := l.d.pr.DateFormat
	if day, err := df.Parse(strings.TrimSpace(l.from.Text)); err == nil {
		f.From = day
	}
	if day, err := df.Parse(strings.TrimSpace(l.until.Text)); err == nil {
		f.Until = day
	}
	if i := l.template.SelectedIndex(); i > 0 && i-1 < len(l.loaded.Refs.Templates) {
		f.TemplateID = l.loaded.Refs.Templates[i-1].ID
	}
	if i := l.practitioner.SelectedIndex(); i > 0 && i-1 < len(l.loaded.Refs.Practitioners) {
		f.PractitionerID = l.loaded.Refs.Practitioners[i-1].ID
	}
	if i := l.status.SelectedIndex(); i > 0 {
		f.Status = letterStatuses[i]
	}
	return f
}

func (l *lettersScreen) filterKey() string {
	f := l.filter()
	return strings.Join([]string{f.From.String(), f.Until.String(), f.TemplateID, f.PractitionerID, f.Status}, "|")
}

func (l *lettersScreen) reload() {
	if l.loads != nil {
		l.reloadNow()
	}
}

// reloadNow reads the letters the filters ask for: none for a role that
// may not see them.
func (l *lettersScreen) reloadNow() <-chan struct{} {
	if !l.d.can(data.RightLetters) {
		return closed()
	}
	store, f, key := l.d.store, l.filter(), l.filterKey()
	return l.loads.load(key, func(ctx context.Context) (lettersView, error) {
		var v lettersView
		var err error
		if v.Refs, err = loadLetterRefs(ctx, store); err != nil {
			return v, err
		}
		v.Letters, err = store.Letters(ctx, f)
		return v, err
	}, l.apply)
}

func (l *lettersScreen) apply(v lettersView) {
	w := l.d.w
	more := len(v.Letters) > lettersShown
	if more {
		v.Letters = v.Letters[:lettersShown]
	}
	l.loaded = v
	tpl := []string{w.T("letters.filter.any_template")}
	for _, t := range v.Refs.Templates {
		tpl = append(tpl, templateLabel(t, l.d.pr.DocumentLanguage))
	}
	prs := []string{w.T("letters.filter.any_practitioner")}
	for _, p := range v.Refs.Practitioners {
		prs = append(prs, p.DisplayName)
	}
	keepChoice(l.template, tpl)
	keepChoice(l.practitioner, prs)
	if more {
		setText(l.info, w.N("letters.count_newest", len(v.Letters)), widget.MediumImportance)
	} else {
		setText(l.info, w.N("letters.count", len(v.Letters)), widget.LowImportance)
	}
	l.list.list.Refresh()
}

// keepChoice gives a choice new options, keeping what was chosen when
// it is still offered (the first option otherwise), without calling its
// OnChanged.
func keepChoice(s *deskSelect, options []string) {
	was := s.Selected
	changed := s.OnChanged
	s.OnChanged = nil
	s.Options = options
	s.SetSelectedIndex(0)
	for i, o := range options {
		if o == was {
			s.SetSelectedIndex(i)
		}
	}
	s.OnChanged = changed
	s.Refresh()
}

// open edits a draft, or shows a sent letter's text.
func (l *lettersScreen) open(r data.LetterRow) {
	if r.Status == data.LetterDraft {
		editLetter(l.d, r.Letter, func() { l.reloadNow() })
		return
	}
	store, pr := l.d.store, l.d.pr
	background(l.d.do, func() (reports.PreparedLetter, error) {
		ctx := context.Background()
		p, err := reports.PrepareLetter(ctx, store, r.Letter, pr, nowFunc())
		if err == nil { // reading a letter is reading the patient's data
			err = store.AuditRead(ctx, "read", "patients", r.PatientID, "opened letter "+r.ID)
		}
		return p, err
	}, func(p reports.PreparedLetter, err error) { showLetterText(l.d, p, err) })
}

// send prints or e-mails a letter from its row: a draft is sent by it.
func (l *lettersScreen) send(r data.LetterRow, how string) <-chan struct{} {
	return sendLetter(l.d, r.Letter, how, "", func(res letterSent, err error) {
		if err != nil {
			l.d.sayError(err)
			return
		}
		l.d.saidSent(how, res)
		l.reloadNow()
	})
}

// newLetter asks for the patient, then opens the editor.
func (l *lettersScreen) newLetter() {
	choosePatient(l.d, func(pt data.Patient) { writeLetter(l.d, pt, "", func() { l.reloadNow() }) })
}
