package demo

import (
	"math"

	"frontdesk/data"
)

// insertDay books one day of every practitioner who works that weekday.
func (g *generator) insertDay(sn *data.Snapshot, day data.Date) error {
	for _, pr := range g.practitioners {
		var blocks []data.WorkingHours
		minutes := 0
		for _, b := range g.hours[pr.ID] {
			if b.Weekday == int(day.Weekday()) {
				blocks = append(blocks, b)
				minutes += int(b.End - b.Start)
			}
		}
		if minutes == 0 || g.chance(0.03) || g.isOff(pr.ID, day) { // a day off now and then, holidays, leave
			continue
		}
		// 25–35 appointments over a full day of about eight hours.
		target := (25 + g.rng.IntN(11)) * minutes / 480
		for _, b := range blocks {
			for cursor := b.Start; target > 0; target-- {
				if g.chance(0.08) {
					cursor += data.WallTime(5 * (1 + g.rng.IntN(3)))
				}
				t := g.appointmentType()
				end := cursor + data.WallTime(t.DurationMin)
				if end > b.End {
					break
				}
				if err := g.insertAppointment(sn, pr.ID, t, day, cursor, end); err != nil {
					return err
				}
				cursor = end
			}
		}
	}
	return nil
}

func (g *generator) appointmentType() data.AppointmentType {
	return g.types[weightedIndex(g.rng, len(g.types), func(i int) int { return g.types[i].weight })].AppointmentType
}

// patientFor picks a patient alive and born on day. Some patients come
// often, most rarely: the index is skewed towards the start of the list.
func (g *generator) patientFor(day data.Date) string {
	for try := 0; try < 8; try++ {
		i := int(math.Pow(g.rng.Float64(), 1.6) * float64(len(g.patients)))
		p := g.patients[i]
		if p.born.After(day) || (!p.deceased.IsZero() && !p.deceased.After(day)) {
			continue
		}
		return p.id
	}
	return ""
}

func (g *generator) insertAppointment(sn *data.Snapshot, practitionerID string, t data.AppointmentType, day data.Date, start, end data.WallTime) error {
	patient := g.patientFor(day)
	if patient == "" || g.isReserved(practitionerID, day, start, end) {
		return nil // nobody suitable, or a series has the slot: it stays free
	}
	a := data.Appointment{
		ID: g.id(), PractitionerID: practitionerID, PatientID: patient, TypeID: t.ID,
		Day: day, Start: start, End: end, TimeZone: practiceZone,
		Notes: pick(g.rng, visitNotes),
	}
	a.Status = g.status(day, start, end)
	if a.Status == data.StatusCancelled {
		a.CancelReason = pick(g.rng, cancelReasons)
	}
	g.stampTimes(&a) // booking.go
	if err := sn.Insert(&a); err != nil {
		return err
	}
	if a.Status == data.StatusDone {
		for i := range g.types {
			if g.types[i].ID == t.ID {
				g.books().done(a, i)
			}
		}
	}
	g.stats.Appointments++
	return nil
}

// status gives past visits their outcome, today's the state of the
// waiting room at o.Now, and future ones a booking or confirmation.
func (g *generator) status(day data.Date, start, end data.WallTime) string {
	switch c := day.Compare(g.o.Today); {
	case c < 0 || (c == 0 && end <= g.o.Now):
		switch r := g.rng.Float64(); {
		case r < 0.04:
			return data.StatusNoShow
		case r < 0.12:
			return data.StatusCancelled
		}
		return data.StatusDone
	case c == 0 && start <= g.o.Now:
		return data.StatusInRoom
	case c == 0 && start <= g.o.Now+40:
		if g.chance(0.7) {
			return data.StatusArrived
		}
		return data.StatusConfirmed
	}
	switch r := g.rng.Float64(); {
	case r < 0.04:
		return data.StatusCancelled
	case r < 0.5 && g.o.Today.DaysUntil(day) <= 2:
		return data.StatusConfirmed
	}
	return data.StatusBooked
}
