package main

import (
	"context"
	"flag"
	"io"

	"frontdesk/data"
	"frontdesk/reports"
)

// cmdInvoice writes one invoice or credit note as a PDF:
// frontdesk invoice pdf NUMBER -o FILE. An unknown number is a failure
// the user can act on (exit 1), not a usage error. Printing is recorded
// in the audit log.
func cmdInvoice(args []string) error {
	var dir, out string
	pos, err := parseFlags("invoice", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
		fs.StringVar(&out, "o", "", "output PDF file")
	})
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "pdf" {
		return usageError{"invoice needs: invoice pdf NUMBER -o FILE"}
	}
	if out == "" {
		return usageError{"invoice: name the PDF file with -o FILE"}
	}
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	inv, err := s.InvoiceByNumber(ctx, pos[1])
	if err != nil {
		return err
	}
	doc, err := reports.LoadInvoiceDoc(ctx, s, inv.ID, practiceToday(ctx, s))
	if err != nil {
		return err
	}
	_, err = s.WriteOutput(ctx, data.Output{Path: out, What: "The invoice", Action: "print", Entity: "invoices", EntityID: inv.ID,
		Detail: "printed invoice " + inv.Number}, func(w io.Writer) error { return reports.WriteInvoice(w, doc, reports.Options{}) })
	return err
}
