package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// The practitioners of the day view: the secretary of a large practice
// chooses whose columns she works with; the choice is remembered on this
// computer. A practitioner added later is shown until left out.

// showFilter writes on the filter button how many practitioners the
// day view shows.
func (c *calendarScreen) showFilter() {
	all := c.refs.activePractitioners()
	n := 0
	for _, p := range all {
		if !c.hidden[p.ID] {
			n++
		}
	}
	label := c.d.w.T("calendar.filter.all")
	if n < len(all) {
		label = c.d.w.N("calendar.filter.some", len(all), "Shown", n)
	}
	if c.prFilter.Text != label {
		c.prFilter.SetText(label)
	}
}

// practitionerChooser is the dialog that chooses the day view's
// practitioners: one box each; at least one stays ticked.
type practitionerChooser struct {
	m     *modal
	boxes *widget.CheckGroup
	ids   []string
}

// choosePractitioners opens the chooser; every change shows at once.
func (c *calendarScreen) choosePractitioners() *practitionerChooser {
	pc := &practitionerChooser{}
	var names, shown []string
	for _, p := range c.refs.activePractitioners() {
		names = append(names, p.DisplayName)
		pc.ids = append(pc.ids, p.ID)
		if !c.hidden[p.ID] {
			shown = append(shown, p.DisplayName)
		}
	}
	pc.boxes = widget.NewCheckGroup(names, nil)
	pc.boxes.SetSelected(shown)
	pc.boxes.OnChanged = func(sel []string) {
		if len(sel) == 0 { // nobody would be left: keep the last one
			pc.boxes.SetSelected(shown)
			return
		}
		shown = sel
		on := map[string]bool{}
		for _, s := range sel {
			on[s] = true
		}
		hidden := map[string]bool{}
		var list []string
		for i, id := range pc.ids {
			if !on[names[i]] {
				hidden[id] = true
				list = append(list, id)
			}
		}
		c.hidden = hidden
		if c.prefs != nil {
			c.prefs.SetStringList(prefDayHidden, list)
		}
		c.showFilter()
		c.load()
	}
	w := c.d.w
	all := widget.NewButton(w.T("calendar.filter.show_all"), func() { pc.boxes.SetSelected(names) })
	body := container.NewVBox(quiet(hardWrap(w.T("calendar.filter.intro"), 60)), pc.boxes)
	pc.m = showModal(c.d.win.Canvas(), w.T("calendar.filter.title"), container.New(&minWidth{w: 360}, body),
		all, button(w.T("calendar.filter.done"), true, func() { pc.m.close() }))
	return pc
}
