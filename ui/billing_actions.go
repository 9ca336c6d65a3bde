package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// The billing actions the Billing screen and the patient file share. Each
// reads what it needs in the background, then opens its dialog; after a
// change, changed reloads the view that asked.

// invoiceStart is what the invoice form needs, read in the background.
type invoiceStart struct {
	inv     data.Invoice
	patient data.Patient
	fs      data.FeeSchedule
}

// billVisit opens the invoice of a visit done, its line from the visit's
// type; once finalized, the payment is taken at once.
func (d *desk) billVisit(appointmentID string, changed func()) <-chan struct{} {
	store := d.store
	return d.openInvoice(func(ctx context.Context) (data.Invoice, error) { return store.DraftForAppointment(ctx, appointmentID) }, changed)
}

// newInvoice opens a new invoice of a patient, with no line yet.
func (d *desk) newInvoice(patientID string, changed func()) <-chan struct{} {
	store, pr, today := d.store, d.pr, d.today()
	return d.openInvoice(func(ctx context.Context) (data.Invoice, error) {
		pt, err := store.Patient(ctx, patientID)
		return data.NewDraft(pt, pr, today), err
	}, changed)
}

// editDraft opens a saved draft.
func (d *desk) editDraft(id string, changed func()) <-chan struct{} {
	store := d.store
	return d.openInvoice(func(ctx context.Context) (data.Invoice, error) { return store.Invoice(ctx, id) }, changed)
}

func (d *desk) openInvoice(load func(ctx context.Context) (data.Invoice, error), changed func()) <-chan struct{} {
	store := d.store
	return backgroundThen(d.do, func() (invoiceStart, error) {
		ctx := context.Background()
		var st invoiceStart
		var err error
		if st.inv, err = load(ctx); err != nil {
			return st, err
		}
		if st.patient, err = store.Patient(ctx, st.inv.PatientID); err != nil {
			return st, err
		}
		st.fs, err = store.FeeSchedule(ctx)
		return st, err
	}, func(st invoiceStart, err error) <-chan struct{} {
		if err != nil {
			d.sayError(err)
			return nil
		}
		d.lastInvoice = openInvoiceForm(d, st.inv, st.patient, st.fs, func(inv data.Invoice, final bool) {
			if changed != nil {
				changed()
			}
			if final {
				d.takePayment(inv.ID, inv.PatientID, changed)
			}
		})
		return nil
	})
}

// takePayment opens the payment form of an invoice, or of the patient's
// account when invoiceID is "".
func (d *desk) takePayment(invoiceID, patientID string, changed func()) <-chan struct{} {
	store, today := d.store, d.today()
	return backgroundThen(d.do, func() (paymentTarget, error) {
		ctx := context.Background()
		t := paymentTarget{PatientID: patientID}
		pt, err := store.Patient(ctx, patientID)
		if err != nil {
			return t, err
		}
		t.PatientName, t.ChartNumber = pt.FullName(), pt.ChartNumber
		if invoiceID != "" {
			v, err := store.InvoiceViewOf(ctx, invoiceID, today)
			if err != nil {
				return t, err
			}
			t.Invoice = &v
		}
		t.Account, err = store.PatientAccount(ctx, patientID)
		return t, err
	}, func(t paymentTarget, err error) <-chan struct{} {
		if err != nil {
			d.sayError(err)
			return nil
		}
		d.lastPayment = openPaymentForm(d, t, func(data.Receipt) {
			if changed != nil {
				changed()
			}
		})
		return nil
	})
}

// creditInvoice asks for the reason, then corrects the invoice with a
// credit note of all its lines; what was paid on it becomes the patient's
// credit. Enter confirms once a reason is typed; Escape asks first.
func (d *desk) creditInvoice(v data.InvoiceView, changed func()) *modal {
	w := d.w
	reason := newDeskEntry(d.focusSearch)
	var m *modal
	var ok *widget.Button
	reason.onEscape = func() { m.escape() }
	reason.OnChanged = func(s string) {
		if strings.TrimSpace(s) == "" {
			ok.Disable()
		} else {
			ok.Enable()
		}
	}
	msg := fieldError()
	today := d.today()
	ok = button(w.T("billing.credit.confirm"), true, func() {
		why := reason.Text
		ok.Disable()
		var cn data.Invoice
		d.write(func(tx *data.Tx) (err error) {
			cn, err = tx.CreditInvoice(v.ID, why, today)
			return err
		}, func(err error) {
			showError(msg, hardWrap(w.Error(err), 80))
			m.fit()
			ok.Enable()
		}, func() <-chan struct{} {
			m.close()
			id := cn.ID
			d.sayWith(w.T("billing.said.credited", "Number", v.Number, "Credit", cn.Number), w.T("billing.action.print"),
				func() { d.printInvoice(id, data.KindCreditNote, cn.Number) })
			if changed != nil {
				changed()
			}
			return nil
		})
	})
	ok.Disable()
	body := container.NewVBox(paragraph(hardWrap(w.T("billing.credit.explain", "Number", v.Number, "Total", d.money(v.Total)), 80)),
		captioned(w.T("billing.credit.reason"), reason), msg)
	m = showModal(d.win.Canvas(), w.T("billing.credit.title", "Number", v.Number), container.New(&minWidth{w: 520}, body),
		button(w.T("common.cancel"), false, func() { m.escape() }), ok)
	m.guardIn(w, w.T("billing.credit.discard"), nil)
	d.win.Canvas().Focus(reason)
	return m
}

// deleteDraft asks once, then deletes a draft invoice (a finalized one
// is never deleted: it is credited).
func (d *desk) deleteDraft(v data.InvoiceView, changed func()) *modal {
	w := d.w
	var m *modal
	yes := button(w.T("billing.delete.confirm"), true, func() {
		m.close()
		d.write(func(tx *data.Tx) error { return tx.DeleteDraft(v.ID) }, nil, func() <-chan struct{} {
			d.say(w.T("billing.said.deleted", "Name", v.PatientName))
			if changed != nil {
				changed()
			}
			return nil
		})
	})
	m = showModal(d.win.Canvas(), w.T("billing.delete.title"),
		paragraph(w.T("billing.delete.explain", "Name", v.PatientName, "Total", d.money(v.Total))),
		button(w.T("common.cancel"), false, func() { m.close() }), yes)
	return m
}
