package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"frontdesk/data"
)

// exporters are the CSV kinds of `frontdesk export`.
var exporters = map[string]func(ctx context.Context, s *data.Store, w io.Writer) error{
	"patients":     func(ctx context.Context, s *data.Store, w io.Writer) error { return s.ExportPatients(ctx, w) },
	"appointments": func(ctx context.Context, s *data.Store, w io.Writer) error { return s.ExportAppointments(ctx, w) },
	"invoices": func(ctx context.Context, s *data.Store, w io.Writer) error {
		return s.ExportInvoices(ctx, w, practiceToday(ctx, s))
	},
	"payments": func(ctx context.Context, s *data.Store, w io.Writer) error { return s.ExportPayments(ctx, w) },
	"letters":  func(ctx context.Context, s *data.Store, w io.Writer) error { return s.ExportLetters(ctx, w) },
}

// practiceToday is today on the practice clock (the statuses of
// invoices, overdue or not, are as of today).
func practiceToday(ctx context.Context, s *data.Store) data.Date {
	pr, _ := s.Practice(ctx) // openPractice has read it already
	return data.DateOf(time.Now().In(pr.Location()))
}

// exportFlags are the flags of `frontdesk export`; some belong to one
// kind only.
type exportFlags struct {
	dir, out               string
	practitioner, from, to string // ics
	patient                string // fhir: a chart number
}

// cmdExport writes one export (DESIGN §7) to -o FILE or standard output
// through the one output writer, which records it in the audit log (an
// export carries patient data out) and refuses the practice's own files.
// What an export needs from the database is read before the file is
// begun, so that a mistyped name or chart number leaves no file behind.
func cmdExport(args []string, stdout io.Writer) error {
	var f exportFlags
	pos, err := parseFlags("export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&f.dir, "data", "", "data folder")
		fs.StringVar(&f.out, "o", "", "output file (default: standard output)")
		fs.StringVar(&f.practitioner, "practitioner", "", "ics: only this practitioner")
		fs.StringVar(&f.from, "from", "", "ics: first day, YYYY-MM-DD")
		fs.StringVar(&f.to, "to", "", "ics: last day, YYYY-MM-DD")
		fs.StringVar(&f.patient, "patient", "", "fhir: only the patient with this chart number")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"export needs one kind: export patients|appointments|invoices|payments|letters|ics|fhir [-o FILE]"}
	}
	kind := pos[0]
	prepare, err := exportKind(kind, f)
	if err != nil {
		return err
	}
	s, err := openPractice(f.dir)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	o, write, err := prepare(ctx, s)
	if err != nil {
		return err
	}
	o.Path = f.out
	if f.out == "" {
		return s.StreamOutput(ctx, stdout, o, write)
	}
	_, err = s.WriteOutput(ctx, o, write)
	return err
}

// preparedExport reads what an export needs and returns its audit
// description and the function that writes it.
type preparedExport func(ctx context.Context, s *data.Store) (data.Output, func(w io.Writer) error, error)

// exportKind checks the flags of an export kind and returns how to
// prepare it; flags of another kind are a usage error.
func exportKind(kind string, f exportFlags) (preparedExport, error) {
	icsFlags := f.practitioner != "" || f.from != "" || f.to != ""
	switch {
	case kind != "ics" && icsFlags:
		return nil, usageError{"--practitioner, --from and --to belong to export ics"}
	case kind != "fhir" && f.patient != "":
		return nil, usageError{"--patient belongs to export fhir"}
	}
	switch kind {
	case "ics":
		q, err := calendarQuery(f)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, s *data.Store) (data.Output, func(io.Writer) error, error) {
			return prepareCalendar(ctx, s, q)
		}, nil
	case "fhir":
		return func(ctx context.Context, s *data.Store) (data.Output, func(io.Writer) error, error) {
			return prepareFHIR(ctx, s, f.patient)
		}, nil
	}
	export, ok := exporters[kind]
	if !ok {
		return nil, usageError{fmt.Sprintf("unknown export %q", kind)}
	}
	return func(ctx context.Context, s *data.Store) (data.Output, func(io.Writer) error, error) {
		o := data.Output{What: "The " + kind + " export", Action: "export", Entity: kind, Detail: "exported"}
		return o, func(w io.Writer) error { return export(ctx, s, w) }, nil
	}, nil
}

// openPractice opens an existing practice for a sub-command that reads
// it: unlike data.Open it never creates an empty database where the
// folder name was mistyped.
func openPractice(dir string) (*data.Store, error) {
	if dir == "" {
		dir = defaultDataDir()
	}
	if _, err := os.Stat(filepath.Join(dir, data.DBFile)); errors.Is(err, fs.ErrNotExist) {
		return nil, data.Errorf(data.ENotFound, "There is no practice database in %s (use --data to name the folder).", dir)
	}
	s, err := data.Open(dir)
	if err != nil {
		return nil, err
	}
	s.SetUser(osUser())
	if _, err := s.Practice(context.Background()); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
