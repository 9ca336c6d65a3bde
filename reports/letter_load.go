package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/mail"
	"path/filepath"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// PreparedLetter is a letter ready to print and, for a draft, what
// marking it sent will store: the merged text, the letterhead and the
// signer it is printed with.
type PreparedLetter struct {
	Letter  data.Letter // with the merged text, as it is to be stored once sent
	Content LetterContent
}

// PrepareLetter makes a letter printable. A sent letter is printed as it
// went out: its own text, the letterhead snapshot it was sent with (the
// pictures it names) and its signer, whatever changed since. A draft is
// merged now with the patient's file and the practice's letterhead; a
// field without a value is an EInvalid error that names it
// ("letter.problem.missing"), so that no letter goes out with a gap.
func PrepareLetter(ctx context.Context, s *data.Store, lt data.Letter, pr data.Practice, now time.Time) (PreparedLetter, error) {
	if lt.Status == data.LetterSent {
		lh, err := data.ParseLetterhead(lt.Letterhead)
		if err != nil {
			return PreparedLetter{}, err
		}
		if err := s.LetterheadImages(ctx, &lh); err != nil {
			return PreparedLetter{}, err
		}
		return PreparedLetter{Letter: lt, Content: LetterContent{Letterhead: lh, Language: lt.Language, Date: lt.Date,
			DateFormat: pr.DateFormat, Recipient: lt.Recipient, Subject: lt.Subject, Body: lt.Body, Signer: lt.Signer}}, nil
	}
	v, err := s.MergeValuesFor(ctx, lt, pr, now)
	if err != nil {
		return PreparedLetter{}, err
	}
	m := data.MergeLetter(lt, v)
	if len(m.Missing) > 0 {
		return PreparedLetter{}, MissingError(m.Missing, v[data.MergeFullName])
	}
	lh, err := s.Letterhead(ctx)
	if err != nil {
		return PreparedLetter{}, err
	}
	merged := lt
	merged.Subject, merged.Recipient, merged.Body = m.Subject, m.Recipient, m.Body
	merged.Signer = v[data.MergePractitioner]
	return PreparedLetter{Letter: merged, Content: LetterContent{Letterhead: lh, Language: lt.Language, Date: lt.Date,
		DateFormat: pr.DateFormat, Recipient: m.Recipient, Subject: m.Subject, Body: m.Body, Signer: merged.Signer}}, nil
}

// MissingError names the fields a letter to patient has no value for.
func MissingError(fields []string, patient string) error {
	labels := make([]i18n.Message, len(fields))
	for i, f := range fields {
		labels[i] = i18n.Msg(data.MergeLabel(f))
	}
	return data.NewError(data.EInvalid, "letter.problem.missing", "Patient", patient, "Fields", labels)
}

// LetterFileName names a letter's PDF by its patient's chart number and
// its date, never the name: safe in any file system, and it tells
// nothing to someone looking at the folder.
func LetterFileName(chart string, lt data.Letter) string {
	return "letter-" + chart + "-" + lt.Date.String() + "-" + shortID(lt.ID) + ".pdf"
}

func shortID(id string) string {
	id = strings.ReplaceAll(id, "-", "")
	if len(id) > 8 {
		return id[len(id)-8:]
	}
	return id
}

// WriteLetterPDF writes a letter's PDF to path through the one output
// writer, audited as a print of its patient's data. When send is not ""
// (data.SentPrint, data.SentPDF), a draft is marked sent in the same step
// as the file appears, with the text and letterhead the PDF shows.
func WriteLetterPDF(ctx context.Context, s *data.Store, p PreparedLetter, path, send string, o Options) (string, error) {
	lt := p.Letter
	out := data.Output{Path: path, What: "The letter", Action: "print", Entity: "patients", EntityID: lt.PatientID,
		Detail: fmt.Sprintf("printed letter %s (%s)", lt.ID, lt.TemplateName)}
	if send != "" && lt.Status != data.LetterSent {
		out.Record = func(tx *data.Tx) error {
			return tx.MarkSent(&lt, send, p.Content.Letterhead, p.Content.Signer)
		}
	}
	return s.WriteOutput(ctx, out, func(w io.Writer) error { return Letter(w, p.Content, o) })
}

// WriteLetterEmail writes a letter as an e-mail to its patient, with the
// letter's PDF attached, into the outbox folder as a .eml file for the
// system's mail program; the file is audited as an export of the
// patient's data, and a draft is marked sent (by e-mail) in the same step.
// A patient without an e-mail address is refused before anything is written.
func WriteLetterEmail(ctx context.Context, s *data.Store, p PreparedLetter, pt data.Patient, o Options) (string, error) {
	lt := p.Letter
	if strings.TrimSpace(pt.Email) == "" {
		return "", data.NewError(data.EInvalid, "letter.problem.no_email", "Patient", pt.FullName())
	}
	var pdf bytes.Buffer
	if err := Letter(&pdf, p.Content, o); err != nil {
		return "", err
	}
	dir, err := s.OutboxDir()
	if err != nil {
		return "", err
	}
	words := i18n.For(lt.Language)
	lh := p.Content.Letterhead
	m := Email{
		From: mail.Address{Name: lh.Name, Address: lh.Email}, To: mail.Address{Name: pt.FullName(), Address: pt.Email},
		Subject: lt.Subject, Body: words.T("letter.email.body", "Subject", lt.Subject, "Practice", lh.Name),
		AttachmentName: strings.TrimSuffix(LetterFileName(pt.ChartNumber, lt), ".pdf") + ".pdf",
		Attachment:     pdf.Bytes(), Date: time.Now(), MessageID: lt.ID + "@frontdesk",
	}
	if m.Subject == "" {
		m.Subject = lh.Name
	}
	out := data.Output{Path: filepath.Join(dir, strings.TrimSuffix(m.AttachmentName, ".pdf")+".eml"), What: "The e-mail",
		Action: "export", Entity: "patients", EntityID: lt.PatientID, Detail: fmt.Sprintf("e-mailed letter %s (%s)", lt.ID, lt.TemplateName)}
	if lt.Status != data.LetterSent {
		out.Record = func(tx *data.Tx) error { return tx.MarkSent(&lt, data.SentEmail, lh, p.Content.Signer) }
	}
	return s.WriteOutput(ctx, out, func(w io.Writer) error { return WriteEML(w, m) })
}
