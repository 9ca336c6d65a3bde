package data_test

import (
	"testing"

	"frontdesk/data"
)

// The band of a weight plot is the healthy weight for the height, not
// the 2–200 kg a reading must merely fall in.
func TestUsualBands(t *testing.T) {
	if got := data.HealthyWeight(1700); got != (data.Range{Min: 535, Max: 723}) {
		t.Errorf("healthy weight for 170 cm: %+v, want 53.5–72.3 kg", got)
	}
	if _, _, ok := data.AdultRange(data.VitalWeight); ok {
		t.Error("weight has an adult range of its own")
	}
	for _, k := range data.VitalKinds {
		r, r2, ok := data.AdultRange(k.Code)
		if !ok {
			continue
		}
		// Inside the bounds that flag a reading, and narrower.
		if r.Min < k.Usual.Min || r.Max > k.Usual.Max || r.Min >= r.Max {
			t.Errorf("%s: adult range %+v outside its usual bounds %+v", k.Code, r, k.Usual)
		}
		if k.Pair && (r2.Min < k.Usual2.Min || r2.Max > k.Usual2.Max || r2.Min >= r2.Max) {
			t.Errorf("%s: second range %+v outside %+v", k.Code, r2, k.Usual2)
		}
	}
}
