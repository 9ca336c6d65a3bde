package data_test

import (
	"context"
	"os"
	"testing"

	"frontdesk/data"
	"frontdesk/data/demo"
)

// BenchmarkOpenPractice is the start-up cost the desk pays before its
// first frame: opening the store and reading the practice, on the stress
// practice beside a small one in the same run. SQLite's quick_check, which
// reads the whole file, runs in the background with writes held; the
// "verified" case waits for it too, for comparison. `make bench` prints
// the stress ÷ small ratio (the goal is at most 1.5).
func BenchmarkOpenPractice(b *testing.B) {
	stress := os.Getenv("FRONTDESK_BENCH_DATA")
	if stress == "" {
		b.Skip("FRONTDESK_BENCH_DATA names no stress practice; `make bench` builds one")
	}
	ctx := context.Background()
	small := b.TempDir()
	s, err := data.Open(small)
	if err != nil {
		b.Fatal(err)
	}
	o := demo.Defaults()
	o.Patients, o.Days = 300, 30
	if _, err := demo.Generate(ctx, s, o, nil); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	open := func(b *testing.B, dir string, verified bool) {
		for b.Loop() {
			s, err := data.Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Practice(ctx); err != nil {
				b.Fatal(err)
			}
			if verified {
				if err := <-s.Verified(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
	b.Run("small", func(b *testing.B) { open(b, small, false) })
	b.Run("stress", func(b *testing.B) { open(b, stress, false) })
	b.Run("stress-verified", func(b *testing.B) { open(b, stress, true) })
}
