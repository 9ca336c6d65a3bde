package data

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

func TestCheckpointsOf(t *testing.T) {
	for seq, want := range map[int64][]int64{
		1:  {},
		2:  {1},
		3:  {1, 2},
		41: {1, 16, 32, 36, 38, 40},
		64: {1, 32, 48, 56, 60, 62},
	} {
		if got := checkpointsOf(seq); !reflect.DeepEqual(got, want) {
			t.Errorf("checkpointsOf(%d) = %v, want %v", seq, got, want)
		}
	}
}

// The store keeps the hashes of the checkpoints as the chain grows, across
// reopening, without reading the chain on each commit: every checkpoint is
// in each anchor, with the chain's hash.
func TestAnchorCarriesEveryCheckpoint(t *testing.T) {
	ctx := context.Background()
	s := openInternal(t)
	dir := s.Dir()
	for i := range 70 {
		if i == 33 {
			s.Close()
			var err error
			if s, err = Open(dir); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
		}
		if err := s.AuditRead(ctx, "read", "patients", fmt.Sprint(i), ""); err != nil {
			t.Fatal(err)
		}
		a, err := VerifyAnchor(s.AnchorBytes())
		if err != nil {
			t.Fatal(err)
		}
		var seqs []int64
		for _, p := range a.Checkpoints {
			seqs = append(seqs, p.Seq)
			var h string
			if err := s.r.QueryRow(`SELECT hash FROM audit_log WHERE device_id = ? AND seq = ?`, a.DeviceID, p.Seq).Scan(&h); err != nil || h != p.Hash {
				t.Fatalf("head %d: checkpoint %d has hash %s, the chain %s (%v)", a.Seq, p.Seq, p.Hash, h, err)
			}
		}
		if want := checkpointsOf(a.Seq); !reflect.DeepEqual(seqs, want) {
			t.Fatalf("head %d: checkpoints %v, want %v", a.Seq, seqs, want)
		}
	}
}

// BenchmarkAnchorAdvance is what the anchor costs a commit that appended
// an audit row (handing the head over), beside what writing the anchor
// file costs the goroutine that does it (signing, replacing the file).
func BenchmarkAnchorAdvance(b *testing.B) {
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := <-s.Verified(); err != nil {
		b.Fatal(err)
	}
	w := s.anchor
	next := func() []auditHead {
		w.mu.Lock()
		seq := w.head.Seq + 1
		w.mu.Unlock()
		return []auditHead{{AnchorPoint{seq, fmt.Sprintf("%064x", seq)}, "2026-11-30T10:00:00.000Z"}}
	}
	b.Run("commit", func(b *testing.B) {
		for b.Loop() {
			w.advance(next())
		}
	})
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			w.advance(next())
			w.mu.Lock()
			w.write(false)
			w.mu.Unlock()
			if w.err != nil {
				b.Fatal(w.err)
			}
		}
	})
}
