package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/backup"
)

func TestAutomaticBackupsRotateInBothFolders(t *testing.T) {
	s := practice(t, 1)
	ctx := context.Background()
	stick := t.TempDir()
	if err := backup.SaveSettings(s.Dir(), backup.Settings{Keep: 2, SecondFolder: stick}); err != nil {
		t.Fatal(err)
	}
	// Files of someone else's in either folder are never removed.
	folder := filepath.Join(s.Dir(), backup.Folder)
	os.MkdirAll(folder, 0o700)
	for _, d := range []string{folder, stick} {
		os.WriteFile(filepath.Join(d, "holiday.jpg"), []byte("x"), 0o600)
	}
	var made []string
	for i := range 3 {
		p := data.Patient{FamilyName: "Change", GivenName: string(rune('A' + i))}
		if err := s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&p) }); err != nil {
			t.Fatal(err)
		}
		r, err := backup.Auto(ctx, s, backup.Daily, true, nil)
		if err != nil || r.Skipped || r.SecondErr != nil {
			t.Fatalf("Auto %d: %+v, %v", i, r, err)
		}
		made = append(made, r.Path)
	}
	for _, d := range []string{folder, stick} {
		list, err := backup.List(d)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || filepath.Base(list[0].Path) != filepath.Base(made[2]) || filepath.Base(list[1].Path) != filepath.Base(made[1]) {
			t.Errorf("%s keeps %v, want the two newest of %v", d, list, made)
		}
		if _, err := os.Stat(filepath.Join(d, "holiday.jpg")); err != nil {
			t.Errorf("%s: another file was removed", d)
		}
	}
	if fi, err := os.Stat(folder); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("backups folder mode %v, want 0700", fi.Mode().Perm())
	}
	if fi, err := os.Stat(made[2]); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode %v, want 0600", fi.Mode().Perm())
	}
	// The copy on the stick is the same file, and restores.
	if _, err := backup.Restore(ctx, filepath.Join(t.TempDir(), "d"), filepath.Join(stick, filepath.Base(made[2])), pass, nil); err != nil {
		t.Errorf("restoring the stick's copy: %v", err)
	}
	// The newest is found for a desk that cannot open its database.
	if f, ok := backup.Newest(s.Dir()); !ok || filepath.Base(f.Path) != filepath.Base(made[2]) {
		t.Errorf("Newest = %+v, %v", f, ok)
	}
	// Every backup is in the audit log.
	var n int
	s.ReadDB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'backup' AND detail LIKE ?`, backup.Daily+" to %").Scan(&n)
	if n != 3 {
		t.Errorf("%d backups audited, want 3", n)
	}
}

func TestBackupAtCloseSkipsAnUntouchedPractice(t *testing.T) {
	s := practice(t, 1)
	ctx := context.Background()
	first, err := backup.Auto(ctx, s, backup.AtClose, true, nil)
	if err != nil || first.Skipped {
		t.Fatalf("first: %+v %v", first, err)
	}
	again, err := backup.Auto(ctx, s, backup.AtClose, true, nil)
	if err != nil || !again.Skipped {
		t.Errorf("nothing changed, yet: %+v %v", again, err)
	}
	// Opening a patient's file is audited: it counts as a change.
	if err := s.AuditRead(ctx, "read", "patients", "x", "opened"); err != nil {
		t.Fatal(err)
	}
	third, err := backup.Auto(ctx, s, backup.AtClose, true, nil)
	if err != nil || third.Skipped {
		t.Errorf("after a reading: %+v %v", third, err)
	}
	st, _ := backup.LoadSettings(s.Dir())
	if st.LastFile != third.Path || time.Since(st.LastBackup) > time.Minute {
		t.Errorf("settings record %+v, want the last backup %s", st, third.Path)
	}
}

func TestSecondFolderMissingStillBacksUp(t *testing.T) {
	s := practice(t, 1)
	stick := t.TempDir()
	if err := backup.SaveSettings(s.Dir(), backup.Settings{Keep: 3, SecondFolder: stick}); err != nil {
		t.Fatal(err)
	}
	os.Remove(stick) // unplugged
	r, err := backup.Auto(context.Background(), s, backup.Daily, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if data.ErrorCode(r.SecondErr) != data.ENotFound {
		t.Errorf("SecondErr = %v", r.SecondErr)
	}
	if _, err := os.Stat(r.Path); err != nil {
		t.Errorf("the backup in the data folder: %v", err)
	}
}

func TestSettingsRules(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		st    backup.Settings
		field string
	}{
		{backup.Settings{Keep: 0}, backup.FieldKeep},
		{backup.Settings{Keep: backup.MaxKeep + 1}, backup.FieldKeep},
		{backup.Settings{Keep: 5, SecondFolder: "relative/stick"}, backup.FieldSecondFolder},
		{backup.Settings{Keep: 5, SecondFolder: filepath.Join(dir, "absent")}, backup.FieldSecondFolder},
		{backup.Settings{Keep: 5, SecondFolder: dir}, ""},
	} {
		err := backup.SaveSettings(dir, c.st)
		ps := data.ProblemsOf(err)
		if c.field == "" && err != nil || c.field != "" && (len(ps) != 1 || ps[0].Field != c.field) {
			t.Errorf("%+v: %v, want a problem under %q", c.st, err, c.field)
		}
	}
	st, err := backup.LoadSettings(dir)
	if err != nil || st.Keep != 5 || st.SecondFolder != dir {
		t.Errorf("saved %+v %v", st, err)
	}
}

func TestADamagedAttachmentIsNamedAndKept(t *testing.T) {
	s := practice(t, 1)
	list, _ := filepath.Glob(filepath.Join(s.Dir(), "attachments", "*", "*"))
	if len(list) == 0 {
		t.Fatal("no attachments")
	}
	if err := os.WriteFile(list[0], []byte("bit rot"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := backup.Create(context.Background(), s, filepath.Join(t.TempDir(), "b.fdbackup"), backup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(s.Dir(), list[0])
	if len(r.Damaged) != 1 || r.Damaged[0] != filepath.ToSlash(rel) {
		t.Errorf("Damaged = %v, want %s", r.Damaged, rel)
	}
	if _, err := backup.Restore(context.Background(), filepath.Join(t.TempDir(), "d"), r.Path, pass, nil); err != nil {
		t.Errorf("a backup with a damaged attachment restores: %v", err)
	}
}

func TestTheBackupAtCloseAfterARestoreIsMade(t *testing.T) {
	s := practice(t, 1)
	ctx := context.Background()
	early := makeBackup(t, s)
	// The practice grows after that backup; the last backup is later.
	for range 30 {
		if err := s.AuditRead(ctx, "read", "patients", "x", "opened"); err != nil {
			t.Fatal(err)
		}
	}
	if r, err := backup.Auto(ctx, s, backup.AtClose, true, nil); err != nil || r.Skipped {
		t.Fatalf("first: %+v %v", r, err)
	}
	dir := s.Dir()
	s.Close()
	// Back to the early backup: its audit log is shorter than the mark of
	// the last backup, yet the practice has changed (it was restored).
	r, err := backup.Restore(ctx, dir, early, pass, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if err := backup.RecordRestore(ctx, rs, r, early); err != nil {
		t.Fatal(err)
	}
	if again, err := backup.Auto(ctx, rs, backup.AtClose, true, nil); err != nil || again.Skipped {
		t.Errorf("after a restore the backup at close was skipped: %+v %v", again, err)
	}
}
