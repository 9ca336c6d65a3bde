package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// BackupKey is the practice's backup key (migration 0007): Recipient is
// the public half that backups are encrypted to; Wrapped is the private
// half encrypted with the backup passphrase. data stores both as text;
// data/backup makes and opens them.
type BackupKey struct {
	ID        string
	Recipient string // "age1…"
	Wrapped   string // an ASCII-armoured age file
	Created   time.Time
}

// Validate checks that the key looks like what data/backup makes.
func (k *BackupKey) Validate() error {
	var p Problems
	if !strings.HasPrefix(k.Recipient, "age1") || len(k.Recipient) > 200 {
		p.Add("Backup key: the public key is malformed.")
	}
	if !strings.HasPrefix(k.Wrapped, "-----BEGIN AGE ENCRYPTED FILE-----") || len(k.Wrapped) > 4096 {
		p.Add("Backup key: the wrapped private key is malformed.")
	}
	return p.Err()
}

func (k *BackupKey) row() row {
	return row{"backup_keys", &k.ID, []string{"recipient", "wrapped", "created"},
		[]any{k.Recipient, k.Wrapped, k.Created.Unix()}}
}

// BackupKey returns the practice's backup key; ENotFound when no backup
// passphrase has been chosen yet.
func (s *Store) BackupKey(ctx context.Context) (BackupKey, error) {
	return loadBackupKey(ctx, s.r)
}

func loadBackupKey(ctx context.Context, q querier) (BackupKey, error) {
	var k BackupKey
	var created int64
	err := q.QueryRowContext(ctx, `SELECT id, recipient, wrapped, created FROM backup_keys WHERE deleted = 0 ORDER BY id LIMIT 1`).
		Scan(&k.ID, &k.Recipient, &k.Wrapped, &created)
	if err == sql.ErrNoRows {
		return k, NewError(ENotFound, "backup.error.no_key")
	} else if err != nil {
		return k, sqlErr("reading the backup key", err)
	}
	k.Created = time.Unix(created, 0).UTC()
	return k, nil
}

// SetBackupKey makes recipient and wrapped the practice's backup key,
// replacing the one before (backups made with it still open with its
// passphrase: each carries its own wrapped key).
func (tx *Tx) SetBackupKey(recipient, wrapped string) error {
	k, err := loadBackupKey(tx.ctx, tx.tx)
	if err != nil && ErrorCode(err) != ENotFound {
		return err
	}
	k.Recipient, k.Wrapped, k.Created = recipient, wrapped, tx.now.Truncate(time.Second)
	return tx.Save(&k)
}
