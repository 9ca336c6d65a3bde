package ui

// newLettersScreen is the letters screen, to be built with the letters work.
func newLettersScreen() *placeholderScreen {
	return newPlaceholder("Letters",
		"Letters will be written here from the practice's templates (referrals, certificates, "+
			"appointment reminders), printed or saved as PDF, and kept in the patient's file.")
}
