package ui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// imagePicker chooses a picture of the letterhead (the logo or the
// signature) in Settings → Practice: a small preview, Choose… and
// Remove. A chosen picture is checked (data.ReadImage) and kept here
// until the practice is saved, when it is stored with it.
type imagePicker struct {
	w       words
	field   string // data.FieldLogo or data.FieldSignature
	id      string // the picture the practice will have, "" for none
	shown   *data.Image
	chosen  *data.Image // chosen since the last save, to be stored
	preview *canvas.Image
	none    *widget.Label
	msg     *widget.Label
	choose  *widget.Button
	remove  *widget.Button
	content fyne.CanvasObject
	// Set by the owner: the window of the file dialog and the desk's do,
	// for the reading of the file off the UI goroutine.
	win      fyne.Window
	do       func(func())
	onChange func()
}

func newImagePicker(w words, field string) *imagePicker {
	p := &imagePicker{w: w, field: field}
	p.preview = canvas.NewImageFromResource(nil)
	p.preview.FillMode = canvas.ImageFillContain
	p.preview.SetMinSize(fyne.NewSize(120, 48))
	p.none = quiet(w.T("settings.image.none"))
	p.msg = widget.NewLabel("")
	p.msg.Wrapping = fyne.TextWrapWord
	p.msg.Hide()
	p.choose = smallButton(w.T("settings.image.choose"), theme.FolderOpenIcon(), p.openDialog)
	p.remove = smallButton(w.T("settings.image.remove"), theme.ContentRemoveIcon(), func() { p.set("", nil, nil) })
	p.content = container.NewVBox(bold(w.T(data.PracticeLabel(field))),
		container.NewHBox(container.NewStack(p.preview, p.none), container.NewVBox(p.choose, p.remove)), p.msg)
	p.refresh()
	return p
}

// reset shows the stored picture (nil while it is read, or when none).
func (p *imagePicker) reset(id string, stored *data.Image) {
	p.id, p.shown, p.chosen = id, stored, nil
	setText(p.msg, "", widget.LowImportance)
	p.msg.Hide()
	p.refresh()
}

// showStored puts the stored picture on the preview once it is read, if
// it is still the one the form holds.
func (p *imagePicker) showStored(im *data.Image) {
	if im != nil && im.ID == p.id && p.chosen == nil {
		p.shown = im
		p.refresh()
	}
}

func (p *imagePicker) set(id string, shown, chosen *data.Image) {
	p.id, p.shown, p.chosen = id, shown, chosen
	setText(p.msg, "", widget.LowImportance)
	p.msg.Hide()
	p.refresh()
	if p.onChange != nil {
		p.onChange()
	}
}

func (p *imagePicker) refresh() {
	if p.shown != nil {
		p.preview.Resource = fyne.NewStaticResource(p.field+"-"+p.shown.ID[:12], p.shown.Data)
		p.preview.Show()
		p.none.Hide()
	} else {
		p.preview.Resource = nil
		p.preview.Hide()
		p.none.Show()
		if p.id != "" {
			p.none.SetText(p.w.T("settings.image.loading"))
		} else {
			p.none.SetText(p.w.T("settings.image.none"))
		}
	}
	p.preview.Refresh()
	if p.id == "" {
		p.remove.Disable()
	} else {
		p.remove.Enable()
	}
}

// pictureExtensions are the files the dialog offers.
var pictureExtensions = []string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}

func (p *imagePicker) openDialog() {
	if p.win == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return // cancelled, or the dialog's own error, which it showed
		}
		p.read(r)
	}, p.win)
	d.SetFilter(storage.NewExtensionFileFilter(pictureExtensions))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// read checks the picture in r off the UI goroutine and shows it, or
// says under the field why it cannot be used; the practice keeps the
// picture it had.
func (p *imagePicker) read(r io.ReadCloser) <-chan struct{} {
	do := p.do
	if do == nil {
		do = fyne.Do
	}
	field := p.field
	return background(do, func() (data.Image, error) {
		defer r.Close()
		raw, err := io.ReadAll(io.LimitReader(r, data.MaxImageBytes+1))
		if err != nil {
			return data.Image{}, err
		}
		return data.ReadImage(field, raw)
	}, func(im data.Image, err error) {
		if err != nil {
			setText(p.msg, p.w.Error(err), widget.DangerImportance)
			p.msg.Show()
			return
		}
		p.set(im.ID, &im, &im)
	})
}
