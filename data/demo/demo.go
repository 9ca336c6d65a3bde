// Package demo generates a believable practice: practitioners with
// working hours, appointment types, patients whose names come from the
// many languages a European practice meets, and years of appointments
// with realistic statuses. The same seed and the same day give the same
// practice, row for row, whatever the time of day, so tests and
// benchmarks can rely on it.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"frontdesk/data"
)

// Options shape the generated practice.
type Options struct {
	Seed          uint64
	Patients      int
	Days          int // days of appointments, most in the past, some ahead
	Practitioners int
	Today         data.Date        // zero: today on the practice clock
	Now           data.WallTime    // time of day that splits today's done from waiting; used when Today is given, else the seed picks it
	Clock         func() time.Time // the wall clock that gives Today; zero: time.Now
}

// Defaults is the demo practice of `frontdesk --demo`.
func Defaults() Options {
	return Options{Seed: 1, Patients: 3000, Days: 240, Practitioners: 3}
}

// Stats counts what was generated.
type Stats struct {
	Practitioners    int
	AppointmentTypes int
	Patients         int
	Appointments     int
	FirstDay         data.Date
	LastDay          data.Date
	Elapsed          time.Duration
}

// The demo practice's settings.
const (
	practiceZone     = "Europe/Paris"
	practiceCurrency = "EUR"
	daysPerProgress  = 45 // appointment days between two progress lines
)

// validate refuses options that cannot make a practice, before anything
// is written.
func (o *Options) validate() error {
	var p data.Problems
	if !o.Today.IsZero() {
		if _, err := data.NewDate(o.Today.Year, o.Today.Month, o.Today.Day); err != nil {
			p.Add("Today: %v.", err)
		}
		if o.Now < 0 || o.Now >= 24*60 {
			p.Add("Now: %d minutes is not a time of day.", o.Now)
		}
	}
	if o.Patients < 1 || o.Patients > 1_000_000 {
		p.Add("--patients: %d is not between 1 and 1000000.", o.Patients)
	}
	if o.Days < 1 || o.Days > 36_500 {
		p.Add("--days: %d is not between 1 and 36500.", o.Days)
	}
	if o.Practitioners < 1 || o.Practitioners > len(practitionerNames) {
		p.Add("--practitioners: %d is not between 1 and %d.", o.Practitioners, len(practitionerNames))
	}
	return p.Err()
}

// generator holds the state of one run. Everything random comes from rng,
// so the output depends only on the options.
type generator struct {
	o   Options
	rng *rand.Rand
	ids *idSource // shared with the clinical stream
	loc *time.Location

	practitioners  []data.Practitioner
	hours          map[string][]data.WorkingHours // practitioner ID → blocks
	types          []weightedType
	patients       []patientRef
	correspondents []data.Patient // the patients with letters and calls (letters.go)
	booking        bookingState   // days off and series' slots (booking.go)
	stats          Stats
	clin           *clinicalGen // the patient files' own random stream (clinical.go)
	userHash       string       // the demo users' shared password, hashed (users.go)
	bk             *booksGen    // the books' own random stream (books.go)
}

type weightedType struct {
	data.AppointmentType
	weight int
}

// patientRef is what appointment generation needs to know of a patient.
type patientRef struct {
	id       string
	born     data.Date
	deceased data.Date
}

// Generate fills an empty store with a demo practice. It refuses a store
// that already has a practice, so a real practice can never be mixed with
// invented patients. The whole practice is written in one transaction: a
// run that fails, is cancelled or is killed leaves the store as empty as
// it found it, and the next run starts afresh.
func Generate(ctx context.Context, s *data.Store, o Options, progress func(string)) (Stats, error) {
	started := time.Now()
	if progress == nil {
		progress = func(string) {}
	}
	if err := o.validate(); err != nil {
		return Stats{}, err
	}
	if _, err := s.Practice(ctx); err == nil {
		return Stats{}, data.Errorf(data.EConflict, "The data folder %s already holds a practice; the demo is only generated into an empty folder.", s.Dir())
	} else if data.ErrorCode(err) != data.ENotFound {
		return Stats{}, err
	}
	loc, err := data.LoadZone(practiceZone)
	if err != nil {
		return Stats{}, err
	}
	if o.Today.IsZero() {
		clock := o.Clock
		if clock == nil {
			clock = time.Now
		}
		o.Today = data.DateOf(clock().In(loc))
		o.Now = notionalNow(o.Seed)
	}
	g := &generator{
		o:     o,
		rng:   rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)),
		ids:   &idSource{clock: o.Today.AddDays(-o.Days).Time().UnixMilli()},
		loc:   loc,
		hours: map[string][]data.WorkingHours{},
	}
	// Hashed before the write transaction, which would otherwise wait
	// for argon2 (a fraction of a second).
	if g.userHash, err = usersHash(o.Seed); err != nil {
		return Stats{}, err
	}
	err = s.ImportSnapshot(ctx, "demo practice", func(sn *data.Snapshot) error {
		return g.insertPractice(ctx, sn, progress)
	})
	if err != nil {
		return Stats{}, data.WithOp("generating the demo practice", err)
	}
	if err := s.Analyze(ctx); err != nil {
		return Stats{}, err
	}
	g.stats.Elapsed = time.Since(started)
	return g.stats, nil
}

// notionalNow is the time of day at which a demo generated today shows
// its waiting room: a minute between 09:30 and 11:30 that the seed picks,
// never the clock's, so that the same seed on the same day gives the
// same practice at any hour.
func notionalNow(seed uint64) data.WallTime {
	return hm(9, 30) + data.WallTime(seed%121)
}

// insertPractice writes the whole practice: settings, patients with
// their files, booking data, then the appointments day by day.
func (g *generator) insertPractice(ctx context.Context, sn *data.Snapshot, progress func(string)) error {
	if err := g.insertSettings(sn); err != nil {
		return err
	}
	for done := 0; done < g.o.Patients; {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(20_000, g.o.Patients-done)
		if err := g.insertPatients(sn, n); err != nil {
			return err
		}
		done += n
		progress(fmt.Sprintf("patients %d/%d", done, g.o.Patients))
	}
	if err := g.insertClinical(ctx, sn, progress); err != nil {
		return err
	}
	if err := g.insertBooking(sn); err != nil {
		return err
	}
	first, last := g.appointmentRange()
	g.stats.FirstDay, g.stats.LastDay = first, last
	for day := first; !day.After(last); day = day.AddDays(1) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := g.insertDay(sn, day); err != nil {
			return err
		}
		if first.DaysUntil(day)%daysPerProgress == daysPerProgress-1 || day == last {
			progress(fmt.Sprintf("appointments up to %s: %d", day, g.stats.Appointments))
		}
	}
	if err := g.insertUsers(sn); err != nil {
		return err
	}
	if err := g.insertBooks(sn); err != nil {
		return err
	}
	return g.insertCorrespondence(sn)
}

// id returns the next key on the generator's random stream.
func (g *generator) id() string { return g.ids.next(g.rng) }

// pick returns one element of list.
func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

// weightedIndex picks one of n items, item i with probability
// weight(i) over the sum of the weights.
func weightedIndex(rng *rand.Rand, n int, weight func(i int) int) int {
	total := 0
	for i := 0; i < n; i++ {
		total += weight(i)
	}
	r := rng.IntN(total)
	for i := 0; i < n; i++ {
		if r < weight(i) {
			return i
		}
		r -= weight(i)
	}
	return 0
}

// chance returns true with probability p.
func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }
