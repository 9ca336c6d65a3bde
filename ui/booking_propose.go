package ui

import (
	"context"

	"frontdesk/data"
)

// whenState is what the secretary may have changed in the form while a
// proposed slot was being looked for: the day, the time, the practitioner.
type whenState struct {
	date, from string
	pr         int
}

func (f *bookingForm) whenState() whenState {
	return whenState{f.date.Text, f.from.Text, f.prSel.SelectedIndex()}
}

// proposeSlot puts the next free slot on a new booking (Ctrl+N, Book):
// the practitioner's it opened for, or with none the earliest of those
// who take bookings, whose practitioner it then chooses. Until then the
// form stands, bookable, on the time it opened on with someone who works
// then. It runs in the background; a secretary who changed the day, the
// time or the practitioner meanwhile keeps what she typed.
func (f *bookingForm) proposeSlot() {
	ids := f.prIDs
	if f.start.practitioner != "" {
		ids = []string{f.start.practitioner}
	} else {
		f.selectPractitioner(f.whoWorksAt(f.start.day, f.start.start))
	}
	if len(ids) == 0 {
		close(f.proposed)
		return
	}
	length := f.length()
	if length <= 0 {
		length = 15
	}
	loc, df := f.d.pr.Location(), f.d.pr.DateFormat
	from := nowFunc()
	if t, _ := data.ResolveLocal(f.start.day, 0, loc); t.After(from) {
		from = t
	}
	q := data.SlotQuery{PractitionerIDs: ids, Minutes: length, From: from}
	was, store := f.whenState(), f.d.store
	background(f.d.do, func() (freeSlot, error) {
		sl, ok, err := store.FirstFreeSlot(context.Background(), q, loc)
		return freeSlot{sl, ok}, err
	}, func(fs freeSlot, err error) {
		defer close(f.proposed)
		if f.m.closed || f.whenState() != was {
			return
		}
		// The slot is the form's starting point, not a change of the
		// secretary's: Escape on a form she has not touched still
		// closes it without asking.
		untouched := f.m.changed != nil && !f.m.changed()
		f.quiet = true
		defer func() {
			f.quiet = false
			if untouched {
				f.m.guardIn(f.d.w, f.discardQuestion(), f.patient.state)
			}
		}()
		switch {
		case err != nil:
			f.d.opts.logf("ui: proposing a free slot: %v", err)
			showError(f.result, hardWrap(f.d.w.T("booking.propose_failed", "Why", f.d.w.Error(err)), 95))
		case !fs.found: // nothing free for six months: the time it opened on stays
		default:
			f.selectPractitioner(fs.slot.PractitionerID)
			f.date.SetText(df.Format(fs.slot.Day))
			f.from.SetText(fs.slot.Start.String())
			f.to.SetText(fs.slot.End.String())
		}
	})
}

// whoWorksAt is the first practitioner offered who works at wall time
// at on day, else the first offered; "" when none is.
func (f *bookingForm) whoWorksAt(day data.Date, at data.WallTime) string {
	for _, id := range f.prIDs {
		for _, b := range workBlocks(f.refs.Hours[id], day) {
			if b.start <= at && at < b.end {
				return id
			}
		}
	}
	if len(f.prIDs) > 0 {
		return f.prIDs[0]
	}
	return ""
}
