package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// letterShots adds the template editor (letter-templates.png), the
// letter editor (letter-editor.png) and the recall letters
// (recall-letters.png) to screenshot mode: the practice's recall
// template with a misspelt field typed at its end, so that the picture
// shows the problem named with its line; a letter to the first patient
// with correspondence; and Recall letters… on the Call lists' recall
// tab, for those due up to today. It runs after letters.png.
func (sh *shell) letterShots(d *desk, shoot func(string, func() <-chan struct{})) {
	shoot("letter-templates", func() <-chan struct{} {
		done := make(chan struct{})
		store := d.store
		background(d.do, func() ([]data.LetterTemplate, error) { return store.Templates(context.Background()) },
			func(ts []data.LetterTemplate, err error) {
				defer close(done)
				if err != nil {
					return
				}
				t := newTemplateEditor(d, ts)
				for _, tp := range ts {
					if tp.Kind == data.KindRecall && tp.Language == d.pr.DocumentLanguage {
						t.choose(tp)
					}
				}
				t.body.SetText(t.body.Text + "\n{{nxt_appointment}}")
			})
		return done
	})
	fyne.DoAndWait(func() { closeAllModals(d.win.Canvas()) })
	shoot("letter-editor", func() <-chan struct{} {
		l := d.lettersScreen()
		if len(l.loaded.Letters) == 0 {
			return closed()
		}
		done := make(chan struct{})
		store, id := d.store, l.loaded.Letters[0].PatientID
		background(d.do, func() (data.Patient, error) { return store.Patient(context.Background(), id) },
			func(pt data.Patient, err error) {
				if err != nil {
					close(done)
					return
				}
				go func() {
					var ch <-chan struct{}
					fyne.DoAndWait(func() { ch = writeLetter(d, pt, data.KindReferral, nil) })
					<-ch
					fyne.DoAndWait(func() {
						if n := len(openLetterEditors); n > 0 {
							openLetterEditors[n-1].reason.SetText("Chest pain on exertion for three weeks.")
						}
					})
					close(done)
				}()
			})
		return done
	})
	fyne.DoAndWait(func() { closeAllModals(d.win.Canvas()) })
	shoot("recall-letters", func() <-chan struct{} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			var shown, opened <-chan struct{}
			fyne.DoAndWait(func() { shown = d.show(screenCalls) })
			<-shown
			fyne.DoAndWait(func() {
				d.screens[screenCalls].(*remindersScreen).tabs.SelectIndex(2)
				opened = openRecallLetters(d, nil)
			})
			<-opened
			fyne.DoAndWait(func() {
				if lastRecallRun != nil {
					lastRecallRun.until.SetText(d.pr.DateFormat.Format(d.today()))
				}
			})
		}()
		return done
	})
	fyne.DoAndWait(func() { closeAllModals(d.win.Canvas()) })
}

// closeAllModals closes every dialog of the canvas, without asking.
func closeAllModals(c fyne.Canvas) {
	for {
		m := topModal(c)
		if m == nil {
			return
		}
		m.close()
	}
}
