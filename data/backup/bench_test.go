//go:build !windows

package backup_test

// Backup and restore of the stress practice (100 000 patients, ten years)
// beside their floor, a plain VACUUM INTO of the same database: the copy
// every backup starts with. `make bench` builds the practice once and
// names it in FRONTDESK_BENCH_DATA; run with -benchtime=3x, each
// iteration writes some 1.3 GB. Besides the time, each reports the
// processor time it used (cpu-s/op, from getrusage): on a machine shared
// with other work the wall-clock ratio moves a lot, this one less.

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/backup"
)

// benchPassphrase is the stress practice's backup passphrase, chosen by
// the first benchmark that needs one.
const benchPassphrase = "the stress practice's benchmark passphrase"

func stressPractice(b testing.TB) *data.Store {
	b.Helper()
	dir := os.Getenv("FRONTDESK_BENCH_DATA")
	if dir == "" {
		b.Skip("FRONTDESK_BENCH_DATA names no stress practice; `make bench` builds one")
	}
	s, err := data.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	// The store's opening check (quick_check of the whole file) runs in
	// the background from the first write: here, not inside whichever
	// iteration's audit row happens to be the first write.
	if err := <-s.Verified(); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if err := backup.CheckPassphrase(ctx, s, benchPassphrase); data.ErrorCode(err) == data.ENotFound {
		// At the real work factor: a restore's cost includes it.
		defer func(f int) { backup.ScryptWorkFactor = f }(backup.ScryptWorkFactor)
		backup.ScryptWorkFactor = 18
		if err := backup.SetPassphrase(ctx, s, benchPassphrase); err != nil {
			b.Fatal(err)
		}
	} else if err != nil {
		b.Fatalf("the stress practice has another backup passphrase: %v", err)
	}
	return s
}

// vacuumInto is the floor: the database copied with VACUUM INTO on a
// bare read-only connection.
func vacuumInto(b *testing.B, s *data.Store) {
	b.Helper()
	raw, err := sql.Open("sqlite3", "file:"+s.Path()+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	out := filepath.Join(b.TempDir(), "copy.db")
	if _, err := raw.Exec(`VACUUM INTO ?`, out); err != nil {
		b.Fatal(err)
	}
	os.Remove(out)
}

// cpuTime is the processor time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the processor time per iteration of the loop that ran
// since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
}

func BenchmarkBackup(b *testing.B) {
	s := stressPractice(b)
	b.Run("frontdesk", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			path := filepath.Join(b.TempDir(), "stress.fdbackup")
			r, err := backup.Create(context.Background(), s, path, backup.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(r.Size)/(1<<20), "MB")
			os.Remove(path)
		}
	})
	b.Run("floor", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			vacuumInto(b, s)
		}
	})
}

func BenchmarkRestore(b *testing.B) {
	s := stressPractice(b)
	file := filepath.Join(b.TempDir(), "stress.fdbackup")
	if _, err := backup.Create(context.Background(), s, file, backup.Options{}); err != nil {
		b.Fatal(err)
	}
	b.Run("frontdesk", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			dir := filepath.Join(b.TempDir(), "restored")
			if _, err := backup.Restore(context.Background(), dir, file, benchPassphrase, nil); err != nil {
				b.Fatal(err)
			}
			os.RemoveAll(dir)
		}
	})
	b.Run("floor", func(b *testing.B) {
		defer reportCPU(b, cpuTime())
		for b.Loop() {
			vacuumInto(b, s)
		}
	})
}
