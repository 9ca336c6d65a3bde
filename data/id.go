package data

import (
	"fmt"

	"github.com/google/uuid"
)

// NewID returns a new UUIDv7: time-ordered, so rows created together sit
// together in the primary-key index, and unique across devices without
// coordination.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// ChartNumber formats the n-th chart number of a device series: A-000123.
// Each device hands out numbers from its own series letter, so two
// offline devices never give two patients the same number.
func ChartNumber(series string, n int64) string {
	return fmt.Sprintf("%s-%06d", series, n)
}
