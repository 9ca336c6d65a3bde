package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// SyncConflict is a concurrent edit that sync settled by its clock
// stamps (the newest wins) and that someone should look at: what the row
// holds now (Kept) and the value that lost (Lost), who wrote each and
// when. Values are shown as the desk shows text; a secret field's values
// are never given (Secret).
type SyncConflict struct {
	OpID    string // the losing change: the conflict's ID
	Table   string
	RowID   string
	Field   string
	Subject string   // whose row in words: "Dupont, Marie"; "" when the table has no name to give
	Day     Date     // an appointment's day, zero otherwise
	Start   WallTime // an appointment's start
	Secret  bool     // a password hash or key material: Kept and Lost stay empty
	Kept    string   // what the row holds now
	Lost    string   // the value that lost
	// KeptBy and LostBy are the devices that wrote each value; KeptAt and
	// LostAt when they were written (by their writer's clock).
	KeptBy, LostBy string
	KeptAt, LostAt time.Time
}

// secretFields are fields whose values the conflicts screen never shows:
// a conflict there is settled by the newer value.
var secretFields = map[string][]string{
	"users":       {"password_hash"},
	"backup_keys": {"recipient", "wrapped"},
}

// IsSecretField reports whether table.field holds a password hash or key
// material, whose values no screen shows.
func IsSecretField(table, field string) bool { return slices.Contains(secretFields[table], field) }

// A conflict is waiting while it is not marked resolved and no change of
// its field came after both of its values: a later edit (or a resolution
// made on another computer, which travels as a change) settles it.
const unresolvedConflicts = `SELECT c.op_id, c.tbl, c.row_id, c.field, COALESCE(c.value, 'null'), c.device_id, l.hlc, w.hlc, w.device_id
	FROM conflicts c
	JOIN changes l ON l.op_id = ` + loserOpSQL + `
	JOIN changes w ON w.op_id = c.winner_op
	WHERE c.resolved = 0 AND NOT EXISTS (SELECT 1 FROM changes n
		WHERE n.tbl = c.tbl AND n.row_id = c.row_id AND n.field = c.field AND n.hlc > MAX(l.hlc, w.hlc))
	ORDER BY w.hlc`

// SyncConflicts lists the conflicts waiting for someone to look at them
// that the signed-in user may resolve: those of the tables they may
// write (tableRights), so that a clinical field's conflict is not shown
// to billing.
func (s *Store) SyncConflicts(ctx context.Context) ([]SyncConflict, error) {
	const op = "listing the conflicts sync found"
	a := s.Actor()
	rows, err := s.r.QueryContext(ctx, unresolvedConflicts)
	if err != nil {
		return nil, sqlErr(op, err)
	}
	var out []SyncConflict
	for rows.Next() {
		var c SyncConflict
		var lostHLC, keptHLC string
		if err := rows.Scan(&c.OpID, &c.Table, &c.RowID, &c.Field, &c.Lost, &c.LostBy, &lostHLC, &keptHLC, &c.KeptBy); err != nil {
			rows.Close()
			return nil, sqlErr(op, err)
		}
		if !mayWrite(a, c.Table) {
			continue
		}
		c.LostAt, c.KeptAt = hlcTime(lostHLC), hlcTime(keptHLC)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, sqlErr(op, err)
	}
	for i := range out {
		if err := s.describeConflict(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func hlcTime(s string) time.Time {
	h, err := ParseHLC(s)
	if err != nil {
		return time.Time{}
	}
	return time.UnixMilli(h.Wall).UTC()
}

// describeConflict fills in the row's subject, the value it holds now,
// and the lost value in words; a secret's values are left out.
func (s *Store) describeConflict(ctx context.Context, c *SyncConflict) error {
	const op = "reading a row with a sync conflict"
	c.Secret = IsSecretField(c.Table, c.Field)
	if c.Secret {
		c.Lost = ""
	} else {
		c.Lost = shownValue(c.Lost)
		var kept any
		err := s.r.QueryRowContext(ctx, `SELECT `+c.Field+` FROM `+c.Table+` WHERE id = ?`, c.RowID).Scan(&kept)
		if err != nil && err != sql.ErrNoRows {
			return sqlErr(op, err)
		}
		c.Kept = shownStored(kept)
		if q, ok := referenceNames[c.Field]; ok {
			for _, v := range []*string{&c.Kept, &c.Lost} {
				if err := s.nameReference(ctx, q, v); err != nil {
					return sqlErr(op, err)
				}
			}
		}
	}
	var err error
	switch c.Table {
	case "patients":
		var family, given string
		err = s.r.QueryRowContext(ctx, patientNameQuery, c.RowID).Scan(&family, &given)
		c.Subject = joinName(family, given)
	case "appointments":
		var family, given, day string
		err = s.r.QueryRowContext(ctx, `SELECT COALESCE(p.family_name, ''), COALESCE(p.given_name, ''), a.start_local FROM appointments a
			LEFT JOIN patients p ON p.id = a.patient_id WHERE a.id = ?`, c.RowID).Scan(&family, &given, &day)
		c.Subject = joinName(family, given)
		if err == nil {
			c.Day, c.Start, _ = parseLocalStamp(day)
		}
	case "practitioners":
		err = s.r.QueryRowContext(ctx, `SELECT display_name FROM practitioners WHERE id = ?`, c.RowID).Scan(&c.Subject)
	case "users":
		err = s.r.QueryRowContext(ctx, `SELECT full_name FROM users WHERE id = ?`, c.RowID).Scan(&c.Subject)
	}
	if err != nil && err != sql.ErrNoRows {
		return sqlErr(op, err)
	}
	return nil
}

// referenceNames names the row a reference field points to, so that a
// conflict over it reads "Dr Eva Klein" or "Dr Paul Roche", not two IDs.
// Each query gives a name in two parts, put together by joinName as a
// patient's family and given names are ("" for a name in one part).
var referenceNames = map[string]string{
	"practitioner_id": `SELECT display_name, '' FROM practitioners WHERE id = ?`,
	"type_id":         `SELECT name, '' FROM appointment_types WHERE id = ?`,
	"patient_id":      patientNameQuery,
	"duplicate_id":    patientNameQuery,
	"fee_item_id":     `SELECT code || ' ' || description, '' FROM fee_items WHERE id = ?`,
	"tax_rate_id":     `SELECT name, '' FROM tax_rates WHERE id = ?`,
}

const patientNameQuery = `SELECT family_name, given_name FROM patients WHERE id = ?`

// nameReference replaces the ID in *v by the name of its row; an empty
// value, or a row this computer does not have, stays as it is.
func (s *Store) nameReference(ctx context.Context, query string, v *string) error {
	if *v == "" {
		return nil
	}
	var first, second string
	err := s.r.QueryRowContext(ctx, query, *v).Scan(&first, &second)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return err
	}
	*v = joinName(first, second)
	return nil
}

func joinName(family, given string) string {
	switch {
	case family == "":
		return given
	case given == "":
		return family
	}
	return family + ", " + given
}

// shownValue is a change's JSON value as text: a string as it is, a
// number in digits, null as "".
func shownValue(js string) string {
	v, err := decodeValue(js)
	if err != nil {
		return js
	}
	return shownStored(v)
}

func shownStored(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return fmt.Sprint(v)
}

// SyncConflictCount is the number of conflicts SyncConflicts lists, for
// the status line.
func (s *Store) SyncConflictCount(ctx context.Context) (int, error) {
	const op = "counting the conflicts sync found"
	a := s.Actor()
	rows, err := s.r.QueryContext(ctx, `SELECT tbl FROM (`+unresolvedConflicts+`)`)
	if err != nil {
		return 0, sqlErr(op, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			return 0, sqlErr(op, err)
		}
		if mayWrite(a, table) {
			n++
		}
	}
	return n, sqlErr(op, rows.Err())
}

// ResolveSyncConflict settles a conflict. Keeping what the row holds
// records the kept value again as a new change, and taking the lost value
// writes it through the write path (validated, derived columns
// recomputed); either way the new change carries a newer clock stamp, so
// the decision travels and settles the same conflict on the other
// computers. It needs the right to write the row's table and is audited.
// A secret's conflict is always settled by the newer value: takeLost is
// refused there.
func (s *Store) ResolveSyncConflict(ctx context.Context, opID string, takeLost bool) error {
	return WithOp("settling a sync conflict", s.Update(ctx, func(tx *Tx) error {
		var table, rowID, field, lost string
		var resolved int
		err := tx.tx.QueryRowContext(ctx, `SELECT tbl, row_id, field, COALESCE(value, 'null'), resolved FROM conflicts WHERE op_id = ?`, opID).
			Scan(&table, &rowID, &field, &lost, &resolved)
		if err == sql.ErrNoRows {
			return NewError(ENotFound, "store.error.gone")
		} else if err != nil {
			return sqlErr("reading a sync conflict", err)
		}
		if err := tx.mayWrite(table); err != nil {
			return err
		}
		if IsSecretField(table, field) && takeLost {
			return Errorf(EForbidden, "A password or a key in conflict is settled by the newer one.")
		}
		t, ok := syncTables[table]
		if !ok || resolved == 1 {
			_, err := tx.tx.ExecContext(ctx, `UPDATE conflicts SET resolved = 1 WHERE op_id = ?`, opID)
			return sqlErr("settling a sync conflict", err)
		}
		rec, err := t.load(ctx, tx.tx, rowID)
		if err == sql.ErrNoRows {
			return NewError(ENotFound, "store.error.gone")
		} else if err != nil {
			return sqlErr("reading a row with a sync conflict", err)
		}
		r, _, err := validRow(rec)
		if err != nil {
			return err
		}
		old, err := tx.loadRow(table, rowID, r.cols)
		if err != nil {
			return err
		}
		i := slices.Index(r.cols, field)
		if i < 0 {
			return Errorf(EInternal, "The field %s of %s is not one the desk writes.", field, table)
		}
		if takeLost {
			v, err := decodeValue(lost)
			if err != nil {
				return Errorf(EDamaged, "The value kept for a sync conflict cannot be read: %v.", err)
			}
			// The lost value goes in place and the row is read back as its
			// record, so it passes the checks a typed value passes.
			if _, err := tx.tx.ExecContext(ctx, `UPDATE `+table+` SET `+field+` = ? WHERE id = ?`, v, rowID); err != nil {
				return sqlErr("writing the value chosen for a sync conflict", err)
			}
			if rec, err = t.load(ctx, tx.tx, rowID); err != nil {
				return sqlErr("reading a row with a sync conflict", err)
			}
			r, vals, err := validRow(rec)
			if err != nil {
				return err
			}
			if err := tx.update(r, old, vals); err != nil {
				return err
			}
		} else if err := tx.recordChanges(table, rowID, []fieldChange{{field: field, old: old[i], new: old[i]}}); err != nil {
			return err
		}
		detail := "kept the value this computer has: " + field
		if takeLost {
			detail = "took the other computer's value: " + field
		}
		if err := tx.Audit("sync_conflict_resolved", table, rowID, detail); err != nil {
			return err
		}
		_, err = tx.tx.ExecContext(ctx, `UPDATE conflicts SET resolved = 1 WHERE op_id = ?`, opID)
		return sqlErr("settling a sync conflict", err)
	}))
}

// SyncChangesWaiting counts the rows this computer changed whose changes
// are in no change file in the sync folder yet: not sealed, or sealed
// into a set whose file was not written. Rows of the tables that never
// travel are not counted, nor the audit log's entries: they travel, but
// opening a file writes one, and "changes to send" would then grow while
// nobody changed anything.
func (s *Store) SyncChangesWaiting(ctx context.Context) (int, error) {
	const op = "counting the changes waiting to be sent"
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT tbl, row_id FROM changes
		WHERE device_id = ? AND rowid > COALESCE((SELECT MIN(from_change) FROM sync_out WHERE written = 0),
			(SELECT MAX(to_change) FROM sync_out), 0)`, s.device().ID)
	if err != nil {
		return 0, sqlErr(op, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var table, id string
		if err := rows.Scan(&table, &id); err != nil {
			return 0, sqlErr(op, err)
		}
		if !syncLocalTables[table] && table != "audit_log" {
			n++
		}
	}
	return n, sqlErr(op, rows.Err())
}
