package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"frontdesk/data"
	"frontdesk/data/i18n"
	"frontdesk/reports"
)

// cmdDaylist writes the day list of one day as a PDF:
// frontdesk daylist pdf DATE -o FILE [--practitioner NAME] [--lang L].
// The date is ISO (scripts), parsed strictly: a date that does not exist
// is a usage error. No desk speaks here, so the list is in the practice's
// document language unless --lang says otherwise (the desk prints it in
// its own; see reports.WriteDayList). Printing patient data is recorded
// in the audit log.
func cmdDaylist(args []string) error {
	var dir, out, practitioner, langFlag string
	pos, err := parseFlags("daylist", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
		fs.StringVar(&out, "o", "", "output PDF file")
		fs.StringVar(&practitioner, "practitioner", "", "only this practitioner (full name or a part only they have)")
		fs.StringVar(&langFlag, "lang", "", "the list's language: en, fr or es (default: the practice's document language)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "pdf" {
		return usageError{"daylist needs: daylist pdf DATE -o FILE [--practitioner NAME] [--lang en|fr|es]"}
	}
	lang, ok := i18n.ParseLang(langFlag)
	if langFlag != "" && !ok {
		return usageError{fmt.Sprintf("daylist: --lang %q: the day list is written in en, fr or es", langFlag)}
	}
	day, err := data.ParseISODate(pos[1])
	if err != nil {
		return usageError{fmt.Sprintf("daylist: %v", err)}
	}
	if out == "" {
		return usageError{"daylist: name the PDF file with -o FILE"}
	}
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	dl, err := reports.LoadDayList(ctx, s, day, practitioner)
	if err != nil {
		return err
	}
	if langFlag == "" {
		lang = dl.Practice.DocumentLanguage
	}
	what := "day list " + day.String()
	if practitioner != "" {
		what += " of " + practitioner
	}
	_, err = s.WriteOutput(ctx, data.Output{Path: out, What: "The day list", Action: "print", Entity: "daylist", Detail: what},
		func(w io.Writer) error { return reports.WriteDayList(w, dl, i18n.For(lang), reports.Options{}) })
	return err
}
