package data_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// A failed validation carries its problems, each with its field and the
// key of its words, so that a form puts it under the field and writes it
// in the desk's language without reading English; Message stays the
// English of every problem, one a line, for the log and the command line.
func TestPatientProblemsNameTheirFieldsAndSpeakEveryLanguage(t *testing.T) {
	pt := data.Patient{FamilyName: "", Phone: "06 12 AB", Email: "jean.example.org", Sex: "x",
		BirthDate: data.Date{Year: 2999, Month: 1, Day: 2}, ChartNumber: "A-000001"}
	err := pt.Validate()
	wantCode(t, err, data.EInvalid)
	want := map[string]i18n.Key{
		data.FieldFamilyName: "problem.missing",
		data.FieldPhone:      "problem.phone.characters",
		data.FieldEmail:      "problem.email",
		data.FieldSex:        "patient.problem.sex",
		data.FieldBirthDate:  "problem.date.future",
	}
	ps := data.ProblemsOf(err)
	if len(ps) != len(want) {
		t.Fatalf("problems %+v, want one for each of %v", ps, want)
	}
	var english []string
	for _, is := range ps {
		if want[is.Field] != is.Key {
			t.Errorf("problem %q is under %q with key %q, want key %q", is.Message, is.Field, is.Key, want[is.Field])
		}
		english = append(english, is.Message)
	}
	if got := data.ErrorMessage(err); got != strings.Join(english, "\n") || !strings.Contains(got, "Date of birth: 2999-01-02 is in the future.") {
		t.Errorf("English message = %q", got)
	}
	fr := data.Localize(err, i18n.For(i18n.French))
	for _, w := range []string{"Nom de famille\u00a0: champ obligatoire.", "E-mail\u00a0: «\u00a0jean.example.org\u00a0» n'est pas une adresse e-mail",
		"Date de naissance\u00a0: 02/01/2999 est dans le futur."} {
		if !strings.Contains(fr, w) {
			t.Errorf("French %q does not say %q", fr, w)
		}
	}
	if es := data.Localize(err, i18n.For(i18n.Spanish).WithDateOrder("MDY")); !strings.Contains(es, "Fecha de nacimiento: 01/02/2999 está en el futuro.") {
		t.Errorf("Spanish = %q", es)
	}
}

// The practice's problems are under their fields too, the currency's and
// the time zone's among them (they come from ParseCurrency and LoadZone).
func TestPracticeProblemsNameTheirFields(t *testing.T) {
	pr := data.Practice{Name: "", Currency: "EURO", TimeZone: "Mars/Olympus", DateFormat: "DDMM", DocumentLanguage: "de"}
	fields := map[string]bool{}
	for _, is := range data.ProblemsOf(pr.Validate()) {
		if is.Key == "" {
			t.Errorf("problem %q has no key", is.Message)
		}
		fields[is.Field] = true
	}
	for _, f := range []string{data.FieldName, data.FieldCurrency, data.FieldTimeZone, data.FieldDateFormat, data.FieldDocumentLanguage} {
		if !fields[f] {
			t.Errorf("no problem under %s: %v", f, fields)
		}
	}
}

// Errors other than validations are written in the desk's language too:
// an *Error with a key, a parser's phrase, and the generic sentence for an
// error that is not an *Error.
func TestLocalizeWritesEveryKindOfError(t *testing.T) {
	fr := i18n.For(i18n.French)
	_, parseErr := data.DMY.Parse("15/03/80")
	for _, c := range []struct {
		err  error
		want string
	}{
		{data.NewError(data.ENotFound, "patient.error.gone"), "Ce patient n'existe plus."},
		{parseErr, "«\u00a015/03/80\u00a0»\u00a0: écrivez l'année avec quatre chiffres"},
		{errors.New("disk I/O error"), "Un problème est survenu dans Frontdesk"},
		{data.Errorf(data.EInvalid, "Not in the catalogue yet."), "Not in the catalogue yet."},
		{nil, ""},
	} {
		if got := data.Localize(c.err, fr); !strings.HasPrefix(got, c.want) {
			t.Errorf("Localize(%v) = %q, want %q…", c.err, got, c.want)
		}
	}
	// The English of a parser's phrase is what it always said.
	if parseErr == nil || parseErr.Error() != `"15/03/80": write the year with four digits` {
		t.Errorf("Parse error = %v", parseErr)
	}
	if got := data.ErrorMessage(data.NewError(data.ENotFound, "patient.error.no_chart", "Chart", "A-9")); got != `No patient has the chart number "A-9".` {
		t.Errorf("English = %q", got)
	}
}

// The language of letters and invoices is a practice setting: saved
// through the write path (with its change record for sync), read back,
// English for a practice that never chose, and refused when it is not a
// language the desk speaks.
func TestDocumentLanguageIsAPracticeSetting(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	pr, err := s.Practice(ctx)
	if err != nil || pr.DocumentLanguage != i18n.English {
		t.Fatalf("a new practice prints in %q (%v), want en", pr.DocumentLanguage, err)
	}
	pr.DocumentLanguage = i18n.French
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&pr) })
	if got, _ := s.Practice(ctx); got.DocumentLanguage != i18n.French {
		t.Errorf("read back %q, want fr", got.DocumentLanguage)
	}
	found := false
	for _, c := range changesOf(t, s, pr.ID) {
		if c.Field == "document_language" && jsonValue(t, c.New) == "fr" {
			found = true
		}
	}
	if !found {
		t.Error("no change record of document_language for sync")
	}
	pr.DocumentLanguage = "de"
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.Save(&pr) })
	wantCode(t, err, data.EInvalid)
	if ps := data.ProblemsOf(err); len(ps) != 1 || ps[0].Field != data.FieldDocumentLanguage {
		t.Errorf("problems %+v, want one about the document language", ps)
	}
}

// A booking that clashes is refused with its own code, so that the desk
// offers "Book anyway" by the code, never by the words of the message.
func TestAClashHasItsOwnCode(t *testing.T) {
	bp := newBookingPractice(t)
	bp.book(t, bp.appt(monday, hm(10, 0), hm(10, 30)))
	second := bp.appt(monday, hm(10, 15), hm(10, 45))
	_, err := bp.s.Book(context.Background(), &second, false)
	if data.ErrorCode(err) != data.EClash {
		t.Fatalf("a clash gave %v, want the code %s", err, data.EClash)
	}
}

// The clinical records report their problems under their fields with
// keys too: a vital sign under its sign's code, with its values written
// with the language's decimal separator; a medication's end under To.
// The merge's count of what moved, the working week's overlaps and an
// output's refusal speak the language the same way.
func TestClinicalProblemsNameTheirFieldsAndSpeakEveryLanguage(t *testing.T) {
	es, fr := i18n.For(i18n.Spanish), i18n.For(i18n.French).WithDateOrder("DMY")
	bp := data.Vital{PatientID: "p", Kind: data.VitalBP, Value: 400, Value2: 80}
	temp := data.Vital{PatientID: "p", Kind: data.VitalTemperature, Value: 986}
	for _, c := range []struct {
		v    data.Vital
		want string
	}{
		{bp, "Tensión arterial (sistólica): 400 mmHg no es posible (40–300 mmHg); compruebe la medición."},
		{temp, "Temperatura: 98,6 °C no es posible (25,0–45,0 °C); compruebe la medición."},
	} {
		ps := data.ProblemsOf(c.v.Validate())
		if len(ps) != 1 || ps[0].Field != c.v.Kind || ps[0].In(es) != c.want {
			t.Errorf("%s: %+v, want %q under %q", c.v.Kind, ps, c.want, c.v.Kind)
		}
	}
	k, _ := data.KindOf(data.VitalTemperature)
	if m, ok := k.Unusual(392, 0); !ok || es.Render(m) != "Temperatura: 39,2 °C es inusual (lo habitual es 35,0–38,5 °C); se guardará marcada." {
		t.Errorf("an unusual temperature in Spanish: %q", es.Render(m))
	}
	if _, _, err := k.ParseReading("abc"); data.Localize(err, fr) != "Température\u00a0: «\u00a0abc\u00a0» n'est pas un nombre\u00a0; écrivez-le comme 37,2." {
		t.Errorf("a temperature that is not a number, in French: %q", data.Localize(err, fr))
	}

	med := data.Medication{PatientID: "p", Name: "Metformine", From: data.Date{Year: 2020, Month: 5, Day: 5}, To: data.Date{Year: 2020, Month: 1, Day: 1}}
	ps := data.ProblemsOf(med.ValidateAs(data.DMY))
	if len(ps) != 1 || ps[0].Field != data.FieldTo || ps[0].In(fr) != "Fin\u00a0: le 01/01/2020 est avant le début (le 05/05/2020)." {
		t.Errorf("a medication that ends before it starts: %+v", ps)
	}
	if !strings.Contains(ps[0].Message, "To: 01/01/2020 is before the start (05/05/2020).") {
		t.Errorf("the English message follows the form's date order: %q", ps[0].Message)
	}
	allergy := data.Allergy{PatientID: "p", Substance: "Latex", Severity: "deadly"}
	if ps := data.ProblemsOf(allergy.Validate()); len(ps) != 1 || ps[0].Field != data.FieldSeverity {
		t.Errorf("an allergy of no known severity: %+v", ps)
	}

	week := []data.WorkingHours{{Weekday: 1, Start: 8 * 60, End: 12 * 60}, {Weekday: 1, Start: 11 * 60, End: 14 * 60}}
	if got := data.Localize(data.ValidateWeek(week), fr); got != "Horaires\u00a0: le lundi, 11:00–14:00 chevauche 08:00–12:00\u00a0; faites finir une plage avant que l'autre commence." {
		t.Errorf("an overlap in French: %q", got)
	}

	m := data.Merge{Moved: []string{"appointments:a", "appointments:b", "allergies:c"}}
	notice := func(l *i18n.Localizer, m data.Merge) string {
		return l.T("merge.notice.pending", "Name", "DUPONT, Jean", "Chart", "A-000002", "Date", data.Date{Year: 2026, Month: 3, Day: 12}, "Moved", m.MovedSummary())
	}
	if got := notice(es, m); !strings.Contains(got, "se trasladó aquí: 2 citas, 1 alergia.") {
		t.Errorf("what a merge moved, in Spanish: %q", got)
	}
	if got := notice(fr, data.Merge{}); !strings.Contains(got, "déplacé ici\u00a0: rien.") {
		t.Errorf("a merge that moved nothing, in French: %q", got)
	}

	s := openStore(t)
	dir := t.TempDir()
	_, err := s.WriteOutput(context.Background(), data.Output{Path: dir, Named: "output.what.patient_summary", Action: "print", Entity: "patients"},
		func(io.Writer) error { return nil })
	if got := data.Localize(err, es); got != dir+" es una carpeta; indique un archivo para escribir." {
		t.Errorf("an output named as a folder, in Spanish: %q", got)
	}
	missing := filepath.Join(dir, "gone", "summary.pdf")
	_, err = s.WriteOutput(context.Background(), data.Output{Path: missing, Named: "output.what.patient_summary", Action: "print", Entity: "patients"},
		func(io.Writer) error { return nil })
	if got := data.Localize(err, fr); got != "Le dossier de "+missing+" ne peut pas être utilisé : il n'existe pas. Rien n'a été écrit." {
		t.Errorf("an output into a missing folder, in French: %q", got)
	}
}

// The errors of opening a practice reach the window that says why the
// desk cannot open, in the desk's language: a file that is not a
// practice database says what it is instead.
func TestOpeningErrorsSpeakEveryLanguage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, data.DBFile)
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(dir)
	if err == nil {
		s.Close()
		t.Fatal("an empty file opened as a practice")
	}
	wantCode(t, err, data.EForeign)
	want := path + " n'est pas une base de données de cabinet Frontdesk\u00a0: il est vide (0 octet). Rien n'a été modifié."
	if got := data.Localize(err, i18n.For(i18n.French)); !strings.HasPrefix(got, want) {
		t.Errorf("French = %q, want %q…", got, want)
	}
	if got := data.ErrorMessage(err); !strings.HasPrefix(got, path+" is not a Frontdesk practice database: it is empty (0 bytes).") {
		t.Errorf("English = %q", got)
	}
}
