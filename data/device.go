package data

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
)

// Device is one computer of the practice. Its series letter prefixes the
// numbers it hands out (chart A-000123, invoice A-2026-00001).
type Device struct {
	ID        string
	Series    string
	Name      string
	PublicKey string // Ed25519, base64: verifies the device's audit anchors (anchor.go)
}

// Validate checks the series letter and name.
func (d *Device) Validate() error {
	var p Problems
	if len(d.Series) != 1 || d.Series[0] < 'A' || d.Series[0] > 'Z' {
		p.Add("Device series: %q must be one capital letter A to Z.", d.Series)
	}
	d.Name = CleanText(d.Name)
	checkLength(&p, "Device name", d.Name, MaxName)
	if k, err := base64.StdEncoding.DecodeString(d.PublicKey); err != nil || (len(k) != 0 && len(k) != ed25519.PublicKeySize) {
		p.Add("Device key: %q is not a public key.", d.PublicKey)
	}
	return p.Err()
}

func (d *Device) row() row {
	return row{"devices", &d.ID, []string{"series", "name", "public_key"}, []any{d.Series, d.Name, d.PublicKey}}
}

// loadDevice finds this database's own device and starts its clock after
// the newest stamp it has issued. found is false on a database that has
// none yet (made by an early version that stopped before creating it).
func (s *Store) loadDevice(ctx context.Context) (found bool, err error) {
	var d Device
	err = s.w.QueryRowContext(ctx, `SELECT d.id, d.series, d.name, d.public_key FROM this_device t JOIN devices d ON d.id = t.device_id`).
		Scan(&d.ID, &d.Series, &d.Name, &d.PublicKey)
	if err == sql.ErrNoRows {
		return false, nil
	} else if err != nil {
		return false, sqlErr("reading this computer's device", err)
	}
	s.setDevice(d)
	var last sql.NullString
	if err := s.w.QueryRowContext(ctx, `SELECT MAX(hlc) FROM changes WHERE device_id = ?`, s.device().ID).Scan(&last); err != nil {
		return false, sqlErr("reading this computer's newest clock stamp", err)
	}
	var h HLC
	if last.Valid {
		if h, err = ParseHLC(last.String); err != nil {
			return false, wrapError(EDamaged, err, "store.error.bad_clock")
		}
	}
	s.clock = NewClock(s.device().ID, h)
	return true, nil
}

// createFirstDevice gives a database its first device (series A), unless
// another Frontdesk opening the same file did so a moment earlier.
func (s *Store) createFirstDevice(ctx context.Context, publicKey string) error {
	d := Device{ID: NewID(), Series: "A", Name: "first computer", PublicKey: publicKey}
	s.setDevice(d)
	s.clock = NewClock(d.ID, HLC{})
	created := false
	err := s.update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM this_device`).Scan(&n); err != nil || n > 0 {
			return err
		}
		if err := tx.Save(&d); err != nil {
			return err
		}
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO this_device (singleton, device_id) VALUES (1, ?)`, d.ID)
		created = err == nil
		return err
	})
	if err != nil {
		return WithOp("setting up this computer", err)
	}
	if !created {
		_, err = s.loadDevice(ctx)
	}
	return err
}
