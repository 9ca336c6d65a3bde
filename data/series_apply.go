package data

import (
	"context"
	"time"

	"frontdesk/data/i18n"
)

// SeriesResult counts what making or remaking a series did.
type SeriesResult struct {
	SeriesID string
	Created  int // occurrences booked
	Updated  int // occurrences moved to the new rule
	Removed  int // occurrences the new rule no longer has
	Kept     int // exceptions and visits under way or past, left as they were
	// Moved lists the days whose occurrence fell in a daylight-saving gap
	// and was moved to the first valid time after it.
	Moved []Date
	// Clashes are the clashes of every occurrence booked or moved; each
	// names its day.
	Clashes []Clash
}

// CreateSeries saves a new series and books its occurrences, in the same
// transaction. Occurrences that clash refuse the whole series with
// EClash (naming them) unless allowClash.
func (tx *Tx) CreateSeries(sr *Series, allowClash bool) (SeriesResult, error) {
	if sr.ID != "" {
		return SeriesResult{}, NewError(EInvalid, "series.error.exists")
	}
	if err := tx.Save(sr); err != nil {
		return SeriesResult{}, err
	}
	return tx.applySeries(sr, Date{}, allowClash)
}

// ChangeSeries applies a new rule to the series of the occurrence
// occurrenceID. ScopeAll changes the whole series; ScopeFollowing ends the
// series before this occurrence and starts a new one, with rule, that
// takes this occurrence and those after it. In both cases exceptions
// (occurrences changed on their own) and occurrences that are under way,
// past or cancelled are kept as they are; the others follow the rule.
func (tx *Tx) ChangeSeries(occurrenceID string, scope Scope, rule Series, allowClash bool) (SeriesResult, error) {
	occ, err := tx.Appointment(occurrenceID)
	if err != nil {
		return SeriesResult{}, err
	}
	if occ.SeriesID == "" {
		return SeriesResult{}, NewError(EInvalid, "series.error.not_in_series")
	}
	old, err := tx.Series(occ.SeriesID)
	if err != nil {
		return SeriesResult{}, err
	}
	if err := rule.Validate(); err != nil {
		return SeriesResult{}, err
	}
	switch {
	case scope == ScopeOne:
		return SeriesResult{}, NewError(EInvalid, "series.error.change_one")
	case scope == ScopeAll || !occ.SeriesDay.After(old.First):
		rule.ID = old.ID
		if err := tx.Save(&rule); err != nil {
			return SeriesResult{}, err
		}
		return tx.applySeries(&rule, tx.today(rule.TimeZone), allowClash)
	}
	cut := occ.SeriesDay
	old.Until, old.Count = cut.AddDays(-1), 0
	if err := tx.Save(&old); err != nil {
		return SeriesResult{}, err
	}
	rule.ID = ""
	if err := tx.Save(&rule); err != nil {
		return SeriesResult{}, err
	}
	// The occurrences from the cut on, exceptions included, now belong to
	// the new series: its edits must find them (and leave the exceptions).
	moving, err := tx.seriesAppointments(old.ID)
	if err != nil {
		return SeriesResult{}, err
	}
	for _, a := range moving {
		if a.SeriesDay.Before(cut) {
			continue
		}
		a.SeriesID = rule.ID
		if err := tx.Save(&a); err != nil {
			return SeriesResult{}, err
		}
	}
	return tx.applySeries(&rule, tx.today(rule.TimeZone), allowClash)
}

// today is the transaction's day on the clock of zone.
func (tx *Tx) today(zone string) Date {
	loc, err := LoadZone(zone)
	if err != nil {
		loc = time.UTC
	}
	return DateOf(tx.now.In(loc))
}

// CancelSeries cancels, with reason, the occurrence occurrenceID
// (ScopeOne), it and the ones after it (ScopeFollowing: the series then
// ends before it), or every occurrence still booked (ScopeAll: the series
// is removed). Cancelled occurrences are kept, greyed, like any cancelled
// appointment; visits under way or done are left alone. It returns how
// many appointments were cancelled.
func (tx *Tx) CancelSeries(occurrenceID string, scope Scope, reason string) (int, error) {
	if CleanText(reason) == "" {
		return 0, NewError(EInvalid, "series.problem.no_cancel_reason", "Field", AppointmentLabel(FieldCancelReason))
	}
	occ, err := tx.Appointment(occurrenceID)
	if err != nil {
		return 0, err
	}
	if scope == ScopeOne || occ.SeriesID == "" {
		_, err := tx.SetStatus(occurrenceID, StatusCancelled, reason)
		return 1, err
	}
	sr, err := tx.Series(occ.SeriesID)
	if err != nil {
		return 0, err
	}
	all := scope == ScopeAll || !occ.SeriesDay.After(sr.First)
	loc, err := LoadZone(sr.TimeZone)
	if err != nil {
		return 0, err
	}
	today := DateOf(tx.now.In(loc))
	appts, err := tx.seriesAppointments(sr.ID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range appts {
		if a.Status != StatusBooked && a.Status != StatusConfirmed {
			continue
		}
		if (all && a.Day.Before(today)) || (!all && a.SeriesDay.Before(occ.SeriesDay)) {
			continue
		}
		if err := a.applyStatus(StatusCancelled, reason, tx.now); err != nil {
			return n, err
		}
		if err := tx.Save(&a); err != nil {
			return n, err
		}
		n++
	}
	if all {
		return n, tx.Delete(&sr)
	}
	sr.Until, sr.Count = occ.SeriesDay.AddDays(-1), 0
	return n, tx.Save(&sr)
}

// seriesAppointments returns the occurrences of a series, by series day.
// The rows are read whole before anything is written (one connection).
func (tx *Tx) seriesAppointments(seriesID string) ([]Appointment, error) {
	vs, err := scanAppointmentViews(tx.ctx, tx.tx, appointmentViewSelect+`
		WHERE a.series_id = ? AND a.deleted = 0 ORDER BY a.series_day, a.start_utc`, seriesID)
	out := make([]Appointment, len(vs))
	for i, v := range vs {
		out[i] = v.Appointment
	}
	return out, err
}

// SeriesAppointments returns the occurrences of a series, by series day.
func (s *Store) SeriesAppointments(ctx context.Context, seriesID string) ([]AppointmentView, error) {
	return scanAppointmentViews(ctx, s.r, appointmentViewSelect+`
		WHERE a.series_id = ? AND a.deleted = 0 ORDER BY a.series_day, a.start_utc`, seriesID)
}

// applySeries makes the series' occurrences match its rule. An occurrence
// that already exists for a day of the rule is updated in place (it keeps
// its ID and status); one the rule no longer has is removed; missing ones
// are booked from day bookFrom on (a changed rule does not fill days that
// are past). Frozen occurrences — exceptions, visits under way, done,
// no-shows, cancellations, and anything before today — are kept and
// their days are not booked again.
func (tx *Tx) applySeries(sr *Series, bookFrom Date, allowClash bool) (SeriesResult, error) {
	res := SeriesResult{SeriesID: sr.ID}
	loc, err := LoadZone(sr.TimeZone)
	if err != nil {
		return res, err
	}
	today := DateOf(tx.now.In(loc))
	existing, err := tx.seriesAppointments(sr.ID)
	if err != nil {
		return res, err
	}
	occs := sr.Occurrences(loc)
	want := make(map[Date]Occurrence, len(occs))
	for _, o := range occs {
		want[o.SeriesDay] = o
	}
	have := make(map[Date]bool, len(existing))
	book := func(a *Appointment, o Occurrence) error {
		a.PractitionerID, a.PatientID, a.TypeID = sr.PractitionerID, sr.PatientID, sr.TypeID
		a.Day, a.Start, a.End, a.TimeZone, a.TimeFlag = o.SeriesDay, o.Start, o.End, sr.TimeZone, o.Flag
		a.Notes, a.SeriesID, a.SeriesDay = sr.Notes, sr.ID, o.SeriesDay
		if o.Flag == FlagGap {
			res.Moved = append(res.Moved, o.SeriesDay)
		}
		cl, err := tx.bookOccurrence(a)
		res.Clashes = append(res.Clashes, cl...)
		return err
	}
	for i := range existing {
		a := &existing[i]
		have[a.SeriesDay] = true
		frozen := a.SeriesException || (a.Status != StatusBooked && a.Status != StatusConfirmed) || a.Day.Before(today)
		o, ok := want[a.SeriesDay]
		switch {
		case frozen:
			res.Kept++
		case ok:
			if err := book(a, o); err != nil {
				return res, err
			}
			res.Updated++
		default:
			if err := tx.Delete(a); err != nil {
				return res, err
			}
			res.Removed++
		}
	}
	for _, o := range occs {
		if have[o.SeriesDay] || o.SeriesDay.Before(bookFrom) {
			continue
		}
		a := Appointment{Status: StatusBooked}
		if err := book(&a, o); err != nil {
			return res, err
		}
		res.Created++
	}
	if len(res.Clashes) > 0 && !allowClash {
		pr, _ := loadPractice(tx.ctx, tx.tx)
		return res, seriesClashError(res.Clashes, len(occs), pr.DateFormat)
	}
	return res, nil
}

// bookOccurrence writes one occurrence and returns its clashes; the
// caller decides about them for the whole series at once.
func (tx *Tx) bookOccurrence(a *Appointment) ([]Clash, error) {
	if a.ID != "" {
		// Updated by the series, not on its own: it stays a plain
		// occurrence, so Book's exception rule does not apply.
		if err := a.Validate(); err != nil {
			return nil, err
		}
		cl, err := tx.clashes(a)
		if err != nil {
			return nil, err
		}
		return cl, tx.Save(a)
	}
	return tx.Book(a, true)
}

// seriesClashError names the clashing occurrences, the first few in full.
func seriesClashError(clashes []Clash, total int, df DateFormat) error {
	days := map[Date]bool{}
	for _, c := range clashes {
		days[c.Day] = true
	}
	var p Problems
	p.Report("", "series.clash.head", "Clashing", len(days), "Total", total)
	const shown = 6
	for i, c := range clashes {
		if i == shown {
			p.Report("", "series.clash.more", "More", len(clashes)-shown)
			break
		}
		p.Report("", "series.clash.day", "Weekday", i18n.ShortWeekdayKey(c.Day.Weekday()), "Date", c.Day, "Clash", c.Msg())
	}
	p.Report("", "series.clash.advice")
	return problemsError(EClash, p, df)
}
