package sync

import (
	"bytes"
	"compress/gzip"
	"io"
)

// Change files are compressed before they are encrypted: their JSON
// repeats IDs and clock stamps, and a busy day's file shrinks several
// times, which counts on a USB stick or a cloud drive over ten years.

func pack(plain []byte) ([]byte, error) {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(plain); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// unpack reverses pack, refusing what is not gzip and what would grow
// past maxFileSize.
func unpack(packed []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		return nil, refuse(ReasonMalformed, "the file's content is not compressed as a change file's: %v", err)
	}
	plain, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, refuse(ReasonMalformed, "the file's content cannot be decompressed: %v", err)
	} else if len(plain) > maxFileSize {
		return nil, refuse(ReasonMalformed, "the file holds more than %d bytes", maxFileSize)
	}
	return plain, nil
}

// seal packs plain and encrypts it to the practice: what a change file
// and a device record both are in the folder.
func (f Folder) seal(plain []byte) ([]byte, error) {
	packed, err := pack(plain)
	if err != nil {
		return nil, err
	}
	return f.Crypt.Encrypt(packed)
}

// unseal reverses seal.
func (f Folder) unseal(b []byte) ([]byte, error) {
	packed, err := f.Crypt.Decrypt(b)
	if err != nil {
		return nil, err
	}
	return unpack(packed)
}
