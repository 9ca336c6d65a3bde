package ui

// newReportsScreen is the reports screen, to be built with the reports work.
func newReportsScreen(w words) *placeholderScreen {
	return newPlaceholder(w, w.T("desk.rail.reports"), w.T("placeholder.reports"))
}
