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

// syncNewPassphraseEnv gives "sync passphrase" the new passphrase.
const syncNewPassphraseEnv = "FRONTDESK_SYNC_NEW_PASSPHRASE"

// cmdSync runs "frontdesk sync":
//
//	sync --folder DIR [--data DIR] [--name NAME]   sync; an empty data folder joins
//	sync create --folder DIR [--data DIR]          the first computer makes the folder
//	sync retire LETTER|ID --folder DIR [--data DIR]
//	sync passphrase --folder DIR [--data DIR]      change the sync folder's passphrase
//
// Making the folder and joining remember it in the data folder when it
// remembers none, so that the desk syncs with it by itself.
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
	case pos[0] == "passphrase" && len(pos) == 1:
		return syncChangePassphrase(ctx, dir, folder, stdout, stderr)
	}
	return usageError{"sync takes no argument, \"create\", \"retire LETTER\" or \"passphrase\""}
}

func syncOrJoin(ctx context.Context, dir, folder, name string, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, data.DBFile)); errors.Is(err, fs.ErrNotExist) {
		pass, err := syncPassphrase(stderr)
		if err != nil {
			return err
		}
		// A new data folder remembers none: the desk syncs with this one.
		res, err := sync.Join(ctx, dir, folder, pass, sync.Options{Name: name, Remember: true})
		if err != nil {
			return data.WithOp("joining the practice's sync folder", err)
		}
		fmt.Fprintf(stdout, "Joined the practice as computer %s.\n", res.Series)
		fmt.Fprintf(stdout, "This data folder remembers %s: the desk syncs with it by itself (Settings → Sync).\n", folder)
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
	printPassphraseConflict(stdout, folder)
	return nil
}

// printPassphraseConflict says when two computers changed the passphrase
// while apart: which one is in effect, and which no longer opens the
// folder (see package sync's passphrase.go).
func printPassphraseConflict(w io.Writer, folder string) {
	cur, lost, err := sync.PassphraseChanges(folder)
	if err != nil {
		return // the run itself said what was wrong with the folder
	}
	for _, l := range lost {
		fmt.Fprintf(w, "The passphrase was changed on two computers while they were apart. The one in effect was chosen %s; the one chosen %s no longer lets a computer join. Tell its holder, or choose one again with \"frontdesk sync passphrase\".\n",
			passphraseChooser(cur), passphraseChooser(l))
	}
}

func passphraseChooser(c sync.PassphraseChange) string {
	if c.Series == "" {
		return "when the folder was made"
	}
	return fmt.Sprintf("on computer %s (%s) on %s", c.Series, c.Name, c.At.Local().Format("2006-01-02 15:04"))
}

func syncCreate(ctx context.Context, dir, folder string, stdout, stderr io.Writer) error {
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	pass, err := newSyncPassphrase(stderr, syncPassphraseEnv, fmt.Sprintf(
		"Choose the passphrase of the practice's sync folder (at least %d characters). Every computer that joins needs it.", backup.MinPassphrase),
		"Sync passphrase: ")
	if err != nil {
		return err
	}
	f, err := sync.Create(ctx, s, folder, pass, sync.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Made %s the practice's sync folder, with this computer (%s) as its first. Other computers join with: frontdesk sync --folder DIR --data EMPTY-FOLDER\n",
		folder, s.Device().Series)
	return rememberIfNone(ctx, s, f, stdout)
}

// newSyncPassphrase is a new passphrase for the sync folder: from the
// environment variable env, or typed twice after the words why; either
// way held to the backups' rule for a passphrase.
func newSyncPassphrase(stderr io.Writer, env, why, prompt string) (string, error) {
	if pass, fromEnv := os.LookupEnv(env); fromEnv {
		return pass, backup.CheckNewPassphrase(pass, pass)
	}
	fmt.Fprintln(stderr, why)
	pass, err := askSyncPassphrase(stderr, prompt)
	if err != nil {
		return "", err
	}
	repeat, err := askSyncPassphrase(stderr, "The same again: ")
	if err != nil {
		return "", err
	}
	return pass, backup.CheckNewPassphrase(pass, repeat)
}

// rememberIfNone makes f the folder the desk syncs with when this data
// folder remembers none, and says what the desk will do.
func rememberIfNone(ctx context.Context, s *data.Store, f sync.Folder, stdout io.Writer) error {
	set, ok, err := s.SyncSettings(ctx)
	if err != nil {
		return err
	}
	if ok {
		fmt.Fprintf(stdout, "The desk keeps syncing with %s, the folder this data folder remembers; Settings → Sync changes it.\n", set.Folder)
		return nil
	}
	if err := sync.Remember(ctx, s, f); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "This data folder remembers %s: the desk syncs with it by itself (Settings → Sync).\n", f.Dir)
	return nil
}

// syncChangePassphrase changes the sync folder's passphrase: the old one
// from FRONTDESK_SYNC_PASSPHRASE or the terminal, the new one from
// FRONTDESK_SYNC_NEW_PASSPHRASE or typed twice.
func syncChangePassphrase(ctx context.Context, dir, folder string, stdout, stderr io.Writer) error {
	s, err := openPractice(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	old, err := syncPassphrase(stderr)
	if err != nil {
		return err
	}
	pass, err := newSyncPassphrase(stderr, syncNewPassphraseEnv, fmt.Sprintf(
		"Choose the new passphrase of the practice's sync folder (at least %d characters).", backup.MinPassphrase),
		"New sync passphrase: ")
	if err != nil {
		return err
	}
	pr, err := s.Practice(ctx)
	if err != nil {
		return err
	}
	if err := sync.ChangePassphrase(ctx, s, sync.Folder{Dir: folder, Practice: pr.ID}, old, pass, sync.Options{}); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Changed the sync folder's passphrase. The practice's computers go on syncing; a computer that joins from now on needs the new passphrase.")
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
