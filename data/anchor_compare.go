package data

import (
	"context"
	"database/sql"
	"fmt"
)

// anchorMismatch is how a chain disagrees with an anchor of its device.
type anchorMismatch struct {
	kind     string // mismatchEmptied, mismatchTruncated or mismatchRewritten
	last     int64  // the chain's newest entry (0 when empty)
	bad      int64  // mismatchRewritten: the first anchored entry that differs
	goodUpTo int64  // mismatchRewritten: the newest anchored entry that still matches (0: none)
}

const (
	mismatchEmptied   = "emptied"
	mismatchTruncated = "truncated"
	mismatchRewritten = "rewritten"
)

// compareAnchor checks a device's chain in q against an anchor: every
// anchored entry must be there with the anchored hash. ok is true when
// they agree (the chain may have grown since).
func compareAnchor(ctx context.Context, q querier, a Anchor) (m anchorMismatch, ok bool, err error) {
	var last sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MAX(seq) FROM audit_log WHERE device_id = ?`, a.DeviceID).Scan(&last); err != nil {
		return m, false, err
	}
	m.last = last.Int64
	var goodUpTo int64
	for _, p := range a.points() {
		if p.Seq > m.last {
			break
		}
		var hash string
		err := q.QueryRowContext(ctx, `SELECT hash FROM audit_log WHERE device_id = ? AND seq = ?`, a.DeviceID, p.Seq).Scan(&hash)
		if err == sql.ErrNoRows {
			hash = "" // a hole; the chain's own check names it too
		} else if err != nil {
			return m, false, err
		}
		if hash != p.Hash {
			return anchorMismatch{kind: mismatchRewritten, last: m.last, bad: p.Seq, goodUpTo: goodUpTo}, false, nil
		}
		goodUpTo = p.Seq
	}
	switch {
	case m.last == 0:
		m.kind = mismatchEmptied
	case m.last < a.Seq:
		m.kind = mismatchTruncated
	default:
		return m, true, nil
	}
	return m, false, nil
}

// describe says what the mismatch means, naming the first bad entry, for
// the check report.
func (m anchorMismatch) describe(a Anchor) string {
	dev := short(a.DeviceID)
	switch m.kind {
	case mismatchEmptied:
		return fmt.Sprintf("audit log of device %s is empty, but its anchor of %s records %d entries: the log was emptied or the database replaced", dev, a.At, a.Seq)
	case mismatchTruncated:
		return fmt.Sprintf("audit log of device %s ends at entry %d, but its anchor of %s records entry %d: entries %d to %d are missing (removed, or lost with a deleted -wal file)",
			dev, m.last, a.At, a.Seq, m.last+1, a.Seq)
	}
	if m.goodUpTo == 0 {
		return fmt.Sprintf("audit log of device %s: entry %d is not the one its anchor of %s records: the log was rewritten from entry %d on", dev, m.bad, a.At, m.bad)
	}
	return fmt.Sprintf("audit log of device %s: entry %d is not the one its anchor of %s records: the log was rewritten after entry %d (entries up to %d still match)",
		dev, m.bad, a.At, m.goodUpTo, m.goodUpTo)
}
