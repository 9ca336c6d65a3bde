package sync

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"frontdesk/data"
)

// testPractice is one practice: a sync folder, its key, and the public
// keys of its devices (which joining will record; here the test does).
type testPractice struct {
	t      testing.TB
	dir    string
	key    PracticeKey
	pubs   map[string]ed25519.PublicKey
	prefix byte // next chart-number letter
}

func newTestPractice(t testing.TB) *testPractice {
	t.Helper()
	key, err := NewPracticeKey()
	if err != nil {
		t.Fatal(err)
	}
	return &testPractice{t: t, dir: t.TempDir(), key: key, pubs: map[string]ed25519.PublicKey{}, prefix: 'A'}
}

// testDevice is one computer of the practice with its own data folder.
type testDevice struct {
	p      *testPractice
	st     *data.Store
	series string // chart numbers it hands out, until joining gives devices letters
	charts int
}

func (p *testPractice) newDevice() *testDevice {
	p.t.Helper()
	st, err := data.Open(p.t.TempDir())
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(func() { st.Close() })
	pub, err := base64.StdEncoding.DecodeString(st.Device().PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		p.t.Fatalf("device key %q: %v", st.Device().PublicKey, err)
	}
	p.pubs[st.Device().ID] = pub
	d := &testDevice{p: p, st: st, series: string(rune(p.prefix))}
	p.prefix++
	return d
}

func (p *testPractice) folder() Folder {
	return Folder{Dir: p.dir, Practice: "practice-1", Crypt: p.key, Keys: func(dev string) (ed25519.PublicKey, bool, error) {
		k, ok := p.pubs[dev]
		return k, ok, nil
	}}
}

func (d *testDevice) id() string { return d.st.Device().ID }

func (d *testDevice) export() int {
	d.p.t.Helper()
	n, err := Export(context.Background(), d.st, d.p.folder())
	if err != nil {
		d.p.t.Fatalf("export: %v", err)
	}
	return n
}

func (d *testDevice) importAll() Report {
	d.p.t.Helper()
	rep, err := Import(context.Background(), d.st, d.p.folder())
	if err != nil {
		d.p.t.Fatalf("import: %v", err)
	}
	return rep
}

func (d *testDevice) update(fn func(tx *data.Tx) error) {
	d.p.t.Helper()
	if err := d.st.Update(context.Background(), fn); err != nil {
		d.p.t.Fatalf("update: %v", err)
	}
}

func (d *testDevice) newPatient(family, given string) data.Patient {
	d.p.t.Helper()
	d.charts++
	pt := data.Patient{ChartNumber: d.series + "-" + fmt.Sprintf("%06d", d.charts), FamilyName: family, GivenName: given}
	d.update(func(tx *data.Tx) error { return tx.Save(&pt) })
	return pt
}

func (d *testDevice) newPractitioner(name string) data.Practitioner {
	d.p.t.Helper()
	pr := data.Practitioner{DisplayName: name, Active: true}
	d.update(func(tx *data.Tx) error { return tx.Save(&pr) })
	return pr
}

// patient reads a patient as stored, tombstoned or not.
func (d *testDevice) patient(id string) (data.Patient, error) {
	return d.st.Patient(context.Background(), id)
}

// query runs one query on a device's read pool and returns one string.
func (d *testDevice) queryString(q string, args ...any) string {
	d.p.t.Helper()
	var s string
	if err := d.st.ReadDB().QueryRowContext(context.Background(), q, args...).Scan(&s); err != nil {
		d.p.t.Fatalf("%s: %v", q, err)
	}
	return s
}

func (d *testDevice) queryInt(q string, args ...any) int {
	d.p.t.Helper()
	var n int
	if err := d.st.ReadDB().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		d.p.t.Fatalf("%s: %v", q, err)
	}
	return n
}

// changeFiles lists a device's change files in the folder.
func (p *testPractice) changeFiles(device string) []string {
	names, _ := filepath.Glob(filepath.Join(p.dir, "devices", device, "chg", "*"+changeSuffix))
	return names
}

func readBytes(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
