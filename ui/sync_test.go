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
	fdsync "frontdesk/data/sync"
)

const syncTestPassphrase = "lundi matin, café serré"

// syncPair is two computers of one practice and their sync folder, both
// remembering it: the fixture's practice (a) and a laptop that joined it
// (b). Scrypt is made cheap for the test.
func syncPair(t *testing.T) (a, b *data.Store, dir string, f fixture) {
	t.Helper()
	prev := fdsync.SetKeyWorkFactor(10)
	t.Cleanup(func() { fdsync.SetKeyWorkFactor(prev) })
	ctx := context.Background()
	a, f = fixtureStore(t)
	dir = filepath.Join(t.TempDir(), "stick")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	fa, err := fdsync.Create(ctx, a, dir, syncTestPassphrase, fdsync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := fdsync.Remember(ctx, a, fa); err != nil {
		t.Fatal(err)
	}
	bDir := filepath.Join(t.TempDir(), "laptop")
	if _, err := fdsync.Join(ctx, bDir, dir, syncTestPassphrase, fdsync.Options{Name: "laptop"}); err != nil {
		t.Fatal(err)
	}
	b, err = data.Open(bDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	fb, err := fdsync.OpenFolder(ctx, b, dir, syncTestPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if err := fdsync.Remember(ctx, b, fb); err != nil {
		t.Fatal(err)
	}
	return a, b, dir, f
}

// syncStore runs one sync of s with its remembered folder, as another
// computer's desk would.
func syncStore(t *testing.T, s *data.Store) fdsync.Result {
	t.Helper()
	ctx := context.Background()
	f, _, ok, err := fdsync.Remembered(ctx, s)
	if err != nil || !ok {
		t.Fatalf("remembered: %v %v", ok, err)
	}
	res, err := fdsync.Sync(ctx, s, f, fdsync.Options{})
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return res
}

// setPhone changes a patient's phone on s, as a form would.
func setPhone(t *testing.T, s *data.Store, id, phone string) {
	t.Helper()
	ctx := context.Background()
	err := s.Update(ctx, func(tx *data.Tx) error {
		p, err := s.Patient(ctx, id)
		if err != nil {
			return err
		}
		p.Phone = phone
		return tx.Save(&p)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Sync now on the desk brings the laptop's changes onto the screen in
// front: the open patient file shows the new phone, the status line says
// when it synced, and a double booking made on the laptop is counted as
// something to look at, listed on the conflicts screen with its day.
func TestSyncNowShowsTheOtherComputersChanges(t *testing.T) {
	a, b, _, f := syncPair(t)
	ctx := context.Background()
	setPhone(t, b, f.dupont.ID, "07 22 22 22 22")
	ap := data.Appointment{PractitionerID: f.paul.ID, PatientID: f.durand.ID, TypeID: f.consult.ID, Day: f.today, TimeZone: "Europe/Paris",
		Start: 11 * 60, End: 11*60 + 20, Status: data.StatusBooked}
	if err := b.Update(ctx, func(tx *data.Tx) error { return tx.Save(&ap) }); err != nil {
		t.Fatal(err)
	}
	syncStore(t, b)

	h := newHarness(t, a)
	d := h.desk()
	h.wait(d.sync.reload())
	if !strings.HasPrefix(d.sync.status.Text, "Not synced yet") || !d.sync.now.Visible() || d.sync.now.Disabled() {
		t.Fatalf("before the first sync the status says %q (Sync now visible %v)", d.sync.status.Text, d.sync.now.Visible())
	}
	d.show(screenPatients)
	h.wait(d.patients.open(f.dupont.ID))
	if !strings.Contains(d.patients.file.sub.Text, "06 12 34 56 78") {
		t.Fatalf("the file shows %q", d.patients.file.sub.Text)
	}
	calls := 0
	d.sync.sync = func(ctx context.Context, s *data.Store, fo fdsync.Folder, opt fdsync.Options) (fdsync.Result, error) {
		calls++
		return fdsync.Sync(ctx, s, fo, opt)
	}
	first := d.sync.syncNow()
	if d.sync.status.Text != "Syncing…" || !d.sync.now.Disabled() {
		t.Errorf("while syncing the status says %q", d.sync.status.Text)
	}
	h.wait(d.sync.syncNow()) // a second press while one runs does nothing
	h.wait(first)
	h.until("the file shows the laptop's phone", func() bool { return strings.Contains(d.patients.file.sub.Text, "07 22 22 22 22") })
	if calls != 1 {
		t.Errorf("two presses ran %d syncs", calls)
	}
	if want := "Synced " + nowFunc().In(d.pr.Location()).Format("15:04"); !strings.HasPrefix(d.sync.status.Text, want[:len(want)-2]) {
		t.Errorf("after the sync the status says %q, want %q", d.sync.status.Text, want)
	}
	if !strings.Contains(d.message.Text, "received") {
		t.Errorf("Sync now said %q", d.message.Text)
	}
	if !d.sync.conflicts.Visible() || d.sync.conflicts.Text != "1 conflict to look at" {
		t.Fatalf("the double booking is not counted: %q visible %v", d.sync.conflicts.Text, d.sync.conflicts.Visible())
	}
	test.Tap(d.sync.conflicts)
	h.wait(d.screens[screenConflicts].shown())
	if d.current != screenConflicts || !hasText(d.center, "DURAND, Léa") || !hasText(d.center, "Open the day") {
		t.Fatalf("the conflicts screen shows %q", texts(d.center))
	}
	// LastSync survives a restart.
	h2 := newHarness(t, a)
	h2.wait(h2.desk().sync.reload())
	if !strings.HasPrefix(h2.desk().sync.status.Text, "Synced ") {
		t.Errorf("after a restart the status says %q", h2.desk().sync.status.Text)
	}
}

// The status line's states: not set up (a word, no Sync now), changes
// waiting, the folder missing (a calm word, never a dialog), and back.
func TestSyncStatusLineStates(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.sync.reload())
	if d.sync.status.Text != "Sync not set up" || d.sync.now.Visible() || d.sync.conflicts.Visible() {
		t.Fatalf("without a folder: %q, Sync now visible %v", d.sync.status.Text, d.sync.now.Visible())
	}

	a, _, dir, f := syncPair(t)
	h = newHarness(t, a)
	d = h.desk()
	h.wait(d.sync.reload())
	h.wait(d.sync.syncNow())
	setPhone(t, a, f.martin.ID, "01 23 45 67 89")
	h.wait(d.sync.reload())
	if !strings.Contains(d.sync.status.Text, "1 change to send") {
		t.Errorf("a change waiting: %q", d.sync.status.Text)
	}
	if err := os.Rename(dir, dir+".out"); err != nil {
		t.Fatal(err)
	}
	h.wait(d.sync.reload())
	if d.sync.status.Text != "Sync folder not found" || !d.sync.now.Disabled() {
		t.Errorf("the folder gone: %q", d.sync.status.Text)
	}
	// Sync now, when the stick was pulled after the last look, says so calmly.
	if err := os.Rename(dir+".out", dir); err != nil {
		t.Fatal(err)
	}
	h.wait(d.sync.reload())
	if err := os.Rename(dir, dir+".out"); err != nil {
		t.Fatal(err)
	}
	h.wait(d.sync.syncNow())
	if d.sync.status.Text != "Sync folder not found" || topModal(h.win.Canvas()) != nil || !strings.Contains(d.message.Text, "is not there") {
		t.Errorf("pulled mid-way: status %q, message %q, dialog %v", d.sync.status.Text, d.message.Text, topModal(h.win.Canvas()) != nil)
	}
	if err := os.Rename(dir+".out", dir); err != nil {
		t.Fatal(err)
	}
	h.wait(d.sync.syncNow())
	if !strings.HasPrefix(d.sync.status.Text, "Synced ") || strings.Contains(d.sync.status.Text, "to send") {
		t.Errorf("back and synced: %q", d.sync.status.Text)
	}
}

// A conflict settled on the desk, either way, travels to the laptop: it
// ends with the chosen value and nothing left to settle there.
func TestConflictSettledOnTheDeskTravels(t *testing.T) {
	for _, takeLost := range []bool{false, true} {
		a, b, _, f := syncPair(t)
		setPhone(t, a, f.dupuis.ID, "06 11 11 11 11")
		setPhone(t, b, f.dupuis.ID, "07 22 22 22 22") // later: the laptop's wins
		syncStore(t, b)
		h := newHarness(t, a)
		d := h.desk()
		h.wait(d.sync.reload())
		h.wait(d.sync.syncNow())
		if d.sync.conflicts.Text != "1 conflict to look at" {
			t.Fatalf("conflicts word %q", d.sync.conflicts.Text)
		}
		h.wait(d.showConflicts())
		cs := d.screens[screenConflicts].(*conflictsScreen)
		want := "Phone of Dupuis, Marie: “07 22 22 22 22” was kept, written by computer B (laptop)"
		if on := screenWords(d.center); !strings.Contains(on, want) || !strings.Contains(on, "this computer wrote “06 11 11 11 11”") {
			t.Fatalf("the conflict reads %q", texts(d.center))
		}
		label := "Keep “07 22 22 22 22”"
		chosen := "07 22 22 22 22"
		if takeLost {
			label, chosen = "Take “06 11 11 11 11” instead", "06 11 11 11 11"
		}
		b0 := renderedButton(d.center, label)
		if b0 == nil {
			t.Fatalf("no button %q in %q", label, texts(d.center))
		}
		test.Tap(b0)
		h.until("the conflict is settled", func() bool { return len(cs.shown_.conflicts) == 0 && hasText(d.center, "Nothing to look at") })
		h.until("the status line follows", func() bool { return !d.sync.conflicts.Visible() })
		h.wait(d.sync.syncNow())
		syncStore(t, b)
		for name, s := range map[string]*data.Store{"desk": a, "laptop": b} {
			p, err := s.Patient(context.Background(), f.dupuis.ID)
			if err != nil || p.Phone != chosen {
				t.Errorf("take lost %v: the %s has %q (%v), want %q", takeLost, name, p.Phone, err, chosen)
			}
			if cs, err := s.SyncConflicts(context.Background()); err != nil || len(cs) != 0 {
				t.Errorf("take lost %v: the %s still lists %+v", takeLost, name, cs)
			}
		}
	}
}

// The automatic sync runs on the desk's timer every five minutes while a
// folder is remembered, and arms the next one.
func TestAutomaticSyncEveryFiveMinutes(t *testing.T) {
	a, b, _, f := syncPair(t)
	setPhone(t, b, f.martin.ID, "09 99 99 99 99")
	syncStore(t, b)
	h := newHarness(t, a)
	d := h.desk()
	var armed []time.Duration
	var fire func()
	d.sync.after = func(wait time.Duration, f func()) func() bool {
		armed, fire = append(armed, wait), f
		return func() bool { return true }
	}
	h.wait(d.sync.reload())
	d.sync.start()
	if len(armed) == 0 || armed[len(armed)-1] != syncEvery {
		t.Fatalf("armed %v", armed)
	}
	n := len(armed)
	fire()
	h.until("the automatic sync ran", func() bool { return strings.HasPrefix(d.sync.status.Text, "Synced ") })
	if p, _ := a.Patient(context.Background(), f.martin.ID); p.Phone != "09 99 99 99 99" {
		t.Errorf("the automatic sync did not apply the laptop's phone: %q", p.Phone)
	}
	h.until("the next one is armed", func() bool { return len(armed) > n })
	// A failed automatic sync says so in the status line, never in a dialog.
	d.sync.sync = func(context.Context, *data.Store, fdsync.Folder, fdsync.Options) (fdsync.Result, error) {
		return fdsync.Result{}, data.Errorf(data.EStorage, "the disk is full")
	}
	fire()
	h.until("the failure is said", func() bool { return strings.HasPrefix(d.sync.status.Text, "Last sync failed") })
	if topModal(h.win.Canvas()) != nil {
		t.Error("a failed automatic sync opened a dialog")
	}
}

// The sync at close runs before the backup at close and can be skipped;
// a missing folder closes at once.
func TestSyncAtClose(t *testing.T) {
	a, b, dir, f := syncPair(t)
	setPhone(t, b, f.martin.ID, "09 99 99 99 99")
	syncStore(t, b)
	h := newHarness(t, a)
	d := h.desk()
	h.wait(d.sync.reload())
	closed := 0
	d.sync.atClose(func() { closed++ })
	if topModal(h.win.Canvas()) == nil {
		t.Fatal("no dialog while syncing at close")
	}
	h.until("the window closes", func() bool { return closed == 1 })
	if p, _ := a.Patient(context.Background(), f.martin.ID); p.Phone != "09 99 99 99 99" {
		t.Errorf("the sync at close did not run: %q", p.Phone)
	}
	if err := os.Rename(dir, dir+".out"); err != nil {
		t.Fatal(err)
	}
	h = newHarness(t, a)
	d = h.desk()
	h.wait(d.sync.reload())
	d.sync.atClose(func() { closed++ })
	if closed != 2 || topModal(h.win.Canvas()) != nil {
		t.Errorf("a missing folder does not close at once (%d)", closed)
	}
}

// A password hash in conflict is never shown: the conflicts screen says
// "the password" was changed on two computers, and only keeping the
// newer is offered.
func TestPasswordConflictShowsNoHash(t *testing.T) {
	a, _, _, _ := syncPair(t)
	h := newHarness(t, a)
	d := h.desk()
	u := d.store.Actor()
	admin, err := a.UserByLogin(context.Background(), u.Name)
	if err != nil {
		t.Fatal(err)
	}
	const lost, kept = "$argon2id$v=19$m=65536,t=8,p=1$LOSTSALT$LOSTHASH", "$argon2id$v=19$m=65536,t=8,p=1$KEPTSALT$KEPTHASH"
	laptop := "0190f0f0-0000-7000-8000-00000000000b"
	rawExec(t, a, `INSERT INTO changes (op_id, hlc, device_id, tbl, row_id, field, old, new) VALUES
		('op-lost', '1864500000000.00000.`+laptop+`', '`+laptop+`', 'users', '`+admin.ID+`', 'password_hash', NULL, '"`+lost+`"'),
		('op-kept', '1864500001000.00000.`+a.Device().ID+`', '`+a.Device().ID+`', 'users', '`+admin.ID+`', 'password_hash', NULL, '"`+kept+`"')`)
	rawExec(t, a, `INSERT INTO conflicts (op_id, tbl, row_id, field, value, device_id, winner_op, found_at) VALUES
		('op-lost', 'users', '`+admin.ID+`', 'password_hash', '"`+lost+`"', '`+laptop+`', 'op-kept', '2026-11-30T10:00:00Z')`)
	h.wait(d.sync.reload())
	h.wait(d.showConflicts())
	all := strings.Join(texts(h.win.Canvas().Content()), "\n")
	if strings.Contains(all, "LOST") || strings.Contains(all, "KEPT") || strings.Contains(all, "argon2") {
		t.Fatalf("a password hash is on screen:\n%s", all)
	}
	if !strings.Contains(all, "Password of Test admin was changed on two computers: the newer one, from this computer") {
		t.Fatalf("the conflict reads:\n%s", all)
	}
	if renderedButton(d.center, "OK, keep the newer") == nil || strings.Contains(all, "Take ") {
		t.Fatalf("the choices offered:\n%s", all)
	}
	if err := a.ResolveSyncConflict(context.Background(), "op-lost", true); data.ErrorCode(err) != data.EForbidden {
		t.Errorf("taking a lost password hash: %v", err)
	}
}

// renderedButton is the visible button labelled text in o's tree as
// rendered (inside scrolls too), or nil; non-breaking spaces match
// spaces.
func renderedButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	visitRendered(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.ReplaceAll(b.Text, "\u00a0", " ") == text && found == nil {
			found = b
		}
	})
	return found
}

// screenWords is the text of o's tree as one line, as a person reads
// it: the hand-wrapping and the non-breaking spaces undone.
func screenWords(o fyne.CanvasObject) string {
	return strings.NewReplacer("\n", " ", "\u00a0", " ").Replace(strings.Join(texts(o), " "))
}

// A sync that changes the patient whose form is being filled in leaves
// the form and what was typed alone; saving it then keeps the phone the
// laptop sent (the form saves only what it changed).
func TestSyncLeavesATypedFormAlone(t *testing.T) {
	a, b, _, f := syncPair(t)
	setPhone(t, b, f.dupont.ID, "07 22 22 22 22")
	syncStore(t, b)
	h := newHarness(t, a)
	d := h.desk()
	h.wait(d.sync.reload())
	file := openFile(h, "dupont")
	test.Tap(file.editBtn)
	form := file.form
	retype(form.entries[data.FieldEmail], "jean.dupont@example.org")
	h.wait(d.sync.syncNow())
	if file.form != form || form.entries[data.FieldEmail].Text != "jean.dupont@example.org" {
		t.Fatalf("the sync replaced the form (kept %v, e-mail %q)", file.form == form, form.entries[data.FieldEmail].Text)
	}
	test.Tap(form.save)
	h.until("saved", func() bool { return file.form == nil })
	got, _ := a.Patient(context.Background(), f.dupont.ID)
	if got.Phone != "07 22 22 22 22" || got.Email != "jean.dupont@example.org" {
		t.Fatalf("stored phone %q, e-mail %q", got.Phone, got.Email)
	}
}

// Who sees a conflict: the user who may write its table. A conflict on a
// patient's phone is a secretary's; billing does not see it.
func TestConflictsFollowRights(t *testing.T) {
	a, b, _, f := syncPair(t)
	setPhone(t, a, f.dupuis.ID, "06 11 11 11 11")
	setPhone(t, b, f.dupuis.ID, "07 22 22 22 22")
	syncStore(t, b)
	syncStore(t, a)
	ctx := context.Background()
	h := newHarness(t, a)
	h.signInAs(data.RoleSecretary)
	if n, err := a.SyncConflictCount(ctx); err != nil || n != 1 {
		t.Fatalf("the secretary sees %d conflicts (%v)", n, err)
	}
	h.signInAs(data.RoleBilling)
	if n, err := a.SyncConflictCount(ctx); err != nil || n != 0 {
		t.Fatalf("billing sees %d conflicts (%v)", n, err)
	}
	d := h.desk()
	h.wait(d.sync.reload())
	h.wait(d.showConflicts())
	if d.sync.conflicts.Visible() || !hasText(d.center, "Nothing to look at") {
		t.Errorf("billing is shown %q", texts(d.center))
	}
	if err := a.ResolveSyncConflict(ctx, "nothing-such", false); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("settling an unknown conflict: %v", err)
	}
}
