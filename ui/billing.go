package ui

// newBillingScreen is the billing screen, to be built with the invoicing work.
func newBillingScreen() *placeholderScreen {
	return newPlaceholder("Billing",
		"Billing will turn appointments into invoices and receipts, record payments and "+
			"balances due, and correct a finalized invoice with a credit note.")
}
