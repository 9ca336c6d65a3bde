package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// TestFeeScheduleInSettings sets up billing from Settings through the
// widgets: an IBAN with a typing slip is refused until corrected, an
// exempt rate with its wording and a fee item are added, and the
// appointment type is pointed at the fee item.
func TestFeeScheduleInSettings(t *testing.T) {
	s, f := fixtureStore(t)
	h, st := settingsHarness(t, s)
	fs := st.fees
	h.wait(fs.load())
	if !fs.addItem.Disabled() {
		t.Error("a fee can be added before any tax rate exists")
	}
	fs.iban.SetText("")
	test.Type(fs.iban, "FR76 3000 6000 0112 3456 7890 188") // last digit wrong
	if !fs.save.Disabled() || !strings.Contains(fs.result.Text, "is not a valid IBAN") {
		t.Errorf("a wrong IBAN: save enabled %v, %q", !fs.save.Disabled(), fs.result.Text)
	}
	fs.iban.SetText("FR76 3000 6000 0112 3456 7890 189")
	fs.days.SetText("15")
	if fs.save.Disabled() {
		t.Fatalf("a valid IBAN cannot be saved: %q", fs.result.Text)
	}
	test.Tap(fs.save)
	h.until("the bank details are saved", func() bool { return fs.loaded.Settings.IBAN != "" })
	if b, _ := s.BillingSettings(context.Background()); b.IBAN != "FR7630006000011234567890189" || b.PaymentDays != 15 {
		t.Errorf("stored: %+v", b)
	}

	test.Tap(fs.addRate)
	rf := fs.lastForm
	h.typeKeys("Exempt")
	h.press(fyne.KeyTab)
	h.typeKeys("0")
	h.press(fyne.KeyTab)
	h.typeKeys("VAT exempt, article 261-4-1° CGI")
	h.press(fyne.KeyReturn)
	h.wait(rf.done)
	h.until("the rate is listed", func() bool { return len(fs.loaded.Schedule.Rates) == 1 })
	if fs.addItem.Disabled() {
		t.Fatal("no fee can be added once a rate exists")
	}
	test.Tap(fs.addItem)
	itf := fs.lastForm
	h.typeKeys("CONS")
	h.press(fyne.KeyTab)
	h.typeKeys("Consultation")
	h.press(fyne.KeyTab)
	h.typeKeys("31,50")
	h.press(fyne.KeyReturn)
	h.wait(itf.done)
	h.until("the fee is listed", func() bool { return len(fs.loaded.Schedule.Items) == 1 })
	item := fs.loaded.Schedule.Items[0]
	if item.Price != 3150 || item.TaxRateID != fs.loaded.Schedule.Rates[0].ID || !hasText(fs.items, "€31.50") {
		t.Errorf("fee item %+v", item)
	}

	h.wait(st.shown())
	tf := st.editType(&st.refs.Types[0])
	if len(tf.items) != 1 {
		t.Fatalf("the type form offers %d fee items", len(tf.items))
	}
	tf.feeItem.SetSelectedIndex(1)
	test.Tap(tf.save)
	h.wait(tf.done)
	types, _ := s.AppointmentTypes(context.Background())
	if types[0].ID != f.consult.ID || types[0].FeeItemID != item.ID {
		t.Errorf("the type is billed as %q, want the fee item %s", types[0].FeeItemID, item.ID)
	}
	draft, err := s.DraftForAppointment(context.Background(), firstAppointment(t, s))
	if err != nil || len(draft.Lines) != 1 || draft.Lines[0].Code != "CONS" || draft.Lines[0].UnitPrice != 3150 {
		t.Errorf("a visit of the type is billed as %+v, %v", draft.Lines, err)
	}
}

func firstAppointment(t *testing.T, s *data.Store) string {
	t.Helper()
	var id string
	if err := s.ReadDB().QueryRow(`SELECT id FROM appointments ORDER BY start_utc LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
