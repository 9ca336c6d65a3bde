package data

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"
)

// Audit actions the desk writes, as the audit screen offers them in its
// filter. Other parts of the program may write others (backup, restore);
// the screen lists those it finds too (AuditActions).
var AuditActionsKnown = []string{
	"read", "create", "update", "delete", "print", "export", "import", "merge", "unmerge",
	"sign_in", "sign_in_failed", "sign_out", "lock", "unlock", "break_glass",
}

// AuditFilter chooses rows of the audit log. Empty fields choose all.
type AuditFilter struct {
	PatientID string // the rows about one patient's file and the records in it
	User      string // as the log names them: "marie", "os:root"
	Action    string
	From, To  Date           // days on the practice clock, both included
	Loc       *time.Location // the practice's zone, for From and To
}

// AuditCursor is where a page of the log ends: the next page starts
// after it. The zero cursor is the newest row.
type AuditCursor struct {
	At, ID string
}

// AuditPage is one page of the log, newest first.
type AuditPage struct {
	Entries []AuditEntry
	Next    AuditCursor // the cursor of the page after this one
	More    bool        // there is a page after this one
}

// patientTables are the tables whose rows belong to a patient's file:
// the audit rows about them are rows about the patient.
var patientTables = []string{"appointments", "appointment_series", "waitlist", "recalls", "allergies",
	"medications", "problems", "vital_signs", "clinical_notes", "attachments"}

// where writes the filter as SQL conditions on audit_log a.
func (f AuditFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.PatientID != "" {
		ors := []string{"(a.entity = 'patients' AND a.entity_id = ?)"}
		args = append(args, f.PatientID)
		for _, t := range patientTables {
			ors = append(ors, "(a.entity = '"+t+"' AND a.entity_id IN (SELECT id FROM "+t+" WHERE patient_id = ?))")
			args = append(args, f.PatientID)
		}
		ors = append(ors, "(a.entity = 'patient_merges' AND a.entity_id IN (SELECT id FROM patient_merges WHERE survivor_id = ? OR duplicate_id = ?))")
		args = append(args, f.PatientID, f.PatientID)
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if f.User != "" {
		conds = append(conds, "a.user = ?")
		args = append(args, f.User)
	}
	if f.Action != "" {
		conds = append(conds, "a.action = ?")
		args = append(args, f.Action)
	}
	loc := f.Loc
	if loc == nil {
		loc = time.UTC
	}
	if !f.From.IsZero() {
		conds = append(conds, "a.at >= ?")
		args = append(args, auditTime(f.From.StartIn(loc)))
	}
	if !f.To.IsZero() {
		next := f.To.AddDays(1)
		conds = append(conds, "a.at < ?")
		args = append(args, auditTime(next.StartIn(loc)))
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

// auditTime writes an instant as the log's at column does.
func auditTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

const auditColumns = `a.id, a.device_id, a.seq, a.at, a.user, a.action, a.entity, a.entity_id, a.detail, a.prev_hash, a.hash`

// AuditLog returns a page of at most limit rows of the log that f
// chooses, newest first, starting after the cursor. It needs RightAudit.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter, after AuditCursor, limit int) (AuditPage, error) {
	if err := s.require(RightAudit); err != nil {
		return AuditPage{}, err
	}
	if limit <= 0 {
		limit = 200
	}
	where, args := f.where()
	if after.At != "" {
		where += " AND (a.at < ? OR (a.at = ? AND a.id < ?))"
		args = append(args, after.At, after.At, after.ID)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log a WHERE `+where+`
		ORDER BY a.at DESC, a.id DESC LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return AuditPage{}, sqlErr("reading the audit log", err)
	}
	defer rows.Close()
	var p AuditPage
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.DeviceID, &e.Seq, &e.At, &e.User, &e.Action, &e.Entity, &e.EntityID, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return AuditPage{}, sqlErr("reading the audit log", err)
		}
		if len(p.Entries) == limit {
			p.More = true
			break
		}
		p.Entries = append(p.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return AuditPage{}, sqlErr("reading the audit log", err)
	}
	if n := len(p.Entries); n > 0 {
		p.Next = AuditCursor{At: p.Entries[n-1].At, ID: p.Entries[n-1].ID}
	}
	return p, nil
}

// AuditChoices are the users and actions found in the log, for the
// audit screen's filters, each sorted.
type AuditChoices struct {
	Users, Actions []string
}

// AuditChoicesOf lists who and what the log holds. It needs RightAudit.
func (s *Store) AuditChoicesOf(ctx context.Context) (AuditChoices, error) {
	var c AuditChoices
	if err := s.require(RightAudit); err != nil {
		return c, err
	}
	for _, q := range []struct {
		sql string
		out *[]string
	}{{`SELECT DISTINCT user FROM audit_log ORDER BY user`, &c.Users}, {`SELECT DISTINCT action FROM audit_log ORDER BY action`, &c.Actions}} {
		rows, err := s.r.QueryContext(ctx, q.sql)
		if err != nil {
			return c, sqlErr("listing the audit log's users and actions", err)
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return c, sqlErr("listing the audit log's users and actions", err)
			}
			*q.out = append(*q.out, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return c, sqlErr("listing the audit log's users and actions", err)
		}
	}
	return c, nil
}

// auditExportHeader is the header row of the audit export.
var auditExportHeader = []string{"at_utc", "user", "action", "entity", "entity_id", "detail", "device", "seq"}

// ExportAudit writes the rows f chooses as CSV, newest first, a page at
// a time. The caller writes it through WriteOutput, which audits the
// export itself. It needs RightAudit.
func (s *Store) ExportAudit(ctx context.Context, w io.Writer, f AuditFilter) error {
	c := NewCSVWriter(w, auditExportHeader...)
	var after AuditCursor
	for {
		page, err := s.AuditLog(ctx, f, after, 1000)
		if err != nil {
			return err
		}
		for _, e := range page.Entries {
			c.Row(e.At, e.User, e.Action, e.Entity, e.EntityID, e.Detail, e.DeviceID, strconv.FormatInt(e.Seq, 10))
		}
		if !page.More {
			break
		}
		after = page.Next
	}
	if err := c.Close(); err != nil {
		return &Error{Code: EStorage, Err: err, Message: "The export could not be written to the end (is the disk full?)."}
	}
	return nil
}
