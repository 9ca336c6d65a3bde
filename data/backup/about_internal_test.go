package backup

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"frontdesk/data"
)

// A backup whose about.json names a newer schema is refused before its
// database is even unpacked.
func TestRestoreRefusesANewerSchemaBeforeUnpacking(t *testing.T) {
	ScryptWorkFactor = 10
	recipient, wrapped, err := NewKey("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	to, _ := age.ParseX25519Recipient(recipient)
	dbPath := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(dbPath, bytes.Repeat([]byte{0}, 4096), 0o600)
	var b bytes.Buffer
	res := &Result{About: About{Format: aboutFormat, Schema: data.SchemaVersion() + 1}}
	if err := pack(context.Background(), &b, wrapped, to, dbPath, nil, nil, "", newMeter(nil), res); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "newer.fdbackup")
	os.WriteFile(file, b.Bytes(), 0o600)
	dir := t.TempDir()
	_, err = Prepare(context.Background(), dir, file, "correct horse battery staple", nil)
	if data.ErrorCode(err) != data.ETooNew {
		t.Fatalf("Prepare: %v, want too new", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left in the data folder: %v", left)
	}
}
