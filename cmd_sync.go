package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/term"

	"frontdesk/data"
	"frontdesk/data/backup"
	"frontdesk/data/sync"
)

// syncPassphraseEnv gives the command line the sync folder's passphrase
// without a prompt (scripts, tests).
const syncPassphraseEnv = "FRONTDESK_SYNC_PASSPHRASE"

// cmdSync runs "frontdesk sync":
//
//	sync --folder DIR [--data DIR] [--name NAME]   sync; an empty data folder joins
//	sync create --folder DIR [--data DIR]          the first computer makes the folder
//	sync retire LETTER|ID --folder DIR [--data DIR]
//
// Exit status (DESIGN §7): 0 when the run went through, even when some
// files were refused (they are listed, with their reasons, and the rest
// was applied); 1 when it stopped (wrong passphrase, folder missing, a
// computer that must join again); 2 on usage errors.
func cmdSync(args []string, stdout, stderr io.Writer) error {
	var dir, folder, name string
	pos, err := parseFlags("sync", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
		fs.StringVar(&folder, "folder", "", "the practice's sync folder")
		fs.StringVar(&name, "name", "", "this computer's name, when it joins")
	})
	if err != nil {
		return err
	}
	if folder == "" {
		return usageError{"sync needs --folder DIR, the practice's sync folder"}
	}
	if dir == "" {
		dir = defaultDataDir()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch {
	case len(pos) == 0:
		return syncOrJoin(ctx, dir, folder, name, stdout, stderr)
	case pos[0] == "create" && len(pos) == 1:
		return syncCreate(ctx, dir, folder, stdout, stderr)
	case pos[0] == "retire" && len(pos) == 2:
		return syncRetire(ctx, dir, folder, pos[1], stdout, stderr)
	}
	return usageError{"sync takes no argument, \"create\", or \"retire LETTER\""}
}

func syncOrJoin(ctx context.Context, dir, folder, name string, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, data.DBFile)); errors.Is(err, fs.ErrNotExist) {
		pass, err := syncPassphrase(stderr)
		if err != nil {
			return err
		}
		res, err := sync.Join(ctx, dir, folder, pass, sync.Options{Name: name})
		if err != nil {
			return data.WithOp("joining the practice's sync folder", err)
		}
		fmt.Fprintf(stdout, "Joined the practice as computer %s.\n", res.Series)
		s, err := data.Open(dir)
		if err != nil {
			return err
		}
		defer s.Close()
		printSyncResult(ctx, stdout, s, res)
		return nil
	}
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	pass, err := syncPassphrase(stderr)
	if err != nil {
		return err
	}
	f, err := sync.OpenFolder(ctx, s, folder, pass)
	if errors.Is(err, sync.ErrNoPractice) {
		return plainError(fmt.Sprintf("%s is not a practice's sync folder yet: the first computer makes it one with \"frontdesk sync create --folder %s\".", folder, folder))
	} else if err != nil {
		return err
	}
	res, err := sync.Sync(ctx, s, f, sync.Options{})
	if err != nil {
		return err
	}
	printSyncResult(ctx, stdout, s, res)
	return nil
}

func syncCreate(ctx context.Context, dir, folder string, stdout, stderr io.Writer) error {
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	pass, fromEnv := os.LookupEnv(syncPassphraseEnv)
	if !fromEnv {
		fmt.Fprintf(stderr, "Choose the passphrase of the practice's sync folder (at least %d characters). Every computer that joins needs it.\n", backup.MinPassphrase)
		if pass, err = askSyncPassphrase(stderr, "Sync passphrase: "); err != nil {
			return err
		}
		repeat, err := askSyncPassphrase(stderr, "The same again: ")
		if err != nil {
			return err
		}
		if err := backup.CheckNewPassphrase(pass, repeat); err != nil {
			return err
		}
	} else if err := backup.CheckNewPassphrase(pass, pass); err != nil {
		return err
	}
	if _, err := sync.Create(ctx, s, folder, pass, sync.Options{}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Made %s the practice's sync folder, with this computer (%s) as its first. Other computers join with: frontdesk sync --folder DIR --data EMPTY-FOLDER\n",
		folder, s.Device().Series)
	return nil
}

func syncRetire(ctx context.Context, dir, folder, who string, stdout, stderr io.Writer) error {
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	pass, err := syncPassphrase(stderr)
	if err != nil {
		return err
	}
	f, err := sync.OpenFolder(ctx, s, folder, pass)
	if err != nil {
		return err
	}
	d, err := sync.Retire(ctx, s, f, who, sync.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Retired computer %s (%s): it no longer holds back the pruning of the sync folder, and if it syncs again it is told to join anew.\n", d.Series, d.Name)
	return nil
}

// printSyncResult is the plain report of a run.
func printSyncResult(ctx context.Context, w io.Writer, s *data.Store, res sync.Result) {
	letters := map[string]string{}
	if ds, err := s.Devices(ctx); err == nil {
		for _, d := range ds {
			letters[d.ID] = d.Series
		}
	}
	computer := func(id string) string {
		if l := letters[id]; l != "" {
			return l
		}
		return id
	}
	rep := res.Import
	fmt.Fprintf(w, "Sent %d change file(s). Applied %d change file(s) from %d other computer(s): %d change(s) took effect, %d were older than what was there.\n",
		res.Sent, rep.Applied, rep.Devices, rep.Changes.Applied, rep.Changes.Lost)
	if rep.Changes.Conflicts > 0 {
		fmt.Fprintf(w, "Conflicts: %d field(s) were edited on two computers at once; the losing values are kept for review.\n", rep.Changes.Conflicts)
	}
	for _, q := range rep.Refused {
		fmt.Fprintf(w, "Refused: change file %d of computer %s (%s): %s\n", q.Seq, computer(q.Device), q.Reason, q.Detail)
	}
	for _, p := range res.Records {
		fmt.Fprintf(w, "Refused: the record of computer %s (%s): %s\n", computer(p.Device), p.Reason, p.Detail)
	}
	for _, id := range slices.Sorted(maps.Keys(rep.Waiting)) {
		fmt.Fprintf(w, "Waiting: computer %s's changes wait at file %d (missing, refused or needing another computer's).\n", computer(id), rep.Waiting[id])
	}
	if len(rep.NotReady) > 0 {
		fmt.Fprintf(w, "Waiting: %d computer(s) not known yet (their record has not arrived, or their series letter is being settled).\n", len(rep.NotReady))
	}
	if res.Clash != "" {
		fmt.Fprintf(w, "Another computer held the same series letter; this computer's letter is now %s.\n", res.Series)
	}
	if res.Held != "" {
		fmt.Fprintf(w, "This computer (series %s) hands out no chart or invoice numbers until every other computer has synced and acknowledged its letter.\n", res.Series)
	}
	if res.Snapshot {
		fmt.Fprintln(w, "Wrote a snapshot of the practice for computers that join.")
	}
	if res.Pruned > 0 {
		fmt.Fprintf(w, "Pruned %d change file(s) every computer has applied.\n", res.Pruned)
	}
}

// syncPassphrase is the sync folder's passphrase: from the environment,
// else typed on the terminal.
func syncPassphrase(stderr io.Writer) (string, error) {
	if pass, ok := os.LookupEnv(syncPassphraseEnv); ok {
		return pass, nil
	}
	return askSyncPassphrase(stderr, "Sync passphrase: ")
}

func askSyncPassphrase(stderr io.Writer, prompt string) (string, error) {
	fd := int(terminalIn.Fd())
	if !term.IsTerminal(fd) {
		return "", plainError("no terminal to ask for the sync passphrase: set " + syncPassphraseEnv + ".")
	}
	fmt.Fprint(stderr, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return "", plainError("the passphrase could not be read: " + err.Error())
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}
