package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Call directions and kinds of the call log.
const (
	CallIn      = "in"
	CallOut     = "out"
	CallPhone   = "call"
	CallMessage = "message"
)

// Call is one entry of a patient's call log: a phone call or a message,
// in or out, who it was with, what was said, and the day to follow it up.
type Call struct {
	ID           string
	PatientID    string
	At           time.Time // UTC
	Direction    string
	Kind         string
	Who          string // the caller or the person called, when not the patient
	Summary      string
	FollowUp     Date // zero: nothing to follow up
	FollowUpDone bool
	Author       string
}

// Fields of a call.
const (
	FieldDirection = "direction"
	FieldWho       = "who"
	FieldSummary   = "summary"
	FieldFollowUp  = "follow_up"
)

// Validate cleans and checks the fields.
func (c *Call) Validate() error {
	var p Problems
	c.Who = CleanText(c.Who)
	c.Summary = CleanMultiline(c.Summary)
	p.length(FieldWho, "call.field.who", c.Who, MaxShort)
	p.required(FieldSummary, "call.field.summary", c.Summary, MaxNote)
	if c.PatientID == "" {
		p.Report("", "letter.problem.no_patient")
	}
	if c.Direction != CallIn && c.Direction != CallOut {
		p.Report(FieldDirection, "call.problem.direction")
	}
	if c.Kind == "" {
		c.Kind = CallPhone
	}
	if c.Kind != CallPhone && c.Kind != CallMessage {
		p.Report(FieldDirection, "call.problem.direction")
	}
	if c.At.IsZero() {
		p.Report("", "problem.missing", "Field", "call.field.at")
	}
	return p.Err()
}

func (c *Call) row() row {
	var follow any
	if !c.FollowUp.IsZero() {
		follow = c.FollowUp.String()
	}
	return row{"calls", &c.ID,
		[]string{"patient_id", "at_utc", "direction", "kind", "who", "summary", "follow_up", "follow_up_done", "author"},
		[]any{c.PatientID, c.At.Unix(), c.Direction, c.Kind, c.Who, c.Summary, follow, c.FollowUpDone, c.Author}}
}

// LogCall records a call or message.
func (tx *Tx) LogCall(c *Call) error {
	if c.Author == "" {
		c.Author = tx.s.User()
	}
	if c.At.IsZero() {
		c.At = tx.now
	}
	c.At = c.At.UTC().Truncate(time.Second)
	return tx.Save(c)
}

// FollowUpDone ticks off a call's follow-up.
func (tx *Tx) FollowUpDone(id string) error {
	c, err := loadCall(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	c.FollowUpDone = true
	return tx.Save(&c)
}

const callColumns = `c.id, c.patient_id, c.at_utc, c.direction, c.kind, c.who, c.summary, COALESCE(c.follow_up, ''), c.follow_up_done, c.author`

func scanCall(sc interface{ Scan(...any) error }, extra ...any) (Call, error) {
	var c Call
	var at int64
	var follow string
	err := sc.Scan(append([]any{&c.ID, &c.PatientID, &at, &c.Direction, &c.Kind, &c.Who, &c.Summary, &follow, &c.FollowUpDone, &c.Author}, extra...)...)
	c.At = time.Unix(at, 0).UTC()
	c.FollowUp, _ = ParseISODate(follow)
	return c, err
}

func loadCall(ctx context.Context, q querier, id string) (Call, error) {
	c, err := scanCall(q.QueryRowContext(ctx, `SELECT `+callColumns+` FROM calls c WHERE c.id = ? AND c.deleted = 0`, id))
	if err == sql.ErrNoRows {
		return c, NewError(ENotFound, "call.problem.gone")
	}
	return c, sqlErr("reading a call", err)
}

// CallsOf lists a patient's calls, newest first.
func (s *Store) CallsOf(ctx context.Context, patientID string) ([]Call, error) {
	if err := s.require(RightLetters); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+callColumns+` FROM calls c WHERE c.patient_id = ? AND c.deleted = 0
		ORDER BY c.at_utc DESC, c.id DESC`, patientID)
	if err != nil {
		return nil, sqlErr("reading the patient's calls", err)
	}
	defer rows.Close()
	var out []Call
	for rows.Next() {
		c, err := scanCall(rows)
		if err != nil {
			return nil, sqlErr("reading the patient's calls", err)
		}
		out = append(out, c)
	}
	return out, sqlErr("reading the patient's calls", rows.Err())
}

// FollowUpRow is an open follow-up as the Call lists screen shows it.
type FollowUpRow struct {
	Call
	PatientName string
	ChartNumber string
	Phone       string
}

// OpenFollowUps lists the follow-ups not yet ticked off that are due on
// or before until, the oldest first.
func (s *Store) OpenFollowUps(ctx context.Context, until Date) ([]FollowUpRow, error) {
	if err := s.require(RightLetters); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+callColumns+`, p.given_name || ' ' || p.family_name, p.chart_number, p.phone
		FROM calls c JOIN patients p ON p.id = c.patient_id
		WHERE c.follow_up IS NOT NULL AND c.follow_up_done = 0 AND c.deleted = 0 AND c.follow_up <= ?
		ORDER BY c.follow_up, c.at_utc, c.id`, until.String())
	if err != nil {
		return nil, sqlErr("reading the open follow-ups", err)
	}
	defer rows.Close()
	var out []FollowUpRow
	for rows.Next() {
		var r FollowUpRow
		if r.Call, err = scanCall(rows, &r.PatientName, &r.ChartNumber, &r.Phone); err != nil {
			return nil, sqlErr("reading the open follow-ups", err)
		}
		r.PatientName = strings.TrimSpace(r.PatientName)
		out = append(out, r)
	}
	return out, sqlErr("reading the open follow-ups", rows.Err())
}
