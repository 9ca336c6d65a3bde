package reports

import (
	"context"
	"fmt"
	"io"
	"time"

	"frontdesk/data"
)

// RecallBatch is a bulk run of recall letters, merged and ready to print.
type RecallBatch struct {
	Letters []PreparedLetter
	Skipped []SkippedLetter // patients left out, and why
}

// SkippedLetter is a patient whose letter could not be made (a value
// missing, like the address).
type SkippedLetter struct {
	PatientName string
	Why         error
}

// PrepareRecalls merges the recall template tpl for each patient, signed
// by the practitioner (may be ""), dated today. A patient whose letter
// lacks a value is left out and named, so that no letter goes out with a
// gap. progress is told after each patient; returning false stops the
// run with ErrCancelled.
func PrepareRecalls(ctx context.Context, s *data.Store, pr data.Practice, tpl data.LetterTemplate, due []data.RecallDue,
	practitionerID string, today data.Date, now time.Time, progress func(done int) bool) (RecallBatch, error) {
	var b RecallBatch
	for i, r := range due {
		lt := data.Letter{ID: data.NewID(), PatientID: r.PatientID, TemplateID: tpl.ID, TemplateName: tpl.Name,
			PractitionerID: practitionerID, Language: tpl.Language, Date: today, Subject: tpl.Subject,
			Recipient: tpl.Recipient, Body: tpl.Body, Reason: r.Reason, Status: data.LetterDraft}
		p, err := PrepareLetter(ctx, s, lt, pr, now)
		switch {
		case data.ErrorCode(err) == data.EInvalid:
			b.Skipped = append(b.Skipped, SkippedLetter{r.PatientName, err})
		case err != nil:
			return b, err
		default:
			b.Letters = append(b.Letters, p)
		}
		if progress != nil && !progress(i+1) {
			return b, ErrCancelled
		}
	}
	return b, nil
}

// WriteRecallLetters writes the batch as one PDF, one letter a page group
// each numbered on its own, through the one output writer: a run that
// fails or is cancelled (progress returns false) leaves no file, and in
// the step the file appears every letter is recorded as sent in its
// patient's history, each print audited as a read of that patient.
func WriteRecallLetters(ctx context.Context, s *data.Store, b RecallBatch, path string, o Options, progress func(done int) bool) (string, error) {
	contents := make([]LetterContent, len(b.Letters))
	for i, p := range b.Letters {
		contents[i] = p.Content
	}
	out := data.Output{Path: path, What: "The recall letters", Action: "print", Entity: "letters",
		Detail: fmt.Sprintf("printed %d recall letters", len(b.Letters)),
		Record: func(tx *data.Tx) error {
			for _, p := range b.Letters {
				lt := p.Letter
				if err := tx.MarkSent(&lt, data.SentPrint, p.Content.Letterhead, p.Content.Signer); err != nil {
					return err
				}
				if err := tx.Audit("print", "patients", lt.PatientID, "printed recall letter "+lt.ID); err != nil {
					return err
				}
			}
			return nil
		}}
	return s.WriteOutput(ctx, out, func(w io.Writer) error { return Letters(w, contents, o, progress) })
}

// RecallFileName names the PDF of a run by its day.
func RecallFileName(day data.Date) string { return "recall-letters-" + day.String() + ".pdf" }
