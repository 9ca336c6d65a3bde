package data

import (
	"bytes"
	"database/sql"
	"encoding/json"
)

// Audit chains travel with the changes they audit. Each device keeps its
// own chain (audit.go); every entry it appends is also recorded in its
// change log as the creation of one audit_log row whose single field,
// auditField, holds the whole entry. A receiver appends the entries of
// each other device's chain as they were written, after checking that
// each follows the one before and that its hash is its content's; an
// entry that does not is refused with its file (quarantined with the
// reason), never stored. "frontdesk check" then verifies every device's
// chain as received (verifyAuditChains).
const (
	auditTable = "audit_log"
	auditField = "entry"
)

// recordAudit records entries of this device's chain in the change log.
func (tx *Tx) recordAudit(es ...AuditEntry) error {
	args := tx.appendAuditChanges(make([]any, 0, 8*len(es)), es)
	return tx.insertRows("recording the audit log for sync", changesInsert, 8, 256, args)
}

// appendAuditChanges appends the change records of entries, stamped by
// the clock in their order, to the arguments of a changes insert.
func (tx *Tx) appendAuditChanges(args []any, entries []AuditEntry) []any {
	for _, e := range entries {
		args = tx.appendChangeArgs(args, auditTable, e.ID, fieldChange{field: auditField, new: auditJSON(e), created: true})
	}
	return args
}

// auditJSON is the entry as a change carries it: the JSON text of the
// entry, a string value like any other.
func auditJSON(e AuditEntry) string {
	b, _ := json.Marshal(e)
	return string(b)
}

// auditChange is an incoming audit entry and its change.
type auditChange struct {
	c *Change
	e AuditEntry
}

// readAudit checks an incoming change that carries an audit entry.
func (a *applier) readAudit(c *Change) (auditChange, error) {
	bad := func(why string) error {
		return Errorf(EInvalid, "Change %s carries an audit entry of device %s that is refused: %s.", c.OpID, a.set.Device, why)
	}
	if c.Device != a.set.Device {
		return auditChange{}, bad("it names another device")
	}
	if h, err := ParseHLC(c.HLC); err != nil || h.Device != c.Device {
		return auditChange{}, bad("its clock stamp is unreadable")
	}
	if c.Field != auditField {
		return auditChange{}, Errorf(ETooNew, "Change %s is about the field %q of the audit log, which this version of Frontdesk does not know: it may come from a newer version.", c.OpID, c.Field)
	}
	if c.Old != nil {
		return auditChange{}, Errorf(EForbidden, "Change %s edits an entry of the audit log of device %s, whose entries are never changed.", c.OpID, a.set.Device)
	}
	v, err := decodeValue(c.New)
	text, ok := v.(string)
	if err != nil || !ok {
		return auditChange{}, bad("it cannot be read")
	}
	d := json.NewDecoder(bytes.NewReader([]byte(text)))
	d.DisallowUnknownFields()
	var e AuditEntry
	if err := d.Decode(&e); err != nil || e.ID != c.RowID {
		return auditChange{}, bad("it cannot be read")
	}
	if e.DeviceID != a.set.Device {
		return auditChange{}, bad("it belongs to another device's chain")
	}
	if hashAudit(e) != e.Hash {
		return auditChange{}, bad("its content does not match its hash (it was altered)")
	}
	return auditChange{c, e}, nil
}

// appendAudits appends the incoming entries to their device's chain, in
// order, each following the one before. An entry already here (brought
// by a snapshot) is skipped when it is the very entry. A chain this
// computer has nothing of yet may start past entry 1: the entries before
// came with the snapshot it joined from, or were written before sync.
func (a *applier) appendAudits(es []auditChange) error {
	if len(es) == 0 {
		return nil
	}
	var head AuditEntry
	err := a.queryRow(`SELECT seq, hash FROM audit_log WHERE device_id = ? ORDER BY seq DESC LIMIT 1`, a.set.Device).Scan(&head.Seq, &head.Hash)
	if err != nil && err != sql.ErrNoRows {
		return sqlErr("reading the head of another device's audit chain", err)
	}
	empty := err == sql.ErrNoRows
	args := make([]any, 0, 11*len(es))
	for _, ac := range es {
		e := ac.e
		refuse := func(why string) error {
			return Errorf(EInvalid, "Change %s carries entry %d of the audit chain of device %s, which is refused: %s.", ac.c.OpID, e.Seq, a.set.Device, why)
		}
		if !empty && e.Seq <= head.Seq {
			var hash string
			if err := a.queryRow(`SELECT hash FROM audit_log WHERE device_id = ? AND seq = ?`, e.DeviceID, e.Seq).Scan(&hash); err != nil && err != sql.ErrNoRows {
				return sqlErr("reading another device's audit chain", err)
			}
			if hash != e.Hash {
				return refuse("this computer holds another entry under that number")
			}
			a.res.Known++
			continue
		}
		switch {
		case !empty && e.Seq != head.Seq+1:
			return refuse("entries before it are missing")
		case !empty && e.PrevHash != head.Hash:
			return refuse("it does not follow the entry before it (the chain is broken)")
		case empty && (e.Seq < 1 || (e.Seq == 1) != (e.PrevHash == "")):
			return refuse("it does not start a chain")
		}
		args = append(args, e.ID, e.DeviceID, e.Seq, e.At, e.User, e.Action, e.Entity, e.EntityID, e.Detail, e.PrevHash, e.Hash)
		a.res.Applied++
		head, empty = e, false
	}
	if len(args) == 0 {
		return nil
	}
	return a.tx.insertRows("appending to another device's audit chain",
		"INSERT INTO audit_log (id, device_id, seq, at, user, action, entity, entity_id, detail, prev_hash, hash) VALUES ", 11, 128, args)
}
