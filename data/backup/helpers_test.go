package backup_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"frontdesk/data"
	"frontdesk/data/backup"
	"frontdesk/data/demo"
)

const pass = "correct horse battery staple"

// holdEnv names the data folder a child process keeps open, as a desk
// in another window does, until its standard input closes.
const holdEnv = "FRONTDESK_TEST_HOLD_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(holdEnv); dir != "" {
		s, err := data.Open(dir)
		if err != nil {
			fmt.Println("open failed:", err)
			os.Exit(2)
		}
		fmt.Println("open")
		io.Copy(io.Discard, os.Stdin)
		s.Close()
		os.Exit(0)
	}
	// 2^18 takes seconds under -race; the format does not depend on it.
	backup.ScryptWorkFactor = 10
	os.Exit(m.Run())
}

// practice is a small generated practice with attached files and a
// backup passphrase.
func practice(t testing.TB, seed uint64) *data.Store {
	t.Helper()
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	if _, err := demo.Generate(ctx, s, demo.Options{Seed: seed, Patients: 40, Days: 20, Practitioners: 2}, nil); err != nil {
		t.Fatal(err)
	}
	var ids []string
	rows, err := s.ReadDB().Query(`SELECT id FROM patients ORDER BY id LIMIT 3`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for i, id := range ids {
		if _, err := s.AddAttachment(ctx, id, fmt.Sprintf("scan-%d.png", i), -1, bytes.NewReader(pngBytes(t, int(seed)*10+i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := backup.SetPassphrase(ctx, s, pass); err != nil {
		t.Fatal(err)
	}
	return s
}

// pngBytes is a small PNG, different for each n.
func pngBytes(t testing.TB, n int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(n%8, n/8%8, color.RGBA{uint8(n), 200, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// dumpTables returns every row of every table of the database in dir,
// each row as text, sorted per table: two databases with the same rows
// dump the same, whatever order the rows are stored in.
func dumpTables(t testing.TB, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, tbl := range tables {
		rows, err := db.Query(`SELECT * FROM "` + tbl + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if x, ok := v.([]byte); ok {
					v = string(x)
				}
				fmt.Fprintf(&b, "%s=%#v;", cols[i], v)
			}
			out[tbl] = append(out[tbl], b.String())
		}
		rows.Close()
		sort.Strings(out[tbl])
	}
	return out
}

// fileTree maps each file under dir (slash paths) to its SHA-256.
func fileTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// subtree keeps the entries of a file tree under prefix.
func subtree(tree map[string]string, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range tree {
		if strings.HasPrefix(k, prefix) {
			out[k] = v
		}
	}
	return out
}

func sameMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// makeBackup backs the practice up into a new file and returns its path.
func makeBackup(t testing.TB, s *data.Store) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "practice.fdbackup")
	if _, err := backup.Create(context.Background(), s, path, backup.Options{}); err != nil {
		t.Fatalf("Create: %v", err)
	}
	return path
}

// rawWriter opens a database file for writing behind the store's back.
func rawWriter(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// anchorWritten waits until the anchor file of an open store has caught
// up with its last commit (it trails commits by up to a moment), so that
// a test comparing the data folder before and after sees only its own
// changes.
func anchorWritten(t testing.TB, s *data.Store) {
	t.Helper()
	path := filepath.Join(s.Dir(), "device-"+s.Device().ID+".anchor")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(path); err == nil && bytes.Equal(b, s.AnchorBytes()) {
			return
		}
	}
	t.Fatal("the store's anchor file never caught up with its last commit")
}
