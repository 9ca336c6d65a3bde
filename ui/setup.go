package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// setupScreen is the first start: the practice's essential settings,
// before the desk can open.
type setupScreen struct {
	w       words
	store   *data.Store
	do      func(func())
	logf    func(string, ...any)
	form    *practiceForm
	create  *widget.Button
	result  *widget.Label
	saving  bool
	content fyne.CanvasObject
	onDone  func(data.Practice)
	// Joining a practice from its sync folder instead (setup_join.go).
	win      fyne.Window
	join     *widget.Button
	joinForm *syncFolderForm // the join dialog opened last (tests)
	// onStore is told of the store the join opened in place of the
	// first one.
	onStore func(*data.Store)
}

// setupDefaults is what the first-start form proposes: the computer's
// time zone, the currency of its region, and letters and invoices in the
// language the desk speaks.
func setupDefaults(w words) data.Practice {
	pr := practiceDefaults(zoneCandidates(), localeCandidates())
	pr.DocumentLanguage = w.Lang()
	return pr
}

// practiceDefaults picks the proposed zone and currency from where the
// system keeps them (see zoneCandidates and localeCandidates).
func practiceDefaults(zones, locales []string) data.Practice {
	return data.Practice{Currency: localeCurrency(locales...), TimeZone: zoneFrom(zones...), DateFormat: data.DMY}
}

func newSetupScreen(w words, win fyne.Window, s *data.Store, do func(func()), logf func(string, ...any), onDone func(data.Practice)) *setupScreen {
	su := &setupScreen{w: w, win: win, store: s, do: do, logf: logf, onDone: onDone}
	defaults := setupDefaults(w)
	// For support, and for the Windows check under wine: which zone and
	// currency the computer's settings gave.
	logf("setup: proposing the time zone %s and the currency %s", defaults.TimeZone, defaults.Currency)
	su.form = newPracticeForm(w, defaults, false, nil)
	su.create = widget.NewButtonWithIcon(w.T("setup.create"), theme.ConfirmIcon(), func() { su.doCreate() })
	su.create.Importance = widget.HighImportance
	su.result = widget.NewLabel("")
	su.result.Wrapping = fyne.TextWrapWord
	su.form.onState = su.updateButton
	su.form.onSubmit = func() { su.doCreate() }
	su.updateButton()
	intro := widget.NewLabel(hardWrap(w.T("setup.intro", "Folder", s.Dir()), 84))
	card := container.NewVBox(
		heading(w.T("setup.heading")),
		intro,
		su.form.content,
		container.NewHBox(su.create),
		su.result,
		su.joinPart())
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = lineColour, 1, 6
	su.content = withBackground(railColour, container.NewCenter(container.New(&fixedWidth{w: 600},
		container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(16, 20, 20, 20), card)))))
	return su
}

func (su *setupScreen) updateButton() {
	if su.form.valid && !su.saving {
		su.create.Enable()
	} else {
		su.create.Disable()
	}
}

// doCreate saves the practice in the background, then opens the desk.
func (su *setupScreen) doCreate() <-chan struct{} {
	if !su.form.valid || su.saving {
		return closed()
	}
	pr, store := su.form.result, su.store
	su.saving = true
	su.updateButton()
	setText(su.result, su.w.T("common.saving"), widget.LowImportance)
	failed := func(err error) {
		su.saving = false
		su.logf("ui: creating the practice: %v", err)
		setText(su.result, su.w.T("common.not_saved", "Why", su.w.Error(err)), widget.DangerImportance)
		su.updateButton()
	}
	return writeThen(su.do, store, func(tx *data.Tx) error {
		if err := tx.Save(&pr); err != nil {
			return err
		}
		return tx.AddDefaultTemplates() // a new practice starts with the shipped letters
	}, failed, func() <-chan struct{} {
		return backgroundThen(su.do, func() (data.Practice, error) { return store.Practice(context.Background()) },
			func(saved data.Practice, err error) <-chan struct{} {
				if err != nil {
					failed(err)
					return nil
				}
				su.saving = false
				su.onDone(saved)
				return nil
			})
	})
}
