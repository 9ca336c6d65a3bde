package ui

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// billingFixture is the fixture practice with a fee schedule (the
// consultation type billed as CONS, 30.00, exempt) and a visit of
// Durand's done this morning.
func billingFixture(t *testing.T) (*data.Store, fixture, data.Appointment) {
	t.Helper()
	s, f := fixtureStore(t)
	done := data.Appointment{PractitionerID: f.anna.ID, PatientID: f.durand.ID, TypeID: f.consult.ID, Day: f.today,
		Start: 8 * 60, End: 8*60 + 20, TimeZone: "Europe/Paris", Status: data.StatusDone}
	mustUpdate(t, s, func(tx *data.Tx) error {
		rate := data.TaxRate{Name: "Exempt", ExemptionText: "VAT exempt: medical care", Active: true}
		if err := tx.Save(&rate); err != nil {
			return err
		}
		fee := data.FeeItem{Code: "CONS", Description: "Consultation", Price: 3000, TaxRateID: rate.ID, Active: true}
		if err := tx.Save(&fee); err != nil {
			return err
		}
		f.consult.FeeItemID = fee.ID
		if err := tx.Save(&f.consult); err != nil {
			return err
		}
		return tx.Save(&done)
	})
	return s, f, done
}

// TestBillAVisitAndTakeAPaymentWithTheKeyboard bills this morning's
// visit from the Billing screen with one click, finalizes it with Enter,
// and takes 50.00 in cash for the 30.00 invoice through the payment form
// that follows: the invoice is paid and 20.00 is kept as credit, said
// before it was recorded.
func TestBillAVisitAndTakeAPaymentWithTheKeyboard(t *testing.T) {
	s, f, visit := billingFixture(t)
	h := newHarness(t, s)
	d := h.desk()
	test.Tap(d.rail[screenBilling])
	b := d.screens[screenBilling].(*billingScreen)
	h.wait(b.load())
	bill := b.billBtns[visit.ID]
	if bill == nil || len(b.loaded.Unbilled) != 1 {
		t.Fatalf("to bill: %d visits, a button for the visit done: %v", len(b.loaded.Unbilled), bill != nil)
	}
	test.Tap(bill)
	h.until("the invoice form opens", func() bool { return d.lastInvoice != nil })
	inv := d.lastInvoice
	if len(inv.rows) != 1 || inv.rows[0].price.Text != "30.00" || inv.rows[0].description.Text != "Consultation" {
		t.Fatalf("the invoice is not prefilled from the visit's type: %d rows", len(inv.rows))
	}
	if !hasText(modalContent(h), "€30.00") {
		t.Errorf("the form shows no total: %v", texts(modalContent(h)))
	}
	if h.focused() != inv.rows[0].quantity {
		t.Errorf("the focus is on %T, want the first line's quantity", h.focused())
	}
	h.press(fyne.KeyReturn) // Finalize, the default button
	h.wait(inv.done)
	h.until("the payment form opens", func() bool { return d.lastPayment != nil })
	pay := d.lastPayment
	if pay.amount.Text != "30.00" {
		t.Errorf("the amount starts at %q, want what is due", pay.amount.Text)
	}
	h.press(fyne.KeyA, fyne.KeyModifierShortcutDefault) // select the amount, type over it
	h.typeKeys("50")
	if !strings.Contains(pay.note.Text, "€20.00 more than is due") {
		t.Errorf("the form does not say the over-payment becomes credit: %q", pay.note.Text)
	}
	h.press(fyne.KeyTab) // to the method: Cash is chosen; C goes on to Card
	h.typeKeys("c")
	if got := pay.methods[pay.method.SelectedIndex()]; got != data.MethodCard {
		t.Errorf("method %s after C; want card", got)
	}
	h.press(fyne.KeyReturn)
	h.wait(pay.done)
	h.wait(b.load())

	vs, err := s.Invoices(context.Background(), data.InvoiceFilter{PatientID: f.durand.ID}, f.today)
	if err != nil || len(vs) != 1 {
		t.Fatalf("invoices of the patient: %v, %v", vs, err)
	}
	if vs[0].Status != data.BillPaid || vs[0].Number == "" || vs[0].Paid != 3000 {
		t.Errorf("the invoice is %s (%s), paid %d; want paid 30.00", vs[0].Status, vs[0].Number, vs[0].Paid)
	}
	acct, _ := s.PatientAccount(context.Background(), f.durand.ID)
	if acct.Credit != 2000 {
		t.Errorf("credit %d, want 20.00 kept", acct.Credit)
	}
	if tk, _ := s.TakingsOn(context.Background(), f.today); tk.Total != 5000 || tk.Methods[1].Method != data.MethodCard || tk.Methods[1].Amount != 5000 {
		t.Errorf("takings of the day: %+v; want 50.00 by card", tk)
	}
	if len(b.loaded.Unbilled) != 0 || b.billBtns[visit.ID] != nil {
		t.Error("the visit billed is still offered to bill")
	}
	if !hasText(b.invoices.content, vs[0].Number) || !hasText(b.invoices.content, "paid") {
		t.Errorf("the list does not show the paid invoice: %v", texts(b.invoices.content))
	}
	if !strings.Contains(d.message.Text, "€20.00 more kept as the patient's credit") || !d.action.Visible() {
		t.Errorf("status line: %q (with a receipt button: %v)", d.message.Text, d.action.Visible())
	}
}

// TestAmountsInTheDeskLanguage: on a French desk the invoice's price and
// the payment's amount start with a decimal comma ("30,00", as a French
// secretary writes it), and an amount typed with a comma is taken.
func TestAmountsInTheDeskLanguage(t *testing.T) {
	s, f, visit := billingFixture(t)
	h := newHarnessWith(t, s, Options{Logf: t.Logf, Lang: "fr"})
	d := h.desk()
	h.wait(d.show(screenBilling))
	h.wait(d.billVisit(visit.ID, nil))
	inv := d.lastInvoice
	if got := inv.rows[0].price.Text; got != "30,00" {
		t.Errorf("the price starts as %q on a French desk, want 30,00", got)
	}
	h.press(fyne.KeyReturn) // Émettre
	h.wait(inv.done)
	h.until("the payment form opens", func() bool { return d.lastPayment != nil })
	pay := d.lastPayment
	if pay.amount.Text != "30,00" {
		t.Errorf("the amount starts as %q on a French desk, want 30,00", pay.amount.Text)
	}
	h.press(fyne.KeyA, fyne.KeyModifierShortcutDefault)
	h.typeKeys("12,5")
	h.press(fyne.KeyReturn)
	h.wait(pay.done)
	vs, err := s.Invoices(context.Background(), data.InvoiceFilter{PatientID: f.durand.ID}, f.today)
	if err != nil || len(vs) != 1 || vs[0].Paid != 1250 || vs[0].Status != data.BillPartlyPaid {
		t.Fatalf("after 12,5 paid: %+v, %v; want 12.50 paid in part", vs, err)
	}
}

// TestEmailAnInvoiceFromTheList: E-mail on a finalized invoice leaves a
// .eml in the outbox, from the practice, with the invoice's PDF attached;
// Durand has no e-mail address, so the message has no To for the mail
// program to choke on, and the status line says where it is.
func TestEmailAnInvoiceFromTheList(t *testing.T) {
	s, f, visit := billingFixture(t)
	var inv data.Invoice
	mustUpdate(t, s, func(tx *data.Tx) error {
		pr, err := s.Practice(context.Background())
		if err != nil {
			return err
		}
		pr.Email = "accueil@cabinet.example"
		if err := tx.Save(&pr); err != nil {
			return err
		}
		draft, err := s.DraftForAppointment(context.Background(), visit.ID)
		if err != nil {
			return err
		}
		if err := tx.SaveDraft(&draft); err != nil {
			return err
		}
		inv, err = tx.FinalizeInvoice(draft.ID, f.today)
		return err
	})
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.show(screenBilling))
	b := d.screens[screenBilling].(*billingScreen)
	if !b.invoices.choose(inv.ID) || b.invoices.email.Disabled() {
		t.Fatal("the finalized invoice cannot be chosen and e-mailed")
	}
	test.Tap(b.invoices.email)
	path := filepath.Join(s.Dir(), OutboxFolder, "invoice-"+inv.Number+".eml")
	h.until("the e-mail is in the outbox", func() bool { return strings.Contains(d.message.Text, "invoice-"+inv.Number+".eml") })
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if from, err := msg.Header.AddressList("From"); err != nil || len(from) != 1 || from[0].Name != "Cabinet Test" || from[0].Address != "accueil@cabinet.example" {
		t.Errorf("From %v (%v); want the practice", from, err)
	}
	if to, ok := msg.Header["To"]; ok {
		t.Errorf("To %q for a patient without an address", to)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	if _, err := mr.NextPart(); err != nil { // the text
		t.Fatal(err)
	}
	att, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, att))
	pdfPath := filepath.Join(t.TempDir(), "attached.pdf")
	if err := os.WriteFile(pdfPath, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdfPath, "-").Output()
	if err != nil || !strings.Contains(string(text), inv.Number) {
		t.Errorf("the attachment is not the invoice's PDF: %d bytes", len(pdf))
	}
}

// TestInvoiceFormAsksBeforeDroppingWork: Escape on a prefilled invoice
// asks first; going back keeps it; nothing is saved.
func TestInvoiceFormAsksBeforeDroppingWork(t *testing.T) {
	s, _, visit := billingFixture(t)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.show(screenBilling))
	h.wait(d.billVisit(visit.ID, nil))
	form := d.lastInvoice
	h.press(fyne.KeyEscape)
	if q := topModal(h.win.Canvas()); q == nil || q == form.m {
		t.Fatal("Escape closed the invoice without asking")
	}
	h.press(fyne.KeyDown) // any other key: back to the form
	if topModal(h.win.Canvas()) != form.m || form.m.closed {
		t.Fatal("going back did not return to the invoice")
	}
	h.press(fyne.KeyEscape)
	h.press(fyne.KeyEscape) // discard
	if !form.m.closed {
		t.Error("the invoice is still open after discarding")
	}
	vs, _ := s.Invoices(context.Background(), data.InvoiceFilter{}, d.today())
	if len(vs) != 0 {
		t.Errorf("%d invoices saved by a discarded form", len(vs))
	}
}

// TestCreditAndPatientBillingTab credits a paid invoice from the
// patient file's Billing tab: the tab then shows the credit note, the
// invoice credited and the patient's credit.
func TestCreditAndPatientBillingTab(t *testing.T) {
	s, f, visit := billingFixture(t)
	var inv data.Invoice
	mustUpdate(t, s, func(tx *data.Tx) error {
		draft, err := s.DraftForAppointment(context.Background(), visit.ID)
		if err != nil {
			return err
		}
		if err := tx.SaveDraft(&draft); err != nil {
			return err
		}
		if inv, err = tx.FinalizeInvoice(draft.ID, f.today); err != nil {
			return err
		}
		_, err = tx.TakePayment(data.PaymentRequest{PatientID: f.durand.ID, InvoiceID: inv.ID, Amount: 3000, Method: data.MethodCard, PaidOn: f.today})
		return err
	})
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.show(screenPatients))
	pf := d.patients.file
	h.wait(d.patients.open(f.durand.ID))
	h.wait(pf.showTab(tabBilling))
	tab := pf.billing
	if !hasText(tab.account, "Nothing is due") || !tab.invoices.choose(inv.ID) {
		t.Fatalf("the tab: %q, invoice listed: %v", tab.account.Text, tab.invoices.choose(inv.ID))
	}
	if tab.invoices.credit.Disabled() || !tab.invoices.del.Disabled() {
		t.Error("a paid invoice can be credited and not deleted")
	}
	test.Tap(tab.invoices.credit)
	q := topModal(h.win.Canvas())
	if q == nil {
		t.Fatal("no credit note dialog")
	}
	h.typeKeys("Billed to the wrong patient")
	h.press(fyne.KeyReturn)
	h.until("the credit note is issued", func() bool { return q.closed })
	h.wait(pf.loadTab(tabBilling))
	tab.reload()
	h.until("the tab shows the credit", func() bool { return strings.Contains(tab.account.Text, "€30.00") })
	if !strings.Contains(tab.account.Text, "Credit in the patient's favour: €30.00") {
		t.Errorf("account: %q", tab.account.Text)
	}
	statuses := map[string]string{}
	for _, v := range tab.invoices.rows {
		statuses[v.Kind] = v.Status
	}
	if statuses[data.KindInvoice] != data.BillCredited || statuses[data.KindCreditNote] != data.BillCreditNote {
		t.Errorf("statuses after crediting: %v", statuses)
	}
}

// TestTheBillingScreenSaysWhenItListsOnlyTheNewest: the invoice list
// has a limit, and a list cut short says so instead of passing for all
// the invoices (and their sum due for all that is owed).
func TestTheBillingScreenSaysWhenItListsOnlyTheNewest(t *testing.T) {
	s, f, _ := billingFixture(t)
	pr, err := s.Practice(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fees, err := s.FeeSchedule(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, func(tx *data.Tx) error {
		for _, pt := range []data.Patient{f.dupont, f.martin} {
			inv := data.NewDraft(pt, pr, f.today)
			inv.Lines = append(inv.Lines, data.LineFromFee(fees.Items[0], fees.Rates[0], 1, f.today))
			if err := tx.SaveDraft(&inv); err != nil {
				return err
			}
			if _, err := tx.FinalizeInvoice(inv.ID, f.today); err != nil {
				return err
			}
		}
		return nil
	})
	defer func(n int) { invoicesShown = n }(invoicesShown)
	h := newHarness(t, s)
	b := h.desk().screens[screenBilling].(*billingScreen)
	h.wait(h.desk().show(screenBilling))
	if len(b.invoices.rows) != 2 || b.summary.Text != "2 invoices · €60.00 due" {
		t.Fatalf("all listed: %d rows, %q", len(b.invoices.rows), b.summary.Text)
	}
	invoicesShown = 1
	h.wait(b.load())
	if len(b.invoices.rows) != 1 || !strings.HasPrefix(b.summary.Text, "The newest invoice only (there are more") {
		t.Fatalf("one shown of two: %d rows, %q", len(b.invoices.rows), b.summary.Text)
	}
}
