package ui

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/reports"
)

// patientInput is what the demographics form holds, as typed.
type patientInput struct {
	Family, Given, Preferred, Sex, Gender, Birth, Deceased string
	Phone, Phone2, Email, Address, Language                string
	Emergency, EmergencyPhone, Payer, PayerNumber          string
	Referrer, Notes                                        string
	Letters, SMS, EmailOK                                  bool
}

// checkPatientInput validates the input exactly as the store will (with
// data.Patient.Validate), after reading the dates in the practice's
// format. It returns the patient to save and the problems by field, in
// the desk's words; a problem of no field is under "".
func checkPatientInput(w words, base data.Patient, in patientInput, df data.DateFormat) (data.Patient, map[string]string) {
	pt := base
	var problems data.Problems
	pt.FamilyName, pt.GivenName, pt.PreferredName, pt.Sex, pt.GenderIdentity = in.Family, in.Given, in.Preferred, in.Sex, in.Gender
	pt.Phone, pt.Phone2, pt.Email, pt.Address, pt.Language = in.Phone, in.Phone2, in.Email, in.Address, in.Language
	pt.EmergencyContact, pt.EmergencyPhone, pt.PayerName, pt.PayerNumber = in.Emergency, in.EmergencyPhone, in.Payer, in.PayerNumber
	pt.ReferringDoctor, pt.Notes = in.Referrer, in.Notes
	pt.ConsentLetters, pt.ConsentSMS, pt.ConsentEmail = in.Letters, in.SMS, in.EmailOK
	for _, d := range []struct {
		field, text string
		dst         *data.Date
	}{{data.FieldBirthDate, in.Birth, &pt.BirthDate}, {data.FieldDeceasedDate, in.Deceased, &pt.DeceasedDate}} {
		*d.dst = data.Date{}
		if strings.TrimSpace(d.text) == "" {
			continue
		}
		v, err := df.Parse(d.text)
		if err != nil {
			problems.ReportErr(d.field, data.PatientLabel(d.field), err)
			continue
		}
		*d.dst = v
	}
	if pt.ChartNumber == "" {
		pt.ChartNumber = "new" // given by the store on creation
	}
	err := pt.ValidateAs(df)
	if base.ChartNumber == "" {
		pt.ChartNumber = ""
	}
	return pt, fieldProblems(w, append(problems, data.ProblemsOf(err)...))
}

// patientForm edits the demographics of a patient, or makes a new one.
// It validates on every keystroke and names the field and the fix under
// it; Save stays disabled until everything is valid; Escape in a field
// cancels; a failed save keeps what was typed. A new patient is checked
// against the patients with the same name and date of birth.
type patientForm struct {
	f        *patientFile
	base     data.Patient
	entries  map[string]*deskEntry
	sex      *deskSelect
	letters  *widget.Check
	sms      *widget.Check
	emailOK  *widget.Check
	msgs     map[string]*widget.Label
	touched  map[string]bool
	other    *widget.Label
	dupBox   *fyne.Container
	dups     []data.PatientHit
	dupLoads *loader[struct{}, []data.PatientHit]
	save     *widget.Button
	cancel   *widget.Button
	result   *widget.Label
	valid    bool
	saving   bool
	patient  data.Patient // the patient the form would save
	onDone   func(saved data.Patient, ok bool)
	content  fyne.CanvasObject
	start    string // the fields as filled, to tell a change (discard.go)
	// dupChecked is closed when the duplicate check of the latest input
	// is on screen (tests, screenshots).
	dupChecked <-chan struct{}
}

// sexIndex is the place of a sex among the Sex field's choices
// (data.Sexes, in that order).
func sexIndex(sex string) int {
	for i, s := range data.Sexes {
		if s == sex {
			return i
		}
	}
	return sexIndex(data.SexUnknown)
}

func newPatientForm(f *patientFile, base data.Patient, onDone func(data.Patient, bool)) *patientForm {
	df, w := f.d.pr.DateFormat, f.d.w
	pf := &patientForm{f: f, base: base, onDone: onDone, entries: map[string]*deskEntry{}, msgs: map[string]*widget.Label{},
		touched: map[string]bool{}, dupChecked: closed()}
	pf.dupLoads = newLoader[struct{}, []data.PatientHit](f.d, nil)
	entry := func(field string, multi int) *deskEntry {
		var e *deskEntry
		if multi > 0 {
			e = newDeskMultiLine(f.d.focusSearch, multi)
		} else {
			e = newDeskEntry(f.d.focusSearch)
		}
		e.onEscape = pf.escape
		e.onSubmit = func() { pf.doSave() }
		pf.entries[field] = e
		return e
	}
	entry(data.FieldFamilyName, 0)
	entry(data.FieldGivenName, 0)
	entry(data.FieldPreferredName, 0).SetPlaceHolder(w.T("patient_form.placeholder.preferred_name"))
	entry(data.FieldGenderIdentity, 0).SetPlaceHolder(w.T("patient_form.placeholder.gender_identity"))
	entry(data.FieldBirthDate, 0).SetPlaceHolder(df.BirthExample())
	entry(data.FieldDeceasedDate, 0).SetPlaceHolder(w.T("patient_form.placeholder.deceased_date"))
	entry(data.FieldPhone, 0).SetPlaceHolder(w.T("patient_form.placeholder.phone"))
	entry(data.FieldPhone2, 0)
	entry(data.FieldEmail, 0).SetPlaceHolder(w.T("patient_form.placeholder.email"))
	entry(data.FieldAddress, 3)
	entry(data.FieldLanguage, 0)
	entry(data.FieldEmergencyContact, 0).SetPlaceHolder(w.T("patient_form.placeholder.emergency_contact"))
	entry(data.FieldEmergencyPhone, 0)
	entry(data.FieldPayerName, 0).SetPlaceHolder(w.T("patient_form.placeholder.payer_name"))
	entry(data.FieldPayerNumber, 0)
	entry(data.FieldReferringDoctor, 0)
	entry(data.FieldNotes, 3)
	sexes := make([]string, len(data.Sexes))
	for i, s := range data.Sexes {
		sexes[i] = reports.SexName(w.Localizer, s)
	}
	pf.sex = newDeskSelect(sexes, func(string) { pf.touched[data.FieldSex] = true; pf.check() })
	pf.letters = widget.NewCheck(w.T("patient_form.consent.letters"), func(bool) { pf.check() })
	pf.sms = widget.NewCheck(w.T("patient_form.consent.sms"), func(bool) { pf.check() })
	pf.emailOK = widget.NewCheck(w.T("patient_form.consent.email"), func(bool) { pf.check() })
	pf.other = fieldError()
	pf.dupBox = container.NewVBox()
	pf.result = widget.NewLabel("")
	pf.result.Wrapping = fyne.TextWrapWord
	title := w.T("patient_form.title.new")
	verb := w.T("patient_form.create")
	if base.ID != "" {
		title = w.T("patient_form.title.edit", "Name", listName(base.FamilyName, base.GivenName), "Chart", base.ChartNumber)
		verb = w.T("common.save")
	}
	pf.save = widget.NewButtonWithIcon(verb, theme.DocumentSaveIcon(), func() { pf.doSave() })
	pf.save.Importance = widget.HighImportance
	pf.cancel = widget.NewButtonWithIcon(w.T("common.cancel"), theme.CancelIcon(), pf.escape)

	block := func(field string, obj fyne.CanvasObject) fyne.CanvasObject {
		msg := widget.NewLabel("")
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.DangerImportance
		msg.Hide()
		pf.msgs[field] = msg
		label := w.T(data.PatientLabel(field))
		if field == data.FieldFamilyName {
			label = w.T("patient_form.required", "Label", label)
		}
		return container.NewVBox(bold(label), obj, msg)
	}
	e := pf.entries
	col1 := container.NewVBox(block(data.FieldFamilyName, e[data.FieldFamilyName]), block(data.FieldGivenName, e[data.FieldGivenName]),
		block(data.FieldPreferredName, e[data.FieldPreferredName]),
		container.NewGridWithColumns(2, block(data.FieldSex, pf.sex), block(data.FieldGenderIdentity, e[data.FieldGenderIdentity])),
		container.NewGridWithColumns(2, block(data.FieldBirthDate, e[data.FieldBirthDate]), block(data.FieldDeceasedDate, e[data.FieldDeceasedDate])))
	col2 := container.NewVBox(
		container.NewGridWithColumns(2, block(data.FieldPhone, e[data.FieldPhone]), block(data.FieldPhone2, e[data.FieldPhone2])),
		block(data.FieldEmail, e[data.FieldEmail]), block(data.FieldAddress, e[data.FieldAddress]), block(data.FieldLanguage, e[data.FieldLanguage]))
	col3 := container.NewVBox(block(data.FieldEmergencyContact, e[data.FieldEmergencyContact]), block(data.FieldEmergencyPhone, e[data.FieldEmergencyPhone]),
		container.NewGridWithColumns(2, block(data.FieldPayerName, e[data.FieldPayerName]), block(data.FieldPayerNumber, e[data.FieldPayerNumber])),
		block(data.FieldReferringDoctor, e[data.FieldReferringDoctor]),
		container.NewVBox(bold(w.T(data.PatientLabel(data.FieldConsent))), container.NewHBox(pf.letters, pf.sms, pf.emailOK)))
	grid := container.NewGridWithColumns(3, col1, col2, col3)
	buttons := container.NewBorder(nil, nil, container.NewHBox(pf.save, pf.cancel), nil, pf.result)
	page := container.NewVBox(heading(title), pf.dupBox, grid, block(data.FieldNotes, e[data.FieldNotes]), pf.other, buttons)
	pf.content = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(6, 10, 12, 14), page))
	pf.fill(base)
	return pf
}

func (pf *patientForm) view() fyne.CanvasObject { return pf.content }

// fill puts a patient into the fields; nothing counts as touched.
func (pf *patientForm) fill(p data.Patient) {
	w := pf.f.d.w
	e := pf.entries
	set := func(field, v string) {
		en := e[field]
		en.OnChanged = nil
		en.SetText(v)
		en.OnChanged = func(string) { pf.touched[field] = true; pf.check() }
	}
	set(data.FieldFamilyName, p.FamilyName)
	set(data.FieldGivenName, p.GivenName)
	set(data.FieldPreferredName, p.PreferredName)
	set(data.FieldGenderIdentity, p.GenderIdentity)
	set(data.FieldBirthDate, w.Day(p.BirthDate))
	set(data.FieldDeceasedDate, w.Day(p.DeceasedDate))
	set(data.FieldPhone, p.Phone)
	set(data.FieldPhone2, p.Phone2)
	set(data.FieldEmail, p.Email)
	set(data.FieldAddress, p.Address)
	set(data.FieldLanguage, p.Language)
	set(data.FieldEmergencyContact, p.EmergencyContact)
	set(data.FieldEmergencyPhone, p.EmergencyPhone)
	set(data.FieldPayerName, p.PayerName)
	set(data.FieldPayerNumber, p.PayerNumber)
	set(data.FieldReferringDoctor, p.ReferringDoctor)
	set(data.FieldNotes, p.Notes)
	pf.sex.SetSelectedIndex(sexIndex(p.Sex))
	pf.letters.SetChecked(p.ConsentLetters)
	pf.sms.SetChecked(p.ConsentSMS)
	pf.emailOK.SetChecked(p.ConsentEmail)
	pf.touched = map[string]bool{}
	pf.check()
	pf.start = formState(pf.content)
}

// values is what each field holds, by the field's name.
func (pf *patientForm) values() map[string]any {
	v := map[string]any{data.FieldSex: pf.sex.Selected, data.FieldConsentLetters: pf.letters.Checked,
		data.FieldConsentSMS: pf.sms.Checked, data.FieldConsentEmail: pf.emailOK.Checked}
	for field, e := range pf.entries {
		v[field] = e.Text
	}
	return v
}

// setValue puts v (as values gives it) into a field.
func (pf *patientForm) setValue(field string, v any) {
	switch field {
	case data.FieldSex:
		pf.sex.SetSelected(v.(string))
	case data.FieldConsentLetters:
		pf.letters.SetChecked(v.(bool))
	case data.FieldConsentSMS:
		pf.sms.SetChecked(v.(bool))
	case data.FieldConsentEmail:
		pf.emailOK.SetChecked(v.(bool))
	default:
		pf.entries[field].SetText(v.(string))
	}
}

// rebase fills the form with the patient as stored now, keeping what was
// typed in the fields changed here, so that the next save starts from
// what is stored (after a save refused because of changes made
// elsewhere meanwhile).
func (pf *patientForm) rebase(stored data.Patient) {
	typed := pf.values()
	pf.fill(pf.base)
	was := pf.values()
	pf.base = stored
	pf.fill(stored)
	for field, v := range typed {
		if v != was[field] {
			pf.setValue(field, v)
		}
	}
}

func (pf *patientForm) input() patientInput {
	e := pf.entries
	return patientInput{
		Family: e[data.FieldFamilyName].Text, Given: e[data.FieldGivenName].Text, Preferred: e[data.FieldPreferredName].Text,
		Sex: data.Sexes[max(pf.sex.SelectedIndex(), 0)], Gender: e[data.FieldGenderIdentity].Text, Birth: e[data.FieldBirthDate].Text,
		Deceased: e[data.FieldDeceasedDate].Text, Phone: e[data.FieldPhone].Text, Phone2: e[data.FieldPhone2].Text,
		Email: e[data.FieldEmail].Text, Address: e[data.FieldAddress].Text, Language: e[data.FieldLanguage].Text,
		Emergency: e[data.FieldEmergencyContact].Text, EmergencyPhone: e[data.FieldEmergencyPhone].Text,
		Payer: e[data.FieldPayerName].Text, PayerNumber: e[data.FieldPayerNumber].Text, Referrer: e[data.FieldReferringDoctor].Text,
		Notes: e[data.FieldNotes].Text, Letters: pf.letters.Checked, SMS: pf.sms.Checked, EmailOK: pf.emailOK.Checked,
	}
}

// check validates what is typed and shows each field's problem once the
// field was touched or holds something.
func (pf *patientForm) check() {
	if pf.save == nil {
		return
	}
	pt, problems := checkPatientInput(pf.f.d.w, pf.base, pf.input(), pf.f.d.pr.DateFormat)
	pf.patient = pt
	pf.valid = len(problems) == 0
	var other []string
	for field, p := range problems {
		if _, ok := pf.msgs[field]; !ok {
			other = append(other, p) // a problem of no field, or of one the form does not show
		}
	}
	sort.Strings(other)
	for field, msg := range pf.msgs {
		text := ""
		if p, ok := problems[field]; ok {
			if e := pf.entries[field]; pf.touched[field] || (e != nil && e.Text != "") || pf.base.ID != "" {
				text = p
			}
		}
		showError(msg, text)
	}
	showError(pf.other, strings.Join(other, "\n"))
	if pf.valid && !pf.saving {
		pf.save.Enable()
	} else {
		pf.save.Disable()
	}
	if pf.base.ID == "" {
		pf.checkDuplicatesSoon()
	}
}

// problem returns the message shown under a field, "" when none.
func (pf *patientForm) problem(field string) string {
	if m := pf.msgs[field]; m != nil && m.Visible() {
		return m.Text
	}
	return ""
}

// dupDelay is the pause in typing after which the duplicate check runs.
const dupDelay = 150 * time.Millisecond

// checkDuplicatesSoon looks for patients with the same name and date of
// birth once typing pauses, in the background.
func (pf *patientForm) checkDuplicatesSoon() {
	probe, store := pf.patient, pf.f.d.store
	pf.dupChecked = pf.dupLoads.loadAfter(dupDelay, struct{}{}, func(ctx context.Context) ([]data.PatientHit, error) {
		return store.PossibleDuplicates(ctx, probe)
	}, pf.showDuplicates)
}

func (pf *patientForm) showDuplicates(dups []data.PatientHit) {
	pf.dups = dups
	pf.dupBox.Objects = nil
	w := pf.f.d.w
	for _, h := range dups {
		h := h
		l := widget.NewLabel(w.T("patient_form.duplicate", "Name", listName(h.FamilyName, h.GivenName), "Date", h.BirthDate,
			"Chart", h.ChartNumber, "Phone", prefixed(", ", h.Phone, "")))
		l.Importance = widget.WarningImportance
		l.Truncation = fyne.TextTruncateEllipsis
		open := widget.NewButton(w.T("patient_form.open_that_file"), func() {
			pf.close()
			pf.f.open(h.ID)
		})
		pf.dupBox.Add(withBackground(bannerBackground(widget.WarningImportance), container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), open, l)))
	}
	if len(dups) > 0 {
		pf.save.SetText(w.T("patient_form.create_anyway"))
	} else if pf.base.ID == "" {
		pf.save.SetText(w.T("patient_form.create"))
	}
	pf.dupBox.Refresh()
}

// doSave writes the fields the form changed, in the background; the form
// stays, with what was typed, until the store has said yes. A field also
// changed elsewhere since the form was filled is not overwritten
// silently: the store refuses, the form takes in what is stored while
// keeping what was typed, and says so.
func (pf *patientForm) doSave() <-chan struct{} {
	pf.check()
	if !pf.valid || pf.saving {
		return closed()
	}
	pf.saving = true
	pf.save.Disable()
	w := pf.f.d.w
	setText(pf.result, w.T("common.saving"), widget.LowImportance)
	loaded, pt := pf.base, pf.patient
	return pf.f.d.write(func(tx *data.Tx) error { return tx.SaveDemographics(loaded, &pt) }, func(err error) {
		pf.saving = false
		pf.f.d.sayLogged(err)
		msg := w.T("common.not_saved", "Why", w.Error(err))
		var conflict *data.DemographicsConflict
		if errors.As(err, &conflict) {
			pf.rebase(conflict.Stored)
			msg += " " + w.T("patient_form.conflict_advice")
		}
		setText(pf.result, msg, widget.DangerImportance)
		pf.check()
	}, func() <-chan struct{} {
		pf.saving = false
		pf.close()
		pf.onDone(pt, true)
		return nil
	})
}

// escape leaves the form (Escape, Cancel), asking first when something
// was changed in it.
func (pf *patientForm) escape() {
	if pf.saving {
		return
	}
	if formState(pf.content) == pf.start {
		pf.doCancel()
		return
	}
	w := pf.f.d.w
	question := w.T("patient_form.discard_changes")
	if pf.base.ID == "" {
		question = w.T("patient_form.discard_new")
	}
	askDiscardIn(w, pf.f.d.win.Canvas(), question, pf.doCancel)
}

func (pf *patientForm) doCancel() {
	if pf.saving {
		return
	}
	pf.close()
	pf.onDone(pf.base, false)
}

func (pf *patientForm) close() {
	pf.dupLoads.stop()
	if pf.f.form == pf {
		pf.f.form = nil
	}
}

// startEdit shows the demographics form of the open file in its place.
func (f *patientFile) startEdit() *patientForm {
	if f.id == "" || f.patient.MergedInto != "" {
		return nil
	}
	f.form = newPatientForm(f, f.patient, func(saved data.Patient, ok bool) {
		if ok {
			f.d.say(f.d.w.T("patient_form.said_saved", "Name", saved.FullName()))
			f.reload()
			return
		}
		f.setBody(f.fileView)
	})
	f.setBody(f.form.view())
	f.d.win.Canvas().Focus(f.form.entries[data.FieldFamilyName])
	return f.form
}

// startNew shows an empty form for a new patient; once created, the new
// file opens.
func (f *patientFile) startNew() *patientForm {
	f.loads.stop() // a file still loading must not replace the form
	f.form = newPatientForm(f, data.Patient{}, func(saved data.Patient, ok bool) {
		if ok {
			f.d.say(f.d.w.T("patient_form.said_created", "Name", saved.FullName(), "Chart", saved.ChartNumber))
			f.open(saved.ID)
			return
		}
		if f.id != "" {
			f.setBody(f.fileView)
			return
		}
		f.onBack()
	})
	f.setBody(f.form.view())
	f.d.win.Canvas().Focus(f.form.entries[data.FieldFamilyName])
	return f.form
}
