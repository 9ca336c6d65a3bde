package ui

// newReportsScreen is the reports screen, to be built with the reports work.
func newReportsScreen() *placeholderScreen {
	return newPlaceholder("Reports",
		"Reports will summarise the practice: appointments and no-shows by practitioner, "+
			"income by period, and outstanding balances, each printable as a PDF.")
}
