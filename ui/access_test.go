package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// clinicalFixture is the fixture with clinical records in Dupont's file:
// a problem, a weight and a note.
func clinicalFixture(t *testing.T) (*data.Store, fixture) {
	t.Helper()
	s, f := fixtureStore(t)
	err := s.Update(context.Background(), func(tx *data.Tx) error {
		if err := tx.AddAllergy(&data.Allergy{PatientID: f.dupont.ID, Substance: "Penicillin", Severity: data.SeveritySevere}); err != nil {
			return err
		}
		if err := tx.Save(&data.Problem{PatientID: f.dupont.ID, Text: "Asthma", Status: data.ProblemActive}); err != nil {
			return err
		}
		if err := tx.Save(&data.Vital{PatientID: f.dupont.ID, Kind: data.VitalWeight, Taken: time.Now().Add(-time.Hour), Value: 812}); err != nil {
			return err
		}
		return tx.AddNote(&data.Note{PatientID: f.dupont.ID, Text: "Wheezing since Monday."})
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, f
}

// typeInto puts the cursor in e and types text on the keyboard.
func typeInto(h *harness, e fyne.Focusable, text string) {
	h.t.Helper()
	h.win.Canvas().Focus(e)
	h.typeKeys(text)
}

func TestSignInFormRefusesAWrongPasswordThenWaits(t *testing.T) {
	s, _ := fixtureStore(t)
	testUser(t, s, data.RoleAdmin)
	testUser(t, s, data.RoleSecretary)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.SetSignInClock(func() time.Time { return now })
	h := newSignedOutHarness(t, s, Options{Logf: t.Logf})
	si := h.sh.signin
	if si == nil || h.win.Content() != si.content || h.focused() != fyne.Focusable(si.name) {
		t.Fatal("the window does not open on the sign-in form with the cursor in the name")
	}
	if hasText(si.content, "Dupont") {
		t.Fatal("the sign-in form shows patient data")
	}
	h.typeKeys("secretary")
	h.press(fyne.KeyTab)
	try := func(password string) string {
		t.Helper()
		h.win.Canvas().Focus(si.password)
		h.typeKeys(password)
		h.press(fyne.KeyReturn)
		h.until("the sign-in is checked", func() bool { return !si.busy })
		return si.message.Text
	}
	for i := 0; i < 3; i++ {
		if msg := try("not my password"); !strings.Contains(msg, "not right") || si.password.Text != "" {
			t.Fatalf("attempt %d: %q, password field %q", i+1, msg, si.password.Text)
		}
	}
	// The fourth attempt comes too soon, right password or not.
	if msg := try(testPassword); !strings.Contains(msg, "wait 5 s") || h.sh.desk != nil {
		t.Fatalf("after three failures: %q (desk open: %v)", msg, h.sh.desk != nil)
	}
	now = now.Add(5 * time.Second)
	try(testPassword)
	h.until("the desk opens", func() bool { return h.sh.desk != nil })
	if !hasText(h.desk().root, "Test secretary · Secretary") {
		t.Errorf("the top bar does not name the secretary: %q", texts(h.desk().root))
	}
}

// lockedHarness is the fixture's desk signed in as role, with the idle
// lock's clock and timer in the test's hands.
type idleClock struct {
	now     time.Time
	pending func()
	armed   time.Duration
}

func newIdleHarness(t *testing.T, s *data.Store, role data.Role) (*harness, *idleClock) {
	t.Helper()
	h := newSignedOutHarness(t, s, Options{Logf: t.Logf})
	clk := &idleClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	h.sh.idle.now = func() time.Time { return clk.now }
	h.sh.idle.after = func(d time.Duration, f func()) func() {
		clk.pending, clk.armed = f, d
		return func() { clk.pending = nil }
	}
	h.signInAs(role)
	return h, clk
}

// fire runs the idle timer as time.AfterFunc would once its time came.
func (c *idleClock) fire(h *harness) {
	h.t.Helper()
	f := c.pending
	if f == nil {
		h.t.Fatal("no idle timer is armed")
	}
	c.pending = nil
	f()
	h.drain()
}

func TestLockHidesThePatientDataAndKeepsTheHalfTypedForm(t *testing.T) {
	s, f := fixtureStore(t)
	h, _ := newIdleHarness(t, s, data.RoleSecretary)
	d := h.desk()
	// A booking half typed, over the calendar that names the patients.
	h.press(fyne.KeyN, fyne.KeyModifierShortcutDefault)
	h.until("Ctrl+N opens a booking", func() bool { return d.calendar.form != nil })
	form := d.calendar.form
	h.wait(form.proposed)
	typeInto(h, form.notes, "Bring the X-rays")
	before := form.notes.Text
	if !hasText(d.root, f.dupont.FamilyName) {
		t.Fatal("the calendar does not show the fixture's patients")
	}

	h.press(fyne.KeyL, fyne.KeyModifierShortcutDefault) // Ctrl+L, from inside the form
	si := h.sh.signin
	if si == nil || h.win.Content() != si.content {
		t.Fatal("Ctrl+L did not lock the desk")
	}
	if len(h.win.Canvas().Overlays().List()) != 0 || topModal(h.win.Canvas()) != nil {
		t.Fatal("the booking dialog stays on show over the lock screen")
	}
	if hasText(h.win.Content(), f.dupont.FamilyName) || hasText(h.win.Content(), "Bring the X-rays") {
		t.Fatal("the lock screen shows patient data")
	}
	// The desk's keys do not reach the hidden desk.
	h.press(fyne.KeyN, fyne.KeyModifierShortcutDefault)
	h.press(fyne.KeyF, fyne.KeyModifierShortcutDefault)
	if len(h.win.Canvas().Overlays().List()) != 0 || h.win.Content() != si.content {
		t.Fatal("a shortcut reached the locked desk")
	}
	// A wrong password keeps it locked; the right one gives it back.
	typeInto(h, si.password, "wrong password")
	h.press(fyne.KeyReturn)
	h.until("the password is checked", func() bool { return !si.busy })
	if h.sh.locked() == false || !strings.Contains(si.message.Text, "not right") {
		t.Fatalf("a wrong password: locked %v, %q", h.sh.locked(), si.message.Text)
	}
	typeInto(h, si.password, testPassword)
	h.press(fyne.KeyReturn)
	h.until("the desk is unlocked", func() bool { return !h.sh.locked() })
	if h.win.Content() != d.root || h.desk() != d {
		t.Fatal("unlocking did not give the same desk back")
	}
	if topModal(h.win.Canvas()) != form.m || form.notes.Text != before || before == "" || h.focused() != fyne.Focusable(form.notes) {
		t.Fatalf("the booking came back as %q, focus on %T", form.notes.Text, h.focused())
	}
	var rows []string
	rs, err := s.ReadDB().Query(`SELECT action || ':' || detail FROM audit_log WHERE user = 'secretary' AND action IN ('lock', 'unlock', 'sign_in_failed') ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	for rs.Next() {
		var r string
		rs.Scan(&r)
		rows = append(rows, r)
	}
	rs.Close()
	if strings.Join(rows, " ") != "lock:button sign_in_failed:wrong password unlock:" {
		t.Fatalf("audit of the lock: %q", rows)
	}
}

func TestIdleTimeLocksTheDesk(t *testing.T) {
	s, _ := fixtureStore(t)
	h, clk := newIdleHarness(t, s, data.RoleSecretary)
	if limit := h.sh.idle.limit(); limit != 5*time.Minute || clk.armed != idleRecheck {
		t.Fatalf("the idle time is %v, want the default 5 minutes; the timer is armed for %v, want %v", limit, clk.armed, idleRecheck)
	}
	// Typing three minutes in postpones the lock: the timer looks again
	// when it fires and waits for the rest, looking at the clock again a
	// minute later at most.
	clk.now = clk.now.Add(3 * time.Minute)
	typeInto(h, h.desk().search, "dup")
	clk.now = clk.now.Add(2 * time.Minute)
	clk.fire(h)
	if h.sh.locked() || clk.armed != idleRecheck {
		t.Fatalf("5 minutes after start, 2 after typing: locked %v, next look in %v", h.sh.locked(), clk.armed)
	}
	// The mouse moving over the window counts too (the driver asks the
	// sensor under the content for its cursor on every move).
	clk.now = clk.now.Add(2 * time.Minute)
	h.desk().sensor.Cursor()
	clk.now = clk.now.Add(time.Minute)
	clk.fire(h)
	if h.sh.locked() {
		t.Fatal("the desk locked a minute after the mouse moved")
	}
	clk.now = clk.now.Add(210 * time.Second)
	clk.fire(h)
	if h.sh.locked() || clk.armed != 30*time.Second {
		t.Fatalf("4½ minutes after the mouse moved: locked %v, next look in %v, want the 30 s left", h.sh.locked(), clk.armed)
	}
	clk.now = clk.now.Add(5 * time.Minute)
	clk.fire(h)
	if !h.sh.locked() {
		t.Fatal("five idle minutes did not lock the desk")
	}
	if clk.pending != nil {
		t.Error("a locked desk keeps a timer armed")
	}
}

// A laptop closed with the desk open sleeps: its timers stand still, and
// the first move of the mouse in the morning would have counted as
// someone using the desk. The desk locks at that first touch (the wall
// clock says the idle time has passed), and the timer, which looks at
// the clock every minute, locks it anyway.
func TestALaptopThatSleptUnlockedLocksWhenItWakes(t *testing.T) {
	s, _ := fixtureStore(t)
	for _, wake := range []string{"the mouse moves", "the timer fires"} {
		h, clk := newIdleHarness(t, s, data.RoleSecretary)
		clk.now = clk.now.Add(9 * time.Hour) // the night, no timer fired
		if wake == "the mouse moves" {
			h.desk().sensor.Cursor()
			h.drain()
		} else {
			clk.fire(h)
		}
		if !h.sh.locked() {
			t.Errorf("after a night asleep, %s: the desk is not locked", wake)
		}
	}
}

func TestSwitchUserAtTheLockScreen(t *testing.T) {
	s, f := fixtureStore(t)
	testUser(t, s, data.RolePractitioner)
	h, _ := newIdleHarness(t, s, data.RoleSecretary)
	old := h.desk()
	h.press(fyne.KeyN, fyne.KeyModifierShortcutDefault)
	h.until("Ctrl+N opens a booking", func() bool { return old.calendar.form != nil })
	test.Tap(old.lockBtn)
	si := h.sh.signin
	if si == nil || si.nameBlock.Visible() {
		t.Fatal("the lock screen asks for a name before Switch user")
	}
	test.Tap(si.switchBtn)
	if !si.nameBlock.Visible() || h.focused() != fyne.Focusable(si.name) {
		t.Fatal("Switch user does not ask for the name")
	}
	h.typeKeys("practitioner")
	typeInto(h, si.password, testPassword)
	h.press(fyne.KeyReturn)
	h.until("the practitioner's desk opens", func() bool { return h.desk() != nil && h.desk() != old })
	if topModal(h.win.Canvas()) != nil || len(h.win.Canvas().Overlays().List()) != 0 {
		t.Fatal("the secretary's booking stayed open for the practitioner")
	}
	if a := s.Actor(); a.Name != "practitioner" || !hasText(h.desk().root, "Test practitioner · Practitioner") {
		t.Fatalf("after switching the store acts for %q", a.Name)
	}
	// And the practitioner sees the clinical records the secretary did not.
	file := openFile(h, f.dupont.FamilyName)
	if file.glass[tabClinical].content.Visible() {
		t.Fatal("the practitioner is asked to break the glass")
	}
}

// roleView is what one role finds on the desk's screens.
type roleView struct {
	settingsWhole, users, audit         bool
	summaryClinical, banner, clinicalOK bool
	canBook, canEdit, canAddAllergy     bool
}

// TestRoleScreenAndActionMatrix signs in as each role and looks, through
// the real widgets, at what each screen shows and allows.
func TestRoleScreenAndActionMatrix(t *testing.T) {
	want := map[data.Role]roleView{
		data.RoleAdmin:        {true, true, true, true, true, true, true, true, true},
		data.RolePractitioner: {false, false, false, true, true, true, true, true, true},
		data.RoleSecretary:    {false, false, false, false, true, false, true, true, false},
		data.RoleBilling:      {false, false, false, false, false, false, false, false, false},
	}
	s, f := clinicalFixture(t)
	for _, role := range data.Roles {
		h := newSignedOutHarness(t, s, Options{Logf: t.Logf})
		h.signInAs(role)
		d := h.desk()
		var got roleView
		h.wait(d.show(screenSettings))
		got.settingsWhole = d.settings.usersBtn != nil && hasText(d.settings.content, "Practitioners")
		h.wait(d.show(screenUsers))
		got.users = hasText(d.center, "Test admin")
		h.wait(d.show(screenAudit))
		got.audit = len(d.screens[screenAudit].(*auditScreen).rows) > 0
		// Every role finds the patient.
		file := openFile(h, f.dupont.FamilyName)
		got.summaryClinical = hasText(file.summary.content, "Asthma")
		if hidden := hasText(file.summary.content, "Not shown to your role."); hidden == got.summaryClinical {
			t.Errorf("%s: the Summary neither shows nor says it hides the problems", role)
		}
		got.banner = file.banner.Visible() && strings.Contains(file.banner.Text(), "Penicillin")
		h.wait(file.showTab(tabClinical))
		got.clinicalOK = !file.glass[tabClinical].content.Visible()
		if got.clinicalOK == hasText(file.fileView, "Wheezing since Monday.") == false {
			t.Errorf("%s: the Clinical tab's view and its note disagree", role)
		}
		got.canEdit = !file.editBtn.Disabled()
		got.canAddAllergy = !file.summary.addAllergy.Disabled() && file.summary.addAllergy.Visible()
		// Ctrl+N books, or says why not.
		d.calendar.form = nil
		h.press(fyne.KeyN, fyne.KeyModifierShortcutDefault)
		h.drain()
		got.canBook = d.calendar.form != nil
		if !got.canBook && !strings.Contains(d.message.Text, "booking appointments") {
			t.Errorf("%s: Ctrl+N did nothing and said %q", role, d.message.Text)
		}
		closeTopModal(h.win.Canvas())
		if got != want[role] {
			t.Errorf("%s sees\n %+v, want\n %+v", role, got, want[role])
		}
	}
}

func TestBreakTheGlassOpensTheClinicalTab(t *testing.T) {
	s, f := clinicalFixture(t)
	h := newSignedOutHarness(t, s, Options{Logf: t.Logf})
	h.signInAs(data.RoleSecretary)
	file := openFile(h, f.dupont.FamilyName)
	h.wait(file.showTab(tabClinical))
	g := file.glass[tabClinical]
	if !g.content.Visible() || hasText(file.fileView, "Wheezing") {
		t.Fatal("the secretary sees the clinical tab")
	}
	typeInto(h, g.reason, "why")
	h.press(fyne.KeyReturn)
	h.until("the reason is refused", func() bool { return g.msg.Visible() })
	if !strings.Contains(g.msg.Text, "why you need the file") {
		t.Fatalf("a three-letter reason: %q", g.msg.Text)
	}
	g.reason.SetText("")
	typeInto(h, g.reason, "Dr Weber asked for the asthma plan by phone")
	h.press(fyne.KeyReturn)
	h.until("the notes show", func() bool { return hasText(file.fileView, "Wheezing since Monday.") })
	if g.content.Visible() || len(file.loaded.Problems) != 1 || file.loaded.Hidden.Clinical {
		t.Fatal("after breaking the glass the file still hides its records")
	}
	var n int
	if err := s.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'break_glass' AND user = 'secretary' AND entity_id = ?
		AND detail = 'Dr Weber asked for the asthma plan by phone'`, f.dupont.ID).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d break-the-glass rows (%v)", n, err)
	}
}

func TestDemoSignsItsSecretaryInAndARealPracticeAsks(t *testing.T) {
	s, _ := fixtureStore(t)
	testUser(t, s, data.RoleAdmin)
	testUser(t, s, data.RoleSecretary)
	h := newSignedOutHarness(t, s, Options{Logf: t.Logf, Demo: true, AutoSignIn: &Credentials{Login: "secretary", Password: testPassword}})
	h.until("the demo signs in", func() bool { return h.sh.desk != nil })
	if a := s.Actor(); a.Name != "secretary" || !hasText(h.desk().root, "signed in automatically (demo)") {
		t.Fatalf("the demo opened for %q, top bar %q", a.Name, texts(h.desk().root))
	}
	s.SignOut(context.Background())
	// Without credentials (a real practice) the form waits for a person.
	h2 := newSignedOutHarness(t, s, Options{Logf: t.Logf})
	h2.drain()
	if h2.sh.desk != nil || h2.sh.signin == nil || s.Actor().IsUser() {
		t.Fatal("a real practice opened without asking")
	}
}

func TestUsersScreenAddsAUserWhoCanSignIn(t *testing.T) {
	s, f := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.show(screenSettings))
	test.Tap(d.settings.usersBtn)
	us := d.screens[screenUsers].(*usersScreen)
	h.wait(us.shown())
	ud := us.openForm(nil)
	typeInto(h, ud.form.fullName, "Marie Dubois")
	if ud.form.login.Text != "marie.dubois" {
		t.Fatalf("the sign-in name proposed for Marie Dubois is %q", ud.form.login.Text)
	}
	ud.form.role.SetSelectedIndex(0) // secretary
	ud.form.practitioner.SetSelectedIndex(0)
	typeInto(h, ud.form.password, "password123")
	typeInto(h, ud.form.repeat, "password123")
	if !ud.save.Disabled() || !strings.Contains(ud.form.msgs[data.FieldPassword].Text, "most used") {
		t.Fatalf("a common password is accepted: %q", ud.form.msgs[data.FieldPassword].Text)
	}
	ud.form.password.SetText("")
	ud.form.repeat.SetText("")
	typeInto(h, ud.form.password, "lilac-window-7")
	typeInto(h, ud.form.repeat, "lilac-window-7")
	test.Tap(ud.form.clinical)
	test.Tap(ud.save)
	h.wait(ud.done)
	h.until("the list shows her", func() bool { return hasText(us.list, "Marie Dubois") })
	u, err := s.UserByLogin(context.Background(), "marie.dubois")
	if err != nil || u.Role != data.RoleSecretary || len(u.Grants) != 1 || u.Grants[0] != data.RightClinicalRead {
		t.Fatalf("saved %+v, %v", u, err)
	}
	if _, err := s.SignIn(context.Background(), "marie.dubois", "lilac-window-7"); err != nil {
		t.Fatalf("the new user cannot sign in: %v", err)
	}
	// Granted the clinical records, she sees Dupont's notes.
	if notes, err := s.Notes(context.Background(), f.dupont.ID); err != nil {
		t.Fatalf("a granted secretary reading notes: %v (%d)", err, len(notes))
	}
}

func TestAuditScreenFiltersPagesAndExports(t *testing.T) {
	s, f := clinicalFixture(t)
	ctx := context.Background()
	sec := testUser(t, s, data.RoleSecretary)
	s.ActAs(sec)
	for i := 0; i < 4; i++ {
		if err := s.AuditRead(ctx, "read", "patients", f.martin.ID, "opened the file"); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, s)
	d := h.desk()
	a := d.screens[screenAudit].(*auditScreen)
	h.wait(d.show(screenAudit))
	if len(a.rows) < 10 {
		t.Fatalf("the audit screen lists %d rows", len(a.rows))
	}
	for i := 1; i < len(a.rows); i++ {
		if a.rows[i].At > a.rows[i-1].At {
			t.Fatal("the rows are not newest first")
		}
	}
	// By patient, by chart number.
	typeInto(h, a.chart, f.dupont.ChartNumber)
	h.press(fyne.KeyReturn)
	h.until("the patient's rows show", func() bool { return a.loaded.patient.ID == f.dupont.ID })
	for _, e := range a.rows {
		if e.EntityID == f.martin.ID {
			t.Fatal("another patient's row under the filter by patient")
		}
	}
	if !hasText(a.content, "Rows about") {
		t.Error("the screen does not say whose rows it shows")
	}
	// By user and action.
	a.chart.SetText("")
	a.setChoice(a.user, a.users, "secretary")
	a.setChoice(a.action, a.actions, "read")
	h.wait(a.search())
	if len(a.rows) != 4 {
		t.Fatalf("the secretary's reads: %d rows, want 4", len(a.rows))
	}
	// A date that is not one is said, not searched.
	a.clearFilter()
	h.drain()
	typeInto(h, a.from, "31/02/2026")
	h.press(fyne.KeyReturn)
	if !strings.Contains(a.problem.Text, "is not a date") {
		t.Fatalf("a wrong date: %q", a.problem.Text)
	}
	a.from.SetText("")
	// Pages: a small page size, Older and Newer.
	auditPageSize = 3
	defer func() { auditPageSize = 200 }()
	h.wait(a.search())
	first := a.rows[0].ID
	if len(a.rows) != 3 || a.older.Disabled() || !a.newer.Disabled() {
		t.Fatalf("page 1: %d rows, older enabled %v", len(a.rows), !a.older.Disabled())
	}
	test.Tap(a.older)
	h.until("page 2 shows", func() bool { return a.query.page == 1 && len(a.rows) > 0 && a.rows[0].ID != first })
	test.Tap(a.newer)
	h.until("page 1 shows again", func() bool { return a.query.page == 0 && a.rows[0].ID == first })
	// The export, through the one output writer, which audits it.
	auditPageSize = 200
	a.setChoice(a.user, a.users, "secretary")
	h.wait(a.search())
	dir := t.TempDir()
	h.wait(a.exportTo(dir))
	files, _ := filepath.Glob(filepath.Join(dir, "audit-*.csv"))
	if len(files) != 1 {
		t.Fatalf("export files %v; status %q", files, d.message.Text)
	}
	b, _ := os.ReadFile(files[0])
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "at_utc,user,action,entity,entity_id,detail,device,seq" || len(lines) != 1+len(a.rows) {
		t.Fatalf("the export has %d lines for %d rows: %q", len(lines), len(a.rows), lines[0])
	}
	var n int
	if err := s.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'audit_log' AND user = 'admin'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d audit rows of the export", n)
	}
}

func TestCtrlLIsInTheHelp(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	h.desk().showHelp()
	if !hasText(h.win.Canvas().Overlays().Top(), "Lock the desk") {
		t.Fatal("Help does not list Ctrl+L")
	}
}

func TestTheLockTimeIsSetInUsers(t *testing.T) {
	s, _ := fixtureStore(t)
	h, clk := newIdleHarness(t, s, data.RoleAdmin)
	d := h.desk()
	us := d.screens[screenUsers].(*usersScreen)
	h.wait(d.show(screenUsers))
	us.minutes.SetText("90")
	h.wait(us.saveMinutes())
	if !us.minMsg.Visible() || !strings.Contains(us.minMsg.Text, "from 1 to 60") {
		t.Fatalf("90 minutes: %q", us.minMsg.Text)
	}
	us.minutes.SetText("2")
	h.wait(us.saveMinutes())
	if pr, err := s.Practice(context.Background()); err != nil || pr.LockMinutes != 2 {
		t.Fatalf("stored lock time %d (%v)", pr.LockMinutes, err)
	}
	// The timer armed for the old 5 minutes looks again after 2 idle
	// minutes would have passed, and locks.
	clk.now = clk.now.Add(2 * time.Minute)
	clk.fire(h)
	if !h.sh.locked() {
		t.Fatal("two idle minutes did not lock a desk set to lock after 2")
	}
}

// paperworkFixture is clinicalFixture with Dupont's paperwork: the
// default templates, a draft letter, a call to follow up today and an
// unpaid invoice.
func paperworkFixture(t *testing.T) (*data.Store, fixture) {
	t.Helper()
	s, f := clinicalFixture(t)
	ctx := context.Background()
	pr, err := s.Practice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.AddDefaultTemplates(); err != nil {
			return err
		}
		if err := tx.Save(&data.WaitlistEntry{PatientID: f.dupuis.ID, PractitionerID: f.anna.ID, Before: f.today.AddDays(20)}); err != nil {
			return err
		}
		if err := tx.SaveLetterDraft(&data.Letter{PatientID: f.dupont.ID, PractitionerID: f.anna.ID, Date: f.today,
			Subject: "Referral", Body: "About {{problems}}."}); err != nil {
			return err
		}
		if err := tx.LogCall(&data.Call{PatientID: f.dupont.ID, Direction: data.CallIn, Summary: "Asks about the inhaler.",
			FollowUp: f.today}); err != nil {
			return err
		}
		rate := data.TaxRate{Name: "Exempt", ExemptionText: "VAT exempt: medical care", Active: true}
		if err := tx.Save(&rate); err != nil {
			return err
		}
		fee := data.FeeItem{Code: "CONS", Description: "Consultation", Price: 3000, TaxRateID: rate.ID, Active: true}
		if err := tx.Save(&fee); err != nil {
			return err
		}
		inv := data.NewDraft(f.dupont, pr, f.today)
		inv.Lines = append(inv.Lines, data.LineFromFee(fee, rate, 1, f.today))
		if err := tx.SaveDraft(&inv); err != nil {
			return err
		}
		_, err := tx.FinalizeInvoice(inv.ID, f.today)
		return err
	})
	return s, f
}

// paperView is what one role finds of the letters, the call log, the
// books and the settings that are not the Users and audit screens.
type paperView struct {
	lettersScreen, lettersTab, followUps, recallLetters bool
	billingScreen, billingTab, takePayment, reports     bool
	feeSchedule, backups, waitlistActions               bool
}

// TestRoleMatrixOfLettersBillingReportsAndSettings goes on with
// TestRoleScreenAndActionMatrix over the screens that came after it:
// billing sees the books but no letters or calls (they carry clinical
// content), and only the administrator finds the fee schedule and the
// backups in Settings.
func TestRoleMatrixOfLettersBillingReportsAndSettings(t *testing.T) {
	all := paperView{true, true, true, true, true, true, true, true, true, true, true}
	desk := paperView{true, true, true, true, true, true, true, true, false, false, true}
	want := map[data.Role]paperView{
		data.RoleAdmin:        all,
		data.RolePractitioner: desk,
		data.RoleSecretary:    desk,
		data.RoleBilling:      {false, false, false, false, true, true, true, true, false, false, false},
	}
	s, f := paperworkFixture(t)
	for _, role := range data.Roles {
		h := newSignedOutHarness(t, s, Options{Logf: t.Logf})
		h.signInAs(role)
		d := h.desk()
		h.drain()
		if strings.Contains(d.message.Text, "access") {
			t.Errorf("%s: the desk opens saying %q", role, d.message.Text)
		}
		var got paperView
		// The Letters screen, and what it says when it shows nothing.
		h.wait(d.show(screenLetters))
		l := d.lettersScreen()
		got.lettersScreen = len(l.loaded.Letters) == 1 && hasText(d.center, f.dupont.ChartNumber)
		if refused := hasText(d.center, "does not give access to letters and the call log"); refused == got.lettersScreen {
			t.Errorf("%s: the Letters screen neither lists the letter nor says why not", role)
		}
		// The call lists: the follow-ups tab, and the recall letters.
		h.wait(d.show(screenCalls))
		r := d.screens[screenCalls].(*remindersScreen)
		h.drain()
		if strings.Contains(d.message.Text, "access") {
			t.Errorf("%s: the call lists failed: %q", role, d.message.Text)
		}
		got.followUps = len(r.tabs.Items) == 4 && len(r.loaded.FollowUps) == 1
		got.recallLetters = r.recallLetters.Visible()
		r.tabs.SelectIndex(1)
		var finds []*widget.Button
		h.until("the waitlist is drawn", func() bool {
			finds = findButtons(r.tabs.Selected().Content, "Find a slot")
			return len(finds) == 1
		})
		got.waitlistActions = !finds[0].Disabled()
		r.tabs.SelectIndex(0)
		// The patient file's Letters and calls, and Billing tabs.
		file := openFile(h, f.dupont.FamilyName)
		h.wait(file.showTab(tabLetters))
		got.lettersTab = len(file.letters.loaded.Letters) == 1 && hasText(file.fileView, "Asks about the inhaler.")
		if refused := hasText(file.fileView, "does not give access to letters"); refused == got.lettersTab {
			t.Errorf("%s: the Letters and calls tab neither lists nor says why not", role)
		}
		h.wait(file.showTab(tabBilling))
		got.billingTab = len(file.billing.invoices.rows) == 1 && hasText(file.billing.account, "30.00")
		got.takePayment = file.billing.payBtn.Visible() && !file.billing.payBtn.Disabled()
		// The Billing and Reports screens.
		h.wait(d.show(screenBilling))
		b := d.screens[screenBilling].(*billingScreen)
		got.billingScreen = len(b.loaded.Invoices) == 1 && len(b.invoices.rows) == 1
		h.wait(d.show(screenReports))
		rp := d.screens[screenReports].(*reportsScreen)
		got.reports = rp.aging.ready && len(rp.aging.loaded.Rows) == 1
		// Settings: the fee schedule and the backups.
		h.wait(d.show(screenSettings))
		got.feeSchedule = hasText(d.center, "Fee schedule")
		got.backups = hasText(d.center, "Backups")
		if got != want[role] {
			t.Errorf("%s sees\n %+v, want\n %+v", role, got, want[role])
		}
		// What the screens hide, the store refuses.
		if _, err := s.Letters(context.Background(), data.LetterFilter{}); (err == nil) != want[role].lettersScreen {
			t.Errorf("%s: the store's letters: %v", role, err)
		}
	}
}

// TestBreakTheGlassIsListedForTheAdministrator: the audit screen's
// "Break-the-glass openings" lists who opened which file and why, and
// nothing else.
func TestBreakTheGlassIsListedForTheAdministrator(t *testing.T) {
	s, f := clinicalFixture(t)
	ctx := context.Background()
	s.ActAs(testUser(t, s, data.RoleSecretary))
	if err := s.BreakGlass(ctx, f.dupont.ID, "Dr Weber asked for the asthma plan by phone"); err != nil {
		t.Fatal(err)
	}
	if err := s.AuditRead(ctx, "read", "patients", f.martin.ID, "opened the file"); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	d := h.desk()
	a := d.screens[screenAudit].(*auditScreen)
	h.wait(d.show(screenAudit))
	if len(a.rows) < 3 {
		t.Fatalf("the audit screen lists %d rows", len(a.rows))
	}
	test.Tap(a.glass)
	h.until("only the openings show", func() bool { return len(a.rows) == 1 })
	e := a.rows[0]
	if e.Action != "break_glass" || e.User != "secretary" || e.EntityID != f.dupont.ID {
		t.Fatalf("the opening listed: %+v", e)
	}
	if !hasText(a.content, "Dr Weber asked for the asthma plan by phone") {
		t.Errorf("the reason is not on screen: %q", texts(a.content))
	}
}
