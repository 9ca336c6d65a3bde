package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/google/uuid"

	"frontdesk/assets"
	"frontdesk/data/i18n"
)

// Kinds of letter template. A practice may add templates of its own
// (KindOther); recall letters are written in bulk with the template of
// KindRecall in the practice's document language.
const (
	KindReferral     = "referral"
	KindRecall       = "recall"
	KindConfirmation = "confirmation"
	KindCertificate  = "certificate"
	KindToWhom       = "to_whom"
	KindOther        = "other"
)

// LetterKinds lists the kinds in the order they are offered.
var LetterKinds = []string{KindReferral, KindRecall, KindConfirmation, KindCertificate, KindToWhom, KindOther}

// LetterTemplate is a letter with merge fields: its subject, its
// recipient block and its body, in one language.
type LetterTemplate struct {
	ID        string
	Name      string
	Kind      string
	Language  i18n.Lang
	Subject   string
	Recipient string // the address block, lines of text and fields
	Body      string
	Active    bool
}

// Fields of a letter template (FieldKind is a day off's).
const (
	FieldTemplateName     = "name"
	FieldTemplateLanguage = "language"
	FieldSubject          = "subject"
	FieldRecipient        = "recipient"
	FieldBody             = "body"
)

var templateLabels = map[string]i18n.Key{
	FieldTemplateName:     "letter_template.field.name",
	FieldKind:             "letter_template.field.kind",
	FieldTemplateLanguage: "letter_template.field.language",
	FieldSubject:          "letter_template.field.subject",
	FieldRecipient:        "letter_template.field.recipient",
	FieldBody:             "letter_template.field.body",
}

// TemplateLabel is the catalogue's name of a template's field.
func TemplateLabel(field string) i18n.Key { return templateLabels[field] }

// Validate cleans the text and checks every field, merge fields
// included: an unknown or misspelt field is reported with its line
// before the template is saved.
func (t *LetterTemplate) Validate() error {
	var p Problems
	t.Name = CleanText(t.Name)
	t.Subject = CleanText(t.Subject)
	t.Recipient = CleanMultiline(t.Recipient)
	t.Body = CleanMultiline(t.Body)
	l := TemplateLabel
	p.required(FieldTemplateName, l(FieldTemplateName), t.Name, MaxName)
	p.length(FieldSubject, l(FieldSubject), t.Subject, MaxShort)
	p.length(FieldRecipient, l(FieldRecipient), t.Recipient, MaxAddress)
	p.required(FieldBody, l(FieldBody), t.Body, MaxNote)
	p.checkFields(FieldSubject, l(FieldSubject), t.Subject)
	p.checkFields(FieldRecipient, l(FieldRecipient), t.Recipient)
	p.checkFields(FieldBody, l(FieldBody), t.Body)
	if t.Kind == "" {
		t.Kind = KindOther
	}
	if !validKind(t.Kind) {
		p.Report(FieldKind, "letter_template.problem.kind", "Field", l(FieldKind), "Text", clip(t.Kind))
	}
	if lang, ok := i18n.ParseLang(string(t.Language)); !ok || lang != t.Language {
		p.Report(FieldTemplateLanguage, "practice.problem.document_language", "Field", l(FieldTemplateLanguage), "Text", clip(string(t.Language)))
	}
	return p.Err()
}

func validKind(k string) bool {
	for _, x := range LetterKinds {
		if x == k {
			return true
		}
	}
	return false
}

func (t *LetterTemplate) row() row {
	return row{"letter_templates", &t.ID,
		[]string{"name", "kind", "language", "subject", "recipient", "body", "active"},
		[]any{t.Name, t.Kind, string(t.Language), t.Subject, t.Recipient, t.Body, t.Active}}
}

// SaveTemplate creates or updates a template.
func (tx *Tx) SaveTemplate(t *LetterTemplate) error { return tx.Save(t) }

// DeleteTemplate removes a template; letters written with it keep their text.
func (tx *Tx) DeleteTemplate(id string) error { return tx.Delete(&LetterTemplate{ID: id}) }

const templateColumns = `id, name, kind, language, subject, recipient, body, active`

func scanTemplate(sc interface{ Scan(...any) error }) (LetterTemplate, error) {
	var t LetterTemplate
	var lang string
	err := sc.Scan(&t.ID, &t.Name, &t.Kind, &lang, &t.Subject, &t.Recipient, &t.Body, &t.Active)
	t.Language = i18n.Lang(lang)
	return t, err
}

// Templates lists the practice's templates, by language then name.
func (s *Store) Templates(ctx context.Context) ([]LetterTemplate, error) {
	if err := s.require(RightLetters); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+templateColumns+` FROM letter_templates WHERE deleted = 0
		ORDER BY language, name COLLATE NOCASE, id`)
	if err != nil {
		return nil, sqlErr("reading the letter templates", err)
	}
	defer rows.Close()
	var out []LetterTemplate
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, sqlErr("reading the letter templates", err)
		}
		out = append(out, t)
	}
	return out, sqlErr("reading the letter templates", rows.Err())
}

// Template returns one template.
func (s *Store) Template(ctx context.Context, id string) (LetterTemplate, error) {
	if err := s.require(RightLetters); err != nil {
		return LetterTemplate{}, err
	}
	t, err := scanTemplate(s.r.QueryRowContext(ctx, `SELECT `+templateColumns+` FROM letter_templates WHERE id = ? AND deleted = 0`, id))
	if err != nil {
		if isNoRows(err) {
			return t, NewError(ENotFound, "letter_template.problem.gone")
		}
		return t, sqlErr("reading a letter template", err)
	}
	return t, nil
}

// TemplateOfKind returns the first active template of a kind in a
// language (the recall letter of bulk recalls).
func (s *Store) TemplateOfKind(ctx context.Context, kind string, lang i18n.Lang) (LetterTemplate, error) {
	if err := s.require(RightLetters); err != nil {
		return LetterTemplate{}, err
	}
	t, err := scanTemplate(s.r.QueryRowContext(ctx, `SELECT `+templateColumns+` FROM letter_templates
		WHERE kind = ? AND language = ? AND active = 1 AND deleted = 0 ORDER BY name COLLATE NOCASE, id LIMIT 1`, kind, string(lang)))
	if err != nil {
		if isNoRows(err) {
			return t, NewError(ENotFound, "letter_template.problem.no_kind", "Kind", LetterKindLabel(kind))
		}
		return t, sqlErr("reading the template of a kind", err)
	}
	return t, nil
}

var kindLabels = map[string]i18n.Key{
	KindReferral:     "letter_template.kind.referral",
	KindRecall:       "letter_template.kind.recall",
	KindConfirmation: "letter_template.kind.confirmation",
	KindCertificate:  "letter_template.kind.certificate",
	KindToWhom:       "letter_template.kind.to_whom",
	KindOther:        "letter_template.kind.other",
}

// LetterKindLabel names a kind of template.
func LetterKindLabel(kind string) i18n.Key { return kindLabels[kind] }

// defaultTemplateID names a default template: each has the same ID in
// every practice and on every device, so two devices that copy them in
// offline make the same rows, which sync merges instead of doubling. It
// is a UUIDv7 like every key, its time fixed (the n-th millisecond of
// 2026) and its other bits from the template's language and kind.
func defaultTemplateID(n int, lang i18n.Lang, kind string) string {
	var b [16]byte
	sum := sha256.Sum256([]byte("frontdesk default letter template " + string(lang) + "/" + kind))
	copy(b[:], sum[:16])
	ms := uint64(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli() + int64(n))
	binary.BigEndian.PutUint64(b[0:8], ms<<16|uint64(binary.BigEndian.Uint16(b[6:8])))
	b[6] = 0x70 | b[6]&0x0f // version 7
	b[8] = 0x80 | b[8]&0x3f // RFC 9562 variant
	return uuid.UUID(b).String()
}

// DefaultTemplates reads the templates shipped in assets.
func DefaultTemplates() ([]LetterTemplate, error) {
	names, err := fs.Glob(assets.LetterTemplates, "letters/*/*.txt")
	if err != nil {
		return nil, err
	}
	var out []LetterTemplate
	for n, name := range names {
		raw, err := assets.LetterTemplates.ReadFile(name)
		if err != nil {
			return nil, err
		}
		lang := i18n.Lang(path.Base(path.Dir(name)))
		kind := strings.TrimSuffix(path.Base(name), ".txt")
		t, err := parseTemplateFile(string(raw))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		t.ID = defaultTemplateID(n, lang, kind)
		t.Kind, t.Language, t.Active = kind, lang, true
		out = append(out, t)
	}
	return out, nil
}

// parseTemplateFile reads the format of assets/letters (see assets.LetterTemplates).
func parseTemplateFile(raw string) (LetterTemplate, error) {
	var t LetterTemplate
	head, body, ok := strings.Cut(raw, "\n---\n")
	if !ok {
		return t, fmt.Errorf("no --- line between the header and the body")
	}
	var key string
	for _, line := range strings.Split(head, "\n") {
		k, v, found := strings.Cut(line, ":")
		if found && (k == "name" || k == "subject" || k == "to") {
			key = k
			v = strings.TrimSpace(v)
		} else {
			v = line // a further line of the recipient
		}
		switch key {
		case "name":
			t.Name = v
		case "subject":
			t.Subject = v
		case "to":
			t.Recipient = strings.TrimSpace(t.Recipient + "\n" + v)
		default:
			return t, fmt.Errorf("unexpected header line %q", line)
		}
	}
	t.Body = strings.TrimSpace(body)
	return t, nil
}

// AddDefaultTemplates copies the shipped templates into the practice,
// each unless it is there already (or was deleted there: a practice that
// removed one does not get it back).
func (tx *Tx) AddDefaultTemplates() error {
	ts, err := DefaultTemplates()
	if err != nil {
		return &Error{Code: EInternal, Message: "This copy of Frontdesk is damaged (its letter templates cannot be read).", Err: err}
	}
	for i := range ts {
		var n int
		if err := tx.tx.QueryRowContext(tx.ctx, `SELECT COUNT(*) FROM letter_templates WHERE id = ?`, ts[i].ID).Scan(&n); err != nil {
			return sqlErr("looking for a default letter template", err)
		}
		if n > 0 {
			continue
		}
		if err := tx.Save(&ts[i]); err != nil {
			return err
		}
	}
	return nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// EnsureDefaultTemplates copies the default templates into a practice
// that has no letter template at all, not even a deleted one: one set up
// before letters existed (a migration cannot read the shipped files).
// The screens that offer templates call it before they read them; it
// writes through the write path, so after the opening check, and never
// on top of a damaged database.
func (s *Store) EnsureDefaultTemplates(ctx context.Context) error {
	var practices, templates int
	err := s.r.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM practice WHERE deleted = 0),
		(SELECT COUNT(*) FROM letter_templates)`).Scan(&practices, &templates)
	if err != nil {
		return sqlErr("counting the letter templates", err)
	}
	if practices == 0 || templates > 0 {
		return nil
	}
	return s.Update(ctx, func(tx *Tx) error { return tx.AddDefaultTemplates() })
}
