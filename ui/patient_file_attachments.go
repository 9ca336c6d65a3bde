package ui

import (
	"context"
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
	"frontdesk/data/i18n"
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
	w := f.d.w
	t.loads.failed = func(err error) { setText(t.info, w.Error(err), widget.DangerImportance) }
	t.info = quiet("")
	t.result = widget.NewLabel("")
	t.result.Truncation = fyne.TextTruncateEllipsis
	t.addBtn = widget.NewButtonWithIcon(w.T("attachments.add"), theme.ContentAddIcon(), t.chooseFile)
	t.addBtn.Importance = widget.HighImportance
	t.list = container.NewVBox()
	header := container.New(&columns{shares: attachShares}, quietBold(w.T("attachments.column.file")), quietBold(w.T("attachments.column.kind")),
		quietBold(w.T("attachments.column.size")), quietBold(w.T("attachments.column.added")), quietBold(""))
	hint := quiet(w.T("attachments.hint", "Max", i18n.Msg("size.megabytes", "Size", data.MaxAttachmentSize>>20)))
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(4, 0, 10, 10),
		container.NewVBox(container.NewBorder(nil, nil, t.addBtn, nil, t.result), hint, t.info)),
		withBackground(barColour, container.NewBorder(hline(), hline(), nil, nil, container.New(layout.NewCustomPaddedLayout(-2, -2, 10, 10), header))))
	t.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 10, 10), t.list)))
	return t
}

func (t *attachmentsTab) view() fyne.CanvasObject { return t.content }

func (t *attachmentsTab) load(patientID string) <-chan struct{} {
	store := t.f.d.store
	setText(t.info, t.f.d.w.T("common.loading"), widget.LowImportance)
	return t.loads.load(patientID, func(ctx context.Context) ([]data.Attachment, error) {
		return store.Attachments(ctx, patientID)
	}, t.apply)
}

// kindText names the kind of an attached file: "JPEG photo".
func kindText(w words, mediaType string) string {
	switch mediaType {
	case "application/pdf":
		return "PDF"
	case "image/jpeg":
		return w.T("attachments.kind.jpeg")
	case "image/png":
		return w.T("attachments.kind.png")
	case "image/tiff":
		return w.T("attachments.kind.tiff")
	}
	return w.T("attachments.kind.image", "Format", strings.ToUpper(strings.TrimPrefix(mediaType, "image/")))
}

// bytesText writes the size of a file for the list: "2.4 MB", "820 kB",
// never less than 1 kB.
func bytesText(w words, n int64) string {
	return w.Render(data.SizeText(max(n, 1<<10)))
}

func (t *attachmentsTab) apply(list []data.Attachment) {
	t.rows = list
	w := t.f.d.w
	loc := t.f.d.pr.Location()
	merged := t.f.patient.MergedInto != ""
	t.list.Objects = nil
	for _, a := range list {
		a := a
		open := smallButton(w.T("attachments.open"), theme.FileIcon(), func() { t.openAttachment(a) })
		remove := smallButton(w.T("common.remove"), theme.DeleteIcon(), func() {
			t.f.d.confirm(w.T("attachments.remove.title", "Name", a.FileName), w.T("attachments.remove.question", "Name", a.FileName),
				w.T("common.remove"), func() {
					t.run(w.T("attachments.done.removed", "Name", a.FileName), func(tx *data.Tx) error { return tx.RemoveAttachment(a.ID) })
				})
		})
		if merged {
			remove.Disable()
		}
		if a.NotArrived { // its bytes come with a later sync
			open.SetText(w.T("attachments.not_arrived"))
			open.Disable()
		}
		added := w.Day(data.DateOf(a.Added.In(loc))) + " · " + a.AddedBy
		name := truncated(a.FileName)
		name.TextStyle.Bold = true
		t.list.Add(container.New(&columns{shares: attachShares}, name, truncated(kindText(w, a.MediaType)),
			truncated(bytesText(w, a.Size)), truncated(added), container.NewHBox(open, remove)))
	}
	if len(list) == 0 {
		t.list.Add(quiet(w.T("attachments.none")))
	}
	t.list.Refresh()
	setText(t.info, w.N("attachments.count", len(list)), widget.LowImportance)
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
	id, who, store, w := t.f.id, t.f.patient.FullName(), t.f.d.store, t.f.d.w
	t.setBusy(true)
	return backgroundThen(t.f.d.do, func() (attachReport, error) {
		var rep attachReport
		for _, p := range paths {
			name := filepath.Base(p)
			fh, err := os.Open(p)
			if err != nil {
				rep.problems = append(rep.problems, w.T("attachments.problem.unreadable", "Name", data.SafeFileName(name)))
				continue
			}
			size := int64(-1)
			if fi, err := fh.Stat(); err == nil {
				if fi.IsDir() {
					fh.Close()
					rep.problems = append(rep.problems, w.T("attachments.problem.folder", "Name", data.SafeFileName(name)))
					continue
				}
				size = fi.Size()
			}
			_, err = store.AddAttachment(context.Background(), id, name, size, fh)
			fh.Close()
			if err != nil {
				rep.problems = append(rep.problems, w.Error(err))
				continue
			}
			rep.added = append(rep.added, data.SafeFileName(name))
		}
		return rep, nil
	}, func(rep attachReport, _ error) <-chan struct{} { return t.stored(id, who, rep) })
}

// attachReader attaches one file read from r (the file dialog).
func (t *attachmentsTab) attachReader(name string, size int64, r io.ReadCloser) <-chan struct{} {
	id, who, store, w := t.f.id, t.f.patient.FullName(), t.f.d.store, t.f.d.w
	t.setBusy(true)
	return backgroundThen(t.f.d.do, func() (attachReport, error) {
		_, err := store.AddAttachment(context.Background(), id, name, size, r)
		r.Close()
		if err != nil {
			return attachReport{problems: []string{w.Error(err)}}, nil
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
	w := t.f.d.w
	if t.f.id != id {
		t.f.d.say(w.T("attachments.said_elsewhere", "Name", who, "Report", strings.Join(rep.sentences(w), " ")))
		return closed()
	}
	t.report(rep.added, rep.problems)
	return t.load(id)
}

// sentences say what was attached and what was not, and why.
func (rep attachReport) sentences(w words) []string {
	var parts []string
	if len(rep.added) > 0 {
		parts = append(parts, w.T("attachments.attached", "Names", strings.Join(rep.added, ", ")))
	}
	return append(parts, rep.problems...)
}

func (t *attachmentsTab) setBusy(on bool) {
	t.busy = on
	if on {
		t.addBtn.Disable()
		setText(t.result, t.f.d.w.T("attachments.storing"), widget.LowImportance)
	} else if t.f.patient.MergedInto == "" {
		t.addBtn.Enable()
	}
}

// report says what was attached and what was not, and why.
func (t *attachmentsTab) report(added, problems []string) {
	parts := attachReport{added: added, problems: problems}.sentences(t.f.d.w)
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
			e := data.NewError(data.EInternal, "attachments.error.no_viewer", "Name", a.FileName)
			e.Err = oerr
			return struct{}{}, e
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		if err != nil {
			t.f.d.sayError(err)
			setText(t.result, t.f.d.w.Error(err), widget.DangerImportance)
			return
		}
		setText(t.result, t.f.d.w.T("attachments.opened", "Name", a.FileName), widget.LowImportance)
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
		p.d.say(p.d.w.T("attachments.drop_without_file"))
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
