package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// patientChooser asks whom a letter is for: search as you type, Up and
// Down move through the results, Enter takes the highlighted patient.
type patientChooser struct {
	d      *desk
	search *deskEntry
	list   *pickList
	info   *widget.Label
	hits   []data.PatientHit
	loads  *loader[string, []data.PatientHit]
	m      *modal
	then   func(data.Patient)
}

func choosePatient(d *desk, then func(data.Patient)) *patientChooser {
	w := d.w
	c := &patientChooser{d: d, then: then}
	c.loads = newLoader[string, []data.PatientHit](d, func() string { return strings.TrimSpace(c.search.Text) })
	c.search = newDeskEntry(nil)
	c.search.SetPlaceHolder(w.T("letters.choose_patient.placeholder"))
	c.info = quiet(w.T("letters.choose_patient.hint"))
	c.list = newPickList(func() int { return len(c.hits) },
		func() fyne.CanvasObject { return truncated("") },
		func(id int, o fyne.CanvasObject) {
			h := c.hits[id]
			o.(*widget.Label).SetText(listName(h.FamilyName, h.GivenName) + " · " + h.ChartNumber + birthSuffix(d, h))
		},
		func(id int) { c.pick(c.hits[id]) })
	c.search.OnChanged = func(string) { c.find() }
	c.search.onKey = func(k *fyne.KeyEvent) bool {
		switch k.Name {
		case fyne.KeyUp, fyne.KeyDown:
			c.list.TypedKey(k)
			return true
		case fyne.KeyReturn, fyne.KeyEnter:
			if c.list.current >= 0 && c.list.current < len(c.hits) {
				c.pick(c.hits[c.list.current])
			}
			return true
		}
		return false
	}
	cancel := widget.NewButton(w.T("common.cancel"), func() { c.m.close() })
	body := container.NewBorder(c.search, c.info, nil, nil, container.New(&fixedHeight{h: 8 * 30}, c.list))
	c.m = showModal(d.win.Canvas(), w.T("letters.choose_patient.title"), container.New(&fixedWidth{w: 520}, body), cancel)
	c.m.defaultBtn = nil // Enter picks from the list, never cancels
	d.win.Canvas().Focus(c.search)
	return c
}

func birthSuffix(d *desk, h data.PatientHit) string {
	if h.BirthDate.IsZero() {
		return ""
	}
	return " · " + d.pr.DateFormat.Format(h.BirthDate)
}

// find searches once typing pauses.
func (c *patientChooser) find() <-chan struct{} {
	q, store := strings.TrimSpace(c.search.Text), c.d.store
	if q == "" {
		c.loads.stop()
		c.hits = nil
		c.list.Refresh()
		return closed()
	}
	return c.loads.loadAfter(150*time.Millisecond, q, func(ctx context.Context) ([]data.PatientHit, error) {
		return store.SearchPatients(ctx, q, 50)
	}, func(hits []data.PatientHit) {
		c.hits = hits
		c.list.reset()
		c.list.Refresh()
		setText(c.info, c.d.w.N("letters.choose_patient.found", len(hits)), widget.LowImportance)
	})
}

// pick reads the patient and hands them on.
func (c *patientChooser) pick(h data.PatientHit) <-chan struct{} {
	store := c.d.store
	return background(c.d.do, func() (data.Patient, error) { return store.Patient(context.Background(), h.ID) },
		func(pt data.Patient, err error) {
			if err != nil {
				c.d.sayError(err)
				return
			}
			c.m.close()
			c.then(pt)
		})
}
