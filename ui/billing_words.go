package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/i18n"
	"frontdesk/reports"
)

// billStatusNames are the statuses of an invoice as the lists show them.
var billStatusNames = map[string]i18n.Key{
	data.BillDraft:      "billing.status.draft",
	data.BillUnpaid:     "billing.status.unpaid",
	data.BillPartlyPaid: "billing.status.partly_paid",
	data.BillOverdue:    "billing.status.overdue",
	data.BillPaid:       "billing.status.paid",
	data.BillCredited:   "billing.status.credited",
	data.BillCreditNote: "billing.status.credit_note",
}

// billStatus names an invoice's status.
func (w words) billStatus(s string) string {
	if k, ok := billStatusNames[s]; ok {
		return w.T(k)
	}
	return s
}

// billStatusImportance colours a status (never the only sign: the word
// says it too).
func billStatusImportance(s string) widget.Importance {
	switch s {
	case data.BillOverdue:
		return widget.DangerImportance
	case data.BillUnpaid, data.BillPartlyPaid, data.BillDraft:
		return widget.WarningImportance
	case data.BillPaid:
		return widget.SuccessImportance
	}
	return widget.LowImportance
}

// method names a payment method.
func (w words) method(m string) string { return reports.MethodName(w.Localizer, m) }

// money writes an amount of the practice currency.
func (d *desk) money(m data.Money) string { return d.w.Amount(m, d.pr.Money()) }

// accountText says where a patient's account stands: due, credit or
// settled.
func accountText(w words, a data.Account, cur data.Currency) string {
	switch {
	case a.Due > 0 && a.Credit > 0:
		return w.T("billing.account.due_and_credit", "Due", w.Amount(a.Due, cur), "Credit", w.Amount(a.Credit, cur))
	case a.Balance > 0:
		return w.T("billing.account.due", "Amount", w.Amount(a.Balance, cur))
	case a.Balance < 0:
		return w.T("billing.account.credit", "Amount", w.Amount(-a.Balance, cur))
	}
	return w.T("billing.account.settled")
}

// decimalText puts the desk language's decimal mark in a number written
// with a point, as amountInput does for money: a tax rate's "5,5".
func (w words) decimalText(s string) string {
	mark := strings.Trim(w.Decimal(1, 1), "01") // "0.1" or "0,1"
	if mark == "" || mark == "." {
		return s
	}
	return strings.Replace(s, ".", mark, 1)
}
