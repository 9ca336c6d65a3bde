package sync

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// Every kind of untrustworthy file is set aside with its reason, the
// device's later files wait behind it, and nothing of it is applied.
func TestUntrustworthyFilesAreRefusedWithAReason(t *testing.T) {
	otherKey, err := NewPracticeKey()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		reason string
		spoil  func(t *testing.T, p *testPractice, a *testDevice, path string)
	}{
		{"truncated", ReasonDamaged, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			b := readBytes(t, path)
			os.WriteFile(path, b[:len(b)-40], 0o600)
		}},
		{"a byte flipped", ReasonDamaged, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			b := readBytes(t, path)
			b[len(b)/2] ^= 0x40
			os.WriteFile(path, b, 0o600)
		}},
		{"empty", ReasonDamaged, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			os.WriteFile(path, nil, 0o600)
		}},
		{"encrypted to another key", ReasonWrongKey, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			rewrite(t, p, path, func(plain []byte) []byte { return plain }, otherKey)
		}},
		{"altered after signing", ReasonBadSignature, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			rewrite(t, p, path, func(plain []byte) []byte {
				return []byte(strings.Replace(string(plain), "Gómez", "Gomes", 1))
			}, p.key)
		}},
		{"signed by another device", ReasonBadSignature, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			intruder := p.newDevice()
			set, _ := a.st.SealedSet(context.Background(), 1)
			writeSigned(t, p, intruder, path, File{Header: Header{Practice: "practice-1", Device: a.id(), Seq: 1, First: set.First, Last: set.Last}, Changes: set.Changes})
		}},
		{"from an unknown device", ReasonUnknownDevice, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			delete(p.pubs, a.id())
		}},
		{"of another practice", ReasonWrongPractice, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			set, _ := a.st.SealedSet(context.Background(), 1)
			writeSigned(t, p, a, path, File{Header: Header{Practice: "practice-2", Device: a.id(), Seq: 1, First: set.First, Last: set.Last}, Changes: set.Changes})
		}},
		{"copied under another number", ReasonMisplaced, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			// File 2 is put where file 1 was.
			a.newPatient("Other", "One")
			a.export()
			os.Rename(p.changeFiles(a.id())[1], path)
		}},
		{"encrypted but not compressed", ReasonMalformed, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			c, _ := p.key.Encrypt([]byte(firstLine + "\n"))
			os.WriteFile(path, c, 0o600)
		}},
		{"of a newer format", ReasonTooNew, func(t *testing.T, p *testPractice, a *testDevice, path string) {
			rewrite(t, p, path, func(plain []byte) []byte {
				return []byte(strings.Replace(string(plain), `"version":1`, `"version":2`, 1))
			}, p.key)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPractice(t)
			a, b := p.newDevice(), p.newDevice()
			pt := a.newPatient("Gómez", "Ana")
			a.export()
			path := p.folder().changePath(a.id(), 1)
			tc.spoil(t, p, a, path)
			a.newPatient("Later", "Lea") // file 2 (or 3) waits behind the refused one
			a.export()
			rep := b.importAll()
			if rep.Applied != 0 || len(rep.Refused) != 1 || rep.Refused[0].Reason != tc.reason || rep.Refused[0].Seq != 1 {
				t.Fatalf("report %+v, want file 1 refused as %s", rep, tc.reason)
			}
			if rep.Waiting[a.id()] != 1 {
				t.Errorf("the device should wait at file 1: %v", rep.Waiting)
			}
			if _, err := b.patient(pt.ID); data.ErrorCode(err) != data.ENotFound {
				t.Errorf("the refused file's patient is there: %v", err)
			}
			if n := b.queryInt(`SELECT COUNT(*) FROM patients`); n != 0 {
				t.Errorf("%d patients applied from a device whose first file was refused", n)
			}
			q, err := b.st.QuarantinedFiles(context.Background())
			if err != nil || len(q) != 1 || q[0].Reason != tc.reason || q[0].Detail == "" {
				t.Fatalf("quarantine %+v, %v", q, err)
			}
			// Trying again with the same bytes is quiet; once the file is
			// whole again (a sync tool finished writing it) it applies.
			if rep := b.importAll(); len(rep.Refused) != 0 || rep.Applied != 0 {
				t.Fatalf("second try: %+v", rep)
			}
		})
	}
}

// A file refused while a sync tool was still writing it is applied once
// the whole file is there.
func TestTruncatedFileAppliesOnceComplete(t *testing.T) {
	p := newTestPractice(t)
	a, b := p.newDevice(), p.newDevice()
	pt := a.newPatient("Gómez", "Ana")
	a.export()
	path := p.changeFiles(a.id())[0]
	whole := readBytes(t, path)
	os.WriteFile(path, whole[:len(whole)/2], 0o600)
	if rep := b.importAll(); len(rep.Refused) != 1 || rep.Refused[0].Reason != ReasonDamaged {
		t.Fatalf("half a file: %+v", rep)
	}
	os.WriteFile(path, whole, 0o600)
	if rep := b.importAll(); rep.Applied != 1 {
		t.Fatalf("whole file: %+v", rep)
	}
	if _, err := b.patient(pt.ID); err != nil {
		t.Fatal(err)
	}
	if q, _ := b.st.QuarantinedFiles(context.Background()); len(q) != 0 {
		t.Errorf("an applied file is still listed as refused: %+v", q)
	}
}

// rewrite decrypts a change file, changes its plain text and encrypts it
// again to key.
func rewrite(t *testing.T, p *testPractice, path string, change func([]byte) []byte, key PracticeKey) {
	t.Helper()
	packed, err := p.key.Decrypt(readBytes(t, path))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := unpack(packed)
	if err != nil {
		t.Fatal(err)
	}
	if packed, err = pack(change(plain)); err != nil {
		t.Fatal(err)
	}
	c, err := key.Encrypt(packed)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, c, 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeSigned writes f signed by signer's key at path, replacing what is there.
func writeSigned(t *testing.T, p *testPractice, signer *testDevice, path string, f File) {
	t.Helper()
	plain, err := Encode(f, func(b []byte) ([]byte, error) { return signer.st.SignForSync(context.Background(), b) })
	if err != nil {
		t.Fatal(err)
	}
	packed, err := pack(plain)
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.key.Encrypt(packed)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := os.WriteFile(path, c, 0o600); err != nil {
		t.Fatal(err)
	}
}
