package sync

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
)

// Crypt encrypts change files to the practice and decrypts them. The
// engine sees only this interface, so the cipher stays one small piece.
type Crypt interface {
	Encrypt(plain []byte) ([]byte, error)
	// Decrypt returns the plain text or a *Refusal (wrong key, damaged).
	Decrypt(cipher []byte) ([]byte, error)
}

// PracticeKey is the practice's age X25519 identity: change files are
// encrypted to its recipient, so a file costs no scrypt work. (The
// identity itself is stored in the folder wrapped with the passphrase,
// which costs one scrypt per run: see WrapKey.)
type PracticeKey struct{ id *age.X25519Identity }

// NewPracticeKey makes a new practice key.
func NewPracticeKey() (PracticeKey, error) {
	id, err := age.GenerateX25519Identity()
	return PracticeKey{id}, err
}

// maxFileSize bounds what a change file may decrypt to, so that a
// hostile or runaway file cannot exhaust memory.
const maxFileSize = 512 << 20

// Encrypt encrypts plain to the practice's recipient.
func (k PracticeKey) Encrypt(plain []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := age.Encrypt(&b, k.id.Recipient())
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plain); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Decrypt decrypts a change file; age's chunked authentication refuses a
// truncated or altered file as a whole.
func (k PracticeKey) Decrypt(cipher []byte) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(cipher), k.id)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, refuse(ReasonWrongKey, "the file is encrypted to another key than the practice's")
		}
		return nil, refuse(ReasonDamaged, "the file cannot be decrypted: %v", err)
	}
	plain, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, refuse(ReasonDamaged, "the file is damaged or cut short: %v", err)
	} else if len(plain) > maxFileSize {
		return nil, refuse(ReasonMalformed, "the file is larger than %d bytes", maxFileSize)
	}
	return plain, nil
}

// wrapWorkFactor is scrypt's work factor (log2) for wrapping the key:
// age's default, about a second, paid once per run. Tests lower it.
var wrapWorkFactor = 18

// WrapKey returns the practice key encrypted with a passphrase (age's
// scrypt), as it is kept in the sync folder.
func WrapKey(k PracticeKey, passphrase string) ([]byte, error) {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(wrapWorkFactor)
	var b bytes.Buffer
	w, err := age.Encrypt(&b, r)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(w, k.id.String()); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// UnwrapKey reads a wrapped practice key; a wrong passphrase is an error.
func UnwrapKey(wrapped []byte, passphrase string) (PracticeKey, error) {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return PracticeKey{}, err
	}
	r, err := age.Decrypt(bytes.NewReader(wrapped), id)
	if err != nil {
		return PracticeKey{}, fmt.Errorf("the passphrase does not open the practice key: %w", err)
	}
	text, err := io.ReadAll(io.LimitReader(r, 1<<10))
	if err != nil {
		return PracticeKey{}, err
	}
	x, err := age.ParseX25519Identity(string(text))
	return PracticeKey{x}, err
}

// streamCrypt is a Crypt that also encrypts and decrypts streams, for
// snapshots, which are too large to hold in memory.
type streamCrypt interface {
	EncryptStream(w io.Writer) (io.WriteCloser, error)
	DecryptStream(r io.Reader) (io.Reader, error)
}

// EncryptStream encrypts what is written to the returned writer to the
// practice's recipient; Close finishes the encryption.
func (k PracticeKey) EncryptStream(w io.Writer) (io.WriteCloser, error) {
	return age.Encrypt(w, k.id.Recipient())
}

// DecryptStream decrypts r as it is read; a damaged or truncated stream
// fails on the read that reaches the damage.
func (k PracticeKey) DecryptStream(r io.Reader) (io.Reader, error) {
	d, err := age.Decrypt(r, k.id)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, refuse(ReasonWrongKey, "the file is encrypted to another key than the practice's")
		}
		return nil, refuse(ReasonDamaged, "the file cannot be decrypted: %v", err)
	}
	return d, nil
}

// SetKeyWorkFactor sets scrypt's work factor for practice keys wrapped
// from now on and returns the previous one. The command line's tests
// lower it so that their many runs stay quick: the factor is recorded in
// the wrapped key, so opening a folder costs what wrapping its key did.
func SetKeyWorkFactor(logN int) (previous int) {
	previous, wrapWorkFactor = wrapWorkFactor, logN
	return previous
}
