package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"frontdesk/data"
	"frontdesk/data/backup"
)

// A restore checks the database it unpacks (quick_check reads it whole)
// and hands it over in WAL mode, as the store keeps it: the store that
// opens it next then has nothing to write before use, and does not read
// the whole file a second time before the desk shows.
func TestARestoredDatabaseIsReadyForTheStore(t *testing.T) {
	file := makeBackup(t, practice(t, 1))
	dir := filepath.Join(t.TempDir(), "new computer")
	if _, err := backup.Restore(context.Background(), dir, file, pass, nil); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	db := filepath.Join(dir, data.DBFile)
	head := make([]byte, 100)
	f, err := os.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.ReadAt(head, 0)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Bytes 18 and 19 of an SQLite header are its write and read
	// versions: 2 in WAL mode, 1 with a rollback journal.
	if head[18] != 2 || head[19] != 2 {
		t.Errorf("the restored database's header says versions %d/%d, want 2/2 (WAL mode)", head[18], head[19])
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(db + suffix); err == nil {
			t.Errorf("the restore left %s%s behind", data.DBFile, suffix)
		}
	}
	s, err := data.Open(dir)
	if err != nil {
		t.Fatalf("Open after restore: %v", err)
	}
	defer s.Close()
	if err := <-s.Verified(); err != nil {
		t.Errorf("the restored practice's opening check: %v", err)
	}
}
