package interop

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"frontdesk/data"
	"frontdesk/data/i18n"
)

// newStore opens an empty practice under the test's folder.
func newStore(t testing.TB) *data.Store {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.SetUser("test")
	err = s.Update(context.Background(), func(tx *data.Tx) error {
		return tx.Save(&data.Practice{Name: "Cabinet", Currency: "EUR", TimeZone: "Europe/Paris"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// encoders write text as each program saves its CSV files.
var encoders = map[Encoding]func(string) []byte{
	UTF8:    func(s string) []byte { return []byte(s) },
	UTF8BOM: func(s string) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, s...) },
	Windows1252: func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			panic(err)
		}
		return []byte(b)
	},
	UTF16LE: func(s string) []byte {
		b, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
		return []byte(b)
	},
	UTF16BE: func(s string) []byte {
		b, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(s)
		return []byte(b)
	},
}

// dateForms write a date as files do; the first fixture patient's day
// (25) is above 12, so the file settles its own order.
var dateForms = map[string]func(d data.Date) string{
	"iso":      func(d data.Date) string { return d.String() },
	"dmy":      func(d data.Date) string { return fmt.Sprintf("%02d/%02d/%d", d.Day, d.Month, d.Year) },
	"mdy":      func(d data.Date) string { return fmt.Sprintf("%d/%d/%d", d.Month, d.Day, d.Year) },
	"dots":     func(d data.Date) string { return fmt.Sprintf("%d.%02d.%d", d.Day, d.Month, d.Year) },
	"compact":  func(d data.Date) string { return fmt.Sprintf("%d%02d%02d", d.Year, d.Month, d.Day) },
	"midnight": func(d data.Date) string { return d.String() + " 00:00:00" },
}

var fixture = []data.Patient{
	{FamilyName: "Lefèvre", GivenName: "Zoé", Sex: data.SexFemale, BirthDate: data.Date{Year: 1989, Month: 5, Day: 25},
		Phone: "06 12 34 56 78", Address: "12 rue de l'Église\n69001 Lyon"},
	{FamilyName: "Gómez", GivenName: "José", Sex: data.SexMale, BirthDate: data.Date{Year: 1975, Month: 3, Day: 4},
		Phone: "+34 612 345 678", Address: "Calle Mayor 1; 2º\n28013 Madrid"},
	{FamilyName: "O'Brien, Jr", GivenName: "Seán", Sex: data.SexUnknown, BirthDate: data.Date{Year: 2001, Month: 12, Day: 1},
		Address: "3 \"The Lanes\"\nD02 Dublin"},
}

// writeCSV writes the fixture as a spreadsheet would: the header in a
// language, every value that needs it in quotes, two empty columns the
// spreadsheet kept after the last one.
func writeCSV(delim byte, date func(data.Date) string, header string) string {
	var b strings.Builder
	d := string(delim)
	b.WriteString(strings.ReplaceAll(header, ",", d) + d + d + "\r\n")
	quote := func(s string) string {
		if strings.ContainsAny(s, "\"\n"+d) {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		return s
	}
	for _, p := range fixture {
		street, town, _ := strings.Cut(p.Address, "\n")
		post, city, _ := strings.Cut(town, " ")
		sex := map[string]string{data.SexFemale: "F", data.SexMale: "M", data.SexUnknown: ""}[p.Sex]
		vals := []string{p.FamilyName, p.GivenName, date(p.BirthDate), sex, p.Phone, street, post, city}
		for i, v := range vals {
			vals[i] = quote(v)
		}
		b.WriteString(strings.Join(vals, d) + d + d + "\r\n")
	}
	return b.String()
}

var headers = []string{
	"Nom,Prénom,Date de naissance,Sexe,Téléphone,Adresse,Code postal,Ville",
	"LAST,FIRST,BIRTHDATE,GENDER,PHONE,ADDRESS,ZIP,CITY",
	"Apellidos,Nombre,Fecha de nacimiento,Sexo,Teléfono,Dirección,Código postal,Localidad",
	"PatientLastName,PatientFirstName,DateOfBirth,Sex,MobilePhone,Street,PostCode,Town",
}

// TestCheckReadsEveryDelimiterEncodingAndDateForm reads the same
// patients written with every delimiter, in every encoding and date
// form, under headers in three languages and an export's, and finds
// them as they were.
func TestCheckReadsEveryDelimiterEncodingAndDateForm(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	for _, delim := range []byte{',', ';', '\t'} {
		for enc, encode := range encoders {
			for form, date := range dateForms {
				header := headers[(int(delim)+len(form)+len(enc))%len(headers)]
				name := fmt.Sprintf("%q/%s/%s", delim, enc, form)
				src, err := Read(strings.NewReader(string(encode(writeCSV(delim, date, header)))), "patients.csv")
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if src.Encoding != enc || src.Delimiter != delim {
					t.Errorf("%s: read as %s with %q", name, src.Encoding, src.Delimiter)
				}
				plan, err := Check(ctx, s, src, Choices{}, nil)
				if err != nil {
					t.Fatalf("%s (header %q, columns %q): %v", name, header, src.Columns, err)
				}
				if len(plan.Lines) != 0 || plan.ToImport != len(fixture) {
					t.Errorf("%s: %d to import, report %+v", name, plan.ToImport, plan.Lines)
					continue
				}
				if !reflect.DeepEqual(plan.patients, fixture) {
					t.Errorf("%s:\n%+v\nwant\n%+v", name, plan.patients, fixture)
				}
			}
		}
	}
}

// keysOf lists the catalogue keys of a line's issues; a date the parser
// refused is named by the parser's own key.
func keysOf(issues []data.Issue) []i18n.Key {
	var out []i18n.Key
	for _, is := range issues {
		k := is.Key
		if k == "problem.about_field" {
			for i := 0; i+1 < len(is.Args); i += 2 {
				if m, ok := is.Args[i+1].(i18n.Message); ok && is.Args[i] == "Problem" {
					k = m.Key
				}
			}
		}
		out = append(out, k)
	}
	return out
}

// messy is a file as they come: trailing empty columns, a quoted line
// break, blank rows, and every kind of line the report must name.
const messy = "LAST,FIRST,BIRTHDATE,GENDER,PHONE,ADDRESS,CITY,ZIP,DECEASED,,\n" +
	"Dupont,Jean,25/05/1989,M,0612345678,\"12 rue X\nBât. B\",Lyon,69001,,,\n" + // 2-3
	"Martin,Paul,31/02/1990,M,,,,,,,\n" + // 4: no 31 February
	"Durand,Léa,01/01/1980,F,,\"5 rue Y,Nantes,44000,,,\n" + // 5: a quote not closed on its line
	"Petit,Luc,01/02/1970,M,3.3612345678E+10,,,,,,\n" + // 6: a phone number made a number
	"Roux,Max,32653,M,,,,,,,\n" + // 7: a date made a day number
	"R2-D2,Robot,01/01/2000,X,,,,,,,\n" + // 8: digits in a name, kept
	"Dupont,Jean,25/05/1989,M,0612345678,\"12 rue X\nBât. B\",Lyon,69001,,,\n" + // 9-10: line 2 again
	"Dupont,Jean,25/05/1989,M,0699999999,,,,,,\n" + // 11: same person as line 2, other details
	",,,,,,,,,,\n" + // 12: a blank row
	"Blanc,Eve,01/01/2000,F,,,,,,,extra\n" + // 13: a value beyond the columns
	"Morel,Ann,1/2/85,F,,,,,,,\n" + // 14: a two-digit year
	"Vieux,Jules,03/03/1920,M,,,,,14/07/2001,,\n" + // 15: deceased, with the date
	"Ancien,Marc,04/04/1930,M,,,,,yes,,\n" + // 16: deceased, without it
	"Lefevre,Anne,15/06/1975,F,0600000000,,,,,,\n" + // 17: already in the practice as Lefèvre
	"Sanchez,Ana,1975-06-15 14:30,maybe,,,,,,,\n" // 18: a time of day, a sex nobody writes

func TestCheckReportsEveryBadLineByNumber(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	existing := data.Patient{FamilyName: "Lefèvre", GivenName: "Anne", BirthDate: data.Date{Year: 1975, Month: 6, Day: 15}, Sex: data.SexFemale}
	if err := s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&existing) }); err != nil {
		t.Fatal(err)
	}
	src, err := Read(strings.NewReader(messy), "messy.csv")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := Check(ctx, s, src, Choices{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Line, Last int
		Outcome    Outcome
		Keys       []i18n.Key
	}
	var got []line
	for _, l := range plan.Lines {
		got = append(got, line{l.Line, l.LastLine, l.Outcome, keysOf(l.Issues)})
	}
	want := []line{
		{4, 4, Refused, []i18n.Key{"date.parse.impossible"}},
		{5, 9, Refused, []i18n.Key{"import.line.stray_quote"}}, // closed by line 9's quote; reading resumed at line 6,
		{6, 6, Refused, []i18n.Key{"import.problem.number_mangled"}},
		{7, 7, Refused, []i18n.Key{"import.problem.serial_date"}},
		{8, 8, Noted, []i18n.Key{"import.note.name_characters"}},
		{9, 10, Skipped, []i18n.Key{"import.skip.line"}},
		{11, 11, Noted, []i18n.Key{"import.note.duplicate_line"}},
		{13, 13, Refused, []i18n.Key{"import.line.too_many_values"}},
		{14, 14, Refused, []i18n.Key{"date.parse.year_digits"}},
		{16, 16, Refused, []i18n.Key{"import.problem.deceased_no_date"}},
		{17, 17, Noted, []i18n.Key{"import.note.duplicate_existing"}},
		{18, 18, Refused, []i18n.Key{"import.problem.time_of_day", "import.problem.sex"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report:\n%+v\nwant\n%+v", got, want)
	}
	if plan.ToImport != 5 || plan.Noted != 3 || plan.Skipped != 1 || plan.Refused != 8 || plan.Blank != 1 {
		t.Errorf("counts: %d to import (%d noted), %d skipped, %d refused, %d blank",
			plan.ToImport, plan.Noted, plan.Skipped, plan.Refused, plan.Blank)
	}
	byName := map[string]data.Patient{}
	for _, p := range plan.patients {
		byName[p.FamilyName+" "+p.Phone] = p
	}
	if p := byName["Dupont 0612345678"]; p.Address != "12 rue X\nBât. B\n69001 Lyon" {
		t.Errorf("the quoted line break: address %q", p.Address)
	}
	if p := byName["R2-D2 "]; p.GivenName != "Robot" || p.Sex != data.SexOther {
		t.Errorf("the odd name was not kept as written: %+v", p)
	}
	if p := byName["Vieux "]; p.DeceasedDate != (data.Date{Year: 2001, Month: 7, Day: 14}) {
		t.Errorf("the date of death: %+v", p.DeceasedDate)
	}
	if e := plan.Lines[10].Issues[0]; !strings.Contains(e.Message, "A-000001") {
		t.Errorf("the likely duplicate does not name the patient already there: %q", e.Message)
	}
}

// TestDateOrderFromTheWholeFile settles the order from any date of the
// file, asks when nothing settles it, and refuses an order the file
// contradicts.
func TestDateOrderFromTheWholeFile(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	read := func(text string) *Source {
		src, err := Read(strings.NewReader(text), "dates.csv")
		if err != nil {
			t.Fatal(err)
		}
		return src
	}
	born := func(pl *Plan) []string {
		var out []string
		for _, p := range pl.patients {
			out = append(out, p.BirthDate.String())
		}
		return out
	}
	// One date at the end settles the order of the first.
	pl, err := Check(ctx, s, read("nom;naissance\nA;03/04/1985\nB;1990-01-02\nC;04/13/1970\n"), Choices{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"1985-03-04", "1990-01-02", "1970-04-13"}; !reflect.DeepEqual(born(pl), want) {
		t.Errorf("month first: %v, want %v", born(pl), want)
	}
	// Nothing settles it: Check asks, and reads in the order chosen.
	ambiguous := read("nom;naissance\nA;03/04/1985\nB;05/06/1990\n")
	_, err = Check(ctx, s, ambiguous, Choices{}, nil)
	var e *data.Error
	if !errors.As(err, &e) || e.Key != "import.error.date_order" {
		t.Fatalf("no order asked for: %v", err)
	}
	pl, err = Check(ctx, s, ambiguous, Choices{DateOrder: data.DMY}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"1985-04-03", "1990-06-05"}; !reflect.DeepEqual(born(pl), want) {
		t.Errorf("day first: %v, want %v", born(pl), want)
	}
	// An order against the file's own proof is refused.
	_, err = Check(ctx, s, read("nom;naissance\nA;03/04/1985\nB;25/12/1990\n"), Choices{DateOrder: data.MDY}, nil)
	if !errors.As(err, &e) || e.Key != "import.error.date_order_contradicted" {
		t.Fatalf("a contradicted order was taken: %v", err)
	}
	// A file that writes both ways: the ambiguous dates are refused, the others read.
	pl, err = Check(ctx, s, read("nom;naissance\nA;25/12/1990\nB;12/25/1991\nC;03/04/1985\n"), Choices{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Refused != 1 || pl.Lines[0].Line != 4 || keysOf(pl.Lines[0].Issues)[0] != "import.problem.date_mixed" {
		t.Errorf("mixed orders: %+v", pl.Lines)
	}
}

func TestCheckNeedsAFamilyNameColumnOnce(t *testing.T) {
	s := newStore(t)
	src, err := Read(strings.NewReader("a,b\nx,y\n"), "odd.csv")
	if err != nil {
		t.Fatal(err)
	}
	var e *data.Error
	if _, err := Check(context.Background(), s, src, Choices{}, nil); !errors.As(err, &e) || e.Key != "import.error.no_family_column" {
		t.Errorf("no family column: %v", err)
	}
	fam := field(data.FieldFamilyName)
	if _, err := Check(context.Background(), s, src, Choices{Columns: []Target{fam, fam}}, nil); !errors.As(err, &e) || e.Key != "import.error.column_twice" {
		t.Errorf("a column twice: %v", err)
	}
	pl, err := Check(context.Background(), s, src, Choices{Columns: []Target{fam, field(data.FieldGivenName)}}, nil)
	if err != nil || pl.ToImport != 1 {
		t.Errorf("columns chosen by hand: %v %+v", err, pl)
	}
}
