package data

import (
	"context"
	"database/sql"
)

// SeriesHeldElsewhere says whether another computer of the practice holds
// this computer's series letter, so that the numbers it hands out (charts,
// invoices) could be handed out twice. Joining calls it before a device
// takes its letter and before it hands out a number; FinalizeInvoice
// refuses while it holds.
//
// Three signs count: another device of the practice recorded with the
// same letter, a change file refused because it numbered an invoice with
// a number this computer gave, and an invoice numbered in this computer's series for a year
// beyond what this computer has handed out that year (another computer
// numbered with the letter while apart, and its invoices arrived).
func (s *Store) SeriesHeldElsewhere(ctx context.Context) (bool, error) {
	held, err := seriesHeldElsewhere(ctx, s.r, s.device(), 0)
	return held, WithOp("checking that no other computer holds this computer's series letter", err)
}

// seriesHeldElsewhere is SeriesHeldElsewhere on q; year, when not zero,
// limits the look at invoice numbers to that year's series.
func seriesHeldElsewhere(ctx context.Context, q querier, d Device, year int) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM devices WHERE series = ? AND id <> ? AND deleted = 0`, d.Series, d.ID).Scan(&n); err != nil {
		return false, sqlErr("looking for another device with this series letter", err)
	} else if n > 0 {
		return true, nil
	}
	// A file refused because it numbered an invoice with a number this
	// computer gave (the quarantine's reason is the error's code).
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM sync_quarantine q WHERE q.reason = ?
		AND q.seq > COALESCE((SELECT seq FROM sync_in i WHERE i.device_id = q.device_id), 0)`, ESeriesClash).Scan(&n); err != nil {
		return false, sqlErr("looking for a refused file that numbers with this series letter", err)
	} else if n > 0 {
		return true, nil
	}
	// What this computer handed out, per year, against the highest number
	// of its letter that year: one above means another computer numbered.
	query := `SELECT c.name, c.value FROM counters c WHERE c.device_id = ? AND c.name LIKE 'invoice-____'`
	args := []any{d.ID}
	if year != 0 {
		query += ` AND c.name = ?`
		args = append(args, invoiceCounter(year))
	}
	given := map[int]int64{}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return false, sqlErr("reading this computer's invoice series", err)
	}
	for rows.Next() {
		var name string
		var v int64
		if err := rows.Scan(&name, &v); err != nil {
			rows.Close()
			return false, sqlErr("reading this computer's invoice series", err)
		}
		var y int
		for _, ch := range name[len("invoice-"):] {
			y = y*10 + int(ch-'0')
		}
		given[y] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, sqlErr("reading this computer's invoice series", err)
	}
	years := []int{year}
	if year == 0 {
		years = yearsOfSeries(ctx, q, d.Series)
	}
	for _, y := range years {
		prefix := InvoiceNumber(d.Series, y, 0)
		prefix = prefix[:len(prefix)-5]
		var top sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT MAX(number) FROM invoices WHERE number >= ? AND number < ?`, prefix, prefix+"~").Scan(&top); err != nil {
			return false, sqlErr("reading the invoice numbers of this computer's series", err)
		}
		if top.Valid && top.String > InvoiceNumber(d.Series, y, given[y]) {
			return true, nil
		}
	}
	return false, nil
}

// yearsOfSeries lists the years that have invoices numbered with letter.
func yearsOfSeries(ctx context.Context, q querier, letter string) []int {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT CAST(substr(number, 3, 4) AS INTEGER) FROM invoices
		WHERE number >= ? AND number < ?`, letter+"-", letter+"-~")
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if rows.Scan(&y) == nil {
			out = append(out, y)
		}
	}
	return out
}

// refuseSharedSeries refuses to hand out an invoice number of year while
// another computer holds this computer's letter.
func (tx *Tx) refuseSharedSeries(year int) error {
	held, err := seriesHeldElsewhere(tx.ctx, tx.tx, tx.s.device(), year)
	if err != nil {
		return err
	} else if held {
		return NewError(EConflict, "invoice.problem.series_shared", "Series", tx.s.device().Series)
	}
	return nil
}

// SetSeries gives this computer the series letter its numbers start
// with: when it takes its place in the practice, or when sync found
// another computer holding its letter. Numbers handed out before keep
// theirs. A letter another device of this database holds is refused.
// The store's device changes inside the write transaction, so that no
// number is taken with the old letter once the new one is saved; it is
// put back when the transaction fails.
func (s *Store) SetSeries(ctx context.Context, letter string) error {
	before := s.device()
	d := before
	d.Series = letter
	err := s.Update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM devices WHERE series = ? AND id <> ?`, letter, d.ID).Scan(&n); err != nil {
			return sqlErr("looking for another device with this series letter", err)
		} else if n > 0 {
			return NewError(EConflict, "invoice.problem.series_shared", "Series", letter)
		}
		if err := tx.Save(&d); err != nil {
			return err
		}
		s.setDevice(d)
		return nil
	})
	if err != nil {
		s.setDevice(before)
		return WithOp("giving this computer its series letter", err)
	}
	return nil
}
