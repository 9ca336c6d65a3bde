package data_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"frontdesk/data"
)

func TestTextRoundTripIsByteExact(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	names := []struct{ family, given string }{
		{"محمد", "عبد الرحمن"},       // Arabic
		{"كَرِيم", "فَاطِمَة"},       // Arabic with vowel marks
		{"כהן", "שָׁלוֹם"},           // Hebrew with points (NFC reorders marks)
		{"Nguyễn", "Thị Minh Khai"},  // stacked Vietnamese diacritics
		{"O'Brien 👩‍⚕️", "Zoë 🧑🏽‍🦱"}, // emoji with ZWJ, skin tone and VS16
		{"山田", "太郎"},                 // CJK
		{"Ωμέγα", "Ἀλέξανδρος"},      // Greek with polytonic accents
		{"𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🇫🇷"},            // astral plane letters, a flag
	}
	for _, n := range names {
		p := newPatient(t, s, n.family, n.given)
		got, err := s.Patient(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.FamilyName != norm.NFC.String(n.family) || got.GivenName != norm.NFC.String(n.given) {
			t.Errorf("round trip of %q %q gave %q %q", n.family, n.given, got.FamilyName, got.GivenName)
		}
		if got.FamilyName != p.FamilyName || got.GivenName != p.GivenName {
			t.Errorf("stored %q %q differs from the saved record %q %q", got.FamilyName, got.GivenName, p.FamilyName, p.GivenName)
		}
	}
	// A right-to-left name is found by its own first letters.
	hits, err := s.SearchPatients(ctx, "مح", 10)
	if err != nil || len(hits) != 1 || hits[0].FamilyName != "محمد" {
		t.Errorf("search for an Arabic prefix = %+v, %v", hits, err)
	}
	hits, err = s.SearchPatients(ctx, "כה", 10)
	if err != nil || len(hits) != 1 || hits[0].FamilyName != "כהן" {
		t.Errorf("search for a Hebrew prefix = %+v, %v", hits, err)
	}
}

func TestBidiControlsAreStripped(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	// U+202E turns "Smith" around on screen; the others are marks,
	// embeddings, isolates and the byte order mark.
	dirty := "\u202ESmi\u200Fth\u202C\u2066\u2069\u200E\u061C\u202A\u202B\u202D\uFEFF"
	p := newPatient(t, s, dirty, "\u2067Anna\u2069")
	got, err := s.Patient(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FamilyName != "Smith" || got.GivenName != "Anna" {
		t.Errorf("stored %q %q, want Smith Anna", got.FamilyName, got.GivenName)
	}
	hits, err := s.SearchPatients(ctx, "smith", 10)
	if err != nil || len(hits) != 1 {
		t.Errorf("search = %+v, %v", hits, err)
	}
	// Only bidi controls: the name is empty, so it is missing.
	bad := data.Patient{FamilyName: "\u202E\u202C\u200F"}
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&bad) })
	wantCode(t, err, data.EInvalid)
	if !strings.Contains(data.ErrorMessage(err), "Family name is missing") {
		t.Errorf("message %q", data.ErrorMessage(err))
	}
	// Multi-line fields keep their lines but lose the controls.
	p.Address = "\u202E12 rue X\r\n\n\u200F75001 Paris \t\n\n"
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&p) })
	got, _ = s.Patient(ctx, p.ID)
	if got.Address != "12 rue X\n\n75001 Paris" {
		t.Errorf("address stored as %q", got.Address)
	}
}

func TestCleanText(t *testing.T) {
	cases := map[string]string{
		"  Anna   Maria  ":              "Anna Maria",
		"Anna\nMaria\tB":                "Anna Maria B",
		"Jose\u0301":                    "Jos\u00e9",
		"\u202Eevil\u202C":              "evil",
		"a\x00b\x07c":                   "abc",
		"bad \xff utf8":                 "bad \uFFFD utf8",
		"\u00A0non\u00A0breaking\u2028": "non breaking",
		"":                              "",
		"👩\u200D⚕\uFE0F":                "👩\u200D⚕\uFE0F", // ZWJ and VS16 are part of the emoji
	}
	for in, want := range cases {
		if got := data.CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := data.CleanMultiline("\n\n line 1 \r\nline\u202E 2\n\n"); got != "line 1\nline 2" {
		t.Errorf("CleanMultiline = %q", got)
	}
}

func TestLongNameIsRefusedAndNothingWritten(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	auditBefore := countRows(t, s, `SELECT COUNT(*) FROM audit_log`)
	changesBefore := countRows(t, s, `SELECT COUNT(*) FROM changes`)
	long := strings.Repeat("a", 100_000)
	p := data.Patient{FamilyName: long, GivenName: "Anna"}
	err := s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
	wantCode(t, err, data.EInvalid)
	msg := data.ErrorMessage(err)
	assertPlainMessage(t, msg)
	if !strings.Contains(msg, "Family name is too long") || !strings.Contains(msg, "100") {
		t.Errorf("message %q does not say the family name is too long", msg)
	}
	if len(msg) > 300 {
		t.Errorf("the message is %d bytes long: it quotes the pasted text", len(msg))
	}
	if n := countRows(t, s, `SELECT COUNT(*) FROM patients`); n != 0 {
		t.Errorf("%d patients were written", n)
	}
	if n := countRows(t, s, `SELECT COUNT(*) FROM audit_log`); n != auditBefore {
		t.Errorf("audit rows: %d before, %d after", auditBefore, n)
	}
	if n := countRows(t, s, `SELECT COUNT(*) FROM changes`); n != changesBefore {
		t.Errorf("change rows: %d before, %d after", changesBefore, n)
	}
	// The chart number handed out inside the failed transaction went back too.
	q := newPatient(t, s, "Short", "")
	if q.ChartNumber != "A-000001" {
		t.Errorf("next chart number %s, want A-000001", q.ChartNumber)
	}
	// Exactly at the cap is fine; one more character is not (counted in
	// characters, not bytes).
	atCap := data.Patient{FamilyName: strings.Repeat("é", data.MaxName)}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&atCap) })
	over := data.Patient{FamilyName: strings.Repeat("é", data.MaxName+1)}
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&over) })
	wantCode(t, err, data.EInvalid)
	// Several problems are listed together.
	multi := data.Patient{FamilyName: long, Email: "not-an-address", Phone: "call me"}
	err = s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&multi) })
	if msg := data.ErrorMessage(err); strings.Count(msg, "\n") != 2 || !strings.Contains(msg, "Email") || !strings.Contains(msg, "Phone") {
		t.Errorf("message %q does not list the three problems", msg)
	}
}

func TestDecomposedNameIsStoredNFC(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	decomposed := "Jose\u0301"
	p := newPatient(t, s, "Go\u0301mez", decomposed)
	var given, family, key string
	if err := s.ReadDB().QueryRow(`SELECT given_name, family_name, name_key FROM patients WHERE id = ?`, p.ID).Scan(&given, &family, &key); err != nil {
		t.Fatal(err)
	}
	if given != "Jos\u00e9" || family != "G\u00f3mez" {
		t.Errorf("stored %q %q (% x), want the precomposed forms", family, given, given)
	}
	if key != "gomez jose" {
		t.Errorf("search key %q", key)
	}
	// Typed either way, the name finds the same patient.
	for _, q := range []string{"gom", "Gó", "Go\u0301", "GOMEZ", "gomez jo", "Gómez, José", "jose", "jose gomez", "JOSÉ GÓM"} {
		hits, err := s.SearchPatients(ctx, q, 10)
		if err != nil || len(hits) != 1 || hits[0].ID != p.ID {
			t.Errorf("search %q = %+v, %v", q, hits, err)
		}
	}
	for _, q := range []string{"gomy", "omez", "jose gomy"} {
		if hits, _ := s.SearchPatients(ctx, q, 10); len(hits) != 0 {
			t.Errorf("search %q found %+v", q, hits)
		}
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"José Gómez":             "jose gomez",
		"Jose\u0301 Go\u0301mez": "jose gomez",
		"  Müller-Lüdenscheid ":  "muller ludenscheid",
		"Straße":                 "strasse",
		"Øyvind Łukasz":          "oyvind lukasz",
		"Æsir Œuvre":             "aesir oeuvre",
		"İstanbul":               "istanbul",
		"O'Brien":                "o brien",
		"محمد":                   "محمد",
		"שלום":                   "שלום",
		"ÉLODIE":                 "elodie",
		"":                       "",
	}
	for in, want := range cases {
		if got := data.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearchPatients(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	gomez := newPatient(t, s, "Gómez", "José")
	newPatient(t, s, "Gomes", "Ana")
	newPatient(t, s, "Martin", "Gomez") // given name: found after the family names
	hits, err := s.SearchPatients(ctx, "gom", 10)
	if err != nil || len(hits) != 3 || hits[0].FamilyName != "Gomes" || hits[1].FamilyName != "Gómez" || hits[2].FamilyName != "Martin" {
		t.Fatalf("search gom = %+v, %v", hits, err)
	}
	if hits[1].ID != gomez.ID || hits[1].SortName() != "Gómez, José" {
		t.Errorf("hit %+v", hits[1])
	}
	if hits, _ := s.SearchPatients(ctx, "gom", 1); len(hits) != 1 {
		t.Errorf("limit 1 gave %d hits", len(hits))
	}
	// Deleted patients are not found.
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Delete(&gomez) })
	if hits, _ := s.SearchPatients(ctx, "gomez", 10); len(hits) != 1 || hits[0].FamilyName != "Martin" {
		t.Errorf("a deleted patient is found: %+v", hits)
	}
	// Search text is data, not SQL or a pattern.
	for _, q := range []string{"%", "_", "' OR 1=1 --", "\x00"} {
		if hits, err := s.SearchPatients(ctx, q, 10); err != nil || len(hits) > 2 {
			t.Errorf("search %q = %d hits, %v", q, len(hits), err)
		}
	}
}

// Fold runs in every search and save, from many goroutines at once.
func TestFoldConcurrent(t *testing.T) {
	inputs := map[string]string{"José Gómez": "jose gomez", "Müller": "muller", "Ærø": "aero", "Žižek": "zizek"}
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				for in, want := range inputs {
					if got := data.Fold(in); got != want {
						t.Errorf("Fold(%q) = %q, want %q", in, got, want)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
