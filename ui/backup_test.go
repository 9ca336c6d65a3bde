package ui

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/backup"
	"frontdesk/data/i18n"
)

func init() {
	// 2^18 takes seconds under -race; the format does not depend on it.
	backup.ScryptWorkFactor = 10
}

const testPassphrase = "lundi matin, café serré"

// withBackupKey gives the store's practice a backup passphrase.
func withBackupKey(t *testing.T, s *data.Store) {
	t.Helper()
	if err := backup.SetPassphrase(context.Background(), s, testPassphrase); err != nil {
		t.Fatal(err)
	}
}

// backupsIn lists the automatic backups of the practice's backups folder.
func backupsIn(t *testing.T, s *data.Store) []backup.Found {
	t.Helper()
	list, err := backup.List(filepath.Join(s.Dir(), backup.Folder))
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestBackupStatusSaysTheLastBackupsAge(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	b := h.desk().backups
	h.wait(b.reload())
	if text, imp := b.statusText(time.Now()); imp != widget.DangerImportance || text != h.desk().w.T("backup.status.off") {
		t.Errorf("without a passphrase: %q (%v)", text, imp)
	}
	withBackupKey(t, s)
	h.wait(b.reload())
	if text, imp := b.statusText(time.Now()); imp != widget.WarningImportance || text != "No backup yet" {
		t.Errorf("never backed up: %q (%v)", text, imp)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	now := time.Date(2026, 11, 30, 16, 0, 0, 0, paris)
	for _, c := range []struct {
		last time.Time
		text string
		imp  widget.Importance
	}{
		{time.Date(2026, 11, 30, 9, 5, 0, 0, paris), "Last backup today 09:05", widget.LowImportance},
		{time.Date(2026, 11, 29, 18, 30, 0, 0, paris), "Last backup yesterday 18:30", widget.LowImportance},
		{time.Date(2026, 11, 28, 17, 0, 0, 0, paris), "Last backup 28/11/2026 17:00", widget.LowImportance},
		{time.Date(2026, 11, 28, 15, 59, 0, 0, paris), "No backup for 2 days", widget.WarningImportance},
		{time.Date(2026, 11, 20, 15, 0, 0, 0, paris), "No backup for 10 days", widget.WarningImportance},
	} {
		b.state.settings.LastBackup = c.last.UTC()
		if text, imp := b.statusText(now); text != c.text || imp != c.imp {
			t.Errorf("last %v: %q (%v), want %q (%v)", c.last, text, imp, c.text, c.imp)
		}
	}
	// The timer fires for the daily backup, or at midnight when the text
	// changes first, or when the warning starts.
	b.state.settings.LastBackup = time.Date(2026, 11, 30, 9, 5, 0, 0, paris).UTC()
	if next := b.nextEvent(now); !next.Equal(time.Date(2026, 12, 1, 0, 0, 1, 0, paris)) {
		t.Errorf("next event %v, want just after midnight", next)
	}
	b.state.settings.LastBackup = time.Date(2026, 11, 29, 18, 30, 0, 0, paris).UTC()
	if next := b.nextEvent(now); !next.Equal(time.Date(2026, 11, 30, 18, 30, 0, 0, paris)) {
		t.Errorf("next event %v, want a day after the last backup", next)
	}
	b.state.settings.LastBackup = time.Date(2026, 11, 29, 9, 0, 0, 0, paris).UTC()
	if next := b.nextEvent(now); !next.Equal(now.Add(firstDailyDelay)) {
		t.Errorf("next event %v, want the overdue daily backup soon", next)
	}
	// The timer looks at the wall clock again every few minutes, so that
	// a laptop that slept does not back up the sleep's length late.
	if d := timerDelay(now, time.Date(2026, 12, 1, 0, 0, 1, 0, paris)); d != wallClockRecheck {
		t.Errorf("the timer waits %v for midnight, want %v", d, wallClockRecheck)
	}
	if d := timerDelay(now, now.Add(firstDailyDelay)); d != firstDailyDelay {
		t.Errorf("the timer waits %v for a backup due in %v", d, firstDailyDelay)
	}
}

func TestBackUpNowFromSettings(t *testing.T) {
	s, _ := fixtureStore(t)
	withBackupKey(t, s)
	h, sc := settingsHarness(t, s)
	bs := sc.backups
	h.until("the backups part shows the key", func() bool { return !bs.now.Disabled() })
	if !hasWords(sc.content, "passphrase was chosen on") {
		t.Errorf("Settings does not say the passphrase is chosen: %q", texts(bs.content))
	}
	test.Tap(bs.now)
	d := h.desk()
	if !d.backups.running() || !d.backups.bar.Visible() {
		t.Fatal("no backup under way with its bar in the status line")
	}
	h.until("the backup is made", func() bool { return !d.backups.running() && len(backupsIn(t, s)) == 1 })
	h.until("the status line says it", func() bool { return strings.HasPrefix(d.backups.status.Text, "Last backup today") })
	if !strings.HasPrefix(d.message.Text, "Backed up to backups") || d.backups.bar.Visible() {
		t.Errorf("status line %q", d.message.Text)
	}
	var n int
	s.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'backup'`).Scan(&n)
	if n != 1 {
		t.Errorf("%d backups audited, want 1", n)
	}
}

func TestCancellingABackupLeavesNothing(t *testing.T) {
	s, _ := fixtureStore(t)
	withBackupKey(t, s)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.backups.reload())
	started := make(chan struct{})
	real := d.backups.auto
	d.backups.auto = func(ctx context.Context, s *data.Store, why string, onlyIfChanged bool, p backup.Progress) (backup.AutoResult, error) {
		<-started // held until the test has pressed Cancel
		return real(ctx, s, why, onlyIfChanged, p)
	}
	done := d.backups.backUpNow()
	if !d.backups.stop.Visible() {
		t.Fatal("no Cancel in the status line")
	}
	test.Tap(d.backups.stop)
	close(started)
	h.wait(done)
	if list := backupsIn(t, s); len(list) != 0 {
		t.Errorf("a cancelled backup left %v", list)
	}
	if d.message.Text != d.w.T("backup.said.cancelled") {
		t.Errorf("status line %q", d.message.Text)
	}
	if left, _ := filepath.Glob(filepath.Join(s.Dir(), ".backup-*")); len(left) > 0 {
		t.Errorf("left in the data folder: %v", left)
	}
}

func TestChoosingTheBackupPassphrase(t *testing.T) {
	s, _ := fixtureStore(t)
	h, sc := settingsHarness(t, s)
	bs := sc.backups
	h.until("the backups part is loaded", func() bool { return bs.keyBtn.Visible() })
	if bs.keyLine.Importance != widget.DangerImportance || !bs.now.Disabled() {
		t.Errorf("without a passphrase: %q, Back up now enabled: %v", bs.keyLine.Text, !bs.now.Disabled())
	}
	test.Tap(bs.keyBtn)
	f := bs.form
	if f == nil || topModal(h.win.Canvas()) != f.m {
		t.Fatal("no passphrase dialog")
	}
	test.Type(f.pass, "too short")
	if !f.passErr.Visible() || !strings.Contains(f.passErr.Text, "at least 12") || !f.save.Disabled() {
		t.Errorf("a short passphrase: %q, Save enabled %v", f.passErr.Text, !f.save.Disabled())
	}
	f.pass.SetText("")
	test.Type(f.pass, testPassphrase)
	test.Type(f.repeat, "lundi matin, cafe serré")
	if !f.repeatErr.Visible() || !f.save.Disabled() {
		t.Errorf("a mistyped repeat: %q", f.repeatErr.Text)
	}
	f.repeat.SetText("")
	test.Type(f.repeat, testPassphrase)
	if f.repeatErr.Visible() || f.save.Disabled() {
		t.Fatalf("a right pair: %q, Save disabled", f.repeatErr.Text)
	}
	f.repeat.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter chooses it
	h.wait(f.done)
	h.until("Settings says it is chosen", func() bool { return bs.keyLine.Importance != widget.DangerImportance && !bs.now.Disabled() })
	if err := backup.CheckPassphrase(context.Background(), s, testPassphrase); err != nil {
		t.Errorf("the passphrase chosen does not open the key: %v", err)
	}
}

func TestRestoreFromSettingsReplacesThePracticeAndKeepsItAside(t *testing.T) {
	s, f := fixtureStore(t)
	withBackupKey(t, s)
	file := filepath.Join(t.TempDir(), "monday.fdbackup")
	if _, err := backup.Create(context.Background(), s, file, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	later := data.Patient{FamilyName: "Aprèslasauvegarde", GivenName: "Zoé"}
	mustUpdate(t, s, func(tx *data.Tx) error { return tx.CreatePatient(&later) })
	h := newHarness(t, s)
	old := h.desk()
	flow := old.backups.restoreFrom(file)

	// A wrong passphrase is said under its field; nothing is replaced.
	test.Type(flow.pass, "not the passphrase")
	test.Tap(flow.open)
	h.until("the passphrase is refused", func() bool { return flow.passErr.Visible() })
	if !strings.Contains(flow.passErr.Text, "does not open") {
		t.Errorf("under the passphrase: %q", flow.passErr.Text)
	}
	// The refused passphrase is selected: typing replaces it.
	test.Type(flow.pass, testPassphrase)
	if flow.pass.Text != testPassphrase {
		t.Fatalf("typed over the refused passphrase: %q", flow.pass.Text)
	}
	flow.pass.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.until("the question is asked", func() bool { return flow.confirm != nil && flow.confirm.pop != nil })
	if !hasWords(flow.confirm.pop.Content, "Replace the practice with the backup of Cabinet Test") {
		t.Errorf("the question: %q", texts(flow.confirm.pop.Content))
	}
	flow.confirm.submit() // Replace the practice
	h.wait(flow.done)
	t.Cleanup(func() { h.sh.store.Close() })

	// The restored practice has its own users: someone signs in to it
	// (here its first administrator), then the desk says what was done.
	if h.sh.store == s || h.desk() != nil || (h.sh.signin == nil && h.sh.admin == nil) {
		t.Fatal("the window does not ask who signs in to the restored practice")
	}
	h.store = h.sh.store
	h.signInAs(data.RoleAdmin)
	nd := h.desk()
	if nd == nil || nd == old {
		t.Fatal("the desk was not rebuilt on the restored practice")
	}
	if !strings.HasPrefix(nd.message.Text, "The practice was restored from the backup of") || !strings.Contains(nd.message.Text, "replaced-") {
		t.Errorf("status line %q", nd.message.Text)
	}
	if _, err := nd.store.Patient(context.Background(), later.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("the patient added after the backup is still there: %v", err)
	}
	if _, err := nd.store.Patient(context.Background(), f.dupont.ID); err != nil {
		t.Errorf("a patient of the backup is missing: %v", err)
	}
	aside, _ := filepath.Glob(filepath.Join(s.Dir(), "replaced-*", data.DBFile))
	if len(aside) != 1 {
		t.Fatalf("kept aside: %v", aside)
	}
	var n int
	nd.store.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'restore' AND user = ?`, s.User()).Scan(&n)
	if n != 1 {
		t.Errorf("%d restores audited by %s, want 1", n, s.User())
	}
}

func TestBackupAtCloseThenClose(t *testing.T) {
	s, _ := fixtureStore(t)
	h := newHarness(t, s)
	d := h.desk()
	h.wait(d.backups.reload())
	closedWindow := 0
	d.backups.atClose(func() { closedWindow++ })
	if closedWindow != 1 || len(backupsIn(t, s)) != 0 {
		t.Fatalf("without a passphrase the window closes at once, unbacked (%d)", closedWindow)
	}

	withBackupKey(t, s)
	h = newHarness(t, s)
	d = h.desk()
	h.wait(d.backups.reload())
	closedWindow = 0
	d.backups.atClose(func() { closedWindow++ })
	if topModal(h.win.Canvas()) == nil {
		t.Fatal("no dialog while backing up at close")
	}
	h.until("the window closes", func() bool { return closedWindow == 1 })
	if list := backupsIn(t, s); len(list) != 1 {
		t.Fatalf("backups at close: %v", list)
	}
	// Closing again with nothing changed makes no second backup.
	h = newHarness(t, s)
	d = h.desk()
	h.wait(d.backups.reload())
	d.backups.atClose(func() { closedWindow++ })
	h.until("the window closes", func() bool { return closedWindow == 2 })
	if list := backupsIn(t, s); len(list) != 1 {
		t.Errorf("an unchanged practice was backed up again: %v", list)
	}
}

func TestADamagedDatabaseOffersTheNewestBackup(t *testing.T) {
	s, f := fixtureStore(t)
	withBackupKey(t, s)
	if _, err := backup.Auto(context.Background(), s, backup.Daily, false, nil); err != nil {
		t.Fatal(err)
	}
	dir := s.Dir()
	s.Close()
	damage(t, filepath.Join(dir, data.DBFile))
	before := sum(t, filepath.Join(dir, data.DBFile))
	_, openErr := data.Open(dir)
	if data.ErrorCode(openErr) != data.EDamaged {
		t.Fatalf("Open: %v, want damaged", openErr)
	}
	if sum(t, filepath.Join(dir, data.DBFile)) != before {
		t.Fatal("opening the damaged database wrote to it")
	}

	a := test.NewTempApp(t)
	a.Settings().SetTheme(deskTheme{})
	win := a.NewWindow("test")
	win.Resize(startupSize)
	h := &harness{t: t, win: win, queue: make(chan func(), 10000)}
	newest, found := backup.Newest(dir)
	se := newStartupError(win, newWords(i18n.English, data.DMY), dir, openErr, newest, found, Options{Logf: t.Logf, User: "os:test"},
		func(f func()) { h.queue <- f })
	win.SetContent(se.content)
	if !found || se.restore == nil || !hasWords(se.content, newest.Path) {
		t.Fatalf("the newest backup is not offered: %q", texts(se.content))
	}
	test.Tap(se.restore)
	test.Type(se.flow.pass, testPassphrase)
	test.Tap(se.flow.open)
	h.until("the question is asked", func() bool { return se.flow.confirm != nil && se.flow.confirm.pop != nil })
	se.flow.confirm.submit()
	h.wait(se.flow.done)
	if se.sh == nil || (se.sh.signin == nil && se.sh.admin == nil) {
		t.Fatalf("the window does not ask who signs in to the restored practice (%q)", se.result.Text)
	}
	t.Cleanup(func() { se.sh.store.Close(); h.drain() })
	h.sh, h.store = se.sh, se.sh.store
	h.signInAs(data.RoleAdmin)
	if se.sh.desk == nil || !strings.HasPrefix(se.sh.desk.message.Text, "The practice was restored from the backup of") {
		t.Fatalf("the desk did not open on the restored practice saying so")
	}
	if _, err := se.sh.store.Patient(context.Background(), f.dupont.ID); err != nil {
		t.Errorf("the restored practice: %v", err)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, "replaced-*", data.DBFile))
	if len(aside) != 1 || sum(t, aside[0]) != before {
		t.Errorf("the damaged database is not kept aside as it was: %v", aside)
	}
}

// damage overwrites a page in the middle of a database file, leaving its
// header alone, as a failing disk does.
func damage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i*7 + 3)
	}
	for off := int64(8192); off+4096 <= fi.Size(); off += 4 * 4096 {
		if _, err := f.WriteAt(junk, off); err != nil {
			t.Fatal(err)
		}
	}
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
