package data

import (
	"context"
	"time"

	"frontdesk/data/i18n"
)

// Note is a clinical note. Notes are append-only (DESIGN §2): the
// database refuses to change or delete one, and a correction is a new
// note that amends the earlier one, so that both stay readable.
type Note struct {
	ID        string
	PatientID string
	Author    string
	Written   time.Time // UTC
	Text      string
	Amends    string // the ID of the note this one corrects, "" for none
}

// Validate cleans and checks the fields.
func (n *Note) Validate() error {
	var p Problems
	n.Text = CleanMultiline(n.Text)
	if n.PatientID == "" {
		p.Report("", "problem.no_patient", "Record", i18n.Key("note.field.text"))
	}
	if n.Author == "" {
		p.Report("", "note.problem.no_author")
	}
	p.required(FieldText, "note.field.text", n.Text, MaxNote)
	if n.Written.IsZero() {
		p.Report("", "note.problem.no_time")
	}
	return p.Err()
}

func (n *Note) row() row {
	var amends any
	if n.Amends != "" {
		amends = n.Amends
	}
	return row{"clinical_notes", &n.ID,
		[]string{"patient_id", "author", "written_utc", "text", "amends"},
		[]any{n.PatientID, n.Author, n.Written.Unix(), n.Text, amends}}
}

// AddNote appends a note. Its author and time are the transaction's
// (the signed-in user's full name, now), never the caller's. An amendment must
// point to a note of the same patient (or of a duplicate merged into it).
func (tx *Tx) AddNote(n *Note) error {
	if n.ID != "" {
		return NewError(EForbidden, "note.error.unchangeable")
	}
	n.Author = tx.s.Actor().FullName
	n.Written = tx.now.Truncate(time.Second)
	if n.Amends != "" {
		var owner string
		err := tx.tx.QueryRowContext(tx.ctx, `WITH RECURSIVE `+patientFamily+`
			SELECT patient_id FROM clinical_notes WHERE id = ? AND patient_id IN (SELECT id FROM fam)`, n.PatientID, n.Amends).Scan(&owner)
		if err != nil {
			return NewError(EInvalid, "note.error.amends_elsewhere")
		}
	}
	return tx.Save(n)
}

// Notes returns a patient's clinical notes (and those of duplicates
// merged into it), newest first.
func (s *Store) Notes(ctx context.Context, patientID string) ([]Note, error) {
	if err := s.requireClinical(patientID); err != nil {
		return nil, err
	}
	rows, err := cached{s}.QueryContext(ctx, `WITH RECURSIVE `+patientFamily+`
		SELECT id, patient_id, author, written_utc, text, COALESCE(amends, '') FROM clinical_notes
		WHERE patient_id IN (SELECT id FROM fam) ORDER BY written_utc DESC, id DESC`, patientID)
	if err != nil {
		return nil, sqlErr("reading clinical notes", err)
	}
	defer rows.Close()
	var out []Note
	for rows.Next() {
		var n Note
		var at int64
		if err := rows.Scan(&n.ID, &n.PatientID, &n.Author, &at, &n.Text, &n.Amends); err != nil {
			return nil, sqlErr("reading clinical notes", err)
		}
		n.Written = time.Unix(at, 0).UTC()
		out = append(out, n)
	}
	return out, sqlErr("reading clinical notes", rows.Err())
}
