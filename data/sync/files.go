package sync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"frontdesk/data"
)

// Attached files travel beside the change files, content-addressed:
// devices/<id>/files/<sha256>.age holds the bytes of one attachment,
// encrypted to the practice's key like a change file, written once by
// the device that sends it and never rewritten. The attachment's record
// (with the SHA-256) travels signed in a change file; the bytes are
// trusted because their hash is that one. A file is sent once for the
// practice: a device writes only the bytes no device's folder holds yet.

const fileSuffix = ".age"

func (f Folder) filesDir(device string) string {
	return filepath.Join(f.Dir, "devices", device, "files")
}

func (f Folder) filePath(device, sum string) string {
	return filepath.Join(f.filesDir(device), sum+fileSuffix)
}

// FileRefusal is an attached file found in the folder and set aside: it
// does not decrypt, or its bytes are not the ones its name says.
type FileRefusal struct {
	Device, SHA256 string
	Reason         string // ReasonDamaged, ReasonWrongKey, …
	Detail         string // English, for the log
}

// fileIndex lists, for each fingerprint, the devices whose folder holds
// its file, in a stable order.
func (f Folder) fileIndex() (map[string][]string, error) {
	out := map[string][]string{}
	devices, err := os.ReadDir(f.devicesDir())
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	} else if err != nil {
		return nil, folderError(f.Dir, err)
	}
	for _, d := range devices {
		if !d.IsDir() || isDebris(d.Name()) {
			continue
		}
		files, err := os.ReadDir(f.filesDir(d.Name()))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, folderError(f.Dir, err)
		}
		for _, fe := range files {
			sum, ok := strings.CutSuffix(fe.Name(), fileSuffix)
			if !ok || !isHash(sum) || !fe.Type().IsRegular() {
				continue // debris, half-written temporary files
			}
			out[sum] = append(out[sum], d.Name())
		}
	}
	for _, ds := range out {
		sort.Strings(ds)
	}
	return out, nil
}

func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// ExportFiles writes into this device's folder the attached files this
// device holds that no device's folder holds yet, and returns how many.
func ExportFiles(ctx context.Context, st *data.Store, f Folder) (int, error) {
	present, _, err := st.AttachmentHashes(ctx)
	if err != nil {
		return 0, err
	}
	index, err := f.fileIndex()
	if err != nil {
		return 0, err
	}
	self := st.Device().ID
	written := 0
	for _, sum := range present {
		if len(index[sum]) > 0 {
			continue
		}
		if written == 0 {
			if err := os.MkdirAll(f.filesDir(self), 0o700); err != nil {
				return 0, folderError(f.Dir, err)
			}
		}
		if err := f.writeAttachment(st, self, sum); err != nil {
			return written, err
		}
		written++
	}
	return written, nil
}

func (f Folder) writeAttachment(st *data.Store, self, sum string) error {
	r, err := st.AttachmentBytes(sum)
	if err != nil {
		return err
	}
	b, err := io.ReadAll(io.LimitReader(r, data.MaxAttachmentSize+1))
	r.Close()
	if err != nil {
		return fmt.Errorf("reading attached file %s to send it: %w", sum, err)
	}
	cipher, err := f.Crypt.Encrypt(b)
	if err != nil {
		return err
	}
	err = writeOnce(f.filePath(self, sum), cipher)
	if err != nil && !errors.Is(err, fs.ErrExist) { // there: written by an earlier run
		return folderError(f.Dir, err)
	}
	return nil
}

// ImportFiles stores the attached files this device waits for that are
// in the folder, from any device's copy, each checked against its
// fingerprint. A copy that fails is refused with its reason (another
// device's copy may still serve); a file not in the folder yet stays
// awaited: its attachment shows as not arrived, never as removed.
func ImportFiles(ctx context.Context, st *data.Store, f Folder) (received int, awaited int, refused []FileRefusal, err error) {
	_, missing, err := st.AttachmentHashes(ctx)
	if err != nil || len(missing) == 0 {
		return 0, 0, nil, err
	}
	index, err := f.fileIndex()
	if err != nil {
		return 0, 0, nil, err
	}
	for _, sum := range missing {
		got := false
		for _, d := range index[sum] {
			ref, err := f.receiveAttachment(st, d, sum)
			if err != nil {
				return received, awaited, refused, err
			}
			if ref != nil {
				refused = append(refused, *ref)
				continue
			}
			got = true
			break
		}
		if got {
			received++
		} else {
			awaited++
		}
	}
	return received, awaited, refused, nil
}

// receiveAttachment reads device's copy of sum and stores it; a copy
// that cannot be trusted comes back as a refusal, not an error.
func (f Folder) receiveAttachment(st *data.Store, device, sum string) (*FileRefusal, error) {
	b, err := readFile(f.filePath(device, sum))
	if errors.Is(err, fs.ErrNotExist) {
		if ferr := folderPresent(f.Dir); ferr != nil {
			return nil, ferr
		}
		return &FileRefusal{device, sum, ReasonUnreadable, "the file went away while it was read"}, nil
	} else if err != nil {
		return nil, folderError(f.Dir, err)
	}
	plain, err := f.Crypt.Decrypt(b)
	var ref *Refusal
	if errors.As(err, &ref) {
		return &FileRefusal{device, sum, ref.Reason, ref.Detail}, nil
	} else if err != nil {
		return nil, err
	}
	if len(plain) > data.MaxAttachmentSize {
		return &FileRefusal{device, sum, ReasonMalformed, "the file is larger than an attachment may be"}, nil
	}
	err = st.ReceiveAttachment(sum, plain)
	if data.ErrorCode(err) == data.EDamaged {
		return &FileRefusal{device, sum, ReasonDamaged, data.ErrorMessage(err)}, nil
	}
	return nil, err
}
