package ui

import (
	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// billingShots adds the billing dialogs to screenshot mode, after
// billing.png: the invoice of the first visit waiting to be billed
// (billing-invoice.png) and the payment of the first unpaid invoice
// listed (billing-payment.png), with an over-payment typed so that the
// picture shows the form saying where the rest goes.
func (sh *shell) billingShots(d *desk, shoot func(string, func() <-chan struct{})) {
	b := d.screens[screenBilling].(*billingScreen)
	shoot("billing-invoice", func() <-chan struct{} {
		if len(b.loaded.Unbilled) == 0 {
			return closed()
		}
		return d.billVisit(b.loaded.Unbilled[0].ID, nil)
	})
	fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
	var wait <-chan struct{}
	fyne.DoAndWait(func() {
		for _, v := range b.loaded.Invoices {
			if v.State == data.InvoiceFinal && v.Due > 0 && v.Kind == data.KindInvoice {
				b.invoices.choose(v.ID)
				wait = d.takePayment(v.ID, v.PatientID, nil)
				break
			}
		}
	})
	if wait != nil {
		<-wait // the form is open
		shoot("billing-payment", func() <-chan struct{} {
			if f := d.lastPayment; f != nil {
				f.amount.SetText(d.w.amountInput(f.cur, f.t.Invoice.Due+500))
			}
			return closed()
		})
		fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
	}
}

// reportsShots adds the other reports to screenshot mode, after
// reports.png (the unpaid invoices): reports-takings.png,
// reports-revenue.png and reports-activity.png.
func (sh *shell) reportsShots(d *desk, shoot func(string, func() <-chan struct{})) {
	r := d.screens[screenReports].(*reportsScreen)
	for _, tab := range []struct {
		file string
		i    int
	}{{"reports-takings", reportTakings}, {"reports-revenue", reportRevenue}, {"reports-activity", reportActivity}} {
		shoot(tab.file, func() <-chan struct{} { return r.showTab(tab.i) })
	}
	fyne.DoAndWait(func() { r.tabs.SelectIndex(reportAging) })
}
