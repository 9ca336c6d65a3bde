package ui

import (
	"context"
	"io"
	"net/url"
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
func printsDir(s *data.Store) string { return filepath.Join(s.Dir(), data.PrintsFolder) }

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
	w := c.d.w
	return c.d.printAndOpen(w.T("calendar.print.what"), w.T("calendar.print.preparing"), func(ctx context.Context) (string, error) {
		return writeDayList(ctx, store, w, day, practitioner)
	})
}

// writeDayList writes the PDF into the prints folder (replacing an earlier
// print of the same day), recorded in the audit log as it is written. It
// is in the desk's language (see reports.WriteDayList).
func writeDayList(ctx context.Context, s *data.Store, w words, day data.Date, practitioner string) (string, error) {
	dl, err := reports.LoadDayList(ctx, s, day, practitioner)
	if err != nil {
		return "", err
	}
	dir, err := s.PrintsDir()
	if err != nil {
		return "", err
	}
	what := "day list " + day.String()
	if practitioner != "" {
		what += " of " + practitioner
	}
	return s.WriteOutput(ctx, data.Output{
		Path: filepath.Join(dir, "daylist-"+day.String()+".pdf"), What: "The day list",
		Action: "print", Entity: "daylist", Detail: what,
	}, func(out io.Writer) error { return reports.WriteDayList(out, dl, w.Localizer, reports.Options{}) })
}
