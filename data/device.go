package data

import (
	"context"
	"database/sql"
	"fmt"
)

// Device is one computer of the practice. Its series letter prefixes the
// numbers it hands out (chart A-000123, invoice A-2026-00001).
type Device struct {
	ID     string
	Series string
	Name   string
}

// Validate checks the series letter and name.
func (d *Device) Validate() error {
	var p Problems
	if len(d.Series) != 1 || d.Series[0] < 'A' || d.Series[0] > 'Z' {
		p.Add("Device series: %q must be one capital letter A to Z.", d.Series)
	}
	d.Name = CleanText(d.Name)
	checkLength(&p, "Device name", d.Name, MaxName)
	return p.Err()
}

func (d *Device) row() row {
	return row{"devices", &d.ID, []string{"series", "name"}, []any{d.Series, d.Name}}
}

// loadDevice finds this database's own device, creating the first device
// (series A) on a new database, and starts its clock after the newest
// stamp it has issued.
func (s *Store) loadDevice(ctx context.Context) error {
	err := s.w.QueryRowContext(ctx, `SELECT d.id, d.series, d.name FROM this_device t JOIN devices d ON d.id = t.device_id`).
		Scan(&s.device.ID, &s.device.Series, &s.device.Name)
	if err == sql.ErrNoRows {
		return s.createFirstDevice(ctx)
	} else if err != nil {
		return mapSQLError(err)
	}
	var last sql.NullString
	if err := s.w.QueryRowContext(ctx, `SELECT MAX(hlc) FROM changes WHERE device_id = ?`, s.device.ID).Scan(&last); err != nil {
		return mapSQLError(err)
	}
	var h HLC
	if last.Valid {
		var err error
		if h, err = ParseHLC(last.String); err != nil {
			return &Error{Code: EDamaged, Err: err, Message: "The practice database is damaged: its record of changes holds a time stamp that cannot be read. Nothing was changed. Restore it from a backup, or run \"frontdesk check\" for details."}
		}
	}
	s.clock = NewClock(s.device.ID, h)
	return nil
}

func (s *Store) createFirstDevice(ctx context.Context) error {
	d := Device{ID: NewID(), Series: "A", Name: "first computer"}
	s.device = d
	s.clock = NewClock(d.ID, HLC{})
	err := s.Update(ctx, func(tx *Tx) error {
		if err := tx.Save(&d); err != nil {
			return err
		}
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO this_device (singleton, device_id) VALUES (1, ?)`, d.ID)
		return err
	})
	if err != nil {
		return fmt.Errorf("setting up this computer: %w", err)
	}
	return nil
}
