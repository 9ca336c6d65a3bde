package ui

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

func TestAgeText(t *testing.T) {
	today := data.Date{Year: 2026, Month: 11, Day: 25}
	for _, c := range []struct {
		birth data.Date
		want  string
	}{
		{data.Date{Year: 1989, Month: 5, Day: 25}, "37 y"},
		{data.Date{Year: 1989, Month: 11, Day: 26}, "36 y"},
		{data.Date{Year: 2026, Month: 3, Day: 26}, "7 mo"},
		{data.Date{Year: 2025, Month: 1, Day: 10}, "22 mo"},
		{data.Date{Year: 2024, Month: 11, Day: 25}, "2 y"},
		{data.Date{}, ""},
		{data.Date{Year: 2027, Month: 1, Day: 1}, ""},
	} {
		if got := ageText(c.birth, today); got != c.want {
			t.Errorf("ageText(%s) = %q, want %q", c.birth, got, c.want)
		}
	}
	if got := birthText(data.MDY, data.Date{Year: 1989, Month: 5, Day: 25}, today); got != "05/25/1989 (37 y)" {
		t.Errorf("birthText MDY = %q", got)
	}
}

func TestListNameAndMoney(t *testing.T) {
	if got := listName("Dupont", "Jean"); got != "DUPONT, Jean" {
		t.Errorf("listName = %q", got)
	}
	if got := listName("Gómez", ""); got != "GÓMEZ" {
		t.Errorf("listName without a given name = %q", got)
	}
	if got := moneyText(data.Currency{Code: "EUR", Digits: 2}, 2550); got != "25.50 EUR" {
		t.Errorf("moneyText = %q", got)
	}
	if got := moneyText(data.Currency{Code: "JPY", Digits: 0}, 3000); got != "3000 JPY" {
		t.Errorf("moneyText JPY = %q", got)
	}
}

func TestWeekText(t *testing.T) {
	block := func(wd int, from, to data.WallTime) data.WorkingHours {
		return data.WorkingHours{Weekday: wd, Start: from, End: to}
	}
	var whs []data.WorkingHours
	for wd := 1; wd <= 5; wd++ {
		whs = append(whs, block(wd, 8*60+30, 12*60+30), block(wd, 14*60, 18*60))
	}
	whs = append(whs, block(6, 9*60, 12*60))
	got := strings.Join(weekText(englishWords, whs), " | ")
	if want := "Mon–Fri 08:30–12:30, 14:00–18:00 | Sat 09:00–12:00"; got != want {
		t.Errorf("weekText = %q, want %q", got, want)
	}
	whs = []data.WorkingHours{block(1, 8*60, 12*60), block(2, 8*60, 12*60), block(4, 8*60, 12*60), block(0, 9*60, 10*60)}
	got = strings.Join(weekText(englishWords, whs), " | ")
	if want := "Mon, Tue 08:00–12:00 | Thu 08:00–12:00 | Sun 09:00–10:00"; got != want {
		t.Errorf("weekText = %q, want %q", got, want)
	}
	// The days are named in the desk's language.
	got = strings.Join(weekText(newWords(i18n.Spanish, data.DMY), whs), " | ")
	if want := "lun., mar. 08:00–12:00 | jue. 08:00–12:00 | dom. 09:00–10:00"; got != want {
		t.Errorf("weekText in Spanish = %q, want %q", got, want)
	}
	if hoursOn(whs, 3) != "" {
		t.Error("Wednesday is a day off")
	}
}

func TestZoneFrom(t *testing.T) {
	for _, c := range []struct{ tz, local, link, file, want string }{
		{"Europe/Paris", "Local", "", "", "Europe/Paris"},
		{":America/New_York", "Local", "", "", "America/New_York"},
		{"", "Local", "/usr/share/zoneinfo/Europe/Berlin", "", "Europe/Berlin"},
		{"", "Local", "/var/db/timezone/zoneinfo/Asia/Tokyo", "", "Asia/Tokyo"},
		{"", "Local", "", "Africa/Tunis\n", "Africa/Tunis"},
		{"Not/AZone", "Local", "", "", "UTC"},
		{"", "Local", "/usr/share/zoneinfo/Etc/UTC", "", "UTC"},
		{"", "", "", "", "UTC"},
	} {
		if got := zoneFrom(c.tz, c.local, c.link, c.file); got != c.want {
			t.Errorf("zoneFrom(%q, %q, %q, %q) = %q, want %q", c.tz, c.local, c.link, c.file, got, c.want)
		}
	}
}

// The problems go under their fields by data's field names, not by their
// words: in French as in English, each field gets its own, written in
// the desk's language.
func TestCheckPracticeNamesTheField(t *testing.T) {
	base := data.Practice{ID: "x", Name: "Cabinet", Currency: "EUR", TimeZone: "Europe/Paris", DateFormat: data.DMY}
	in := practiceInput{Name: "", Phone: "call me", Email: "nobody", Currency: "EURO", TimeZone: "Mars/Olympus", DateFormat: data.DMY,
		DocumentLanguage: "de"}
	for _, c := range []struct {
		lang  i18n.Lang
		words map[string]string
	}{
		{i18n.English, map[string]string{fieldName: "Practice name is missing", fieldPhone: "Phone: \"call me\"",
			fieldEmail: "Email: \"nobody\"", fieldCurrency: "Currency: \"EURO\"", fieldZone: "Time zone: \"Mars/Olympus\"",
			fieldDocLang: "Language of letters and invoices: \"de\""}},
		{i18n.French, map[string]string{fieldName: "Nom du cabinet\u00a0: champ obligatoire", fieldPhone: "Téléphone\u00a0: «\u00a0call me\u00a0»",
			fieldEmail: "E-mail\u00a0: «\u00a0nobody\u00a0»", fieldCurrency: "Devise\u00a0: «\u00a0EURO\u00a0»",
			fieldZone: "Fuseau horaire\u00a0: «\u00a0Mars/Olympus\u00a0»", fieldDocLang: "Langue des courriers et factures\u00a0: «\u00a0de\u00a0»"}},
	} {
		_, problems := checkPractice(newWords(c.lang, data.DMY), base, in)
		for field, want := range c.words {
			if !strings.HasPrefix(problems[field], want) {
				t.Errorf("%s: problem of %s = %q, want it to start with %q", c.lang, field, problems[field], want)
			}
		}
		if len(problems) != len(c.words) {
			t.Errorf("%s: problems %q, want one for each of %d fields", c.lang, problems, len(c.words))
		}
	}
	pr, problems := checkPractice(englishWords, base, practiceInput{Name: "  Cabinet  Neuf ", Currency: "chf", TimeZone: "Europe/Zurich",
		DateFormat: data.YMD, DocumentLanguage: i18n.Spanish})
	if len(problems) != 0 || pr.Name != "Cabinet Neuf" || pr.Currency != "CHF" || pr.ID != "x" || pr.DocumentLanguage != i18n.Spanish {
		t.Errorf("valid input gave %+v, %v", pr, problems)
	}
}

// TestResultText is in patients_test.go.

func TestWindowTitle(t *testing.T) {
	if got := windowTitle(englishWords, "Cabinet", true); got != "Frontdesk — Demo practice — Cabinet" {
		t.Errorf("demo title = %q", got)
	}
	if got := windowTitle(englishWords, "Cabinet", false); got != "Frontdesk — Cabinet" {
		t.Errorf("title = %q", got)
	}
}

func TestHardWrap(t *testing.T) {
	got := hardWrap("The practice database is damaged.\nRestore it from a backup, or run frontdesk check.", 20)
	want := "The practice\ndatabase is damaged.\nRestore it from a\nbackup, or run\nfrontdesk check."
	if got != want {
		t.Errorf("hardWrap = %q, want %q", got, want)
	}
	if got := hardWrap("/a/very/long/path/without/spaces ok", 10); got != "/a/very/long/path/without/spaces\nok" {
		t.Errorf("hardWrap of a long word = %q", got)
	}
	// A no-break space is not a place to break: the colon stays with its word.
	if got, want := hardWrap("Nom du cabinet\u00a0: champ obligatoire.", 8), "Nom du\ncabinet\u00a0:\nchamp\nobligatoire."; got != want {
		t.Errorf("hardWrap with a no-break space = %q, want %q", got, want)
	}
}
