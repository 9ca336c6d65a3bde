package backup

import (
	"context"
	"io"
	"sync"
	"time"
)

// Progress is told how far a backup or a restore has gone, in bytes,
// from the goroutine doing the work, at most every progressEvery.
type Progress func(done, total int64)

const progressEvery = 50 * time.Millisecond

// meter turns the work's many small steps into few Progress calls.
type meter struct {
	fn          Progress
	mu          sync.Mutex
	done, total int64
	last        time.Time
}

func newMeter(fn Progress) *meter { return &meter{fn: fn} }

func (m *meter) set(done, total int64) {
	m.mu.Lock()
	m.done, m.total = done, total
	m.report(false)
	m.mu.Unlock()
}

func (m *meter) add(n int64) {
	m.mu.Lock()
	m.done += n
	m.report(false)
	m.mu.Unlock()
}

// mark is set at the boundary of two steps of the work: reported
// whatever the time since the last report, so that the bar, and a Cancel
// pressed from it, keep up with work shorter than progressEvery.
func (m *meter) mark(done, total int64) {
	m.mu.Lock()
	m.done, m.total = done, total
	m.report(true)
	m.mu.Unlock()
}

// finish reports the end, whatever the time since the last report.
func (m *meter) finish() {
	m.mu.Lock()
	m.done = m.total
	m.report(true)
	m.mu.Unlock()
}

func (m *meter) report(force bool) {
	if m.fn == nil {
		return
	}
	if now := time.Now(); force || now.Sub(m.last) >= progressEvery {
		m.last = now
		m.fn(min(m.done, m.total), m.total)
	}
}

// copyChunk is the size of the steps between two looks at ctx.
const copyChunk = 1 << 20

// copyCounted copies src to dst in steps, telling m of each and stopping
// when ctx is cancelled.
func copyCounted(ctx context.Context, dst io.Writer, src io.Reader, m *meter) (int64, error) {
	buf := make([]byte, copyChunk)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		k, rerr := src.Read(buf)
		if k > 0 {
			if _, err := dst.Write(buf[:k]); err != nil {
				return n, err
			}
			n += int64(k)
			m.add(int64(k))
		}
		if rerr == io.EOF {
			return n, nil
		} else if rerr != nil {
			return n, rerr // io.ErrUnexpectedEOF included: a source cut short
		}
	}
}
