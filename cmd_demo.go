package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"frontdesk/data"
	"frontdesk/data/demo"
)

// cmdDemo generates a demo practice into an empty folder. Its numbers
// are checked before the folder or the database is created: a mistyped
// --patients is a usage error that leaves nothing behind.
func cmdDemo(args []string, stdout io.Writer) error {
	o := demo.Defaults()
	var dir string
	err := parseOnlyFlags("demo", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder (default: the demo folder)")
		fs.IntVar(&o.Patients, "patients", o.Patients, "number of patients")
		fs.IntVar(&o.Days, "days", o.Days, "days of appointments (a quarter of them ahead, at most 90)")
		fs.IntVar(&o.Practitioners, "practitioners", o.Practitioners, "number of practitioners")
		fs.Uint64Var(&o.Seed, "seed", o.Seed, "random seed: the same seed on the same day gives the same practice")
	})
	if err != nil {
		return err
	}
	if err := o.Validate(); err != nil {
		return usageError{data.ErrorMessage(err)}
	}
	if dir == "" {
		dir = demoDataDir()
	}
	s, err := data.Open(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	s.SetUser(osUser())
	st, err := demo.Generate(context.Background(), s, o, func(msg string) { fmt.Fprintln(stdout, "  "+msg) })
	if err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	size := fileSize(s.Path())
	fmt.Fprintf(stdout, "demo practice written to %s: %d practitioners, %d appointment types, %d patients, %d appointments (%s to %s) in %.1f s; database %.1f MB\n",
		dir, st.Practitioners, st.AppointmentTypes, st.Patients, st.Appointments, st.FirstDay, st.LastDay,
		st.Elapsed.Seconds(), float64(size)/1e6)
	return nil
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
