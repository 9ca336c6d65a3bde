package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// invoiceShares are the widths of the invoice list's columns.
var invoiceShares = []float32{0.13, 0.10, 0.21, 0.21, 0.10, 0.10, 0.15}

// invoiceList is a list of invoices with the actions on the chosen one:
// open a draft (or print a finalized invoice), take a payment, print,
// e-mail, credit, delete a draft. The Billing screen and the patient
// file's Billing tab both show one; changed reloads their data.
type invoiceList struct {
	d        *desk
	rows     []data.InvoiceView
	selected int // -1: none
	list     *widget.List
	open     *widget.Button
	pay      *widget.Button
	print    *widget.Button
	email    *widget.Button
	credit   *widget.Button
	del      *widget.Button
	actions  fyne.CanvasObject
	content  fyne.CanvasObject
	changed  func()
}

func newInvoiceList(d *desk, changed func()) *invoiceList {
	w := d.w
	l := &invoiceList{d: d, selected: -1, changed: changed}
	l.list = widget.NewList(func() int { return len(l.rows) },
		func() fyne.CanvasObject {
			cells := make([]fyne.CanvasObject, len(invoiceShares))
			for i := range cells {
				cells[i] = truncated("")
			}
			return container.New(&columns{shares: invoiceShares}, cells...)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { l.setRow(l.rows[id], o.(*fyne.Container)) })
	l.list.OnSelected = func(id widget.ListItemID) { l.selected = id; l.updateActions() }
	l.list.OnUnselected = func(widget.ListItemID) { l.selected = -1; l.updateActions() }
	header := container.New(&columns{shares: invoiceShares}, quietBold(w.T("billing.column.number")), quietBold(w.T("billing.column.issued")),
		quietBold(w.T("billing.column.patient")), quietBold(w.T("billing.column.payer")), quietBold(w.T("billing.column.total")),
		quietBold(w.T("billing.column.due")), quietBold(w.T("billing.column.status")))
	act := func(label string, icon fyne.Resource, do func(v data.InvoiceView)) *widget.Button {
		return smallButton(label, icon, func() {
			if v, ok := l.current(); ok {
				do(v)
			}
		})
	}
	l.open = act(w.T("billing.action.open"), theme.DocumentCreateIcon(), func(v data.InvoiceView) { d.editDraft(v.ID, l.changed) })
	l.pay = act(w.T("billing.action.pay"), theme.ConfirmIcon(), func(v data.InvoiceView) { d.takePayment(v.ID, v.PatientID, l.changed) })
	l.print = act(w.T("billing.action.print"), theme.DocumentPrintIcon(), func(v data.InvoiceView) { d.printInvoice(v.ID, v.Kind, v.Number) })
	l.email = act(w.T("billing.action.email"), theme.MailSendIcon(), func(v data.InvoiceView) { d.emailInvoice(v.ID) })
	l.credit = act(w.T("billing.action.credit"), theme.ContentUndoIcon(), func(v data.InvoiceView) { d.creditInvoice(v, l.changed) })
	l.del = act(w.T("billing.action.delete"), theme.DeleteIcon(), func(v data.InvoiceView) { d.deleteDraft(v, l.changed) })
	l.pay.Importance = widget.HighImportance
	l.actions = container.NewHBox(l.pay, l.open, l.print, l.email, l.credit, l.del)
	l.content = container.NewBorder(withBackground(barColour, container.NewBorder(hline(), hline(), nil, nil, header)), nil, nil, nil, l.list)
	l.updateActions()
	return l
}

// current is the chosen invoice.
func (l *invoiceList) current() (data.InvoiceView, bool) {
	if l.selected < 0 || l.selected >= len(l.rows) {
		return data.InvoiceView{}, false
	}
	return l.rows[l.selected], true
}

// set shows rows, keeping the chosen invoice chosen when it is still there.
func (l *invoiceList) set(rows []data.InvoiceView) {
	keep := ""
	if v, ok := l.current(); ok {
		keep = v.ID
	}
	l.rows = rows
	l.selected = -1
	l.list.UnselectAll()
	for i, v := range rows {
		if v.ID == keep {
			l.list.Select(i)
		}
	}
	l.list.Refresh()
	l.updateActions()
}

// choose selects the invoice of id (tests, screenshots).
func (l *invoiceList) choose(id string) bool {
	for i, v := range l.rows {
		if v.ID == id {
			l.list.Select(i)
			return true
		}
	}
	return false
}

func (l *invoiceList) setRow(v data.InvoiceView, c *fyne.Container) {
	w := l.d.w
	number := v.Number
	issued := w.Day(v.IssueDate)
	if v.State == data.InvoiceDraft {
		number, issued = "—", w.Day(v.ServiceDate)
	}
	due := ""
	if v.Due > 0 {
		due = l.d.money(v.Due)
	}
	texts := []string{number, issued, listName(v.Family, v.Given), v.PayerName, l.d.money(v.Total), due, w.billStatus(v.Status)}
	for i, o := range c.Objects {
		setText(o.(*widget.Label), texts[i], widget.MediumImportance)
	}
	setText(c.Objects[6].(*widget.Label), texts[6], billStatusImportance(v.Status))
}

// updateActions enables what makes sense for the chosen invoice.
func (l *invoiceList) updateActions() {
	v, ok := l.current()
	draft := ok && v.State == data.InvoiceDraft
	final := ok && v.State == data.InvoiceFinal
	invoice := final && v.Kind == data.KindInvoice
	enable(l.open, draft)
	enable(l.pay, invoice && v.Status != data.BillCredited)
	enable(l.print, ok)
	enable(l.email, final)
	enable(l.credit, invoice && v.Status != data.BillCredited)
	enable(l.del, draft)
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
