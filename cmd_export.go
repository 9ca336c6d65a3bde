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

// exporters are the kinds of `frontdesk export`, each writing CSV.
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

// cmdExport writes one export (DESIGN §7) to -o FILE or standard output
// through the one output writer, which records it in the audit log (an
// export carries patient data out) and refuses the practice's own files.
func cmdExport(args []string, stdout io.Writer) error {
	var dir, out string
	pos, err := parseFlags("export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
		fs.StringVar(&out, "o", "", "output file (default: standard output)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"export needs one kind: export patients|appointments|invoices|payments|letters [-o FILE]"}
	}
	kind := pos[0]
	export, ok := exporters[kind]
	if !ok {
		return usageError{fmt.Sprintf("unknown export %q", kind)}
	}
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	o := data.Output{Path: out, What: "The " + kind + " export", Action: "export", Entity: kind, Detail: "exported"}
	write := func(w io.Writer) error { return export(ctx, s, w) }
	if out == "" {
		return s.StreamOutput(ctx, stdout, o, write)
	}
	_, err = s.WriteOutput(ctx, o, write)
	return err
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
