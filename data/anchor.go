package data

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// An Anchor is the head of one device's audit chain, signed with the
// device's key and kept outside the database: in a file beside it (the
// store rewrites it after every commit that appends audit rows), and later
// in every backup and sync file. The database alone cannot be rewritten,
// truncated or emptied without disagreeing with its anchors; "frontdesk
// check" compares them.
//
// Checkpoints are earlier entries of the chain at exponentially spaced
// distances back from the head (see checkpointsOf), so that where a chain
// was rewritten can be told from the anchor to within a factor of two, at
// the cost of one line.
type Anchor struct {
	DeviceID    string
	Seq         int64  // the number of the head entry
	Hash        string // its hash
	At          string // its time, UTC
	PublicKey   ed25519.PublicKey
	Checkpoints []AnchorPoint // oldest first
}

// AnchorPoint is one entry of a chain, by number and hash.
type AnchorPoint struct {
	Seq  int64
	Hash string
}

const anchorFirstLine = "Frontdesk audit anchor 1"

// anchorFile names a device's anchor beside the database.
func anchorPath(dir, device string) string { return filepath.Join(dir, "device-"+device+".anchor") }

var anchorFileName = regexp.MustCompile(`^device-(.+)\.anchor$`)

// points returns the checkpoints and the head, oldest first.
func (a Anchor) points() []AnchorPoint {
	return append(append([]AnchorPoint(nil), a.Checkpoints...), AnchorPoint{a.Seq, a.Hash})
}

// signAnchor returns the anchor's text, signed: every line up to the
// signature is what the signature covers.
func signAnchor(a Anchor, k deviceKey) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\ndevice: %s\nseq: %d\nhash: %s\nat: %s\nkey: %s\ncheckpoints:", anchorFirstLine,
		a.DeviceID, a.Seq, a.Hash, a.At, base64.StdEncoding.EncodeToString(k.public()))
	for _, p := range a.Checkpoints {
		fmt.Fprintf(&b, " %d %s", p.Seq, p.Hash)
	}
	b.WriteString("\n")
	sig := ed25519.Sign(k.priv, b.Bytes())
	fmt.Fprintf(&b, "signature: %s\n", base64.StdEncoding.EncodeToString(sig))
	return b.Bytes()
}

// VerifyAnchor reads an anchor and checks its signature against the key
// it names. It says nothing about whether that key is the device's: the
// caller compares Anchor.PublicKey with the key the practice recorded for
// the device (Check does).
func VerifyAnchor(b []byte) (Anchor, error) {
	a, err := parseAnchor(b)
	if err != nil {
		return Anchor{}, wrapError(EInvalid, err, "anchor.error.unreadable")
	}
	return a, nil
}

func parseAnchor(b []byte) (Anchor, error) {
	i := bytes.LastIndex(b, []byte("\nsignature: "))
	if i < 0 {
		return Anchor{}, errors.New("no signature")
	}
	signed := b[:i+1]
	fields, err := parseFields(b, anchorFirstLine)
	if err != nil {
		return Anchor{}, err
	}
	a := Anchor{DeviceID: fields["device"], Hash: fields["hash"], At: fields["at"]}
	if a.Seq, err = strconv.ParseInt(fields["seq"], 10, 64); err != nil || a.Seq < 1 || a.DeviceID == "" || a.Hash == "" {
		return Anchor{}, errors.New("the head is malformed")
	}
	key, err := base64.StdEncoding.DecodeString(fields["key"])
	if err != nil || len(key) != ed25519.PublicKeySize {
		return Anchor{}, errors.New("the key is malformed")
	}
	a.PublicKey = key
	cp := strings.Fields(fields["checkpoints"])
	if len(cp)%2 != 0 {
		return Anchor{}, errors.New("the checkpoints are malformed")
	}
	for j := 0; j < len(cp); j += 2 {
		seq, err := strconv.ParseInt(cp[j], 10, 64)
		if err != nil || seq < 1 || seq >= a.Seq || (len(a.Checkpoints) > 0 && seq <= a.Checkpoints[len(a.Checkpoints)-1].Seq) {
			return Anchor{}, errors.New("the checkpoints are malformed")
		}
		a.Checkpoints = append(a.Checkpoints, AnchorPoint{seq, cp[j+1]})
	}
	sig, err := base64.StdEncoding.DecodeString(fields["signature"])
	if err != nil || !ed25519.Verify(a.PublicKey, signed, sig) {
		return Anchor{}, errors.New("the signature does not match")
	}
	return a, nil
}

// checkpointsOf returns the checkpoints of a chain whose head is seq,
// oldest first, without the head itself: the first entry, and for each k
// the two newest entries at or before seq whose numbers are multiples of
// 2^k. They lie about 1, 2, 4, 8… entries back from the head, and move only
// to entries that were already checkpoints (or the head), so a store keeps
// their hashes without reading the chain.
func checkpointsOf(seq int64) []int64 {
	set := map[int64]bool{}
	if seq > 1 {
		set[1] = true
	}
	for k := 1; k < 62 && int64(1)<<k <= seq; k++ {
		step := int64(1) << k
		cur := seq - seq%step
		for _, p := range []int64{cur, cur - step} {
			if p >= 1 && p != seq {
				set[p] = true
			}
		}
	}
	out := make([]int64, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
