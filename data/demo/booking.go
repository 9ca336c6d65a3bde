package demo

import (
	"sort"
	"time"

	"frontdesk/data"
)

// The booking part of the demo practice: public holidays and each
// practitioner's leave, a few recurring series, recall intervals and a
// waitlist. It runs after the patients and before the appointments, which
// then leave the days off and the series' slots free.

// span is a period of one practitioner's day taken by a series.
type span struct{ start, end data.WallTime }

type dayKey struct {
	practitioner string
	day          data.Date
}

// bookingState is what appointment generation must respect.
type bookingState struct {
	offs     []data.DayOff
	reserved map[dayKey][]span
}

// isOff reports whether practitioner pr has a day off (or the practice
// is closed) on day.
func (g *generator) isOff(pr string, day data.Date) bool {
	_, ok := data.DayOffOn(g.booking.offs, pr, day)
	return ok
}

// isReserved reports whether [start, end) meets a series occurrence.
func (g *generator) isReserved(pr string, day data.Date, start, end data.WallTime) bool {
	for _, s := range g.booking.reserved[dayKey{pr, day}] {
		if s.start < end && start < s.end {
			return true
		}
	}
	return false
}

// insertBooking writes the booking data of the demo.
func (g *generator) insertBooking(sn *data.Snapshot) error {
	g.booking.reserved = map[dayKey][]span{}
	first, last := g.appointmentRange()
	if err := g.insertDaysOff(sn, first, last); err != nil {
		return err
	}
	if err := g.insertRecalls(sn); err != nil {
		return err
	}
	if err := g.insertSeries(sn); err != nil {
		return err
	}
	if err := g.insertSqueezedIn(sn); err != nil {
		return err
	}
	return g.insertWaitlist(sn)
}

// squeezedNote marks the demo's one deliberate double booking.
const squeezedNote = "Squeezed in: high fever"

// insertSqueezedIn books an urgent patient today over the first
// practitioner's afternoon, as a secretary does when the day is full;
// the slot is not reserved, so the generator books it too and the
// calendar shows the double booking side by side.
func (g *generator) insertSqueezedIn(sn *data.Snapshot) error {
	pr := g.practitioners[0]
	var last data.WorkingHours
	for _, b := range g.hours[pr.ID] {
		if b.Weekday == int(g.o.Today.Weekday()) && b.Start > last.Start {
			last = b
		}
	}
	start := last.Start + 60
	if last.End == 0 || start+10 > last.End || g.isOff(pr.ID, g.o.Today) {
		return nil
	}
	patient := g.patientFor(g.o.Today)
	if patient == "" {
		return nil
	}
	typ := g.typeNamed("Short visit")
	a := data.Appointment{ID: g.id(), PractitionerID: pr.ID, PatientID: patient, TypeID: typ.ID, Day: g.o.Today,
		Start: start, End: start + data.WallTime(typ.DurationMin), TimeZone: practiceZone, Notes: squeezedNote}
	a.Status = g.status(a.Day, a.Start, a.End)
	if a.Status == data.StatusCancelled {
		a.Status = data.StatusBooked
	}
	g.stampTimes(&a)
	g.stats.Appointments++
	return sn.Insert(&a)
}

// appointmentRange is the first and last day Generate books.
func (g *generator) appointmentRange() (data.Date, data.Date) {
	future := min(max(g.o.Days/4, 1), 90)
	return g.o.Today.AddDays(-(g.o.Days - future)), g.o.Today.AddDays(future - 1)
}

// insertDaysOff closes the practice on French public holidays and gives
// each practitioner a week of winter and two weeks of summer leave. The
// third practitioner is away this week, and the first has a training day
// the day after tomorrow, so the calendar of a fresh demo shows both.
func (g *generator) insertDaysOff(sn *data.Snapshot, first, last data.Date) error {
	var offs []data.DayOff
	for y := first.Year; y <= last.Year; y++ {
		for _, h := range frenchHolidays(y) {
			if !h.day.Before(first) && !h.day.After(last) {
				offs = append(offs, data.DayOff{First: h.day, Last: h.day, Kind: data.OffHoliday, Reason: h.name})
			}
		}
		for i, pr := range g.practitioners {
			winter := mondayOfWeek(data.Date{Year: y, Month: time.February, Day: 8 + 7*(i%3)})
			summer := mondayOfWeek(data.Date{Year: y, Month: time.July, Day: 6 + 14*(i%4)})
			for _, o := range []data.DayOff{
				{PractitionerID: pr.ID, First: winter, Last: winter.AddDays(4), Kind: data.OffLeave, Reason: "Winter holiday"},
				{PractitionerID: pr.ID, First: summer, Last: summer.AddDays(11), Kind: data.OffLeave, Reason: "Summer holiday"},
			} {
				if !o.Last.Before(first) && !o.First.After(last) && !o.Covers(g.o.Today) {
					offs = append(offs, o)
				}
			}
		}
	}
	if len(g.practitioners) >= 3 {
		offs = append(offs, data.DayOff{PractitionerID: g.practitioners[2].ID, First: g.o.Today, Last: g.o.Today.AddDays(3),
			Kind: data.OffLeave, Reason: "Family leave"})
	}
	training := g.o.Today.AddDays(2)
	for training.Weekday() == time.Saturday || training.Weekday() == time.Sunday {
		training = training.AddDays(1)
	}
	offs = append(offs, data.DayOff{PractitionerID: g.practitioners[0].ID, First: training, Last: training,
		Kind: data.OffTraining, Reason: "Paediatric emergencies course"})
	for i := range offs {
		offs[i].ID = g.id()
		if err := sn.Insert(&offs[i]); err != nil {
			return err
		}
	}
	g.booking.offs = offs
	return nil
}

func mondayOfWeek(d data.Date) data.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

type holiday struct {
	day  data.Date
	name string
}

// frenchHolidays are the public holidays of France in year y.
func frenchHolidays(y int) []holiday {
	easter := easterSunday(y)
	return []holiday{
		{data.Date{Year: y, Month: 1, Day: 1}, "New Year's Day"},
		{easter.AddDays(1), "Easter Monday"},
		{data.Date{Year: y, Month: 5, Day: 1}, "Labour Day"},
		{data.Date{Year: y, Month: 5, Day: 8}, "Victory in Europe Day"},
		{easter.AddDays(39), "Ascension Day"},
		{easter.AddDays(50), "Whit Monday"},
		{data.Date{Year: y, Month: 7, Day: 14}, "Bastille Day"},
		{data.Date{Year: y, Month: 8, Day: 15}, "Assumption Day"},
		{data.Date{Year: y, Month: 11, Day: 1}, "All Saints' Day"},
		{data.Date{Year: y, Month: 11, Day: 11}, "Armistice Day"},
		{data.Date{Year: y, Month: 12, Day: 25}, "Christmas Day"},
	}
}

// easterSunday is the Gregorian Easter (the anonymous algorithm).
func easterSunday(y int) data.Date {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	gg := (b - f + 1) / 3
	h := (19*a + b - d - gg + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return data.Date{Year: y, Month: time.Month(month), Day: day}
}

// insertRecalls gives two types a yearly recall and a few patients a
// recall of their own.
func (g *generator) insertRecalls(sn *data.Snapshot) error {
	for i := range g.types {
		t := &g.types[i].AppointmentType
		switch t.Name {
		case "Long consultation", "Vaccination":
			t.RecallMonths = 12
			if err := sn.Tx().Save(t); err != nil {
				return err
			}
		}
	}
	reasons := []struct {
		months int
		reason string
	}{{1, "Wound check"}, {3, "Diabetes follow-up"}, {6, "Blood pressure check"}, {6, "INR check"}, {12, "Skin check"}}
	for i := 0; i < len(g.patients); i += 13 {
		p := g.patients[i]
		if !p.deceased.IsZero() {
			continue
		}
		r := pick(g.rng, reasons)
		rec := data.Recall{ID: g.id(), PatientID: p.id, IntervalMonths: r.months, Reason: r.reason, Active: true}
		if err := sn.Insert(&rec); err != nil {
			return err
		}
	}
	return nil
}

// insertSeries books a weekly follow-up with the first practitioner and a
// monthly long consultation ("second Tuesday") with the second, at the
// start of a working block, running from a few weeks ago into the coming
// months; occurrences on days off are cancelled, as a secretary would.
func (g *generator) insertSeries(sn *data.Snapshot) error {
	plans := []struct {
		pr       int
		typ      string
		freq     string
		back     int // days before today of the first occurrence (about)
		count    int
		blockNum int // which block of the day
	}{
		{0, "Follow-up", data.FreqWeekly, 28, 14, 0},
		{1, "Long consultation", data.FreqMonthlyWeekday, 70, 8, 1},
	}
	for _, pl := range plans {
		pr := g.practitioners[pl.pr%len(g.practitioners)]
		typ := g.typeNamed(pl.typ)
		first, block, ok := g.seriesStart(pr.ID, pl.freq, g.o.Today.AddDays(-pl.back), pl.blockNum)
		if !ok {
			continue
		}
		patient := g.patientFor(first)
		if patient == "" {
			continue
		}
		sr := data.Series{ID: g.id(), PractitionerID: pr.ID, PatientID: patient, TypeID: typ.ID, First: first,
			Start: block.Start, End: block.Start + data.WallTime(typ.DurationMin), TimeZone: practiceZone,
			Freq: pl.freq, Every: 1, Count: pl.count, Notes: "Recurring: " + typ.Name}
		if err := sn.Insert(&sr); err != nil {
			return err
		}
		for _, o := range sr.Occurrences(g.loc) {
			a := data.Appointment{ID: g.id(), PractitionerID: pr.ID, PatientID: patient, TypeID: typ.ID,
				Day: o.SeriesDay, Start: o.Start, End: o.End, TimeZone: practiceZone, TimeFlag: o.Flag, Notes: sr.Notes,
				SeriesID: sr.ID, SeriesDay: o.SeriesDay}
			a.Status = g.status(a.Day, a.Start, a.End)
			if a.Status == data.StatusCancelled {
				a.CancelReason = pick(g.rng, cancelReasons)
			}
			if g.isOff(pr.ID, a.Day) {
				a.Status, a.CancelReason, a.SeriesException = data.StatusCancelled, "Day off", true
			}
			g.stampTimes(&a)
			if err := sn.Insert(&a); err != nil {
				return err
			}
			g.booking.reserved[dayKey{pr.ID, a.Day}] = append(g.booking.reserved[dayKey{pr.ID, a.Day}], span{a.Start, a.End})
			g.stats.Appointments++
		}
	}
	return nil
}

func (g *generator) typeNamed(name string) data.AppointmentType {
	for _, t := range g.types {
		if t.Name == name {
			return t.AppointmentType
		}
	}
	return g.types[0].AppointmentType
}

// seriesStart finds the first working day from day on (for monthly
// series, the day that gives a "second weekday" rule) and the practitioner's
// block number blockNum that day.
func (g *generator) seriesStart(pr, freq string, day data.Date, blockNum int) (data.Date, data.WorkingHours, bool) {
	for i := 0; i < 40; i++ { // 40 days hold the second week of some month
		d := day.AddDays(i)
		if freq == data.FreqMonthlyWeekday && data.WeekOfMonthOf(d) != 2 {
			continue
		}
		var blocks []data.WorkingHours
		for _, b := range g.hours[pr] {
			if b.Weekday == int(d.Weekday()) {
				blocks = append(blocks, b)
			}
		}
		sort.Slice(blocks, func(i, j int) bool { return blocks[i].Start < blocks[j].Start })
		if len(blocks) > blockNum {
			return d, blocks[blockNum], true
		}
	}
	return data.Date{}, data.WorkingHours{}, false
}

// insertWaitlist puts a few patients on the waitlist for an earlier slot.
func (g *generator) insertWaitlist(sn *data.Snapshot) error {
	notes := []string{"Mornings only", "Can come at short notice", "", "Not on Wednesdays", ""}
	for i := 0; i < min(5, len(g.patients)); i++ {
		p := g.patients[(i*211+13)%len(g.patients)]
		if !p.deceased.IsZero() {
			continue
		}
		e := data.WaitlistEntry{ID: g.id(), PatientID: p.id, TypeID: g.types[0].ID, Before: g.o.Today.AddDays(10 + 4*i),
			Notes: notes[i], Status: data.WaitWaiting, Added: g.o.Today.AddDays(-i - 1).Time().Add(9 * time.Hour)}
		if i%2 == 0 {
			e.PractitionerID = g.practitioners[i%len(g.practitioners)].ID
		}
		if err := sn.Insert(&e); err != nil {
			return err
		}
	}
	return nil
}

// stampTimes gives an appointment the times of its statuses as the desk
// would have stamped them: booked days or weeks before, confirmed the day
// before, arrived a little early, in the room on time; on today, nothing
// after the demo's "now".
func (g *generator) stampTimes(a *data.Appointment) {
	at := func(d data.Date, w data.WallTime) time.Time {
		t, _ := data.ResolveLocal(d, min(max(w, 0), 24*60-1), g.loc)
		return t.UTC()
	}
	latest := data.WallTime(24*60 - 1)
	if a.Day == g.o.Today {
		latest = g.o.Now - 1
	}
	start := at(a.Day, a.Start)
	a.Times.Booked = at(a.Day.AddDays(-1-g.rng.IntN(40)), hm(8, 0)+data.WallTime(g.rng.IntN(600)))
	between := func() time.Time { // a time between the booking and the visit
		span := start.Sub(a.Times.Booked)
		if span <= time.Minute {
			return a.Times.Booked
		}
		return a.Times.Booked.Add(time.Duration(g.rng.Int64N(int64(span)))).Truncate(time.Minute)
	}
	arrived := min(a.Start-data.WallTime(g.rng.IntN(16)), latest)
	inRoom := min(max(a.Start+data.WallTime(g.rng.IntN(9)), arrived+1), latest)
	switch a.Status {
	case data.StatusConfirmed:
		a.Times.Confirmed = between()
	case data.StatusArrived:
		a.Times.Arrived = at(a.Day, arrived)
	case data.StatusInRoom:
		a.Times.Arrived, a.Times.InRoom = at(a.Day, arrived), at(a.Day, inRoom)
	case data.StatusDone:
		a.Times.Arrived, a.Times.InRoom = at(a.Day, arrived), at(a.Day, inRoom)
		a.Times.Done = at(a.Day, min(max(a.End+data.WallTime(g.rng.IntN(6)), inRoom+1), latest))
	case data.StatusNoShow:
		a.Times.NoShow = at(a.Day, min(a.End, latest))
	case data.StatusCancelled:
		a.Times.Cancelled = between()
	}
}
