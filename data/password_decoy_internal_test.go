package data

import (
	"runtime"
	"testing"
)

// The decoy verified when a name belongs to nobody costs what a real
// hash costs (its parameters are the real ones) and no password opens
// it; making it runs no argon2id, which would make the first unknown
// name take twice as long as a known one and tell that it is unknown.
func TestTheDecoyHashCostsOneHashAndOpensNothing(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	decoy := decoyHash()
	runtime.ReadMemStats(&after)
	// argon2id allocates its whole memory cost (64 MiB) for each hash.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("making the decoy allocated %d bytes: it ran argon2id", grew)
	}
	h, ok := parseHash(decoy)
	if !ok {
		t.Fatalf("the decoy %q does not parse", decoy)
	}
	if h.p != defaultPasswordParams {
		t.Errorf("the decoy's costs are %+v, real hashes' %+v", h.p, defaultPasswordParams)
	}
	for _, pw := range []string{"", "no user has this password", "tulip-harbour-42"} {
		if verifyPassword(decoy, pw) {
			t.Errorf("%q opens the decoy", pw)
		}
	}
}
