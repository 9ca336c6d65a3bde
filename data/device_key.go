package data

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// deviceKey is the Ed25519 key a device signs its audit anchors with. Its
// private half never enters the database (which is copied into backups
// and read by tools): it lives in device-<id>.key beside the database,
// readable by the user alone. The public half is recorded in the device's
// row, which sync shares with the practice's other devices.
type deviceKey struct {
	device string
	priv   ed25519.PrivateKey
}

const keyFileFirstLine = "Frontdesk device key 1"

func keyPath(dir, device string) string { return filepath.Join(dir, "device-"+device+".key") }

func newDeviceKey(device string) (deviceKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return deviceKey{}, err
	}
	return deviceKey{device: device, priv: priv}, nil
}

func (k deviceKey) public() ed25519.PublicKey { return k.priv.Public().(ed25519.PublicKey) }

// publicText is the public key as the device row records it.
func (k deviceKey) publicText() string { return base64.StdEncoding.EncodeToString(k.public()) }

// marshal is the key file: three lines, the private key as its seed.
func (k deviceKey) marshal() []byte {
	return fmt.Appendf(nil, "%s\ndevice: %s\nprivate: %s\n", keyFileFirstLine, k.device,
		base64.StdEncoding.EncodeToString(k.priv.Seed()))
}

func parseDeviceKey(b []byte) (deviceKey, error) {
	fields, err := parseFields(b, keyFileFirstLine)
	if err != nil {
		return deviceKey{}, err
	}
	seed, err := base64.StdEncoding.DecodeString(fields["private"])
	if err != nil || len(seed) != ed25519.SeedSize || fields["device"] == "" {
		return deviceKey{}, errors.New("the key file is malformed")
	}
	return deviceKey{device: fields["device"], priv: ed25519.NewKeyFromSeed(seed)}, nil
}

// loadDeviceKey reads the key of device from dir; found is false when
// there is no key file.
func loadDeviceKey(dir, device string) (k deviceKey, found bool, err error) {
	b, err := os.ReadFile(keyPath(dir, device))
	if errors.Is(err, fs.ErrNotExist) {
		return deviceKey{}, false, nil
	} else if err != nil {
		return deviceKey{}, false, err
	}
	k, err = parseDeviceKey(b)
	if err == nil && k.device != device {
		err = fmt.Errorf("the key file names device %s", k.device)
	}
	return k, err == nil, err
}

// saveDeviceKey writes the key file once: when another Frontdesk wrote
// the same device's key first, it returns an error wrapping fs.ErrExist.
func saveDeviceKey(dir string, k deviceKey) error {
	return writeFileAtomic(keyPath(dir, k.device), k.marshal(), true, true)
}

// parseFields reads "name: value" lines after a fixed first line; a
// name may appear once.
func parseFields(b []byte, firstLine string) (map[string]string, error) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	if !sc.Scan() || sc.Text() != firstLine {
		return nil, errors.New("the file does not start with " + firstLine)
	}
	fields := map[string]string{}
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if _, seen := fields[name]; !ok || seen {
			return nil, fmt.Errorf("line %q is malformed", sc.Text())
		}
		fields[name] = strings.TrimSpace(value)
	}
	return fields, sc.Err()
}
