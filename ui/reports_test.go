package ui

import (
	"context"
	"strings"
	"testing"

	"frontdesk/data"
)

// TestReportsScreenLoadsInTheBackground opens each report: the screen
// says it is loading and shows nothing read until the background load
// comes back through the UI queue (the window is never held up), then
// shows the chart and the figures.
func TestReportsScreenLoadsInTheBackground(t *testing.T) {
	s, f, visit := billingFixture(t)
	mustUpdate(t, s, func(tx *data.Tx) error {
		draft, err := s.DraftForAppointment(context.Background(), visit.ID)
		if err != nil {
			return err
		}
		if err := tx.SaveDraft(&draft); err != nil {
			return err
		}
		inv, err := tx.FinalizeInvoice(draft.ID, f.today)
		if err != nil {
			return err
		}
		_, err = tx.TakePayment(data.PaymentRequest{PatientID: f.durand.ID, InvoiceID: inv.ID, Amount: 1000, Method: data.MethodCash, PaidOn: f.today})
		return err
	})
	h := newHarness(t, s)
	d := h.desk()
	d.show(screenCalendar)
	r := d.screens[screenReports].(*reportsScreen)
	ch := d.show(screenReports)
	if r.aging.ready || r.aging.info.Text != "Loading…" {
		t.Fatalf("the aging report was read on the UI goroutine (ready %v, %q)", r.aging.ready, r.aging.info.Text)
	}
	h.wait(ch)
	if len(r.agingRows) != 1 || r.aging.loaded.Total != 2000 || len(r.aging.chart.bars) != 4 || r.aging.chart.bars[0].value != 2000 {
		t.Errorf("aging: %d rows, total %d, bars %+v", len(r.agingRows), r.aging.loaded.Total, r.aging.chart.bars)
	}
	h.wait(r.showTab(reportTakings))
	if r.takings.loaded.Total != 1000 || !hasText(r.takings.table, "€10.00") {
		t.Errorf("takings: %+v", r.takings.loaded)
	}
	h.wait(r.showTab(reportRevenue))
	if r.revenue.loaded.Total != 3000 || len(r.revenue.chart.bars) != 12 || !hasText(r.revenue.table, "CONS") {
		t.Errorf("revenue: %+v", r.revenue.loaded)
	}
	r.stepMonth(-1)
	h.wait(r.loadTab(reportRevenue))
	if r.revenue.loaded.Total != 0 || !strings.Contains(r.revenue.period.Text, " ") {
		t.Errorf("the month before: %+v, %q", r.revenue.loaded, r.revenue.period.Text)
	}
	r.stepMonth(1)
	h.wait(r.showTab(reportActivity))
	if len(r.activity.loaded.Practitioners) != 2 || len(r.activity.chart.bars) != 12 {
		t.Errorf("activity: %+v", r.activity.loaded)
	}
}
