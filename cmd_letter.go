package main

import (
	"context"
	"flag"
	"time"

	"frontdesk/data"
	"frontdesk/reports"
)

// cmdLetter writes one letter as a PDF: frontdesk letter pdf ID -o FILE.
// A sent letter comes out as it went out; a draft is merged with the
// patient's file as it is now and stays a draft. An unknown ID, or a
// draft with a value missing, is a failure (exit 1) that says so. The
// print is recorded in the audit log as a read of the patient's data.
func cmdLetter(args []string) error {
	var dir, out string
	pos, err := parseFlags("letter", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
		fs.StringVar(&out, "o", "", "output PDF file")
	})
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "pdf" {
		return usageError{"letter needs: letter pdf ID -o FILE"}
	}
	if out == "" {
		return usageError{"letter: name the PDF file with -o FILE"}
	}
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	lt, err := s.Letter(ctx, pos[1])
	if data.ErrorCode(err) == data.ENotFound {
		// "no longer exists" is for a letter deleted while on screen; an
		// ID typed here may never have existed.
		return data.NewError(data.ENotFound, "letter.problem.no_id", "ID", pos[1])
	} else if err != nil {
		return err
	}
	pr, err := s.Practice(ctx)
	if err != nil {
		return err
	}
	p, err := reports.PrepareLetter(ctx, s, lt, pr, time.Now())
	if err != nil {
		return err
	}
	_, err = reports.WriteLetterPDF(ctx, s, p, out, "", reports.Options{})
	return err
}
