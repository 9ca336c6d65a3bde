package data_test

import (
	"context"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

const nb = "\u00a0" // French puts it before ":" and inside « »

// A refused clash is EClash and carries each clash as a problem with its
// key, then the advice: the desk writes them in its language and offers
// to book anyway by the code, while Message keeps the English it always
// had for the log.
func TestClashesSpeakEveryLanguage(t *testing.T) {
	bp := newBookingPractice(t)
	bp.book(t, bp.appt(monday, hm(9, 0), hm(9, 30)))
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		return tx.Save(&data.DayOff{First: monday, Last: monday, Kind: data.OffHoliday, Reason: "Pâques"})
	})
	a := bp.appt(monday, hm(9, 15), hm(12, 30))
	a.PatientID = bp.marie.ID
	_, err := bp.s.Book(context.Background(), &a, false)
	wantCode(t, err, data.EClash)
	var keys []string
	for _, is := range data.ProblemsOf(err) {
		keys = append(keys, string(is.Key))
	}
	if got := strings.Join(keys, " "); got != "clash.double_type clash.hours clash.closed clash.advice" {
		t.Errorf("the problems' keys are %s", got)
	}
	english := "Dr Anna Weber already has Jean Dupont from 09:00 to 09:30 (Consultation).\n" +
		"09:15–12:30 is outside Dr Anna Weber's working hours on Mondays (08:00–12:00, 14:00–18:00).\n" +
		"Monday 03/03/2031 is a day the practice is closed (practice holiday: Pâques).\n" +
		"Book anyway, or choose another time."
	if got := data.ErrorMessage(err); got != english {
		t.Errorf("English:\n%s\nwant:\n%s", got, english)
	}
	french := "Dr Anna Weber a déjà Jean Dupont de 09:00 à 09:30 (Consultation).\n" +
		"09:15–12:30 est en dehors des heures de travail de Dr Anna Weber le lundi (08:00–12:00, 14:00–18:00).\n" +
		"Le cabinet est fermé le lundi 03/03/2031 (fermeture du cabinet" + nb + ": Pâques).\n" +
		"Réservez quand même, ou choisissez un autre horaire."
	if got := data.Localize(err, i18n.For(i18n.French)); got != french {
		t.Errorf("French:\n%s\nwant:\n%s", got, french)
	}
	if got := data.Localize(err, i18n.For(i18n.Spanish)); !strings.Contains(got, "Dr Anna Weber ya tiene a Jean Dupont de 09:00 a 09:30") ||
		!strings.Contains(got, "La consulta está cerrada el lunes 03/03/2031") {
		t.Errorf("Spanish:\n%s", got)
	}

	saturday := monday.AddDays(5)
	clashes, err := bp.s.Clashes(context.Background(), bp.appt(saturday, hm(10, 0), hm(10, 30)))
	if err != nil || len(clashes) != 1 {
		t.Fatalf("Saturday: %v, %v", clashes, err)
	}
	if got := i18n.For(i18n.Spanish).Render(clashes[0].Msg()); got != "Dr Anna Weber no trabaja los sábados." {
		t.Errorf("Saturday in Spanish: %q", got)
	}
}

// An appointment's, a series' and a day off's problems are under their
// fields with their keys; a refused change of status and a series' rule
// are written in the language asked for.
func TestCalendarRecordsSpeakEveryLanguage(t *testing.T) {
	fr := i18n.For(i18n.French)
	a := data.Appointment{Day: monday, Start: hm(10, 0), End: hm(9, 0), TimeZone: "Europe/Paris", Status: data.StatusCancelled}
	fields := map[string]string{}
	for _, is := range data.ProblemsOf(a.ValidateAs(data.DMY)) {
		fields[is.Field] = is.In(fr)
	}
	for field, want := range map[string]string{
		data.FieldPractitioner: "Praticien" + nb + ": choisissez avec qui est le rendez-vous.",
		data.FieldCancelReason: "Motif d'annulation" + nb + ": indiquez pourquoi le rendez-vous est annulé.",
		data.FieldTime:         "Heure" + nb + ": de 10:00 à 09:00, ce n'est pas une plage horaire dans la journée.",
	} {
		if fields[field] != want {
			t.Errorf("%s: %q, want %q", field, fields[field], want)
		}
	}

	o := data.DayOff{First: monday, Last: monday.AddDays(-1), Kind: data.OffLeave}
	ps := data.ProblemsOf(o.ValidateAs(data.DMY))
	if len(ps) != 1 || ps[0].Field != data.FieldLast || ps[0].Message != "To: 02/03/2031 is before the first day off, 03/03/2031." ||
		ps[0].In(i18n.For(i18n.Spanish)) != "Hasta: el 02/03/2031 es anterior al primer día libre, el 03/03/2031." {
		t.Errorf("day off: %+v", ps)
	}

	bp := newBookingPractice(t)
	done := bp.book(t, bp.appt(monday, hm(9, 0), hm(9, 30)))
	var err error
	mustUpdate(t, bp.s, func(tx *data.Tx) error {
		_, err = tx.SetStatus(done.ID, data.StatusDone, "")
		return err
	})
	err = bp.s.Update(context.Background(), func(tx *data.Tx) error {
		_, err := tx.SetStatus(done.ID, data.StatusNoShow, "")
		return err
	})
	wantCode(t, err, data.EInvalid)
	if got := data.Localize(err, fr); !strings.HasPrefix(got, "Statut"+nb+": un rendez-vous «"+nb+"terminé"+nb+"» ne peut pas passer à «"+nb+"absent"+nb+"».") {
		t.Errorf("refused change in French: %q", got)
	}

	sr := data.Series{First: monday.AddDays(1), Start: hm(9, 0), End: hm(9, 20), Freq: data.FreqWeekly, Every: 2, Count: 10}
	if got := fr.Render(sr.Description()); got != "toutes les 2 semaines le mardi à 09:00, 10 fois" {
		t.Errorf("series in French: %q", got)
	}
	sr = data.Series{First: monday.AddDays(8), Start: hm(9, 0), End: hm(9, 20), Freq: data.FreqMonthlyWeekday, Every: 1,
		Until: data.Date{Year: 2031, Month: 12, Day: 31}}
	if got := i18n.For(i18n.Spanish).Render(sr.Description()); got != "cada mes el segundo martes a las 09:00, hasta el 31/12/2031" {
		t.Errorf("series in Spanish: %q", got)
	}

	_, err = data.ParseWallTime("25:00")
	var p data.Problems
	p.ReportErr(data.FieldTime, data.AppointmentLabel(data.FieldTime), err)
	if got := p.In(fr); got != "Heure"+nb+": «"+nb+"25:00"+nb+"» n'est pas une heure de la journée." {
		t.Errorf("a time typed wrong, in French: %q", got)
	}
}
