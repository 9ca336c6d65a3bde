package ui

// newWaitingScreen is the waiting room, to be built with the booking work.
func newWaitingScreen() *placeholderScreen {
	return newPlaceholder("Waiting room",
		"The waiting room will list today's patients as they arrive: who is waiting, "+
			"for which practitioner and since when, who is in the room and who has left. "+
			"Marking a patient as arrived will happen here and in the calendar.")
}
