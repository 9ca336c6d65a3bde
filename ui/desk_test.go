package ui

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

func TestNavigationVisitsEveryScreen(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	if d == nil {
		t.Fatal("the desk did not open on a store with a practice")
	}
	if h.win.Content() != d.root {
		t.Fatal("the window does not show the desk")
	}
	if d.current != screenCalendar {
		t.Fatalf("home screen = %q, want the calendar", d.current)
	}
	if !hasText(d.root, "Cabinet Test") {
		t.Error("the top bar does not name the practice")
	}
	if !hasText(d.root, s.User()) {
		t.Errorf("the top bar does not show the user %q", s.User())
	}

	for _, it := range navItems {
		test.Tap(d.rail[it.name])
		if d.current != it.name {
			t.Fatalf("after tapping %s the current screen is %q", it.label, d.current)
		}
		view := d.screens[it.name].view()
		if len(d.center.Objects) != 1 || d.center.Objects[0] != view {
			t.Fatalf("after tapping %s the main area does not show its screen", it.label)
		}
		switch it.name {
		case screenCalendar:
			h.until("the calendar shows the day", func() bool { return len(d.calendar.loaded.Columns) == 2 })
			for _, want := range []string{"Dr Anna Weber", "Dr Paul Roche", "09:00 Jean Dupont", "Consultation", "booked",
				"cancelled", "cancelled: Patient is ill", "arrived", "2 appointments · 1 cancelled"} {
				if !hasText(view, want) {
					t.Errorf("the calendar does not show %q; it shows %q", want, texts(view))
				}
			}
			if !hasText(view, englishWords.dayTitle(f.today)) {
				t.Errorf("the calendar is not on today (%s)", englishWords.dayTitle(f.today))
			}
		case screenPatients:
			h.until("the patient list is filled", func() bool { return len(d.patients.hits) == 4 })
			if !hasText(view, "DUPONT, Jean") {
				t.Errorf("the patient list does not show DUPONT, Jean: %q", texts(view))
			}
		case screenWaiting:
			h.until("the waiting room is loaded", func() bool { return h.desk().screens[screenWaiting].(*waitingScreen).loaded.Day == f.today })
			for _, want := range []string{"Waiting (1)", "Marie Dupuis", "To the room", "Still expected today"} {
				if !hasText(view, want) {
					t.Errorf("the waiting room does not show %q: %q", want, texts(view))
				}
			}
		case screenCalls:
			h.until("the call lists are loaded", func() bool { return !h.desk().screens[screenCalls].(*remindersScreen).loaded.Day.IsZero() })
			if !hasText(view, "Reminder calls") || !hasText(view, "0 appointments to remind") {
				t.Errorf("the call lists do not show the reminders: %q", texts(view))
			}
		case screenSettings:
			h.until("the settings lists are loaded", func() bool { return len(d.settings.refs.Practitioners) == 2 })
			for _, want := range []string{"Dr Anna Weber", "Mon–Sun 08:00–12:00", "Consultation", "20 min", "€25.00"} {
				if !hasText(view, want) {
					t.Errorf("settings do not show %q", want)
				}
			}
		case screenBilling:
			b := h.desk().screens[screenBilling].(*billingScreen)
			h.until("the billing screen is loaded", func() bool { return b.summary.Text != "" })
			for _, want := range []string{"Billing", "To bill today: 0 visits done", "Every visit done today is billed.", "0 invoices"} {
				if !hasText(view, want) {
					t.Errorf("the billing screen does not show %q: %q", want, texts(view))
				}
			}
		case screenReports:
			r := h.desk().screens[screenReports].(*reportsScreen)
			h.until("the aging report is loaded", func() bool { return r.aging.ready })
			for _, want := range []string{"Reports", "Unpaid invoices", "0 invoices · €0.00 due"} {
				if !hasText(view, want) {
					t.Errorf("the reports screen does not show %q: %q", want, texts(view))
				}
			}
		case screenLetters:
			l := h.desk().lettersScreen()
			h.until("the letters are loaded", func() bool { return len(l.loaded.Refs.Practitioners) == 2 })
			for _, want := range []string{"Letters", "0 letters", "New letter…", "Recall letters…", "Templates…"} {
				if !hasText(view, want) {
					t.Errorf("the Letters screen does not show %q: %q", want, texts(view))
				}
			}
		default:
			// Every screen of the rail is built: a new one brings its check.
			t.Errorf("%s: this test has no check for the screen", it.label)
		}
	}
}

func TestPatientSearchFromTopBar(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	test.Type(d.search, "dup")
	if d.current != screenPatients {
		t.Fatalf("typing in the search did not show the Patients screen (current %q)", d.current)
	}
	h.until("the search for dup is shown", func() bool { return strings.Contains(d.patients.info.Text, "“dup”") })
	got := []string{}
	for _, hit := range d.patients.hits {
		got = append(got, hit.FamilyName)
	}
	if strings.Join(got, ",") != "Dupont,Dupuis" {
		t.Fatalf("search dup found %v, want Dupont,Dupuis", got)
	}
	view := d.patients.view()
	for _, want := range []string{"DUPONT, Jean", "DUPUIS, Marie", f.dupont.ChartNumber, "15/03/1980", "06 12 34 56 78"} {
		if !hasText(view, want) {
			t.Errorf("the list does not show %q: %q", want, texts(view))
		}
	}
	if hasText(view, "MARTIN, Paul") {
		t.Error("the list shows MARTIN, Paul for the query dup")
	}

	// Typing on narrows the list; nothing stale comes back.
	test.Type(d.search, "u")
	h.until("the search for dupu is shown", func() bool { return strings.Contains(d.patients.info.Text, "“dupu”") })
	if len(d.patients.hits) != 1 || d.patients.hits[0].ID != f.dupuis.ID {
		t.Fatalf("search dupu found %+v", d.patients.hits)
	}

	// Selecting a row opens the file and records the read.
	d.patients.list.Select(0)
	h.until("the file is open", func() bool { return d.patients.file.patient.ID == f.dupuis.ID })
	if !hasText(d.patients.file.view(), "DUPUIS, Marie") || !hasText(d.patients.file.view(), "06 98 76 54 32") {
		t.Errorf("the file does not show the patient: %q", texts(d.patients.file.view()))
	}
	trail, err := s.AuditTrail(context.Background(), "patients", f.dupuis.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) == 0 || trail[0].Action != "read" || trail[0].Detail != "opened the file" {
		t.Fatalf("opening the file was not audited: %+v", trail)
	}
}

func TestStaleSearchResultsAreDropped(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	p := h.desk().patients
	h.until("the calendar is loaded", func() bool { return len(h.desk().calendar.loaded.Columns) > 0 })
	h.wait(h.desk().show(screenPatients))
	// The search for "mar" finishes, but its result reaches the UI
	// goroutine only after a newer search for "dur" has been shown.
	p.query = "mar"
	first := p.search(0)
	var late func()
	select {
	case late = <-h.queue:
	case <-time.After(hangAfter):
		t.Fatal("the search for mar never finished")
	}
	p.query = "dur"
	h.wait(p.search(0))
	if len(p.hits) != 1 || p.hits[0].FamilyName != "Durand" {
		t.Fatalf("the search for dur shows %+v", p.hits)
	}
	late()
	h.wait(first)
	if len(p.hits) != 1 || p.hits[0].FamilyName != "Durand" || strings.Contains(p.info.Text, "mar") {
		t.Fatalf("the stale result of mar replaced the list: %+v (%q)", p.hits, p.info.Text)
	}
	// A debounced search overtaken before its timer fires is over too.
	p.query = "x"
	pending := p.searchSoon()
	p.query = "dup"
	h.wait(p.search(0))
	h.wait(pending)
	if len(p.hits) != 2 {
		t.Fatalf("after the debounced search was overtaken the list holds %+v", p.hits)
	}
}

func TestCtrlFFocusesTheSearchFromAFormField(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	test.Tap(d.rail[screenSettings])
	c := h.win.Canvas()
	c.Focus(d.settings.form.phone)
	if c.Focused() != d.settings.form.phone {
		t.Fatal("the phone field did not take the focus")
	}
	// A focused entry gets shortcuts before the window does.
	d.settings.form.phone.TypedShortcut(findShortcut)
	if c.Focused() != d.search {
		t.Fatalf("Ctrl+F in a form field focused %T, not the search", c.Focused())
	}
	c.Unfocus()
	c.(fyne.Shortcutable).TypedShortcut(findShortcut)
	if c.Focused() != d.search {
		t.Fatal("Ctrl+F with nothing focused did not focus the search")
	}
}

func TestSettingsRefusesInvalidCurrencyThenSaves(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	test.Tap(d.rail[screenSettings])
	st := d.settings
	form := st.form
	if !st.save.Disabled() {
		t.Fatal("Save is enabled before anything changed")
	}

	form.currency.SetText("")
	test.Type(form.currency, "EURO")
	msg := form.problem(fieldCurrency)
	if !strings.Contains(msg, "Currency") || !strings.Contains(msg, "ISO 4217") {
		t.Fatalf("the currency field says %q for EURO", msg)
	}
	if !hasText(st.view(), msg) {
		t.Error("the currency problem is not on screen")
	}
	if !st.save.Disabled() {
		t.Fatal("Save is enabled with an invalid currency")
	}
	test.Tap(st.save)
	if pr, _ := s.Practice(context.Background()); pr.Currency != "EUR" {
		t.Fatalf("an invalid currency reached the store: %q", pr.Currency)
	}

	form.currency.SetText("")
	test.Type(form.currency, "chf")
	form.name.SetText("")
	test.Type(form.name, "Cabinet des Lilas")
	if msg := form.problem(fieldCurrency); msg != "" {
		t.Fatalf("chf is refused: %q", msg)
	}
	if st.save.Disabled() {
		t.Fatal("Save stays disabled on a valid change")
	}
	test.Tap(st.save)
	h.until("the settings are saved", func() bool { return st.result.Text == "Saved." })
	pr, err := s.Practice(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if pr.Currency != "CHF" || pr.Name != "Cabinet des Lilas" {
		t.Fatalf("the store holds %q %q, want CHF and Cabinet des Lilas", pr.Currency, pr.Name)
	}
	if d.practiceName.Text != "Cabinet des Lilas" || !strings.Contains(h.win.Title(), "Cabinet des Lilas") {
		t.Errorf("the top bar (%q) or title (%q) kept the old name", d.practiceName.Text, h.win.Title())
	}
	if !st.save.Disabled() {
		t.Error("Save is still enabled after saving")
	}
	h.until("fees are shown in CHF", func() bool { return hasText(st.view(), "CHF\u00a025.00") })
}

func TestSettingsKeepsWhatWasTypedWhenSavingFails(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.show(screenSettings))
	st := d.settings
	st.form.phone.SetText("")
	test.Type(st.form.phone, "01 23 45 67 89")
	if st.save.Disabled() {
		t.Fatal("Save is disabled on a valid change")
	}
	s.Close() // the disk is gone
	h.wait(st.doSave())
	if !strings.HasPrefix(st.result.Text, "Not saved: ") || strings.Contains(st.result.Text, "sql") {
		t.Fatalf("the failure reads %q", st.result.Text)
	}
	if st.form.phone.Text != "01 23 45 67 89" {
		t.Fatalf("the typed phone was lost: %q", st.form.phone.Text)
	}
	if st.save.Disabled() {
		t.Error("Save cannot be tried again")
	}
}

func TestFirstStartFormOnEmptyStore(t *testing.T) {
	s := emptyStore(t)
	h := newHarness(t, s)
	if h.sh.desk != nil || h.sh.setup == nil {
		t.Fatal("an empty store did not get the first-start form")
	}
	su := h.sh.setup
	if h.win.Content() != su.content {
		t.Fatal("the window does not show the first-start form")
	}
	if su.form.currency.Text != "EUR" {
		t.Errorf("currency defaults to %q, want EUR", su.form.currency.Text)
	}
	if _, err := data.LoadZone(su.form.zone.Text); err != nil {
		t.Errorf("the proposed time zone %q is not a zone", su.form.zone.Text)
	}
	if !su.create.Disabled() {
		t.Fatal("the practice can be created without a name")
	}
	test.Type(su.form.name, "Cabinet Neuf")
	su.form.zone.SetText("")
	test.Type(su.form.zone, "Europe/Nowhere")
	if !strings.Contains(su.form.problem(fieldZone), "Time zone") || !su.create.Disabled() {
		t.Fatalf("a wrong zone is accepted: %q", su.form.problem(fieldZone))
	}
	su.form.zone.SetText("Europe/Brussels")
	if su.create.Disabled() {
		t.Fatalf("a valid first start cannot be saved: %v", texts(su.content))
	}
	test.Tap(su.create)
	// Then the first administrator: the practice cannot be used without.
	h.until("the first administrator is asked for", func() bool { return h.sh.admin != nil })
	pr, err := s.Practice(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if pr.Name != "Cabinet Neuf" || pr.Currency != "EUR" || pr.TimeZone != "Europe/Brussels" || pr.DateFormat != data.DMY {
		t.Fatalf("stored practice %+v", pr)
	}
	u := firstAdmin(h, "Hélène Roux", testPassword)
	if u.Login != "helene.roux" || u.Role != data.RoleAdmin {
		t.Fatalf("the first administrator is %+v", u)
	}
	if h.win.Content() != h.sh.desk.root {
		t.Fatal("the window does not show the desk after the first start")
	}
}

// What the store's opening check finds (here: saved changes missing, the
// audit log behind its anchor) is said in the status line.
func TestStatusLineSaysWhatTheOpeningCheckFound(t *testing.T) {
	s, _ := fixtureStore(t)
	testUser(t, s, data.RoleAdmin) // the desk's user, saved before the damage refuses writes
	dir := s.Dir()
	s.Close()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_delete`, `DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 2 FROM audit_log)`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err = data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	// A second store on the same folder learns what the check finds.
	probe, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := data.ErrorMessage(<-probe.Verified())
	probe.Close()
	if want == "" {
		t.Fatal("the opening check found nothing")
	}
	h := newHarness(t, s)
	d := h.desk()
	d.watchOpeningCheck() // as Run does after the first frame
	h.until("the status line says what the check found", func() bool { return d.message.Text == want })
}

// firstAdmin fills in the first administrator's form, checks that a
// common or short password is refused, creates them and waits for the
// desk; it returns the user the desk opened for.
func firstAdmin(h *harness, name, password string) data.User {
	h.t.Helper()
	fa := h.sh.admin
	if h.win.Content() != fa.content || h.focused() != fyne.Focusable(fa.form.fullName) {
		h.t.Fatal("the first administrator's form is not on show with the cursor in its name")
	}
	h.typeKeys(name)
	for _, bad := range []string{"qwertyuiop", "short"} {
		fa.form.password.SetText("")
		fa.form.repeat.SetText("")
		test.Type(fa.form.password, bad)
		test.Type(fa.form.repeat, bad)
		if !fa.create.Disabled() || !fa.form.msgs[data.FieldPassword].Visible() {
			h.t.Fatalf("the password %q is accepted", bad)
		}
	}
	fa.form.password.SetText("")
	fa.form.repeat.SetText("")
	test.Type(fa.form.password, password)
	test.Type(fa.form.repeat, password+"x")
	if !fa.create.Disabled() || !strings.Contains(fa.form.msgs[fieldRepeat].Text, "differ") {
		h.t.Fatal("two different passwords are accepted")
	}
	fa.form.repeat.SetText("")
	test.Type(fa.form.repeat, password)
	if fa.create.Disabled() {
		h.t.Fatalf("a valid administrator cannot be created: %q", texts(fa.content))
	}
	h.press(fyne.KeyReturn) // Enter creates, as the button does
	h.until("the desk opens", func() bool { return h.sh.desk != nil })
	a := h.store.Actor()
	u, err := h.store.UserByLogin(context.Background(), a.Name)
	if err != nil || !a.IsUser() {
		h.t.Fatalf("the desk opened, acting for %+v (%v)", a, err)
	}
	if !hasText(h.sh.desk.root, name+" · Administrator") {
		h.t.Error("the top bar does not name the administrator")
	}
	return u
}

func TestPracticeWithoutUsersAsksForTheFirstAdministrator(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newSignedOutHarness(t, s, Options{Logf: t.Logf})
	if h.sh.desk != nil || h.sh.admin == nil {
		t.Fatal("a practice without users opened without its first administrator")
	}
	firstAdmin(h, "Anna Weber", testPassword)
	n := 0
	err := s.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND user = 'anna.weber'`).Scan(&n)
	if err != nil || n != 1 {
		t.Fatalf("%d sign-in rows for the first administrator (%v)", n, err)
	}
}
