package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
	"frontdesk/data/interop"
)

// The CSV import of patients from the Patients screen (issue 14): a
// wizard of one dialog per step — the file, then its columns with the
// first rows under them (and the date order when the file cannot settle
// it), then the report of every line, then the import with a progress
// bar and Cancel. Reading, checking and importing run in the
// background; the window never waits for them.

// wizardWidth is the least width of the wizard's dialogs: one width for
// every step, and room for the sentences of the report.
const wizardWidth = 720

// previewRows is how many rows of the file the columns step shows.
const previewRows = 3

// importWizard holds the steps of one import.
type importWizard struct {
	d     *desk
	step  *modal
	src   *interop.Source
	cols  []interop.Target
	order data.DateFormat
	plan  *interop.Plan

	// The widgets of the step on show, for tests and screenshots.
	path     *deskEntry
	problem  *widget.Label
	selects  []*widget.Select
	orderSel *widget.Select
	progress *widget.ProgressBar
	next     *widget.Button
}

// startImport opens the wizard's first step, for a user who may create
// patients; others are told why not, and get no wizard (nil).
func (p *patientsScreen) startImport() *importWizard {
	if !p.d.can(data.RightPatientsWrite) {
		p.d.sayError(data.NewError(data.EForbidden, "access.forbidden", "Right", data.RightLabel(data.RightPatientsWrite)))
		return nil
	}
	wz := &importWizard{d: p.d}
	wz.chooseStep("")
	return wz
}

// show replaces the step on show by a new one.
func (wz *importWizard) show(title string, body fyne.CanvasObject, buttons ...*widget.Button) {
	if wz.step != nil {
		wz.step.onClose = nil
		wz.step.close()
	}
	wz.next = buttons[len(buttons)-1]
	wz.step = showModal(wz.d.win.Canvas(), title, body, buttonObjects(buttons)...)
	wz.step.steady.min.Width = max(wz.step.steady.min.Width, wizardWidth)
	wz.step.holdHeight(520)
}

// gone reports whether step, which started a background read or check,
// was closed (Cancel, Escape) before its result came: the result is then
// dropped instead of opening the next step over whatever is on screen.
func (wz *importWizard) gone(step *modal) bool { return step.closed || wz.step != step }

func (wz *importWizard) cancelButton() *widget.Button {
	w := wz.d.w
	return button(w.T("common.cancel"), false, func() { wz.step.close() })
}

// chooseStep asks for the file: typed, or chosen in the file dialog.
func (wz *importWizard) chooseStep(path string) {
	w := wz.d.w
	wz.path = newDeskEntry(nil)
	wz.path.SetPlaceHolder(w.T("import.wizard.path_hint"))
	wz.path.SetText(path)
	wz.problem = fieldError()
	browse := button(w.T("import.wizard.browse"), false, func() {
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			r.Close()
			wz.path.SetText(r.URI().Path())
		}, wz.d.win)
		fd.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".tsv", ".CSV", ".TXT"}))
		fd.Resize(fyne.NewSize(900, 600))
		fd.Show()
	})
	next := button(w.T("import.wizard.next"), true, func() { wz.read() })
	body := container.NewVBox(paragraph(w.T("import.wizard.choose_intro")),
		container.NewBorder(nil, nil, nil, browse, wz.path), wz.problem)
	wz.show(w.T("import.wizard.title"), body, wz.cancelButton(), next)
}

// read reads the chosen file in the background, then shows its columns.
func (wz *importWizard) read() <-chan struct{} {
	path := strings.TrimSpace(wz.path.Text)
	if path == "" {
		showError(wz.problem, wz.d.w.T("import.wizard.no_file"))
		return closed()
	}
	wz.next.Disable()
	step := wz.step
	return background(wz.d.do, func() (*interop.Source, error) { return interop.ReadFile(path) },
		func(src *interop.Source, err error) {
			if wz.gone(step) {
				return
			}
			wz.next.Enable()
			if err != nil {
				wz.d.opts.logf("ui: %v", err)
				showError(wz.problem, wz.d.w.Error(err))
				wz.step.fit()
				return
			}
			wz.src, wz.cols = src, append([]interop.Target(nil), src.Columns...)
			wz.columnsStep()
		})
}

// columnsStep shows each column of the file with what it is taken to
// hold, which the person may change, and its first values.
func (wz *importWizard) columnsStep() {
	w := wz.d.w
	labels := make([]string, len(interop.Targets)+1)
	byLabel := map[string]interop.Target{}
	labels[0] = w.T(interop.Skip.Label())
	byLabel[labels[0]] = interop.Skip
	for i, t := range interop.Targets {
		labels[i+1] = w.T(t.Label())
		byLabel[labels[i+1]] = t
	}
	grid := container.NewGridWithColumns(2 + min(previewRows, len(wz.src.Records)))
	wz.selects = nil
	for i, h := range wz.src.Header {
		sel := widget.NewSelect(labels, nil)
		sel.SetSelected(w.T(wz.cols[i].Label()))
		sel.OnChanged = func(s string) {
			wz.cols[i] = byLabel[s]
			wz.askOrder()
		}
		wz.selects = append(wz.selects, sel)
		grid.Add(quietBold(clip(h, 24)))
		grid.Add(sel)
		for r := 0; r < min(previewRows, len(wz.src.Records)); r++ {
			grid.Add(quiet(clip(strings.ReplaceAll(wz.src.Records[r].Fields[i], "\n", " "), 24)))
		}
	}
	wz.orderSel = widget.NewSelect([]string{w.T("import.wizard.order_dmy"), w.T("import.wizard.order_mdy")}, func(s string) {
		wz.order = data.DMY
		if s == w.T("import.wizard.order_mdy") {
			wz.order = data.MDY
		}
	})
	wz.problem = fieldError()
	intro := w.T("import.wizard.columns_intro", "File", wz.src.Name, "Encoding", string(wz.src.Encoding),
		"Records", len(wz.src.Records)+len(wz.src.Broken))
	body := container.NewBorder(container.NewVBox(paragraph(intro)),
		container.NewVBox(wz.orderSel, wz.problem), nil, nil, container.NewVScroll(grid))
	check := button(w.T("import.wizard.check"), true, func() { wz.check() })
	wz.show(w.T("import.wizard.title"), body, wz.cancelButton(), check)
	wz.askOrder()
}

// askOrder shows the date order choice only when the file's dates, under
// the columns as chosen, cannot settle it.
func (wz *importWizard) askOrder() {
	if wz.src.DateOrder(wz.cols).NeedsChoice() {
		wz.orderSel.PlaceHolder = wz.d.w.T("import.wizard.order_ask")
		wz.orderSel.Show()
	} else {
		wz.orderSel.Hide()
	}
	wz.step.fit()
}

// check checks every line in the background, then shows the report.
func (wz *importWizard) check() <-chan struct{} {
	wz.next.Disable()
	src, ch := wz.src, interop.Choices{Columns: append([]interop.Target(nil), wz.cols...), DateOrder: wz.order}
	store, step := wz.d.store, wz.step
	return background(wz.d.do, func() (*interop.Plan, error) {
		return interop.Check(context.Background(), store, src, ch, nil)
	}, func(pl *interop.Plan, err error) {
		if wz.gone(step) {
			return
		}
		wz.next.Enable()
		if err != nil {
			wz.d.opts.logf("ui: %v", err)
			showError(wz.problem, wz.d.w.Error(err))
			wz.step.fit()
			return
		}
		wz.plan = pl
		wz.reportStep()
	})
}

// outcomeKeys name what became of a line in the report.
var outcomeKeys = map[interop.Outcome]i18n.Key{
	interop.Noted:   "import.wizard.outcome_noted",
	interop.Skipped: "import.wizard.outcome_skipped",
	interop.Refused: "import.wizard.outcome_refused",
}

// reportStep shows what the import will do with every line.
func (wz *importWizard) reportStep() {
	w := wz.d.w
	pl := wz.plan
	summary := w.N("import.wizard.summary", pl.ToImport, "Noted", pl.Noted, "Skipped", pl.Skipped, "Refused", pl.Refused)
	lines := container.NewVBox()
	for _, l := range pl.Lines {
		var says []string
		for _, is := range l.Issues {
			says = append(says, is.In(w.Localizer))
		}
		text := w.T("import.wizard.line", "Line", l.Line, "Outcome", outcomeKeys[l.Outcome], "Text", strings.Join(says, " "))
		lbl := widget.NewLabel(text)
		lbl.Wrapping = fyne.TextWrapWord
		if l.Outcome == interop.Refused {
			lbl.Importance = widget.DangerImportance
		}
		lines.Add(lbl)
	}
	wz.problem = fieldError()
	body := container.NewBorder(paragraph(summary), wz.problem, nil, nil, container.NewVScroll(lines))
	go_ := button(w.N("import.wizard.import", pl.ToImport), true, func() { wz.importStep() })
	if pl.ToImport == 0 {
		go_.Disable()
	}
	wz.show(w.T("import.wizard.title"), body, wz.cancelButton(), go_)
}

// importStep imports in the background with a progress bar; Cancel
// stops it and nothing is written.
func (wz *importWizard) importStep() <-chan struct{} {
	w := wz.d.w
	ctx, cancel := context.WithCancel(context.Background())
	wz.progress = widget.NewProgressBar()
	stop := button(w.T("common.cancel"), false, func() { cancel() })
	body := container.NewVBox(paragraph(w.N("import.wizard.importing", wz.plan.ToImport)), wz.progress)
	wz.show(w.T("import.wizard.title"), body, stop)
	wz.step.onEscape = cancel
	pl, store, bar := wz.plan, wz.d.store, wz.progress
	return background(wz.d.do, func() (int, error) {
		err := pl.Import(ctx, store, func(done, total int) {
			wz.d.do(func() { bar.SetValue(float64(done) / float64(total)) })
		})
		return pl.ToImport, err
	}, func(n int, err error) {
		cancel()
		wz.step.close()
		switch {
		case errors.Is(err, context.Canceled):
			wz.d.say(w.T("import.wizard.cancelled"))
		case err != nil:
			wz.d.opts.logf("ui: %v", err)
			wz.d.notDone(w.T("import.wizard.title"), err)
		default:
			wz.d.say(w.N("import.wizard.done", n))
			wz.d.patients.search(0)
		}
	})
}

// clip shortens s to n characters for a preview cell.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
