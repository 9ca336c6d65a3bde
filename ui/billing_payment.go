package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// paymentTarget is what a payment is taken for: an invoice of a patient,
// or (no invoice) the patient's account, where a negative amount gives
// the patient's credit back.
type paymentTarget struct {
	PatientID   string
	PatientName string
	ChartNumber string
	Invoice     *data.InvoiceView // nil: on the account
	Account     data.Account
}

// paymentForm takes a payment: the amount (what is due, to start with),
// how it is paid, a reference, and for money given back a reason. It says
// as the amount is typed what will happen: an over-payment is kept as the
// patient's credit. Enter records it; Escape asks before dropping what
// was typed.
type paymentForm struct {
	d         *desk
	m         *modal
	t         paymentTarget
	cur       data.Currency
	methods   []string
	amount    *deskEntry
	method    *deskSelect
	reference *deskEntry
	reason    *deskEntry
	note      *widget.Label
	probs     *widget.Label
	save      *widget.Button
	saving    bool
	onSaved   func(data.Receipt)
	done      chan struct{} // closed once a payment was recorded and the dialog closed (tests)
}

func openPaymentForm(d *desk, t paymentTarget, onSaved func(data.Receipt)) *paymentForm {
	w := d.w
	f := &paymentForm{d: d, t: t, cur: d.pr.Money(), onSaved: onSaved, done: make(chan struct{})}
	escape := func() { f.m.escape() }
	entry := func() *deskEntry {
		e := newDeskEntry(d.focusSearch)
		e.onEscape = escape
		e.OnChanged = func(string) { f.check() }
		return e
	}
	f.amount, f.reference, f.reason = entry(), entry(), entry()
	f.methods = append([]string{}, data.PaymentMethods...)
	if t.Invoice != nil && t.Account.Credit > 0 {
		f.methods = append(f.methods, data.MethodCredit)
	}
	names := make([]string, len(f.methods))
	for i, m := range f.methods {
		names[i] = w.method(m)
	}
	f.method = newDeskSelect(names, func(string) { f.check() })
	f.method.SetSelectedIndex(0)
	if t.Invoice != nil {
		if t.Invoice.PayerKind == data.PayerThirdParty {
			f.method.SetSelectedIndex(indexOf(f.methods, data.MethodInsurer))
		}
		f.amount.SetText(d.w.amountInput(f.cur, max(t.Invoice.Due, 0)))
	}
	f.reference.SetPlaceHolder(w.T("billing.pay.reference_hint"))
	f.reason.SetPlaceHolder(w.T("billing.pay.reason_hint"))
	f.note, f.probs = quiet(""), fieldError()
	f.note.Wrapping = fyne.TextWrapWord
	title := w.T("billing.pay.title_account", "Name", t.PatientName)
	about := accountText(w, t.Account, f.cur)
	if t.Invoice != nil {
		title = w.T("billing.pay.title_invoice", "Number", t.Invoice.Number)
		about = w.T("billing.pay.about_invoice", "Name", t.PatientName, "Total", d.money(t.Invoice.Total),
			"Due", d.money(max(t.Invoice.Due, 0)))
	}
	f.save = button(w.T("billing.pay.record"), true, f.doSave)
	body := container.NewVBox(
		paragraph(about),
		container.NewGridWithColumns(2,
			captioned(w.T("billing.pay.amount", "Currency", f.cur.Code), f.amount),
			captioned(w.T("billing.pay.method"), f.method)),
		captioned(w.T("billing.pay.reference"), f.reference),
		captioned(w.T("billing.pay.reason"), f.reason),
		f.note, f.probs)
	f.m = showModal(d.win.Canvas(), title, container.New(&minWidth{w: 520}, body),
		button(w.T("common.cancel"), false, escape), f.save)
	f.m.guardIn(w, w.T("billing.pay.discard"), nil)
	f.check()
	d.win.Canvas().Focus(f.amount)
	selectAllOnFocus(f.amount)
	return f
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return 0
}

// request reads the fields; problems says what stops it, in words.
func (f *paymentForm) request() (data.PaymentRequest, []string) {
	w := f.d.w
	req := data.PaymentRequest{PatientID: f.t.PatientID, Method: f.methods[max(f.method.SelectedIndex(), 0)],
		PaidOn: f.d.today(), Reference: f.reference.Text, Reason: f.reason.Text}
	if f.t.Invoice != nil {
		req.InvoiceID = f.t.Invoice.ID
	}
	var problems []string
	text := strings.TrimSpace(f.amount.Text)
	m, err := f.cur.Parse(text)
	switch {
	case text == "":
		problems = append(problems, w.T("billing.pay.problem.amount_missing"))
	case err != nil:
		problems = append(problems, w.T("billing.pay.problem.amount", "Text", text, "Example", w.amountInput(f.cur, 2500)))
	case m == 0:
		problems = append(problems, w.T("billing.pay.problem.amount_missing"))
	}
	req.Amount = m
	if m < 0 && strings.TrimSpace(req.Reason) == "" {
		problems = append(problems, w.T("payment.problem.refund_reason"))
	}
	return req, problems
}

// check says what the payment will do and enables Record when it can be
// recorded.
func (f *paymentForm) check() {
	if f.save == nil {
		return
	}
	w := f.d.w
	req, problems := f.request()
	note := ""
	switch {
	case len(problems) > 0:
	case req.Amount < 0:
		note = w.T("billing.pay.note_refund", "Amount", f.d.money(-req.Amount))
	case req.Method == data.MethodCredit:
		note = w.T("billing.pay.note_credit_use", "Credit", f.d.money(f.t.Account.Credit))
	case f.t.Invoice == nil:
		note = w.T("billing.pay.note_on_account")
	case req.Amount > f.t.Invoice.Due:
		note = w.T("billing.pay.note_over", "Extra", f.d.money(req.Amount-max(f.t.Invoice.Due, 0)))
	case req.Amount < f.t.Invoice.Due:
		note = w.T("billing.pay.note_part", "Left", f.d.money(f.t.Invoice.Due-req.Amount))
	default:
		note = w.T("billing.pay.note_settles")
	}
	f.note.SetText(note)
	showError(f.probs, strings.Join(problems, "\n"))
	f.m.fit()
	if len(problems) > 0 || f.saving {
		f.save.Disable()
	} else {
		f.save.Enable()
	}
}

// doSave records the payment in the background; a refusal is said in the
// dialog, which keeps what was typed.
func (f *paymentForm) doSave() {
	req, problems := f.request()
	if len(problems) > 0 || f.saving {
		return
	}
	f.saving = true
	f.save.Disable()
	var rc data.Receipt
	f.d.write(func(tx *data.Tx) (err error) {
		rc, err = tx.TakePayment(req)
		return err
	}, func(err error) {
		f.saving = false
		showError(f.probs, hardWrap(f.d.w.T("common.not_saved", "Why", f.d.w.Error(err)), 80))
		f.m.fit()
		f.check()
	}, func() <-chan struct{} {
		f.saving = false
		f.m.close()
		f.d.saidPayment(rc, f.t)
		close(f.done)
		if f.onSaved != nil {
			f.onSaved(rc)
		}
		return nil
	})
}

// saidPayment says in the status line what a payment did, with the
// receipt to print.
func (d *desk) saidPayment(rc data.Receipt, t paymentTarget) {
	w := d.w
	var msg string
	switch {
	case rc.Applied < 0 || (rc.Applied == 0 && rc.ToCredit < 0):
		msg = w.T("billing.said.refund", "Amount", d.money(-(rc.Applied + rc.ToCredit)), "Name", t.PatientName)
	case rc.ToCredit > 0 && rc.Applied > 0:
		msg = w.T("billing.said.paid_with_credit", "Amount", d.money(rc.Applied), "Number", t.Invoice.Number, "Credit", d.money(rc.ToCredit))
	case rc.ToCredit > 0:
		msg = w.T("billing.said.on_account", "Amount", d.money(rc.ToCredit), "Name", t.PatientName)
	default:
		msg = w.T("billing.said.paid", "Amount", d.money(rc.Applied), "Number", t.Invoice.Number)
	}
	id, on := rc.ID, rc.Rows[0].PaidOn
	chart := t.ChartNumber
	d.sayWith(msg, w.T("billing.action.receipt"), func() { d.printReceipt(id, chart, on) })
}
