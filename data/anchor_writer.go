package data

import (
	"os"
	"path/filepath"
	"sync"
	"time"
)

// anchorWriter keeps this device's anchor file up to date as commits
// append audit rows.
//
// Cost and guarantee: a commit only hands its new head over (nanoseconds).
// A goroutine signs it and replaces the file atomically (temporary file,
// rename), at most once per anchorCoalesce, without flushing it to the
// disk; the store flushes it when it closes. Signing and replacing cost
// about a millisecond on ext4 (a rename over a file starts its write-back),
// as much as the commit itself, which would double the price of every
// booking if it ran in the commit. So the anchor on disk trails the
// database by at most a fraction of a second for every other process
// (check, a backup), and reaches the disk when the desk closes or when the
// system writes its cache back (seconds). It is always written after its
// commit: a crash or a power cut can leave it behind the database (check
// accepts that) but never ahead of it, so an anchor ahead of its chain
// always means entries were lost or removed.
type anchorWriter struct {
	mu        sync.Mutex
	dir       string
	key       deviceKey
	head      AnchorPoint
	at        string
	known     map[int64]string // hashes of earlier heads the checkpoints may need
	signed    []byte           // the anchor of signedSeq
	signedSeq int64
	written   int64 // the head of the anchor file
	unsynced  bool  // written since the last flush
	err       error // the last failure to write, reported by close

	kick    chan struct{} // the head moved
	stop    chan struct{}
	stopped chan struct{}
}

// anchorCoalesce is the longest the anchor file trails a commit, and the
// shortest time between two writes of it.
const anchorCoalesce = 100 * time.Millisecond

// auditHead is what the anchor needs of an appended audit entry.
type auditHead struct {
	AnchorPoint
	at string
}

func newAnchorWriter(dir string, key deviceKey) *anchorWriter {
	return &anchorWriter{dir: dir, key: key, known: map[int64]string{}}
}

// start runs the goroutine that writes the file as the head moves.
func (w *anchorWriter) start() {
	w.kick, w.stop, w.stopped = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(w.stopped)
		for {
			select {
			case <-w.kick:
				w.mu.Lock()
				w.write(false)
				w.mu.Unlock()
			case <-w.stop:
				return
			}
			select { // let the commits of the next moment share one write
			case <-time.After(anchorCoalesce):
			case <-w.stop:
				return
			}
		}
	}()
}

// advance records appended entries (in chain order).
func (w *anchorWriter) advance(entries []auditHead) {
	w.mu.Lock()
	for _, e := range entries {
		if e.Seq <= w.head.Seq {
			continue // another process appended in between; its anchor is older news
		}
		if w.head.Seq > 0 {
			w.known[w.head.Seq] = w.head.Hash
		}
		w.head, w.at = e.AnchorPoint, e.at
	}
	w.mu.Unlock()
	select {
	case w.kick <- struct{}{}:
	default: // a write is due already
	}
}

// sign returns the signed anchor of the current head. Called with mu held.
func (w *anchorWriter) sign() []byte {
	if w.signedSeq == w.head.Seq && w.signed != nil {
		return w.signed
	}
	a := Anchor{DeviceID: w.key.device, Seq: w.head.Seq, Hash: w.head.Hash, At: w.at}
	keep := map[int64]string{}
	for _, seq := range checkpointsOf(w.head.Seq) {
		if h, ok := w.known[seq]; ok {
			a.Checkpoints = append(a.Checkpoints, AnchorPoint{seq, h})
			keep[seq] = h
		}
	}
	w.known = keep
	w.signed, w.signedSeq = signAnchor(a, w.key), w.head.Seq
	return w.signed
}

// write replaces the anchor file when it is behind the head. Called with
// mu held.
func (w *anchorWriter) write(durable bool) {
	if w.head.Seq == w.written {
		return
	}
	b := w.sign()
	if err := writeFileAtomic(anchorPath(w.dir, w.key.device), b, durable, false); err != nil {
		w.err = err
		return
	}
	w.written, w.unsynced, w.err = w.head.Seq, !durable, nil
}

// bytes returns the signed anchor of the current head.
func (w *anchorWriter) bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]byte(nil), w.sign()...)
}

// close stops the writing goroutine and leaves the anchor of the last
// head on the disk, flushed.
func (w *anchorWriter) close() error {
	if w.stop != nil {
		select {
		case <-w.stop:
		default:
			close(w.stop)
		}
		<-w.stopped
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.head.Seq != w.written {
		w.write(true)
	} else if w.unsynced {
		path := anchorPath(w.dir, w.key.device)
		// Opened for writing, though nothing is written: Windows flushes
		// a file (FlushFileBuffers) only through a handle that may write,
		// and refuses a read-only one with "access denied".
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err == nil {
			err = f.Sync()
			f.Close()
		}
		syncDir(filepath.Dir(path))
		if err != nil {
			w.err = err
		}
		w.unsynced = false
	}
	if w.err != nil {
		return wrapError(EStorage, w.err, "anchor.error.not_written", "Cause", plainOSError(w.err))
	}
	return nil
}

// AnchorBytes returns this device's signed anchor: the head of its audit
// chain as of the last commit (nil until the store's opening check is
// over), for backups and sync files to carry as outside witnesses of the
// audit chain. Read it back with VerifyAnchor.
func (s *Store) AnchorBytes() []byte {
	select {
	case <-s.verify.done:
	default:
		return nil
	}
	if s.anchor == nil {
		return nil
	}
	return s.anchor.bytes()
}
