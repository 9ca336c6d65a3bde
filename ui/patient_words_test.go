package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// TestPatientFileSpeaksSpanish drives the patient file's tabs and dialogs
// through the real widgets with the desk in Spanish: an impossible
// reading is refused under its field in Spanish, an unusual one is said
// with a decimal comma, the save, the notes, the appointments and the
// attachments speak Spanish, a dialog's problems sit under it in Spanish
// and Escape asks in Spanish; no English is left.
func TestPatientFileSpeaksSpanish(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarnessWith(t, s, Options{Logf: t.Logf, Lang: "es"})
	file := openFile(h, "dupont")

	h.wait(file.showTab(tabClinical))
	c := file.clinical
	v := c.vitals
	test.Type(v.entries[data.VitalBP], "400/80")
	want := "Tensión arterial (sistólica): 400 mmHg no es posible (40–300 mmHg); compruebe la medición."
	if msg := v.msgs[data.VitalBP]; !msg.Visible() || msg.Text != want || !v.save.Disabled() {
		t.Fatalf("an impossible pressure: %q (visible %v), save disabled %v; want %q", msg.Text, msg.Visible(), v.save.Disabled(), want)
	}
	v.entries[data.VitalBP].SetText("")
	test.Type(v.entries[data.VitalBP], "120/80")
	test.Type(v.entries[data.VitalTemperature], "39,2")
	want = "Temperatura: 39,2 °C es inusual (lo habitual es 35,0–38,5 °C); se guardará marcada."
	if msg := v.msgs[data.VitalTemperature]; msg.Text != want || v.save.Disabled() {
		t.Fatalf("an unusual temperature: %q, save disabled %v; want %q", msg.Text, v.save.Disabled(), want)
	}
	test.Type(v.entries[data.VitalWeight], "72.5x")
	if msg := v.msgs[data.VitalWeight]; !strings.HasPrefix(msg.Text, "Peso: «72.5x» no es un número; escríbalo como 37,2.") {
		t.Errorf("a weight that is not a number: %q", msg.Text)
	}
	v.entries[data.VitalWeight].SetText("")
	h.wait(v.doSave())
	if got := v.result.Text; !strings.HasPrefix(got, "2 mediciones guardadas a las ") || !strings.HasSuffix(got, "; 1 está marcada como inusual.") {
		t.Errorf("after saving: %q", got)
	}
	h.wait(file.loadTab(tabClinical))
	c.selectKind(data.VitalTemperature)
	if cap := c.caption.Text; !strings.HasPrefix(cap, "Temperatura en °C · 1 medición · habitual en adultos ") || !strings.Contains(cap, "última medición 39,2 °C el ") {
		t.Errorf("the caption says %q", cap)
	}
	test.Type(c.notes.entry, "Tos desde hace cinco días.")
	h.wait(c.notes.doAdd())
	for _, want := range []string{"Constantes vitales", "Registrar constantes (tomadas ahora)", "Guardar mediciones", "Borrar",
		"Notas clínicas", "Añadir nota", "Nota añadida.", "1 nota, la más reciente primero.", "Enmendar", "Tensión arterial", "Glucemia"} {
		if !hasText(file.view(), want) {
			t.Errorf("the Clinical tab does not say %q", want)
		}
	}
	c.notes.setAmends(c.notes.notes[0])
	if !hasText(file.view(), "Añadir enmienda") || !hasText(file.view(), "Cancelar la enmienda") {
		t.Error("amending a note is not said in Spanish")
	}
	c.notes.setAmends(data.Note{})

	h.wait(file.showTab(tabAppointments))
	if got := file.appts.info.Text; !strings.HasSuffix(got, ". Las citas se dan y se cambian en la agenda.") {
		t.Errorf("the Appointments tab says %q", got)
	}
	h.wait(file.showTab(tabAttachments))
	for _, want := range []string{"Adjuntar un archivo…", "Archivo", "Tamaño", "Todavía no hay adjuntos.", "0 adjuntos.",
		"Escaneos, fotos y PDF de hasta 25 MB."} {
		if !hasText(file.view(), want) {
			t.Errorf("the Attachments tab does not say %q", want)
		}
	}

	english := []string{"Vital signs", "Save readings", "Clinical notes", "Add note", "Loading", "reading", "Appointments to come",
		"Add a file", "No attachments", "unusual", "Amend"}
	for _, en := range english {
		if hasText(file.view(), en) {
			t.Errorf("the file still says %q in English", en)
		}
	}

	// A medication that ends before it starts: the problem is under the
	// dialog in Spanish; Escape asks in Spanish before dropping it.
	h.wait(file.showTab(tabSummary))
	r := showMedicationDialog(file)
	es := dialogEntries(r)
	test.Type(es[0], "Metformina")
	test.Type(es[2], "05/05/2020")
	test.Type(es[3], "01/01/2020")
	if got := flat(r.msg.Text); got != "Fin: el 01/01/2020 es anterior al inicio (el 05/05/2020)." || !r.save.Disabled() {
		t.Errorf("the medication dialog says %q, save disabled %v", got, r.save.Disabled())
	}
	for _, want := range []string{"Añadir un medicamento", "Medicamento", "Dosis", "Inicio", "Fin", "Cancelar", "Guardar"} {
		if !hasText(r.m.pop.Content, want) {
			t.Errorf("the medication dialog does not say %q", want)
		}
	}
	es[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	q := topModal(h.win.Canvas())
	if q == r.m || q == nil || !hasText(q.pop.Content, "¿Descartar este medicamento?") || !hasText(q.pop.Content, "Volver") {
		t.Fatalf("Escape over typed work does not ask in Spanish: %q", texts(modalContent(h)))
	}
	q.close()
	r.m.close()
}
