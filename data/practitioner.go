package data

import (
	"context"
	"fmt"
	"sort"
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

// Validate cleans and checks the fields.
func (pr *Practitioner) Validate() error {
	var p Problems
	pr.DisplayName = CleanText(pr.DisplayName)
	pr.Title = CleanText(pr.Title)
	pr.Speciality = CleanText(pr.Speciality)
	checkRequired(&p, "Practitioner name", pr.DisplayName, MaxName)
	checkLength(&p, "Title", pr.Title, MaxName)
	checkLength(&p, "Speciality", pr.Speciality, MaxName)
	checkColour(&p, "Colour", pr.Colour)
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

// Validate checks that the block is a real interval of one day.
func (wh *WorkingHours) Validate() error {
	var p Problems
	if wh.PractitionerID == "" {
		p.Add("Working hours: no practitioner was chosen.")
	}
	if wh.Weekday < 0 || wh.Weekday > 6 {
		p.Add("Working hours: day %d is not a day of the week.", wh.Weekday)
	}
	if wh.Start < 0 || wh.End > 24*60 || wh.Start >= wh.End {
		p.Add("Working hours: %s to %s is not a period of time within one day.", wh.Start, wh.End)
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
	rows, err := s.r.QueryContext(ctx, `SELECT id, display_name, title, speciality, colour, active
		FROM practitioners WHERE deleted = 0 ORDER BY active DESC, display_name`)
	if err != nil {
		return nil, mapSQLError(err)
	}
	defer rows.Close()
	var out []Practitioner
	for rows.Next() {
		var p Practitioner
		if err := rows.Scan(&p.ID, &p.DisplayName, &p.Title, &p.Speciality, &p.Colour, &p.Active); err != nil {
			return nil, mapSQLError(err)
		}
		out = append(out, p)
	}
	return out, mapSQLError(rows.Err())
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
		return nil, mapSQLError(err)
	}
	defer rows.Close()
	var out []WorkingHours
	for rows.Next() {
		var w WorkingHours
		if err := rows.Scan(&w.ID, &w.PractitionerID, &w.Weekday, &w.Start, &w.End); err != nil {
			return nil, mapSQLError(err)
		}
		out = append(out, w)
	}
	// Monday first: (weekday+6)%7 puts Sunday last.
	sort.Slice(out, func(i, j int) bool {
		a, b := (out[i].Weekday+6)%7, (out[j].Weekday+6)%7
		return a < b || a == b && out[i].Start < out[j].Start
	})
	return out, mapSQLError(rows.Err())
}
