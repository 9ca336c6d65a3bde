package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"frontdesk/assets"
	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/i18n"
	"frontdesk/ui"
	"frontdesk/ui/earlylog"
)

// cmdDesk opens the GUI. The display is checked before the practice is
// opened, so a desk started where no window can open leaves no database
// behind.
func cmdDesk(args []string, stdout io.Writer, started time.Time) error {
	var dir, shots, lang string
	var demoMode bool
	err := parseOnlyFlags("", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "data", "", "data folder")
		fs.BoolVar(&demoMode, "demo", false, "open the demo practice")
		fs.StringVar(&shots, "screenshots", "", "write screenshots to this folder and exit")
		fs.StringVar(&lang, "lang", "", "the desk's language for this run: en, fr or es")
	})
	if err != nil {
		return err
	}
	if _, ok := i18n.ParseLang(lang); lang != "" && !ok {
		return usageError{fmt.Sprintf("--lang %q: the desk speaks en, fr and es", lang)}
	}
	if demoMode && dir != "" {
		// DESIGN §7: the demo never uses a real practice's folder.
		return usageError{"--demo opens the demo practice in its own folder; it cannot be combined with --data (use \"frontdesk demo --data DIR\" to make a demo practice in DIR)"}
	}
	if dir == "" {
		dir = defaultDataDir()
		if demoMode {
			dir = demoDataDir()
		}
	}
	if err := checkDisplay(); err != nil {
		return err
	}
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	opts := ui.Options{Started: started, ScreenshotDir: shots, Demo: demoMode, Logf: log.Printf, Out: stdout, Lang: lang, User: osUser()}
	if demoMode {
		// DESIGN §4: the demo signs its secretary in by itself (the top
		// bar says so); a real practice always asks.
		opts.AutoSignIn = &ui.Credentials{Login: demo.SecretaryLogin, Password: demo.Password}
	}
	if shots != "" {
		// Screenshot mode photographs the sign-in form, then signs in
		// through it as the demo's administrator, who sees every screen;
		// a practice without that user is photographed up to the form.
		opts.ShotsSignIn = &ui.Credentials{Login: demo.AdminLogin, Password: demo.Password}
	}
	s, err := openForDesk(dir, demoMode, stdout)
	if err != nil {
		if shots != "" { // screenshot mode has nobody to close a window
			return err
		}
		// The window explains; for a damaged database it offers a backup,
		// and the desk opens in it once that is restored.
		restored := ui.RunStartupError(a, dir, err, opts)
		if restored == nil {
			return err
		}
		restored.Close()
		return nil
	}
	defer s.Close()
	return ui.Run(a, s, opts)
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
		earlylog.SendTo(os.Stderr)
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
	earlylog.SendTo(f) // with what Fyne logged while the program started
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	return nil
}
