package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// searchFixture is a practice (DMY dates) with patients chosen to test
// the ranking, folding and the other readings of a query.
func searchFixture(t *testing.T) (*data.Store, map[string]data.Patient) {
	t.Helper()
	s := openStore(t)
	ps := map[string]data.Patient{}
	add := func(key string, p data.Patient) {
		mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&p) })
		ps[key] = p
	}
	add("gomez", data.Patient{FamilyName: "Gómez", GivenName: "José", Phone: "06 12 34 56 78", BirthDate: data.Date{Year: 1980, Month: 3, Day: 15}})
	add("roy", data.Patient{FamilyName: "Roy", GivenName: "Zoé"})
	add("roymartin", data.Patient{FamilyName: "Roy-Martin", GivenName: "Anne"})
	add("royer", data.Patient{FamilyName: "Royer", GivenName: "Paul"})
	add("leroy", data.Patient{FamilyName: "Leroy", GivenName: "Roy"}) // given name only
	add("dupuis", data.Patient{FamilyName: "Dupuis", GivenName: "Anne-Marie", Phone: "+33 6 98 76 54 32"})
	add("mariemartin", data.Patient{FamilyName: "Martin", GivenName: "Marie"})
	add("obrien", data.Patient{FamilyName: "O'Brien", GivenName: "Seán", Phone2: "04 78 00 11 22"})
	add("haddad", data.Patient{FamilyName: "حداد", GivenName: "محمد"})
	add("cohen", data.Patient{FamilyName: "כהן", GivenName: "דוד"})
	add("emoji", data.Patient{FamilyName: "Lily 🌸 Bloom", GivenName: "Rose 🌹"})
	add("silva", data.Patient{FamilyName: "Da Silva", GivenName: "João"})
	return s, ps
}

func hitNames(hits []data.PatientHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.SortName()
	}
	return out
}

func TestSearchRanksExactFamilyNamesFirst(t *testing.T) {
	s, _ := searchFixture(t)
	hits, err := s.SearchPatients(context.Background(), "roy", 10)
	if err != nil {
		t.Fatal(err)
	}
	// The family name Roy exactly, then family names starting with roy
	// in name order ("roy martin" sorts before "royer"), then a given name.
	want := "Roy, Zoé|Roy-Martin, Anne|Royer, Paul|Leroy, Roy"
	if got := strings.Join(hitNames(hits), "|"); got != want {
		t.Fatalf("search roy = %s\nwant         %s", got, want)
	}
}

func TestSearchFoldsAccentsAndCaseAndMatchesEveryWordAsAPrefix(t *testing.T) {
	s, ps := searchFixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		query string
		want  []string // keys of ps, in order
	}{
		{"jose gomez", []string{"gomez"}},
		{"GÓMEZ José", []string{"gomez"}},
		{"jos gom", []string{"gomez"}},
		{"gomez jos", []string{"gomez"}},
		{"JOSE", []string{"gomez"}},
		{"marie dup", []string{"dupuis"}},                       // Anne-Marie: a later word of the given name
		{"marie", []string{"dupuis", "mariemartin"}},            // given names, in name order
		{"mar", []string{"mariemartin", "dupuis", "roymartin"}}, // a family name first
		{"anne roy", []string{"roymartin"}},
		{"o'brien", []string{"obrien"}},
		{"obrien", nil}, // "o brien" is two words; "obrien" starts none
		{"o b", []string{"obrien"}},
		{"sean", []string{"obrien"}},
		{"da silva", []string{"silva"}},
		{"silva joao", []string{"silva"}},
		{"حد", []string{"haddad"}},
		{"محمد حداد", []string{"haddad"}},
		{"כה", []string{"cohen"}},
		{"lily bloom", []string{"emoji"}},
		{"rose", []string{"emoji"}},
		{"gomez zzz", nil},
		{"zzz", nil},
	} {
		res, err := s.FindPatients(ctx, c.query, 20)
		if err != nil {
			t.Fatalf("%q: %v", c.query, err)
		}
		var got, want []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		for _, k := range c.want {
			want = append(want, ps[k].ID)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("search %q (%s) = %v, want %v", c.query, res.Kind, hitNames(res.Hits), c.want)
		}
	}
}

func TestSearchByPhoneDateOfBirthAndChart(t *testing.T) {
	s, ps := searchFixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		query, kind, want string
	}{
		{"06 12 34", data.SearchPhone, "gomez"},
		{"0612345678", data.SearchPhone, "gomez"},
		{"06.12.34.56.78", data.SearchPhone, "gomez"},
		{"06-12-34-56-78", data.SearchPhone, "gomez"},
		{"336 98", data.SearchPhone, "dupuis"},
		{"+33 6 98 76", data.SearchPhone, "dupuis"},
		{"04 78 00", data.SearchPhone, "obrien"}, // the second phone
		{"15/03/1980", data.SearchBirthDate, "gomez"},
		{"15.03.1980", data.SearchBirthDate, "gomez"},
		{"1980-03-15", data.SearchBirthDate, "gomez"},
		{ps["roy"].ChartNumber, data.SearchChart, "roy"},
		{"a2", data.SearchChart, "roy"},
		{"A-000002", data.SearchChart, "roy"},
	} {
		res, err := s.FindPatients(ctx, c.query, 20)
		if err != nil {
			t.Fatalf("%q: %v", c.query, err)
		}
		if res.Kind != c.kind || len(res.Hits) != 1 || res.Hits[0].ID != ps[c.want].ID {
			t.Errorf("search %q = %s %v, want %s %s", c.query, res.Kind, hitNames(res.Hits), c.kind, c.want)
		}
	}
	// A date is read in the practice's own order.
	pr, err := s.Practice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pr.DateFormat = data.MDY
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&pr) })
	if hits, _ := s.SearchPatients(ctx, "03/15/1980", 10); len(hits) != 1 || hits[0].ID != ps["gomez"].ID {
		t.Errorf("MDY practice: 03/15/1980 found %v", hitNames(hits))
	}
}

func TestSearchExplainsUnfinishedAndImpossibleQueries(t *testing.T) {
	s, _ := searchFixture(t)
	ctx := context.Background()
	for _, c := range []struct{ query, hint string }{
		{"31/02/1980", "is not a date"},
		{"15/03/80", "four-digit year"},
		{"15/03", "whole date of birth"},
		{"06", "three digits"},
		{"🌸", "letters of the name"},
		{"?!", "letters of the name"},
	} {
		res, err := s.FindPatients(ctx, c.query, 20)
		if err != nil {
			t.Fatalf("%q: %v", c.query, err)
		}
		if res.Kind != data.SearchUnfinished || len(res.Hits) != 0 || !strings.Contains(res.Hint, c.hint) {
			t.Errorf("search %q = %s %q %v, want a hint with %q", c.query, res.Kind, res.Hint, hitNames(res.Hits), c.hint)
		}
		assertPlainMessage(t, res.Hint)
	}
	// 100 kB pasted into the search field is cut, not an error.
	res, err := s.FindPatients(ctx, strings.Repeat("gomez ", 17000), 20)
	if err != nil || res.Kind != data.SearchName {
		t.Fatalf("100 kB query: %s %v", res.Kind, err)
	}
}

func TestSearchLeavesOutMergedAndDeletedButKeepsTheDeceased(t *testing.T) {
	s, ps := searchFixture(t)
	ctx := context.Background()
	dead := ps["royer"]
	dead.DeceasedDate = data.Date{Year: 2020, Month: 1, Day: 2}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&dead) })
	if hits, _ := s.SearchPatients(ctx, "royer", 10); len(hits) != 1 || hits[0].DeceasedDate != dead.DeceasedDate {
		t.Fatalf("the deceased are found with their date: %+v", hits)
	}
	mustUpdate(t, s, func(tx *data.Tx) error { _, err := tx.MergePatients(ps["roy"].ID, ps["roymartin"].ID); return err })
	mustUpdate(t, s, func(tx *data.Tx) error { p := ps["leroy"]; return tx.Delete(&p) })
	got := strings.Join(hitNames(mustSearch(t, s, "roy")), "|")
	if got != "Roy, Zoé|Royer, Paul" {
		t.Fatalf("after a merge and a deletion, roy finds %s", got)
	}
	// Every reading of the query leaves them out: phone, chart, words.
	for _, q := range []string{ps["roymartin"].ChartNumber, "anne roy", "anne"} {
		for _, h := range mustSearch(t, s, q) {
			if h.ID == ps["roymartin"].ID || h.ID == ps["leroy"].ID {
				t.Errorf("%q finds a merged or deleted patient", q)
			}
		}
	}
	if n, _ := s.CountPatients(ctx); n != len(ps)-2 {
		t.Errorf("CountPatients = %d, want %d", n, len(ps)-2)
	}
}

func TestSearchIndexFollowsRenames(t *testing.T) {
	s, ps := searchFixture(t)
	p := ps["gomez"]
	p.FamilyName, p.Phone = "Fernández", "07 00 00 00 01"
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&p) })
	for q, want := range map[string]int{"gomez": 0, "fernandez": 1, "jose fer": 1, "jose gom": 0, "0612": 0, "0700": 1} {
		if got := len(mustSearch(t, s, q)); got != want {
			t.Errorf("after the rename, %q finds %d, want %d", q, got, want)
		}
	}
}

func TestSearchShowsTheNextAppointment(t *testing.T) {
	s, ps := searchFixture(t)
	pr := data.Practitioner{DisplayName: "Dr Weber", Active: true}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&pr) })
	today := data.DateOf(time.Now().In(mustZone(t, "Europe/Paris")))
	book := func(day data.Date, start data.WallTime, status, reason string) {
		a := data.Appointment{PractitionerID: pr.ID, PatientID: ps["gomez"].ID, Day: day, Start: start, End: start + 15,
			TimeZone: "Europe/Paris", Status: status, CancelReason: reason}
		mustUpdate(t, s, func(tx *data.Tx) error { return tx.Save(&a) })
	}
	book(today.AddDays(-3), 9*60, data.StatusDone, "")
	book(today.AddDays(2), 9*60, data.StatusCancelled, "ill")
	book(today.AddDays(5), 10*60, data.StatusBooked, "")
	book(today.AddDays(9), 11*60, data.StatusBooked, "")
	hits := mustSearch(t, s, "gomez")
	if len(hits) != 1 || hits[0].NextDay != today.AddDays(5) || hits[0].NextStart != 10*60 {
		t.Fatalf("next appointment = %s %s, want %s 10:00", hits[0].NextDay, hits[0].NextStart, today.AddDays(5))
	}
	if h := mustSearch(t, s, "royer"); !h[0].NextDay.IsZero() {
		t.Errorf("a patient without appointments has a next one: %+v", h[0])
	}
}

func mustSearch(t *testing.T, s *data.Store, q string) []data.PatientHit {
	t.Helper()
	hits, err := s.SearchPatients(context.Background(), q, 50)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return hits
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := data.LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
