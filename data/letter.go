package data

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"frontdesk/data/i18n"
)

// Letter statuses: a draft can be edited and deleted; a sent letter keeps
// the exact text and letterhead it went out with and never changes (a
// correction is a new letter).
const (
	LetterDraft = "draft"
	LetterSent  = "sent"
)

// How a letter went out.
const (
	SentPrint = "print"
	SentPDF   = "pdf"
	SentEmail = "email"
)

// Letter is one letter to or about a patient.
type Letter struct {
	ID             string
	PatientID      string
	TemplateID     string
	TemplateName   string
	PractitionerID string
	Language       i18n.Lang
	Date           Date // the date printed on the letter
	Subject        string
	Recipient      string
	Body           string
	Reason         string // the free text of {{reason}}, asked when the letter is written
	Status         string
	SentHow        string
	Sent           time.Time // UTC; zero for a draft
	Letterhead     string    // the snapshot a sent letter went out with
	Signer         string    // the name under the signature of a sent letter
	Author         string
	Created        time.Time // UTC
}

// A letter's fields are FieldSubject, FieldRecipient and FieldBody (the
// template's), FieldReason (a day off's) and FieldDate (an appointment's).

// Validate cleans and checks the fields. The merge fields of a draft are
// checked as a template's are; a sent letter holds only text.
func (lt *Letter) Validate() error {
	var p Problems
	lt.Subject = CleanText(lt.Subject)
	lt.Recipient = CleanMultiline(lt.Recipient)
	lt.Body = CleanMultiline(lt.Body)
	lt.Reason = CleanMultiline(lt.Reason)
	l := TemplateLabel
	p.length(FieldSubject, l(FieldSubject), lt.Subject, MaxShort)
	p.length(FieldRecipient, l(FieldRecipient), lt.Recipient, MaxAddress)
	p.required(FieldBody, l(FieldBody), lt.Body, MaxNote)
	p.length(FieldReason, "letter.field.reason", lt.Reason, MaxNote)
	if lt.Status == "" {
		lt.Status = LetterDraft
	}
	if lt.Status == LetterDraft {
		p.checkFields(FieldSubject, l(FieldSubject), lt.Subject)
		p.checkFields(FieldRecipient, l(FieldRecipient), lt.Recipient)
		p.checkFields(FieldBody, l(FieldBody), lt.Body)
	}
	if lt.PatientID == "" {
		p.Report("", "letter.problem.no_patient")
	}
	if lt.Date.IsZero() {
		p.Report(FieldDate, "problem.missing", "Field", "letter.field.date")
	}
	if lt.Language == "" {
		lt.Language = i18n.English
	}
	if lang, ok := i18n.ParseLang(string(lt.Language)); !ok || lang != lt.Language {
		p.Report(FieldTemplateLanguage, "practice.problem.document_language", "Field", l(FieldTemplateLanguage), "Text", clip(string(lt.Language)))
	}
	return p.Err()
}

func (lt *Letter) row() row {
	var sent any
	if !lt.Sent.IsZero() {
		sent = lt.Sent.Unix()
	}
	return row{"letters", &lt.ID,
		[]string{"patient_id", "template_id", "template_name", "practitioner_id", "language", "letter_date", "subject",
			"recipient", "body", "reason", "status", "sent_how", "sent_utc", "letterhead", "signer", "author", "created_utc"},
		[]any{lt.PatientID, nullable(lt.TemplateID), lt.TemplateName, nullable(lt.PractitionerID), string(lt.Language),
			lt.Date.String(), lt.Subject, lt.Recipient, lt.Body, lt.Reason, lt.Status, lt.SentHow, sent, lt.Letterhead,
			lt.Signer, lt.Author, lt.Created.Unix()}}
}

// SaveLetterDraft creates or updates a draft letter. A sent letter is refused:
// it never changes.
func (tx *Tx) SaveLetterDraft(lt *Letter) error {
	if err := tx.refuseSent(lt.ID); err != nil {
		return err
	}
	lt.Status, lt.SentHow, lt.Sent, lt.Letterhead, lt.Signer = LetterDraft, "", time.Time{}, "", ""
	if lt.Created.IsZero() {
		lt.Created = tx.now
	}
	if lt.Author == "" {
		lt.Author = tx.s.User()
	}
	return tx.Save(lt)
}

// MarkSent records a letter as it went out: its text with every field
// merged (lt holds it), the letterhead and signer it was printed with,
// how and when. From then on it never changes.
func (tx *Tx) MarkSent(lt *Letter, how string, lh Letterhead, signer string) error {
	if err := tx.refuseSent(lt.ID); err != nil {
		return err
	}
	lt.Status, lt.SentHow, lt.Sent, lt.Letterhead, lt.Signer = LetterSent, how, tx.now, lh.Snapshot(), signer
	if lt.Created.IsZero() {
		lt.Created = tx.now
	}
	if lt.Author == "" {
		lt.Author = tx.s.User()
	}
	return tx.Save(lt)
}

// DeleteLetterDraft deletes a draft; a sent letter cannot be deleted.
func (tx *Tx) DeleteLetterDraft(id string) error {
	if err := tx.refuseSent(id); err != nil {
		return err
	}
	return tx.Delete(&Letter{ID: id})
}

func (tx *Tx) refuseSent(id string) error {
	if id == "" {
		return nil
	}
	var status string
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT status FROM letters WHERE id = ? AND deleted = 0`, id).Scan(&status)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return sqlErr("reading the letter's status", err)
	}
	if status == LetterSent {
		return NewError(EForbidden, "letter.problem.sent")
	}
	return nil
}

const letterColumns = `l.id, l.patient_id, COALESCE(l.template_id, ''), l.template_name, COALESCE(l.practitioner_id, ''), l.language,
	l.letter_date, l.subject, l.recipient, l.body, l.reason, l.status, l.sent_how, COALESCE(l.sent_utc, 0), l.letterhead, l.signer, l.author, l.created_utc`

func scanLetter(sc interface{ Scan(...any) error }, extra ...any) (Letter, error) {
	var lt Letter
	var lang, day string
	var sent, created int64
	err := sc.Scan(append([]any{&lt.ID, &lt.PatientID, &lt.TemplateID, &lt.TemplateName, &lt.PractitionerID, &lang, &day,
		&lt.Subject, &lt.Recipient, &lt.Body, &lt.Reason, &lt.Status, &lt.SentHow, &sent, &lt.Letterhead, &lt.Signer, &lt.Author, &created}, extra...)...)
	if err != nil {
		return lt, err
	}
	lt.Language = i18n.Lang(lang)
	lt.Date, _ = ParseISODate(day)
	if sent != 0 {
		lt.Sent = time.Unix(sent, 0).UTC()
	}
	lt.Created = time.Unix(created, 0).UTC()
	return lt, nil
}

// Letter returns one letter.
func (s *Store) Letter(ctx context.Context, id string) (Letter, error) {
	if err := s.require(RightLetters); err != nil {
		return Letter{}, err
	}
	lt, err := scanLetter(s.r.QueryRowContext(ctx, `SELECT `+letterColumns+` FROM letters l WHERE l.id = ? AND l.deleted = 0`, id))
	if isNoRows(err) {
		return lt, NewError(ENotFound, "letter.problem.gone")
	}
	return lt, sqlErr("reading a letter", err)
}

// LetterRow is a letter as the lists show it.
type LetterRow struct {
	Letter
	PatientName      string // "Given Family"
	ChartNumber      string
	PractitionerName string
}

// LetterFilter narrows the practice's letters.
type LetterFilter struct {
	From, Until    Date   // letter dates, inclusive; zero: open
	TemplateID     string // "" any
	PractitionerID string // "" any
	Status         string // "" any
	PatientID      string // "" any
	Limit          int    // 0: 1000
}

// Letters lists letters, newest first.
func (s *Store) Letters(ctx context.Context, f LetterFilter) ([]LetterRow, error) {
	if err := s.require(RightLetters); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if !f.From.IsZero() {
		add("l.letter_date >= ?", f.From.String())
	}
	if !f.Until.IsZero() {
		add("l.letter_date <= ?", f.Until.String())
	}
	if f.TemplateID != "" {
		add("l.template_id = ?", f.TemplateID)
	}
	if f.PractitionerID != "" {
		add("l.practitioner_id = ?", f.PractitionerID)
	}
	if f.Status != "" {
		add("l.status = ?", f.Status)
	}
	if f.PatientID != "" {
		add("l.patient_id = ?", f.PatientID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	q := `SELECT ` + letterColumns + `, p.given_name || ' ' || p.family_name, p.chart_number, COALESCE(pr.display_name, '')
		FROM letters l JOIN patients p ON p.id = l.patient_id LEFT JOIN practitioners pr ON pr.id = l.practitioner_id
		WHERE l.deleted = 0`
	for _, w := range where {
		q += " AND " + w
	}
	q += ` ORDER BY l.letter_date DESC, l.created_utc DESC, l.id DESC LIMIT ?`
	rows, err := s.r.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, sqlErr("reading the letters", err)
	}
	defer rows.Close()
	var out []LetterRow
	for rows.Next() {
		var r LetterRow
		if r.Letter, err = scanLetter(rows, &r.PatientName, &r.ChartNumber, &r.PractitionerName); err != nil {
			return nil, sqlErr("reading the letters", err)
		}
		r.PatientName = strings.TrimSpace(r.PatientName)
		out = append(out, r)
	}
	return out, sqlErr("reading the letters", rows.Err())
}
