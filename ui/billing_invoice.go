package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// invoiceForm edits a draft invoice: who pays (the patient, or a third
// party with its address), the lines (a fee item of the schedule, or
// words and a price typed by hand; the quantity), and notes. Finalize,
// the default button, saves and issues it with the next number, then
// takes the payment; Save draft keeps it to finish later. Totals are
// worked out as the secretary types, with the data layer's own rounding.
type invoiceForm struct {
	d       *desk
	m       *modal
	inv     data.Invoice
	fs      data.FeeSchedule
	patient data.Patient
	cur     data.Currency

	payer        *deskSelect
	payerName    *deskEntry
	payerAddress *deskEntry
	payerRef     *deskEntry
	thirdParty   *fyne.Container
	rows         []*lineRow
	lineBox      *fyne.Container
	notes        *deskEntry
	totals       *widget.Label
	probs        *widget.Label
	draftBtn     *widget.Button
	finalize     *widget.Button
	saving       bool
	onSaved      func(inv data.Invoice, final bool)
	done         chan struct{} // closed once saved and closed (tests)
}

// lineRow is the fields of one line.
type lineRow struct {
	item        *deskSelect
	description *deskEntry
	quantity    *deskEntry
	price       *deskEntry
	remove      *widget.Button
	line        data.InvoiceLine // what the line holds besides the fields (its ID, rate, date)
	content     fyne.CanvasObject
}

// openInvoiceForm edits inv (a draft, saved or not) of patient.
func openInvoiceForm(d *desk, inv data.Invoice, patient data.Patient, fs data.FeeSchedule, onSaved func(data.Invoice, bool)) *invoiceForm {
	w := d.w
	f := &invoiceForm{d: d, inv: inv, fs: fs, patient: patient, cur: d.pr.Money(), onSaved: onSaved, done: make(chan struct{})}
	escape := func() { f.m.escape() }
	entry := func() *deskEntry {
		e := newDeskEntry(d.focusSearch)
		e.onEscape = escape
		e.OnChanged = func(string) { f.check() }
		return e
	}
	f.payerName, f.payerRef = entry(), entry()
	f.payerAddress = newDeskMultiLine(d.focusSearch, 2)
	f.payerAddress.onEscape = escape
	f.payerAddress.OnChanged = func(string) { f.check() }
	f.payer = newDeskSelect([]string{w.T("billing.invoice.payer_patient"), w.T("billing.invoice.payer_third")}, func(string) { f.payerChanged() })
	f.thirdParty = container.NewVBox(
		container.NewGridWithColumns(2, captioned(w.T("invoice.field.payer"), f.payerName), captioned(w.T("invoice.field.payer_reference"), f.payerRef)),
		captioned(w.T("invoice.field.payer_address"), f.payerAddress))
	if inv.PayerKind == data.PayerThirdParty {
		f.payerName.SetText(inv.PayerName)
		f.payerAddress.SetText(inv.PayerAddress)
		f.payerRef.SetText(inv.PayerReference)
		f.payer.SetSelectedIndex(1)
	} else {
		f.payerName.SetText(patient.PayerName)
		f.payerRef.SetText(patient.PayerNumber)
		f.payer.SetSelectedIndex(0)
	}
	f.lineBox = container.NewVBox()
	for _, l := range inv.Lines {
		f.addRow(l)
	}
	if len(inv.Lines) == 0 {
		f.addRow(data.InvoiceLine{Quantity: 1, ServiceDate: inv.ServiceDate})
	}
	add := smallButton(w.T("billing.invoice.add_line"), theme.ContentAddIcon(), func() {
		f.addRow(data.InvoiceLine{Quantity: 1, ServiceDate: f.inv.ServiceDate})
		f.check()
		d.win.Canvas().Focus(f.rows[len(f.rows)-1].item)
	})
	f.notes = entry()
	f.notes.SetText(inv.Notes)
	f.totals = bold("")
	f.probs = fieldError()
	f.draftBtn = button(w.T("billing.invoice.save_draft"), false, func() { f.doSave(false) })
	f.finalize = button(w.T("billing.invoice.finalize"), true, func() { f.doSave(true) })
	head := container.NewGridWithColumns(3,
		captioned(w.T("billing.invoice.patient"), widget.NewLabel(patient.FullName()+" · "+patient.ChartNumber)),
		captioned(w.T("billing.invoice.service_date"), widget.NewLabel(w.Day(inv.ServiceDate))),
		captioned(w.T("billing.invoice.payer"), f.payer))
	header := container.New(&columns{shares: lineShares}, quietBold(w.T("billing.invoice.column.item")),
		quietBold(w.T("billing.invoice.column.description")), quietBold(w.T("billing.invoice.column.quantity")),
		quietBold(w.T("billing.invoice.column.price", "Currency", f.cur.Code)), widget.NewLabel(""))
	body := container.NewVBox(head, f.thirdParty, hline(), header, f.lineBox, container.NewHBox(add),
		captioned(w.T("invoice.field.notes"), f.notes), f.totals, f.probs)
	title := w.T("billing.invoice.title_new")
	if inv.ID != "" {
		title = w.T("billing.invoice.title_draft")
	}
	f.m = showModal(d.win.Canvas(), title, container.New(&minWidth{w: 820}, body),
		button(w.T("common.cancel"), false, escape), f.draftBtn, f.finalize)
	f.payerChanged()
	f.m.guardIn(w, w.T("billing.invoice.discard"), nil)
	if inv.ID == "" && len(inv.Lines) > 0 {
		f.m.changed = func() bool { return true } // a new invoice prefilled from a visit is work not yet saved
	}
	if len(f.rows) > 0 {
		d.win.Canvas().Focus(f.rows[0].quantity)
	}
	return f
}

// lineShares are the widths of a line's fields.
var lineShares = []float32{0.27, 0.40, 0.09, 0.16, 0.08}

// itemNames are the choices of a line's fee item: none (typed by hand),
// then the active items.
func (f *invoiceForm) itemNames() ([]string, []data.FeeItem) {
	names := []string{f.d.w.T("billing.invoice.item_none")}
	var items []data.FeeItem
	for _, it := range f.fs.Items {
		if it.Active {
			names = append(names, it.Code+" — "+it.Description)
			items = append(items, it)
		}
	}
	return names, items
}

func (f *invoiceForm) addRow(l data.InvoiceLine) {
	escape := func() { f.m.escape() }
	r := &lineRow{line: l}
	mk := func() *deskEntry {
		e := newDeskEntry(f.d.focusSearch)
		e.onEscape = func() { escape() }
		e.OnChanged = func(string) { f.check() }
		return e
	}
	r.description, r.quantity, r.price = mk(), mk(), mk()
	r.description.SetText(l.Description)
	r.quantity.SetText(strconv.Itoa(max(l.Quantity, 1)))
	r.price.SetText(f.d.w.amountInput(f.cur, l.UnitPrice))
	names, items := f.itemNames()
	r.item = newDeskSelect(names, nil)
	r.item.SetSelectedIndex(0)
	for i, it := range items {
		if it.ID == l.FeeItemID {
			r.item.SetSelectedIndex(i + 1)
		}
	}
	r.item.OnChanged = func(string) {
		i := r.item.SelectedIndex() - 1
		if i >= 0 && i < len(items) {
			rate, _ := f.fs.Rate(items[i].TaxRateID)
			fresh := data.LineFromFee(items[i], rate, 1, r.line.ServiceDate)
			fresh.ID = r.line.ID
			r.line = fresh
			r.description.SetText(fresh.Description)
			r.price.SetText(f.d.w.amountInput(f.cur, fresh.UnitPrice))
		} else {
			r.line.FeeItemID, r.line.Code, r.line.TaxRateID, r.line.TaxName, r.line.TaxBP, r.line.ExemptionText = "", "", "", "", 0, ""
		}
		f.check()
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	r.remove.Importance = widget.LowImportance
	r.remove.OnTapped = func() {
		for i, o := range f.rows {
			if o == r {
				f.rows = append(f.rows[:i], f.rows[i+1:]...)
			}
		}
		f.lineBox.Remove(r.content)
		f.check()
	}
	r.content = container.New(&columns{shares: lineShares}, r.item, r.description, r.quantity, r.price, r.remove)
	f.rows = append(f.rows, r)
	f.lineBox.Add(r.content)
}

// payerChanged shows the third party's fields when it pays.
func (f *invoiceForm) payerChanged() {
	if f.payer.SelectedIndex() == 1 {
		f.thirdParty.Show()
	} else {
		f.thirdParty.Hide()
	}
	f.check()
}

// draft reads the fields into the invoice, with what stops it.
func (f *invoiceForm) draft() (data.Invoice, []string) {
	w := f.d.w
	inv := f.inv
	inv.Lines = nil
	var problems []string
	if f.payer.SelectedIndex() == 1 {
		inv.PayerKind, inv.PayerName, inv.PayerAddress, inv.PayerReference = data.PayerThirdParty, f.payerName.Text, f.payerAddress.Text, f.payerRef.Text
	} else {
		inv.PayerKind, inv.PayerName, inv.PayerAddress, inv.PayerReference = data.PayerPatient, f.patient.FullName(), f.patient.Address, ""
	}
	inv.Notes = f.notes.Text
	for i, r := range f.rows {
		l := r.line
		l.Description = r.description.Text
		n, err := strconv.Atoi(strings.TrimSpace(r.quantity.Text))
		if err != nil {
			problems = append(problems, w.T("billing.invoice.problem.quantity", "Line", i+1, "Text", r.quantity.Text))
		}
		l.Quantity = n
		m, err := f.cur.Parse(r.price.Text)
		if err != nil {
			problems = append(problems, w.T("billing.invoice.problem.price", "Line", i+1, "Text", r.price.Text, "Example", w.amountInput(f.cur, 2500)))
		}
		l.UnitPrice = m
		inv.Lines = append(inv.Lines, l)
	}
	if len(problems) == 0 {
		check := inv
		check.Lines = append([]data.InvoiceLine{}, inv.Lines...)
		for _, is := range data.ProblemsOf(check.Validate()) {
			problems = append(problems, is.In(w.Localizer))
		}
		if err := check.ComputeTotals(); err != nil {
			problems = append(problems, w.Error(err))
		}
	}
	return inv, problems
}

// check works the totals out again and enables the buttons when the
// invoice can be saved; Finalize also wants a line and a total.
func (f *invoiceForm) check() {
	if f.finalize == nil {
		return
	}
	w := f.d.w
	inv, problems := f.draft()
	if len(problems) == 0 && inv.ComputeTotals() == nil {
		f.totals.SetText(w.T("billing.invoice.totals", "Net", f.d.money(inv.Net), "Tax", f.d.money(inv.Tax), "Total", f.d.money(inv.Total)))
	}
	showError(f.probs, hardWrap(strings.Join(problems, "\n"), 110))
	f.m.fit()
	if len(problems) > 0 || f.saving {
		f.draftBtn.Disable()
		f.finalize.Disable()
		return
	}
	f.draftBtn.Enable()
	if len(inv.Lines) == 0 || inv.Total <= 0 {
		f.finalize.Disable()
	} else {
		f.finalize.Enable()
	}
}

// doSave saves the draft, and issues it when final; a refusal is said in
// the dialog, which keeps everything typed.
func (f *invoiceForm) doSave(final bool) {
	inv, problems := f.draft()
	if len(problems) > 0 || f.saving {
		return
	}
	f.saving = true
	f.check()
	today := f.d.today()
	f.d.write(func(tx *data.Tx) error {
		if err := tx.SaveDraft(&inv); err != nil {
			return err
		}
		if !final {
			return nil
		}
		var err error
		inv, err = tx.FinalizeInvoice(inv.ID, today)
		return err
	}, func(err error) {
		f.saving = false
		showError(f.probs, hardWrap(f.d.w.T("common.not_saved", "Why", f.d.w.Error(err)), 110))
		f.m.fit()
		f.draftBtn.Enable()
		f.finalize.Enable()
	}, func() <-chan struct{} {
		f.saving = false
		f.m.close()
		if final {
			id := inv.ID
			f.d.sayWith(f.d.w.T("billing.said.finalized", "Number", inv.Number, "Total", f.d.money(inv.Total)),
				f.d.w.T("billing.action.print"), func() { f.d.printInvoice(id, inv.Kind, inv.Number) })
		} else {
			f.d.say(f.d.w.T("billing.said.draft_saved", "Name", f.patient.FullName()))
		}
		close(f.done)
		if f.onSaved != nil {
			f.onSaved(inv, final)
		}
		return nil
	})
}
