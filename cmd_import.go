package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"frontdesk/data"
	"frontdesk/data/i18n"
	"frontdesk/data/interop"
)

// dateOrders are the values of --date-order.
var dateOrders = map[string]data.DateFormat{"dmy": data.DMY, "mdy": data.MDY, "ymd": data.YMD}

// delimiterNames say in words which delimiter a file was read with.
var delimiterNames = map[byte]string{',': "comma", ';': "semicolon", '\t': "tab", '|': "vertical bar"}

// outcomeWords say in the report what became of a line.
var outcomeWords = map[interop.Outcome]string{
	interop.Noted:   "imported, note",
	interop.Skipped: "skipped",
	interop.Refused: "refused",
}

// cmdImport imports a CSV file of patients (issue 14): it prints the
// report of every line with something to say, then imports the good
// lines in one transaction, or with --dry-run writes nothing. A date
// order the file cannot settle is a usage matter (exit 2): the same
// command with --date-order goes through. Exit 0 when it imported what
// it could; 1 when the file has lines and none of them could go in.
func cmdImport(args []string, stdout io.Writer) error {
	var dir, order string
	var dry bool
	pos, err := parseFlags("import", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
		fs.StringVar(&order, "date-order", "", "order of the file's dates: dmy, mdy or ymd")
		fs.BoolVar(&dry, "dry-run", false, "check the file and print the report without importing")
	})
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "patients" {
		return usageError{"import needs what and a file: import patients FILE [--dry-run] [--date-order dmy|mdy|ymd]"}
	}
	chosen, ok := dateOrders[order]
	if order != "" && !ok {
		return usageError{fmt.Sprintf("--date-order %q: use dmy, mdy or ymd", order)}
	}
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	src, err := interop.ReadFile(pos[1])
	if err != nil {
		return err
	}
	plan, err := interop.Check(ctx, s, src, interop.Choices{DateOrder: chosen}, nil)
	var e *data.Error
	if errors.As(err, &e) && (e.Key == "import.error.date_order" || e.Key == "import.error.date_order_contradicted") {
		return usageError{e.Message + " Give it with --date-order dmy (day first) or --date-order mdy (month first)."}
	}
	if err != nil {
		return err
	}
	printImportReport(stdout, &plan.Report)
	if plan.ToImport == 0 && plan.Refused > 0 {
		return plainError(fmt.Sprintf("nothing could be imported from %s: every line was refused or already there", plan.File))
	}
	if dry {
		fmt.Fprintf(stdout, "Dry run: nothing was written; without --dry-run %s would be imported.\n", patientsCounted(plan.ToImport))
		return nil
	}
	if err := plan.Import(ctx, s, nil); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Imported %s.\n", patientsCounted(plan.ToImport))
	return nil
}

// printImportReport prints the report of a checked file in English: how
// it was read, what each column was taken for, every line with something
// to say, and the counts.
func printImportReport(w io.Writer, r *interop.Report) {
	fmt.Fprintf(w, "%s: %s, %s-separated, %d records", r.File, r.Encoding, delimiterNames[r.Delimiter], r.Records)
	if r.Blank > 0 {
		fmt.Fprintf(w, " and %d blank rows passed over", r.Blank)
	}
	fmt.Fprintf(w, "; dates read %s.\n", strings.ToUpper(string(r.Order)))
	var cols []string
	for i, h := range r.Header {
		cols = append(cols, fmt.Sprintf("%q → %s", h, i18n.EnglishText.T(r.Columns[i].Label())))
	}
	fmt.Fprintf(w, "Columns: %s.\n", strings.Join(cols, ", "))
	for _, l := range r.Lines {
		where := fmt.Sprintf("line %d", l.Line)
		if l.LastLine > l.Line {
			where = fmt.Sprintf("lines %d-%d", l.Line, l.LastLine)
		}
		var says []string
		for _, is := range l.Issues {
			says = append(says, is.Message)
		}
		fmt.Fprintf(w, "%s: %s: %s\n", where, outcomeWords[l.Outcome], strings.Join(says, " "))
	}
	fmt.Fprintf(w, "%s to import (%d with a note), %d %s skipped, %d refused.\n", patientsCounted(r.ToImport), r.Noted, r.Skipped,
		plural(r.Skipped, "line", "lines"), r.Refused)
}

// patientCount is "1 patient", "2 patients".
func patientsCounted(n int) string { return fmt.Sprintf("%d %s", n, plural(n, "patient", "patients")) }

// plural is one or other as n is 1 or not (the command line speaks English).
func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
