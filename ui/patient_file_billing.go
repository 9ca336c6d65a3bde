package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// patientBilling is what the Billing tab of a file shows.
type patientBilling struct {
	Invoices []data.InvoiceView
	Payments []data.PaymentView
	Account  data.Account
}

// billingTab is the Billing tab of the patient file: the patient's
// balance (or credit), their invoices with the same actions as the
// Billing screen, and their payments; a new invoice, a payment on the
// account, a refund of the credit and the statement of account.
type billingTab struct {
	f        *patientFile
	account  *widget.Label
	invoices *invoiceList
	payments *fyne.Container
	newBtn   *widget.Button
	payBtn   *widget.Button
	stmtBtn  *widget.Button
	loads    *loader[string, patientBilling]
	loaded   patientBilling
	content  fyne.CanvasObject
}

func newBillingTab(f *patientFile) *billingTab {
	w := f.d.w
	t := &billingTab{f: f}
	t.loads = newLoader[string, patientBilling](f.d, func() string { return f.id })
	t.loads.failed = func(err error) { setText(t.account, w.Error(err), widget.DangerImportance) }
	reload := func() { t.reload() }
	t.account = bold("")
	t.invoices = newInvoiceList(f.d, reload)
	t.newBtn = smallButton(w.T("billing.tab.new_invoice"), theme.ContentAddIcon(), func() { f.d.newInvoice(f.id, reload) })
	t.payBtn = smallButton(w.T("billing.tab.on_account"), theme.ConfirmIcon(), func() { f.d.takePayment("", f.id, reload) })
	t.stmtBtn = smallButton(w.T("billing.tab.statement"), theme.DocumentPrintIcon(), func() { f.d.printStatement(f.id, f.patient.ChartNumber) })
	t.payments = container.NewVBox()
	top := container.NewVBox(
		container.NewBorder(nil, nil, t.account, container.NewHBox(t.newBtn, t.payBtn, t.stmtBtn)),
		t.invoices.actions)
	paymentsPane := container.NewBorder(subheading(w.T("billing.tab.payments")), nil, nil, nil, container.NewVScroll(t.payments))
	split := container.NewVSplit(t.invoices.content, paymentsPane)
	split.Offset = 0.62
	t.content = container.New(layout.NewCustomPaddedLayout(4, 4, 10, 10), container.NewBorder(top, nil, nil, nil, split))
	return t
}

func (t *billingTab) view() fyne.CanvasObject { return t.content }

func (t *billingTab) reload() {
	if t.f.id != "" {
		t.load(t.f.id)
	}
}

func (t *billingTab) load(patientID string) <-chan struct{} {
	store, today := t.f.d.store, t.f.d.today()
	return t.loads.load(patientID, func(ctx context.Context) (patientBilling, error) {
		var pb patientBilling
		var err error
		if pb.Invoices, err = store.Invoices(ctx, data.InvoiceFilter{PatientID: patientID, Limit: 1000}, today); err != nil {
			return pb, err
		}
		if pb.Payments, err = store.PatientPayments(ctx, patientID); err != nil {
			return pb, err
		}
		pb.Account, err = store.PatientAccount(ctx, patientID)
		return pb, err
	}, t.apply)
}

func (t *billingTab) apply(pb patientBilling) {
	d := t.f.d
	w := d.w
	t.loaded = pb
	imp := widget.MediumImportance
	if pb.Account.Balance > 0 {
		imp = widget.WarningImportance
	}
	setText(t.account, accountText(w, pb.Account, d.pr.Money()), imp)
	t.invoices.set(pb.Invoices)
	shares := []float32{0.14, 0.22, 0.18, 0.16, 0.30}
	rows := []fyne.CanvasObject{container.New(&columns{shares: shares}, quietBold(w.T("billing.payments.date")),
		quietBold(w.T("billing.payments.for")), quietBold(w.T("billing.payments.method")), quietBold(w.T("billing.payments.amount")),
		quietBold(w.T("billing.payments.note")))}
	if len(pb.Payments) == 0 {
		rows = append(rows, quiet(w.T("billing.payments.none")))
	}
	for _, p := range pb.Payments {
		what := w.T("billing.payments.credit")
		if p.InvoiceNumber != "" {
			what = p.InvoiceNumber
		}
		note := p.Reference
		if p.Reason != "" {
			note = p.Reason
		}
		receipt, chart, on := p.ReceiptID, p.ChartNumber, p.PaidOn
		row := container.New(&columns{shares: shares}, truncated(w.Day(p.PaidOn)), truncated(what), truncated(w.method(p.Method)),
			truncated(d.money(p.Amount)), truncated(note))
		if p.Method != data.MethodCredit {
			print := widget.NewButtonWithIcon("", theme.DocumentPrintIcon(), func() { d.printReceipt(receipt, chart, on) })
			print.Importance = widget.LowImportance
			rows = append(rows, container.NewBorder(nil, nil, nil, print, row))
		} else {
			rows = append(rows, row)
		}
	}
	t.payments.Objects = rows
	t.payments.Refresh()
}
