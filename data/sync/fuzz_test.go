package sync

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"reflect"
	"testing"

	"frontdesk/data"
)

var fuzzKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))

func fuzzKeys(dev string) (ed25519.PublicKey, bool, error) {
	if dev == "dev-1" {
		return fuzzKey.Public().(ed25519.PublicKey), true, nil
	}
	return nil, false, nil
}

func fuzzSign(b []byte) ([]byte, error) { return ed25519.Sign(fuzzKey, b), nil }

// FuzzDecode feeds the parser arbitrary plain text, as it is and signed
// with the device's key (so that the parsing behind the signature check
// is reached too). It must never panic, and whatever it accepts must be a
// whole, consistent file that encodes back to itself.
func FuzzDecode(f *testing.F) {
	old := `"Ana"`
	good := File{Header: Header{Practice: "p", Device: "dev-1", Seq: 3, First: 10, Last: 12}, Changes: []data.Change{
		{OpID: "op-1", HLC: "1764500000000.00000.dev-1", Device: "dev-1", Table: "patients", RowID: "r1", Field: "given_name", Old: &old, New: `"Anna"`},
		{OpID: "op-2", HLC: "1764500000000.00001.dev-1", Device: "dev-1", Table: "patients", RowID: "r1", Field: "consent_sms", New: `1`},
	}}
	plain, err := Encode(good, fuzzSign)
	if err != nil {
		f.Fatal(err)
	}
	body, _, _ := cutLastLine(plain)
	f.Add(plain)
	f.Add(body)
	f.Add([]byte(firstLine + "\n{}\nsig \n"))
	f.Add([]byte(firstLine + "\n" + `{"version":1,"practice":"p","device":"dev-1","seq":1,"first":1,"last":0,"count":0}` + "\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		check := func(b []byte) {
			file, err := Decode(b, fuzzKeys)
			if err != nil {
				var ref *Refusal
				if !errors.As(err, &ref) || ref.Reason == "" || ref.Detail == "" {
					t.Fatalf("a refusal without a reason: %v", err)
				}
				return
			}
			if file.Count != len(file.Changes) || file.Device != "dev-1" {
				t.Fatalf("accepted an inconsistent file: %+v", file)
			}
			for _, c := range file.Changes {
				if c.Device != file.Device || c.OpID == "" {
					t.Fatalf("accepted a change of another device or without ID: %+v", c)
				}
			}
			again, err := Encode(file, fuzzSign)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Decode(again, fuzzKeys)
			if err != nil || !reflect.DeepEqual(back, file) {
				t.Fatalf("accepted file does not survive encoding: %v\n%+v\n%+v", err, file, back)
			}
		}
		check(in)
		if len(in) > 0 && in[len(in)-1] == '\n' {
			sig, _ := fuzzSign(in)
			check(append(append([]byte{}, in...), []byte(sigPrefix+base64.StdEncoding.EncodeToString(sig)+"\n")...))
		}
	})
}
