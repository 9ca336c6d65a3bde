package ui

import (
	"testing"

	"frontdesk/data"
)

func TestWindowsZoneNamesMapToIANA(t *testing.T) {
	for name, want := range map[string]string{
		"Romance Standard Time":         "Europe/Paris",
		"W. Europe Standard Time":       "Europe/Berlin",
		"GMT Standard Time":             "Europe/London",
		"Eastern Standard Time":         "America/New_York",
		"Tokyo Standard Time":           "Asia/Tokyo",
		"Romance Standard Time\x00\x00": "Europe/Paris", // as some registries store it
		" Morocco Standard Time ":       "Africa/Casablanca",
		"Not A Windows Zone":            "",
		"":                              "",
	} {
		if got := ianaOfWindowsZone(name); got != want {
			t.Errorf("ianaOfWindowsZone(%q) = %q, want %q", name, got, want)
		}
	}
	// Every zone of the table is one the practice can be set to.
	if len(windowsZoneIANA) < 130 {
		t.Fatalf("the table holds %d zones", len(windowsZoneIANA))
	}
	for win, iana := range windowsZoneIANA {
		if _, err := data.LoadZone(iana); err != nil {
			t.Errorf("%s maps to %s, which does not load: %v", win, iana, err)
		}
	}
}

func TestLocaleCurrency(t *testing.T) {
	for _, c := range []struct {
		locales []string
		want    string
	}{
		{[]string{"fr_FR.UTF-8"}, "EUR"},
		{[]string{"de_CH.UTF-8"}, "CHF"},
		{[]string{"fr-CH"}, "CHF"}, // Windows names it the BCP 47 way
		{[]string{"en_GB.UTF-8"}, "GBP"},
		{[]string{"en-US"}, "USD"},
		{[]string{"ja_JP.eucJP"}, "JPY"},
		{[]string{"de_DE@euro"}, "EUR"},
		{[]string{"", "", "en_CA.UTF-8"}, "CAD"},        // LC_ALL and LC_MONETARY unset, LANG set
		{[]string{"C.UTF-8", "", "sv_SE.UTF-8"}, "SEK"}, // no region in the first
		{[]string{"C"}, "EUR"},
		{[]string{"de"}, "EUR"},     // a language alone does not say the country
		{[]string{"es-419"}, "EUR"}, // Latin America has no one currency
		{[]string{"not a locale"}, "EUR"},
		{nil, "EUR"},
	} {
		got := localeCurrency(c.locales...)
		if got != c.want {
			t.Errorf("localeCurrency(%q) = %q, want %q", c.locales, got, c.want)
		}
		if _, err := data.ParseCurrency(got); err != nil {
			t.Errorf("%q is not a currency the practice takes: %v", got, err)
		}
	}
}

func TestFirstStartProposesTheSystemsZoneAndCurrency(t *testing.T) {
	for _, c := range []struct {
		what           string
		zones, locales []string
		zone, currency string
	}{
		// Windows: TZ unset, the registry's zone through CLDR, the
		// regional format's country.
		{"Windows in Geneva", []string{"", ianaOfWindowsZone("W. Europe Standard Time")}, []string{"fr-CH"}, "Europe/Berlin", "CHF"},
		{"Windows in Paris", []string{"", ianaOfWindowsZone("Romance Standard Time")}, []string{"fr-FR"}, "Europe/Paris", "EUR"},
		{"Windows in London", []string{"", ianaOfWindowsZone("GMT Standard Time")}, []string{"en-GB"}, "Europe/London", "GBP"},
		{"Windows, zone unreadable", []string{"", ianaOfWindowsZone("")}, []string{"und"}, "UTC", "EUR"},
		// Linux: TZ unset, Go's "Local", the /etc/localtime link, LANG.
		{"Linux in Montréal", []string{"", "Local", "/usr/share/zoneinfo/America/Toronto", ""}, []string{"", "", "fr_CA.UTF-8"},
			"America/Toronto", "CAD"},
	} {
		pr := practiceDefaults(c.zones, c.locales)
		if pr.TimeZone != c.zone || pr.Currency != c.currency {
			t.Errorf("%s: proposes %s and %s, want %s and %s", c.what, pr.TimeZone, pr.Currency, c.zone, c.currency)
		}
		pr.Name = "Cabinet"
		if err := pr.Validate(); err != nil {
			t.Errorf("%s: the proposal is refused: %v", c.what, err)
		}
	}
}
