package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Practitioner is a person who sees patients and has a column in the
// calendar.
type Practitioner struct {
	ID          string
	DisplayName string // "Dr Anna Weber", as the calendar and letters show it
	Title       string
	Speciality  string
	Colour      string // #RRGGBB
	Active      bool
}

// Fields of a practitioner and of an appointment type (FieldName is the
// practice's, reused).
const (
	FieldTitle      = "title"
	FieldSpeciality = "speciality"
	FieldColour     = "colour"
	FieldDuration   = "duration"
	FieldDefaultFee = "default_fee"
	FieldRecall     = "recall"
)

// Validate cleans and checks the fields.
func (pr *Practitioner) Validate() error {
	var p Problems
	pr.DisplayName = CleanText(pr.DisplayName)
	pr.Title = CleanText(pr.Title)
	pr.Speciality = CleanText(pr.Speciality)
	p.required(FieldName, "practitioner.field.name", pr.DisplayName, MaxName)
	p.length(FieldTitle, "practitioner.field.title", pr.Title, MaxName)
	p.length(FieldSpeciality, "practitioner.field.speciality", pr.Speciality, MaxName)
	p.colour(FieldColour, "practitioner.field.colour", pr.Colour)
	return p.Err()
}

func (pr *Practitioner) row() row {
	return row{"practitioners", &pr.ID,
		[]string{"display_name", "title", "speciality", "colour", "active"},
		[]any{pr.DisplayName, pr.Title, pr.Speciality, pr.Colour, pr.Active}}
}

// WorkingHours is one block of a practitioner's week: on Weekday, from
// Start to End on the practice clock. Two blocks on a day leave a break.
type WorkingHours struct {
	ID             string
	PractitionerID string
	Weekday        int // 0 = Sunday … 6 = Saturday, as time.Weekday
	Start, End     WallTime
}

// FieldHours is the working week of a practitioner.
const FieldHours = "hours"

// Validate checks that the block is a real interval of one day.
func (wh *WorkingHours) Validate() error {
	var p Problems
	if wh.PractitionerID == "" {
		p.Report(FieldHours, "hours.problem.no_practitioner")
	}
	if wh.Weekday < 0 || wh.Weekday > 6 {
		p.Report(FieldHours, "hours.problem.weekday", "Day", strconv.Itoa(wh.Weekday))
	}
	if wh.Start < 0 || wh.End > 24*60 || wh.Start >= wh.End {
		p.Report(FieldHours, "hours.problem.period", "Start", wh.Start, "End", wh.End)
	}
	return p.Err()
}

func (wh *WorkingHours) row() row {
	return row{"working_hours", &wh.ID,
		[]string{"practitioner_id", "weekday", "start_min", "end_min"},
		[]any{wh.PractitionerID, wh.Weekday, int(wh.Start), int(wh.End)}}
}

// String writes the block for people: "Mon 08:00–12:00".
func (wh WorkingHours) String() string {
	return fmt.Sprintf("%s %s–%s", weekdayShort[wh.Weekday], wh.Start, wh.End)
}

var weekdayShort = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// Practitioners returns the practitioners, active ones first, by name.
func (s *Store) Practitioners(ctx context.Context) ([]Practitioner, error) {
	return scanPractitioners(ctx, s.r)
}

func scanPractitioners(ctx context.Context, q querier) ([]Practitioner, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, display_name, title, speciality, colour, active
		FROM practitioners WHERE deleted = 0 ORDER BY active DESC, display_name`)
	if err != nil {
		return nil, sqlErr("reading practitioners", err)
	}
	defer rows.Close()
	var out []Practitioner
	for rows.Next() {
		var p Practitioner
		if err := rows.Scan(&p.ID, &p.DisplayName, &p.Title, &p.Speciality, &p.Colour, &p.Active); err != nil {
			return nil, sqlErr("reading practitioners", err)
		}
		out = append(out, p)
	}
	return out, sqlErr("reading practitioners", rows.Err())
}

// WorkingHoursOf returns a practitioner's weekly blocks, Monday first.
func (s *Store) WorkingHoursOf(ctx context.Context, practitionerID string) ([]WorkingHours, error) {
	return workingHoursOf(ctx, s.r, practitionerID)
}

// workingHoursOf reads the blocks on the read pool or inside a write
// transaction (the clash check of a booking).
func workingHoursOf(ctx context.Context, q querier, practitionerID string) ([]WorkingHours, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, practitioner_id, weekday, start_min, end_min
		FROM working_hours WHERE practitioner_id = ? AND deleted = 0`, practitionerID)
	if err != nil {
		return nil, sqlErr("reading working hours", err)
	}
	defer rows.Close()
	var out []WorkingHours
	for rows.Next() {
		var w WorkingHours
		if err := rows.Scan(&w.ID, &w.PractitionerID, &w.Weekday, &w.Start, &w.End); err != nil {
			return nil, sqlErr("reading working hours", err)
		}
		out = append(out, w)
	}
	// Monday first: (weekday+6)%7 puts Sunday last.
	sort.Slice(out, func(i, j int) bool {
		a, b := (out[i].Weekday+6)%7, (out[j].Weekday+6)%7
		return a < b || a == b && out[i].Start < out[j].Start
	})
	return out, sqlErr("reading working hours", rows.Err())
}

// ValidateWeek checks a practitioner's week as a whole: each block on its
// own (Validate) and, on each day, no two blocks that overlap. Blocks
// that touch (12:00–14:00 after 08:00–12:00) are allowed. A form checks
// the week of a practitioner not saved yet, so a block without its
// practitioner passes here; Save refuses it.
func ValidateWeek(week []WorkingHours) error {
	var p Problems
	byDay := map[int][]WorkingHours{}
	for i := range week {
		check := week[i]
		if check.PractitionerID == "" {
			check.PractitionerID = "-"
		}
		if err := check.Validate(); err != nil {
			p = append(p, ProblemsOf(err)...)
			continue
		}
		byDay[week[i].Weekday] = append(byDay[week[i].Weekday], week[i])
	}
	for wd := 0; wd < 7; wd++ {
		bs := byDay[(wd+1)%7] // Monday first, as people read a week
		sort.Slice(bs, func(i, j int) bool { return bs[i].Start < bs[j].Start })
		for i := 1; i < len(bs); i++ {
			if bs[i].Start < bs[i-1].End {
				p.Report(FieldHours, "hours.problem.overlap", "Day", time.Weekday(bs[i].Weekday),
					"Start", bs[i].Start, "End", bs[i].End, "OtherStart", bs[i-1].Start, "OtherEnd", bs[i-1].End)
			}
		}
	}
	return p.Err()
}

// SavePractitioner saves a practitioner and replaces their working week
// with week, in the caller's transaction: blocks already stored as they
// are stay untouched, changed days reuse their rows (an update of the
// times), new blocks are inserted and the blocks no longer in the week
// become tombstones, so sync carries exactly what changed. The IDs of the
// blocks in week are ignored and filled in with the rows they became.
func (tx *Tx) SavePractitioner(p *Practitioner, week []WorkingHours) error {
	if err := p.Validate(); err != nil {
		return err // before the blocks, which need the practitioner's ID
	}
	if err := tx.Save(p); err != nil {
		return err
	}
	for i := range week {
		week[i].ID, week[i].PractitionerID = "", p.ID
	}
	if err := ValidateWeek(week); err != nil {
		return err
	}
	old, err := workingHoursOf(tx.ctx, tx.tx, p.ID)
	if err != nil {
		return err
	}
	used := make([]bool, len(old))
	// First pass: blocks stored exactly as they are keep their rows.
	for i := range week {
		for k, o := range old {
			if !used[k] && o.Weekday == week[i].Weekday && o.Start == week[i].Start && o.End == week[i].End {
				used[k], week[i].ID = true, o.ID
				break
			}
		}
	}
	// Second pass: a changed block takes a free row of its day, else a new one.
	for i := range week {
		if week[i].ID != "" {
			continue
		}
		for k, o := range old {
			if !used[k] && o.Weekday == week[i].Weekday {
				used[k], week[i].ID = true, o.ID
				break
			}
		}
		if err := tx.Save(&week[i]); err != nil {
			return err
		}
	}
	for k := range old {
		if !used[k] {
			if err := tx.Delete(&old[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// SetPractitionerActive deactivates a practitioner (no column in the
// calendar, not offered for new bookings; appointments and history stay)
// or makes them active again. Only the active field is written, so an
// edit of the name made on another device is not undone.
func (tx *Tx) SetPractitionerActive(id string, active bool) error {
	p, err := loadPractitioner(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	p.Active = active
	return tx.Save(&p)
}

// Practitioner returns one practitioner.
func (s *Store) Practitioner(ctx context.Context, id string) (Practitioner, error) {
	return loadPractitioner(ctx, s.r, id)
}

func loadPractitioner(ctx context.Context, q querier, id string) (Practitioner, error) {
	var p Practitioner
	err := q.QueryRowContext(ctx, `SELECT id, display_name, title, speciality, colour, active
		FROM practitioners WHERE id = ? AND deleted = 0`, id).
		Scan(&p.ID, &p.DisplayName, &p.Title, &p.Speciality, &p.Colour, &p.Active)
	if err == sql.ErrNoRows {
		return p, NewError(ENotFound, "practitioner.error.gone")
	}
	return p, sqlErr("reading a practitioner", err)
}

// MatchPractitioner finds the practitioner a person named on the command
// line (the day list, the calendar export): the folded full name, else
// the only one whose folded name contains it.
func MatchPractitioner(prs []Practitioner, name string) (Practitioner, error) {
	want := Fold(name)
	var partial []Practitioner
	for _, p := range prs {
		f := Fold(p.DisplayName)
		if f == want {
			return p, nil
		}
		if want != "" && strings.Contains(f, want) {
			partial = append(partial, p)
		}
	}
	if len(partial) == 1 {
		return partial[0], nil
	}
	names := make([]string, len(prs))
	for i, p := range prs {
		names[i] = p.DisplayName
	}
	if len(partial) > 1 {
		return Practitioner{}, Errorf(EInvalid, "%q could be several practitioners; give the full name: %s.", name, strings.Join(names, ", "))
	}
	return Practitioner{}, Errorf(ENotFound, "No practitioner is called %q; the practitioners are: %s.", name, strings.Join(names, ", "))
}
