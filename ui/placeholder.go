package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// placeholderScreen is a screen that is not built yet: its title and a
// plain sentence saying what it will hold. No sample data: a secretary
// must never mistake a mock-up for the practice's records.
type placeholderScreen struct {
	content fyne.CanvasObject
}

func newPlaceholder(w words, title, will string) *placeholderScreen {
	notice := widget.NewLabel(w.T("placeholder.not_built"))
	notice.Importance = widget.WarningImportance
	notice.TextStyle.Bold = true
	body := container.NewVBox(heading(title), paragraph(will), notice)
	return &placeholderScreen{content: container.New(layout.NewCustomPaddedLayout(12, 12, 16, 16),
		container.NewBorder(container.New(&maxWidth{w: 720}, body), nil, nil, nil))}
}

func (p *placeholderScreen) view() fyne.CanvasObject { return p.content }

func (p *placeholderScreen) shown() <-chan struct{} { return closed() }
