package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data/i18n"
)

// deskLanguageChoice is the desk's language on this computer: the
// system's, or one chosen here. It is a preference of this computer (two
// desks of one practice may speak two languages), kept by Fyne, not a
// setting of the practice, so it is saved as soon as it is chosen. The
// desk is built in its language when Frontdesk starts; a new choice is
// said to take effect then.
type deskLanguageChoice struct {
	w       words
	choice  *deskSelect
	note    *widget.Label
	content fyne.CanvasObject
}

// deskLanguageChoices are the choices, in the order the list offers
// them: the system's language, then each language.
var deskLanguageChoices = append([]string{langSystem}, func() []string {
	codes := make([]string, len(i18n.Langs))
	for i, l := range i18n.Langs {
		codes[i] = string(l)
	}
	return codes
}()...)

func newDeskLanguageChoice(w words) *deskLanguageChoice {
	c := &deskLanguageChoice{w: w}
	labels := []string{w.T("settings.desk_language.system", "Lang", systemLanguage().Name())}
	labels = append(labels, langNames()...)
	c.note = quiet("")
	c.choice = newDeskSelect(labels, nil)
	c.choice.SetSelectedIndex(c.storedIndex())
	c.choice.OnChanged = func(string) { c.chosen() }
	// As wide as its longest choice, so that none is cut.
	var width float32
	for _, l := range labels {
		width = max(width, fyne.MeasureText(l, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	width += theme.IconInlineSize() + 4*theme.InnerPadding()
	c.content = container.NewVBox(
		subheading(w.T("settings.this_computer")),
		container.NewHBox(bold(w.T("settings.desk_language")), container.New(&fixedWidth{w: width}, c.choice), c.note))
	return c
}

// storedIndex is the choice kept in this computer's preferences.
func (c *deskLanguageChoice) storedIndex() int {
	stored := fyne.CurrentApp().Preferences().String(langPreference)
	for i, code := range deskLanguageChoices {
		if code == stored {
			return i
		}
	}
	return 0
}

// chosen keeps the choice and says when it takes effect.
func (c *deskLanguageChoice) chosen() {
	i := c.choice.SelectedIndex()
	if i < 0 {
		return
	}
	fyne.CurrentApp().Preferences().SetString(langPreference, deskLanguageChoices[i])
	next := deskLanguage(fyne.CurrentApp(), "")
	if next == c.w.Lang() {
		c.note.SetText("")
		return
	}
	// The note is in the language chosen: it is for the person who chose it.
	c.note.SetText(i18n.For(next).T("settings.desk_language.restart"))
}
