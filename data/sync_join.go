package data

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Joining the practice's sync folder. A device that joins receives a
// snapshot: a copy of another device's database (VACUUM INTO, as backups
// make). JoinFromSnapshot turns that copy into this computer's database:
// a new device with its own ID, key, anchor and series letter, the
// snapshot maker's own bookkeeping (what it sealed, refused or found in
// conflict) left out, and what the snapshot covers recorded as applied so
// that only the change files after it are read.

// Hold reasons: while this device holds one, it hands out no numbers.
const (
	HoldUnconfirmed = "unconfirmed" // joined; its series letter is not acknowledged by every other device yet
	HoldClash       = "clash"       // another device holds the same series letter
)

// SnapshotCoverage is, for every device, the last of its change sets a
// database holds: its own sealed sets and the others' applied ones.
type SnapshotCoverage map[string]int64

// WriteSnapshot seals this device's pending changes and writes a
// consistent copy of the database to dst (which must not exist), its
// change log compacted to what a joiner needs (sync_compact.go), with
// the change sets it covers, read from the copy itself so that both
// agree whatever was written meanwhile. Changes the copy holds past its
// last sealed set travel again in the next file; the joiner knows them
// by their op IDs and skips them.
func (s *Store) WriteSnapshot(ctx context.Context, dst string) (SnapshotCoverage, error) {
	if _, _, err := s.SealChanges(ctx); err != nil {
		return nil, err
	}
	sealed, err := lastSealedStamp(ctx, s.r)
	if err != nil {
		return nil, err
	}
	full := dst + ".full"
	if err := s.CopyDatabase(ctx, full, nil); err != nil {
		return nil, err
	}
	if err := compactCopy(ctx, full, dst, s.device().ID, sealed); err != nil {
		return nil, err
	}
	db, err := sql.Open(driverName, "file:"+dst+"?mode=ro")
	if err != nil {
		os.Remove(dst)
		return nil, sqlErr("opening the snapshot", err)
	}
	defer db.Close()
	cov, err := coverageOf(ctx, db, s.device().ID)
	if err != nil {
		os.Remove(dst)
	}
	return cov, err
}

func coverageOf(ctx context.Context, db *sql.DB, self string) (SnapshotCoverage, error) {
	cov := SnapshotCoverage{}
	var own sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT MAX(seq) FROM sync_out`).Scan(&own); err != nil {
		return nil, sqlErr("reading what the snapshot covers", err)
	}
	cov[self] = own.Int64
	rows, err := db.QueryContext(ctx, `SELECT device_id, seq FROM sync_in`)
	if err != nil {
		return nil, sqlErr("reading what the snapshot covers", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d string
		var seq int64
		if err := rows.Scan(&d, &seq); err != nil {
			return nil, sqlErr("reading what the snapshot covers", err)
		}
		cov[d] = seq
	}
	return cov, sqlErr("reading what the snapshot covers", rows.Err())
}

// JoinFromSnapshot makes dir, which must hold no database yet, the data
// folder of a new device of the practice copied in snapshot (a file
// WriteSnapshot wrote, which is moved into place). The new device takes
// the series letter pick chooses, given the letters the snapshot's
// devices hold, and holds its numbers (HoldUnconfirmed) until sync
// confirms the letter. It returns the new device.
func JoinFromSnapshot(ctx context.Context, dir, snapshot string, pick func(taken []string) (string, error), name string) (Device, error) {
	if err := prepareDir(dir); err != nil {
		return Device{}, err
	}
	path := filepath.Join(dir, DBFile)
	if _, err := os.Lstat(path); err == nil {
		return Device{}, Errorf(EConflict, "The data folder %s already holds a practice: a computer joins with an empty data folder.", dir)
	}
	db, err := sql.Open(driverName, writerDSN(snapshot))
	if err != nil {
		return Device{}, sqlErr("opening the snapshot", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := migrate(ctx, db); err != nil { // a snapshot of an older version
		return Device{}, err
	}
	id := NewID()
	key, err := newDeviceKey(id)
	if err != nil {
		return Device{}, wrapError(EInternal, err, "store.error.make_key")
	}
	s := &Store{dir: dir, path: snapshot, w: db}
	s.setActor(OSActor("system"))
	s.setDevice(Device{ID: id, Name: name, PublicKey: key.publicText()})
	s.clock = NewClock(id, HLC{})
	var first []auditHead
	err = s.update(ctx, func(tx *Tx) error {
		var taken []string
		rows, err := tx.tx.QueryContext(ctx, `SELECT series FROM devices`)
		if err != nil {
			return sqlErr("reading the practice's series letters", err)
		}
		for rows.Next() {
			var l string
			if err := rows.Scan(&l); err != nil {
				rows.Close()
				return sqlErr("reading the practice's series letters", err)
			}
			taken = append(taken, l)
		}
		rows.Close()
		d := s.device()
		if d.Series, err = pick(taken); err != nil {
			return err
		}
		s.setDevice(d)
		var maker string
		if err := tx.tx.QueryRowContext(ctx, `SELECT device_id FROM this_device`).Scan(&maker); err != nil {
			return sqlErr("reading whose snapshot this is", err)
		}
		// The maker's sealed sets become what this device has applied
		// of the maker; its own bookkeeping stays with it.
		var seq, last sql.NullInt64
		if err := tx.tx.QueryRowContext(ctx, `SELECT seq, to_change FROM sync_out ORDER BY seq DESC LIMIT 1`).Scan(&seq, &last); err != nil && err != sql.ErrNoRows {
			return sqlErr("reading what the snapshot covers", err)
		}
		for _, q := range []string{`DELETE FROM this_device`, `DELETE FROM sync_out`, `DELETE FROM sync_quarantine`,
			`DELETE FROM conflicts`, `DELETE FROM sync_hold`, `DELETE FROM sync_settings`} {
			if _, err := tx.tx.ExecContext(ctx, q); err != nil {
				return sqlErr("clearing the snapshot maker's bookkeeping", err)
			}
		}
		if seq.Valid {
			if _, err := tx.tx.ExecContext(ctx, `INSERT INTO sync_in (device_id, seq, last_change) VALUES (?, ?, ?)`, maker, seq.Int64, last.Int64); err != nil {
				return sqlErr("recording what the snapshot covers", err)
			}
		}
		d = s.device()
		if err := tx.Save(&d); err != nil {
			return err
		}
		first = tx.audited
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO this_device (singleton, device_id) VALUES (1, ?)`, id); err != nil {
			return sqlErr("recording this computer", err)
		}
		_, err = tx.tx.ExecContext(ctx, `INSERT INTO sync_hold (singleton, reason, since) VALUES (1, ?, ?)`, HoldUnconfirmed, tx.now.Format(time.RFC3339))
		return sqlErr("holding this computer's numbers", err)
	})
	if err != nil {
		return Device{}, WithOp("joining the practice", err)
	}
	if err := db.Close(); err != nil {
		return Device{}, sqlErr("closing the snapshot", err)
	}
	if err := saveDeviceKey(dir, key); err != nil {
		return Device{}, keyFileError(dir, err)
	}
	w := newAnchorWriter(dir, key)
	w.head, w.at = first[len(first)-1].AnchorPoint, first[len(first)-1].at
	w.write(true)
	if w.err != nil {
		os.Remove(keyPath(dir, id))
		return Device{}, wrapError(EStorage, w.err, "store.error.write_anchor", "Folder", dir, "Cause", plainOSError(w.err))
	}
	if err := placeNew(snapshot, path); err != nil {
		os.Remove(keyPath(dir, id))
		os.Remove(anchorPath(dir, id))
		if errors.Is(err, fs.ErrExist) {
			return Device{}, Errorf(EConflict, "The data folder %s already holds a practice: a computer joins with an empty data folder.", dir)
		}
		return Device{}, wrapError(EStorage, err, "store.error.create_database", "Folder", dir, "Cause", plainOSError(err))
	}
	return s.device(), nil
}

// NumbersHeld returns why this device hands out no numbers now, "" when
// it does.
func (s *Store) NumbersHeld(ctx context.Context) (string, error) {
	return numbersHeld(ctx, s.r)
}

func numbersHeld(ctx context.Context, q querier) (string, error) {
	var reason string
	err := q.QueryRowContext(ctx, `SELECT reason FROM sync_hold`).Scan(&reason)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return reason, sqlErr("reading whether this computer may hand out numbers", err)
}

// HoldNumbers stops this device handing out numbers, for reason (a Hold
// code); ReleaseNumbers lets it go on.
func (s *Store) HoldNumbers(ctx context.Context, reason string) error {
	return s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO sync_hold (singleton, reason, since) VALUES (1, ?, ?)
			ON CONFLICT (singleton) DO UPDATE SET reason = excluded.reason`, reason, tx.now.Format(time.RFC3339))
		return sqlErr("holding this computer's numbers", err)
	})
}

// ReleaseNumbers lets this device hand out numbers again.
func (s *Store) ReleaseNumbers(ctx context.Context) error {
	return s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `DELETE FROM sync_hold`)
		return sqlErr("releasing this computer's numbers", err)
	})
}

// refuseHeldNumbers is called before a number is taken from a series.
func (tx *Tx) refuseHeldNumbers() error {
	reason, err := numbersHeld(tx.ctx, tx.tx)
	if err != nil || reason == "" {
		return err
	}
	return NewError(EConflict, "sync.error.numbers_held")
}

// Devices lists the devices of the practice this database knows,
// retired ones included.
func (s *Store) Devices(ctx context.Context) ([]Device, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, series, name, public_key FROM devices ORDER BY series, id`)
	if err != nil {
		return nil, sqlErr("reading the practice's computers", err)
	}
	defer rows.Close()
	var out []Device
	for rows.Next() {
		var d Device
		if err := rows.Scan(&d.ID, &d.Series, &d.Name, &d.PublicKey); err != nil {
			return nil, sqlErr("reading the practice's computers", err)
		}
		out = append(out, d)
	}
	return out, sqlErr("reading the practice's computers", rows.Err())
}

// RecordDevice records another device of the practice as its card in
// the sync folder describes it (its key verifies its change files). A
// device whose letter another recorded device holds is not recorded:
// the clash is sync's to sort out, and its files wait meanwhile.
func (s *Store) RecordDevice(ctx context.Context, d Device) error {
	if d.ID == s.device().ID {
		return Errorf(EConflict, "Device %s is this computer.", d.ID)
	}
	return s.Update(ctx, func(tx *Tx) error {
		var cur Device
		err := tx.tx.QueryRowContext(ctx, `SELECT id, series, name, public_key FROM devices WHERE id = ?`, d.ID).
			Scan(&cur.ID, &cur.Series, &cur.Name, &cur.PublicKey)
		if err == nil && cur == d {
			return nil
		} else if err != nil && err != sql.ErrNoRows {
			return sqlErr("reading a computer of the practice", err)
		}
		if err == nil && cur.PublicKey != "" && cur.PublicKey != d.PublicKey {
			return Errorf(EConflict, "Device %s presents another key than the one recorded.", d.ID)
		}
		var holder string
		err = tx.tx.QueryRowContext(ctx, `SELECT id FROM devices WHERE series = ? AND id <> ?`, d.Series, d.ID).Scan(&holder)
		if err == nil {
			return Errorf(EConflict, "Device %s claims series %s, which device %s holds.", d.ID, d.Series, holder)
		} else if err != sql.ErrNoRows {
			return sqlErr("reading the practice's series letters", err)
		}
		return tx.Save(&d)
	})
}
