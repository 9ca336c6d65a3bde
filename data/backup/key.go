package backup

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
	"filippo.io/age/armor"

	"frontdesk/data"
)

// ScryptWorkFactor is the cost of turning the passphrase into a key when
// one is chosen: 2^18, age's default, about a second. Opening takes what
// the file says, up to age's limit. Tests lower it.
var ScryptWorkFactor = 18

// MinPassphrase is the shortest backup passphrase, in characters: it is
// all that protects a lost backup, offline, against guessing.
const MinPassphrase = 12

// Fields of the passphrase forms, for data.Problems.
const (
	FieldPassphrase = "passphrase"
	FieldRepeat     = "passphrase_repeat"
)

// CheckNewPassphrase reports what is wrong with a passphrase being
// chosen, typed twice.
func CheckNewPassphrase(pass, repeat string) error {
	var p data.Problems
	if n := utf8.RuneCountInString(pass); n < MinPassphrase {
		p.Report(FieldPassphrase, "backup.problem.passphrase_short", "Min", MinPassphrase)
	} else if strings.TrimSpace(pass) != pass {
		p.Report(FieldPassphrase, "backup.problem.passphrase_spaces")
	}
	if repeat != pass {
		p.Report(FieldRepeat, "backup.problem.passphrase_repeat")
	}
	return p.Err()
}

// NewKey makes a key pair and wraps its private half with pass: the
// recipient to encrypt backups to, and the wrapped key to store.
func NewKey(pass string) (recipient, wrapped string, err error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", "", err
	}
	r, err := age.NewScryptRecipient(pass)
	if err != nil {
		return "", "", err
	}
	r.SetWorkFactor(ScryptWorkFactor)
	var b bytes.Buffer
	aw := armor.NewWriter(&b)
	w, err := age.Encrypt(aw, r)
	if err != nil {
		return "", "", err
	}
	if _, err := io.WriteString(w, id.String()+"\n"); err != nil {
		return "", "", err
	}
	if err := w.Close(); err != nil {
		return "", "", err
	}
	if err := aw.Close(); err != nil {
		return "", "", err
	}
	return id.Recipient().String(), b.String(), nil
}

// SetPassphrase gives the practice a new backup key under pass, through
// the write path (audited, and carried to the other computers by sync).
// Backups made before keep opening with the passphrase they were made
// under.
func SetPassphrase(ctx context.Context, s *data.Store, pass string) error {
	if err := CheckNewPassphrase(pass, pass); err != nil {
		return err
	}
	recipient, wrapped, err := NewKey(pass)
	if err != nil {
		return &data.Error{Code: data.EInternal, Err: err, Message: data.ErrorMessage(err)}
	}
	return s.Update(ctx, func(tx *data.Tx) error { return tx.SetBackupKey(recipient, wrapped) })
}

// CheckPassphrase reports whether pass opens the practice's current
// backup key: a wrong one is a problem under FieldPassphrase.
func CheckPassphrase(ctx context.Context, s *data.Store, pass string) error {
	k, err := s.BackupKey(ctx)
	if err != nil {
		return err
	}
	_, err = unwrap(k.Wrapped, pass)
	return err
}

// unwrap opens a wrapped key with pass.
func unwrap(wrapped, pass string) (*age.X25519Identity, error) {
	if pass == "" {
		return nil, wrongPassphrase()
	}
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, wrongPassphrase()
	}
	r, err := age.Decrypt(armor.NewReader(strings.NewReader(wrapped)), id)
	var nomatch *age.NoIdentityMatchError
	if errors.As(err, &nomatch) || errors.Is(err, age.ErrIncorrectIdentity) {
		return nil, wrongPassphrase()
	} else if err != nil {
		return nil, damaged(err)
	}
	b, err := io.ReadAll(io.LimitReader(r, 1024))
	if err != nil {
		return nil, damaged(err)
	}
	key, err := age.ParseX25519Identity(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, damaged(err)
	}
	return key, nil
}

func wrongPassphrase() error {
	var p data.Problems
	p.Report(FieldPassphrase, "backup.problem.wrong_passphrase")
	return p.Err()
}

// damaged is the error of a backup file that cannot be read as one:
// cut short, altered, or not a backup.
func damaged(cause error) error {
	e := data.NewError(data.EDamaged, "backup.error.damaged")
	e.Err = cause
	return e
}
