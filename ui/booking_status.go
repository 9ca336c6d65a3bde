package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// statusActions names the buttons that move an appointment to a status.
var statusActions = []struct {
	status string
	label  i18n.Key
}{
	{data.StatusConfirmed, "booking.status.confirm"},
	{data.StatusArrived, "booking.status.arrived"},
	{data.StatusInRoom, "booking.status.in_room"},
	{data.StatusDone, "booking.status.done"},
	{data.StatusNoShow, "booking.status.no_show"},
	{data.StatusBooked, "booking.status.booked"},
}

// statusBar is the status part of an opened appointment: where the visit
// stands, when each step happened, and one button per step that makes
// sense from here (CanChangeStatus decides).
type statusBar struct {
	f         *bookingForm
	label     *widget.Label
	buttons   map[string]*widget.Button
	cancelBtn *widget.Button
	content   fyne.CanvasObject
	allow     bool // restore over a clash that was shown
}

func newStatusBar(f *bookingForm) *statusBar {
	sb := &statusBar{f: f, buttons: map[string]*widget.Button{}}
	a, w := f.orig, f.d.w
	sb.label = bold("")
	sb.label.Importance = statusImportance(a.Status)
	sb.label.SetText(hardWrap(statusLine(w, *a, f.d.pr), 95))
	row := container.NewHBox()
	for _, act := range statusActions {
		if act.status == a.Status || !data.CanChangeStatus(a.Status, act.status) {
			continue
		}
		if a.Status == data.StatusCancelled {
			continue // restored through the Restore button, which checks the slot
		}
		st := act.status
		b := widget.NewButton(w.T(act.label), func() { sb.set(st) })
		sb.buttons[st] = b
		row.Add(b)
	}
	if a.Status == data.StatusCancelled {
		sb.cancelBtn = widget.NewButton(w.T("booking.restore"), sb.restore)
	} else {
		sb.cancelBtn = widget.NewButton(w.T("booking.cancel_appointment"), func() { openCancel(f) })
		sb.cancelBtn.Importance = widget.DangerImportance
		if !data.CanChangeStatus(a.Status, data.StatusCancelled) {
			sb.cancelBtn.Disable()
		}
	}
	sb.content = container.NewVBox(sb.label, row)
	return sb
}

// statusImportance colours a status; the status is always written too.
func statusImportance(status string) widget.Importance {
	switch status {
	case data.StatusConfirmed, data.StatusDone:
		return widget.SuccessImportance
	case data.StatusArrived:
		return widget.WarningImportance
	case data.StatusInRoom:
		return widget.HighImportance
	case data.StatusNoShow:
		return widget.DangerImportance
	case data.StatusCancelled:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// statusLine says where the visit stands and when each step was reached:
// "Status: arrived · booked 24/11/2026 14:02 · arrived 09:12".
func statusLine(w words, a data.AppointmentView, pr data.Practice) string {
	loc := pr.Location()
	parts := []string{w.T("booking.status.now", "Status", w.status(a.Status))}
	if a.Status == data.StatusCancelled && a.CancelReason != "" {
		parts[0] = w.T("booking.status.now_reason", "Status", w.status(a.Status), "Reason", a.CancelReason)
	}
	for _, s := range data.Statuses {
		t := a.Times.At(s)
		if t.IsZero() {
			continue
		}
		lt := t.In(loc)
		when := lt.Format("15:04")
		if data.DateOf(lt) != a.Day {
			when = w.Day(data.DateOf(lt)) + " " + when
		}
		parts = append(parts, w.status(s)+" "+when)
	}
	return strings.Join(parts, " · ")
}

// set moves the appointment to status st and closes the form.
func (sb *statusBar) set(st string) {
	f := sb.f
	id := f.orig.ID
	for _, b := range sb.buttons {
		b.Disable()
	}
	f.d.write(func(tx *data.Tx) error {
		_, err := tx.SetStatus(id, st, "")
		return err
	}, func(err error) {
		for _, b := range sb.buttons {
			b.Enable()
		}
		showError(f.result, hardWrap(f.d.w.Error(err), 95))
	}, func() <-chan struct{} {
		f.m.close()
		f.d.say(saidStatus(f.d.w, *f.orig, st))
		if f.onSaved != nil {
			f.onSaved(f.orig.Day)
		}
		return nil
	})
}

// restore books a cancelled appointment again; its slot is checked like
// a new booking's, and a clash asks once more.
func (sb *statusBar) restore() {
	f := sb.f
	a := f.orig.Appointment
	a.Status = data.StatusBooked
	allow := sb.allow
	sb.cancelBtn.Disable()
	f.d.write(func(tx *data.Tx) error {
		_, err := tx.Book(&a, allow)
		return err
	}, func(err error) {
		sb.cancelBtn.Enable()
		if data.ErrorCode(err) == data.EClash {
			sb.allow = true
			sb.cancelBtn.SetText(f.d.w.T("booking.restore_anyway"))
		}
		showError(f.result, hardWrap(f.d.w.Error(err), 95))
	}, func() <-chan struct{} {
		sb.cancelBtn.Enable()
		f.m.close()
		f.d.say(f.d.w.T("booking.said_restored", "Who", whoOf(f.d.w, *f.orig)))
		if f.onSaved != nil {
			f.onSaved(a.Day)
		}
		return nil
	})
}
