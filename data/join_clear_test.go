package data_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"frontdesk/data"
)

// A first start that turns into a join clears the database the desk
// opened, which holds no practice yet; a database holding a practice is
// refused and left as it was.
func TestClearUnsetDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "device-"+s.Device().ID+".key")
	s.Close()
	if err := data.ClearUnsetDatabase(ctx, dir); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, data.DBFile), key} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Fatalf("%s is still there: %v", filepath.Base(p), err)
		}
	}

	s = openStore(t) // with its practice
	s.Close()
	before := readFile(t, filepath.Join(s.Dir(), data.DBFile))
	wantCode(t, data.ClearUnsetDatabase(ctx, s.Dir()), data.EConflict)
	assertUnchanged(t, filepath.Join(s.Dir(), data.DBFile), before)
}
