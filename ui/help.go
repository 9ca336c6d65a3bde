package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data/i18n"
)

// helpWrap is where the descriptions are broken into lines.
const helpWrap = 54

// helpColumns are the groups of keys on the left and on the right of the
// help, so that the whole list fits a 1366×768 screen without scrolling.
var helpColumns = [2][]i18n.Key{{keysAnywhere, keysSearch, keysWaiting}, {keysForms, keysCalendar}}

// showHelp opens Help → Keyboard shortcuts (F1, or the help button of the
// top bar): every key of the desk, from the table the window's keys are
// installed from. It opens once; F1 again leaves it as it is.
func (d *desk) showHelp() *modal {
	if d.help != nil && !d.help.closed {
		return d.help
	}
	keys, w := keyTable(), d.w
	var cols []fyne.CanvasObject
	for _, groups := range helpColumns {
		col := container.NewVBox()
		for _, g := range groups {
			col.Add(subheading(w.T(g)))
			for _, k := range keys {
				if k.group == g {
					col.Add(container.New(&columns{shares: []float32{0.27, 0.73}}, bold(k.keyText(w)), widget.NewLabel(hardWrap(w.T(k.what), helpWrap))))
				}
			}
		}
		cols = append(cols, col)
	}
	body := container.New(&minWidth{w: 1040}, container.NewGridWithColumns(2, cols...))
	var m *modal
	m = showModal(d.win.Canvas(), w.T("keys.title"), container.New(layout.NewCustomPaddedLayout(0, 0, 4, 4), body),
		button(w.T("booking.close"), true, func() { m.close() }))
	d.help = m
	return m
}
