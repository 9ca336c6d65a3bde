package backup_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/backup"
)

func TestRestoreGivesBackEveryRowAndFile(t *testing.T) {
	s := practice(t, 1)
	ctx := context.Background()
	wantRows := dumpTables(t, s.Path())
	wantFiles := fileTree(t, s.Dir())
	file := makeBackup(t, s)

	dir := filepath.Join(t.TempDir(), "new computer")
	r, err := backup.Restore(ctx, dir, file, pass, nil)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if r.KeptAside != "" {
		t.Errorf("a folder without a database kept %q aside", r.KeptAside)
	}
	gotRows := dumpTables(t, filepath.Join(dir, data.DBFile))
	if len(gotRows) != len(wantRows) {
		t.Fatalf("restored %d tables, want %d", len(gotRows), len(wantRows))
	}
	for tbl, want := range wantRows {
		got := gotRows[tbl]
		if len(got) != len(want) {
			t.Errorf("%s: %d rows restored, want %d", tbl, len(got), len(want))
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: row %d differs:\n got %s\nwant %s", tbl, i, got[i], want[i])
				break
			}
		}
	}
	if n := len(wantRows["patients"]); n < 40 {
		t.Fatalf("the practice has %d patients: the test compares too little", n)
	}
	gotFiles := fileTree(t, dir)
	if want, got := subtree(wantFiles, "attachments/"), subtree(gotFiles, "attachments/"); len(want) != 3 || !sameMaps(got, want) {
		t.Errorf("attachments restored %v, want %v", got, want)
	}
	// The device's audit anchor travels with the database.
	restoredAnchorSeq(t, dir, s.Device().ID)
	if r.About.Practice == "" || r.About.Schema != data.SchemaVersion() || r.About.Device != s.Device().ID {
		t.Errorf("About = %+v", r.About)
	}

	// The restored practice opens, passes its check, and records the restore.
	rs, err := data.Open(dir)
	if err != nil {
		t.Fatalf("Open after restore: %v", err)
	}
	if err := backup.RecordRestore(ctx, rs, r, file); err != nil {
		t.Fatal(err)
	}
	var n int
	rs.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'restore'`).Scan(&n)
	rs.Close()
	if n != 1 {
		t.Errorf("%d restore rows in the audit log, want 1", n)
	}
	rep, err := data.Check(ctx, dir)
	if err != nil || !rep.OK() {
		t.Errorf("check after restore: %v %v", err, rep.Problems)
	}
}

// The anchor file beside the database trails the last commit by up to a
// moment; the backup's anchor must not: it is signed at the head of the
// chain its copy holds.
func TestBackupCarriesTheAnchorOfItsLastCommit(t *testing.T) {
	s := practice(t, 1)
	ctx := context.Background()
	for _, name := range []string{"Justbefore", "Lastone"} {
		p := data.Patient{FamilyName: name, GivenName: "Ann"}
		if err := s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&p) }); err != nil {
			t.Fatal(err)
		}
	}
	file := makeBackup(t, s)
	dir := filepath.Join(t.TempDir(), "new computer")
	if _, err := backup.Restore(ctx, dir, file, pass, nil); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if seq, head := restoredAnchorSeq(t, dir, s.Device().ID); seq != head {
		t.Errorf("the restored anchor is signed at seq %d, the restored chain ends at %d", seq, head)
	}
}

// restoredAnchorSeq reads the device's anchor in a restored data folder,
// checks its signature, and returns its seq beside the device's last seq
// in the restored audit log.
func restoredAnchorSeq(t *testing.T, dir, device string) (seq, head int64) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "device-"+device+".anchor"))
	if err != nil {
		t.Fatalf("the audit anchor was not restored: %v", err)
	}
	a, err := data.VerifyAnchor(b)
	if err != nil {
		t.Fatalf("the restored anchor does not verify: %v", err)
	}
	db := rawWriter(t, filepath.Join(dir, data.DBFile))
	err = db.QueryRow(`SELECT MAX(seq) FROM audit_log WHERE device_id = ?`, device).Scan(&head)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	return a.Seq, head
}

func TestRestoreKeepsTheReplacedDatabaseAside(t *testing.T) {
	old := practice(t, 1)
	other := practice(t, 2)
	wantRestored := dumpTables(t, other.Path())
	file := makeBackup(t, other)
	dir := old.Dir()
	p := data.Patient{FamilyName: "Onlyhere", GivenName: "Before"}
	if err := old.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&p) }); err != nil {
		t.Fatal(err)
	}
	old.Close()
	wantAside := dumpTables(t, filepath.Join(dir, data.DBFile))
	oldAttachments := subtree(fileTree(t, dir), "attachments/")

	r, err := backup.Restore(context.Background(), dir, file, pass, nil)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if !strings.HasPrefix(filepath.Base(r.KeptAside), "replaced-") || filepath.Dir(r.KeptAside) != dir {
		t.Fatalf("kept aside in %q", r.KeptAside)
	}
	if got := dumpTables(t, filepath.Join(r.KeptAside, data.DBFile)); !sameDump(got, wantAside) {
		t.Errorf("the database kept aside is not the one replaced")
	}
	if got := dumpTables(t, filepath.Join(dir, data.DBFile)); !sameDump(got, wantRestored) {
		t.Errorf("the restored database is not the backup's")
	}
	// The attached files of both stay: they are stored by their hash.
	after := subtree(fileTree(t, dir), "attachments/")
	for k, v := range oldAttachments {
		if after[k] != v {
			t.Errorf("attachment %s of the replaced practice is gone", k)
		}
	}
	if len(after) != len(oldAttachments)+3 {
		t.Errorf("%d attachments after the restore, want %d", len(after), len(oldAttachments)+3)
	}
}

func sameDump(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, rows := range a {
		if strings.Join(rows, "\n") != strings.Join(b[k], "\n") {
			return false
		}
	}
	return true
}

// refused restores file over the practice in dir and checks that it
// fails with code (and, for a passphrase, the field) while the data
// folder stays exactly as it was.
func refused(t *testing.T, dir, file, passphrase, code string) error {
	t.Helper()
	before := fileTree(t, dir)
	_, err := backup.Restore(context.Background(), dir, file, passphrase, nil)
	if err == nil {
		t.Fatalf("Restore succeeded; want %s", code)
	}
	if got := data.ErrorCode(err); got != code {
		t.Errorf("Restore: code %s (%v), want %s", got, err, code)
	}
	if after := fileTree(t, dir); !sameMaps(before, after) {
		t.Errorf("the data folder changed:\nbefore %v\nafter  %v", before, after)
	}
	if stale, _ := filepath.Glob(filepath.Join(dir, ".restore-*")); len(stale) > 0 {
		t.Errorf("left behind: %v", stale)
	}
	return err
}

// closedPractice is a practice whose store is closed again, so that a
// restore may replace it.
func closedPractice(t *testing.T, seed uint64) string {
	s := practice(t, seed)
	s.Close()
	return s.Dir()
}

func TestRestoreRefusesAWrongPassphrase(t *testing.T) {
	s := practice(t, 1)
	file := makeBackup(t, s)
	dir := closedPractice(t, 2)
	for _, wrong := range []string{"", "correct horse battery stapler", strings.ToUpper(pass)} {
		err := refused(t, dir, file, wrong, data.EInvalid)
		if ps := data.ProblemsOf(err); len(ps) != 1 || ps[0].Field != backup.FieldPassphrase {
			t.Errorf("passphrase %q: problems %+v, want one under the passphrase", wrong, ps)
		}
	}
}

func TestRestoreRefusesATruncatedFile(t *testing.T) {
	s := practice(t, 1)
	full, err := os.ReadFile(makeBackup(t, s))
	if err != nil {
		t.Fatal(err)
	}
	dir := closedPractice(t, 2)
	head := bytes.Index(full, []byte("-----END AGE ENCRYPTED FILE-----\n")) + len("-----END AGE ENCRYPTED FILE-----\n")
	// Inside the header, inside the wrapped key, just after it, inside
	// age's header, at the first 64 KiB chunk's end, mid-file, and one byte
	// short of the end.
	cuts := []int{10, head - 40, head, head + 100, head + 200 + 64*1024 + 16, len(full) / 2, len(full) - 1}
	for _, n := range cuts {
		t.Run("", func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "cut.fdbackup")
			if err := os.WriteFile(file, full[:n], 0o600); err != nil {
				t.Fatal(err)
			}
			before := fileTree(t, dir)
			_, err := backup.Restore(context.Background(), dir, file, pass, nil)
			if code := data.ErrorCode(err); code != data.EDamaged && code != data.EInvalid {
				t.Errorf("cut at %d of %d: %v, want the file refused as damaged", n, len(full), err)
			}
			if !sameMaps(before, fileTree(t, dir)) {
				t.Errorf("cut at %d: the data folder changed", n)
			}
		})
	}
}

func TestRestoreRefusesAnAlteredFile(t *testing.T) {
	s := practice(t, 1)
	full, err := os.ReadFile(makeBackup(t, s))
	if err != nil {
		t.Fatal(err)
	}
	dir := closedPractice(t, 2)
	for _, at := range []int{len(full) / 3, len(full) - 20} {
		altered := bytes.Clone(full)
		altered[at] ^= 0x01
		file := filepath.Join(t.TempDir(), "altered.fdbackup")
		if err := os.WriteFile(file, altered, 0o600); err != nil {
			t.Fatal(err)
		}
		refused(t, dir, file, pass, data.EDamaged)
	}
}

func TestRestoreRefusesABackupFromANewerVersion(t *testing.T) {
	s := practice(t, 1)
	// A database a newer Frontdesk wrote: one more migration.
	if _, err := rawWriter(t, s.Path()).Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', '2030-01-01T00:00:00Z')`,
		data.SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	file := makeBackup(t, s)
	dir := closedPractice(t, 2)
	refused(t, dir, file, pass, data.ETooNew)
}

func TestRestoreRefusesWhileTheDeskIsOpen(t *testing.T) {
	file := makeBackup(t, practice(t, 1))
	s := practice(t, 2) // open, as a desk holds it
	anchorWritten(t, s) // the desk's own write of a moment later is not the restore's
	err := refused(t, s.Dir(), file, pass, data.EConflict)
	var de *data.Error
	if !errors.As(err, &de) || de.Key != "backup.error.in_use" {
		t.Errorf("err = %v, want the practice named as in use", err)
	}
	// While a restore holds the folder, nothing opens it.
	s.Close()
	unlock, err := data.LockForRestore(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := data.Open(s.Dir()); data.ErrorCode(err) != data.EConflict {
		t.Errorf("Open during a restore: %v, want a conflict", err)
	}
}

// The lock is the operating system's: a desk in another process holds
// the practice as surely as one in this process.
func TestRestoreRefusesWhileAnotherProcessHasThePracticeOpen(t *testing.T) {
	file := makeBackup(t, practice(t, 1))
	dir := closedPractice(t, 2)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+dir)
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "open\n" {
		t.Fatalf("the child said %q", line)
	}
	refused(t, dir, file, pass, data.EConflict)
	stdin.Close() // the other desk closes
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Restore(context.Background(), dir, file, pass, nil); err != nil {
		t.Errorf("once it closed: %v", err)
	}
}

func TestRestoreRefusesWhatIsNotABackup(t *testing.T) {
	dir := closedPractice(t, 1)
	file := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(file, []byte("Frontdesk backup 1\nnot really\n"), 0o600)
	refused(t, dir, file, pass, data.EInvalid)
	refused(t, dir, filepath.Join(t.TempDir(), "missing.fdbackup"), pass, data.ENotFound)
	newer := filepath.Join(t.TempDir(), "newer.fdbackup")
	os.WriteFile(newer, []byte("Frontdesk backup 2\npayload: tar\n"), 0o600)
	refused(t, dir, newer, pass, data.ETooNew)
}

func TestCancelledBackupAndRestoreLeaveNothing(t *testing.T) {
	s := practice(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	path := filepath.Join(t.TempDir(), "cancelled.fdbackup")
	_, err := backup.Create(ctx, s, path, backup.Options{Progress: func(done, total int64) {
		if done > total/3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Create: %v, want it cancelled", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a cancelled backup left its file")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	if left, _ := filepath.Glob(filepath.Join(s.Dir(), ".backup-*")); len(left) > 0 {
		t.Errorf("left in the data folder: %v", left)
	}

	file := makeBackup(t, s)
	dir := closedPractice(t, 2)
	before := fileTree(t, dir)
	ctx, cancel = context.WithCancel(context.Background())
	_, err = backup.Restore(ctx, dir, file, pass, func(done, total int64) {
		if done > total/2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Restore: %v, want it cancelled", err)
	}
	if !sameMaps(before, fileTree(t, dir)) {
		t.Error("a cancelled restore changed the data folder")
	}
}

func TestBackupNeedsAPassphraseChosen(t *testing.T) {
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = backup.Create(context.Background(), s, filepath.Join(t.TempDir(), "x.fdbackup"), backup.Options{})
	if data.ErrorCode(err) != data.ENotFound {
		t.Errorf("Create without a key: %v", err)
	}
}

func TestANewPassphraseDoesNotOpenOldBackups(t *testing.T) {
	s := practice(t, 1)
	ctx := context.Background()
	before := makeBackup(t, s)
	if err := backup.SetPassphrase(ctx, s, "a completely new sentence"); err != nil {
		t.Fatal(err)
	}
	if err := backup.CheckPassphrase(ctx, s, pass); data.ErrorCode(err) != data.EInvalid {
		t.Errorf("the old passphrase still opens the key: %v", err)
	}
	after := makeBackup(t, s)
	dir := closedPractice(t, 2)
	refused(t, dir, after, pass, data.EInvalid)
	// A backup keeps its own key: the old passphrase still opens it.
	if _, err := backup.Restore(ctx, filepath.Join(t.TempDir(), "d"), before, pass, nil); err != nil {
		t.Errorf("the old backup with its passphrase: %v", err)
	}
	if _, err := backup.Restore(ctx, filepath.Join(t.TempDir(), "e"), after, "a completely new sentence", nil); err != nil {
		t.Errorf("the new backup with the new passphrase: %v", err)
	}
}

func TestPassphraseRules(t *testing.T) {
	for _, c := range []struct {
		pass, repeat string
		fields       []string
	}{
		{"short", "short", []string{backup.FieldPassphrase}},
		{"long enough sentence", "long enough sentence", nil},
		{"long enough sentence ", "long enough sentence ", []string{backup.FieldPassphrase}},
		{"long enough sentence", "long enough sentense", []string{backup.FieldRepeat}},
		{"été à Noël, déjà", "été à Noël, déjà", nil}, // 16 characters, more bytes
	} {
		var got []string
		for _, p := range data.ProblemsOf(backup.CheckNewPassphrase(c.pass, c.repeat)) {
			got = append(got, p.Field)
		}
		if strings.Join(got, ",") != strings.Join(c.fields, ",") {
			t.Errorf("%q/%q: problems under %v, want %v", c.pass, c.repeat, got, c.fields)
		}
	}
}
