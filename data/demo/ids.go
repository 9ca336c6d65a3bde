package demo

import (
	"encoding/binary"
	"math/rand/v2"

	"github.com/google/uuid"
)

// idSource hands out every key of one demo run. A key is a UUIDv7 whose
// time is a notional clock that starts at midnight (UTC) of the
// practice's first day of records and moves on one millisecond per key,
// and whose random bits come from the caller's random stream. So a seed
// reproduces the same keys, keys sort in the order they were made, no two
// keys of a run share a timestamp, and the time a key carries is a
// plausible past one: even a million patients with their files and
// appointments (about twenty million keys) take under six hours of the
// notional clock, and the first day lies at least a day back.
type idSource struct {
	clock int64 // Unix milliseconds of the key handed out last
}

// next returns a new key with its random bits drawn from rng.
func (s *idSource) next(rng *rand.Rand) string {
	var b [16]byte
	s.clock++
	binary.BigEndian.PutUint64(b[0:8], uint64(s.clock)<<16)
	binary.BigEndian.PutUint64(b[8:16], rng.Uint64())
	binary.BigEndian.PutUint16(b[6:8], uint16(rng.Uint32()))
	b[6] = 0x70 | b[6]&0x0f // version 7
	b[8] = 0x80 | b[8]&0x3f // RFC 9562 variant
	return uuid.UUID(b).String()
}
