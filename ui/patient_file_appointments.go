package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// appointmentsLimit bounds the appointments a file lists (years of
// visits of a frequent patient).
const appointmentsLimit = 500

var apptShares = []float32{0.20, 0.12, 0.22, 0.20, 0.26}

// appointmentsTab lists the patient's appointments, the coming ones
// first, then the past ones, newest first. Booking and changing them is
// the calendar's work.
type appointmentsTab struct {
	f       *patientFile
	info    *widget.Label
	rows    []data.AppointmentView
	list    *widget.List
	content fyne.CanvasObject
	loads   *loader[string, []data.AppointmentView]
}

func newAppointmentsTab(f *patientFile) *appointmentsTab {
	t := &appointmentsTab{f: f}
	t.loads = newLoader[string, []data.AppointmentView](f.d, func() string { return f.id })
	w := f.d.w
	t.loads.failed = func(err error) { setText(t.info, w.Error(err), widget.DangerImportance) }
	t.info = quiet("")
	t.list = widget.NewList(
		func() int { return len(t.rows) },
		func() fyne.CanvasObject {
			return container.New(&columns{shares: apptShares}, truncated(""), truncated(""), truncated(""), truncated(""), truncated(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { t.setRow(t.rows[id], o.(*fyne.Container)) })
	header := container.New(&columns{shares: apptShares}, quietBold(w.T("appointments.column.date")), quietBold(w.T("appointments.column.time")),
		quietBold(w.T("appointments.column.practitioner")), quietBold(w.T("appointments.column.type")), quietBold(w.T("appointments.column.status")))
	t.content = container.NewBorder(container.NewVBox(container.New(layout.NewCustomPaddedLayout(4, 0, 10, 10), t.info),
		withBackground(barColour, container.NewBorder(hline(), hline(), nil, nil, header))), nil, nil, nil, t.list)
	return t
}

func (t *appointmentsTab) view() fyne.CanvasObject { return t.content }

func (t *appointmentsTab) setRow(a data.AppointmentView, c *fyne.Container) {
	w := t.f.d.w
	imp := widget.MediumImportance
	if a.Status == data.StatusCancelled || a.Day.Before(t.f.d.today()) {
		imp = widget.LowImportance
	}
	status := w.status(a.Status)
	if a.Status == data.StatusCancelled && a.CancelReason != "" {
		status = w.T("appointments.cancelled_because", "Status", status, "Reason", a.CancelReason)
	}
	texts := []string{w.ShortWeekday(a.Day.Weekday()) + " " + w.Day(a.Day), timeRange(a.Start, a.End), a.PractitionerName, orDash(a.TypeName), status}
	for i, o := range c.Objects {
		l := o.(*widget.Label)
		setText(l, texts[i], imp)
	}
	setText(c.Objects[4].(*widget.Label), status, statusImportance(a.Status))
}

// appointmentRows orders a patient's appointments (given latest first)
// for the tab: those to come first, soonest first, then the rest, latest
// first; and says how many of each. A cancelled appointment is not to
// come, even on a later day, and neither is a visit already over.
func appointmentRows(w words, list []data.AppointmentView, now time.Time) ([]data.AppointmentView, string) {
	var coming, rest []data.AppointmentView
	past, cancelled := 0, 0
	for _, a := range list {
		switch {
		case a.Status == data.StatusCancelled:
			cancelled++
			rest = append(rest, a)
		case a.EndUTC.After(now) && a.Status != data.StatusDone && a.Status != data.StatusNoShow:
			coming = append([]data.AppointmentView{a}, coming...)
		default:
			past++
			rest = append(rest, a)
		}
	}
	info := w.N("appointments.count.coming", len(coming)) + " · " + w.N("appointments.count.past", past)
	if cancelled > 0 {
		info += " · " + w.N("appointments.count.cancelled", cancelled)
	}
	return append(coming, rest...), info
}

func (t *appointmentsTab) load(patientID string) <-chan struct{} {
	store := t.f.d.store
	setText(t.info, t.f.d.w.T("common.loading"), widget.LowImportance)
	return t.loads.load(patientID, func(ctx context.Context) ([]data.AppointmentView, error) {
		return store.PatientAppointments(ctx, patientID, appointmentsLimit)
	}, t.apply)
}

// apply lists the appointments to come first, then the rest.
func (t *appointmentsTab) apply(list []data.AppointmentView) {
	w := t.f.d.w
	var info string
	t.rows, info = appointmentRows(w, list, nowFunc())
	if len(list) >= appointmentsLimit {
		info = w.T("appointments.latest", "Counts", info, "Limit", appointmentsLimit)
	}
	setText(t.info, w.T("appointments.info", "Counts", info), widget.LowImportance)
	t.list.Refresh()
	t.list.ScrollToTop()
}
