package data_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// A database the user may not read is a permission problem, named as
// such, not damage.
func TestCheckAndOpenOnAnUnreadableDatabase(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: root reads any file, so an unreadable one cannot be simulated")
	}
	dir := seedStore(t, 3)
	path := filepath.Join(dir, data.DBFile)
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o600) })
	rep, err := data.Check(context.Background(), dir)
	if !rep.OK() {
		t.Errorf("problems %q", rep.Problems)
	}
	assertNotCalledDamage(t, err, "permission denied")
	_, err = data.Open(dir)
	assertNotCalledDamage(t, err, "permission denied")
}

func assertNotCalledDamage(t *testing.T, err error, cause string) {
	t.Helper()
	wantCode(t, err, data.EStorage)
	msg := data.ErrorMessage(err)
	assertPlainMessage(t, msg)
	if !strings.Contains(strings.ToLower(msg), cause) || strings.Contains(msg, "damaged") || strings.Contains(msg, "backup") {
		t.Errorf("message %q; want the cause %q, without damage or a backup", msg, cause)
	}
}
