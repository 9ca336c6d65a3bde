package data_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// seedStore makes a data folder holding a closed practice database with n
// patients (with enough text to fill many pages) and returns the folder.
func seedStore(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	mustUpdate(t, s, func(tx *data.Tx) error {
		if err := tx.Save(&data.Practice{Name: "Cabinet", Currency: "EUR", TimeZone: "Europe/Paris"}); err != nil {
			return err
		}
		for i := range n {
			p := data.Patient{FamilyName: fmt.Sprintf("Family%04d", i), GivenName: "Given",
				Notes: strings.Repeat(fmt.Sprintf("note %d ", i), 30)}
			if err := tx.CreatePatient(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return dir
}

// setJournalDelete turns a closed database back to a rollback journal, as
// a database restored from elsewhere or written by another tool can be.
func setJournalDelete(t testing.TB, dir string) {
	t.Helper()
	db := rawDB(t, dir)
	var mode string
	if err := db.QueryRow(`PRAGMA journal_mode=DELETE`).Scan(&mode); err != nil || mode != "delete" {
		t.Fatalf("journal_mode=DELETE: %q, %v", mode, err)
	}
	db.Close()
}

// corruptMiddlePage overwrites one page in the middle of the closed
// database with random bytes, leaving the header (page 1) intact.
func corruptMiddlePage(t testing.TB, dir string) {
	t.Helper()
	db := rawDB(t, dir)
	pageSize := queryInt(t, db, `PRAGMA page_size`)
	pages := queryInt(t, db, `PRAGMA page_count`)
	db.Close()
	if pages < 10 {
		t.Fatalf("only %d pages: the seed is too small to damage the middle", pages)
	}
	path := filepath.Join(dir, data.DBFile)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, pageSize)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	if _, err := f.WriteAt(junk, int64(pages/2)*int64(pageSize)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	// Precondition: the header is still fine and SQLite itself sees the damage.
	head := readFile(t, path)[:16]
	if string(head) != "SQLite format 3\x00" {
		t.Fatalf("the header was damaged too: %q", head)
	}
	ro := rawDB(t, dir)
	ok := true
	rows, err := ro.Query(`PRAGMA quick_check`)
	if err != nil {
		ok = false
	} else {
		for rows.Next() {
			var line string
			err := rows.Scan(&line)
			ok = ok && err == nil && line == "ok"
		}
		if rows.Err() != nil {
			ok = false
		}
		rows.Close()
	}
	ro.Close()
	if ok {
		t.Fatal("precondition: quick_check does not notice the damaged page")
	}
}

// A file of random bytes is not a database: it is refused unchanged
// without advice to restore a backup over it (it may be another program's
// file, or the wrong folder). A file with SQLite's header and garbage after
// it was a database: that is damage.
func TestOpenRefusesRandomBytes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header bool
	}{{"random bytes", false}, {"valid header then random bytes", true}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, data.DBFile)
			junk := make([]byte, 64<<10)
			rng := rand.New(rand.NewPCG(3, 4))
			for i := range junk {
				junk[i] = byte(rng.UintN(256))
			}
			if tc.header {
				copy(junk, "SQLite format 3\x00")
			}
			if err := os.WriteFile(path, junk, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := data.Open(dir)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted a file of random bytes")
			}
			msg := data.ErrorMessage(err)
			assertPlainMessage(t, msg)
			want, code := "damaged", data.EDamaged
			if !tc.header {
				want, code = "is not a Frontdesk practice database", data.EForeign
				if strings.Contains(msg, "backup") {
					t.Errorf("message %q advises restoring a backup over a file that is not a database", msg)
				}
			}
			wantCode(t, err, code)
			if !strings.Contains(msg, want) || !strings.Contains(msg, "Nothing was changed") {
				t.Errorf("message %q does not say %q and that nothing changed", msg, want)
			}
			assertUnchanged(t, path, junk)

			rep, err := data.Check(context.Background(), dir)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if rep.OK() || rep.Code != code {
				t.Fatalf("Check of a file of random bytes: %+v, want code %s", rep, code)
			}
			assertUnchanged(t, path, junk)
		})
	}
}

func TestOpenRefusesDamagedPage(t *testing.T) {
	for _, journal := range []string{"wal", "delete"} {
		t.Run(journal, func(t *testing.T) {
			dir := seedStore(t, 400)
			if journal == "delete" {
				setJournalDelete(t, dir)
			}
			corruptMiddlePage(t, dir)
			path := filepath.Join(dir, data.DBFile)
			before := readFile(t, path)

			s, err := data.Open(dir)
			if err == nil {
				// A database ready for use (WAL mode, current schema) is
				// checked in the background while the window opens: the
				// store opens with every write held, and the check's
				// verdict refuses them.
				if journal == "delete" {
					s.Close()
					t.Fatal("Open accepted a rollback-journal database whose integrity check fails (the writer switches it to WAL)")
				}
				err = <-s.Verified()
				p := data.Patient{FamilyName: "After", GivenName: "Damage"}
				werr := s.Update(context.Background(), func(tx *data.Tx) error { return tx.CreatePatient(&p) })
				s.Close()
				wantCode(t, werr, data.EDamaged)
			}
			wantCode(t, err, data.EDamaged)
			msg := data.ErrorMessage(err)
			assertPlainMessage(t, msg)
			if !strings.Contains(msg, "damaged") || !strings.Contains(msg, "backup") {
				t.Errorf("message %q does not say the database is damaged and point to a backup", msg)
			}
			assertUnchanged(t, path, before)

			rep, err := data.Check(context.Background(), dir)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if rep.OK() {
				t.Fatal("Check reports the damaged database as OK")
			}
			if !strings.Contains(rep.Problems[0], "check") {
				t.Errorf("Check problems %q do not come from SQLite's integrity check", rep.Problems)
			}
			assertUnchanged(t, path, before)
		})
	}
}

func TestOpenRefusesNewerDatabase(t *testing.T) {
	for _, journal := range []string{"wal", "delete"} {
		t.Run(journal, func(t *testing.T) {
			dir := seedStore(t, 3)
			if journal == "delete" {
				setJournalDelete(t, dir)
			}
			future := data.SchemaVersion() + 1
			db := rawDB(t, dir)
			if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from_the_future', ?)`,
				future, time.Now().UTC().Format(time.RFC3339)); err != nil {
				t.Fatal(err)
			}
			db.Close()
			path := filepath.Join(dir, data.DBFile)
			before := readFile(t, path)

			s, err := data.Open(dir)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted a database from a newer version")
			}
			wantCode(t, err, data.ETooNew)
			msg := data.ErrorMessage(err)
			assertPlainMessage(t, msg)
			if !strings.Contains(msg, "newer version") || !strings.Contains(msg, fmt.Sprint(future)) {
				t.Errorf("message %q does not explain the version", msg)
			}
			assertUnchanged(t, path, before)

			db = rawDB(t, dir)
			if n := queryInt(t, db, `SELECT COUNT(*) FROM schema_migrations`); n != future {
				t.Errorf("schema_migrations has %d rows after the refused open, want %d", n, future)
			}
			db.Close()

			rep, err := data.Check(context.Background(), dir)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), "newer") {
				t.Errorf("Check problems = %q, want a newer-version problem", rep.Problems)
			}
			assertUnchanged(t, path, before)
		})
	}
}

func TestOpenReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: root ignores folder permissions, so a read-only folder cannot be simulated")
	}
	t.Run("new database", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "data")
		if err := os.Mkdir(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		s, err := data.Open(dir)
		if err == nil {
			s.Close()
			t.Fatal("Open succeeded in a read-only folder")
		}
		wantCode(t, err, data.EStorage)
		msg := data.ErrorMessage(err)
		assertPlainMessage(t, msg)
		if !strings.Contains(msg, dir) {
			t.Errorf("message %q does not name the folder %s", msg, dir)
		}
		if _, err := os.Stat(filepath.Join(dir, data.DBFile)); err == nil {
			t.Error("a database file appeared in the read-only folder")
		}
	})
	t.Run("existing database", func(t *testing.T) {
		dir := seedStore(t, 2)
		path := filepath.Join(dir, data.DBFile)
		before := readFile(t, path)
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		s, err := data.Open(dir)
		if err == nil {
			s.Close()
			t.Fatal("Open succeeded in a read-only folder")
		}
		wantCode(t, err, data.EStorage)
		msg := data.ErrorMessage(err)
		assertPlainMessage(t, msg)
		if !strings.Contains(msg, dir) {
			t.Errorf("message %q does not name the folder %s", msg, dir)
		}
		assertUnchanged(t, path, before)
	})
	t.Run("folder cannot be created", func(t *testing.T) {
		parent := filepath.Join(t.TempDir(), "locked")
		if err := os.Mkdir(parent, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(parent, 0o700) })
		dir := filepath.Join(parent, "data")
		_, err := data.Open(dir)
		wantCode(t, err, data.EStorage)
		if msg := data.ErrorMessage(err); !strings.Contains(msg, dir) || !strings.Contains(msg, "permission denied") {
			t.Errorf("message %q does not name the folder and the reason", msg)
		}
	})
}

func TestOpenOnRegularFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte("not a folder\n")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open accepted a regular file as its data folder")
	}
	wantCode(t, err, data.EStorage)
	msg := data.ErrorMessage(err)
	assertPlainMessage(t, msg)
	if !strings.Contains(msg, path) || !strings.Contains(msg, "not a folder") {
		t.Errorf("message %q does not name %s and say it is a file", msg, path)
	}
	assertUnchanged(t, path, content)

	// A folder below a file cannot be created either.
	_, err = data.Open(filepath.Join(path, "data"))
	wantCode(t, err, data.EStorage)
	if msg := data.ErrorMessage(err); !strings.Contains(msg, filepath.Join(path, "data")) {
		t.Errorf("message %q does not name the folder", msg)
	}
}

func TestOpenEmptyFolderName(t *testing.T) {
	_, err := data.Open("")
	wantCode(t, err, data.EInvalid)
}

// A folder name with characters that URIs reserve must still be a plain
// file path to SQLite, not a query string or a fragment.
func TestOpenFolderWithURICharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Dr Müller #2 ?mode=ro 100%")
	s, err := data.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	p := newPatient(t, s, "Weber", "Anna")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, data.DBFile)); err != nil {
		t.Fatalf("the database is not in the folder: %v", err)
	}
	s, err = data.Open(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	got, err := s.Patient(context.Background(), p.ID)
	if err != nil || got.FamilyName != "Weber" {
		t.Fatalf("Patient = %+v, %v", got, err)
	}
	checkOK(t, dir)
}

func TestReopenKeepsDeviceAndData(t *testing.T) {
	dir := seedStore(t, 5)
	s, err := data.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	dev := s.Device()
	n, err := s.CountPatients(context.Background())
	if err != nil || n != 5 {
		t.Fatalf("CountPatients = %d, %v; want 5", n, err)
	}
	p := newPatient(t, s, "Late", "")
	if p.ChartNumber != "A-000006" {
		t.Errorf("the chart series restarted: %s, want A-000006", p.ChartNumber)
	}
	s.Close()
	s, err = data.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if s.Device() != dev {
		t.Errorf("device changed on reopen: %+v, then %+v", dev, s.Device())
	}
	rep := checkOK(t, dir)
	if rep.Schema != data.SchemaVersion() {
		t.Errorf("Check schema = %d, want %d", rep.Schema, data.SchemaVersion())
	}
}

func TestCheckMissingDatabase(t *testing.T) {
	_, err := data.Check(context.Background(), t.TempDir())
	wantCode(t, err, data.ENotFound)
}
