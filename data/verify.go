package data

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"sync"

	"frontdesk/data/i18n"
)

// verification is the check a store runs when it opens: SQLite's
// quick_check, which reads the whole file (about half a second on a
// practice of 100 000 patients), then this device's audit chain against its
// anchor, then the device key. Unless the file needed writes before use
// (then Open runs it at once), it runs in the background from the first
// write or the first call to Verified, whichever comes first: the desk asks
// after its first frame, so that reading the whole file does not compete
// with drawing it. Reads go ahead meanwhile; every write waits until the
// check has passed, or fails with what it found.
type verification struct {
	once   sync.Once
	begin  func()        // starts the background check; nil when Open ran it
	done   chan struct{} // closed when the check is over
	err    error         // what it found; read after done
	cancel context.CancelFunc
}

// Verified starts the opening check if it has not started, and returns a
// channel that receives its result (nil when the database passed), then is
// closed. Until then, writes wait.
func (s *Store) Verified() <-chan error {
	s.beginVerification()
	ch := make(chan error, 1)
	go func() {
		<-s.verify.done
		ch <- s.verify.err
		close(ch)
	}()
	return ch
}

func (s *Store) beginVerification() {
	s.verify.once.Do(func() {
		if s.verify.begin != nil {
			s.verify.begin()
		}
	})
}

// writable starts the opening check if need be, waits for it and returns
// what it found.
func (s *Store) writable(ctx context.Context) error {
	s.beginVerification()
	select {
	case <-s.verify.done:
		return s.verify.err
	case <-ctx.Done():
		return sqlErr("waiting for the opening check", ctx.Err())
	}
}

// startVerification prepares the opening check: it runs at once when
// quick_check has already passed (the file needed writes before the store
// could use it) or when the device key needs writing (recording a key is a
// write, and a write waits for quick_check); otherwise it will run in the
// background on the read pool (see verification).
func (s *Store) startVerification(ctx context.Context, quickChecked bool) error {
	s.verify.done = make(chan struct{})
	vctx, cancel := context.WithCancel(context.Background())
	s.verify.cancel = cancel
	key, haveKey, err := loadDeviceKey(s.dir, s.device().ID)
	if errors.Is(err, fs.ErrPermission) {
		close(s.verify.done)
		return wrapError(EStorage, err, "store.error.read_key", "Folder", s.dir, "Cause", plainOSError(err))
	}
	// A damaged key file is replaced: its anchors no longer verify.
	damagedKey := err != nil
	keyReady := !damagedKey && haveKey && s.device().PublicKey == key.publicText()
	if !quickChecked && !keyReady {
		if err := quickCheck(ctx, s.r); err != nil {
			close(s.verify.done)
			return err
		}
		quickChecked = true
	}
	if quickChecked {
		s.verify.err = s.verifyAnchor(ctx, key, keyReady, damagedKey)
		close(s.verify.done)
		return nil
	}
	s.verify.begin = func() {
		go func() {
			err := quickCheck(vctx, s.r)
			if err == nil {
				err = s.verifyAnchor(vctx, key, true, false)
			}
			if vctx.Err() != nil {
				err = NewError(EConflict, "store.error.closed_during_check")
			}
			s.verify.err = err
			close(s.verify.done)
		}()
	}
	return nil
}

// stopVerification cancels a running check and waits for it, before the
// pools close; a check that never started is marked cancelled.
func (s *Store) stopVerification() {
	if s.verify.cancel == nil {
		return
	}
	s.verify.cancel()
	s.beginVerification() // a cancelled check ends at once
	<-s.verify.done
}

// verifyAnchor compares this device's audit chain with its anchor, gives
// the device its key when keyReady is false (the key's public half recorded
// in the database), then starts keeping the anchor. An anchor that the
// chain does not reach means that saved changes were lost or removed: the
// store then holds every write (nothing is built on a database that lost
// its past, and the anchor stays as the evidence) until the database is
// restored.
func (s *Store) verifyAnchor(ctx context.Context, key deviceKey, keyReady, damagedKey bool) error {
	if b, err := os.ReadFile(anchorPath(s.dir, s.device().ID)); err == nil {
		if a, err := parseAnchor(b); err == nil && s.trusts(a, key) {
			m, ok, err := compareAnchor(ctx, s.r, a)
			if err != nil {
				return sqlErr("comparing the audit log with its anchor", err)
			}
			if !ok {
				return lostChangesError(s.path, m, a)
			}
		}
		// An anchor that cannot be read or is not signed by this device's
		// key is no evidence of anything (a power cut can tear it, since it
		// is not flushed after each commit): it is replaced below, and
		// "frontdesk check" reports it if it runs first.
	}
	if !keyReady {
		var err error
		if key, err = s.setUpKey(ctx, key, damagedKey); err != nil {
			return err
		}
	}
	return s.startAnchor(ctx, key)
}

// trusts reports whether an anchor of this device is signed with its key:
// the one recorded in the database, or the one in the key file.
func (s *Store) trusts(a Anchor, key deviceKey) bool {
	if a.DeviceID != s.device().ID {
		return false
	}
	recorded, err := base64.StdEncoding.DecodeString(s.device().PublicKey)
	return (err == nil && bytes.Equal(recorded, a.PublicKey)) || (key.priv != nil && key.public().Equal(ed25519.PublicKey(a.PublicKey)))
}

// setUpKey records the key of the key file in the database, or makes a
// new key when the file is missing or damaged (taking the one another
// Frontdesk opening the same folder wrote a moment earlier).
func (s *Store) setUpKey(ctx context.Context, key deviceKey, damaged bool) (deviceKey, error) {
	if key.priv == nil {
		fresh, err := newDeviceKey(s.device().ID)
		if err != nil {
			return key, wrapError(EInternal, err, "store.error.make_key")
		}
		if damaged {
			// Unless another Frontdesk replaced it meanwhile.
			if _, ok, err := loadDeviceKey(s.dir, s.device().ID); !ok || err != nil {
				os.Remove(keyPath(s.dir, s.device().ID))
			}
		}
		if err := saveDeviceKey(s.dir, fresh); errors.Is(err, fs.ErrExist) {
			if fresh, _, err = loadDeviceKey(s.dir, s.device().ID); err != nil {
				return key, keyFileError(s.dir, err)
			}
		} else if err != nil {
			return key, keyFileError(s.dir, err)
		}
		key = fresh
	}
	if s.device().PublicKey == key.publicText() {
		return key, nil
	}
	d := s.device()
	d.PublicKey = key.publicText()
	if err := s.update(ctx, func(tx *Tx) error { return tx.Save(&d) }); err != nil {
		return key, err
	}
	s.setDevice(d)
	return key, nil
}

func keyFileError(dir string, err error) error {
	return wrapError(EStorage, err, "store.error.write_key", "Folder", dir, "Cause", plainOSError(err))
}

// startAnchor reads this device's chain head and the hashes of its
// checkpoints, writes the anchor when the file is missing or behind, and
// keeps it from now on.
func (s *Store) startAnchor(ctx context.Context, key deviceKey) error {
	w := newAnchorWriter(s.dir, key)
	err := s.r.QueryRowContext(ctx, `SELECT seq, hash, at FROM audit_log WHERE device_id = ? ORDER BY seq DESC LIMIT 1`, s.device().ID).
		Scan(&w.head.Seq, &w.head.Hash, &w.at)
	if err != nil && err != sql.ErrNoRows {
		return sqlErr("reading the head of the audit chain for its anchor", err)
	}
	for _, seq := range checkpointsOf(w.head.Seq) {
		var h string
		if err := s.r.QueryRowContext(ctx, `SELECT hash FROM audit_log WHERE device_id = ? AND seq = ?`, s.device().ID, seq).Scan(&h); err == nil {
			w.known[seq] = h
		} else if err != sql.ErrNoRows {
			return sqlErr("reading the checkpoints of the audit chain for its anchor", err)
		}
	}
	if b, err := os.ReadFile(anchorPath(s.dir, s.device().ID)); err == nil {
		if a, err := parseAnchor(b); err == nil && a.Seq == w.head.Seq && a.Hash == w.head.Hash && s.trusts(a, key) {
			w.written = a.Seq
		}
	}
	w.write(true)
	if w.err != nil {
		return wrapError(EStorage, w.err, "store.error.write_anchor", "Folder", s.dir, "Cause", plainOSError(w.err))
	}
	w.start()
	s.anchor = w
	return nil
}

// lostChangesError is the refusal to write on a database whose audit
// chain does not reach its anchor.
func lostChangesError(path string, m anchorMismatch, a Anchor) error {
	// Entry numbers are passed as text: they name entries, and a number
	// would be grouped ("entry 1,204").
	var what i18n.Message
	switch m.kind {
	case mismatchEmptied:
		what = i18n.Msg("anchor.mismatch.emptied", "At", a.At, "Entries", strconv.FormatInt(int64(a.Seq), 10))
	case mismatchTruncated:
		what = i18n.Msg("anchor.mismatch.truncated", "Last", strconv.FormatInt(int64(m.last), 10), "At", a.At,
			"Entry", strconv.FormatInt(int64(a.Seq), 10))
	default:
		what = i18n.Msg("anchor.mismatch.replaced", "Entry", strconv.FormatInt(int64(m.bad), 10), "At", a.At)
	}
	return wrapError(EDamaged, errors.New(m.describe(a)), "store.error.lost_changes", "Path", path, "What", what)
}
