package sync

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/demo"
)

// benchPractice is the practice a join benchmark starts from: a copy of
// the stress practice when FRONTDESK_BENCH_DATA names one (`make bench`),
// else a demo practice of 5,000 patients and a year of appointments.
func benchPractice(b *testing.B) *data.Store {
	b.Helper()
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "data")
	if src := os.Getenv("FRONTDESK_BENCH_DATA"); src != "" {
		stress, err := data.Open(src)
		if err != nil {
			b.Fatal(err)
		}
		os.MkdirAll(dir, 0o700)
		err = stress.CopyDatabase(ctx, filepath.Join(dir, data.DBFile), nil)
		stress.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.Log("the stress practice")
		return openStore(b, dir)
	}
	st := openStore(b, dir)
	stats, err := demo.Generate(ctx, st, demo.Options{Seed: 1, Patients: 5000, Days: 365, Practitioners: 3}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("a demo practice of %d patients and %d appointments (FRONTDESK_BENCH_DATA names none)", stats.Patients, stats.Appointments)
	return st
}

// BenchmarkJoinFromSnapshot joins a practice from its snapshot (decrypt,
// decompress, check, become a new device, open, first sync) beside its
// floor: copying the same database file and flushing it, the least any
// join must do. Run with -benchtime=3x.
func BenchmarkJoinFromSnapshot(b *testing.B) {
	cheapScrypt(b)
	ctx := context.Background()
	st := benchPractice(b)
	folder := b.TempDir()
	if _, err := Create(ctx, st, folder, testPassphrase, Options{}); err != nil {
		b.Fatal(err)
	}
	plain := filepath.Join(b.TempDir(), "practice.db")
	if _, err := st.WriteSnapshot(ctx, plain); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(plain)
	snaps, _ := Folder{Dir: folder}.snapshots()
	b.Logf("database %d bytes, snapshot %d bytes", fi.Size(), snaps[0].Bytes)
	b.Run("frontdesk", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			dir := filepath.Join(b.TempDir(), "joined")
			res, err := Join(ctx, dir, folder, testPassphrase, Options{})
			if err != nil || !res.Joined {
				b.Fatalf("%+v, %v", res, err)
			}
			b.StopTimer()
			joined, err := data.Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			os.RemoveAll(filepath.Join(folder, "devices", joined.Device().ID)) // the next joiner takes the same letter
			joined.Close()
			b.StartTimer()
		}
	})
	b.Run("floor", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := copyFlushed(plain, filepath.Join(b.TempDir(), "copy.db")); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func copyFlushed(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkFolderAfterABusyYear simulates a year of a busy two-computer
// practice (250 working days; each day the desk books 60 appointments,
// edits 20, registers 8 patients and writes 20 notes, the laptop books 10
// and writes 5 notes; both sync every day) and reports the sync folder's
// size at the end, with pruning as sync does it, beside the bytes of
// every change file written over the year (what the folder would hold
// without pruning, plus its first snapshot). Run with -benchtime=1x;
// FRONTDESK_BENCH_DAYS shortens the year.
func BenchmarkFolderAfterABusyYear(b *testing.B) {
	cheapScrypt(b)
	days := 250
	if s := os.Getenv("FRONTDESK_BENCH_DAYS"); s != "" {
		fmt.Sscan(s, &days)
	}
	for i := 0; i < b.N; i++ {
		pruned, written, firstSnap := busyYear(b, days)
		b.ReportMetric(float64(pruned)/1e6, "MB-pruned-folder")
		b.ReportMetric(float64(written+firstSnap)/1e6, "MB-unpruned-folder")
	}
}

func busyYear(b *testing.B, days int) (folderBytes, changeBytes, firstSnapshot int64) {
	ctx := context.Background()
	now := time.Date(2026, 1, 5, 18, 0, 0, 0, time.UTC)
	opt := Options{Now: func() time.Time { return now }}
	desk := newPracticeStore(b)
	folder := b.TempDir()
	rng := rand.New(rand.NewSource(1))
	var prs, patients []string
	err := desk.Update(ctx, func(tx *data.Tx) error {
		for i := range 3 {
			pr := data.Practitioner{DisplayName: fmt.Sprintf("Dr %d", i), Active: true}
			if err := tx.Save(&pr); err != nil {
				return err
			}
			prs = append(prs, pr.ID)
		}
		for i := range 500 {
			pt := data.Patient{FamilyName: fmt.Sprintf("Patient%d", i), GivenName: "Test"}
			if err := tx.CreatePatient(&pt); err != nil {
				return err
			}
			patients = append(patients, pt.ID)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Create(ctx, desk, folder, testPassphrase, opt); err != nil {
		b.Fatal(err)
	}
	snaps, _ := Folder{Dir: folder}.snapshots()
	firstSnapshot = snaps[0].Bytes
	lapDir := filepath.Join(b.TempDir(), "laptop")
	if _, err := Join(ctx, lapDir, folder, testPassphrase, opt); err != nil {
		b.Fatal(err)
	}
	laptop := openStore(b, lapDir)
	seen := map[string]bool{}
	countNew := func() {
		sizes, _ := Folder{Dir: folder}.changeSizes()
		for d, files := range sizes {
			for seq, n := range files {
				if k := fmt.Sprint(d, seq); !seen[k] {
					seen[k] = true
					changeBytes += n
				}
			}
		}
	}
	var appts []string // the desk's own: the laptop's may not have reached it yet
	day := data.Date{Year: 2026, Month: 1, Day: 5}
	book := func(tx *data.Tx, n int, ids *[]string, pool []string) error {
		for range n {
			start := data.WallTime(8*60 + 15*rng.Intn(36))
			a := data.Appointment{PractitionerID: prs[rng.Intn(len(prs))], PatientID: pool[rng.Intn(len(pool))],
				Day: day.AddDays(rng.Intn(30)), Start: start, End: start + 15, TimeZone: "Europe/Paris"}
			if err := tx.Save(&a); err != nil {
				return err
			}
			if ids != nil {
				*ids = append(*ids, a.ID)
			}
		}
		return nil
	}
	notes := func(tx *data.Tx, n int, pool []string) error {
		for range n {
			if err := tx.AddNote(&data.Note{PatientID: pool[rng.Intn(len(pool))], Text: "Seen today; blood pressure checked, follow-up in three months."}); err != nil {
				return err
			}
		}
		return nil
	}
	for d := range days {
		err := desk.Update(ctx, func(tx *data.Tx) error {
			if err := book(tx, 60, &appts, patients); err != nil {
				return err
			}
			for range 20 {
				a, err := tx.Appointment(appts[rng.Intn(len(appts))])
				if err != nil {
					return err
				}
				a.Notes = fmt.Sprintf("bring results %d", rng.Intn(1000))
				if err := tx.Save(&a); err != nil {
					return err
				}
			}
			for range 8 {
				pt := data.Patient{FamilyName: fmt.Sprintf("New%d", rng.Intn(1e6)), GivenName: "Test"}
				if err := tx.CreatePatient(&pt); err != nil {
					return err
				}
				patients = append(patients, pt.ID)
			}
			return notes(tx, 20, patients)
		})
		if err != nil {
			b.Fatalf("day %d on the desk: %v", d, err)
		}
		syncBench(b, desk, folder, opt)
		err = laptop.Update(ctx, func(tx *data.Tx) error {
			if err := book(tx, 10, nil, patients[:500]); err != nil {
				return err
			}
			return notes(tx, 5, patients[:500])
		})
		if err != nil {
			b.Fatalf("day %d on the laptop: %v", d, err)
		}
		syncBench(b, laptop, folder, opt)
		countNew()
		now = now.Add(24 * time.Hour)
		day = day.AddDays(1)
	}
	syncBench(b, desk, folder, opt)
	syncBench(b, laptop, folder, opt)
	countNew()
	filepath.Walk(folder, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			folderBytes += fi.Size()
		}
		return nil
	})
	b.Logf("%d days: folder %d bytes with pruning; %d bytes of change files written, first snapshot %d bytes", days, folderBytes, changeBytes, firstSnapshot)
	return folderBytes, changeBytes, firstSnapshot
}

func syncBench(b *testing.B, st *data.Store, folder string, opt Options) {
	b.Helper()
	f, err := OpenFolder(context.Background(), st, folder, testPassphrase)
	if err != nil {
		b.Fatal(err)
	}
	if res, err := Sync(context.Background(), st, f, opt); err != nil || len(res.Import.Refused) > 0 {
		b.Fatalf("%+v, %v", res, err)
	}
}
