package ui

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
)

// openFolder shows a folder in the computer's file manager; tests
// replace it.
var openFolder = func(dir string) error {
	return fyne.CurrentApp().OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)})
}

// printResult is where a print was written, and why no viewer showed it.
type printResult struct {
	path      string
	viewerErr error
}

// printAndOpen is every "Print" of the desk: write runs in the background
// (it writes the PDF through data.WriteOutput and returns its path), the
// viewer is opened on the result, and the status line says what became
// of it. what names the document ("Day list"); preparing is said while
// it is written.
func (d *desk) printAndOpen(what, preparing string, write func(ctx context.Context) (string, error)) <-chan struct{} {
	d.say(preparing)
	return background(d.do, func() (printResult, error) {
		path, err := write(context.Background())
		var viewerErr error
		if err == nil {
			viewerErr = openDocument(path)
		}
		return printResult{path, viewerErr}, err
	}, func(r printResult, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		d.printed(what, r.path, r.viewerErr)
	})
}

// printed tells what became of a document written to path: opened in the
// viewer, or (when no viewer could be opened, as on a computer without a
// PDF reader) saved, with a button to its folder. what names the document
// ("Day list"). The viewer's error is for the log, never the screen.
func (d *desk) printed(what, path string, viewerErr error) {
	shown := d.shownPath(path)
	if viewerErr == nil {
		d.say(d.w.T("printout.opened", "What", what, "Path", shown))
		return
	}
	d.opts.logf("ui: opening %s in a viewer: %v", path, viewerErr)
	d.sayWith(d.w.T("printout.saved", "What", what, "Path", shown), d.w.T("printout.open_folder"), d.folderOpener(filepath.Dir(path)))
}

// folderOpener is the action of an "Open folder" button.
func (d *desk) folderOpener(dir string) func() {
	return func() {
		if err := openFolder(dir); err != nil {
			d.opts.logf("ui: opening the folder %s: %v", dir, err)
			d.say(d.w.T("printout.folder_failed", "Folder", d.shownPath(dir)))
		}
	}
}

// shownPath names a file inside the data folder from there
// ("prints/daylist-2026-11-30.pdf"), and any other file in full.
func (d *desk) shownPath(path string) string {
	dir, err := filepath.Abs(d.store.Dir())
	if err == nil {
		dir, err = filepath.EvalSymlinks(dir) // as WriteOutput resolves the printout's folder
	}
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return path
	}
	return filepath.ToSlash(rel)
}
