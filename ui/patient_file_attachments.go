package ui

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// openURL hands a file to the system's viewer; tests replace it.
var openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }

// attachExtensions are offered by the file dialog; the content decides
// what is accepted (data.AddAttachment), never the name.
var attachExtensions = []string{".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".webp", ".bmp",
	".PDF", ".JPG", ".JPEG", ".PNG", ".TIF", ".TIFF"}

var attachShares = []float32{0.40, 0.14, 0.10, 0.16, 0.20}

// attachmentsTab lists the scans, photos and PDFs of the file, adds
// them (file dialog, or files dropped on the window) and opens them
// with the system viewer.
type attachmentsTab struct {
	f       *patientFile
	loads   *loader[string, []data.Attachment]
	rows    []data.Attachment
	info    *widget.Label
	result  *widget.Label
	list    *fyne.Container
	addBtn  *widget.Button
	busy    bool
	content fyne.CanvasObject
}

func newAttachmentsTab(f *patientFile) *attachmentsTab {
	t := &attachmentsTab{f: f}
	t.loads = newLoader[string, []data.Attachment](f.d, func() string { return f.id })
	t.loads.failed = func(err error) { setText(t.info, data.ErrorMessage(err), widget.DangerImportance) }
	t.info = quiet("")
	t.result = widget.NewLabel("")
	t.result.Truncation = fyne.TextTruncateEllipsis
	t.addBtn = widget.NewButtonWithIcon("Add a file…", theme.ContentAddIcon(), t.chooseFile)
	t.addBtn.Importance = widget.HighImportance
	t.list = container.NewVBox()
	header := container.New(&columns{shares: attachShares}, quietBold("File"), quietBold("Kind"), quietBold("Size"),
		quietBold("Added"), quietBold(""))
	hint := quiet(fmt.Sprintf("Scans, photos and PDFs up to %d MB. Drop files on this window to attach them to this file.", data.MaxAttachmentSize>>20))
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(4, 0, 10, 10),
		container.NewVBox(container.NewBorder(nil, nil, t.addBtn, nil, t.result), hint, t.info)),
		withBackground(barColour, container.NewBorder(hline(), hline(), nil, nil, container.New(layout.NewCustomPaddedLayout(-2, -2, 10, 10), header))))
	t.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 10, 10), t.list)))
	return t
}

func (t *attachmentsTab) view() fyne.CanvasObject { return t.content }

func (t *attachmentsTab) load(patientID string) <-chan struct{} {
	store := t.f.d.store
	setText(t.info, "Loading…", widget.LowImportance)
	return t.loads.load(patientID, func(ctx context.Context) ([]data.Attachment, error) {
		return store.Attachments(ctx, patientID)
	}, t.apply)
}

func kindText(mediaType string) string {
	switch mediaType {
	case "application/pdf":
		return "PDF"
	case "image/jpeg":
		return "JPEG photo"
	case "image/png":
		return "PNG image"
	case "image/tiff":
		return "TIFF scan"
	}
	return strings.ToUpper(strings.TrimPrefix(mediaType, "image/")) + " image"
}

func bytesText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d kB", max(1, n>>10))
}

func (t *attachmentsTab) apply(list []data.Attachment) {
	t.rows = list
	loc := t.f.d.pr.Location()
	merged := t.f.patient.MergedInto != ""
	t.list.Objects = nil
	for _, a := range list {
		a := a
		open := smallButton("Open", theme.FileIcon(), func() { t.openAttachment(a) })
		remove := smallButton("Remove", theme.DeleteIcon(), func() {
			confirmAction(t.f.d, "Remove "+a.FileName+"?", "Remove "+a.FileName+" from this patient's file? The removal is recorded in the audit log.",
				"Remove", func() { t.run("Removed "+a.FileName, func(tx *data.Tx) error { return tx.RemoveAttachment(a.ID) }) })
		})
		if merged {
			remove.Disable()
		}
		added := t.f.d.pr.DateFormat.Format(data.DateOf(a.Added.In(loc))) + " · " + a.AddedBy
		name := truncated(a.FileName)
		name.TextStyle.Bold = true
		t.list.Add(container.New(&columns{shares: attachShares}, name, truncated(kindText(a.MediaType)),
			truncated(bytesText(a.Size)), truncated(added), container.NewHBox(open, remove)))
	}
	if len(list) == 0 {
		t.list.Add(quiet("No attachments yet."))
	}
	t.list.Refresh()
	setText(t.info, countText(len(list), "attachment", "attachments")+".", widget.LowImportance)
	if merged || t.busy {
		t.addBtn.Disable()
	} else {
		t.addBtn.Enable()
	}
}

// chooseFile opens the file dialog.
func (t *attachmentsTab) chooseFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			t.f.d.sayError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		t.attachReader(r.URI().Name(), -1, r)
	}, t.f.d.win)
	d.SetFilter(storage.NewExtensionFileFilter(attachExtensions))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// attachPaths attaches files given by path (dropped on the window).
func (t *attachmentsTab) attachPaths(paths []string) <-chan struct{} {
	if len(paths) == 0 || t.f.id == "" {
		return closed()
	}
	id, who, store := t.f.id, t.f.patient.FullName(), t.f.d.store
	t.setBusy(true)
	return backgroundThen(t.f.d.do, func() (attachReport, error) {
		var rep attachReport
		for _, p := range paths {
			name := filepath.Base(p)
			fh, err := os.Open(p)
			if err != nil {
				rep.problems = append(rep.problems, data.SafeFileName(name)+" cannot be read")
				continue
			}
			size := int64(-1)
			if fi, err := fh.Stat(); err == nil {
				if fi.IsDir() {
					fh.Close()
					rep.problems = append(rep.problems, data.SafeFileName(name)+" is a folder")
					continue
				}
				size = fi.Size()
			}
			_, err = store.AddAttachment(context.Background(), id, name, size, fh)
			fh.Close()
			if err != nil {
				rep.problems = append(rep.problems, data.ErrorMessage(err))
				continue
			}
			rep.added = append(rep.added, data.SafeFileName(name))
		}
		return rep, nil
	}, func(rep attachReport, _ error) <-chan struct{} { return t.stored(id, who, rep) })
}

// attachReader attaches one file read from r (the file dialog).
func (t *attachmentsTab) attachReader(name string, size int64, r io.ReadCloser) <-chan struct{} {
	id, who, store := t.f.id, t.f.patient.FullName(), t.f.d.store
	t.setBusy(true)
	return backgroundThen(t.f.d.do, func() (attachReport, error) {
		_, err := store.AddAttachment(context.Background(), id, name, size, r)
		r.Close()
		if err != nil {
			return attachReport{problems: []string{data.ErrorMessage(err)}}, nil
		}
		return attachReport{added: []string{data.SafeFileName(name)}}, nil
	}, func(rep attachReport, _ error) <-chan struct{} { return t.stored(id, who, rep) })
}

// attachReport is what an upload attached, and what it could not, why.
type attachReport struct {
	added, problems []string
}

// stored reports an upload to the file of patient id (named who) and
// reads its attachments again. Another patient's file may be open by
// now: then the report goes to the status line, naming whose file it
// was, and this tab, which shows the other patient, is left alone.
func (t *attachmentsTab) stored(id, who string, rep attachReport) <-chan struct{} {
	t.setBusy(false)
	if t.f.id != id {
		t.f.d.say("File of " + who + ": " + strings.Join(rep.sentences(), " "))
		return closed()
	}
	t.report(rep.added, rep.problems)
	return t.load(id)
}

// sentences say what was attached and what was not, and why.
func (rep attachReport) sentences() []string {
	var parts []string
	if len(rep.added) > 0 {
		parts = append(parts, "Attached "+strings.Join(rep.added, ", ")+".")
	}
	return append(parts, rep.problems...)
}

func (t *attachmentsTab) setBusy(on bool) {
	t.busy = on
	if on {
		t.addBtn.Disable()
		setText(t.result, "Storing…", widget.LowImportance)
	} else if t.f.patient.MergedInto == "" {
		t.addBtn.Enable()
	}
}

// report says what was attached and what was not, and why.
func (t *attachmentsTab) report(added, problems []string) {
	parts := attachReport{added: added, problems: problems}.sentences()
	imp := widget.SuccessImportance
	if len(problems) > 0 {
		imp = widget.DangerImportance
		t.f.d.say(strings.Join(problems, " "))
	}
	setText(t.result, strings.Join(parts, " "), imp)
}

// openAttachment checks the file, records the read and hands a copy to
// the system viewer.
func (t *attachmentsTab) openAttachment(a data.Attachment) <-chan struct{} {
	store := t.f.d.store
	return background(t.f.d.do, func() (struct{}, error) {
		path, err := store.OpenAttachment(context.Background(), a.ID)
		if err != nil {
			return struct{}{}, err
		}
		u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
		if !strings.HasPrefix(u.Path, "/") { // C:/… on Windows
			u.Path = "/" + u.Path
		}
		if oerr := openURL(u); oerr != nil {
			return struct{}{}, &data.Error{Code: data.EInternal, Err: oerr, Message: "The system has no viewer for " + a.FileName + "."}
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		if err != nil {
			t.f.d.sayError(err)
			setText(t.result, data.ErrorMessage(err), widget.DangerImportance)
			return
		}
		setText(t.result, "Opened "+a.FileName+" with the system viewer (recorded in the audit log).", widget.LowImportance)
	})
}

// run makes a change; the file's reload reads this tab again.
func (t *attachmentsTab) run(what string, fn func(tx *data.Tx) error) <-chan struct{} {
	return t.f.run(what, fn)
}

// installDrop attaches files dropped on the window to the open file,
// whatever its tab (the Attachments tab comes to the front). Dropped
// while no file is open, they are refused with a sentence.
func (p *patientsScreen) installDrop() {
	p.d.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		p.dropped(uris)
	})
}

func (p *patientsScreen) dropped(uris []fyne.URI) <-chan struct{} {
	f := p.file
	if p.d.current != screenPatients || !p.fileShown() || f.id == "" || f.form != nil || f.patient.MergedInto != "" {
		p.d.say("To attach files, open a patient's file first, then drop them on the window.")
		return closed()
	}
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	f.showTab(tabAttachments)
	return f.attach.attachPaths(paths)
}
