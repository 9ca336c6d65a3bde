package i18n_test

import (
	"bytes"
	"log"
	"strings"
	"testing"
	"time"

	"frontdesk/data/i18n"
)

// quietLog fails the test when the localizer logs: it logs only what the
// catalogue tests are there to prevent (a missing text, a plural form
// the language needs and the file lacks, a bad argument).
func quietLog(t *testing.T) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	prev, flags := log.Writer(), log.Flags()
	log.SetOutput(&buf)
	t.Cleanup(func() {
		log.SetOutput(prev)
		log.SetFlags(flags)
	})
	return &buf
}

func TestPluralFormsFollowEachLanguage(t *testing.T) {
	logged := quietLog(t)
	const key = "patients.result.by_name"
	for _, c := range []struct {
		lang  i18n.Lang
		count int
		want  string
	}{
		{i18n.English, 0, "0 patients by name."},
		{i18n.English, 1, "1 patient by name."},
		{i18n.English, 2, "2 patients by name."},
		{i18n.English, 1204, "1,204 patients by name."},
		// French counts zero as singular.
		{i18n.French, 0, "0 patient par nom."},
		{i18n.French, 1, "1 patient par nom."},
		{i18n.French, 2, "2 patients par nom."},
		// A million takes CLDR's "many" form in French and Spanish; the
		// files leave it out and the "other" form is used.
		{i18n.French, 1000000, "1\u00a0000\u00a0000 patients par nom."},
		{i18n.Spanish, 0, "0 pacientes por nombre."},
		{i18n.Spanish, 1, "1 paciente por nombre."},
		{i18n.Spanish, 1000000, "1.000.000 pacientes por nombre."},
	} {
		if got := i18n.For(c.lang).N(key, c.count); got != c.want {
			t.Errorf("%s N(%d) = %q, want %q", c.lang, c.count, got, c.want)
		}
	}
	if logged.Len() > 0 {
		t.Errorf("the localizer logged: %s", logged)
	}
}

func TestArgumentsAreWrittenInTheLanguage(t *testing.T) {
	quietLog(t)
	date := civil{2999, time.January, 2}
	fr := i18n.For(i18n.French).WithDateOrder("DMY")
	// A Key argument is translated, a date follows the practice's order.
	got := fr.T("problem.date.future", "Field", i18n.Key("patient.field.birth_date"), "Date", date)
	if want := "Date de naissance\u00a0: 02/01/2999 est dans le futur."; got != want {
		t.Errorf("fr = %q, want %q", got, want)
	}
	got = i18n.For(i18n.English).WithDateOrder("MDY").T("problem.date.future", "Field", i18n.Key("patient.field.birth_date"), "Date", date)
	if want := "Date of birth: 01/02/2999 is in the future."; got != want {
		t.Errorf("en = %q, want %q", got, want)
	}
	// A Message argument is written in the same language, its own
	// arguments too (a month named, a number grouped).
	m := i18n.Msg("date.parse.no_day", "Month", time.February, "Year", "1980", "Day", 31)
	if got, want := i18n.For(i18n.Spanish).T("problem.about_field", "Field", i18n.Key("patient.field.birth_date"), "Problem", m),
		"Fecha de nacimiento: febrero de 1980 no tiene día 31."; got != want {
		t.Errorf("es = %q, want %q", got, want)
	}
	if got, want := i18n.For(i18n.French).T("problem.too_long", "Field", i18n.Key("patient.field.notes"), "Length", 20001, "Max", 20000),
		"Notes\u00a0: texte trop long (20\u00a0001 caractères\u00a0; au plus 20\u00a0000)."; got != want {
		t.Errorf("fr = %q, want %q", got, want)
	}
	// A Dec takes the language's decimal separator, its digits kept whole.
	for _, c := range []struct {
		lang i18n.Lang
		dec  i18n.Dec
		want string
	}{
		{i18n.English, i18n.Dec{Value: 372, Digits: 1}, "37.2 MB"},
		{i18n.French, i18n.Dec{Value: 372, Digits: 1}, "37,2 Mo"},
		{i18n.Spanish, i18n.Dec{Value: 12040, Digits: 1}, "1.204,0 MB"},
	} {
		if got := i18n.For(c.lang).T("size.megabytes", "Size", c.dec); got != c.want {
			t.Errorf("%s: %v gives %q, want %q", c.lang, c.dec, got, c.want)
		}
	}
	// A Message's Error is English with ISO dates, for logs.
	if got, want := i18n.Msg("problem.date.future", "Field", i18n.Key("patient.field.birth_date"), "Date", date).Error(),
		"Date of birth: 2999-01-02 is in the future."; got != want {
		t.Errorf("Error = %q, want %q", got, want)
	}
}

type civil struct {
	y int
	m time.Month
	d int
}

func (c civil) Civil() (int, time.Month, int) { return c.y, c.m, c.d }

func TestAMissingTextShowsItsKeyAndIsLogged(t *testing.T) {
	logged := quietLog(t)
	if got := i18n.For(i18n.French).T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q", got)
	}
	if !strings.Contains(logged.String(), "no.such.key") {
		t.Errorf("the missing key was not logged: %q", logged)
	}
}

func TestMatchPicksTheFirstLanguageTheDeskSpeaks(t *testing.T) {
	for _, c := range []struct {
		locales []string
		want    i18n.Lang
	}{
		{[]string{"fr_BE.UTF-8"}, i18n.French},
		{[]string{"es-MX"}, i18n.Spanish},
		{[]string{"es-419"}, i18n.Spanish},
		{[]string{"fr-CH", "en-US"}, i18n.French},
		{[]string{"de-DE", "es-ES", "fr"}, i18n.Spanish},
		{[]string{"C", "POSIX", "fr_FR@euro"}, i18n.French},
		{[]string{"de-DE", "it"}, i18n.English},
		{[]string{"not a locale"}, i18n.English},
		{nil, i18n.English},
	} {
		if got := i18n.Match(c.locales); got != c.want {
			t.Errorf("Match(%q) = %s, want %s", c.locales, got, c.want)
		}
	}
	for s, want := range map[string]bool{"fr": true, "ES": true, "fr-BE": true, "de": false, "": false} {
		if _, ok := i18n.ParseLang(s); ok != want {
			t.Errorf("ParseLang(%q) ok = %v", s, ok)
		}
	}
}
