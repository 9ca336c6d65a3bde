package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"frontdesk/data"
	"frontdesk/data/backup"
)

// passphraseEnv gives the command line the backup passphrase without a
// prompt (scripts, tests).
const passphraseEnv = "FRONTDESK_BACKUP_PASSPHRASE"

// cmdBackup writes an encrypted backup of the practice to FILE. The
// first backup of a practice chooses its backup passphrase (asked twice);
// after that a backup needs none, since backups are encrypted to the
// practice's public key. A passphrase given in FRONTDESK_BACKUP_PASSPHRASE
// must then be the practice's, so a script never believes a backup opens
// with a passphrase that does not open it.
func cmdBackup(args []string, stdout, stderr io.Writer) error {
	dir, file, err := backupArgs("backup", args)
	if err != nil {
		return err
	}
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	given, fromEnv := os.LookupEnv(passphraseEnv)
	_, err = s.BackupKey(ctx)
	switch {
	case data.ErrorCode(err) == data.ENotFound:
		pass := given
		if !fromEnv {
			if pass, err = askNewPassphrase(stderr); err != nil {
				return err
			}
		}
		if err := backup.SetPassphrase(ctx, s, pass); err != nil {
			return data.WithOp("choosing the backup passphrase", err)
		}
		fmt.Fprintln(stdout, "The practice's backup passphrase is chosen: keep it safe, no backup opens without it.")
	case err != nil:
		return err
	case fromEnv:
		if err := backup.CheckPassphrase(ctx, s, given); err != nil {
			if data.ErrorCode(err) == data.EInvalid {
				return plainError(passphraseEnv + " is not this practice's backup passphrase; nothing was written.")
			}
			return err
		}
	}
	bar := newProgressLine(stderr, "Backing up")
	res, err := backup.Create(ctx, s, file, backup.Options{Progress: bar.set, Detail: "backup from the command line"})
	bar.done()
	if err != nil {
		return data.WithOp("backing the practice up to "+file, err)
	}
	fmt.Fprintf(stdout, "Backed up %s (%d attached files) to %s (%s).\n", res.About.Practice, res.Manifest.Attachments(), res.Path, sizeText(res.Size))
	for _, name := range res.Damaged {
		fmt.Fprintf(stdout, "warning: the attached file %s is damaged on this disk (its content no longer matches it); it is in the backup as it is.\n", name)
	}
	return nil
}

// cmdRestore replaces the practice with the backup in FILE, after
// checking all of it; the replaced database is kept in the data folder.
func cmdRestore(args []string, stdout, stderr io.Writer) error {
	dir, file, err := backupArgs("restore", args)
	if err != nil {
		return err
	}
	if dir == "" {
		dir = defaultDataDir()
	}
	pass, ok := os.LookupEnv(passphraseEnv)
	if !ok {
		if pass, err = askPassphrase(stderr, "Backup passphrase: "); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgressLine(stderr, "Restoring")
	r, err := backup.Restore(ctx, dir, file, pass, bar.set)
	bar.done()
	if err != nil {
		return data.WithOp("restoring the backup "+file, err)
	}
	s, err := data.Open(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	s.SetUser(osUser())
	if err := backup.RecordRestore(ctx, s, r, file); err != nil {
		return data.WithOp("recording the restore in the audit log", err)
	}
	fmt.Fprintf(stdout, "Restored %s from the backup made on %s.\n", r.About.Practice, r.About.Created.Local().Format("2006-01-02 15:04"))
	if r.KeptAside != "" {
		fmt.Fprintf(stdout, "The database it replaced is kept in %s.\n", r.KeptAside)
	}
	return nil
}

// backupArgs parses "backup FILE [--data DIR]" and "restore FILE [--data DIR]".
func backupArgs(cmd string, args []string) (dir, file string, err error) {
	pos, err := parseFlags(cmd, args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
	})
	if err != nil {
		return "", "", err
	}
	if len(pos) != 1 {
		return "", "", usageError{cmd + " needs one FILE: frontdesk " + cmd + " FILE [--data DIR]"}
	}
	return dir, pos[0], nil
}

// terminalIn is where passphrases are typed: standard input when it is
// a terminal. Tests give a file that is not one.
var terminalIn = os.Stdin

// askPassphrase reads a passphrase from the terminal without echoing it.
func askPassphrase(stderr io.Writer, prompt string) (string, error) {
	fd := int(terminalIn.Fd())
	if !term.IsTerminal(fd) {
		return "", plainError("no terminal to ask for the backup passphrase: set " + passphraseEnv + ".")
	}
	fmt.Fprint(stderr, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return "", plainError("the passphrase could not be read: " + err.Error())
	}
	return string(b), nil
}

// askNewPassphrase asks for a passphrase being chosen, twice.
func askNewPassphrase(stderr io.Writer) (string, error) {
	fmt.Fprintf(stderr, "Choose the practice's backup passphrase (at least %d characters). Every backup needs it to be restored.\n", backup.MinPassphrase)
	pass, err := askPassphrase(stderr, "Backup passphrase: ")
	if err != nil {
		return "", err
	}
	repeat, err := askPassphrase(stderr, "The same again: ")
	if err != nil {
		return "", err
	}
	return pass, backup.CheckNewPassphrase(pass, repeat)
}

// progressLine draws a progress bar on a terminal, and nothing elsewhere
// (a script's log, a test).
type progressLine struct{ bar *progressbar.ProgressBar }

func newProgressLine(w io.Writer, what string) *progressLine {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &progressLine{}
	}
	return &progressLine{bar: progressbar.NewOptions64(-1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowBytes(true), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30))}
}

func (p *progressLine) set(done, total int64) {
	if p.bar == nil {
		return
	}
	if p.bar.GetMax64() != total {
		p.bar.ChangeMax64(total)
	}
	p.bar.Set64(done)
}

func (p *progressLine) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// sizeText writes a file size for people.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
