package sync

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"frontdesk/data"
)

const testPassphrase = "correct horse battery staple"

// cheapScrypt lowers scrypt's work factor for a test: the default costs
// seconds on a busy machine, and the checks are the same.
func cheapScrypt(t testing.TB) {
	w := wrapWorkFactor
	wrapWorkFactor = 10
	t.Cleanup(func() { wrapWorkFactor = w })
}

// newPracticeStore opens a new data folder with the practice set up.
func newPracticeStore(t testing.TB) *data.Store {
	t.Helper()
	st, err := data.Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	err = st.Update(context.Background(), func(tx *data.Tx) error {
		return tx.Save(&data.Practice{Name: "Cabinet des Tilleuls", Currency: "EUR", TimeZone: "Europe/Paris"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func openStore(t testing.TB, dir string) *data.Store {
	t.Helper()
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func addPatient(st *data.Store, family string) (data.Patient, error) {
	pt := data.Patient{FamilyName: family, GivenName: "Test"}
	err := st.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&pt) })
	return pt, err
}

func mustPatient(t testing.TB, st *data.Store, family string) data.Patient {
	t.Helper()
	pt, err := addPatient(st, family)
	if err != nil {
		t.Fatalf("adding patient %s: %v", family, err)
	}
	return pt
}

func syncOnce(t testing.TB, st *data.Store, dir string, opt Options) Result {
	t.Helper()
	ctx := context.Background()
	f, err := OpenFolder(ctx, st, dir, testPassphrase)
	if err != nil {
		t.Fatalf("opening the folder: %v", err)
	}
	res, err := Sync(ctx, st, f, opt)
	if err != nil {
		t.Fatalf("sync of %s: %v", st.Device().Series, err)
	}
	return res
}

// patientRows lists every patient as id, chart and names, sorted.
func patientRows(t testing.TB, st *data.Store) []string {
	t.Helper()
	rows, err := st.ReadDB().Query(`SELECT id || ' ' || chart_number || ' ' || family_name || ' ' || phone || ' ' || deleted FROM patients ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// folderFiles lists every file under dir, for "nothing was written".
func folderFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fi, _ := d.Info()
			out = append(out, path+" "+fi.ModTime().String())
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// The first device creates the folder; a second joins with an empty data
// folder, receives the practice from the snapshot and the changes after
// it, holds its numbers until the first acknowledges its letter, and
// both end with the same rows.
func TestJoinFromSnapshotThenSyncBothWays(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	a := newPracticeStore(t)
	before := mustPatient(t, a, "Avant")
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, Options{}); err != nil {
		t.Fatal(err)
	}
	after := mustPatient(t, a, "Après") // in a change file, not the snapshot
	syncOnce(t, a, dir, Options{})

	bDir := filepath.Join(t.TempDir(), "joined")
	res, err := Join(ctx, bDir, dir, testPassphrase, Options{Name: "laptop"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Joined || res.Series != "B" || res.Held != data.HoldUnconfirmed {
		t.Fatalf("join: %+v", res)
	}
	b := openStore(t, bDir)
	if b.Device().Series != "B" || b.Device().ID == a.Device().ID {
		t.Fatalf("joined device %+v", b.Device())
	}
	for _, pt := range []data.Patient{before, after} {
		if got, err := b.Patient(ctx, pt.ID); err != nil || got.ChartNumber != pt.ChartNumber {
			t.Fatalf("patient %s on the joined device: %+v, %v", pt.FamilyName, got, err)
		}
	}
	if _, err := addPatient(b, "Trop tôt"); data.ErrorCode(err) != data.EConflict {
		t.Fatalf("a patient numbered before the letter is confirmed: %v", err)
	}
	// Edits that take no number go on.
	edit := before
	edit.Phone = "0102030405"
	if err := b.Update(ctx, func(tx *data.Tx) error { return tx.Save(&edit) }); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, b, dir, Options{})
	syncOnce(t, a, dir, Options{}) // acknowledges B
	if res := syncOnce(t, b, dir, Options{}); res.Held != "" {
		t.Fatalf("B still holds its numbers after A acknowledged it: %+v", res)
	}
	fromB := mustPatient(t, b, "Bernard")
	if fromB.ChartNumber != "B-000001" {
		t.Fatalf("B's first chart number is %s", fromB.ChartNumber)
	}
	mustPatient(t, a, "Arnaud")
	for range 2 {
		syncOnce(t, a, dir, Options{})
		syncOnce(t, b, dir, Options{})
	}
	ra, rb := patientRows(t, a), patientRows(t, b)
	if len(ra) != 4 || !equalStrings(ra, rb) {
		t.Fatalf("rows differ:\nA %q\nB %q", ra, rb)
	}
	// The joined data folder passes the integrity and audit checks.
	b.Close()
	if rep, err := data.Check(ctx, bDir); err != nil || !rep.OK() {
		t.Fatalf("check of the joined data folder: %+v, %v", rep.Problems, err)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A wrong passphrase is refused before anything is written: no data
// folder is made for a joiner, the sync folder is left as it was.
func TestWrongPassphraseWritesNothing(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	a := newPracticeStore(t)
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, Options{}); err != nil {
		t.Fatal(err)
	}
	files := folderFiles(t, dir)
	bDir := filepath.Join(t.TempDir(), "joined")
	if _, err := Join(ctx, bDir, dir, "wrong", Options{}); data.ErrorCode(err) != data.EForbidden {
		t.Fatalf("join with a wrong passphrase: %v", err)
	}
	if _, err := os.Stat(bDir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the refused join made its data folder: %v", err)
	}
	mustPatient(t, a, "Pas envoyé")
	if _, err := OpenFolder(ctx, a, dir, "wrong"); data.ErrorCode(err) != data.EForbidden {
		t.Fatalf("sync with a wrong passphrase: %v", err)
	}
	if got := folderFiles(t, dir); !equalStrings(got, files) {
		t.Fatalf("the folder changed:\n%q\n%q", files, got)
	}
	if _, err := Create(ctx, a, dir, testPassphrase, Options{}); data.ErrorCode(err) != data.EConflict {
		t.Fatalf("creating a folder twice: %v", err)
	}
	other := newPracticeStore(t)
	if _, err := OpenFolder(ctx, other, dir, testPassphrase); data.ErrorCode(err) != data.EConflict {
		t.Fatalf("another practice's data folder synced with this folder: %v", err)
	}
}

// copyTree copies a folder tree, for a device that works on its own copy of
// the sync folder (two laptops apart with USB sticks).
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Two devices that join while apart both take the first free letter; once
// their folders meet, the later one moves to another letter, and neither
// hands out a number before the letters are settled and acknowledged.
func TestDevicesThatJoinedApartSettleTheirLetters(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	a := newPracticeStore(t)
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, Options{}); err != nil {
		t.Fatal(err)
	}
	apart := filepath.Join(t.TempDir(), "stick")
	copyTree(t, dir, apart)
	bDir, cDir := filepath.Join(t.TempDir(), "b"), filepath.Join(t.TempDir(), "c")
	if res, err := Join(ctx, bDir, dir, testPassphrase, Options{}); err != nil || res.Series != "B" {
		t.Fatalf("B joins: %+v, %v", res, err)
	}
	time.Sleep(2 * time.Millisecond) // C's ID sorts after B's
	if res, err := Join(ctx, cDir, apart, testPassphrase, Options{}); err != nil || res.Series != "B" {
		t.Fatalf("C joins apart: %+v, %v", res, err)
	}
	b, c := openStore(t, bDir), openStore(t, cDir)
	// The folders meet: C's files reach the shared folder.
	copyTree(t, filepath.Join(apart, "devices", c.Device().ID), filepath.Join(dir, "devices", c.Device().ID))
	stores := []*data.Store{a, b, c}
	for round := range 4 {
		for _, st := range stores[1:] {
			if held, _ := st.NumbersHeld(ctx); held != "" {
				if _, err := addPatient(st, "Tôt"); data.ErrorCode(err) != data.EConflict {
					t.Fatalf("round %d: %s handed out a number while held (%s): %v", round, st.Device().Series, held, err)
				}
			}
		}
		for _, st := range stores {
			syncOnce(t, st, dir, Options{})
		}
	}
	if b.Device().Series != "B" || c.Device().Series != "C" {
		t.Fatalf("letters after the clash: B %s, C %s", b.Device().Series, c.Device().Series)
	}
	for _, st := range stores[1:] {
		if held, _ := st.NumbersHeld(ctx); held != "" {
			t.Fatalf("%s still holds its numbers: %s", st.Device().Series, held)
		}
	}
	if pt := mustPatient(t, c, "Claude"); pt.ChartNumber != "C-000001" {
		t.Fatalf("C's first chart number: %s", pt.ChartNumber)
	}
	for range 2 {
		for _, st := range stores {
			syncOnce(t, st, dir, Options{})
		}
	}
	if ra, rc := patientRows(t, a), patientRows(t, c); !equalStrings(ra, rc) || len(ra) != 1 {
		t.Fatalf("rows differ:\nA %q\nC %q", ra, rc)
	}
}

// A device away longer than the retention no longer holds pruning back;
// when it comes back its own changes are sent and it is told to join
// again, never left to diverge. A device joining after the pruning starts
// from the newest snapshot and converges. A retired device is told to
// join again too.
func TestPruningAndADeviceAwayTooLong(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	opt := Options{Now: func() time.Time { return now }, SnapshotEvery: 3 * 24 * time.Hour, Retention: 6 * 24 * time.Hour}
	a := newPracticeStore(t)
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, opt); err != nil {
		t.Fatal(err)
	}
	join := func() *data.Store {
		d := filepath.Join(t.TempDir(), "d")
		if _, err := Join(ctx, d, dir, testPassphrase, opt); err != nil {
			t.Fatal(err)
		}
		return openStore(t, d)
	}
	b, c := join(), join()
	for range 2 {
		for _, st := range []*data.Store{a, b, c} {
			syncOnce(t, st, dir, opt)
		}
	}
	// C goes away; A and B work on for twelve days.
	pruned := 0
	for day := range 12 {
		now = now.Add(24 * time.Hour)
		mustPatient(t, a, "Jour")
		pruned += syncOnce(t, a, dir, opt).Pruned
		syncOnce(t, b, dir, opt)
		if day == 2 && pruned != 0 {
			t.Fatalf("A pruned %d files that C has not applied, while C is within the retention", pruned)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "devices", a.Device().ID, "chg", "*"+changeSuffix))
	if pruned == 0 || len(files) > 8 {
		t.Fatalf("A pruned %d change files and keeps %d", pruned, len(files))
	}
	// C comes back with an edit made while away.
	fromC := mustPatient(t, c, "Absent")
	f, err := OpenFolder(ctx, c, dir, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Sync(ctx, c, f, opt)
	if !errors.Is(err, ErrRejoin) || data.ErrorCode(err) != data.EConflict || res.Sent != 1 {
		t.Fatalf("C back after the retention: %+v, %v", res, err)
	}
	syncOnce(t, a, dir, opt)
	if _, err := a.Patient(ctx, fromC.ID); err != nil {
		t.Fatalf("C's change made while away did not reach A: %v", err)
	}
	// A newcomer joins from the newest snapshot and converges.
	d := join()
	for range 2 {
		for _, st := range []*data.Store{a, b, d} {
			syncOnce(t, st, dir, opt)
		}
	}
	if ra, rd := patientRows(t, a), patientRows(t, d); len(ra) != 13 || !equalStrings(ra, rd) {
		t.Fatalf("the newcomer differs: %d rows on A, %d on D", len(ra), len(rd))
	}
	// C, silent past the retention, is not waited for to acknowledge D.
	if held, err := d.NumbersHeld(ctx); held != "" || err != nil {
		t.Fatalf("the newcomer still holds its numbers: %q, %v", held, err)
	}
	// Retiring D from B: D is told to join again.
	fb, err := OpenFolder(ctx, b, dir, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Retire(ctx, b, fb, d.Device().Series, opt); err != nil {
		t.Fatal(err)
	}
	fd, err := OpenFolder(ctx, d, dir, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Sync(ctx, d, fd, opt); !errors.Is(err, ErrRejoin) {
		t.Fatalf("a retired device synced: %v", err)
	}
	if _, err := Retire(ctx, b, fb, b.Device().Series, opt); data.ErrorCode(err) != data.EInvalid {
		t.Fatalf("a device retired itself: %v", err)
	}
}

// A sync tool may deliver a device's change files before its record, or
// a damaged record: its files then wait, untouched and not refused, and
// apply once the record is whole.
func TestFilesWaitForTheirDevicesRecord(t *testing.T) {
	cheapScrypt(t)
	ctx := context.Background()
	a := newPracticeStore(t)
	dir := t.TempDir()
	if _, err := Create(ctx, a, dir, testPassphrase, Options{}); err != nil {
		t.Fatal(err)
	}
	bDir := filepath.Join(t.TempDir(), "b")
	if _, err := Join(ctx, bDir, dir, testPassphrase, Options{}); err != nil {
		t.Fatal(err)
	}
	b := openStore(t, bDir)
	syncOnce(t, a, dir, Options{})
	syncOnce(t, b, dir, Options{})
	// A device A has never seen: C joins, edits, syncs.
	cDir := filepath.Join(t.TempDir(), "c")
	if _, err := Join(ctx, cDir, dir, testPassphrase, Options{}); err != nil {
		t.Fatal(err)
	}
	c := openStore(t, cDir)
	pr := data.Practitioner{DisplayName: "Dr Carré", Active: true}
	if err := c.Update(ctx, func(tx *data.Tx) error { return tx.Save(&pr) }); err != nil {
		t.Fatal(err)
	}
	syncOnce(t, c, dir, Options{})
	record := filepath.Join(dir, "devices", c.Device().ID, recordName)
	good := readBytes(t, record)
	for _, spoil := range []func(){
		func() { os.Remove(record) },                               // not arrived yet
		func() { os.WriteFile(record, good[:len(good)/2], 0o600) }, // cut short
	} {
		spoil()
		res := syncOnce(t, a, dir, Options{})
		if len(res.Import.Refused) != 0 || len(res.Import.NotReady) != 1 {
			t.Fatalf("C's files without a good record: %+v", res.Import)
		}
		if _, err := a.Practitioner(ctx, pr.ID); data.ErrorCode(err) != data.ENotFound {
			t.Fatalf("C's practitioner applied without its record: %v", err)
		}
	}
	os.WriteFile(record, good, 0o600)
	if res := syncOnce(t, a, dir, Options{}); len(res.Import.Refused) != 0 || res.Import.Applied == 0 {
		t.Fatalf("C's files once its record is whole: %+v", res.Import)
	}
	if got, err := a.Practitioner(ctx, pr.ID); err != nil || got.DisplayName != "Dr Carré" {
		t.Fatalf("C's practitioner on A: %+v, %v", got, err)
	}
	if q, err := a.QuarantinedFiles(ctx); err != nil || len(q) != 0 {
		t.Fatalf("files set aside: %+v, %v", q, err)
	}
}
