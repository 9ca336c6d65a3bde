package data

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

var keyFileName = regexp.MustCompile(`^device-(.+)\.key$`)

// checkAnchors compares the audit chains in db with the signed anchors
// found beside the database (db is nil when the database is missing). An
// anchor counts when it is signed with its device's key: the one the
// database records for the device, or the one in the device's key file.
func (r *CheckReport) checkAnchors(ctx context.Context, db querier, dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return cannotReadError(dir, err)
	}
	recorded := map[string]string{}
	if db != nil {
		if recorded, err = recordedKeys(ctx, db); err != nil {
			return explainOpenError(filepath.Join(dir, DBFile), err)
		}
	}
	anchored := map[string]bool{}
	for _, e := range entries {
		m := anchorFileName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if errors.Is(err, fs.ErrPermission) {
			return cannotReadError(filepath.Join(dir, e.Name()), err)
		}
		a, perr := parseAnchor(b)
		if err != nil || perr != nil || a.DeviceID != m[1] {
			r.problem(EDamaged, "the anchor %s cannot be read or its signature is wrong (it was edited, or torn by a power cut)", e.Name())
			continue
		}
		key, haveKey, _ := loadDeviceKey(dir, a.DeviceID)
		trusted := recorded[a.DeviceID] == base64.StdEncoding.EncodeToString(a.PublicKey) ||
			(haveKey && key.public().Equal(a.PublicKey))
		if !trusted {
			r.problem(EDamaged, "the anchor %s is not signed with the key of device %s", e.Name(), short(a.DeviceID))
			continue
		}
		anchored[a.DeviceID] = true
		if db == nil {
			r.problem(EDamaged, "audit log of device %s is gone with the database, but its anchor of %s records %d entries", short(a.DeviceID), a.At, a.Seq)
			continue
		}
		mm, ok, err := compareAnchor(ctx, db, a)
		if err != nil {
			return explainOpenError(filepath.Join(dir, DBFile), err)
		}
		if !ok {
			r.problem(EDamaged, "%s", mm.describe(a))
			continue
		}
		r.Anchors++
	}
	// A key without its anchor: the anchor file was removed.
	for _, e := range entries {
		m := keyFileName.FindStringSubmatch(e.Name())
		if m == nil || anchored[m[1]] || db == nil {
			continue
		}
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE device_id = ?`, m[1]).Scan(&n); err != nil {
			return explainOpenError(filepath.Join(dir, DBFile), err)
		}
		if n > 0 {
			r.problem(EDamaged, "device %s has its key beside the database but no anchor: the anchor file %s was removed",
				short(m[1]), filepath.Base(anchorPath(dir, m[1])))
		}
	}
	return nil
}

// recordedKeys returns the public key each device's row records.
func recordedKeys(ctx context.Context, db querier) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, public_key FROM devices`)
	if err != nil {
		var probe sql.NullString
		// A database from before anchors (version 4 or older) has no such column.
		if db.QueryRowContext(ctx, `SELECT 1 FROM pragma_table_info('devices') WHERE name = 'public_key'`).Scan(&probe) == sql.ErrNoRows {
			return map[string]string{}, nil
		}
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, err
		}
		if key != "" {
			out[id] = key
		}
	}
	return out, rows.Err()
}
