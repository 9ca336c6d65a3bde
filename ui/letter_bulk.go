package ui

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
	"frontdesk/reports"
)

// recallRun writes recall letters for every patient on the recall list
// (or those due between two dates) in one PDF, with a progress bar and
// Cancel: merging the letters, then drawing them. Cancel stops it
// before any file is written or any letter recorded; a finished run
// records each letter in its patient's history.
type recallRun struct {
	d            *desk
	due          []data.RecallDue
	chosen       []data.RecallDue // those the dates let through
	refs         letterRefs
	practitioner *deskSelect
	from, until  *deskEntry // the due dates chosen, either may be empty
	chosenInfo   *widget.Label
	info, result *widget.Label
	bar          *widget.ProgressBar
	start        *widget.Button
	cancelBtn    *widget.Button
	cancelled    atomic.Bool
	running      bool
	m            *modal
	onDone       func() <-chan struct{}
	done         chan struct{} // closed when a run ends (tests)
}

// recallsDue are the patients the Call lists' recall tab shows.
func recallsDue(ctx context.Context, s *data.Store, pr data.Practice) ([]data.RecallDue, error) {
	now := nowFunc().In(pr.Location())
	today := data.DateOf(now)
	return s.RecallsDue(ctx, today.AddDays(-365), today.AddDays(30), now)
}

// openRecallLetters reads the recall list and opens the run's dialog.
func openRecallLetters(d *desk, onDone func() <-chan struct{}) <-chan struct{} {
	store, pr := d.store, d.pr
	type loaded struct {
		due  []data.RecallDue
		refs letterRefs
	}
	return background(d.do, func() (loaded, error) {
		ctx := context.Background()
		due, err := recallsDue(ctx, store, pr)
		if err != nil {
			return loaded{}, err
		}
		refs, err := loadLetterRefs(ctx, store)
		return loaded{due, refs}, err
	}, func(l loaded, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		newRecallRun(d, l.due, l.refs, onDone)
	})
}

func newRecallRun(d *desk, due []data.RecallDue, refs letterRefs, onDone func() <-chan struct{}) *recallRun {
	w := d.w
	r := &recallRun{d: d, due: due, refs: refs, onDone: onDone, done: make(chan struct{})}
	names := []string{w.T("letters.recall.signer_none")}
	for _, p := range refs.Practitioners {
		names = append(names, p.DisplayName)
	}
	r.practitioner = newDeskSelect(names, nil)
	r.practitioner.SetSelectedIndex(min(1, len(names)-1))
	r.info = widget.NewLabel(w.N("letters.recall.count", len(due)))
	r.info.Wrapping = fyne.TextWrapWord
	r.bar = widget.NewProgressBar()
	r.bar.Hide()
	r.result = widget.NewLabel("")
	r.result.Wrapping = fyne.TextWrapWord
	r.result.Hide()
	r.cancelBtn = widget.NewButton(w.T("common.cancel"), func() { r.cancel() })
	r.start = widget.NewButton(w.T("letters.recall.start"), func() { r.run() })
	r.from, r.until = newDeskEntry(d.focusSearch), newDeskEntry(d.focusSearch)
	for _, e := range []*deskEntry{r.from, r.until} {
		e.SetPlaceHolder(d.pr.DateFormat.Example())
		e.OnChanged = func(string) { r.choose() }
	}
	r.chosenInfo = widget.NewLabel("")
	r.chosenInfo.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(r.info,
		container.NewGridWithColumns(2, labelled(w.T("letters.recall.due_from"), r.from), labelled(w.T("letters.recall.due_until"), r.until)),
		r.chosenInfo, labelled(w.T("letters.recall.signer"), r.practitioner), r.bar, r.result)
	r.m = showModal(d.win.Canvas(), w.T("letters.recall.title"), container.New(&fixedWidth{w: 560}, body), r.cancelBtn, r.start)
	r.m.onEscape = r.cancel
	r.choose()
	lastRecallRun = r
	return r
}

// lastRecallRun is the run dialog opened last (tests).
var lastRecallRun *recallRun

// choose keeps the patients whose check-up is due between the dates
// typed. A date that cannot be read stops the run rather than printing
// for more patients than meant.
func (r *recallRun) choose() {
	w, df := r.d.w, r.d.pr.DateFormat
	var from, until data.Date
	problem := ""
	for _, f := range []struct {
		e     *deskEntry
		label i18n.Key
		day   *data.Date
	}{{r.from, "letters.recall.due_from", &from}, {r.until, "letters.recall.due_until", &until}} {
		text := strings.TrimSpace(f.e.Text)
		if text == "" {
			continue
		}
		day, err := df.Parse(text)
		if err != nil && problem == "" {
			problem = w.T("problem.about_field", "Field", f.label, "Problem", err)
		}
		*f.day = day
	}
	r.chosen = r.chosen[:0]
	if problem == "" {
		for _, c := range r.due {
			if (from.IsZero() || !c.Due.Before(from)) && (until.IsZero() || !until.Before(c.Due)) {
				r.chosen = append(r.chosen, c)
			}
		}
	}
	switch {
	case problem != "":
		setText(r.chosenInfo, problem, widget.DangerImportance)
		r.chosenInfo.Show()
	case from.IsZero() && until.IsZero():
		r.chosenInfo.Hide()
	default:
		setText(r.chosenInfo, w.N("letters.recall.chosen", len(r.chosen)), widget.MediumImportance)
		r.chosenInfo.Show()
	}
	if len(r.chosen) == 0 || r.running {
		r.start.Disable()
	} else {
		r.start.Enable()
	}
	r.m.fit()
}

// cancel stops a run under way, or closes the dialog.
func (r *recallRun) cancel() {
	if r.running {
		r.cancelled.Store(true)
		return
	}
	r.m.close()
}

// run merges and draws the letters off the UI goroutine, the bar moving
// through both halves of the work.
func (r *recallRun) run() <-chan struct{} {
	if r.running {
		return closed()
	}
	w, store, pr, due := r.d.w, r.d.store, r.d.pr, slices.Clone(r.chosen)
	if len(due) == 0 {
		return closed()
	}
	signer := ""
	if i := r.practitioner.SelectedIndex(); i > 0 && i-1 < len(r.refs.Practitioners) {
		signer = r.refs.Practitioners[i-1].ID
	}
	r.running = true
	r.cancelled.Store(false)
	r.start.Disable()
	r.practitioner.Disable()
	r.from.Disable()
	r.until.Disable()
	r.bar.SetValue(0)
	r.bar.Show()
	r.result.Hide()
	r.m.fit()
	total := float64(2 * max(1, len(due)))
	step := func(done int, half int) bool {
		v := float64(half*len(due)+done) / total
		r.d.do(func() { r.bar.SetValue(v) })
		return !r.cancelled.Load()
	}
	type outcome struct {
		path      string
		viewerErr error
		batch     reports.RecallBatch
	}
	today := data.DateOf(nowFunc().In(pr.Location()))
	return background(r.d.do, func() (outcome, error) {
		ctx := context.Background()
		tpl, err := store.TemplateOfKind(ctx, data.KindRecall, pr.DocumentLanguage)
		if err != nil {
			return outcome{}, err
		}
		batch, err := reports.PrepareRecalls(ctx, store, pr, tpl, due, signer, today, nowFunc(),
			func(done int) bool { return step(done, 0) })
		if err != nil || len(batch.Letters) == 0 {
			return outcome{batch: batch}, err
		}
		dir, err := store.PrintsDir()
		if err != nil {
			return outcome{}, err
		}
		path, err := reports.WriteRecallLetters(ctx, store, batch, filepath.Join(dir, reports.RecallFileName(today)), reports.Options{},
			func(done int) bool { return step(done*len(due)/len(batch.Letters), 1) })
		if err != nil {
			return outcome{batch: batch}, err
		}
		return outcome{path: path, viewerErr: openDocument(path), batch: batch}, nil
	}, func(o outcome, err error) {
		defer close(r.done)
		r.running = false
		r.bar.Hide()
		switch {
		case errors.Is(err, reports.ErrCancelled):
			setText(r.result, w.T("letters.recall.cancelled"), widget.WarningImportance)
			r.start.Enable()
			r.practitioner.Enable()
			r.from.Enable()
			r.until.Enable()
		case err != nil:
			r.d.opts.logf("ui: recall letters: %v", err)
			setText(r.result, w.Error(err), widget.DangerImportance)
			r.start.Enable()
			r.practitioner.Enable()
			r.from.Enable()
			r.until.Enable()
		default:
			setText(r.result, r.summary(o.batch), widget.SuccessImportance)
			if len(o.batch.Letters) > 0 {
				r.d.printed(w.T("letters.recall.what"), o.path, o.viewerErr)
			}
			r.cancelBtn.SetText(w.T("common.ok"))
			if r.onDone != nil {
				r.onDone()
			}
		}
		r.result.Show()
		r.m.fit()
	})
}

// summary says how many letters were printed and who was left out, why.
func (r *recallRun) summary(b reports.RecallBatch) string {
	w := r.d.w
	lines := []string{w.N("letters.recall.printed", len(b.Letters))}
	if len(b.Skipped) > 0 {
		lines = append(lines, w.N("letters.recall.skipped", len(b.Skipped)))
		for i, s := range b.Skipped {
			if i == 10 {
				lines = append(lines, w.N("letters.recall.more", len(b.Skipped)-10))
				break
			}
			lines = append(lines, "• "+w.Error(s.Why))
		}
	}
	return strings.Join(lines, "\n")
}
