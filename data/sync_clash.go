package data

import (
	"context"
	"database/sql"
)

// DoubleBooking is two appointments of one practitioner whose times
// overlap, put where they are by two different computers: most likely
// booked on each while they were apart, neither secretary warned of the
// other. Two bookings placed by one computer are left out: that computer
// checked the second against the first and its secretary chose to book
// anyway (a clash it warned about). A booking made knowingly over one
// that came from another computer is listed too: the change files do not
// say what their sender had received when it booked.
type DoubleBooking struct {
	First, Second AppointmentView // First starts first (or has the lower ID)
	// Devices are the computers that placed First and Second.
	Devices [2]string
}

// Clash is the double booking as the booking dialog words one: Second
// meets First.
func (d DoubleBooking) Clash() Clash {
	return Clash{Kind: ClashDouble, Practitioner: d.First.PractitionerName, Day: d.Second.Day,
		Start: d.Second.Start, End: d.Second.End, Other: d.First}
}

// placingFields are the fields of an appointment that put it at its time
// with its practitioner, or take it off (a cancellation, a deletion), and
// its creation, which carries them all.
const placingFields = `'practitioner_id', 'start_local', 'end_local', 'time_zone', 'status', 'deleted', '` + CreatedField + `'`

// DoubleBookings lists the double bookings from day on whose two
// appointments were placed by different computers (DoubleBooking), in
// the order of their times: what sync brought together, for someone to
// look at. Cancelled appointments and no-shows hold no time.
func (s *Store) DoubleBookings(ctx context.Context, from Date) ([]DoubleBooking, error) {
	const op = "looking for double bookings made on different computers"
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, b.id FROM appointments a
		JOIN appointments b ON b.practitioner_id = a.practitioner_id AND b.start_utc >= a.start_utc AND b.start_utc < a.end_utc
			AND (b.start_utc > a.start_utc OR b.id > a.id)
		WHERE a.start_local >= ? AND a.deleted = 0 AND b.deleted = 0
		AND a.status NOT IN ('cancelled', 'no_show') AND b.status NOT IN ('cancelled', 'no_show')
		ORDER BY a.start_utc, a.id, b.start_utc, b.id`, from.String())
	if err != nil {
		return nil, sqlErr(op, err)
	}
	var pairs [][2]string
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			rows.Close()
			return nil, sqlErr(op, err)
		}
		pairs = append(pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, sqlErr(op, err)
	}
	placer := map[string]string{}
	placedBy := func(id string) (string, error) {
		if d, ok := placer[id]; ok {
			return d, nil
		}
		var d string
		err := s.r.QueryRowContext(ctx, `SELECT device_id FROM changes WHERE tbl = 'appointments' AND row_id = ?
			AND field IN (`+placingFields+`) ORDER BY hlc DESC LIMIT 1`, id).Scan(&d)
		if err != nil && err != sql.ErrNoRows {
			return "", sqlErr(op, err)
		}
		placer[id] = d
		return d, nil
	}
	var out []DoubleBooking
	for _, p := range pairs {
		da, err := placedBy(p[0])
		if err != nil {
			return nil, err
		}
		db, err := placedBy(p[1])
		if err != nil {
			return nil, err
		}
		if da == db {
			continue
		}
		d := DoubleBooking{Devices: [2]string{da, db}}
		for i, id := range p {
			vs, err := scanAppointmentViews(ctx, s.r, appointmentViewSelect+` WHERE a.id = ?`, id)
			if err != nil {
				return nil, err
			} else if len(vs) == 0 {
				return nil, sqlErr(op, sql.ErrNoRows)
			}
			if i == 0 {
				d.First = vs[0]
			} else {
				d.Second = vs[0]
			}
		}
		out = append(out, d)
	}
	return out, nil
}
