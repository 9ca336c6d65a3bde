package data_test

import (
	"context"
	"sync"
	"testing"

	"frontdesk/data"
)

// A background sync may give this computer a new series letter while the
// desk reads the store's device and hands out numbers: the letter changes
// whole (no torn read under -race), numbers taken after it carry it, and
// a letter another device holds is refused with the old one kept.
func TestSeriesLetterChangesWhileTheDeskWorks(t *testing.T) {
	s, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if l := s.Device().Series; l != "A" && l != "C" {
				t.Errorf("series letter read as %q", l)
				return
			}
		}
	}()
	var pt data.Patient
	for i, letter := range []string{"C", "A", "C"} {
		if err := s.SetSeries(ctx, letter); err != nil {
			t.Fatal(err)
		}
		pt = data.Patient{FamilyName: "Serie", GivenName: string(rune('a' + i))}
		if err := s.Update(ctx, func(tx *data.Tx) error { return tx.CreatePatient(&pt) }); err != nil {
			t.Fatal(err)
		}
		if pt.ChartNumber[:1] != letter {
			t.Fatalf("chart number %s taken after the letter became %s", pt.ChartNumber, letter)
		}
	}
	close(stop)
	wg.Wait()

	other := data.Device{ID: data.NewID(), Series: "D", Name: "laptop", PublicKey: s.Device().PublicKey}
	if err := s.RecordDevice(ctx, other); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSeries(ctx, "D"); data.ErrorCode(err) != data.EConflict {
		t.Fatalf("taking a letter another device holds: %v", err)
	}
	if s.Device().Series != "C" {
		t.Fatalf("the refused letter stayed: %s", s.Device().Series)
	}
}
