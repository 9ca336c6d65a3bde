package data_test

import (
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

func TestNewDate(t *testing.T) {
	valid := []data.Date{{2024, 2, 29}, {2000, 2, 29}, {2026, 1, 31}, {2026, 12, 31}, {1, 1, 1}, {9999, 12, 31}, {2026, 4, 30}}
	for _, d := range valid {
		got, err := data.NewDate(d.Year, d.Month, d.Day)
		if err != nil || got != d {
			t.Errorf("NewDate(%v) = %v, %v; want it accepted", d, got, err)
		}
	}
	invalid := []data.Date{{2026, 2, 31}, {2026, 2, 29}, {1900, 2, 29}, {2100, 2, 29}, {2026, 4, 31},
		{2026, 13, 1}, {2026, 0, 10}, {2026, 1, 0}, {2026, 1, 32}, {0, 1, 1}, {10000, 1, 1}, {-5, 1, 1}}
	for _, d := range invalid {
		if got, err := data.NewDate(d.Year, d.Month, d.Day); err == nil {
			t.Errorf("NewDate(%d, %d, %d) = %v; want an error", d.Year, d.Month, d.Day, got)
		}
	}
}

func TestDateFormatParse(t *testing.T) {
	ok := []struct {
		f    data.DateFormat
		in   string
		want data.Date
	}{
		{data.DMY, "25/11/2026", data.Date{2026, 11, 25}},
		{data.DMY, "25.11.2026", data.Date{2026, 11, 25}},
		{data.DMY, "25-11-2026", data.Date{2026, 11, 25}},
		{data.DMY, "5/1/2026", data.Date{2026, 1, 5}},
		{data.DMY, " 05/01/2026 ", data.Date{2026, 1, 5}},
		{data.DMY, "2026-11-25", data.Date{2026, 11, 25}}, // ISO is always understood
		{data.MDY, "11/25/2026", data.Date{2026, 11, 25}},
		{data.MDY, "1/5/2026", data.Date{2026, 1, 5}},
		{data.MDY, "2026-11-25", data.Date{2026, 11, 25}},
		{data.YMD, "2026-11-25", data.Date{2026, 11, 25}},
		{data.YMD, "2026/11/25", data.Date{2026, 11, 25}},
		{data.DMY, "29/02/2024", data.Date{2024, 2, 29}},
		{data.MDY, "02/29/2000", data.Date{2000, 2, 29}},
		{data.DMY, "31/12/9999", data.Date{9999, 12, 31}},
	}
	for _, c := range ok {
		got, err := c.f.Parse(c.in)
		if err != nil || got != c.want {
			t.Errorf("%s.Parse(%q) = %v, %v; want %v", c.f, c.in, got, err, c.want)
		}
	}
	bad := []struct {
		f    data.DateFormat
		in   string
		hint string // a word the message must contain
	}{
		{data.DMY, "31/02/2026", "no day 31"},
		{data.DMY, "30/02/2024", "no day 30"},
		{data.DMY, "29/02/2026", "no day 29"},
		{data.DMY, "29/02/1900", "no day 29"},
		{data.MDY, "02/29/2025", "no day 29"},
		{data.DMY, "31/04/2026", "no day 31"},
		{data.DMY, "25/11/26", "four digits"},
		{data.MDY, "11/25/26", "four digits"},
		{data.DMY, "25/11/026", "four digits"},
		{data.DMY, "25/11/02026", "four digits"},
		{data.DMY, "11/25/2026", "no month 25"}, // an American date in a DMY practice
		{data.MDY, "25/11/2026", "no month 25"},
		{data.DMY, "00/11/2026", "no day 0"},
		{data.DMY, "25/00/2026", "no month 0"},
		{data.DMY, "25/11/0000", "year 0"},
		{data.YMD, "25/11/2026", "2026-11-25"},
		{data.DMY, "", "no date"},
		{data.DMY, "   ", "no date"},
		{data.DMY, "yesterday", "25/11/2026"},
		{data.DMY, "25/11", "25/11/2026"},
		{data.DMY, "25/11/2026/1", "25/11/2026"},
		{data.DMY, "2026-11-25T10:00", "not a date"},
		{data.DMY, "25/nov/2026", "not a date"},
		{data.DMY, "+5/11/2026", "not a date"},
		{data.DMY, "25/11/20x6", "not a date"},
		{data.DMY, "025/11/2026", "not a date"},
		{data.DMY, "2026-011-25", "not a date"},
		{data.DMY, "٢٥/١١/٢٠٢٦", "not a date"}, // Arabic-Indic digits are not guessed at
		{data.DMY, "25 11 2026", "25/11/2026"},
		{data.DMY, "25//11/2026", "25/11/2026"},
		{data.DMY, "25/11.2026", "25/11/2026"},
		{data.DMY, "/25/11/2026", "25/11/2026"},
	}
	for _, c := range bad {
		got, err := c.f.Parse(c.in)
		if err == nil {
			t.Errorf("%s.Parse(%q) = %v; want it refused", c.f, c.in, got)
			continue
		}
		if !got.IsZero() {
			t.Errorf("%s.Parse(%q) returned %v with its error", c.f, c.in, got)
		}
		if !strings.Contains(err.Error(), c.hint) {
			t.Errorf("%s.Parse(%q) error %q does not mention %q", c.f, c.in, err, c.hint)
		}
	}
}

func TestParseISODate(t *testing.T) {
	if d, err := data.ParseISODate("2024-02-29"); err != nil || d != (data.Date{2024, 2, 29}) {
		t.Errorf("ParseISODate(2024-02-29) = %v, %v", d, err)
	}
	for _, s := range []string{"2025-02-29", "2026-02-31", "2026-13-01", "26-11-25", "2026/11/25", "2026-1-25",
		"20261125", "2026-11-25 ", "2026-11-2a", "", "0000-01-01", "2026-+1-25"} {
		if d, err := data.ParseISODate(s); err == nil {
			t.Errorf("ParseISODate(%q) = %v; want an error", s, d)
		}
	}
}

func TestDateFormatRoundTrip(t *testing.T) {
	d := data.Date{2026, 3, 7}
	for _, f := range []data.DateFormat{data.DMY, data.MDY, data.YMD} {
		s := f.Format(d)
		got, err := f.Parse(s)
		if err != nil || got != d {
			t.Errorf("%s: Format %q then Parse = %v, %v", f, s, got, err)
		}
		if ex, err := f.Parse(f.Example()); err != nil || ex != (data.Date{2026, 11, 25}) {
			t.Errorf("%s: the example %q parses as %v, %v", f, f.Example(), ex, err)
		}
	}
	if data.DMY.Format(d) != "07/03/2026" || data.MDY.Format(d) != "03/07/2026" || data.YMD.Format(d) != "2026-03-07" {
		t.Errorf("formats: %s %s %s", data.DMY.Format(d), data.MDY.Format(d), data.YMD.Format(d))
	}
	if data.DMY.Format(data.Date{}) != "" || (data.Date{}).String() != "" {
		t.Error("the zero date must format as empty text")
	}
}

func TestDateArithmetic(t *testing.T) {
	leapBaby := data.Date{2024, 2, 29}
	cases := []struct {
		on   data.Date
		want int
	}{
		{data.Date{2025, 2, 28}, 0}, // common year: the birthday is 1 March
		{data.Date{2025, 3, 1}, 1},
		{data.Date{2028, 2, 28}, 3},
		{data.Date{2028, 2, 29}, 4},
	}
	for _, c := range cases {
		if got := leapBaby.AgeOn(c.on); got != c.want {
			t.Errorf("born %v, age on %v = %d, want %d", leapBaby, c.on, got, c.want)
		}
	}
	if got := (data.Date{2024, 2, 28}).AddDays(1); got != leapBaby {
		t.Errorf("28 Feb 2024 + 1 = %v", got)
	}
	if got := (data.Date{2025, 2, 28}).AddDays(1); got != (data.Date{2025, 3, 1}) {
		t.Errorf("28 Feb 2025 + 1 = %v", got)
	}
	if got := (data.Date{2026, 1, 1}).AddDays(-1); got != (data.Date{2025, 12, 31}) {
		t.Errorf("1 Jan 2026 - 1 = %v", got)
	}
	if n := (data.Date{2026, 3, 28}).DaysUntil(data.Date{2026, 3, 30}); n != 2 {
		t.Errorf("days across the DST change = %d, want 2", n)
	}
	if !(data.Date{2026, 1, 2}).After(data.Date{2025, 12, 31}) || !(data.Date{2026, 2, 1}).Before(data.Date{2026, 2, 2}) {
		t.Error("Before/After are wrong")
	}
}

func TestDateScanValue(t *testing.T) {
	var d data.Date
	if err := d.Scan("2024-02-29"); err != nil || d != (data.Date{2024, 2, 29}) {
		t.Errorf("Scan = %v, %v", d, err)
	}
	if err := d.Scan(nil); err != nil || !d.IsZero() {
		t.Errorf("Scan(nil) = %v, %v", d, err)
	}
	if err := d.Scan([]byte("2026-11-25")); err != nil || d != (data.Date{2026, 11, 25}) {
		t.Errorf("Scan([]byte) = %v, %v", d, err)
	}
	if err := d.Scan("2026-02-31"); err == nil {
		t.Errorf("Scan accepted 31 February: %v", d)
	}
	if err := d.Scan(int64(5)); err == nil {
		t.Error("Scan accepted a number")
	}
	if v, err := (data.Date{}).Value(); v != nil || err != nil {
		t.Errorf("zero Value = %v, %v; want NULL", v, err)
	}
}

func TestParseWallTime(t *testing.T) {
	ok := map[string]data.WallTime{
		"09:30": 9*60 + 30, "9:30": 9*60 + 30, "0930": 9*60 + 30, "00:00": 0, "23:59": 23*60 + 59,
		" 12:05 ": 12*60 + 5, "1200": 12 * 60,
	}
	for in, want := range ok {
		if got, err := data.ParseWallTime(in); err != nil || got != want {
			t.Errorf("ParseWallTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"24:00", "9:5", "12:60", "25:00", "99:99", "-1:30", "9h30", "9.30", "930", "09:30:00",
		"", ":30", "12:", "123:00", "ab:cd", "١٢:٣٠", "9 :30", "+9:30", "2400", "12:5a"} {
		if got, err := data.ParseWallTime(in); err == nil {
			t.Errorf("ParseWallTime(%q) = %v; want it refused", in, got)
		}
	}
	if s := data.WallTime(9*60 + 5).String(); s != "09:05" {
		t.Errorf("String = %q", s)
	}
}

func TestResolveLocal(t *testing.T) {
	paris, err := data.LoadZone("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	ny, err := data.LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	cases := []struct {
		name string
		loc  *time.Location
		day  data.Date
		at   data.WallTime
		want time.Time
		res  data.Resolution
		wall string // what the clocks show at the returned instant
	}{
		{"Paris spring gap", paris, data.Date{2026, 3, 29}, 2*60 + 30, utc(2026, 3, 29, 1, 0), data.Gap, "03:00"},
		{"Paris gap start", paris, data.Date{2026, 3, 29}, 2 * 60, utc(2026, 3, 29, 1, 0), data.Gap, "03:00"},
		{"Paris gap end", paris, data.Date{2026, 3, 29}, 2*60 + 59, utc(2026, 3, 29, 1, 0), data.Gap, "03:00"},
		{"Paris just before the gap", paris, data.Date{2026, 3, 29}, 1*60 + 59, utc(2026, 3, 29, 0, 59), data.Unique, "01:59"},
		{"Paris just after the gap", paris, data.Date{2026, 3, 29}, 3 * 60, utc(2026, 3, 29, 1, 0), data.Unique, "03:00"},
		{"Paris autumn overlap", paris, data.Date{2026, 10, 25}, 2*60 + 30, utc(2026, 10, 25, 0, 30), data.Overlap, "02:30"},
		{"Paris overlap start", paris, data.Date{2026, 10, 25}, 2 * 60, utc(2026, 10, 25, 0, 0), data.Overlap, "02:00"},
		{"Paris after the overlap", paris, data.Date{2026, 10, 25}, 3 * 60, utc(2026, 10, 25, 2, 0), data.Unique, "03:00"},
		{"Paris winter", paris, data.Date{2026, 1, 15}, 9 * 60, utc(2026, 1, 15, 8, 0), data.Unique, "09:00"},
		{"Paris summer", paris, data.Date{2026, 7, 15}, 9 * 60, utc(2026, 7, 15, 7, 0), data.Unique, "09:00"},
		{"Paris midnight", paris, data.Date{2026, 3, 29}, 0, utc(2026, 3, 28, 23, 0), data.Unique, "00:00"},
		{"New York spring gap", ny, data.Date{2026, 3, 8}, 2*60 + 30, utc(2026, 3, 8, 7, 0), data.Gap, "03:00"},
		{"New York autumn overlap", ny, data.Date{2026, 11, 1}, 1*60 + 30, utc(2026, 11, 1, 5, 30), data.Overlap, "01:30"},
		{"New York after the overlap", ny, data.Date{2026, 11, 1}, 2 * 60, utc(2026, 11, 1, 7, 0), data.Unique, "02:00"},
		{"New York evening", ny, data.Date{2026, 11, 1}, 23*60 + 59, utc(2026, 11, 2, 4, 59), data.Unique, "23:59"},
		{"UTC", time.UTC, data.Date{2026, 3, 29}, 2*60 + 30, utc(2026, 3, 29, 2, 30), data.Unique, "02:30"},
	}
	for _, c := range cases {
		got, res := data.ResolveLocal(c.day, c.at, c.loc)
		if !got.Equal(c.want) || res != c.res {
			t.Errorf("%s: ResolveLocal(%v %v) = %v (%v), %d; want %v, %d", c.name, c.day, c.at, got, got.UTC(), res, c.want, c.res)
			continue
		}
		if w := got.In(c.loc).Format("15:04"); w != c.wall {
			t.Errorf("%s: the clocks show %s, want %s", c.name, w, c.wall)
		}
		if got.Location() != c.loc {
			t.Errorf("%s: result in %v, want %v", c.name, got.Location(), c.loc)
		}
	}
}

// Every wall time of every day of a year in several zones resolves to an
// instant that the zone's clocks read as that wall time, except in gaps.
func TestResolveLocalWholeYear(t *testing.T) {
	for _, name := range []string{"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Tehran", "Pacific/Chatham"} {
		loc, err := data.LoadZone(name)
		if err != nil {
			t.Fatal(err)
		}
		gaps, overlaps := 0, 0
		for d := (data.Date{2026, 1, 1}); d.Year == 2026; d = d.AddDays(1) {
			for w := data.WallTime(0); w < 24*60; w += 15 {
				got, res := data.ResolveLocal(d, w, loc)
				y, m, dd := got.In(loc).Date()
				shown := data.WallTime(got.In(loc).Hour()*60 + got.In(loc).Minute())
				switch res {
				case data.Gap:
					gaps++
					// The first valid time: a minute earlier the clocks
					// still showed the old offset, and the wall time
					// they show now is later than the one asked for.
					_, o1 := got.Add(-time.Minute).In(loc).Zone()
					_, o2 := got.In(loc).Zone()
					if o1 >= o2 || got.Second() != 0 {
						t.Errorf("%s %v %v: gap resolved to %v, which is not the first minute after a spring-forward change", name, d, w, got)
					}
					if data.DateOf(got.In(loc)) != d || shown <= w {
						t.Errorf("%s %v %v: gap resolved to %v, not later the same day", name, d, w, got)
					}
				case data.Overlap:
					overlaps++
					// The later reading of the same wall time is a real
					// instant too, so an hour (or 30 min) later reads the same.
					if l1, l2 := got.Add(time.Hour).In(loc), got.Add(30*time.Minute).In(loc); !(l1.Hour()*60+l1.Minute() == int(w) || l2.Hour()*60+l2.Minute() == int(w)) {
						t.Errorf("%s %v %v: flagged as an overlap but the wall time happens once", name, d, w)
					}
					fallthrough
				default:
					if (data.Date{y, m, dd}) != d || shown != w {
						t.Errorf("%s %v %v: resolved to %v, which reads %v %v", name, d, w, got, data.Date{y, m, dd}, shown)
					}
					// The earlier instant: 30 minutes or an hour before must not read the same.
					for _, back := range []time.Duration{30 * time.Minute, time.Hour} {
						e := got.Add(-back).In(loc)
						if e.Hour()*60+e.Minute() == int(w) && data.DateOf(e) == d {
							t.Errorf("%s %v %v: %v is not the earlier instant (%v reads the same)", name, d, w, got, e)
						}
					}
				}
			}
		}
		if name != "Asia/Tehran" && (gaps == 0 || overlaps == 0) {
			t.Errorf("%s: %d gaps and %d overlaps in 2026; the zone has daylight saving", name, gaps, overlaps)
		}
	}
}

func TestLoadZone(t *testing.T) {
	for _, bad := range []string{"", "Local", "Europe/Pariss", "UTC+2", "../etc/passwd"} {
		_, err := data.LoadZone(bad)
		wantCode(t, err, data.EInvalid)
		if !strings.Contains(data.ErrorMessage(err), "Time zone") {
			t.Errorf("LoadZone(%q) message %q", bad, data.ErrorMessage(err))
		}
	}
}

// Messages echo dates in the order the person typed them: a practice
// that writes day first reads 01/02/2999, not 2999-02-01, which it could
// take for a different day.
func TestValidationMessagesWriteDatesInThePracticeFormat(t *testing.T) {
	future := data.Date{Year: 2999, Month: 2, Day: 1}
	first := data.Date{Year: 2026, Month: 3, Day: 10}
	for _, c := range []struct {
		name     string
		validate func(df data.DateFormat) error
		dmy, mdy string
	}{
		{"birth in the future", func(df data.DateFormat) error {
			p := data.Patient{ChartNumber: "A-1", FamilyName: "Dupont", BirthDate: future}
			return p.ValidateAs(df)
		}, "Date of birth: 01/02/2999 is in the future.", "Date of birth: 02/01/2999 is in the future."},
		{"death before birth", func(df data.DateFormat) error {
			p := data.Patient{ChartNumber: "A-1", FamilyName: "Dupont", BirthDate: first, DeceasedDate: first.AddDays(-1)}
			return p.ValidateAs(df)
		}, "Date of death: 09/03/2026 is before the date of birth.", "Date of death: 03/09/2026 is before"},
		{"problem since the future", func(df data.DateFormat) error {
			pb := data.Problem{PatientID: "p", Text: "Asthma", Since: future}
			return pb.ValidateAs(df)
		}, "Since: 01/02/2999 is in the future.", "Since: 02/01/2999"},
		{"medication ending before it starts", func(df data.DateFormat) error {
			m := data.Medication{PatientID: "p", Name: "Paracetamol", From: first, To: first.AddDays(-2)}
			return m.ValidateAs(df)
		}, "To: 08/03/2026 is before the start (10/03/2026).", "To: 03/08/2026 is before the start (03/10/2026)."},
		{"day off ending before it starts", func(df data.DateFormat) error {
			o := data.DayOff{First: first, Last: first.AddDays(-1), Kind: data.OffLeave}
			return o.ValidateAs(df)
		}, "To: 09/03/2026 is before the first day off, 10/03/2026.", "To: 03/09/2026"},
		{"series until before its first day", func(df data.DateFormat) error {
			sr := data.Series{PractitionerID: "x", First: first, Start: 9 * 60, End: 9*60 + 20, TimeZone: "Europe/Paris",
				Freq: data.FreqWeekly, Every: 1, Until: first.AddDays(-7)}
			return sr.ValidateAs(df)
		}, "Until: 03/03/2026 is before the first day, 10/03/2026.", "Until: 03/03/2026 is before the first day, 03/10/2026."},
		{"a time in the spring gap", func(df data.DateFormat) error {
			a := data.Appointment{PractitionerID: "x", Day: data.Date{Year: 2026, Month: 3, Day: 29}, Start: 2*60 + 30, End: 3*60 + 15, TimeZone: "Europe/Paris"}
			return a.ValidateAs(df)
		}, "02:30 on 29/03/2026 does not exist", "02:30 on 03/29/2026 does not exist"},
	} {
		for df, want := range map[data.DateFormat]string{data.DMY: c.dmy, data.MDY: c.mdy} {
			if msg := data.ErrorMessage(c.validate(df)); !strings.Contains(msg, want) {
				t.Errorf("%s in %s: %q, want %q", c.name, df, msg, want)
			}
		}
		// Validate, as the store and the command line call it, writes ISO.
		if msg := data.ErrorMessage(c.validate(data.YMD)); !strings.Contains(msg, "-") {
			t.Errorf("%s in ISO: %q", c.name, msg)
		}
	}
}

// A date-of-birth hint is a date of birth, not today's date.
func TestBirthExampleIsAPlausibleBirthDate(t *testing.T) {
	for _, df := range []data.DateFormat{data.DMY, data.MDY, data.YMD} {
		ex := df.BirthExample()
		d, err := df.Parse(ex)
		if err != nil {
			t.Fatalf("%s: the example %q does not parse: %v", df, ex, err)
		}
		if age := d.AgeOn(data.DateOf(time.Now())); age < 18 || age > 90 {
			t.Errorf("%s: %q is the birth date of someone aged %d", df, ex, age)
		}
	}
}

// The week starts where the practice is: Monday in Europe, Sunday in
// the United States and Israel, Saturday in the Gulf.
func TestFirstWeekday(t *testing.T) {
	for zone, want := range map[string]time.Weekday{
		"Europe/Paris": time.Monday, "Europe/Berlin": time.Monday, "Africa/Dakar": time.Monday, "UTC": time.Monday,
		"America/New_York": time.Sunday, "America/Toronto": time.Sunday, "Asia/Jerusalem": time.Sunday,
		"America/Argentina/Buenos_Aires": time.Monday, "Asia/Dubai": time.Saturday,
	} {
		pr := data.Practice{TimeZone: zone}
		if got := pr.FirstWeekday(); got != want {
			t.Errorf("%s: weeks start on %s, want %s", zone, got, want)
		}
	}
}
