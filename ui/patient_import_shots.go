package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// importSample is the file the import wizard's screenshots read: an
// export of an old program, its dates ambiguous, one line refused and
// one with a note.
const importSample = "Nom;Prénom;Né le;Sexe;Portable;Adresse;CP;Ville\r\n" +
	"Lemoine;Claire;03/04/1985;F;06 11 22 33 44;12 rue Mercière;69002;Lyon\r\n" +
	"Garnier;Hugo;05/06/1990;M;3,3611223344E+10;4 place Bellecour;69002;Lyon\r\n" +
	"Faure-2;Nina;07/08/1999;F;06 55 66 77 88;;;\r\n" +
	"Roche;Paul;01/02/1950;M;;;;\r\n"

// importShots adds the import wizard's steps to screenshot mode:
// import-file.png, import-columns.png (with the date order asked) and
// import-report.png. It stops before importing: screenshot mode never
// changes the practice.
func (sh *shell) importShots(d *desk, shoot func(string, func() <-chan struct{})) {
	dir, err := os.MkdirTemp("", "frontdesk-import-shots")
	if err != nil {
		sh.opts.logf("ui: no import screenshots: %v", err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "ancien-logiciel.csv")
	if err := os.WriteFile(path, []byte(importSample), 0o600); err != nil {
		sh.opts.logf("ui: no import screenshots: %v", err)
		return
	}
	var wz *importWizard
	shoot("import-file", func() <-chan struct{} {
		wz = d.patients.startImport()
		wz.path.SetText(path)
		return closed()
	})
	shoot("import-columns", func() <-chan struct{} { return wz.read() })
	shoot("import-report", func() <-chan struct{} {
		wz.orderSel.SetSelected(d.w.T("import.wizard.order_dmy"))
		return wz.check()
	})
	fyne.DoAndWait(func() { closeTopModal(d.win.Canvas()) })
}
