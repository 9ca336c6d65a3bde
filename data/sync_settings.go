package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SyncSettings are this computer's sync folder and the practice's key as
// remembered for the desk's own syncs (migration 0013). Key is opaque
// here: package sync makes and reads it.
type SyncSettings struct {
	Folder       string
	Key          string
	RememberedAt time.Time
	LastSync     time.Time // zero until a sync finished
}

// SyncSettings returns the remembered sync folder; ok is false when this
// computer syncs with no folder (or only from the command line).
func (s *Store) SyncSettings(ctx context.Context) (set SyncSettings, ok bool, err error) {
	const op = "reading this computer's sync folder"
	var at string
	var last sql.NullString
	err = s.r.QueryRowContext(ctx, `SELECT folder, practice_key, remembered_at, last_sync_at FROM sync_settings`).
		Scan(&set.Folder, &set.Key, &at, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return SyncSettings{}, false, nil
	} else if err != nil {
		return SyncSettings{}, false, sqlErr(op, err)
	}
	set.RememberedAt, _ = time.Parse(time.RFC3339, at)
	if last.Valid {
		set.LastSync, _ = time.Parse(time.RFC3339, last.String)
	}
	return set, true, nil
}

// RememberSyncFolder makes folder this computer's sync folder, with the
// practice's key, replacing any earlier one; it is audited, since from
// then on the desk sends the practice's changes there. It needs the
// settings right.
func (s *Store) RememberSyncFolder(ctx context.Context, folder, key string) error {
	if err := s.require(RightSettings); err != nil {
		return err
	}
	if folder == "" || key == "" {
		return Errorf(EInternal, "A sync folder is remembered with its folder and the practice's key.")
	}
	return WithOp("remembering the sync folder", s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO sync_settings (singleton, folder, practice_key, remembered_at) VALUES (1, ?, ?, ?)
			ON CONFLICT (singleton) DO UPDATE SET folder = excluded.folder, practice_key = excluded.practice_key,
			remembered_at = excluded.remembered_at, last_sync_at = NULL`, folder, key, tx.now.UTC().Format(time.RFC3339))
		if err != nil {
			return sqlErr("remembering the sync folder", err)
		}
		return tx.Audit("sync_folder", "sync_settings", "", folder)
	}))
}

// ForgetSyncFolder stops the desk's own syncs: the folder and the key are
// forgotten here (the folder and what other computers sent stay as they
// are). It needs the settings right and is audited.
func (s *Store) ForgetSyncFolder(ctx context.Context) error {
	if err := s.require(RightSettings); err != nil {
		return err
	}
	return WithOp("forgetting the sync folder", s.Update(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx, `DELETE FROM sync_settings`)
		if err != nil {
			return sqlErr("forgetting the sync folder", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return tx.Audit("sync_folder_forgotten", "sync_settings", "", "")
	}))
}

// NoteSynced records when a sync with the remembered folder finished, for
// the status line after a restart. Any signed-in user's desk syncs.
func (s *Store) NoteSynced(ctx context.Context, at time.Time) error {
	return WithOp("recording the last sync", s.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE sync_settings SET last_sync_at = ?`, at.UTC().Format(time.RFC3339))
		return sqlErr("recording the last sync", err)
	}))
}

// NoteSyncPassphraseChanged audits a change of the sync folder's
// passphrase made from this computer (package sync rewraps the key). It
// needs the settings right.
func (s *Store) NoteSyncPassphraseChanged(ctx context.Context, folder string) error {
	if err := s.require(RightSettings); err != nil {
		return err
	}
	return WithOp("recording the sync passphrase's change", s.Update(ctx, func(tx *Tx) error {
		return tx.Audit("sync_passphrase", "sync_settings", "", folder)
	}))
}
