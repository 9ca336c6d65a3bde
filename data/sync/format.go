package sync

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"frontdesk/data"
)

// FormatVersion is the version of the change-file format this code writes
// and the newest it reads. A version is worth a bump when an older
// Frontdesk would misread the new files, not when it would refuse them:
// creations as one change (data.CreatedField) kept version 1, since a
// Frontdesk from before refuses their field "*" as too new.
const FormatVersion = 1

// firstLine opens every change file (once decrypted).
const firstLine = "Frontdesk change file"

// sigPrefix opens the last line, the signature of everything before it.
const sigPrefix = "sig "

// Header describes a change file. First and Last are the sender's
// numbers of its changes in the file, Count how many the file carries
// (derived columns left out, so it may be fewer).
type Header struct {
	Version  int    `json:"version"`
	Practice string `json:"practice"`
	Device   string `json:"device"`
	Seq      int64  `json:"seq"`
	First    int64  `json:"first"`
	Last     int64  `json:"last"`
	Count    int    `json:"count"`
}

// File is the content of a change file.
type File struct {
	Header
	Changes []data.Change
}

// ChangeSet is the file as data applies it.
func (f File) ChangeSet() data.ChangeSet {
	return data.ChangeSet{Device: f.Device, Seq: f.Seq, First: f.First, Last: f.Last, Changes: f.Changes}
}

// Reasons a file is refused. They are codes, for logic and for the
// screens to word; the Refusal's Detail is English for the log.
const (
	ReasonUnreadable    = "unreadable"      // the folder refused to give the bytes
	ReasonWrongKey      = "wrong_key"       // encrypted to another key than the practice's
	ReasonDamaged       = "damaged"         // the encryption's checks failed: truncated or altered
	ReasonMalformed     = "malformed"       // decrypted but not a change file of this format
	ReasonTooNew        = "too_new"         // a newer format, table or field: needs a newer Frontdesk
	ReasonUnknownDevice = "unknown_device"  // no public key is known for the device
	ReasonBadSignature  = "bad_signature"   // the signature does not match the device's key
	ReasonWrongPractice = "wrong_practice"  // a file of another practice
	ReasonMisplaced     = "misplaced"       // its name or folder disagrees with its header
	ReasonRefused       = "refused"         // data refused its changes (invalid values, edits of append-only rows…)
	ReasonSeriesClash   = data.ESeriesClash // it numbers an invoice with a number this device gave: two devices hold one letter
)

// Refusal is why a file was not applied.
type Refusal struct {
	Reason string
	Detail string
}

func (r *Refusal) Error() string { return r.Reason + ": " + r.Detail }

func refuse(reason, format string, args ...any) *Refusal {
	return &Refusal{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// Encode writes f as the signed plain text of a change file: the first
// line, the header as JSON, one change per line as JSON, then the
// signature of all that.
func Encode(f File, sign func([]byte) ([]byte, error)) ([]byte, error) {
	f.Version = FormatVersion
	f.Count = len(f.Changes)
	var b bytes.Buffer
	b.WriteString(firstLine + "\n")
	enc := json.NewEncoder(&b) // one value per line
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f.Header); err != nil {
		return nil, err
	}
	for _, c := range f.Changes {
		if err := enc.Encode(c); err != nil {
			return nil, err
		}
	}
	sig, err := sign(b.Bytes())
	if err != nil {
		return nil, err
	}
	b.WriteString(sigPrefix + base64.StdEncoding.EncodeToString(sig) + "\n")
	return b.Bytes(), nil
}

// KeyOf returns the public key of a device; found is false for a device
// the practice does not know.
type KeyOf func(device string) (key ed25519.PublicKey, found bool, err error)

// Decode reads and checks the plain text of a change file: its signature
// against the key of the device it names (before any change is read), its
// header, and every change. Anything wrong is a *Refusal; a file is
// either wholly good or refused.
func Decode(plain []byte, keyOf KeyOf) (File, error) {
	var f File
	body, sigLine, ok := cutLastLine(plain)
	if !ok || !bytes.HasPrefix(sigLine, []byte(sigPrefix)) {
		return f, refuse(ReasonMalformed, "the file does not end with a signature")
	}
	lines := bytes.Split(bytes.TrimSuffix(body, []byte("\n")), []byte("\n"))
	if len(lines) < 2 || string(lines[0]) != firstLine || len(body) == 0 || body[len(body)-1] != '\n' {
		return f, refuse(ReasonMalformed, "the file does not start with a change file's header")
	}
	if err := strictJSON(lines[1], &f.Header); err != nil {
		return f, refuse(ReasonMalformed, "the header cannot be read: %v", err)
	}
	if f.Version > FormatVersion {
		return f, refuse(ReasonTooNew, "the file has format version %d; this Frontdesk reads up to %d", f.Version, FormatVersion)
	} else if f.Version < 1 || f.Device == "" || f.Practice == "" || f.Seq < 1 {
		return f, refuse(ReasonMalformed, "the header is incomplete")
	}
	key, found, err := keyOf(f.Device)
	if err != nil {
		return f, err
	} else if !found {
		return f, refuse(ReasonUnknownDevice, "no key is known for device %s", f.Device)
	}
	sig, err := base64.StdEncoding.DecodeString(string(sigLine[len(sigPrefix):]))
	if err != nil || len(key) != ed25519.PublicKeySize || !ed25519.Verify(key, body, sig) {
		return f, refuse(ReasonBadSignature, "the signature does not match the key of device %s", f.Device)
	}
	if f.Count != len(lines)-2 || f.First < 1 || f.Last < f.First-1 || int64(f.Count) > f.Last-f.First+1 {
		return f, refuse(ReasonMalformed, "the header announces %d changes numbered %d to %d, the file holds %d", f.Count, f.First, f.Last, len(lines)-2)
	}
	seen := make(map[string]bool, f.Count)
	f.Changes = make([]data.Change, f.Count)
	for i, line := range lines[2:] {
		c := &f.Changes[i]
		if err := strictJSON(line, c); err != nil {
			return File{}, refuse(ReasonMalformed, "change %d cannot be read: %v", i+1, err)
		}
		if c.OpID == "" || c.HLC == "" || c.Table == "" || c.RowID == "" || c.Field == "" || c.New == "" || c.Device != f.Device {
			return File{}, refuse(ReasonMalformed, "change %d is incomplete or names another device", i+1)
		}
		if seen[c.OpID] {
			return File{}, refuse(ReasonMalformed, "change %s appears twice", c.OpID)
		}
		seen[c.OpID] = true
	}
	return f, nil
}

// cutLastLine splits b before its last line, which must end with "\n".
func cutLastLine(b []byte) (body, last []byte, ok bool) {
	if len(b) == 0 || b[len(b)-1] != '\n' {
		return nil, nil, false
	}
	i := bytes.LastIndexByte(b[:len(b)-1], '\n')
	if i < 0 {
		return nil, nil, false
	}
	return b[:i+1], b[i+1 : len(b)-1], true
}

// strictJSON decodes one JSON object, refusing unknown fields and
// trailing data.
func strictJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("trailing data")
	}
	return nil
}
