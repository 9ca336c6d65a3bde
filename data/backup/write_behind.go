package backup

import (
	"io"
	"sync/atomic"
)

// writeBehind hands what it is given, in blocks, to a goroutine that
// writes them to w. Writing a large file costs the system about as much
// processor time as encrypting it: with the writes on a goroutine of
// their own, the encryption (or decryption) of the next block goes on on
// the second core meanwhile, instead of waiting for each write.
type writeBehind struct {
	w      io.Writer
	buf    []byte        // the block being filled
	full   chan []byte   // blocks to write, in order
	free   chan []byte   // blocks written, to fill again
	done   chan struct{} // closed when the goroutine has ended
	err    error         // the first write error; read after failed or done
	failed atomic.Bool
	closed bool
}

const (
	behindBlock = 1 << 20
	behindDepth = 4 // blocks waiting to be written at most
)

func newWriteBehind(w io.Writer) *writeBehind {
	b := &writeBehind{w: w, full: make(chan []byte, behindDepth), free: make(chan []byte, behindDepth+1), done: make(chan struct{})}
	for range behindDepth {
		b.free <- make([]byte, 0, behindBlock)
	}
	b.buf = make([]byte, 0, behindBlock)
	go b.run()
	return b
}

func (b *writeBehind) run() {
	defer close(b.done)
	for blk := range b.full {
		if !b.failed.Load() {
			if _, err := b.w.Write(blk); err != nil {
				b.err = err
				b.failed.Store(true)
			}
		}
		b.free <- blk[:0]
	}
}

// Write keeps p to be written; it fails with the writer's error once a
// write has failed.
func (b *writeBehind) Write(p []byte) (int, error) {
	if b.closed {
		return 0, io.ErrClosedPipe
	}
	n := 0
	for len(p) > 0 {
		if b.failed.Load() {
			return n, b.err
		}
		k := copy(b.buf[len(b.buf):cap(b.buf)], p)
		b.buf = b.buf[:len(b.buf)+k]
		p, n = p[k:], n+k
		if len(b.buf) == cap(b.buf) {
			b.full <- b.buf
			b.buf = <-b.free
		}
	}
	return n, nil
}

// Close writes what is left, waits until everything is written and
// returns the first write error. It may be called again (after a failure
// elsewhere, from a defer): the goroutine never outlives it.
func (b *writeBehind) Close() error {
	if !b.closed {
		b.closed = true
		if len(b.buf) > 0 {
			b.full <- b.buf
		}
		close(b.full)
	}
	<-b.done
	return b.err
}
