package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// AuditEntry is one row of the append-only audit log.
type AuditEntry struct {
	ID       string
	DeviceID string
	Seq      int64
	At       string
	User     string
	Action   string
	Entity   string
	EntityID string
	Detail   string
	PrevHash string
	Hash     string
}

// hashAudit chains an entry to its predecessor: the hash covers every
// field and the previous hash, so editing, removing or reordering a row
// breaks the chain from there on.
func hashAudit(e AuditEntry) string {
	h := sha256.New()
	for _, f := range []string{e.ID, e.DeviceID, fmt.Sprint(e.Seq), e.At, e.User, e.Action, e.Entity, e.EntityID, e.Detail, e.PrevHash} {
		h.Write([]byte(f))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// HashAudit is the hash an entry of a chain must carry: for the tests of
// sync, which forge entries as an intruder would.
func HashAudit(e AuditEntry) string { return hashAudit(e) }

// Audit appends a row to this device's audit chain, inside the
// transaction, so the audit row exists exactly when the change does.
func (tx *Tx) Audit(action, entity, entityID, detail string) error {
	return tx.auditAs(tx.s.User(), action, entity, entityID, detail)
}

type execQuerier interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// newAuditEntry is an entry before it takes its place in the chain
// (Seq, PrevHash and Hash).
func newAuditEntry(device, user string, at time.Time, action, entity, entityID, detail string) AuditEntry {
	return AuditEntry{ID: NewID(), DeviceID: device, At: at.UTC().Format("2006-01-02T15:04:05.000Z"),
		User: user, Action: action, Entity: entity, EntityID: entityID, Detail: detail}
}

// auditChainHead returns the last entry of device's audit chain (its Seq
// and Hash; zero when the chain is empty).
func auditChainHead(ctx context.Context, db querier, device string) (AuditEntry, error) {
	var head AuditEntry
	err := db.QueryRowContext(ctx, `SELECT seq, hash FROM audit_log WHERE device_id = ? ORDER BY seq DESC LIMIT 1`, device).Scan(&head.Seq, &head.Hash)
	if err != nil && err != sql.ErrNoRows {
		return head, sqlErr("reading the head of the audit chain", err)
	}
	return head, nil
}

func appendAudit(ctx context.Context, db execQuerier, device, user string, at time.Time, action, entity, entityID, detail string) (AuditEntry, error) {
	e := newAuditEntry(device, user, at, action, entity, entityID, detail)
	head, err := auditChainHead(ctx, db, device)
	if err != nil {
		return e, err
	}
	e.Seq, e.PrevHash = head.Seq+1, head.Hash
	e.Hash = hashAudit(e)
	_, err = db.ExecContext(ctx, `INSERT INTO audit_log (id, device_id, seq, at, user, action, entity, entity_id, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, e.DeviceID, e.Seq, e.At, e.User, e.Action, e.Entity, e.EntityID, e.Detail, e.PrevHash, e.Hash)
	return e, sqlErr("appending to the audit log", err)
}

// AuditRead records that someone looked at (or printed, or exported)
// patient data, which is not a change but must be traceable.
func (s *Store) AuditRead(ctx context.Context, action, entity, entityID, detail string) error {
	return s.Update(ctx, func(tx *Tx) error { return tx.Audit(action, entity, entityID, detail) })
}

// AuditTrail returns the audit rows about one entity, newest first.
func (s *Store) AuditTrail(ctx context.Context, entity, entityID string) ([]AuditEntry, error) {
	if err := s.require(RightAudit); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, device_id, seq, at, user, action, entity, entity_id, detail, prev_hash, hash
		FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY at DESC, seq DESC`, entity, entityID)
	if err != nil {
		return nil, sqlErr("reading the audit trail", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.DeviceID, &e.Seq, &e.At, &e.User, &e.Action, &e.Entity, &e.EntityID, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, sqlErr("reading the audit trail", err)
		}
		out = append(out, e)
	}
	return out, sqlErr("reading the audit trail", rows.Err())
}

// verifyAuditChains walks every device's chain and returns one sentence
// per break found.
func verifyAuditChains(ctx context.Context, db querier) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, device_id, seq, at, user, action, entity, entity_id, detail, prev_hash, hash
		FROM audit_log ORDER BY device_id, seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	var prev AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.DeviceID, &e.Seq, &e.At, &e.User, &e.Action, &e.Entity, &e.EntityID, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		first := e.DeviceID != prev.DeviceID
		switch {
		case first && e.Seq != 1:
			problems = append(problems, fmt.Sprintf("audit log of device %s starts at entry %d: earlier entries are missing", short(e.DeviceID), e.Seq))
		case !first && e.Seq != prev.Seq+1:
			problems = append(problems, fmt.Sprintf("audit log of device %s jumps from entry %d to %d: entries are missing", short(e.DeviceID), prev.Seq, e.Seq))
		case !first && e.PrevHash != prev.Hash:
			problems = append(problems, fmt.Sprintf("audit log of device %s: entry %d does not follow entry %d (chain broken)", short(e.DeviceID), e.Seq, prev.Seq))
		case first && e.PrevHash != "":
			problems = append(problems, fmt.Sprintf("audit log of device %s: its first entry points to an entry that is not there", short(e.DeviceID)))
		}
		if hashAudit(e) != e.Hash {
			problems = append(problems, fmt.Sprintf("audit log of device %s: entry %d was altered after it was written", short(e.DeviceID), e.Seq))
		}
		prev = e
	}
	return problems, rows.Err()
}

func short(id string) string {
	if i := strings.LastIndexByte(id, '-'); i >= 0 && len(id)-i > 8 {
		return id[len(id)-8:]
	}
	return id
}
