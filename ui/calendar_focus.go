package ui

import (
	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// Preferences of this computer's calendar (Fyne keeps them per user and
// computer): the practitioners the day view leaves out, and whose week
// the week view shows.
const (
	prefDayHidden        = "calendar.dayHidden"
	prefWeekPractitioner = "calendar.weekPractitioner"
)

// calendarPrefs are the calendar's preferences, or nil when the app has
// none (they are then simply not remembered).
func calendarPrefs() fyne.Preferences {
	if a := fyne.CurrentApp(); a != nil {
		return a.Preferences()
	}
	return nil
}

// restorePrefs takes the remembered choices back into use.
func (c *calendarScreen) restorePrefs() {
	c.hidden = map[string]bool{}
	if c.prefs == nil {
		return
	}
	for _, id := range c.prefs.StringList(prefDayHidden) {
		c.hidden[id] = true
	}
	c.weekPr = c.prefs.String(prefWeekPractitioner)
}

// setWeekPractitioner shows id's week and remembers it for next time.
func (c *calendarScreen) setWeekPractitioner(id string) {
	c.weekPr = id
	if c.prefs != nil {
		c.prefs.SetString(prefWeekPractitioner, id)
	}
}

// focusOn records the practitioner whose column the secretary just
// used (tapped free time, opened an appointment or a day off).
func (c *calendarScreen) focusOn(col gridColumn) { c.focusPr = col.PractitionerID }

// hovered follows the column under the mouse.
func (c *calendarScreen) hovered(col gridColumn, in bool) {
	switch {
	case in:
		c.hoverPr = col.PractitionerID
	case c.hoverPr == col.PractitionerID:
		c.hoverPr = ""
	}
}

// lookedAt is the practitioner whose calendar the secretary is looking
// at: the week's in the week view; in the day view the column under the
// mouse, else the column last used, else the only one shown. "" when
// there is no telling; a practitioner who takes no bookings is never it.
func (c *calendarScreen) lookedAt() string {
	bookable := func(id string) bool {
		p, ok := c.refs.practitioner(id)
		return ok && p.Active
	}
	if c.mode == modeWeek {
		if bookable(c.weekPr) {
			return c.weekPr
		}
		return ""
	}
	shown := map[string]bool{}
	for _, col := range c.loaded.Columns {
		shown[col.PractitionerID] = true
	}
	for _, id := range []string{c.hoverPr, c.focusPr} {
		if id != "" && shown[id] && bookable(id) {
			return id
		}
	}
	if len(c.loaded.Columns) == 1 && bookable(c.loaded.Columns[0].PractitionerID) {
		return c.loaded.Columns[0].PractitionerID
	}
	return ""
}

// bookNow opens a new booking (the Book button, Ctrl+N) for the
// practitioner looked at, on the next free slot: from now, or from the
// first day shown when the calendar shows days to come. With nobody
// looked at, the slot is the earliest of anyone's, and so is the
// practitioner. Until the slot is found, the form shows the next
// quarter hour (nine o'clock on a later day).
func (c *calendarScreen) bookNow() {
	c.bookNowFor(data.PatientHit{}, c.saved)
}

// bookNowFor opens bookNow's booking for a patient already chosen (none:
// the zero hit); onSaved follows a save.
func (c *calendarScreen) bookNowFor(patient data.PatientHit, onSaved func(data.Date)) {
	t := nowFunc().In(c.d.pr.Location())
	today := data.DateOf(t)
	day := c.day
	if c.mode == modeWeek {
		day = weekStart(c.day, c.d.pr.FirstWeekday())
	}
	at := data.WallTime(9 * 60)
	if !day.After(today) {
		day = today
		at = min(data.WallTime(t.Hour()*60+t.Minute()+14)/15*15, 23*60)
	}
	openBooking(c.d, bookingStart{practitioner: c.lookedAt(), day: day, start: at, patient: patient, propose: true}, onSaved)
}
