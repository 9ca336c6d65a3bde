package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// harness drives the real window content on Fyne's test driver with a
// real store. The test driver runs fyne.Do at once on the calling
// goroutine, which would let a background load touch widgets while the
// test does; so the desk's do queues instead, and the test goroutine
// runs the queue (as the GL driver's main loop does). All widget work
// then happens on the test goroutine.
type harness struct {
	t     *testing.T
	store *data.Store
	win   fyne.Window
	sh    *shell
	queue chan func()
}

func newHarness(t *testing.T, s *data.Store) *harness {
	t.Helper()
	return newHarnessWith(t, s, Options{Logf: t.Logf})
}

// newHarnessWith is newHarness with options: a desk language. A
// practice that is set up opens signed in as an administrator (created
// when the practice has none), who sees every screen; the tests of
// roles sign in as others (signInAs), those of the sign-in form start
// with newSignedOutHarness.
func newHarnessWith(t *testing.T, s *data.Store, opts Options) *harness {
	t.Helper()
	h := newSignedOutHarness(t, s, opts)
	if h.sh.signin != nil || h.sh.admin != nil {
		h.signInAs(data.RoleAdmin)
	}
	return h
}

// testPassword is the password of the users the tests make.
const testPassword = "tulip-harbour-42"

// testHash is testPassword's hash, made once: argon2id takes a large
// fraction of a second by design.
var testHash = sync.OnceValues(func() (string, error) { return data.HashPassword(testPassword, "", "") })

// testUser returns the active user named after role (creating it, as
// the program itself, when the practice has none).
func testUser(t *testing.T, s *data.Store, role data.Role, grants ...data.Right) data.User {
	t.Helper()
	ctx := context.Background()
	login := string(role)
	if len(grants) > 0 {
		login += "-granted"
	}
	if u, err := s.UserByLogin(ctx, login); err == nil {
		return u
	}
	hash, err := testHash()
	if err != nil {
		t.Fatal(err)
	}
	actor := s.Actor()
	s.SetUser("os:test")
	u := data.User{Login: login, FullName: "Test " + login, Role: role, Grants: grants, PasswordHash: hash, Active: true}
	if err := s.Update(ctx, func(tx *data.Tx) error { return tx.SaveUser(&u) }); err != nil {
		t.Fatalf("creating the %s user: %v", role, err)
	}
	if actor.IsUser() {
		if back, err := s.UserByLogin(ctx, actor.Name); err == nil {
			s.ActAs(back)
		}
	}
	return u
}

// signInAs opens the desk as the test user of role, as a successful
// sign-in does (without the fraction of a second of argon2id: the tests
// of the form itself type the password).
func (h *harness) signInAs(role data.Role, grants ...data.Right) data.User {
	h.t.Helper()
	u := testUser(h.t, h.store, role, grants...)
	pr, err := h.store.Practice(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	h.store.ActAs(u)
	h.sh.enter(pr, u, false)
	return u
}

// newSignedOutHarness is the window as it opens: the first start, the
// first administrator or the sign-in form.
func newSignedOutHarness(t *testing.T, s *data.Store, opts Options) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(deskTheme{})
	w := a.NewWindow("test")
	w.SetPadded(false)
	w.Resize(windowSize)
	h := &harness{t: t, store: s, win: w, queue: make(chan func(), 10000)}
	h.sh = newShell(w, s, opts, func(f func()) { h.queue <- f })
	pr, err := s.Practice(context.Background())
	h.sh.begin(pr, err)
	t.Cleanup(func() { h.drain() })
	return h
}

func (h *harness) desk() *desk { return h.sh.desk }

// hangAfter is how long wait and until give a load before calling it a
// hang. It detects hangs; it does not time anything: under -race on a
// loaded two-core machine a 100 kB paste alone took over 10 s.
const hangAfter = 2 * time.Minute

// wait runs queued UI work until ch is closed.
func (h *harness) wait(ch <-chan struct{}) {
	h.t.Helper()
	deadline := time.After(hangAfter)
	for {
		select {
		case <-ch:
			return
		case f := <-h.queue:
			f()
		case <-deadline:
			h.t.Fatal("timed out waiting for a screen to load")
		}
	}
}

// until runs queued UI work until cond holds.
func (h *harness) until(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.After(hangAfter)
	for !cond() {
		select {
		case f := <-h.queue:
			f()
		case <-deadline:
			h.t.Fatalf("timed out waiting until %s", what)
		}
	}
}

// drain lets background work finish so the store can close cleanly.
func (h *harness) drain() {
	for {
		select {
		case f := <-h.queue:
			f()
		case <-time.After(300 * time.Millisecond):
			return
		}
	}
}

// visitRendered calls fn on every visible object of o's tree as
// rendered, list rows included once laid out. Labels, buttons and texts
// are leaves.
func visitRendered(o fyne.CanvasObject, fn func(o fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *widget.Label, *widget.Button, *canvas.Text:
		return
	case *fyne.Container:
		for _, c := range x.Objects {
			visitRendered(c, fn)
		}
		return
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			visitRendered(c, fn)
		}
	}
}

// texts lists the text of every visible label and text in o's tree, as
// rendered: list rows appear only once the list has laid them out.
func texts(o fyne.CanvasObject) []string {
	var out []string
	visitRendered(o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *canvas.Text:
			out = append(out, x.Text)
		}
	})
	return out
}

func hasText(o fyne.CanvasObject, want string) bool {
	for _, s := range texts(o) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// fixture is what fixtureStore puts in the store.
type fixture struct {
	today   data.Date
	anna    data.Practitioner
	paul    data.Practitioner
	consult data.AppointmentType
	dupont  data.Patient
	dupuis  data.Patient
	martin  data.Patient
	durand  data.Patient
}

// emptyStore is a fresh store with nothing set up.
func emptyStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fixtureStore is a small practice: two practitioners, one appointment
// type, four patients and three appointments today (one cancelled).
// afterTheMorning sets the clock of the screens and the rules so that the
// fixture's visits of today (9:00 to 11:20) are over whatever the hour of
// the run: from noon on the clock is the system's; before noon (a run at
// night) it runs from today's noon, at the system's pace, for the test. A
// clock the test set first (morningClock) is left as it is.
func afterTheMorning(t *testing.T, loc *time.Location) {
	if data.ClockSet() {
		return
	}
	now := time.Now().In(loc)
	noon := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, loc)
	if !now.Before(noon) {
		return
	}
	ahead := noon.Sub(now)
	t.Cleanup(data.SetClock(func() time.Time { return time.Now().Add(ahead) }))
}

func fixtureStore(t *testing.T) (*data.Store, fixture) {
	t.Helper()
	pr := data.Practice{Name: "Cabinet Test", Address: "1 rue de la Paix\n75002 Paris", Currency: "EUR",
		TimeZone: "Europe/Paris", DateFormat: data.DMY}
	afterTheMorning(t, pr.Location())
	s := emptyStore(t)
	var f fixture
	f.today = data.DateOf(nowFunc().In(pr.Location()))
	f.anna = data.Practitioner{DisplayName: "Dr Anna Weber", Speciality: "General practice", Colour: "#1f77b4", Active: true}
	f.paul = data.Practitioner{DisplayName: "Dr Paul Roche", Speciality: "Paediatrics", Colour: "#2ca02c", Active: true}
	f.consult = data.AppointmentType{Name: "Consultation", DurationMin: 20, Colour: "#3366cc", DefaultFee: 2500, Active: true}
	f.dupont = data.Patient{FamilyName: "Dupont", GivenName: "Jean", BirthDate: data.Date{Year: 1980, Month: 3, Day: 15}, Phone: "06 12 34 56 78"}
	f.dupuis = data.Patient{FamilyName: "Dupuis", GivenName: "Marie", BirthDate: data.Date{Year: 1992, Month: 7, Day: 1}, Phone: "06 98 76 54 32"}
	f.martin = data.Patient{FamilyName: "Martin", GivenName: "Paul", Email: "paul.martin@example.org"}
	f.durand = data.Patient{FamilyName: "Durand", GivenName: "Léa"}
	err := s.Update(context.Background(), func(tx *data.Tx) error {
		if err := tx.Save(&pr); err != nil {
			return err
		}
		for _, p := range []*data.Practitioner{&f.anna, &f.paul} {
			if err := tx.Save(p); err != nil {
				return err
			}
			for wd := 0; wd <= 6; wd++ {
				if err := tx.Save(&data.WorkingHours{PractitionerID: p.ID, Weekday: wd, Start: 8 * 60, End: 12 * 60}); err != nil {
					return err
				}
			}
		}
		if err := tx.Save(&f.consult); err != nil {
			return err
		}
		for _, p := range []*data.Patient{&f.dupont, &f.dupuis, &f.martin, &f.durand} {
			if err := tx.CreatePatient(p); err != nil {
				return err
			}
		}
		appts := []data.Appointment{
			{PractitionerID: f.anna.ID, PatientID: f.dupont.ID, TypeID: f.consult.ID, Start: 9 * 60, End: 9*60 + 20, Status: data.StatusBooked},
			{PractitionerID: f.anna.ID, PatientID: f.martin.ID, TypeID: f.consult.ID, Start: 10 * 60, End: 10*60 + 20,
				Status: data.StatusCancelled, CancelReason: "Patient is ill"},
			{PractitionerID: f.paul.ID, PatientID: f.dupuis.ID, TypeID: f.consult.ID, Start: 11 * 60, End: 11*60 + 20, Status: data.StatusArrived},
		}
		for i := range appts {
			appts[i].Day, appts[i].TimeZone = f.today, pr.TimeZone
			if err := tx.Save(&appts[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("building the fixture: %v", err)
	}
	return s, f
}
