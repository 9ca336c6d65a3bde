package data

import (
	"context"

	"frontdesk/data/i18n"
)

// Problem statuses.
const (
	ProblemActive   = "active"
	ProblemResolved = "resolved"
)

// Problem is an entry of the patient's problem list: a condition, since
// when, and whether it is still active.
type Problem struct {
	ID         string
	PatientID  string
	Text       string
	Since      Date // zero: not known
	Status     string
	ResolvedOn Date
}

// Fields of a problem and of a clinical note (FieldStatus is the
// appointment's name, reused).
const (
	FieldText       = "text"
	FieldSince      = "since"
	FieldResolvedOn = "resolved_on"
)

// Validate cleans and checks the fields; dates in its messages are
// written in ISO 8601.
func (pb *Problem) Validate() error { return pb.ValidateAs(YMD) }

// ValidateAs is Validate with the dates of its messages written in df.
func (pb *Problem) ValidateAs(df DateFormat) error {
	var p Problems
	pb.Text = CleanText(pb.Text)
	if pb.PatientID == "" {
		p.Report("", "problem.no_patient", "Record", i18n.Key("patient_problem.field.text"))
	}
	p.required(FieldText, "patient_problem.field.text", pb.Text, MaxShort)
	if pb.Status == "" {
		pb.Status = ProblemActive
	}
	if pb.Status != ProblemActive && pb.Status != ProblemResolved {
		p.Report(FieldStatus, "patient_problem.problem.status", "Text", clip(pb.Status))
	}
	today := DateOf(Now())
	if pb.Since.After(today) {
		p.Report(FieldSince, "problem.date.future", "Field", i18n.Key("patient_problem.field.since"), "Date", pb.Since)
	}
	if pb.Status == ProblemActive {
		pb.ResolvedOn = Date{}
	} else if pb.ResolvedOn.IsZero() {
		pb.ResolvedOn = today
	}
	if !pb.ResolvedOn.IsZero() && !pb.Since.IsZero() && pb.ResolvedOn.Before(pb.Since) {
		p.Report(FieldResolvedOn, "problem.date.before_start", "Field", i18n.Key("patient_problem.field.resolved_on"),
			"Date", pb.ResolvedOn, "Start", pb.Since)
	}
	return p.errAs(df)
}

func (pb *Problem) row() row {
	return row{"problems", &pb.ID,
		[]string{"patient_id", "text", "since", "status", "resolved_on"},
		[]any{pb.PatientID, pb.Text, pb.Since, pb.Status, pb.ResolvedOn}}
}

const problemColumns = `id, patient_id, text, since, status, resolved_on`

func scanProblems(ctx context.Context, q querier, query string, args ...any) ([]Problem, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlErr("reading problems", err)
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var pb Problem
		if err := rows.Scan(&pb.ID, &pb.PatientID, &pb.Text, &pb.Since, &pb.Status, &pb.ResolvedOn); err != nil {
			return nil, sqlErr("reading problems", err)
		}
		out = append(out, pb)
	}
	return out, sqlErr("reading problems", rows.Err())
}

// Problems returns a patient's problem list (and those of duplicates
// merged into it): active ones first, then by start, newest first.
func (s *Store) Problems(ctx context.Context, patientID string) ([]Problem, error) {
	if err := s.requireClinical(patientID); err != nil {
		return nil, err
	}
	return problemsOf(ctx, cached{s}, patientID)
}

func problemsOf(ctx context.Context, q querier, patientID string) ([]Problem, error) {
	return scanProblems(ctx, q, `WITH RECURSIVE `+patientFamily+`
		SELECT `+problemColumns+` FROM problems WHERE patient_id IN (SELECT id FROM fam) AND deleted = 0
		ORDER BY status = 'resolved', since DESC, text, id`, patientID)
}

func loadProblem(ctx context.Context, q querier, id string) (Problem, error) {
	list, err := scanProblems(ctx, q, `SELECT `+problemColumns+` FROM problems WHERE id = ? AND deleted = 0`, id)
	if err != nil {
		return Problem{}, err
	}
	if len(list) == 0 {
		return Problem{}, NewError(ENotFound, "patient_problem.error.gone")
	}
	return list[0], nil
}

// SetProblemStatus marks a problem active again or resolved (today).
func (tx *Tx) SetProblemStatus(id, status string) error {
	pb, err := loadProblem(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	pb.Status = status
	if status == ProblemResolved && pb.ResolvedOn.IsZero() {
		pb.ResolvedOn = DateOf(tx.now)
	}
	return tx.Save(&pb)
}

// RemoveProblem withdraws a problem entered in error.
func (tx *Tx) RemoveProblem(id string) error {
	pb, err := loadProblem(tx.ctx, tx.tx, id)
	if err != nil {
		return err
	}
	return tx.Delete(&pb)
}
