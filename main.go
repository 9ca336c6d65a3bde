// Command frontdesk is the desk program of a small medical practice:
// appointments, waiting room, patient files, letters and billing, on one
// computer, with no network. Without a sub-command it opens the desk;
// the sub-commands serve scripts, tests and power users (see usage).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"frontdesk/assets"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/ui"
)

// version is the program's version; FyneApp.toml carries the same number.
const version = "0.1.0"

const appID = "org.frontdesk.app"

const usage = `Frontdesk, the desk of a small medical practice.

Usage:
  frontdesk [--data DIR]                 open the desk
  frontdesk --demo                       open a demo practice in its own folder (created when missing)
  frontdesk --data DIR --screenshots OUT open the desk, write a PNG of every screen to OUT, exit
  frontdesk demo [--data DIR] [--patients N] [--days D] [--practitioners P] [--seed S]
                                         generate a demo practice into an empty folder
                                         (default: the demo folder)
  frontdesk check [--data DIR]           integrity check of the database and its audit log
  frontdesk export KIND [-o FILE] [--data DIR]
                                         CSV export (KIND: patients, appointments)
  frontdesk daylist pdf DATE -o FILE [--practitioner NAME] [--data DIR]
                                         the day list of DATE (YYYY-MM-DD) as a PDF: every
                                         practitioner, one section each, unless one is named
  frontdesk version                      print the version

--data DIR defaults to the user's data folder (%s).
Flags may come before or after the command's other arguments.
`

// exitUsage and exitFailure are the exit statuses of DESIGN §7.
const (
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	started := time.Now()
	attachConsole()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, started))
}

// usageError is a mistake in the command line: usage is printed, exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(args []string, stdout, stderr io.Writer, started time.Time) int {
	err := dispatch(args, stdout, stderr, started)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stdout, usage, defaultDataDir())
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "frontdesk: %s\n\n", ue.msg)
		fmt.Fprintf(stderr, usage, defaultDataDir())
		return exitUsage
	}
	fmt.Fprintf(stderr, "frontdesk: %s\n", oneLine(data.ErrorMessage(err)))
	return exitFailure
}

func dispatch(args []string, stdout, stderr io.Writer, started time.Time) error {
	name, rest := splitCommand(args)
	switch name {
	case "":
		return cmdDesk(rest, stdout, started)
	case "demo":
		return cmdDemo(rest, stdout)
	case "check":
		return cmdCheck(rest, stdout)
	case "export":
		return cmdExport(rest, stdout)
	case "daylist":
		return cmdDaylist(rest)
	case "version":
		if err := parseOnlyFlags("version", rest); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "frontdesk %s (database version %d)\n", version, data.SchemaVersion())
		return nil
	case "help":
		return flag.ErrHelp
	}
	return usageError{fmt.Sprintf("unknown command %q", name)}
}

// cmdDesk opens the GUI.
func cmdDesk(args []string, stdout io.Writer, started time.Time) error {
	var dir, shots string
	var demoMode bool
	err := parseOnlyFlags("", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
		fs.BoolVar(&demoMode, "demo", false, "open the demo practice")
		fs.StringVar(&shots, "screenshots", "", "write screenshots to this folder and exit")
	})
	if err != nil {
		return err
	}
	if dir == "" {
		dir = defaultDataDir()
		if demoMode {
			dir = demoDataDir()
		}
	}
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	s, err := openForDesk(dir, demoMode, stdout)
	if err != nil {
		ui.RunStartupError(a, "Frontdesk cannot open the practice", data.ErrorMessage(err))
		return err
	}
	defer s.Close()
	return ui.Run(a, s, ui.Options{
		Started: started, ScreenshotDir: shots, Demo: demoMode, Logf: log.Printf, Out: stdout,
	})
}

// openForDesk opens the store for the GUI, logging to a file in the data
// folder (a Windows GUI program has no console) and creating the demo
// practice on first use of --demo.
func openForDesk(dir string, demoMode bool, stdout io.Writer) (*data.Store, error) {
	s, err := data.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := startLog(dir); err != nil {
		fmt.Fprintf(stdout, "frontdesk: logging to the console: %v\n", err)
	}
	log.Printf("frontdesk %s opening %s", version, dir)
	s.SetUser(osUser())
	if demoMode {
		if _, err := s.Practice(context.Background()); data.ErrorCode(err) == data.ENotFound {
			st, err := demo.Generate(context.Background(), s, demo.Defaults(), nil)
			if err != nil {
				s.Close()
				return nil, err
			}
			log.Printf("demo practice generated: %d patients, %d appointments in %v", st.Patients, st.Appointments, st.Elapsed)
		}
	}
	return s, nil
}

// startLog sends the log to frontdesk.log in the data folder, keeping
// the previous run's log as frontdesk.log.1 when it grows large.
func startLog(dir string) error {
	path := filepath.Join(dir, "frontdesk.log")
	if fi, err := os.Stat(path); err == nil && fi.Size() > 5<<20 {
		os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	log.SetOutput(f)
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	return nil
}

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

func cmdCheck(args []string, stdout io.Writer) error {
	var dir string
	err := parseOnlyFlags("check", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
	})
	if err != nil {
		return err
	}
	if dir == "" {
		dir = defaultDataDir()
	}
	rep, err := data.Check(context.Background(), dir)
	if err != nil {
		return err
	}
	if !rep.OK() {
		for _, p := range rep.Problems {
			fmt.Fprintf(stdout, "problem: %s\n", p)
		}
		return data.Errorf(data.EDamaged, "%s failed its check (%d problems, listed above). Restore it from a backup.", rep.Path, len(rep.Problems))
	}
	fmt.Fprintf(stdout, "ok: %s passed quick_check, integrity_check and foreign_key_check; database version %d; audit log of %d entries with an unbroken chain\n",
		rep.Path, rep.Schema, rep.AuditEntries)
	return nil
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// osUser names the person at the keyboard in the audit log until the desk
// has its own users.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "os:" + u.Username
	}
	return "os:unknown"
}

// oneLine keeps the first line of a multi-line message for stderr.
func oneLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i] + " …"
		}
	}
	return s
}
