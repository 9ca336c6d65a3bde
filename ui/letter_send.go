package ui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/reports"
)

// A letter goes out three ways: printed (a PDF in the prints folder,
// opened in the viewer), saved as a PDF in a folder the secretary
// chooses, or e-mailed (a .eml in the outbox, opened in the system's
// mail program). A draft is merged with the patient's file as it is now
// and becomes sent in the same step as its file appears; a sent letter
// comes out again exactly as it went out. Each is audited as a read of
// the patient's data.

// letterSent is what came of a letter's output.
type letterSent struct {
	path      string
	viewerErr error
}

// sendLetter writes lt for how into dir ("" for the prints or outbox
// folder) off the UI goroutine; then runs on the UI goroutine with the
// result. A missing value, or an e-mail without an address, is an error
// naming it, and nothing is written.
func sendLetter(d *desk, lt data.Letter, how, dir string, then func(letterSent, error)) <-chan struct{} {
	store, pr := d.store, d.pr
	if lt.ID == "" {
		lt.ID = data.NewID() // the file's name and the audit row name it before it is stored
	}
	return background(d.do, func() (letterSent, error) {
		ctx := context.Background()
		pt, err := store.Patient(ctx, lt.PatientID)
		if err != nil {
			return letterSent{}, err
		}
		p, err := reports.PrepareLetter(ctx, store, lt, pr, nowFunc())
		if err != nil {
			return letterSent{}, err
		}
		send := how
		if lt.Status == data.LetterSent {
			send = ""
		}
		var path string
		switch how {
		case data.SentEmail:
			path, err = reports.WriteLetterEmail(ctx, store, p, pt, reports.Options{})
		default:
			if dir == "" {
				if dir, err = store.PrintsDir(); err != nil {
					return letterSent{}, err
				}
			}
			path, err = reports.WriteLetterPDF(ctx, store, p, filepath.Join(dir, reports.LetterFileName(pt.ChartNumber, lt)), send, reports.Options{})
		}
		if err != nil {
			return letterSent{}, err
		}
		var viewerErr error
		if how != data.SentPDF {
			viewerErr = openDocument(path) // the PDF viewer, or the mail program for a .eml
		}
		return letterSent{path, viewerErr}, nil
	}, then)
}

// chooseFolder asks for the folder a PDF is saved into (Frontdesk names
// the file: Fyne's save dialog would empty a chosen file first).
func chooseFolder(d *desk, title string, then func(dir string)) {
	pick := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			d.sayError(err)
			return
		}
		if dir != nil {
			then(dir.Path())
		}
	}, d.win)
	pick.SetTitleText(title)
	pick.Show()
}

// saidSent tells what became of a letter's output in the status line.
func (d *desk) saidSent(how string, r letterSent) {
	w := d.w
	switch how {
	case data.SentEmail:
		if r.viewerErr != nil {
			d.opts.logf("ui: opening %s in the mail program: %v", r.path, r.viewerErr)
			d.sayWith(w.T("letters.said.email_saved", "Path", d.shownPath(r.path)), w.T("printout.open_folder"), d.folderOpener(filepath.Dir(r.path)))
			return
		}
		d.say(w.T("letters.said.email_opened", "Path", d.shownPath(r.path)))
	case data.SentPDF:
		d.say(w.T("letters.said.pdf_saved", "Path", d.shownPath(r.path)))
	default:
		d.printed(w.T("letters.what"), r.path, r.viewerErr)
	}
}

// send sends the letter on the form: printed, saved as PDF or e-mailed.
func (e *letterEditor) send(how string) {
	lt, problem := e.current()
	if problem != "" || e.busy {
		return
	}
	if e.letter.ID == "" {
		lt.ID = data.NewID()
		e.letter.ID = lt.ID // a second try after a failure is the same letter
	}
	go1 := func(dir string) {
		e.setBusy(true)
		sendLetter(e.d, lt, how, dir, func(r letterSent, err error) {
			e.setBusy(false)
			if err != nil {
				e.d.opts.logf("ui: sending letter %s: %v", lt.ID, err)
				setText(e.msg, e.d.w.Error(err), widget.DangerImportance)
				e.msg.Show()
				e.m.fit()
				return
			}
			e.m.close()
			e.d.saidSent(how, r)
			e.done()
		})
	}
	if how == data.SentPDF {
		chooseFolder(e.d, e.d.w.T("letters.choose_folder"), go1)
		return
	}
	go1("")
}
