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
	"os"
	"os/user"
	"strings"
	"time"

	"frontdesk/data"
)

// version is the program's version; FyneApp.toml carries the same number.
const version = "0.1.0"

const appID = "org.frontdesk.app"

const usage = `Frontdesk, the desk of a small medical practice.

Usage:
  frontdesk [--data DIR]                 open the desk
  frontdesk --demo                       open a demo practice in its own folder (created when missing)
  frontdesk --data DIR --screenshots OUT open the desk, write a PNG of every screen to OUT, exit
  frontdesk --lang fr                    open the desk in French (en, fr, es) for this run only;
                                         Settings chooses the language of each computer
  frontdesk demo [--data DIR] [--patients N] [--days D] [--practitioners P] [--seed S]
                                         generate a demo practice into an empty folder
                                         (default: the demo folder)
  frontdesk check [--data DIR]           integrity check of the database and its audit log
  frontdesk export KIND [-o FILE] [--data DIR]
                                         CSV export (KIND: patients, appointments, invoices, payments, letters)
  frontdesk export ics [-o FILE] [--practitioner NAME] [--from DATE] [--to DATE] [--data DIR]
                                         the appointments as an iCalendar file for phones and
                                         calendar programs (DATE as YYYY-MM-DD, both included)
  frontdesk export fhir [-o FILE] [--patient CHART] [--data DIR]
                                         the patient files as a FHIR R4 JSON Bundle
  frontdesk import patients FILE [--dry-run] [--date-order dmy|mdy|ymd] [--data DIR]
                                         import patients from a CSV file (comma, semicolon or
                                         tab; UTF-8, UTF-16 or Windows-1252): every line with
                                         something to say is reported, the good ones imported
                                         in one transaction; --dry-run writes nothing.
                                         --date-order when the dates can be read either way
  frontdesk daylist pdf DATE -o FILE [--practitioner NAME] [--lang L] [--data DIR]
                                         the day list of DATE (YYYY-MM-DD) as a PDF: every
                                         practitioner, one section each, unless one is named;
                                         in the practice's document language unless --lang says
  frontdesk invoice pdf NUMBER -o FILE [--data DIR]
                                         an invoice or credit note (A-2026-00001) as a PDF
  frontdesk letter pdf ID -o FILE [--data DIR]
                                         a letter as a PDF: a sent one as it went out, a
                                         draft with the patient's file as it is now
  frontdesk backup FILE [--data DIR]     write an encrypted backup of the practice to FILE
  frontdesk restore FILE [--data DIR]    replace the practice with the backup in FILE (checked
                                         first; the replaced database is kept in the data folder)
                                         The passphrase comes from FRONTDESK_BACKUP_PASSPHRASE,
                                         else it is asked for; a backup needs it only the first time
  frontdesk sync --folder DIR [--data DIR] [--name NAME]
                                         send this computer's changes to the practice's sync
                                         folder and apply the other computers'; an empty data
                                         folder joins the practice found in DIR
  frontdesk sync create --folder DIR [--data DIR]
                                         make DIR the practice's sync folder (first computer)
  frontdesk sync retire LETTER --folder DIR [--data DIR]
                                         retire another computer of the practice
  frontdesk sync passphrase --folder DIR [--data DIR]
                                         change the sync folder's passphrase; the new one
                                         comes from FRONTDESK_SYNC_NEW_PASSPHRASE, else it
                                         is asked for twice
                                         The passphrase comes from FRONTDESK_SYNC_PASSPHRASE,
                                         else it is asked for. Making the folder and joining
                                         remember it for the desk when none is remembered
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
	fmt.Fprintf(stderr, "frontdesk: %s\n", oneLine(cliMessage(err)))
	return exitFailure
}

// cliMessage is what the command line says of err. It keeps no log file,
// so an error nobody wrote words for shows what the log would have said
// of it, the operation that failed and its cause, instead of the
// sentence that points at the log. An error with words for people is
// said in those words alone.
func cliMessage(err error) string {
	var plain plainError
	if errors.As(err, &plain) {
		return string(plain)
	}
	if !data.Unforeseen(err) {
		return data.ErrorMessage(err)
	}
	var ops []string
	for {
		var e *data.Error
		if !errors.As(err, &e) || e.Err == nil {
			break
		}
		if e.Op != "" {
			ops = append(ops, e.Op)
		}
		err = e.Err
	}
	if len(ops) > 0 {
		return "an unexpected error stopped the command while " + strings.Join(ops, ": ") + ": " + err.Error()
	}
	return "an unexpected error stopped the command: " + err.Error()
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
	case "import":
		return cmdImport(rest, stdout)
	case "daylist":
		return cmdDaylist(rest)
	case "invoice":
		return cmdInvoice(rest)
	case "letter":
		return cmdLetter(rest)
	case "backup":
		return cmdBackup(rest, stdout, stderr)
	case "restore":
		return cmdRestore(rest, stdout, stderr)
	case "sync":
		return cmdSync(rest, stdout, stderr)
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
		return rep.Err()
	}
	fmt.Fprintf(stdout, "ok: %s passed quick_check, integrity_check and foreign_key_check; database version %d with its triggers; audit log of %d entries with an unbroken chain, matching %d signed anchor(s)\n",
		rep.Path, rep.Schema, rep.AuditEntries, rep.Anchors)
	return nil
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
