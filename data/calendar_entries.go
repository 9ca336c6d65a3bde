package data

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"
)

// CalendarEntry is an appointment as a calendar file carries it: the
// booking with its names, and when it was last revised.
type CalendarEntry struct {
	AppointmentView
	// Revised is when the appointment last changed: its newest change
	// record, else the latest time a status was reached; zero when
	// neither is known (a practice written as a snapshot, such as the
	// demo, has no change records).
	Revised time.Time
}

// CalendarEntries returns the appointments that start in [from, to) (a
// zero bound leaves that side open), of one practitioner or of all when
// practitionerID is "", cancelled ones included, in start order. They
// are read in one read transaction with their revision times.
func (s *Store) CalendarEntries(ctx context.Context, practitionerID string, from, to time.Time) ([]CalendarEntry, error) {
	if err := s.require(RightExport); err != nil { // a file that leaves the practice
		return nil, err
	}
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if !from.IsZero() {
		lo = from.Unix()
	}
	if !to.IsZero() {
		hi = to.Unix()
	}
	where := ` WHERE a.start_utc >= ? AND a.start_utc < ? AND a.deleted = 0 AND (? = '' OR a.practitioner_id = ?)`
	args := []any{lo, hi, practitionerID, practitionerID}
	var out []CalendarEntry
	err := s.readTx(ctx, func(q querier) error {
		views, err := scanAppointmentViews(ctx, q, appointmentViewSelect+where+` ORDER BY a.start_utc, pr.display_name, a.id`, args...)
		if err != nil {
			return err
		}
		revised, err := lastRevisions(ctx, q, where, args)
		if err != nil {
			return err
		}
		out = make([]CalendarEntry, len(views))
		for i, v := range views {
			out[i] = CalendarEntry{AppointmentView: v, Revised: revised[v.ID]}
			if out[i].Revised.IsZero() {
				out[i].Revised = v.Times.latest()
			}
		}
		return nil
	})
	return out, err
}

// lastRevisions returns, per appointment the filter selects, the wall
// time of its newest change record (the HLC's milliseconds, to the
// second, as calendars count).
func lastRevisions(ctx context.Context, q querier, where string, args []any) (map[string]time.Time, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id,
		(SELECT MAX(c.hlc) FROM changes c WHERE c.tbl = 'appointments' AND c.row_id = a.id)
		FROM appointments a`+where, args...)
	if err != nil {
		return nil, sqlErr("reading when appointments last changed", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var id string
		var hlc *string
		if err := rows.Scan(&id, &hlc); err != nil {
			return nil, sqlErr("reading when appointments last changed", err)
		}
		if hlc == nil {
			continue
		}
		wall, _, _ := strings.Cut(*hlc, ".")
		if ms, err := strconv.ParseInt(wall, 10, 64); err == nil {
			out[id] = time.UnixMilli(ms).UTC().Truncate(time.Second)
		}
	}
	return out, sqlErr("reading when appointments last changed", rows.Err())
}

// latest returns the latest time a status was reached, zero if none was.
func (st StatusTimes) latest() time.Time {
	var t time.Time
	for _, s := range Statuses {
		if at := st.At(s); at.After(t) {
			t = at
		}
	}
	return t
}
