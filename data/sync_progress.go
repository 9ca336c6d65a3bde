package data

import (
	"context"
	"database/sql"
	"time"
)

// SyncProgress returns, for every other device whose change sets were
// applied here, the sequence number of the last one.
func (s *Store) SyncProgress(ctx context.Context) (map[string]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT device_id, seq FROM sync_in`)
	if err != nil {
		return nil, sqlErr("reading how far other devices' changes are applied", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var d string
		var seq int64
		if err := rows.Scan(&d, &seq); err != nil {
			return nil, sqlErr("reading how far other devices' changes are applied", err)
		}
		out[d] = seq
	}
	return out, sqlErr("reading how far other devices' changes are applied", rows.Err())
}

// Quarantined is a change file refused with a reason.
type Quarantined struct {
	Device      string
	Seq         int64
	Fingerprint string // SHA-256 of the refused bytes
	Reason      string // a code of package sync
	Detail      string // English, for the log
	At          time.Time
}

// Quarantine records that a device's file seq was refused; a refusal of
// the same file replaces the earlier one.
func (s *Store) Quarantine(ctx context.Context, q Quarantined) error {
	return WithOp("setting a change file aside", s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO sync_quarantine (device_id, seq, fingerprint, reason, detail, at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (device_id, seq) DO UPDATE SET fingerprint = excluded.fingerprint, reason = excluded.reason,
			detail = excluded.detail, at = excluded.at`, q.Device, q.Seq, q.Fingerprint, q.Reason, q.Detail, tx.now.Format(time.RFC3339))
		return sqlErr("recording a refused change file", err)
	}))
}

// QuarantinedFiles lists the refused files not applied since.
func (s *Store) QuarantinedFiles(ctx context.Context) ([]Quarantined, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT q.device_id, q.seq, q.fingerprint, q.reason, q.detail, q.at FROM sync_quarantine q
		WHERE q.seq > COALESCE((SELECT seq FROM sync_in i WHERE i.device_id = q.device_id), 0) ORDER BY q.device_id, q.seq`)
	if err != nil {
		return nil, sqlErr("reading the refused change files", err)
	}
	defer rows.Close()
	var out []Quarantined
	for rows.Next() {
		var q Quarantined
		var at string
		if err := rows.Scan(&q.Device, &q.Seq, &q.Fingerprint, &q.Reason, &q.Detail, &at); err != nil {
			return nil, sqlErr("reading the refused change files", err)
		}
		q.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, q)
	}
	return out, sqlErr("reading the refused change files", rows.Err())
}

// QuarantinedFingerprint returns the fingerprint of the refused bytes of
// a device's file seq, "" when it was not refused.
func (s *Store) QuarantinedFingerprint(ctx context.Context, device string, seq int64) (string, error) {
	var fp string
	err := s.r.QueryRowContext(ctx, `SELECT fingerprint FROM sync_quarantine WHERE device_id = ? AND seq = ?`, device, seq).Scan(&fp)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return fp, sqlErr("reading a refused change file", err)
}
