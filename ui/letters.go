package ui

// newLettersScreen is the letters screen, to be built with the letters work.
func newLettersScreen(w words) *placeholderScreen {
	return newPlaceholder(w, w.T("desk.rail.letters"), w.T("placeholder.letters"))
}
