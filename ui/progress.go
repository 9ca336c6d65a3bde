package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// progressDialog is a modal over long work (a restore, the backup at
// close): what is being done, a bar, how far in bytes, and Cancel.
// Escape cancels too; Enter does nothing, so a key pressed by habit
// never stops the work.
type progressDialog struct {
	w      words
	m      *modal
	what   *widget.Label
	bar    *widget.ProgressBar
	detail *widget.Label
	cancel *widget.Button
}

func showProgress(w words, c fyne.Canvas, title, what, cancelLabel string, cancel func()) *progressDialog {
	p := &progressDialog{w: w, what: widget.NewLabel(hardWrap(what, 60)), bar: widget.NewProgressBar(), detail: quiet(" ")}
	p.cancel = widget.NewButton(cancelLabel, func() {
		p.cancel.Disable()
		p.detail.SetText(w.T("progress.cancelling"))
		cancel()
	})
	body := container.New(&fixedWidth{w: 460}, container.NewVBox(p.what, p.bar, p.detail))
	p.m = showModal(c, title, body, p.cancel)
	p.m.defaultBtn = nil // Enter must not cancel
	p.cancel.Importance = widget.MediumImportance
	p.cancel.Refresh()
	p.m.onEscape = func() {
		if !p.cancel.Disabled() {
			p.cancel.OnTapped()
		}
	}
	return p
}

// set shows how far the work has gone.
func (p *progressDialog) set(done, total int64) {
	if total <= 0 {
		return
	}
	p.bar.SetValue(float64(done) / float64(total))
	if !p.cancel.Disabled() {
		p.detail.SetText(p.w.T("progress.bytes", "Done", sizeWords(p.w, done), "Total", sizeWords(p.w, total)))
	}
}

// say changes what the dialog says is being done (the last steps of a
// restore, which cannot be cancelled).
func (p *progressDialog) say(what string, cancellable bool) {
	p.what.SetText(hardWrap(what, 60))
	if !cancellable {
		p.cancel.Disable()
	}
	p.m.fit()
}

func (p *progressDialog) close() { p.m.close() }

// sizeWords writes a size in bytes as people read it, in the desk's
// language: "12.5 MB", "12,5 Mo".
func sizeWords(w words, n int64) string {
	switch {
	case n >= 1<<30:
		return w.T("size.gb", "Size", w.Decimal(n*10/(1<<30), 1))
	case n >= 1<<20:
		return w.T("size.mb", "Size", w.Decimal(n*10/(1<<20), 1))
	}
	return w.T("size.kb", "Size", w.Number(max(n>>10, 1)))
}
