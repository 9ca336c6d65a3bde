package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// editDialog is what the settings editors (practitioner, appointment
// type) share: the list of problems and the Save button that follows it,
// and a save that runs in the background and, when it fails, keeps the
// dialog open with what was typed.
type editDialog struct {
	d      *desk
	m      *modal
	probs  *widget.Label
	result *widget.Label
	save   *widget.Button
	wrap   int // characters per line of the messages

	touched bool // something was typed: "name is missing" may be said
	saving  bool
	onSaved func()
	// done is closed once a save succeeded and the dialog closed (tests).
	done chan struct{}
}

func newEditDialog(d *desk, wrap int, onSaved func()) editDialog {
	return editDialog{d: d, wrap: wrap, onSaved: onSaved, done: make(chan struct{})}
}

// formProblem is one problem a settings dialog lists: the field it is
// about (data's Field names, "" for none) and its words.
type formProblem struct{ field, text string }

// showProblems lists the problems and enables Save only when there are
// none. A missing name is not called a problem before anything was typed
// (the form would open scolding); at most maxShown are listed, then how
// many more (0: all), so a dialog never grows taller than the screen.
func (e *editDialog) showProblems(problems []formProblem, nameEmpty bool, maxShown int) bool {
	var shown []string
	for _, p := range problems {
		if e.touched || !nameEmpty || p.field != data.FieldName {
			shown = append(shown, p.text)
		}
	}
	if maxShown > 0 && len(shown) > maxShown {
		more := len(shown) - maxShown
		shown = append(shown[:maxShown:maxShown], e.d.w.N("settings.more_problems", more))
	}
	showError(e.probs, hardWrap(strings.Join(shown, "\n"), e.wrap))
	e.m.fit()
	if len(problems) > 0 || e.saving {
		e.save.Disable()
	} else {
		e.save.Enable()
	}
	return len(problems) == 0
}

// saveInBackground runs write in one transaction off the UI goroutine.
// On success the dialog closes and saved is said; on failure the message
// is shown, what was typed stays, and recheck re-enables Save.
func (e *editDialog) saveInBackground(what string, write func(tx *data.Tx) error, saved string, recheck func() bool) {
	e.saving = true
	e.save.Disable()
	showError(e.result, "")
	e.d.write(func(tx *data.Tx) error {
		if err := write(tx); err != nil {
			return data.WithOp("saving the "+what, err) // for the log; the message stays the store's
		}
		return nil
	}, func(err error) {
		e.saving = false
		showError(e.result, hardWrap(e.d.w.T("common.not_saved", "Why", e.d.w.Error(err)), e.wrap))
		recheck()
	}, func() <-chan struct{} {
		e.saving = false
		e.m.close()
		e.d.say(saved)
		if e.onSaved != nil {
			e.onSaved()
		}
		close(e.done)
		return nil
	})
}
