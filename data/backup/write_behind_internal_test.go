package backup

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// What goes through a writeBehind arrives whole and in order, whatever
// the sizes of the writes.
func TestWriteBehindKeepsOrder(t *testing.T) {
	want := make([]byte, 5*behindBlock+12345)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range want {
		want[i] = byte(rng.Uint32())
	}
	var got bytes.Buffer
	b := newWriteBehind(&got)
	for rest := want; len(rest) > 0; {
		n := min(len(rest), 1+rng.IntN(3*behindBlock/2))
		if k, err := b.Write(rest[:n]); k != n || err != nil {
			t.Fatalf("Write = %d, %v", k, err)
		}
		rest = rest[n:]
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("%d bytes arrived, want the %d written, in order", got.Len(), len(want))
	}
	if err := b.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	if _, err := b.Write([]byte{1}); err == nil {
		t.Error("a Write after Close was taken")
	}
}

// failingWriter fails once it has taken limit bytes.
type failingWriter struct{ n, limit int }

var errDiskFull = errors.New("disk full")

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.n+len(p) > f.limit {
		return 0, errDiskFull
	}
	f.n += len(p)
	return len(p), nil
}

// A failed write is the error of a later Write or of Close: a backup
// that could not be written whole fails.
func TestWriteBehindReportsTheWritersError(t *testing.T) {
	b := newWriteBehind(&failingWriter{limit: 2 * behindBlock})
	block := make([]byte, behindBlock/3)
	var err error
	for i := 0; i < 100 && err == nil; i++ {
		_, err = b.Write(block)
	}
	if cerr := b.Close(); !errors.Is(cerr, errDiskFull) {
		t.Errorf("Close = %v, want the writer's error", cerr)
	}
	if err != nil && !errors.Is(err, errDiskFull) {
		t.Errorf("Write = %v, want the writer's error", err)
	}
	// A short last block fails at Close too.
	b = newWriteBehind(&failingWriter{limit: 10})
	if _, err := io.WriteString(b, "more than ten bytes"); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); !errors.Is(err, errDiskFull) {
		t.Errorf("Close = %v, want the writer's error", err)
	}
}
