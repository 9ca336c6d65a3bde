package reports

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

var listDay = data.Date{Year: 2026, Month: 11, Day: 25}

// dayListStore is a practice with two practitioners on listDay: Anna with
// a long day (sixty appointments, long notes, names in several scripts,
// one with an emoji, one cancelled), Paul on leave.
func dayListStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	err = s.Update(ctx, func(tx *data.Tx) error {
		pr := data.Practice{Name: "Cabinet des Tilleuls", Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: data.DMY}
		if err := tx.Save(&pr); err != nil {
			return err
		}
		anna := data.Practitioner{DisplayName: "Dr Anna Weber", Active: true}
		paul := data.Practitioner{DisplayName: "Dr Paul Roche", Active: true}
		for _, p := range []*data.Practitioner{&anna, &paul} {
			if err := tx.Save(p); err != nil {
				return err
			}
			if err := tx.Save(&data.WorkingHours{PractitionerID: p.ID, Weekday: 3, Start: 8 * 60, End: 19 * 60}); err != nil {
				return err
			}
		}
		if err := tx.Save(&data.DayOff{PractitionerID: paul.ID, First: listDay, Last: listDay, Kind: data.OffLeave, Reason: "Brittany"}); err != nil {
			return err
		}
		typ := data.AppointmentType{Name: "Consultation", DurationMin: 10, Active: true}
		if err := tx.Save(&typ); err != nil {
			return err
		}
		names := [][2]string{{"Lefèvre-Gómez", "Zoé"}, {"כהן", "דוד"}, {"حداد", "محمد"}, {"Nguyễn", "Thị Lan 😀"}, {"Øster", "Åse"}}
		for i := 0; i < 60; i++ {
			n := names[i%len(names)]
			p := data.Patient{FamilyName: fmt.Sprintf("%s%d", n[0], i), GivenName: n[1], Phone: fmt.Sprintf("06 00 00 00 %02d", i)}
			if i < len(names) {
				p.FamilyName = n[0]
			}
			if err := tx.CreatePatient(&p); err != nil {
				return err
			}
			a := data.Appointment{PractitionerID: anna.ID, PatientID: p.ID, TypeID: typ.ID, Day: listDay,
				Start: data.WallTime(8*60 + 10*i), End: data.WallTime(8*60 + 10*i + 10), TimeZone: "Europe/Paris",
				Notes: strings.Repeat("Bring the results of the blood test. ", 1+i%4)}
			if i == 7 {
				a.Status, a.CancelReason = data.StatusCancelled, "Patient is ill"
			}
			if err := tx.Save(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func dayListPDF(t *testing.T, s *data.Store, practitioner string) []byte {
	t.Helper()
	return dayListPDFIn(t, s, practitioner, i18n.English)
}

// dayListPDFIn is the day list printed in a language.
func dayListPDFIn(t *testing.T, s *data.Store, practitioner string, lang i18n.Lang) []byte {
	t.Helper()
	dl, err := LoadDayList(context.Background(), s, listDay, practitioner)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDayList(&buf, dl, i18n.For(lang), Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pageText is what pdftotext reads from one page.
func pageText(t *testing.T, pdf []byte, page int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	p := fmt.Sprint(page)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func TestDayListPDF(t *testing.T) {
	s := dayListStore(t)
	pdf := dayListPDF(t, s, "")
	text := pdfText(t, pdf, false)
	for _, want := range []string{
		"Day list — Wednesday 25/11/2026", "Cabinet des Tilleuls",
		"Dr Anna Weber", "Working hours 08:00–19:00", "59 appointments", "1 cancelled",
		"Zoé Lefèvre-Gómez", "08:00–08:10", "06 00 00 00 00", "Consultation", "Bring the results",
		"דוד כהן", "Thị Lan ? Nguyễn3", "Åse Øster",
		"Cancelled: 09:10", "(Patient is ill)",
		"Dr Paul Roche", "Day off — Leave: Brittany", "0 appointments",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the day list lacks %q", want)
		}
	}
	if !strings.Contains(nfkc(text), "محمد حداد") {
		t.Error("the Arabic name is not readable")
	}
	if strings.Contains(text, "😀") {
		t.Error("the emoji reached the PDF")
	}
	// A long day goes on over pages, each with the table's header.
	pages := bytes.Count(pdf, []byte("/Type /Page\n"))
	if pages < 3 {
		t.Fatalf("sixty appointments with notes fit on %d pages", pages)
	}
	for p := 2; p < pages; p++ {
		pt := pageText(t, pdf, p)
		if !strings.Contains(pt, "Patient") || !strings.Contains(pt, "Phone") || !strings.Contains(pt, "Notes") {
			t.Errorf("page %d has no table header:\n%.300s", p, pt)
		}
		if !strings.Contains(pt, fmt.Sprintf("Page %d of %d", p, pages)) {
			t.Errorf("page %d lacks its page number", p)
		}
	}
	// Times come in order across pages.
	if i, j := strings.Index(text, "08:00–08:10"), strings.Index(text, "17:50–18:00"); i < 0 || j < 0 || i > j {
		t.Errorf("times out of order (%d, %d)", i, j)
	}
	if !bytes.Equal(pdf, dayListPDF(t, s, "")) {
		t.Error("the same day printed twice gives different bytes")
	}
}

func TestDayListOfOnePractitioner(t *testing.T) {
	s := dayListStore(t)
	for _, name := range []string{"Dr Paul Roche", "paul", "ROCHE"} {
		text := pdfText(t, dayListPDF(t, s, name), false)
		if !strings.Contains(text, "Dr Paul Roche") || strings.Contains(text, "Dr Anna Weber") {
			t.Errorf("--practitioner %q printed:\n%.300s", name, text)
		}
	}
	_, err := LoadDayList(context.Background(), s, listDay, "Dr Who")
	if data.ErrorCode(err) != data.ENotFound || !strings.Contains(data.ErrorMessage(err), "Dr Anna Weber, Dr Paul Roche") {
		t.Errorf("unknown practitioner: %v", err)
	}
	_, err = LoadDayList(context.Background(), s, listDay, "dr")
	if data.ErrorCode(err) != data.EInvalid {
		t.Errorf("ambiguous practitioner: %v", err)
	}
}

func TestRemindersPDF(t *testing.T) {
	s := dayListStore(t)
	ctx := context.Background()
	pr, _ := s.Practice(ctx)
	rems, err := s.Reminders(ctx, listDay, pr.Location())
	if err != nil || len(rems) != 59 {
		t.Fatalf("reminders: %d, %v", len(rems), err)
	}
	var buf bytes.Buffer
	if err := WriteReminders(&buf, pr, listDay, rems, i18n.For(i18n.English), Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes(), false)
	for _, want := range []string{"Reminder calls — Wednesday 25/11/2026", "59 appointments to confirm", "Zoé Lefèvre-Gómez", "06 00 00 00 00", "Dr Anna Weber", "☐"} {
		if !strings.Contains(text, want) {
			t.Errorf("the call list lacks %q", want)
		}
	}
}

// busyDayStore is a practice with one practitioner and n fifteen-minute
// appointments on listDay, all confirmed, with international phone
// numbers and short notes.
func busyDayStore(t *testing.T, n int) *data.Store {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = s.Update(context.Background(), func(tx *data.Tx) error {
		pr := data.Practice{Name: "Cabinet des Tilleuls", Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: data.DMY}
		if err := tx.Save(&pr); err != nil {
			return err
		}
		anna := data.Practitioner{DisplayName: "Dr Anna Weber", Active: true}
		if err := tx.Save(&anna); err != nil {
			return err
		}
		if err := tx.Save(&data.WorkingHours{PractitionerID: anna.ID, Weekday: 3, Start: 7 * 60, End: 20 * 60}); err != nil {
			return err
		}
		typ := data.AppointmentType{Name: "Consultation", DurationMin: 15, Active: true}
		if err := tx.Save(&typ); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			p := data.Patient{FamilyName: fmt.Sprintf("Lefèvre-Gómez%d", i), GivenName: "Zoé",
				Phone: fmt.Sprintf("+33 6 12 34 56 %02d", i)}
			if err := tx.CreatePatient(&p); err != nil {
				return err
			}
			a := data.Appointment{PractitionerID: anna.ID, PatientID: p.ID, TypeID: typ.ID, Day: listDay,
				Start: data.WallTime(7*60 + 15*i), End: data.WallTime(7*60 + 15*i + 15), TimeZone: "Europe/Paris",
				Status: data.StatusConfirmed, Notes: "Fasting"}
			if err := tx.Save(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The day list's columns fit their content: a status and an
// international phone number are never broken, each appointment takes
// one line, and a busy day of thirty-five fits on one page.
func TestDayListColumnsFitTheirContent(t *testing.T) {
	pdf := dayListPDF(t, busyDayStore(t, 35), "")
	text := pdfText(t, pdf, true)
	for i := 0; i < 35; i++ {
		row := regexp.MustCompile(fmt.Sprintf(`(?m)^.*Zoé Lefèvre-Gómez%d .*$`, i)).FindString(text)
		for _, want := range []string{fmt.Sprintf("+33 6 12 34 56 %02d", i), "confirmed", "Consultation", "Fasting", "A-0000"} {
			if !strings.Contains(row, want) {
				t.Errorf("appointment %d: %q is not whole on its line %q", i, want, row)
			}
		}
	}
	if t.Failed() {
		t.Logf("the day list reads:\n%s", text)
	}
	if pages := bytes.Count(pdf, []byte("/Type /Page\n")); pages != 1 {
		t.Errorf("thirty-five one-line appointments take %d pages", pages)
	}
}

// The day list and the call list speak the language they are printed in:
// French words, the weekday in French, accents intact through pdftotext,
// and the page numbers too. (pdftotext gives the no-break space French
// puts before a colon as a plain space.)
func TestDayListAndCallListInFrench(t *testing.T) {
	s := dayListStore(t)
	text := strings.ReplaceAll(pdfText(t, dayListPDFIn(t, s, "", i18n.French), false), "\u00a0", " ")
	for _, want := range []string{
		"Liste du jour — mercredi 25/11/2026", "Cabinet des Tilleuls · imprimé le ",
		"Horaires 08:00–19:00", "59 rendez-vous", "1 annulé", "Heure", "Patient", "Dossier", "Téléphone", "Statut",
		"réservé", "Zoé Lefèvre-Gómez", "Annulé : 09:10", "(Patient is ill)",
		"Absent — Congé : Brittany", "0 rendez-vous", "Page 1 sur ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the French day list lacks %q", want)
		}
	}
	for _, english := range []string{"Day list", "Wednesday", "Working hours", "appointments", "booked", "Cancelled:", "Page 1 of"} {
		if strings.Contains(text, english) {
			t.Errorf("the French day list still says %q", english)
		}
	}

	ctx := context.Background()
	pr, _ := s.Practice(ctx)
	rems, err := s.Reminders(ctx, listDay, pr.Location())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteReminders(&buf, pr, listDay, rems, i18n.For(i18n.Spanish), Options{Created: fixedTime}); err != nil {
		t.Fatal(err)
	}
	text = pdfText(t, buf.Bytes(), false)
	for _, want := range []string{"Llamadas de recordatorio — miércoles 25/11/2026", "59 citas por confirmar", "Llamado", "Hora"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Spanish call list lacks %q", want)
		}
	}
}
