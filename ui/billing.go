package ui

// newBillingScreen is the billing screen, to be built with the invoicing work.
func newBillingScreen(w words) *placeholderScreen {
	return newPlaceholder(w, w.T("desk.rail.billing"), w.T("placeholder.billing"))
}
