package sync

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// A snapshot is a copy of the practice (the database as VACUUM INTO
// writes it, data.Store.WriteSnapshot) that a joining device, or one that
// was away too long, starts from before it reads the change files after
// it. It lies in its maker's folder, devices/<id>/snap/<unix ms>.snap.age:
// compressed, encrypted to the practice's key, opened by a header that
// says which change sets of every device it covers and the SHA-256 of the
// database, signed with the maker's device key.
//
// A snapshot's change log is compacted to what a joiner needs to take
// part in last-writer-wins (data/sync_compact.go); the audit log travels
// whole, every chain the maker holds as it is, so that it verifies on
// the joiner. Attached files are not in snapshots: they stay in the folder,
// once each, for joiners too (files.go).

const (
	snapshotSuffix    = ".snap.age"
	snapshotFirstLine = "Frontdesk snapshot"
)

// snapshotHeader is the signed header of a snapshot.
type snapshotHeader struct {
	Version  int                   `json:"version"`
	Practice string                `json:"practice"`
	Device   string                `json:"device"`
	At       time.Time             `json:"at"`
	Covers   data.SnapshotCoverage `json:"covers"`
	Size     int64                 `json:"size"`
	SHA256   string                `json:"sha256"`
}

// snapshotRef is a snapshot found in the folder.
type snapshotRef struct {
	Device string
	At     int64 // unix ms, from its name
	Path   string
	Bytes  int64
}

func (f Folder) snapshotDir(device string) string {
	return filepath.Join(f.devicesDir(), device, "snap")
}

// snapshots lists the folder's snapshots, newest first.
func (f Folder) snapshots() ([]snapshotRef, error) {
	var out []snapshotRef
	entries, err := os.ReadDir(f.devicesDir())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, folderPresent(f.Dir)
	} else if err != nil {
		return nil, folderError(f.Dir, err)
	}
	for _, e := range entries {
		if isDebris(e.Name()) || !e.IsDir() {
			continue
		}
		files, err := os.ReadDir(f.snapshotDir(e.Name()))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, folderError(f.Dir, err)
		}
		for _, fe := range files {
			num, ok := strings.CutSuffix(fe.Name(), snapshotSuffix)
			ms, err := strconv.ParseInt(num, 10, 64)
			if !ok || err != nil || isDebris(fe.Name()) || !fe.Type().IsRegular() {
				continue
			}
			ref := snapshotRef{Device: e.Name(), At: ms, Path: filepath.Join(f.snapshotDir(e.Name()), fe.Name())}
			if fi, err := fe.Info(); err == nil {
				ref.Bytes = fi.Size()
			}
			out = append(out, ref)
		}
	}
	slices.SortFunc(out, func(a, b snapshotRef) int {
		if a.At != b.At {
			return int(b.At - a.At)
		}
		return strings.Compare(b.Device, a.Device)
	})
	return out, nil
}

// writeSnapshot writes a snapshot of st's practice into this device's
// folder and returns what it covers.
func (f Folder) writeSnapshot(ctx context.Context, st *data.Store, now time.Time) (snapshotHeader, error) {
	sc, ok := f.Crypt.(streamCrypt)
	if !ok {
		return snapshotHeader{}, errors.New("the practice key cannot encrypt a snapshot")
	}
	tmpDir, err := os.MkdirTemp(st.Dir(), ".snapshot-*")
	if err != nil {
		return snapshotHeader{}, err
	}
	defer os.RemoveAll(tmpDir)
	db := filepath.Join(tmpDir, "snapshot.db")
	cov, err := st.WriteSnapshot(ctx, db)
	if err != nil {
		return snapshotHeader{}, err
	}
	sum, size, err := hashFile(db)
	if err != nil {
		return snapshotHeader{}, err
	}
	me := st.Device().ID
	h := snapshotHeader{Version: FormatVersion, Practice: f.Practice, Device: me, At: now.UTC(), Covers: cov, Size: size, SHA256: sum}
	head, err := json.Marshal(h)
	if err != nil {
		return h, err
	}
	signed := []byte(snapshotFirstLine + "\n" + string(head) + "\n")
	sig, err := st.SignForSync(ctx, signed)
	if err != nil {
		return h, err
	}
	dir := f.snapshotDir(me)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return h, folderError(f.Dir, err)
	}
	path := filepath.Join(dir, strconv.FormatInt(now.UnixMilli(), 10)+snapshotSuffix)
	err = writeStreamOnce(path, func(w io.Writer) error {
		enc, err := sc.EncryptStream(w)
		if err != nil {
			return err
		}
		zw := gzip.NewWriter(enc)
		zw.Write(signed)
		fmt.Fprintf(zw, "%s%s\n", sigPrefix, base64.StdEncoding.EncodeToString(sig))
		in, err := os.Open(db)
		if err != nil {
			return err
		}
		defer in.Close()
		if _, err := io.Copy(zw, in); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		return enc.Close()
	})
	if err != nil {
		return h, folderError(f.Dir, err)
	}
	return h, nil
}

func hashFile(path string) (sum string, size int64, err error) {
	in, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer in.Close()
	h := sha256.New()
	size, err = io.Copy(h, in)
	return hex.EncodeToString(h.Sum(nil)), size, err
}

// openSnapshot decrypts a snapshot and checks its header's signature;
// body reads the database that follows.
func (f Folder) openSnapshot(path string, keyOf KeyOf) (h snapshotHeader, body io.Reader, closer io.Closer, err error) {
	sc, ok := f.Crypt.(streamCrypt)
	if !ok {
		return h, nil, nil, errors.New("the practice key cannot decrypt a snapshot")
	}
	in, err := os.Open(path)
	if err != nil {
		return h, nil, nil, folderError(f.Dir, err)
	}
	fail := func(err error) (snapshotHeader, io.Reader, io.Closer, error) {
		in.Close()
		return h, nil, nil, err
	}
	dec, err := sc.DecryptStream(bufio.NewReaderSize(in, 1<<20))
	if err != nil {
		return fail(err)
	}
	zr, err := gzip.NewReader(dec)
	if err != nil {
		return fail(refuse(ReasonMalformed, "the snapshot is not compressed as a snapshot: %v", err))
	}
	br := bufio.NewReader(zr)
	var lines [3][]byte
	for i := range lines {
		if lines[i], err = br.ReadBytes('\n'); err != nil || len(lines[i]) > 1<<20 {
			return fail(refuse(ReasonMalformed, "the snapshot's header cannot be read"))
		}
	}
	if string(lines[0]) != snapshotFirstLine+"\n" || !bytes.HasPrefix(lines[2], []byte(sigPrefix)) {
		return fail(refuse(ReasonMalformed, "the file is not a snapshot"))
	}
	if err := strictJSON(bytes.TrimSuffix(lines[1], []byte("\n")), &h); err != nil {
		return fail(refuse(ReasonMalformed, "the snapshot's header cannot be read: %v", err))
	}
	switch {
	case h.Version > FormatVersion:
		return fail(refuse(ReasonTooNew, "the snapshot has format version %d", h.Version))
	case h.Practice != f.Practice:
		return fail(refuse(ReasonWrongPractice, "the snapshot belongs to practice %s", h.Practice))
	}
	key, found, err := keyOf(h.Device)
	if err != nil {
		return fail(err)
	} else if !found {
		return fail(refuse(ReasonUnknownDevice, "no key is known for device %s", h.Device))
	}
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(lines[2][len(sigPrefix):])))
	signed := append(slices.Clone(lines[0]), lines[1]...)
	if err != nil || !ed25519.Verify(key, signed, sig) {
		return fail(refuse(ReasonBadSignature, "the snapshot's signature does not match the key of device %s", h.Device))
	}
	return h, br, in, nil
}

// snapshotHeaderOf reads only a snapshot's header (what it covers).
func (f Folder) snapshotHeaderOf(path string, keyOf KeyOf) (snapshotHeader, error) {
	h, _, c, err := f.openSnapshot(path, keyOf)
	if c != nil {
		c.Close()
	}
	return h, err
}

// extractSnapshot writes the database of a snapshot to dst, checking its
// size and SHA-256 against its signed header.
func (f Folder) extractSnapshot(path, dst string, keyOf KeyOf) (snapshotHeader, error) {
	h, body, c, err := f.openSnapshot(path, keyOf)
	if err != nil {
		return h, err
	}
	defer c.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return h, err
	}
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, sum), io.LimitReader(body, h.Size+1))
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && (n != h.Size || hex.EncodeToString(sum.Sum(nil)) != h.SHA256) {
		err = refuse(ReasonDamaged, "the snapshot's database does not match its signed header")
	}
	if err != nil {
		os.Remove(dst)
		var ref *Refusal
		if !errors.As(err, &ref) {
			err = refuse(ReasonDamaged, "the snapshot is damaged or cut short: %v", err)
		}
	}
	return h, err
}
