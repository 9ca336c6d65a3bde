package ui

import (
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/backup"
	"frontdesk/data/i18n"
)

// backupSettings is Settings → Backups: the practice's backup
// passphrase, this computer's backups (where, how many, the last one),
// Back up now and Restore. It follows the desk's backupCenter.
type backupSettings struct {
	d       *desk
	b       *backupCenter
	keyLine *widget.Label
	keyBtn  *widget.Button
	last    *widget.Label
	now     *widget.Button
	restore *widget.Button
	folder  *widget.Label
	second  *deskEntry
	choose  *widget.Button
	keep    *deskEntry
	probs   *widget.Label
	save    *widget.Button
	result  *widget.Label
	saving  bool
	// filled is what the form was last filled from: Save is enabled
	// when the fields differ from it.
	filled    backup.Settings
	wasFilled bool
	form      *passphraseForm // the passphrase dialog opened last (tests)
	content   fyne.CanvasObject
}

func newBackupSettings(d *desk) *backupSettings {
	w := d.w
	bs := &backupSettings{d: d, b: d.backups}
	bs.keyLine = widget.NewLabel("")
	bs.keyBtn = widget.NewButtonWithIcon("", theme.AccountIcon(), func() { bs.form = bs.b.choosePassphrase() })
	bs.last = widget.NewLabel("")
	bs.now = widget.NewButtonWithIcon(w.T("backup.settings.back_up_now"), theme.UploadIcon(), func() { bs.b.backUpNow() })
	bs.restore = widget.NewButtonWithIcon(w.T("backup.settings.restore"), theme.DownloadIcon(), func() { bs.chooseBackup() })
	bs.folder = quiet(filepath.Join(d.store.Dir(), backup.Folder))
	bs.folder.Truncation = fyne.TextTruncateEllipsis
	open := widget.NewHyperlink(w.T("backup.open_folder"), nil)
	open.OnTapped = func() { d.folderOpener(filepath.Join(d.store.Dir(), backup.Folder))() }
	bs.second = newDeskEntry(d.focusSearch)
	bs.second.SetPlaceHolder(w.T("backup.settings.second_placeholder"))
	bs.second.OnChanged = func(string) { bs.check() }
	bs.choose = widget.NewButton(w.T("backup.settings.choose"), func() { bs.chooseFolder() })
	bs.keep = newDeskEntry(d.focusSearch)
	bs.keep.OnChanged = func(string) { bs.check() }
	bs.keep.onSubmit = func() { bs.doSave() }
	bs.second.onSubmit = func() { bs.doSave() }
	bs.probs = fieldError()
	bs.save = widget.NewButtonWithIcon(w.T("common.save"), theme.DocumentSaveIcon(), func() { bs.doSave() })
	bs.save.Disable()
	bs.result = widget.NewLabel("")

	label := func(key string) fyne.CanvasObject {
		return container.New(&fixedWidth{w: 180}, bold(w.T(backupSettingsLabels[key])))
	}
	hint := quiet(hardWrap(w.T("backup.settings.hint"), 110))
	field := func(key string, value fyne.CanvasObject, after ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewHBox(label(key), container.New(&fixedWidth{w: 520}, value), container.NewHBox(after...))
	}
	rows := container.NewVBox(
		container.NewHBox(bs.keyLine, bs.keyBtn),
		container.NewHBox(bs.last, bs.now, bs.restore),
		field("folder", bs.folder, open),
		field("second", bs.second, bs.choose),
		field("keep", container.NewHBox(container.New(&fixedWidth{w: 70}, bs.keep), quiet(w.T("backup.settings.keep_unit")))),
		bs.probs,
		container.NewBorder(nil, nil, bs.save, nil, bs.result))
	bs.content = container.NewVBox(subheading(w.T("backup.settings.heading")), hint, rows)
	bs.b.follow(bs.apply)
	bs.apply()
	return bs
}

// backupSettingsLabels are the labels of the form's rows.
var backupSettingsLabels = map[string]i18n.Key{
	"folder": "backup.settings.folder",
	"second": "backup.settings.second",
	"keep":   "backup.settings.keep",
}

// apply shows the backup state; the fields are filled again only when
// they hold nothing typed.
func (bs *backupSettings) apply() {
	w, st := bs.d.w, bs.b.state
	switch {
	case !bs.b.loaded:
		bs.keyLine.SetText(w.T("backup.status.loading"))
		bs.keyBtn.Hide()
	case st.hasKey:
		setText(bs.keyLine, w.T("backup.settings.key_set", "Date", data.DateOf(st.keyMade.In(bs.d.pr.Location()))), widget.MediumImportance)
		bs.keyBtn.SetText(w.T("backup.settings.change_key"))
		bs.keyBtn.Importance = widget.MediumImportance
		bs.keyBtn.Show()
	default:
		setText(bs.keyLine, hardWrap(w.T("backup.settings.no_key"), 80), widget.DangerImportance)
		bs.keyBtn.SetText(w.T("backup.settings.choose_key"))
		bs.keyBtn.Importance = widget.HighImportance
		bs.keyBtn.Show()
	}
	bs.keyBtn.Refresh()
	text, imp := bs.b.statusText(nowFunc())
	setText(bs.last, text, imp)
	if st.hasKey && !bs.b.running() {
		bs.now.Enable()
	} else {
		bs.now.Disable()
	}
	if bs.b.loaded && (!bs.wasFilled || !bs.changed()) {
		bs.fill(st.settings)
	}
}

func (bs *backupSettings) fill(st backup.Settings) {
	bs.filled, bs.wasFilled = st, true
	bs.second.SetText(st.SecondFolder)
	bs.keep.SetText(strconv.Itoa(st.Keep))
	bs.check()
}

// typed is the settings as the fields hold them; ok is false when the
// number to keep is not a number.
func (bs *backupSettings) typed() (backup.Settings, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(bs.keep.Text))
	return backup.Settings{Keep: n, SecondFolder: strings.TrimSpace(bs.second.Text)}, err == nil
}

func (bs *backupSettings) changed() bool {
	st, ok := bs.typed()
	return !ok || st.Keep != bs.filled.Keep || st.SecondFolder != bs.filled.SecondFolder
}

// check says what is wrong with the fields and enables Save when they
// changed and are right. The second folder is looked for on disk only
// when saving (it may be a stick being plugged in).
func (bs *backupSettings) check() {
	st, ok := bs.typed()
	var msg string
	switch {
	case !ok || st.Keep < 1 || st.Keep > backup.MaxKeep:
		msg = bs.d.w.T("backup.problem.keep", "Max", backup.MaxKeep)
	case st.SecondFolder != "" && !filepath.IsAbs(st.SecondFolder):
		msg = bs.d.w.T("backup.problem.folder_relative")
	}
	showError(bs.probs, msg)
	if msg == "" && bs.changed() && !bs.saving {
		bs.save.Enable()
	} else {
		bs.save.Disable()
	}
	if bs.changed() && bs.result.Text == bs.d.w.T("settings.saved") {
		setText(bs.result, "", widget.LowImportance)
	}
}

// doSave keeps this computer's choices, off the UI goroutine (a second
// folder on a network share may be slow to answer).
func (bs *backupSettings) doSave() <-chan struct{} {
	st, ok := bs.typed()
	if !ok || !bs.changed() || bs.saving || bs.save.Disabled() {
		return closed()
	}
	bs.saving = true
	bs.save.Disable()
	setText(bs.result, bs.d.w.T("common.saving"), widget.LowImportance)
	dir := bs.d.store.Dir()
	return backgroundThen(bs.d.do, func() (struct{}, error) {
		return struct{}{}, backup.SaveSettings(dir, st)
	}, func(_ struct{}, err error) <-chan struct{} {
		bs.saving = false
		if err != nil {
			bs.d.opts.logf("ui: saving the backup settings: %v", err)
			setText(bs.result, hardWrap(bs.d.w.T("common.not_saved", "Why", bs.d.w.Error(err)), 80), widget.DangerImportance)
			bs.check()
			return nil
		}
		bs.filled = st
		setText(bs.result, bs.d.w.T("settings.saved"), widget.SuccessImportance)
		bs.check()
		return bs.b.reload()
	})
}

// chooseFolder picks the second folder with the system's folder dialog.
func (bs *backupSettings) chooseFolder() {
	dlg := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		bs.second.SetText(u.Path())
	}, bs.d.win)
	if st, ok := bs.typed(); ok && st.SecondFolder != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(st.SecondFolder)); err == nil {
			dlg.SetLocation(l)
		}
	}
	dlg.Resize(fyne.NewSize(800, 560))
	dlg.Show()
}

// chooseBackup picks a backup file to restore, starting in the backups
// folder.
func (bs *backupSettings) chooseBackup() {
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		bs.b.restoreFrom(path)
	}, bs.d.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Join(bs.d.store.Dir(), backup.Folder))); err == nil {
		dlg.SetLocation(l)
	}
	dlg.Resize(fyne.NewSize(800, 560))
	dlg.Show()
}

// showBackups opens Settings at its Backups part.
func (d *desk) showBackups() {
	d.show(screenSettings)
	d.settings.scrollTo(d.settings.backups.content)
}

// scrollTo scrolls Settings so that part of its page is at the top.
func (s *settingsScreen) scrollTo(part fyne.CanvasObject) {
	s.scroll.Offset = fyne.NewPos(0, part.Position().Y)
	s.scroll.Refresh()
}
