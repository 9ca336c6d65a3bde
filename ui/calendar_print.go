package ui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"frontdesk/data"
	"frontdesk/reports"
)

// openDocument shows a written PDF in the computer's viewer, from where
// it is printed; tests replace it.
var openDocument = func(path string) error {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	return fyne.CurrentApp().OpenURL(u)
}

// printsDir is where printed documents are written: inside the data
// folder, which only the practice's user may read, never a shared temp.
func printsDir(s *data.Store) string { return filepath.Join(s.Dir(), "prints") }

// print writes the day list of the calendar's day (every practitioner in
// the day view, the one of the week view) and opens it for printing.
func (c *calendarScreen) print() <-chan struct{} {
	day, store := c.day, c.d.store
	practitioner := ""
	if c.mode == modeWeek {
		if p, ok := c.refs.practitioner(c.weekPr); ok {
			practitioner = p.DisplayName
		}
	}
	c.d.say("Preparing the day list…")
	done := make(chan struct{})
	go func() {
		path, err := writeDayList(context.Background(), store, day, practitioner)
		if err == nil {
			err = openDocument(path)
		}
		c.d.do(func() {
			defer close(done)
			if err != nil {
				c.d.sayError(err)
				return
			}
			c.d.say("Day list of " + c.d.pr.DateFormat.Format(day) + " written to " + path + ".")
		})
	}()
	return done
}

// writeDayList writes the PDF into the prints folder (replacing an earlier
// print of the same day) and records the print in the audit log.
func writeDayList(ctx context.Context, s *data.Store, day data.Date, practitioner string) (string, error) {
	dl, err := reports.LoadDayList(ctx, s, day, practitioner)
	if err != nil {
		return "", err
	}
	dir := printsDir(s)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", data.Errorf(data.EStorage, "The folder %s cannot be created for the printout.", dir)
	}
	name := "daylist-" + day.String() + ".pdf"
	path := filepath.Join(dir, name)
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return "", data.Errorf(data.EStorage, "The day list cannot be written in %s.", dir)
	}
	err = reports.WriteDayList(f, dl, reports.Options{})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return "", data.Errorf(data.EStorage, "The day list could not be written (%v).", err)
	}
	what := "day list " + day.String()
	if practitioner != "" {
		what += " of " + practitioner
	}
	return path, s.AuditRead(ctx, "print", "daylist", "", what)
}
