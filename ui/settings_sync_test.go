package ui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
	psync "frontdesk/data/sync"
)

const settingsSyncPassphrase = "the heron waits by the river"

// cheapSyncKeys makes the practice keys wrapped during the test cheap to
// open: scrypt's work factor is recorded with each wrapped key.
func cheapSyncKeys(t *testing.T) {
	prev := psync.SetKeyWorkFactor(10)
	t.Cleanup(func() { psync.SetKeyWorkFactor(prev) })
}

// fillSyncForm types into the folder dialog.
func fillSyncForm(f *syncFolderForm, folder, pass, name string) {
	for _, e := range []*deskEntry{f.folder, f.pass, f.repeat, f.name} {
		if e != nil {
			e.SetText("")
		}
	}
	test.Type(f.folder, folder)
	test.Type(f.pass, pass)
	if f.repeat != nil {
		test.Type(f.repeat, pass)
	}
	if f.name != nil && name != "" {
		test.Type(f.name, name)
	}
}

func exportedPatients(t *testing.T, s *data.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.ExportPatients(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The first computer makes the sync folder from Settings → Sync; a
// second computer's first start joins from it (a wrong passphrase first,
// which changes nothing), its users sign in, and both hold the same
// patients and remember the folder.
func TestSyncFromSettingsThenJoinFromTheFirstStart(t *testing.T) {
	cheapSyncKeys(t)
	ctx := context.Background()
	s, _ := fixtureStore(t)
	h, sc := settingsHarness(t, s)
	ss := sc.sync
	h.until("Settings → Sync offers to start", func() bool { return ss.createBtn != nil })
	folder := t.TempDir()
	test.Tap(ss.createBtn)
	f := ss.folderForm
	if f == nil || topModal(h.win.Canvas()) != f.m || h.win.Canvas().Focused() != f.folder {
		t.Fatal("no create dialog, or the folder field does not have the focus")
	}
	fillSyncForm(f, folder, "too short", "")
	if !f.probs.Visible() || !f.ok.Disabled() {
		t.Fatalf("a short passphrase: %q, Create enabled %v", f.probs.Text, !f.ok.Disabled())
	}
	fillSyncForm(f, folder, settingsSyncPassphrase, "")
	if f.ok.Disabled() {
		t.Fatalf("a right form: %q", f.probs.Text)
	}
	f.repeat.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter creates
	h.wait(f.done)
	h.until("Settings shows the folder in use", func() bool { return ss.passBtn != nil })
	if _, set, ok, err := psync.Remembered(ctx, s); err != nil || !ok || set.Folder != folder {
		t.Fatalf("after creating: remembered %+v ok=%v err=%v", set, ok, err)
	}
	// The sync center reads the folder Settings remembered.
	h.until("the status line knows the folder", func() bool { return h.desk().sync.state.set })
	if len(ss.state.computers) != 1 || !ss.state.computers[0].This || len(ss.retireBtn) != 0 {
		t.Fatalf("the computers after creating: %+v", ss.state.computers)
	}

	// The second computer's first start.
	s2 := emptyStore(t)
	h2 := newSignedOutHarness(t, s2, Options{Logf: t.Logf})
	su := h2.sh.setup
	if su == nil || su.join == nil {
		t.Fatal("the first start offers no join")
	}
	test.Tap(su.join)
	jf := su.joinForm
	if jf == nil || topModal(h2.win.Canvas()) != jf.m {
		t.Fatal("no join dialog")
	}
	// A folder that is no practice's sync folder is said in words.
	empty := t.TempDir()
	fillSyncForm(jf, empty, settingsSyncPassphrase, "Laptop")
	h2.wait(jf.start())
	if want := hardWrap(jf.w.T("sync.error.no_practice", "Folder", empty), 74); jf.result.Text != want || h2.sh.store != s2 {
		t.Fatalf("an empty folder: %q", jf.result.Text)
	}
	entries, _ := os.ReadDir(filepath.Join(folder, "devices"))
	fillSyncForm(jf, folder, "not the passphrase at all", "Laptop")
	h2.wait(jf.start())
	select {
	case <-jf.done:
		t.Fatal("a wrong passphrase closed the join dialog")
	default:
	}
	if !jf.result.Visible() || jf.result.Text != hardWrap(jf.w.T("sync.error.wrong_passphrase"), 74) || jf.ok.Disabled() {
		t.Fatalf("a wrong passphrase: %q, Join enabled %v", jf.result.Text, !jf.ok.Disabled())
	}
	if h2.sh.store != s2 || su.store != s2 {
		t.Fatal("a wrong passphrase closed the data folder's store")
	}
	if _, err := s2.Practice(ctx); data.ErrorCode(err) != data.ENotFound {
		t.Fatalf("a wrong passphrase wrote a practice: %v", err)
	}
	if after, _ := os.ReadDir(filepath.Join(folder, "devices")); len(after) != len(entries) {
		t.Fatalf("a wrong passphrase wrote in the sync folder: %d devices, were %d", len(after), len(entries))
	}

	fillSyncForm(jf, folder, settingsSyncPassphrase, "Laptop")
	h2.wait(jf.start())
	select {
	case <-jf.done:
	default:
		t.Fatalf("the join did not finish: %q", jf.result.Text)
	}
	joined := h2.sh.store
	t.Cleanup(func() { joined.Close() })
	if joined == s2 || h2.sh.signin == nil {
		t.Fatalf("after joining: a new store %v, the sign-in form %v", joined != s2, h2.sh.signin != nil)
	}
	// The practice's administrator, who came with the snapshot, signs in.
	si := h2.sh.signin
	test.Type(si.name, "admin")
	test.Type(si.password, testPassword)
	h2.wait(si.submit())
	h2.until("the desk opens on the joined practice", func() bool { return h2.sh.desk != nil })
	if got := h2.sh.desk.store.Device(); got.Series == s.Device().Series || got.Name != "Laptop" {
		t.Fatalf("the joiner is computer %s (%s)", got.Series, got.Name)
	}
	if a, b := exportedPatients(t, s), exportedPatients(t, joined); a != b {
		t.Fatalf("the two computers differ:\n%s\n---\n%s", a, b)
	}
	if _, set, ok, err := psync.Remembered(ctx, joined); err != nil || !ok || set.Folder != folder {
		t.Fatalf("the joiner remembers %+v ok=%v err=%v", set, ok, err)
	}
}

// Set up: the two computers are listed (this one marked, the other with
// Retire…); a wrong passphrase in use changes nothing, a new one works
// for the next join and not the old one; the other computer is retired
// after the question; stopping forgets the folder after the question.
func TestSyncSettingsPassphraseRetireAndStop(t *testing.T) {
	cheapSyncKeys(t)
	ctx := context.Background()
	s, _ := fixtureStore(t)
	h, sc := settingsHarness(t, s)
	ss := sc.sync
	folder := t.TempDir()
	f, err := psync.Create(ctx, s, folder, settingsSyncPassphrase, psync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := psync.Remember(ctx, s, f); err != nil {
		t.Fatal(err)
	}
	laptop := filepath.Join(t.TempDir(), "laptop")
	if _, err := psync.Join(ctx, laptop, folder, settingsSyncPassphrase, psync.Options{Name: "Laptop"}); err != nil {
		t.Fatal(err)
	}
	h.wait(ss.load())
	var other psync.Computer
	for _, c := range ss.state.computers {
		if !c.This {
			other = c
		}
	}
	if len(ss.state.computers) != 2 || other.Name != "Laptop" || other.LastSeen.IsZero() || ss.retireBtn[other.ID] == nil || len(ss.retireBtn) != 1 {
		t.Fatalf("the computers: %+v, retire buttons %d", ss.state.computers, len(ss.retireBtn))
	}
	if !hasText(ss.content, "Laptop") {
		t.Error("the other computer is not on the screen")
	}

	// Change passphrase…
	practiceFile := filepath.Join(folder, "frontdesk-practice.json")
	before, _ := os.ReadFile(practiceFile)
	test.Tap(ss.passBtn)
	pf := ss.passForm
	if pf == nil || topModal(h.win.Canvas()) != pf.m {
		t.Fatal("no passphrase dialog")
	}
	const newPass = "a new passphrase for the practice"
	test.Type(pf.old, "not the one in use")
	test.Type(pf.pass, newPass)
	test.Type(pf.repeat, newPass)
	h.wait(pf.doSave())
	if !pf.result.Visible() || pf.result.Text != hardWrap(pf.d.w.T("sync.error.wrong_passphrase"), 72) {
		t.Fatalf("a wrong passphrase in use: %q", pf.result.Text)
	}
	if after, _ := os.ReadFile(practiceFile); !bytes.Equal(before, after) {
		t.Fatal("a wrong passphrase in use rewrote the practice file")
	}
	pf.old.SetText("")
	test.Type(pf.old, settingsSyncPassphrase)
	pf.repeat.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.wait(pf.done)
	if _, err := psync.Join(ctx, filepath.Join(t.TempDir(), "old"), folder, settingsSyncPassphrase, psync.Options{}); data.ErrorCode(err) != data.EForbidden {
		t.Fatalf("a join with the old passphrase: %v", err)
	}
	if _, err := psync.Join(ctx, filepath.Join(t.TempDir(), "new"), folder, newPass, psync.Options{Name: "Home"}); err != nil {
		t.Fatalf("a join with the new passphrase: %v", err)
	}

	// Retire… the laptop.
	h.wait(ss.load())
	test.Tap(ss.retireBtn[other.ID])
	q := topModal(h.win.Canvas())
	if q == nil || !hasWords(q.body, other.Name) {
		t.Fatal("retiring does not ask first, naming the computer")
	}
	q.submit()
	h.until("the laptop is retired", func() bool {
		for _, c := range ss.state.computers {
			if c.ID == other.ID {
				return c.Retired
			}
		}
		return false
	})
	if ss.retireBtn[other.ID] != nil {
		t.Error("a retired computer can be retired again")
	}
	st, err := data.Open(laptop)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fl, err := psync.OpenFolder(ctx, st, folder, newPass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := psync.Sync(ctx, st, fl, psync.Options{}); !errors.Is(err, psync.ErrRejoin) {
		t.Fatalf("the retired laptop syncs: %v", err)
	}

	// Stop syncing here…
	test.Tap(ss.stopBtn)
	topModal(h.win.Canvas()).submit()
	h.until("Settings offers to start again", func() bool { return ss.createBtn != nil })
	h.until("the status line forgets the folder", func() bool { return !h.desk().sync.state.set })
	if _, _, ok, err := psync.Remembered(ctx, s); ok || err != nil {
		t.Fatalf("still remembered after stopping: %v %v", ok, err)
	}
	if _, err := os.Stat(practiceFile); err != nil {
		t.Fatalf("stopping touched the sync folder: %v", err)
	}
}

// Only administrators see Settings → Sync.
func TestSyncSettingsAreForAdministrators(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	h.signInAs(data.RoleSecretary)
	d := h.desk()
	h.wait(d.show(screenSettings))
	found := false
	visitRendered(d.settings.content, func(o fyne.CanvasObject) { found = found || o == d.settings.sync.content })
	if found || d.settings.sync.createBtn != nil {
		t.Fatal("a secretary sees Settings → Sync")
	}
}

// Stop during a join: while it runs the dialog offers Stop (Escape too)
// and nothing else; a join stopped before the practice arrived keeps
// nothing and the first start goes on, one stopped after it opens the
// sign-in form. Stopping before anything began leaves the data folder's
// store open and untouched.
func TestStoppingAJoin(t *testing.T) {
	cheapSyncKeys(t)
	ctx := context.Background()
	a, _ := fixtureStore(t)
	testUser(t, a, data.RoleAdmin)
	folder := t.TempDir()
	if _, err := psync.Create(ctx, a, folder, settingsSyncPassphrase, psync.Options{}); err != nil {
		t.Fatal(err)
	}

	s2 := emptyStore(t)
	stopped, cancel := context.WithCancel(ctx)
	cancel()
	if st, err := joinPractice(stopped, s2, folder, settingsSyncPassphrase, "Laptop"); st != s2 || data.ErrorCode(err) != data.EConflict {
		t.Fatalf("a join stopped before it began: same store %v, %v", st == s2, err)
	}
	if _, err := s2.Practice(ctx); data.ErrorCode(err) != data.ENotFound {
		t.Fatalf("the store after a join stopped before it began: %v", err)
	}

	h := newSignedOutHarness(t, s2, Options{Logf: t.Logf})
	test.Tap(h.sh.setup.join)
	jf := h.sh.setup.joinForm
	fillSyncForm(jf, folder, settingsSyncPassphrase, "Laptop")
	running := jf.start()
	if jf.cancel.Text != jf.w.T("sync.join.stop") || jf.cancel.Disabled() || !jf.ok.Disabled() || !jf.folder.Disabled() || !jf.bar.Visible() {
		t.Fatalf("while joining: %q (disabled %v), Join enabled %v", jf.cancel.Text, jf.cancel.Disabled(), !jf.ok.Disabled())
	}
	test.Tap(jf.cancel)
	h.wait(running)
	t.Cleanup(func() { h.sh.store.Close() })
	if _, err := h.sh.store.Practice(ctx); err == nil {
		if h.sh.signin == nil {
			t.Fatal("the practice arrived before Stop, but the sign-in form did not open")
		}
		return
	}
	if want := hardWrap(jf.w.T("sync.join.stopped"), 74); jf.result.Text != want || h.sh.setup == nil || jf.cancel.Text != jf.w.T("common.cancel") {
		t.Fatalf("a join stopped: %q", jf.result.Text)
	}
}

// Settings → Sync says how many conflicts wait, as the status line does,
// and leads to them; with none, it says nothing of them.
func TestSyncSettingsLeadToTheConflicts(t *testing.T) {
	a, b, _, f := syncPair(t)
	h, sc := settingsHarness(t, a)
	ss := sc.sync
	h.wait(ss.load())
	if ss.conflictsLink != nil || slices.Contains(texts(ss.content), "Conflicts") {
		t.Fatalf("Settings → Sync speaks of conflicts before there are any: %q", texts(ss.content))
	}
	setPhone(t, a, f.dupont.ID, "06 11 11 11 11")
	setPhone(t, b, f.dupont.ID, "07 22 22 22 22") // later: b's wins
	syncStore(t, b)
	syncStore(t, a)
	h.wait(ss.load())
	if ss.conflictsLink == nil || ss.conflictsLink.Text != "1 conflict to look at" || !slices.Contains(texts(ss.content), "Conflicts") {
		t.Fatalf("Settings → Sync after a conflict: %q", texts(ss.content))
	}
	test.Tap(ss.conflictsLink)
	d := h.desk()
	h.wait(d.screens[screenConflicts].shown())
	if d.current != screenConflicts || !hasText(d.center, "Dupont, Jean") {
		t.Fatalf("the link opened %s: %q", d.current, texts(d.center))
	}
}
