package data

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
	"time"
)

// Change is one field of one row as the write path recorded it: the unit
// sync carries between devices. Old and New are JSON values; Old is nil
// when the change created the row.
type Change struct {
	OpID   string  `json:"op"`
	HLC    string  `json:"hlc"`
	Device string  `json:"dev"`
	Table  string  `json:"tbl"`
	RowID  string  `json:"row"`
	Field  string  `json:"f"`
	Old    *string `json:"old,omitempty"`
	New    string  `json:"new"`
}

// ChangeSet is the content of one change file of one device: its
// sequence number and the changes it carries, the sender's change numbers
// First to Last (its own changes, in the order it made them).
type ChangeSet struct {
	Device  string
	Seq     int64
	First   int64
	Last    int64
	Changes []Change
}

// SealChanges closes this device's changes made since the last sealed
// set into a new set with the next sequence number, and returns that
// number; ok is false when nothing new was made. The set is recorded
// before any file is written, so that its file can always be written
// again, with the same content, from the database.
func (s *Store) SealChanges(ctx context.Context) (seq int64, ok bool, err error) {
	err = s.Update(ctx, func(tx *Tx) error {
		var from, last sql.NullInt64
		if err := tx.tx.QueryRowContext(ctx, `SELECT MAX(seq), MAX(to_change) FROM sync_out`).Scan(&last, &from); err != nil {
			return sqlErr("reading the last sealed change set", err)
		}
		var to sql.NullInt64
		if err := tx.tx.QueryRowContext(ctx, `SELECT MAX(rowid) FROM changes WHERE device_id = ? AND rowid > ?`,
			s.device().ID, from.Int64).Scan(&to); err != nil {
			return sqlErr("finding the changes to seal", err)
		}
		if !to.Valid {
			return nil
		}
		seq, ok = last.Int64+1, true
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO sync_out (seq, from_change, to_change, sealed_at) VALUES (?, ?, ?, ?)`,
			seq, from.Int64, to.Int64, tx.now.Format(time.RFC3339))
		return sqlErr("sealing a change set", err)
	})
	return seq, ok, WithOp("sealing this computer's changes for sync", err)
}

// SealedSetState is a sealed set and whether its file is known to be
// in the sync folder.
type SealedSetState struct {
	Seq     int64
	Written bool
}

// SealedSets returns every change set this device has sealed, in order.
func (s *Store) SealedSets(ctx context.Context) ([]SealedSetState, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT seq, written FROM sync_out ORDER BY seq`)
	if err != nil {
		return nil, sqlErr("reading the sealed change sets", err)
	}
	defer rows.Close()
	var out []SealedSetState
	for rows.Next() {
		var st SealedSetState
		if err := rows.Scan(&st.Seq, &st.Written); err != nil {
			return nil, sqlErr("reading the sealed change sets", err)
		}
		out = append(out, st)
	}
	return out, sqlErr("reading the sealed change sets", rows.Err())
}

// MarkSetWritten records that set seq's file is in the sync folder.
func (s *Store) MarkSetWritten(ctx context.Context, seq int64) error {
	return s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE sync_out SET written = 1 WHERE seq = ?`, seq)
		return sqlErr("recording a change file as written", err)
	})
}

// SealedSet returns the content of this device's sealed set seq: its
// changes in the order they were made, without the derived columns and
// the tables that never travel.
func (s *Store) SealedSet(ctx context.Context, seq int64) (ChangeSet, error) {
	set := ChangeSet{Device: s.device().ID, Seq: seq}
	var from int64
	err := s.r.QueryRowContext(ctx, `SELECT from_change, to_change FROM sync_out WHERE seq = ?`, seq).Scan(&from, &set.Last)
	if err == sql.ErrNoRows {
		return set, Errorf(ENotFound, "Change set %d was never sealed.", seq)
	} else if err != nil {
		return set, sqlErr("reading a sealed change set", err)
	}
	set.First = from + 1
	rows, err := s.r.QueryContext(ctx, `SELECT op_id, hlc, device_id, tbl, row_id, field, old, new FROM changes
		WHERE device_id = ? AND rowid > ? AND rowid <= ? ORDER BY rowid`, s.device().ID, from, set.Last)
	if err != nil {
		return set, sqlErr("reading the changes of a sealed set", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Change
		var old sql.NullString
		if err := rows.Scan(&c.OpID, &c.HLC, &c.Device, &c.Table, &c.RowID, &c.Field, &old, &c.New); err != nil {
			return set, sqlErr("reading the changes of a sealed set", err)
		}
		if old.Valid {
			c.Old = &old.String
		}
		if travels(c.Table, c.Field) {
			set.Changes = append(set.Changes, c)
		}
	}
	return set, sqlErr("reading the changes of a sealed set", rows.Err())
}

// SignForSync signs msg with this device's Ed25519 key (the one its audit
// anchors are signed with), whose public half the devices table records.
func (s *Store) SignForSync(ctx context.Context, msg []byte) ([]byte, error) {
	if err := s.writable(ctx); err != nil {
		return nil, err
	}
	if s.anchor == nil {
		return nil, Errorf(EInternal, "This computer has no signing key.")
	}
	return ed25519.Sign(s.anchor.key.priv, msg), nil
}

// DevicePublicKey returns the recorded public key of a device of the
// practice; found is false for a device this database does not know.
func (s *Store) DevicePublicKey(ctx context.Context, device string) (key ed25519.PublicKey, found bool, err error) {
	var text string
	err = s.r.QueryRowContext(ctx, `SELECT public_key FROM devices WHERE id = ?`, device).Scan(&text)
	if err == sql.ErrNoRows {
		return nil, false, nil
	} else if err != nil {
		return nil, false, sqlErr("reading a device's public key", err)
	}
	b, err := base64.StdEncoding.DecodeString(text)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, false, nil
	}
	return ed25519.PublicKey(b), true, nil
}

// SetSyncClock makes this device's clock stamps read now as the wall
// clock instead of the computer's: the sync simulator gives its devices
// clocks hours apart. The clock still never goes backwards.
func (s *Store) SetSyncClock(now func() time.Time) {
	s.clock.mu.Lock()
	defer s.clock.mu.Unlock()
	s.clock.now = now
}
