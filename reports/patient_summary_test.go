package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// summaryStore is a practice with one patient whose file has something
// in every section, with names in Arabic script and an emoji.
func summaryStore(t *testing.T) (*data.Store, data.Practice, data.Patient) {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	pr := data.Practice{Name: "Cabinet des Tilleuls", Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: data.DMY}
	p := data.Patient{FamilyName: "حداد", GivenName: "Zoé 🌸", Sex: data.SexFemale, BirthDate: data.Date{Year: 1989, Month: 5, Day: 25},
		Phone: "06 12 34 56 78", Email: "zoe@example.org", Address: "4 place des Tilleuls\n69003 Lyon",
		EmergencyContact: "Karim Haddad (brother)", EmergencyPhone: "07 11 22 33 44", PayerName: "CPAM du Rhône",
		PayerNumber: "2 89 05 69 123 456 78", ConsentLetters: true, ConsentSMS: true, Language: "Arabic",
		Notes: strings.Repeat("A long note. ", 8000)} // ~100 kB of notes
	mustUpdate := func(fn func(tx *data.Tx) error) {
		t.Helper()
		if err := s.Update(context.Background(), fn); err != nil {
			t.Fatal(err)
		}
	}
	p.Notes = p.Notes[:data.MaxNote]
	mustUpdate(func(tx *data.Tx) error {
		if err := tx.Save(&pr); err != nil {
			return err
		}
		return tx.CreatePatient(&p)
	})
	taken := time.Now().Add(-26 * time.Hour)
	mustUpdate(func(tx *data.Tx) error {
		for _, a := range []data.Allergy{
			{PatientID: p.ID, Substance: "Penicillin", Reaction: "Anaphylaxis", Severity: data.SeveritySevere},
			{PatientID: p.ID, Substance: "Latex", Reaction: "Rash 😖", Severity: data.SeverityMild},
		} {
			if err := tx.AddAllergy(&a); err != nil {
				return err
			}
		}
		for _, r := range []data.Record{
			&data.Medication{PatientID: p.ID, Name: "Levothyroxine", Dose: "75 µg in the morning", From: data.Date{Year: 2019, Month: 1, Day: 10}},
			&data.Problem{PatientID: p.ID, Text: "Hypothyroidism", Since: data.Date{Year: 2019, Month: 1, Day: 10}},
			&data.Vital{PatientID: p.ID, Kind: data.VitalBP, Taken: taken, Value: 128, Value2: 82},
			&data.Vital{PatientID: p.ID, Kind: data.VitalWeight, Taken: taken, Value: 645},
			&data.Vital{PatientID: p.ID, Kind: data.VitalHeight, Taken: taken, Value: 1680},
			&data.Vital{PatientID: p.ID, Kind: data.VitalTemperature, Taken: taken, Value: 392},
		} {
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		return nil
	})
	return s, pr, p
}

func summaryPDF(t *testing.T, s *data.Store, pr data.Practice, id string) []byte {
	t.Helper()
	f, err := s.LoadPatientFile(context.Background(), id, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	lh, err := s.Letterhead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := PatientSummary(&buf, pr, lh, f, Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPatientSummaryPDF(t *testing.T) {
	s, pr, p := summaryStore(t)
	pdf := summaryPDF(t, s, pr, p.ID)
	text := nfkc(pdfText(t, pdf, false))
	for _, want := range []string{
		"Patient summary", "حداد", "Zoé ?", "Chart " + p.ChartNumber, "born 25/05/1989", "Cabinet des Tilleuls",
		"Allergies", "Penicillin", "Anaphylaxis", "severe", "Latex", "Rash ?",
		"Demographics", "06 12 34 56 78", "4 place des Tilleuls", "Karim Haddad (brother) · 07 11 22 33 44",
		"CPAM du Rhône · no. 2 89 05 69 123 456 78", "letters, text messages", "Arabic",
		"Problems", "Hypothyroidism", "10/01/2019", "active",
		"Medications", "Levothyroxine", "75 µg in the morning", "current",
		"Latest vital signs", "Blood pressure", "128/82 mmHg", "Weight", "64.5 kg", "Height", "168.0 cm",
		"Temperature", "39.2 °C", "unusual", "BMI", "22.9 kg/m²",
		"Next appointment", "None booked.", "Confidential",
	} {
		if !strings.Contains(text, nfkc(want)) { // Arabic comes back as presentation forms
			t.Errorf("the summary lacks %q", want)
		}
	}
	if strings.Contains(text, "🌸") {
		t.Error("an emoji reached the PDF")
	}
	if !bytes.Equal(pdf, summaryPDF(t, s, pr, p.ID)) {
		t.Error("the same file gave different bytes")
	}
}

func TestPatientSummaryOfAnEmptyFile(t *testing.T) {
	s, pr, _ := summaryStore(t)
	q := data.Patient{FamilyName: "Martin", GivenName: "Paul"}
	if err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&q) }); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, summaryPDF(t, s, pr, q.ID), false)
	for _, want := range []string{"MARTIN, Paul", "Allergies not recorded: ask the patient.", "None recorded.", "None booked.", "sex unknown"} {
		if !strings.Contains(text, want) {
			t.Errorf("the empty summary lacks %q:\n%s", want, text)
		}
	}
	if err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.RecordNoKnownAllergies(q.ID) }); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, summaryPDF(t, s, pr, q.ID), false); !strings.Contains(text, "No known allergies.") {
		t.Errorf("no known allergies is not printed:\n%s", text)
	}
}

// The summary is printed in the practice's document language, whatever
// the desk speaks: Spanish words with their accents, the next
// appointment's weekday and month named in Spanish, readings with a
// decimal comma, the page numbers of the footer in Spanish too.
func TestPatientSummaryInTheDocumentLanguage(t *testing.T) {
	s, pr, p := summaryStore(t)
	pr.DocumentLanguage = i18n.Spanish
	anna := data.Practitioner{DisplayName: "Dra. Ana García", Colour: "#3A6EA5", Active: true}
	next := data.Appointment{PatientID: p.ID, Day: data.Date{Year: 2099, Month: 12, Day: 2}, Start: 10 * 60, End: 10*60 + 20,
		TimeZone: pr.TimeZone, Status: data.StatusBooked}
	if err := s.Update(context.Background(), func(tx *data.Tx) error {
		if err := tx.Save(&pr); err != nil {
			return err
		}
		if err := tx.Save(&anna); err != nil {
			return err
		}
		next.PractitionerID = anna.ID
		return tx.Save(&next)
	}); err != nil {
		t.Fatal(err)
	}
	text := nfkc(pdfText(t, summaryPDF(t, s, pr, p.ID), false))
	for _, want := range []string{
		"Resumen de la historia", "Historia " + p.ChartNumber, "nacido/a el 25/05/1989", "mujer",
		"Alergias", "Sustancia", "Reacción", "Gravedad", "grave", "leve",
		"Datos personales", "Apellidos", "Fecha de nacimiento", "Contacto de emergencia", "Dirección",
		"Problemas", "Hypothyroidism", "activo", "Medicación", "Medicamento", "Dosis", "en curso",
		"Últimas constantes", "Tensión arterial", "128/82 mmHg", "Peso", "64,5 kg", "Talla", "168,0 cm",
		"Temperatura", "39,2 °C", "inusual", "IMC", "22,9 kg/m²", "según el último peso",
		"Próxima cita", "miércoles, 2 de diciembre de 2099, 10:00–10:20 con Dra. Ana García",
		"Confidencial", "Página 1 de",
	} {
		if !strings.Contains(text, nfkc(want)) {
			t.Errorf("the Spanish summary lacks %q", want)
		}
	}
	for _, english := range []string{"Patient summary", "Allergies", "Demographics", "Weight", "64.5", "None", "Page 1 of", "Confidential"} {
		if strings.Contains(text, english) {
			t.Errorf("the Spanish summary still says %q", english)
		}
	}
}

func TestPatientSummaryIsOnTheLetterhead(t *testing.T) {
	s, pr, p := summaryStore(t)
	pr.Registration, pr.Footer, pr.Address = "10003456789", "Sur rendez-vous uniquement", "4 place des Tilleuls\n69003 Lyon"
	if err := s.Update(context.Background(), func(tx *data.Tx) error { return tx.Save(&pr) }); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, summaryPDF(t, s, pr, p.ID), false)
	for _, want := range []string{"Reg. no. 10003456789", "69003 Lyon", "Sur rendez-vous uniquement"} {
		if !strings.Contains(text, want) {
			t.Errorf("the summary's letterhead lacks %q", want)
		}
	}
}
