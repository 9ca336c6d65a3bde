package demo_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"testing"
	"time"
	"unicode"

	_ "github.com/mattn/go-sqlite3"

	"frontdesk/data"
	"frontdesk/data/demo"
)

var fixedDay = data.Date{Year: 2026, Month: 11, Day: 25}

func generate(t *testing.T, o demo.Options) (*data.Store, demo.Stats) {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st, err := demo.Generate(context.Background(), s, o, nil)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return s, st
}

func small() demo.Options {
	return demo.Options{Seed: 7, Patients: 400, Days: 60, Practitioners: 3, Today: fixedDay, Now: 10 * 60}
}

// digest hashes the rows of the tables a seed must reproduce.
func digest(t *testing.T, s *data.Store) string {
	t.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT id, chart_number, family_name, given_name, sex, birth_date, phone, email, address FROM patients ORDER BY id`,
		`SELECT id, practitioner_id, patient_id, type_id, start_local, end_local, status, cancel_reason FROM appointments ORDER BY id`,
	} {
		rows, err := s.ReadDB().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, vals)
			n++
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if n == 0 {
			t.Fatalf("%s: no rows to compare", q)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestSameSeedSamePractice(t *testing.T) {
	a, sa := generate(t, small())
	b, sb := generate(t, small())
	if sa.Patients != sb.Patients || sa.Appointments != sb.Appointments {
		t.Fatalf("stats differ: %+v vs %+v", sa, sb)
	}
	if da, db := digest(t, a), digest(t, b); da != db {
		t.Fatalf("same seed gave different rows")
	}
	o := small()
	o.Seed = 8
	c, _ := generate(t, o)
	if digest(t, a) == digest(t, c) {
		t.Fatalf("another seed gave the same rows")
	}
}

// The same seed on the same day gives the same practice at any hour: the
// statuses of today follow a time of day the seed picks, not the clock.
func TestSameDayAnyHourSamePractice(t *testing.T) {
	paris, err := data.LoadZone("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	at := func(hour, minute int) demo.Options {
		o := small()
		o.Today, o.Now = data.Date{}, 0
		o.Clock = func() time.Time { return time.Date(2026, 11, 25, hour, minute, 0, 0, paris) }
		return o
	}
	early, se := generate(t, at(8, 5))
	late, sl := generate(t, at(17, 40))
	if se.Appointments != sl.Appointments || se.Patients != sl.Patients {
		t.Errorf("stats differ: %+v and %+v", se, sl)
	}
	ctx := context.Background()
	for name, export := range map[string]func(s *data.Store) func(context.Context, io.Writer) error{
		"appointments": func(s *data.Store) func(context.Context, io.Writer) error { return s.ExportAppointments },
		"patients":     func(s *data.Store) func(context.Context, io.Writer) error { return s.ExportPatients },
	} {
		a, b := exportBytes(t, ctx, export(early)), exportBytes(t, ctx, export(late))
		if len(a) < 1000 {
			t.Fatalf("the %s export is only %d bytes", name, len(a))
		}
		if string(a) != string(b) {
			t.Errorf("the %s exports of 08:05 and 17:40 differ", name)
		}
	}
	if a, b := statusTimes(t, early), statusTimes(t, late); a != b {
		t.Error("the status times of 08:05 and 17:40 differ")
	}
	// Today's waiting room is not empty: some have arrived or are in the room.
	var waiting int
	if err := early.ReadDB().QueryRow(`SELECT COUNT(*) FROM appointments
		WHERE start_local LIKE '2026-11-25%' AND status IN ('arrived', 'in_room', 'done')`).Scan(&waiting); err != nil {
		t.Fatal(err)
	}
	if waiting == 0 {
		t.Error("nobody has come in yet today")
	}
}

func exportBytes(t *testing.T, ctx context.Context, export func(context.Context, io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := export(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// statusTimes hashes every appointment's status and the times stamped
// with it, which the exports leave out.
func statusTimes(t *testing.T, s *data.Store) string {
	t.Helper()
	rows, err := s.ReadDB().Query(`SELECT id, status, booked_at, confirmed_at, arrived_at, in_room_at, done_at, no_show_at, cancelled_at
		FROM appointments ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	n := 0
	for rows.Next() {
		var id, status string
		var times [7]int64
		if err := rows.Scan(&id, &status, &times[0], &times[1], &times[2], &times[3], &times[4], &times[5], &times[6]); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(h, id, status, times)
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no appointments")
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestDemoIsBelievableAndValid(t *testing.T) {
	s, st := generate(t, small())
	ctx := context.Background()
	if st.Patients != 400 || st.Practitioners != 3 {
		t.Fatalf("stats = %+v", st)
	}
	rep, err := data.Check(ctx, s.Dir())
	if err != nil || !rep.OK() {
		t.Fatalf("Check = %+v, %v", rep, err)
	}

	// Appointments per practitioner on full working days: about 25–35.
	rows, err := s.ReadDB().Query(`SELECT practitioner_id, substr(start_local, 1, 10) AS day, COUNT(*)
		FROM appointments GROUP BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	var days, busy int
	for rows.Next() {
		var pr, day string
		var n int
		if err := rows.Scan(&pr, &day, &n); err != nil {
			t.Fatal(err)
		}
		days++
		if n > 36 {
			t.Errorf("%s has %d appointments on %s", pr, n, day)
		}
		if n >= 22 {
			busy++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if days == 0 || busy*10 < days*7 {
		t.Errorf("only %d of %d practitioner-days have 22 or more appointments", busy, days)
	}

	count := func(q string) int {
		t.Helper()
		var n int
		if err := s.ReadDB().QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}

	// Statuses: past days are done, no-show or cancelled; the future is booked or confirmed.
	past := count(`SELECT COUNT(*) FROM appointments WHERE start_local < '2026-11-25'`)
	future := count(`SELECT COUNT(*) FROM appointments WHERE start_local >= '2026-11-26'`)
	cancelled := count(`SELECT COUNT(*) FROM appointments WHERE status = 'cancelled'`)
	if past == 0 || future == 0 || cancelled == 0 {
		t.Fatalf("past %d, future %d, cancelled %d appointments: nothing to judge", past, future, cancelled)
	}
	wrongPast := count(`SELECT COUNT(*) FROM appointments WHERE start_local < '2026-11-25' AND status NOT IN ('done','no_show','cancelled')`)
	wrongFuture := count(`SELECT COUNT(*) FROM appointments WHERE start_local >= '2026-11-26' AND status NOT IN ('booked','confirmed','cancelled')`)
	cancelledNoReason := count(`SELECT COUNT(*) FROM appointments WHERE status = 'cancelled' AND cancel_reason = ''`)
	if wrongPast+wrongFuture+cancelledNoReason != 0 {
		t.Errorf("statuses out of place: past %d, future %d, cancelled without reason %d", wrongPast, wrongFuture, cancelledNoReason)
	}

	// Names from several scripts, with accents and hyphens.
	rows, err = s.ReadDB().Query(`SELECT family_name || ' ' || given_name FROM patients`)
	if err != nil {
		t.Fatal(err)
	}
	var arabic, hebrew, accented, hyphen int
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		for _, r := range name {
			switch {
			case unicode.Is(unicode.Arabic, r):
				arabic++
			case unicode.Is(unicode.Hebrew, r):
				hebrew++
			case r > 0x7f && unicode.IsLetter(r):
				accented++
			case r == '-':
				hyphen++
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if arabic == 0 || hebrew == 0 || accented == 0 || hyphen == 0 {
		t.Errorf("names lack variety: arabic %d, hebrew %d, accented %d, hyphens %d", arabic, hebrew, accented, hyphen)
	}

	// Nobody is seen before birth or after death.
	if n := count(`SELECT COUNT(*) FROM patients WHERE deceased_date IS NOT NULL AND deceased_date > birth_date`); n == 0 {
		t.Fatal("no patient has died: nothing to judge")
	}
	impossible := count(`SELECT COUNT(*) FROM appointments a JOIN patients p ON p.id = a.patient_id
		WHERE substr(a.start_local, 1, 10) < p.birth_date OR substr(a.start_local, 1, 10) >= p.deceased_date`)
	if impossible != 0 {
		t.Errorf("%d appointments before birth or after death", impossible)
	}
}

func TestRefusesExistingPractice(t *testing.T) {
	s, _ := generate(t, small())
	_, err := demo.Generate(context.Background(), s, small(), nil)
	if data.ErrorCode(err) != data.EConflict {
		t.Fatalf("second Generate: %v, want a conflict", err)
	}
}

func TestDemoHasOneUserPerRoleWithTheSharedPassword(t *testing.T) {
	o := small()
	o.Patients, o.Days = 20, 5
	s, _ := generate(t, o)
	ctx := context.Background()
	users, err := s.Users(ctx) // the generating program acts as an administrator
	if err != nil {
		t.Fatal(err)
	}
	roles := map[data.Role]data.User{}
	for _, u := range users {
		roles[u.Role] = u
	}
	for _, r := range data.Roles {
		if _, ok := roles[r]; !ok {
			t.Errorf("no demo user is a %s", r)
		}
	}
	if roles[data.RolePractitioner].PractitionerID == "" {
		t.Error("the demo practitioner is not linked to a calendar column")
	}
	u, err := s.SignIn(ctx, demo.SecretaryLogin, demo.Password)
	if err != nil || u.Role != data.RoleSecretary {
		t.Fatalf("signing in as the demo secretary: %+v, %v", u, err)
	}
	s2, _ := generate(t, o)
	if again, _ := s2.UserByLogin(ctx, demo.AdminLogin); again.PasswordHash != roles[data.RoleAdmin].PasswordHash {
		t.Error("the same seed gave the demo users another hash")
	}
}
